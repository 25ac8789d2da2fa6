// The handover sheet (引き継ぎ, issue 17), pure: what a CSM taking over an account needs, built from
// what the CRM holds alone (the outgoing CSM's browser may be gone): the published score and its
// history, the level and what the next one needs, the open and recent actions, the team's notes
// and ratings, key contacts, the renewal date and the notice deadline (更新拒絶期限), risks and
// stale inputs. As text to copy or print, and a whole book as one CSV for Excel (UTF-8 with BOM).
import Papa from 'papaparse';
import { resolveTemplate, type ResolvedTemplate } from '../engine/templates.ts';
import { pickText } from '../engine/text.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import { defuseFormula } from '../import/formula.ts';
import { RESULT_FIELDS, ratingFields } from '../publish/fields.ts';
import { teamRatings, type RatedNote } from '../team/ratings.ts';
import { crmInstant, LAST_TOUCH_FIELDS, renewalField, type Crm } from './crm-book.ts';

type Value = string | number | boolean | null | undefined;

/** What the CRM says about one account: its fields, the published score's history, its contacts and notes. */
export interface HandoverInput {
  crm: Crm;
  key: string;
  url: string;
  name: string;
  /** The CSM's name (or id when the CRM gives no name). */
  csm: string | null;
  fields: Readonly<Record<string, Value>>;
  /** The published score's values over time, as the CRM's history gives them (any order). */
  history: ReadonlyArray<{ at: string; value: string | null }>;
  /** Ordered as the CRM folder orders them: primary first, then the most recently engaged. */
  contacts: ReadonlyArray<{ name: string; firstName?: string; lastName?: string; title?: string; email?: string; primary: boolean }>;
  notes: ReadonlyArray<{ at: string; author?: string; text: string; ratings?: Record<string, number> }>;
}

export interface HandoverSheet {
  key: string;
  name: string;
  url: string;
  crm: Crm;
  csm: string | null;
  score: number | null;
  band: string | null;
  bandId: string | null;
  /** When the score was published (YYYY-MM-DD). */
  scoredOn: string | null;
  packVersion: string | null;
  /** The published score by day, oldest first, at most HISTORY_POINTS. */
  history: Array<{ day: string; score: number }>;
  level: number;
  levelLabel: string | null;
  nextLevel: { level: number; label: string; needs: string[] } | null;
  openAction: { title: string; why: string | null } | null;
  recent: Array<{ day: string; by: string | null; text: string }>;
  ratings: Array<{ label: string; value: number; max: number; by: string | null; day: string; stale: boolean }>;
  contacts: Array<{ name: string; title: string | null; email: string | null; primary: boolean }>;
  renewal: { date: string; daysLeft: number; noticeDeadline: string | null; noticeDaysLeft: number | null } | null;
  lastTouch: string | null;
  risks: string[];
  stale: string[];
}

const DAY_MS = 86_400_000;
export const HISTORY_POINTS = 12;
const RECENT = 5;
const CONTACTS = 5;
/** The published score is stale past this (the sidebar flags the CRM's score past 48 hours too). */
const PUBLISHED_STALE_MS = 48 * 3_600_000;
const NO_TOUCH_DAYS = 60;
const NOTICE_SOON_DAYS = 30;
const FALL = 10;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (v: Value): number | null => {
  if (v === null || v === undefined || v === '' || typeof v === 'boolean') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};
const str = (v: Value): string | null => (v === null || v === undefined || v === '' ? null : String(v));
/** A note's gist: its first two lines (Sidecar's notes open with the touchpoint, then what was said), cut to `max`. */
const firstLine = (s: string, max = 160) => {
  const line = s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' — ');
  return [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
};

