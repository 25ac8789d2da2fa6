// The sidebar frame acts only where its own content script mounted it.
//
// sidebar.html is web-accessible to the CRM hosts, so any page on them (a community site,
// another org) can frame it with whatever URL it likes. Requests from a sidebar frame are
// admitted only when the content script of the frame's own tab reports a live mount whose
// token is the one in the frame's URL, bound to that one frame, and only for the records
// that mount has shown. Everything else is refused before a handler runs: no CRM read, no
// cache row, no "since you last looked" baseline.
import { accountKey, sameRecord, type RecordRef } from '../crm/detect';
import { RequestEnvelope, type ResponseEnvelope } from '../messages/envelope';
import { protocol, type MessageType, type RequestOf } from '../messages/index';
import type { sidebarMessages } from '../messages/protocol';
import { MountReport } from '../messages/record';
import type { Sender } from './router';

/** What a sidebar request touches: the frame only, one record, one account, one note, or nothing a frame may touch. */
export type Scope =
  | { kind: 'frame' }
  | { kind: 'record'; ref: RecordRef }
  | { kind: 'account'; key: string }
  | { kind: 'note'; id: string }
  | { kind: 'never' };

type SidebarType = keyof typeof sidebarMessages & MessageType;
const FRAME: Scope = { kind: 'frame' };
const account = (d: { accountKey: string }): Scope => ({ kind: 'account', key: d.accountKey });

/** Every sidebar message has a scope (the compiler checks that none is missing); options messages have none. */
export const SIDEBAR_SCOPES: { [K in SidebarType]: (data: RequestOf<K>) => Scope } = {
  'frame.confirm': (d) => ({ kind: 'record', ref: d.ref as RecordRef }),
  'record.open': (d) => ({ kind: 'record', ref: d.ref as RecordRef }),
  'record.refresh': (d) => ({ kind: 'record', ref: d.ref as RecordRef }),
  'pack.view': () => FRAME,
  'notes.list': account,
  'note.save': account,
  'note.delete': (d) => ({ kind: 'note', id: d.id }),
  'draft.get': account,
  'draft.save': account,
  'override.set': account,
  'override.clear': account,
  'template.copied': account,
  'contact.choose': account,
  'settings.get': () => FRAME,
  'settings.set': () => FRAME,
};

export function scopeOf(type: MessageType, data: unknown): Scope {
  const scope = (SIDEBAR_SCOPES as Partial<Record<MessageType, (d: unknown) => Scope>>)[type];
  return scope ? scope(data) : { kind: 'never' };
}

/** A message from sidebar.html, wherever it was loaded (a frame in a tab, or a tab of its own). */
export function isSidebarPage(sender: Sender): boolean {
  if (!sender.fromExtensionPage || !sender.url) return false;
  try {
    return new URL(sender.url).pathname === '/sidebar.html';
  } catch {
    return false;
  }
}

/** The mount token the content script put in the frame's URL (its fragment), as the browser reports the sender's URL. */
export function frameToken(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const token = new URL(url).hash.slice(1);
    return token.length >= 8 && token.length <= 64 ? token : null;
  } catch {
    return null;
  }
}

export interface FrameGateDeps {
  /** Ask the content script in the tab's top frame what it has mounted (runtime answer, unvalidated); reject or null when none. */
  askMount(tabId: number): Promise<unknown>;
  /** The account a contact's or deal's cache row resolved to, if any. */
  resolvedTo(key: string): Promise<string | undefined>;
  /** The account a stored note belongs to, if the note exists. */
  noteAccount(id: string): Promise<string | undefined>;
  /** The refusal's message, in the user's language; an English sentence naming the reason otherwise. */
  message?: (type: MessageType, reason: string) => string;
}

interface Mount {
  token: string;
  /** The one frame confirmed for this mount; unset until a frame asks. */
  frameId?: number;
  refs: RecordRef[];
}

const MAX_REFS = 64;
/** A content script that has not answered by then is taken as none. */
const ASK_TIMEOUT_MS = 3_000;

const english = (_type: MessageType, reason: string) =>
  `Sidecar's sidebar acts only in the frame its own content script opened beside a CRM record (${reason}).`;

/** Thrown inside the gate; `admit` answers with its reason. */
class Refused {
  constructor(readonly reason: string) {}
}
const refused = (reason: string) => new Refused(reason);

function merge(a: RecordRef[], b: RecordRef[]): RecordRef[] {
  const out = [...a];
  for (const r of b) if (!out.some((x) => sameRecord(x, r))) out.push(r);
  return out.slice(-MAX_REFS);
}

