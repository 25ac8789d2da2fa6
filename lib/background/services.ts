import { accountKey, type RecordRef } from '../crm/detect';
import { touchAccount } from '../db/accounts';
import { deleteNote, listNotes, saveNote } from '../db/notes';
import type { AccountRow, NoteRow, SidecarDb } from '../db/schema';
import type { Locale } from '../engine/types.ts';
import { SidecarError } from '../messages/envelope';
import { sidecarError } from './crm-errors';
import type { NoteView, RecordView, Settings } from '../messages/protocol';
import type { CrmSync } from './crm-sync';
import { toPackView } from './pack-view';
import type { PackStore } from './pack-store';
import { buildRecordView, type SyncOutcome } from './record-view';
import type { MessageType, RequestOf, ResponseOf } from '../messages/index';
import type { sidebarMessages } from '../messages/protocol';
import type { Sender } from './router';

export interface Services {
  db: SidecarDb;
  now: () => Date;
  packs: PackStore;
  crm: CrmSync;
  settings: { get(): Promise<Settings>; set(next: Settings): Promise<void> };
  /** The browser's language, for Settings.locale 'auto'. */
  browserLocale: () => string;
  /** Wakes the outbox sender after a note is queued. */
  onNoteQueued?: () => void;
  /** The CSM as this account's CRM knows them (picked HubSpot owner, signed-in Salesforce user): a new note's author. */
  whoAmI?: (crm: 'hubspot' | 'salesforce', pageHost: string) => Promise<{ id: string; name: string } | null>;
}