const WORDS = {
  en: {
    worstBand: (band: string) => `Health is ${band}`,
    fell: (from: number, to: number) => `Score fell from ${from} to ${to} in 90 days`,
    renewalSoon: (n: number, band: string) => `Renews in ${n} days while health is ${band}`,
    noticeSoon: (date: string, n: number) => `Notice deadline ${date} is in ${n} days`,
    noticePassed: (date: string) => `Notice deadline ${date} has passed: the contract renews unless already cancelled`,
    noTouch: (n: number) => `No activity logged in the CRM for ${n} days`,
    neverTouched: 'No activity logged in the CRM',
    noContacts: 'No contacts in the CRM',
    noScore: 'No published score: CS Ops has not published this account yet',
    oldScore: (date: string) => `Published score is from ${date}`,
    oldRating: (label: string, date: string) => `${label} last rated ${date}`,
    crm: { hubspot: 'HubSpot', salesforce: 'Salesforce' },
  },
  ja: {
    worstBand: (band: string) => `ヘルスが「${band}」です`,
    fell: (from: number, to: number) => `90日間でスコアが ${from} から ${to} に下がりました`,
    renewalSoon: (n: number, band: string) => `更新まで ${n} 日、ヘルスは「${band}」です`,
    noticeSoon: (date: string, n: number) => `更新拒絶期限（${date}）まで ${n} 日です`,
    noticePassed: (date: string) => `更新拒絶期限（${date}）を過ぎています（解約の申し出がなければ自動更新されます）`,
    noTouch: (n: number) => `CRM 上の活動記録が ${n} 日ありません`,
    neverTouched: 'CRM 上に活動記録がありません',
    noContacts: 'CRM に取引先担当者が登録されていません',
    noScore: '公開されたスコアがありません（CS Ops がまだこの取引先を公開していません）',
    oldScore: (date: string) => `公開スコアは ${date} 時点のものです`,
    oldRating: (label: string, date: string) => `「${label}」の最終評価は ${date} です`,
    crm: { hubspot: 'HubSpot', salesforce: 'Salesforce' },
  },
} as const;

/** The published score's history as one point per day (the day's last value), oldest first. */
export function scoreHistory(history: HandoverInput['history']): Array<{ day: string; score: number }> {
  const byDay = new Map<string, { at: number; score: number }>();
  for (const h of history) {
    const at = crmInstant(h.at);
    const score = num(h.value);
    if (at === null || score === null) continue;
    const d = day(at);
    const had = byDay.get(d);
    if (!had || at >= had.at) byDay.set(d, { at, score });
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([d, v]) => ({ day: d, score: v.score }))
    .slice(-HISTORY_POINTS);
}

