import { useState } from 'react';
import type { PackView, RecordView, TeamRatingView } from '../lib/messages/protocol';
import { BandBadge } from './BandBadge';
import { bandTone, findBand } from './bands';
import { useI18n } from './i18n';
import { DownIcon, UpIcon, WarnIcon } from './Icons';
import { OverrideDialog, type OverrideInput } from './OverrideDialog';
import { Sparkline } from './Sparkline';
import { NoDataNotice } from './States';

export type Health = NonNullable<RecordView['evaluation']>['health'];
type Driver = Health['drivers']['up'][number];

export interface HealthCardProps {
  health: Health | null;
  trend: RecordView['trend'];
  pack: Pick<PackView, 'bands' | 'signals'>;
  onSetOverride: (input: OverrideInput) => Promise<void>;
  onClearOverride: () => void;
  /** The last time this CSM looked, for "what changed". */
  previousSeenAt?: string;
  /** Per rating signal: whose ratings make its value, and when (the team's notes). */
  ratings?: RecordView['ratings'];
  /** CS Ops's published result in the CRM, when there is one. */
  published?: RecordView['published'];
}

/**
 * The CRM's published score beside the live one ("CRM: 62 · v6 · 12/4"), shown when the two differ in
 * value or pack version, or when it is over 48 hours old: what reports and workflows in the CRM see.
 */
function PublishedLine({ published: p }: { published: NonNullable<RecordView['published']> }) {
  const { t, date, number } = useI18n();
  if (!p.differs && !p.stale) return null;
  const parts = [number(Math.round(p.score)), ...(p.packVersion ? [`v${p.packVersion}`] : []), date(p.asOf)];
  return (
    <p className={`small published${p.stale ? ' published--stale' : ''}`} data-testid="published-score" title={t('health.publishedHint')}>
      {t('health.published', { value: parts.join(' · ') })}
      {p.stale ? (
        <>
          {' '}
          <WarnIcon /> {t('health.publishedStale')}
        </>
      ) : null}
    </p>
  );
}

const signed = (n: number, fmt: (n: number) => string) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : fmt(0));

