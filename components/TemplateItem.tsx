import { useMemo } from 'react';
import { MERGE_FIELD_PATTERN, placeholder } from '../lib/engine/merge-fields.ts';
import { renderTemplate, type MergeContext, type ResolvedTemplate } from '../lib/engine/templates.ts';
import type { PackView } from '../lib/messages/protocol';
import { useI18n } from './i18n';
import { CopyIcon, WarnIcon } from './Icons';

type Locale = 'ja' | 'en';
export type PackTemplate = PackView['templates'][number];

export interface CopyRequest {
  templateId: string;
  title: string;
  text: string;
  missing: string[];
  /** Placeholder labels of the missing fields, as the reader sees them. */
  missingLabels: string[];
}

interface Segment {
  text: string;
  missing: boolean;
}

/** Splits text at its merge fields, so the preview can mark the ones that have no value. */
function segments(raw: string, context: MergeContext, locale: Locale): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of raw.matchAll(MERGE_FIELD_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: raw.slice(last, at), missing: false });
    const filled = renderTemplate({ id: '', kind: 'email', title: '', body: m[0] }, context, locale);
    out.push({ text: filled.text, missing: filled.missing.length > 0 });
    last = at + m[0].length;
  }
  if (last < raw.length) out.push({ text: raw.slice(last), missing: false });
  return out;
}

function Marked({ parts }: { parts: Segment[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.missing ? (
          <mark key={i} className="merge-missing">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** One template: merge fields filled from the record and settings, missing ones marked before anything is copied. */
export function TemplateItem({ template, context, onCopy, defaultOpen = false }: { template: PackTemplate; context: MergeContext; onCopy: (req: CopyRequest) => void; defaultOpen?: boolean }) {
  const { t, text, locale } = useI18n();
  const resolved: ResolvedTemplate = useMemo(
    () => ({
      id: template.id,
      kind: template.kind,
      title: text(template.title),
      body: text(template.body),
      ...(template.subject ? { subject: text(template.subject) } : {}),
    }),
    [template, text],
  );
  const rendered = useMemo(() => renderTemplate(resolved, context, locale), [resolved, context, locale]);
  const missingLabels = rendered.missing.map((f) => placeholder(f, locale));
  const copy = (value: string) => onCopy({ templateId: template.id, title: resolved.title, text: value, missing: rendered.missing, missingLabels });

  return (
    <li className="tpl" data-template={template.id}>
      <div className="tpl__head">
        <span className="chip chip--kind">{t(`template.kind.${template.kind}`)}</span>
        <span className="tpl__title">{resolved.title}</span>
        <button type="button" className="btn btn--small" onClick={() => copy(rendered.text)} aria-label={t('template.copyNamed', { title: resolved.title })}>
          <CopyIcon /> {t('template.copy')}
        </button>
      </div>
      {rendered.missing.length ? (
        <p className="tpl__missing small" data-testid="missing-fields">
          <WarnIcon /> {t('template.missing', { n: rendered.missing.length, fields: missingLabels.join(locale === 'ja' ? '、' : ', ') })}
        </p>
      ) : null}
      {/* The first template opens with its marked fields in view; the rest stay compact until asked. */}
      <details className="tpl__preview" open={defaultOpen}>
        <summary className="small">{t('template.preview')}</summary>
        {resolved.subject !== undefined && rendered.subject !== undefined ? (
          <p className="tpl__subject small">
            <span className="muted">{t('template.subject')}: </span>
            <Marked parts={segments(resolved.subject, context, locale)} />{' '}
            <button type="button" className="link-btn small" onClick={() => copy(rendered.subject!)}>
              {t('template.copySubject')}
            </button>
          </p>
        ) : null}
        <div className="tpl__body">
          <Marked parts={segments(resolved.body, context, locale)} />
        </div>
      </details>
    </li>
  );
}