export function buildHandoverSheet(input: HandoverInput, pack: ConfigPack, locale: Locale, now: Date): HandoverSheet {
  const w = WORDS[locale];
  const fb = pack.locales.default;
  const text = (t: { ja?: string; en?: string }) => pickText(t, locale, fb);
  const f = (k: keyof typeof RESULT_FIELDS) => input.fields[RESULT_FIELDS[k][input.crm]];
  const nowMs = now.getTime();

  const score = num(f('score'));
  const bandId = str(f('band'));
  const bandDef = bandId ? pack.bands.find((b) => b.id === bandId) : undefined;
  const scoredAt = crmInstant(f('asOf'));
  const history = scoreHistory(input.history);
  // The current published value ends the history when the CRM's history has not caught up with it.
  if (score !== null && scoredAt !== null && (!history.length || history[history.length - 1]!.day < day(scoredAt))) history.push({ day: day(scoredAt), score });

  const levels = [...pack.maturity.levels].sort((a, b) => a.level - b.level);
  const level = Math.max(0, Math.trunc(num(f('level')) ?? 0));
  const current = levels.find((l) => l.level === level);
  const next = levels.find((l) => l.level > level);

  const actionId = str(f('nextActionId'));
  const rule = actionId ? pack.playbook.find((r) => r.id === actionId) : undefined;
  const actionText = str(f('nextAction'));

  const notes = [...input.notes].sort((a, b) => (crmInstant(b.at) ?? 0) - (crmInstant(a.at) ?? 0));

  // The team's ratings from the notes (as every Sidecar combines them); a signal no note rates falls back to its published rating fields.
  const signals = pack.signals.filter((s) => s.source.kind === 'rating');
  const rated: RatedNote[] = notes.filter((n) => n.ratings).map((n) => ({ ratings: n.ratings!, createdAt: new Date(crmInstant(n.at) ?? 0).toISOString(), ...(n.author ? { author: n.author } : {}), own: false }));
  const team = teamRatings(signals.map((s) => ({ id: s.id, ...(s.source.kind === 'rating' && s.source.combine ? { combine: s.source.combine } : {}), ...(s.freshnessDays ? { freshnessDays: s.freshnessDays } : {}) })), rated, nowMs);
  const ratings: HandoverSheet['ratings'] = [];
  for (const s of signals) {
    const max = s.source.kind === 'rating' ? s.source.scale : 5;
    const t = team[s.id];
    if (t) {
      const r = t.raters[0];
      ratings.push({ label: text(s.label), value: t.value, max, by: r?.name ?? null, day: day(Date.parse(t.observedAt)), stale: t.raters.some((x) => x.stale) });
      continue;
    }
    const pf = ratingFields(s.id);
    const value = num(input.fields[pf.value[input.crm]]);
    const at = crmInstant(input.fields[pf.at[input.crm]]);
    if (value === null || at === null) continue;
    const stale = s.freshnessDays !== undefined && nowMs - at > s.freshnessDays * DAY_MS;
    ratings.push({ label: text(s.label), value, max, by: str(input.fields[pf.by[input.crm]]), day: day(at), stale });
  }

  const rField = renewalField(pack, input.crm);
  const renewalAt = rField ? crmInstant(input.fields[rField]) : null;
  const noticeDays = pack.lifecycle.renewal.noticeDays;
  const noticeAt = renewalAt !== null && noticeDays !== undefined ? renewalAt - noticeDays * DAY_MS : null;
  const daysTo = (ms: number) => Math.ceil((ms - nowMs) / DAY_MS);
  const renewal = renewalAt === null ? null : { date: day(renewalAt), daysLeft: daysTo(renewalAt), noticeDeadline: noticeAt === null ? null : day(noticeAt), noticeDaysLeft: noticeAt === null ? null : daysTo(noticeAt) };

  const touches = LAST_TOUCH_FIELDS[input.crm].map((x) => crmInstant(input.fields[x])).filter((x): x is number => x !== null);
  const lastTouchAt = touches.length ? Math.max(...touches) : null;

  // Risks: what the new CSM should act on first.
  const risks: string[] = [];
  const bandLabel = bandDef ? text(bandDef.label) : null;
  const worst = [...pack.bands].sort((a, b) => a.min - b.min)[0];
  const best = [...pack.bands].sort((a, b) => b.min - a.min)[0];
  if (bandDef && worst && bandDef.id === worst.id) risks.push(w.worstBand(bandLabel!));
  const recentHistory = history.filter((h) => Date.parse(`${h.day}T00:00:00Z`) >= nowMs - 90 * DAY_MS);
  const peak = recentHistory.length ? Math.max(...recentHistory.map((h) => h.score)) : null;
  const last = history.length ? history[history.length - 1]!.score : null;
  if (peak !== null && last !== null && peak - last >= FALL) risks.push(w.fell(Math.round(peak), Math.round(last)));
  if (renewal && renewal.daysLeft >= 0 && renewal.daysLeft <= pack.lifecycle.renewal.windowDays && bandDef && best && bandDef.id !== best.id) risks.push(w.renewalSoon(renewal.daysLeft, bandLabel!));
  if (renewal?.noticeDeadline && renewal.noticeDaysLeft !== null && renewal.daysLeft >= 0) {
    if (renewal.noticeDaysLeft < 0) risks.push(w.noticePassed(renewal.noticeDeadline));
    else if (renewal.noticeDaysLeft <= NOTICE_SOON_DAYS) risks.push(w.noticeSoon(renewal.noticeDeadline, renewal.noticeDaysLeft));
  }
  if (lastTouchAt === null) risks.push(w.neverTouched);
  else if (nowMs - lastTouchAt > NO_TOUCH_DAYS * DAY_MS) risks.push(w.noTouch(Math.floor((nowMs - lastTouchAt) / DAY_MS)));
  if (!input.contacts.length) risks.push(w.noContacts);

  // Stale inputs: what the sheet's numbers rest on that is old.
  const stale: string[] = [];
  if (score === null) stale.push(w.noScore);
  else if (scoredAt !== null && nowMs - scoredAt > PUBLISHED_STALE_MS) stale.push(w.oldScore(day(scoredAt)));
  for (const r of ratings) if (r.stale) stale.push(w.oldRating(r.label, r.day));

  return {
    key: input.key,
    name: input.name,
    url: input.url,
    crm: input.crm,
    csm: input.csm,
    score,
    band: bandLabel ?? bandId,
    bandId,
    scoredOn: scoredAt === null ? null : day(scoredAt),
    packVersion: str(f('packVersion')),
    history,
    level,
    levelLabel: current ? text(current.label) : null,
    nextLevel: next ? { level: next.level, label: text(next.label), needs: next.criteria.map((c) => text(c.label)) } : null,
    openAction: rule ? { title: text(rule.action.title), why: text(rule.action.why) } : actionText ? { title: actionText, why: null } : null,
    recent: notes.slice(0, RECENT).map((n) => ({ day: day(crmInstant(n.at) ?? 0), by: n.author ?? null, text: firstLine(n.text) })),
    ratings,
    contacts: input.contacts.slice(0, CONTACTS).map((c) => ({ name: c.name, title: c.title ?? null, email: c.email ?? null, primary: c.primary })),
    renewal,
    lastTouch: lastTouchAt === null ? null : day(lastTouchAt),
    risks,
    stale,
  };
}

