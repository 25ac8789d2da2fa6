import type { PublishSetup, SetupRow } from '../../../lib/messages/publish';
import type { OptionsKey } from '../../../lib/i18n/options-en';
import { useT } from '../i18n';
import { Pill, type Tone } from '../ui';

const TONE: Record<SetupRow['status'], Tone> = { ok: 'ok', missing: 'warn', 'wrong-type': 'bad', 'read-only': 'bad', hidden: 'bad' };
const STATUS: Record<SetupRow['status'], OptionsKey> = {
  ok: 'publish.st.ok',
  missing: 'publish.st.missing',
  'wrong-type': 'publish.st.wrongType',
  'read-only': 'publish.st.noAccess',
  hidden: 'publish.st.noAccess',
};
const TYPE: Record<SetupRow['want'], OptionsKey> = { number: 'publish.type.number', string: 'publish.type.string', datetime: 'publish.type.datetime' };

/** Why a field is not usable, in words that say who can fix it. */
function Detail({ row }: { row: SetupRow }) {
  const { t } = useT();
  if (row.status === 'wrong-type') return <p className="small">{t('publish.st.wrongTypeDetail', { name: row.name, have: row.crmType ?? '?', want: t(TYPE[row.want]) })}</p>;
  if (row.status === 'read-only') return <p className="small">{t('publish.st.readOnlyDetail', { name: row.name })}</p>;
  if (row.status === 'hidden') return <p className="small">{t('publish.st.hiddenDetail', { name: row.name })}</p>;
  return null;
}

/** Per field the pack publishes: what Sidecar needs and what the connected CRM has. */
export function SetupTable({ check }: { check: PublishSetup }) {
  const { t, locale, number } = useT();
  const s = check.summary;
  return (
    <>
      <dl className="counts" aria-live="polite" data-testid="setup-summary">
        <div>
          <dt>{t('publish.sum.ok')}</dt>
          <dd className="ok">{number(s.ok)}</dd>
        </div>
        <div>
          <dt>{t('publish.sum.missing')}</dt>
          <dd className={s.missing ? 'warn' : undefined}>{number(s.missing)}</dd>
        </div>
        <div>
          <dt>{t('publish.sum.wrongType')}</dt>
          <dd className={s.wrongType ? 'bad' : undefined}>{number(s.wrongType)}</dd>
        </div>
        <div>
          <dt>{t('publish.sum.noAccess')}</dt>
          <dd className={s.noAccess ? 'bad' : undefined}>{number(s.noAccess)}</dd>
        </div>
      </dl>
      {!check.hiddenKnown ? <p className="muted small">{t('publish.hiddenUnknown')}</p> : null}
      <div className="table-wrap">
        <table className="table" data-testid="setup-table">
          <caption className="visually-hidden">{t('publish.setupTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publish.col.field')}</th>
              <th scope="col">{t('publish.col.type')}</th>
              <th scope="col">{t('publish.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {check.rows.map((r) => (
              <tr key={r.name} data-status={r.status}>
                <th scope="row">
                  {r.label[locale]}
                  <br />
                  <code className="small">{r.name}</code>
                </th>
                <td>{t(TYPE[r.want])}</td>
                <td>
                  <Pill tone={TONE[r.status]}>{t(STATUS[r.status])}</Pill>
                  <Detail row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
