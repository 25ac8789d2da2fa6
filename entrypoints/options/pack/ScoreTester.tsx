import { useState, type FormEvent } from 'react';
import type { RequestOf } from '../../../lib/messages/index';
import type { EvaluationView } from '../../../lib/messages/evaluation';
import { useT } from '../i18n';
import type { PackModel, SignalField } from '../../../lib/packs/pack-model';
import { Button, ErrorAlert } from '../ui';
import { ScoreResult } from './ScoreResult';

type SignalInput = RequestOf<'pack.preview'>['signals'];

export interface ScoreTesterProps {
  model: PackModel;
  /** Which pack scores: the installed one, or the checked draft from the editor. */
  draftAvailable: boolean;
  useDraft: boolean;
  onUseDraft: (v: boolean) => void;
  onScore: (signals: SignalInput) => void;
  scoring: boolean;
  evaluation: EvaluationView | undefined;
  error: unknown;
}

/** Form values → the engine's input. Empty fields are left out: a missing signal, not a zero. */
export function toSignalInput(fields: SignalField[], values: Record<string, string>, observedAt: string): SignalInput {
  const out: SignalInput = {};
  for (const f of fields) {
    const raw = values[f.id]?.trim() ?? '';
    if (raw === '') continue;
    let value: number | boolean | string | null;
    if (f.type === 'boolean') value = raw === 'true';
    else if (f.type === 'date') value = raw;
    else {
      const n = Number(raw);
      if (!Number.isFinite(n)) continue;
      value = n;
    }
    out[f.id] = { value, observedAt };
  }
  return out;
}

function SignalInputField({ field, value, onChange }: { field: SignalField; value: string; onChange: (v: string) => void }) {
  const { t } = useT();
  const id = `sig-${field.id}`;
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.unit ? <span className="muted"> ({field.unit})</span> : null}
      <code className="sig-id">{field.id}</code>
    </label>
  );
  let control;
  if (field.type === 'boolean') {
    control = (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('tester.notSet')}</option>
        <option value="true">{t('tester.yes')}</option>
        <option value="false">{t('tester.no')}</option>
      </select>
    );
  } else if (field.type === 'rating') {
    const points = field.points?.length ? field.points : [1, 2, 3, 4, 5].map((v) => ({ value: v, label: '' }));
    control = (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('tester.notSet')}</option>
        {points.map((p) => (
          <option key={p.value} value={String(p.value)}>
            {p.label ? `${p.value} · ${p.label}` : p.value}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'date') {
    control = <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = <input id={id} type="number" step="any" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} placeholder={t('tester.notSet')} />;
  }
  return (
    <div className="field field--compact">
      {label}
      {control}
    </div>
  );
}

export function ScoreTester(p: ScoreTesterProps) {
  const { t } = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const [observedOn, setObservedOn] = useState(() => new Date().toISOString().slice(0, 10));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Noon UTC: the day the admin picked, whatever their time zone.
    p.onScore(toSignalInput(p.model.signals, values, `${observedOn}T12:00:00.000Z`));
  };

  return (
    <div className="card" role="group" aria-labelledby="tester-title">
      <div className="card__head">
        <h3 id="tester-title">{t('tester.title')}</h3>
        {p.draftAvailable ? (
          <label className="inline-check">
            <input type="checkbox" checked={p.useDraft} onChange={(e) => p.onUseDraft(e.target.checked)} />
            {t('tester.useDraft')}
          </label>
        ) : null}
      </div>
      <p className="muted">{t('tester.intro')}</p>
      <form onSubmit={submit} aria-label={t('tester.title')}>
        <div className="signal-grid">
          {p.model.signals.map((f) => (
            <SignalInputField key={f.id} field={f} value={values[f.id] ?? ''} onChange={(v) => setValues((old) => ({ ...old, [f.id]: v }))} />
          ))}
        </div>
        <div className="actions">
          <div className="field field--inline">
            <label htmlFor="tester-observed">{t('tester.observedOn')}</label>
            <input id="tester-observed" type="date" value={observedOn} onChange={(e) => setObservedOn(e.target.value)} required />
          </div>
          <Button type="submit" variant="primary" busy={p.scoring} busyLabel={t('tester.scoring')}>
            {t('tester.score')}
          </Button>
          <Button variant="ghost" onClick={() => setValues({})}>
            {t('tester.clear')}
          </Button>
        </div>
      </form>
      <ErrorAlert error={p.error} />
      {p.evaluation ? <ScoreResult evaluation={p.evaluation} model={p.model} /> : null}
    </div>
  );
}