/** The sheet's headings, in the order of the text and of the CSV's columns. */
const HEAD = {
  en: {
    title: 'Handover sheet', account: 'Account', crm: 'CRM', csm: 'CSM', url: 'Record', score: 'Health score', band: 'Band', scoredOn: 'Scored on', history: 'Score history',
    level: 'Maturity level', nextNeeds: 'Next level needs', openAction: 'Open action', recent: 'Recent activity (team notes)', ratings: "Team's ratings", contacts: 'Key contacts',
    renewal: 'Renewal date', daysLeft: 'Days to renewal', notice: 'Notice deadline (non-renewal)', lastTouch: 'Last activity', risks: 'Risks', stale: 'Stale inputs', none: 'none', primary: 'primary', why: 'why',
  },
  ja: {
    title: '引き継ぎシート', account: '取引先', crm: 'CRM', csm: '担当 CSM', url: 'レコード', score: 'ヘルススコア', band: 'バンド', scoredOn: '評価日', history: 'スコア推移',
    level: '活用レベル', nextNeeds: '次のレベルに必要なこと', openAction: '未完了のアクション', recent: '最近の活動（チームのメモ）', ratings: 'チームの評価', contacts: '主要な取引先担当者',
    renewal: '更新日', daysLeft: '更新までの日数', notice: '更新拒絶期限', lastTouch: '最終活動日', risks: 'リスク', stale: '古い入力', none: 'なし', primary: '主担当', why: '理由',
  },
} as const;

function cells(s: HandoverSheet, locale: Locale) {
  const h = HEAD[locale];
  const sep = locale === 'ja' ? '、' : ', ';
  return {
    history: s.history.map((p) => `${p.day} ${Math.round(p.score)}`).join('; '),
    // A pack's level labels may carry their number already ("Lv.2 Several departments"): the label alone, else the number.
    level: s.level ? (s.levelLabel ?? `Lv.${s.level}`) : '',
    next: s.nextLevel ? `${s.nextLevel.label}: ${s.nextLevel.needs.join(sep)}` : '',
    action: s.openAction ? `${s.openAction.title}${s.openAction.why ? ` (${h.why}: ${s.openAction.why})` : ''}` : '',
    recent: s.recent.map((r) => `${r.day}${r.by ? ` ${r.by}` : ''}: ${r.text}`),
    ratings: s.ratings.map((r) => `${r.label} ${r.value}/${r.max}${r.by ? ` (${r.by}, ${r.day})` : ` (${r.day})`}`),
    contacts: s.contacts.map((c) => [c.name, c.title, c.email, c.primary ? h.primary : null].filter(Boolean).join(' / ')),
  };
}