/** The score, why it is what it is, and what moved since the CSM last looked. */
export function HealthCard({ health, trend, pack, onSetOverride, onClearOverride, previousSeenAt, ratings, published }: HealthCardProps) {
  const { t, text, date, number } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const signalLabel = (id: string) => {
    const s = pack.signals.find((x) => x.id === id);
    return s ? text(s.label) : id;
  };

  const save = async (input: OverrideInput) => {
    setSaving(true);
    setError(undefined);
    try {
      await onSetOverride(input);
      setEditing(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  if (!health || health.status === 'insufficient-data') {
    return (
      <section className="card" aria-labelledby="health-title">
        <h2 id="health-title" className="card__title">
          {t('health.title')}
        </h2>
        <NoDataNotice health={health} signals={pack.signals} />
        {published ? <PublishedLine published={published} /> : null}
      </section>
    );
  }

  const ov = health.override;
  const overridden = ov?.status === 'active';
  const tone = bandTone(pack.bands, health.band);
  const bandLabel = (id: string | null) => {
    const b = findBand(pack.bands, id);
    return b ? text(b.label) : (id ?? '—');
  };

  const driverList = (items: Driver[], dir: 'up' | 'down') => (
    <div className={`drivers drivers--${dir}`}>
      <h3 className="subhead">
        {dir === 'up' ? <UpIcon /> : <DownIcon />} {t(dir === 'up' ? 'health.driversUp' : 'health.driversDown')}
      </h3>
      {items.length ? (
        <ul className="plain-list">
          {items.slice(0, 3).map((d) => (
            <li key={d.signalId} className="driver">
              <span className="driver__text">{text(d.text)}</span>
              <span className="driver__impact">{t('health.points', { n: signed(d.impact, number) })}</span>
              {ratings?.[d.signalId] ? <RatedBy rating={ratings[d.signalId]!} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t('health.none')}</p>
      )}
    </div>
  );

  const ch = health.changes;
  return (
    <section className={`card card--tone-${tone}`} aria-labelledby="health-title">
      <div className="card__head">
        <h2 id="health-title" className="card__title">
          {t('health.title')}
        </h2>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setEditing(true)}>
          {overridden ? t('override.edit') : t('override.open')}
        </button>
      </div>

      <div className="score">
        <p className="score__num" aria-label={`${t('health.score')} ${health.score ?? '—'} ${t('health.outOf')}`}>
          <span className="score__value">{health.score === null ? '—' : Math.round(health.score)}</span>
          <span className="score__max">{t('health.outOf')}</span>
        </p>
        <div className="score__band">
          <BandBadge bands={pack.bands} band={health.band} />
          {overridden && ov ? (
            <>
              <span className="small">
                {t('override.computed', { band: '' })}
                <BandBadge bands={pack.bands} band={health.computedBand} muted />
              </span>
            </>
          ) : null}
        </div>
      </div>

      {published ? <PublishedLine published={published} /> : null}

      {ov ? (
        <div className={`override override--${ov.status}`} data-testid="override">
          {ov.status === 'active' ? (
            <p className="small">
              <strong>{t('override.active', { date: date(ov.expiresAt) })}</strong>
            </p>
          ) : ov.status === 'lapsed' ? (
            <p className="small">
              <strong>{t('override.lapsed', { band: bandLabel(ov.band), date: date(ov.expiresAt) })}</strong>
            </p>
          ) : (
            <p className="small">
              <strong>{t('override.invalid', { band: ov.band })}</strong>
            </p>
          )}
          <p className="small">{t('override.reasonShown', { reason: ov.reason })}</p>
          <button type="button" className="link-btn small" onClick={onClearOverride}>
            {t('override.clear')}
          </button>
        </div>
      ) : null}

      {health.rulesApplied.map((r) => (
        <p key={r.ruleId} className="small note-line">
          <WarnIcon /> {t('health.capped', { band: bandLabel(r.capBand), reason: text(r.reason) })}
        </p>
      ))}

      <Sparkline trend={trend} bands={pack.bands} />

      <div className="drivers-grid">
        {driverList(health.drivers.up, 'up')}
        {driverList(health.drivers.down, 'down')}
      </div>

      {ratings && Object.keys(ratings).length ? (
        <div className="team-ratings" role="group" aria-labelledby="team-ratings-title">
          <h3 id="team-ratings-title" className="subhead">
            {t('health.ratings')}
          </h3>
          <ul className="plain-list">
            {pack.signals
              .filter((x) => ratings[x.id])
              .map((x) => (
                <li key={x.id} className="team-rating" data-testid={`team-rating-${x.id}`}>
                  <span>
                    {text(x.label)} <strong>{number(ratings[x.id]!.value)}</strong>
                  </span>
                  <RatedBy rating={ratings[x.id]!} />
                </li>
              ))}
          </ul>
        </div>
      ) : null}

      {health.stale.length ? (
        <div className="stale" role="group" aria-labelledby="stale-title">
          <h3 id="stale-title" className="subhead subhead--warn">
            <WarnIcon /> {t('health.stale')}
          </h3>
          <ul className="plain-list">
            {health.stale.map((s) => (
              <li key={s.signalId} className="stale__item">
                <span>{signalLabel(s.signalId)}</span>
                <span className="small muted">{s.ageDays === null ? t('health.staleUnknown') : t('health.staleItem', { age: Math.round(s.ageDays), limit: s.limitDays })}</span>
                {ratings?.[s.signalId] ? <RatedBy rating={ratings[s.signalId]!} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="changes">
        <h3 className="subhead">
          {t('health.changes')}
          {previousSeenAt ? <span className="muted small"> ({date(previousSeenAt)})</span> : null}
        </h3>
        {!ch ? (
          <p className="small muted">{t('health.firstVisit')}</p>
        ) : ch.scoreDelta === 0 && !ch.bandChanged && ch.measures.length === 0 ? (
          <p className="small muted">{t('health.noChanges')}</p>
        ) : (
          <ul className="plain-list small">
            {ch.previousScore !== null && ch.scoreDelta !== null && ch.scoreDelta !== 0 ? (
              <li>
                {t('health.changeScore', { from: Math.round(ch.previousScore), to: health.score === null ? '—' : Math.round(health.score) })}{' '}
                <span className={ch.scoreDelta > 0 ? 'delta delta--up' : 'delta delta--down'}>({signed(ch.scoreDelta, number)})</span>
              </li>
            ) : null}
            {ch.bandChanged ? <li>{t('health.changeBand', { from: bandLabel(ch.previousBand), to: bandLabel(health.band) })}</li> : null}
            {ch.measures.slice(0, 3).map((m) => (
              <li key={m.signalId} className="change">
                <span>{signalLabel(m.signalId)}</span>{' '}
                <span className={m.contributionDelta >= 0 ? 'delta delta--up' : 'delta delta--down'}>{t('health.points', { n: signed(m.contributionDelta, number) })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {editing ? (
        <OverrideDialog
          bands={pack.bands}
          initialBand={ov?.status === 'active' ? ov.band : health.computedBand}
          onSave={(input) => void save(input)}
          onClose={() => setEditing(false)}
          saving={saving}
          {...(error ? { error } : {})}
        />
      ) : null}
    </section>
  );
}

/** "— 佐藤 花子, 3 days ago": who rated the value a rating signal has, and when; stale raters are marked. */
function RatedBy({ rating }: { rating: TeamRatingView }) {
  const { t, age, number } = useI18n();
  // The CSM's own rating is theirs ("you"), whatever name the CRM records for them.
  const who = (r: TeamRatingView['raters'][number]) => (r.own ? t('health.raterYou') : (r.name ?? t('health.raterUnknown')));
  const stale = (r: TeamRatingView['raters'][number]) => (r.stale ? t('health.raterStale') : '');
  const first = rating.raters[0];
  if (!first) return null;
  let line: string;
  if (rating.mode === 'mean' && rating.outsideWindow) line = t('health.ratedOutside', { days: rating.days ?? 0, who: who(first), age: age(first.at) }) + stale(first);
  else if (rating.mode === 'mean')
    line = t('health.ratedMean', {
      n: rating.raters.length,
      days: rating.days ?? 0,
      list: rating.raters.map((r) => t('health.raterItem', { who: who(r), value: number(r.value) }) + stale(r)).join(', '),
    });
  else line = t('health.ratedBy', { who: who(first), age: age(first.at) }) + stale(first);
  return <span className={`rated-by small${rating.raters.some((r) => r.stale) ? ' rated-by--stale' : ' muted'}`}>{line}</span>;
}