export function resolveLocale(setting: Settings['locale'], browser: string): Locale {
  if (setting !== 'auto') return setting;
  return browser.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** A stored note as the UI sees it. */
export function noteView(n: NoteRow): NoteView {
  return {
    id: n.id,
    accountKey: n.accountKey,
    text: n.text,
    ratings: n.ratings,
    touchpoint: n.touchpoint,
    ...(n.author ? { author: n.author } : {}),
    ...(n.authorId ? { authorId: n.authorId } : {}),
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    status: n.status,
    ...(n.error ? { error: n.error } : {}),
    ...(n.fromCrm ? { fromCrm: true } : {}),
    ...(n.cut ? { cut: true } : {}),
    ...(n.editedInCrm ? { editedInCrm: true } : {}),
    ...(n.remoteId ? { remoteId: n.remoteId } : {}),
  };
}

type SidebarTypes = keyof typeof sidebarMessages & MessageType;
export type SidebarHandlers = { [K in SidebarTypes]: (data: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

export function createSidebarHandlers(s: Services): SidebarHandlers {
  const { db, now } = s;

  /** A contact or deal shows its company: from the cache when known, else asked of the CRM. */
  async function target(ref: RecordRef): Promise<{ ref: RecordRef; via?: RecordView['via'] }> {
    if (ref.objectType === 'company' || ref.objectType === 'account') return { ref };
    const via = { objectType: ref.objectType, recordId: ref.recordId };
    const known = (await db.accounts.get(accountKey(ref)))?.resolvedTo;
    const cachedCompany = known ? await db.accounts.get(known) : undefined;
    if (cachedCompany) return { ref: { ...ref, objectType: 'company', recordId: cachedCompany.recordId }, via };
    const company = await s.crm.resolveAccount(ref).catch(() => null);
    return company ? { ref: company, via } : { ref, via };
  }

  async function view(ref: RecordRef, refresh: boolean): Promise<RecordView> {
    const [{ pack }, settings] = await Promise.all([s.packs.active(), s.settings.get()]);
    const locale = resolveLocale(settings.locale, s.browserLocale());
    const t = await target(ref);
    const key = accountKey(t.ref);
    // The connection check may ask the browser for a cookie: let it run beside the visit's write.
    const [connected, touched] = await Promise.all([
      s.crm.isConnected(t.ref),
      refresh ? db.accounts.get(key).then((r) => r ?? touchAccount(db, key, t.ref, now())) : touchAccount(db, key, t.ref, now()),
    ]);
    let row: AccountRow = touched;
    if (t.via && t.ref.recordId !== ref.recordId) {
      await touchAccount(db, accountKey(ref), ref, now());
      await db.accounts.update(accountKey(ref), { resolvedTo: key });
    }
    let sync: SyncOutcome = { status: connected ? 'cached' : 'not-connected' };
    if (refresh && connected) {
      try {
        const { warning } = await s.crm.refresh(t.ref, key, pack);
        sync = warning ? { status: 'fresh', error: { code: 'partial', message: warning } } : { status: 'fresh' };
        await db.syncState.put({ id: `account:${key}`, lastSuccessAt: now().toISOString(), lastAttemptAt: now().toISOString() });
      } catch (err) {
        const e = err instanceof SidecarError ? err : sidecarError('crm', 'crm.unexpected', { message: String((err as Error)?.message ?? err) }, locale);
        sync = { status: 'error', error: { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) } };
        await db.syncState.put({
          id: `account:${key}`,
          lastAttemptAt: now().toISOString(),
          lastError: { code: e.code, message: e.message, at: now().toISOString() },
        });
      }
      row = (await db.accounts.get(key)) ?? row;
    }
    return buildRecordView({ db, pack, settings, locale, now: now(), connected }, t.ref, row, sync, t.via);
  }

  return {
    // The frame gate (frame-gate.ts) has confirmed the frame by the time this runs.
    async 'frame.confirm'() {
      return {};
    },
    'record.open': ({ ref }) => view(ref, false),
    'record.refresh': ({ ref }) => view(ref, true),
    async 'pack.view'() {
      const active = await s.packs.active();
      return toPackView(active.pack, active);
    },
    async 'notes.list'({ accountKey: key }) {
      return { notes: (await listNotes(db, key)).map(noteView) };
    },
    async 'note.save'(input) {
      const settings = await s.settings.get();
      const locale = resolveLocale(settings.locale, s.browserLocale());
      const { pack } = await s.packs.active();
      const known = new Set(pack.signals.filter((x) => x.source.kind === 'rating').map((x) => x.id));
      const unknown = Object.keys(input.ratings).filter((k) => !known.has(k));
      if (unknown.length) throw sidecarError('bad-request', 'note.unknown-rating', { ids: unknown.join(', ') }, locale);
      if (!input.text.trim() && Object.keys(input.ratings).length === 0) throw sidecarError('bad-request', 'note.empty', undefined, locale);
      // The author is who the CRM will record (the picked HubSpot owner, the signed-in Salesforce user), never a typed name;
      // the pull replaces it with what the CRM says once the note is there.
      const account = await db.accounts.get(input.accountKey);
      const me = account && s.whoAmI ? await s.whoAmI(account.crm, account.host).catch(() => null) : null;
      const note = await saveNote(db, { ...input, ...(me ? { author: me.name, authorId: me.id } : {}) }, now());
      await db.drafts.delete(input.accountKey);
      s.onNoteQueued?.();
      return noteView(note);
    },
    async 'note.delete'({ id, alsoInCrm }) {
      await deleteNote(db, id, alsoInCrm, now());
      if (alsoInCrm) s.onNoteQueued?.();
      return {};
    },
    async 'draft.get'({ accountKey: key }) {
      const d = await db.drafts.get(key);
      return { draft: d ? { text: d.text, ratings: d.ratings, touchpoint: d.touchpoint, updatedAt: d.updatedAt } : null };
    },
    async 'draft.save'({ accountKey: key, draft }) {
      if (draft) await db.drafts.put({ accountKey: key, ...draft });
      else await db.drafts.delete(key);
      return {};
    },
    async 'override.set'({ accountKey: key, band, reason, expiresAt }) {
      const { pack } = await s.packs.active();
      const settings = await s.settings.get();
      const locale = resolveLocale(settings.locale, s.browserLocale());
      if (!pack.bands.some((b) => b.id === band)) throw sidecarError('bad-request', 'override.unknown-band', { band, bands: pack.bands.map((b) => b.id).join(', ') }, locale);
      if (Date.parse(expiresAt) <= now().getTime()) throw sidecarError('bad-request', 'override.past', undefined, locale);
      const row = await db.accounts.get(key);
      if (!row) throw sidecarError('not-found', 'record.no-cache', undefined, locale);
      await db.overrides.put({ accountKey: key, band, reason, expiresAt, setAt: now().toISOString() });
      const connected = await s.crm.isConnected({ crm: row.crm, host: row.host, objectType: row.crm === 'hubspot' ? 'company' : 'account', recordId: row.recordId });
      const ref: RecordRef = { crm: row.crm, host: row.host, ...(row.portalId ? { portalId: row.portalId } : {}), objectType: row.crm === 'hubspot' ? 'company' : 'account', recordId: row.recordId };
      const v = await buildRecordView({ db, pack, settings, locale, now: now(), connected }, ref, row, { status: 'cached' });
      return { health: v.evaluation!.health };
    },
    async 'override.clear'({ accountKey: key }) {
      await db.overrides.delete(key);
      return {};
    },
    async 'template.copied'({ accountKey: key, templateId, missing }) {
      await db.copyLog.add({ accountKey: key, templateId, missing, at: now().toISOString() });
      return { copies: await db.copyLog.where('accountKey').equals(key).count() };
    },
    async 'contact.choose'({ accountKey: key, contactId }) {
      await db.transaction('rw', db.accounts, async () => {
        const row = await db.accounts.get(key);
        if (!row) return;
        // Only a contact the CRM listed for this account can be chosen.
        const known = contactId === null || (row.contacts ?? []).some((c) => c.id === contactId);
        if (known) await db.accounts.put({ ...row, contactId: contactId ?? undefined });
      });
      return {};
    },
    'settings.get': () => s.settings.get(),
    async 'settings.set'(next) {
      await s.settings.set(next);
      return next;
    },
  };
}