/** The sheet as plain text, to copy into an e-mail or a document, or to print. */
export function handoverText(s: HandoverSheet, locale: Locale): string {
  const h = HEAD[locale];
  const c = cells(s, locale);
  const list = (items: readonly string[]) => (items.length ? items.map((x) => `- ${x}`).join('\n') : `- ${h.none}`);
  const lines = [
    `${h.title}: ${s.name}`,
    `${h.crm}: ${WORDS[locale].crm[s.crm]}  ${s.url}`,
    `${h.csm}: ${s.csm ?? '—'}`,
    '',
    `${h.score}: ${s.score === null ? '—' : Math.round(s.score)}${s.band ? ` (${s.band})` : ''}${s.scoredOn ? `  ${h.scoredOn}: ${s.scoredOn}` : ''}`,
    `${h.history}: ${c.history || '—'}`,
    `${h.level}: ${c.level || '—'}`,
    `${h.nextNeeds}: ${c.next || '—'}`,
    `${h.openAction}: ${c.action || '—'}`,
    `${h.renewal}: ${s.renewal?.date ?? '—'}${s.renewal ? `  ${h.daysLeft}: ${s.renewal.daysLeft}` : ''}`,
    `${h.notice}: ${s.renewal?.noticeDeadline ?? '—'}`,
    `${h.lastTouch}: ${s.lastTouch ?? '—'}`,
    '',
    `${h.risks}:`,
    list(s.risks),
    `${h.stale}:`,
    list(s.stale),
    `${h.contacts}:`,
    list(c.contacts),
    `${h.ratings}:`,
    list(c.ratings),
    `${h.recent}:`,
    list(c.recent),
  ];
  return `${lines.join('\n')}\n`;
}

/** The CSV's columns, in order. */
export function handoverColumns(locale: Locale): string[] {
  const h = HEAD[locale];
  return [h.account, h.crm, h.csm, h.score, h.band, h.scoredOn, h.history, h.level, h.nextNeeds, h.openAction, h.renewal, h.daysLeft, h.notice, h.lastTouch, h.risks, h.stale, h.contacts, h.ratings, h.recent, h.url];
}

/** A whole book's sheets as one CSV for Excel: UTF-8 with BOM, CRLF, one row per account, list cells joined with line breaks, formulas defused. */
export function handoverCsv(sheets: readonly HandoverSheet[], locale: Locale): string {
  const data = sheets.map((s) => {
    const c = cells(s, locale);
    return [
      s.name, WORDS[locale].crm[s.crm], s.csm ?? '', s.score === null ? '' : String(Math.round(s.score)), s.band ?? '', s.scoredOn ?? '', c.history, c.level, c.next, c.action,
      s.renewal?.date ?? '', s.renewal ? String(s.renewal.daysLeft) : '', s.renewal?.noticeDeadline ?? '', s.lastTouch ?? '',
      s.risks.join('\n'), s.stale.join('\n'), c.contacts.join('\n'), c.ratings.join('\n'), c.recent.join('\n'), s.url,
    ].map(defuseFormula);
  });
  const body = Papa.unparse({ fields: handoverColumns(locale), data }, { newline: '\r\n' });
  return '\uFEFF' + (body.endsWith('\r\n') ? body : body + '\r\n');
}

/** The default pack's change-of-CSM e-mail (担当変更); a pack may replace it under the same id. */
export const HANDOVER_TEMPLATE = 'handover-email';

export interface HandoverEmail {
  template: ResolvedTemplate;
  /** Every merge field but the new CSM's (the page asks for those): the company, its primary contact, the outgoing CSM, us. */
  context: {
    company: { name: string };
    contact: { lastName?: string; firstName?: string };
    handover: { fromName?: string };
    csm: { company?: string };
    product: { name?: string };
  };
}

/**
 * The change-of-CSM e-mail for one account: the pack's template in the user's language and what the
 * sheet knows to fill it with. The outgoing CSM is the one the CRM names, else the user themself.
 */
export function handoverEmail(
  pack: Pick<ConfigPack, 'templates' | 'locales'>,
  input: Pick<HandoverInput, 'name' | 'csm' | 'contacts'>,
  profile: { csmName?: string; companyName?: string; productName?: string },
  locale: Locale,
): HandoverEmail | null {
  const t = pack.templates.find((x) => x.id === HANDOVER_TEMPLATE);
  if (!t) return null;
  const contact = input.contacts.find((c) => c.primary) ?? input.contacts[0];
  const from = input.csm ?? profile.csmName;
  return {
    template: resolveTemplate(t, locale, pack.locales.default),
    context: {
      company: { name: input.name },
      contact: { ...(contact?.lastName ? { lastName: contact.lastName } : {}), ...(contact?.firstName ? { firstName: contact.firstName } : {}) },
      handover: from ? { fromName: from } : {},
      csm: profile.companyName ? { company: profile.companyName } : {},
      product: profile.productName ? { name: profile.productName } : {},
    },
  };
}