export interface FrameGate {
  /** The content script's page.record event: its mount (token) in this tab now shows `ref`. */
  noteRecord(tabId: number, token: string, ref: RecordRef): void;
  /** Null when `sender` may make this request (validated data), else why not. */
  admit(type: MessageType, data: unknown, sender: Sender): Promise<string | null>;
  /**
   * The gate before the router: a refusal envelope for a sidebar request this sender may not
   * make, null to let the router validate and answer it.
   */
  check(raw: unknown, sender: Sender): Promise<ResponseEnvelope | null>;
}

export function createFrameGate(deps: FrameGateDeps): FrameGate {
  // By tab: the mount its content script reported. Lost when the worker stops; rebuilt by asking again.
  const mounts = new Map<number, Mount>();

  async function live(tabId: number): Promise<MountReport> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ASK_TIMEOUT_MS)));
    const raw = await Promise.race([deps.askMount(tabId).catch(() => null), late]);
    clearTimeout(timer);
    const parsed = MountReport.safeParse(raw ?? null);
    return parsed.success ? parsed.data : null;
  }

  /** The mount this frame belongs to: from memory once confirmed, else asked of the tab's content script now. */
  async function confirm(tabId: number, frameId: number, token: string, fresh: boolean): Promise<Mount> {
    const known = mounts.get(tabId);
    if (!fresh && known && known.token === token && known.frameId === frameId) return known;
    const report = await live(tabId);
    if (!report) throw refused('no sidebar is mounted in this tab');
    if (report.token !== token) throw refused('this frame is not the one mounted in this tab');
    const prior = mounts.get(tabId);
    const same = prior?.token === token ? prior : undefined;
    if (same?.frameId !== undefined && same.frameId !== frameId) throw refused('another frame holds this mount');
    const mount: Mount = { token, frameId, refs: merge(same?.refs ?? [], report.refs as RecordRef[]) };
    mounts.set(tabId, mount);
    return mount;
  }

  async function covers(mount: Mount, scope: Scope): Promise<boolean> {
    switch (scope.kind) {
      case 'frame':
        return true;
      case 'record':
        return mount.refs.some((r) => sameRecord(r, scope.ref));
      case 'account':
        return accountAdmitted(mount, scope.key);
      case 'note': {
        const key = await deps.noteAccount(scope.id);
        // No such note: nothing to read or change, the handler answers as it does for any missing note.
        return key === undefined || accountAdmitted(mount, key);
      }
      case 'never':
        return false;
    }
  }

  /** An account the mount's records show: the record's own, or the company a contact or deal resolved to. */
  async function accountAdmitted(mount: Mount, key: string): Promise<boolean> {
    for (const ref of mount.refs) {
      const own = accountKey(ref);
      if (own === key) return true;
      if (ref.objectType === 'contact' || ref.objectType === 'deal') {
        if ((await deps.resolvedTo(own).catch(() => undefined)) === key) return true;
      }
    }
    return false;
  }

  async function admit(type: MessageType, data: unknown, sender: Sender): Promise<string | null> {
    try {
      await vet(type, data, sender);
      return null;
    } catch (err) {
      if (err instanceof Refused) return err.reason;
      throw err;
    }
  }

  async function vet(type: MessageType, data: unknown, sender: Sender): Promise<void> {
    if (!isSidebarPage(sender)) return;
    const scope = scopeOf(type, data);
    if (scope.kind === 'never') throw refused(`${type} is not the sidebar's`);
    const token = frameToken(sender.url);
    if (sender.tabId === undefined || sender.tabId < 0 || sender.frameId === undefined || !token) throw refused('not a frame in a tab');
    const mount = await confirm(sender.tabId, sender.frameId, token, false);
    if (await covers(mount, scope)) return;
    // The page may have moved on (or the worker restarted) since: ask once more.
    if (await covers(await confirm(sender.tabId, sender.frameId, token, true), scope)) return;
    throw refused('this record is not the one its page shows');
  }

  return {
    admit,
    async check(raw, sender) {
      if (!isSidebarPage(sender)) return null;
      const envelope = RequestEnvelope.safeParse(raw);
      if (!envelope.success || !Object.hasOwn(protocol, envelope.data.type)) return null;
      const type = envelope.data.type as MessageType;
      const request = protocol[type].request.safeParse(envelope.data.data);
      // A malformed request is the router's to refuse, with the field named.
      if (!request.success) return null;
      const reason = await admit(type, request.data, sender).catch((err: unknown) => String((err as Error)?.message ?? err));
      if (reason === null) return null;
      return { ok: false, error: { code: 'forbidden', message: (deps.message ?? english)(type, reason), detail: { reason } } };
    },
    noteRecord(tabId, token, ref) {
      const prior = mounts.get(tabId);
      if (prior?.token === token) prior.refs = merge(prior.refs, [ref]);
      else mounts.set(tabId, { token, refs: [ref] });
    },
  };
}
