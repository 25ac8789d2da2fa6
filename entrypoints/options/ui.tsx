import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { SidecarError } from '../../lib/messages/envelope';
import { useT } from './i18n';

// The few building blocks every section shares. Plain elements and classes from
// entrypoints/options/styles.css: the page ships no UI library.

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <header className="section__head">
        <h2 id={`${id}-title`}>{title}</h2>
        {intro ? <p className="muted">{intro}</p> : null}
      </header>
      {children}
    </section>
  );
}

export function Card({ title, status, children, labelledBy }: { title: string; status?: ReactNode; children: ReactNode; labelledBy?: string }) {
  const id = labelledBy ?? `card-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="card" role="group" aria-labelledby={id}>
      <div className="card__head">
        <h3 id={id}>{title}</h3>
        {status}
      </div>
      {children}
    </div>
  );
}

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export function Pill({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`pill pill--${tone}`}>{children}</span>;
}

/** The person-readable message of any failure: a SidecarError's own words, never a stack. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof Error && error.message) return error.message;
  // A stored ErrorInfo ({ code, message }) from a status answer.
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return fallback;
}

/** The CRM's id for the failed request (HubSpot's correlationId), which its support asks for. */
function requestId(error: unknown): string | undefined {
  const detail = typeof error === 'object' && error !== null ? (error as { detail?: unknown }).detail : undefined;
  const id = typeof detail === 'object' && detail !== null ? (detail as { correlationId?: unknown }).correlationId : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof SidecarError) return error.code;
  if (error instanceof Error) return undefined;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useT();
  if (!error) return null;
  const code = errorCode(error);
  return (
    <div className="alert alert--bad" role="alert">
      {title ? <strong>{title}</strong> : null}
      <p>{errorMessage(error, t('common.unknownError'))}</p>
      {code && code !== 'internal' ? <p className="alert__code">{t('common.errorCode', { code })}</p> : null}
      {requestId(error) ? <p className="alert__code">{t('common.requestId', { id: requestId(error)! })}</p> : null}
    </div>
  );
}

export function Notice({ tone, children }: { tone: 'ok' | 'info' | 'warn'; children: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}

export function Button({
  busy,
  busyLabel,
  children,
  variant = 'secondary',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; busyLabel?: string; variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  return (
    <button type="button" {...rest} className={`btn btn--${variant} ${rest.className ?? ''}`.trim()} disabled={rest.disabled || busy} aria-busy={busy || undefined}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

export function Field({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
