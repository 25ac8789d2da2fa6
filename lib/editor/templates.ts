import { isMergeField, MERGE_FIELDS, mergeFieldsIn, type MergeField } from '../engine/merge-fields';
import { renderTemplate, type RenderResult } from '../engine/templates';
import { pickText } from '../engine/text';
import type { ConfigPack, Locale, Template } from '../engine/types';

// The template editor's logic: a merge field inserted where the cursor is, and a preview filled from a sample
// record by the engine's own renderTemplate, so the preview shows exactly what a CSM will get.

export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeField[];

/** The text with `{{field}}` in place of the selection [start, end), and where the cursor goes after it. */
export function insertMergeField(text: string, start: number, end: number, field: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  const token = `{{${field}}}`;
  return { text: text.slice(0, a) + token + text.slice(b), caret: a + token.length };
}

/** Merge fields the engine does not know, each once, in order (the pack check refuses them: pack.merge-field). */
export function unknownMergeFields(text: string): string[] {
  return [...new Set(mergeFieldsIn(text).filter((n) => !isMergeField(n)))];
}

const SAMPLE: Record<Locale, Record<string, Record<string, string | number>>> = {
  ja: {
    company: { name: '株式会社みどり商事' },
    contact: { lastName: '山田', firstName: '花子' },
    csm: { name: '佐藤 健', email: 'sato@example.co.jp', company: 'サイドカー株式会社' },
    product: { name: 'Sidecar 電子帳票' },
    renewal: { date: '2027年4月1日', daysLeft: 87 },
    event: { name: '活用セミナー', date: '2027年1月20日 15:00', url: 'https://example.co.jp/seminar' },
    link: { booking: 'https://example.co.jp/booking', survey: 'https://example.co.jp/survey', help: 'https://help.example.co.jp' },
    handover: { fromName: '佐藤 健', toName: '鈴木 彩', toEmail: 'suzuki@example.co.jp' },
  },
  en: {
    company: { name: 'Greenfield Trading Inc.' },
    contact: { lastName: 'Miller', firstName: 'Anna' },
    csm: { name: 'Ken Sato', email: 'ken.sato@example.com', company: 'Sidecar Inc.' },
    product: { name: 'Sidecar e-Documents' },
    renewal: { date: 'April 1, 2027', daysLeft: 87 },
    event: { name: 'Adoption webinar', date: 'January 20, 2027, 3 pm', url: 'https://example.com/webinar' },
    link: { booking: 'https://example.com/booking', survey: 'https://example.com/survey', help: 'https://help.example.com' },
    handover: { fromName: 'Ken Sato', toName: 'Aya Suzuki', toEmail: 'aya.suzuki@example.com' },
  },
};

/** A sample customer to fill templates with: fixed people and dates, and the pack's own band and level names. */
export function sampleContext(pack: ConfigPack, locale: Locale): Record<string, unknown> {
  const fb = pack.locales.default;
  const band = pack.bands[Math.min(1, pack.bands.length - 1)];
  const levels = pack.maturity.levels;
  return {
    ...SAMPLE[locale],
    health: { score: 64, band: band ? pickText(band.label, locale, fb) : undefined },
    maturity: {
      current: levels[0] ? pickText(levels[0].label, locale, fb) : undefined,
      next: levels[1] ? pickText(levels[1].label, locale, fb) : undefined,
    },
  };
}

/** The template as a CSM would see it in one language, filled from the sample. */
export function previewTemplate(pack: ConfigPack, template: Template, locale: Locale): RenderResult {
  // renderTemplate falls back through the locales; an empty text in the draft must not crash the preview.
  const safe: Template = { ...template, title: template.title ?? {}, body: template.body ?? {} };
  return renderTemplate(safe, sampleContext(pack, locale), locale);
}
