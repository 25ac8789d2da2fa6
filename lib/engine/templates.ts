import { MERGE_FIELD_PATTERN, placeholder } from './merge-fields.ts';
import { pickText } from './text.ts';
import type { ConfigPack, Locale, Template, TemplateKind } from './types.ts';

/** A template with its text in one locale, as the sidebar shows it. */
export interface ResolvedTemplate {
  id: string;
  kind: TemplateKind;
  title: string;
  subject?: string;
  body: string;
}

export interface RenderResult {
  text: string;
  /** Set for email templates. */
  subject?: string;
  /** Merge fields that had no value, each once, in order of appearance. */
  missing: string[];
}

export type MergeContext = Record<string, unknown>;

export function templatesFor(pack: ConfigPack, locale: Locale): ResolvedTemplate[] {
  const fallback = pack.locales.default;
  return pack.templates.map((t) => resolveTemplate(t, locale, fallback));
}

export function resolveTemplate(t: Template, locale: Locale, fallback: Locale = locale): ResolvedTemplate {
  const out: ResolvedTemplate = {
    id: t.id,
    kind: t.kind,
    title: pickText(t.title, locale, fallback),
    body: pickText(t.body, locale, fallback),
  };
  if (t.subject) out.subject = pickText(t.subject, locale, fallback);
  return out;
}

function lookup(context: MergeContext, path: string): string | null {
  let cur: unknown = context;
  for (const key of path.split('.')) {
    // Own properties only: a field name must never reach Object.prototype.
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (typeof cur === 'string') return cur.length > 0 ? cur : null;
  if (typeof cur === 'number') return Number.isFinite(cur) ? formatNumber(cur) : null;
  if (typeof cur === 'boolean') return String(cur);
  return null;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1, useGrouping: true });
}

function fill(text: string, context: MergeContext, locale: Locale, missing: string[]): string {
  // One pass of replace: a value that itself contains "{{…}}" or markup is inserted as-is and never re-read.
  return text.replace(MERGE_FIELD_PATTERN, (_m, name: string) => {
    const value = lookup(context, name);
    if (value !== null) return value;
    if (!missing.includes(name)) missing.push(name);
    return placeholder(name, locale);
  });
}

/**
 * Fills a template's merge fields. The result is plain text: the caller escapes it for wherever it goes
 * (HTML note bodies, for instance).
 */
export function renderTemplate(template: Template | ResolvedTemplate, context: MergeContext, locale: Locale): RenderResult {
  const resolved = typeof template.body === 'string' ? (template as ResolvedTemplate) : resolveTemplate(template as Template, locale);
  const missing: string[] = [];
  const out: RenderResult = { text: '', missing };
  if (resolved.subject !== undefined) out.subject = fill(resolved.subject, context, locale, missing);
  out.text = fill(resolved.body, context, locale, missing);
  return out;
}
