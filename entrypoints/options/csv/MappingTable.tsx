import type { DateOrder, KeyKind } from '../../../lib/import/index';
import { assignRole, roleOf, type MappingDraft, type Role } from '../../../lib/import/mapping-draft';
import { useT } from '../i18n';
import type { SignalField } from '../../../lib/packs/pack-model';

export interface MappingTableProps {
  headers: string[];
  rows: string[][];
  signals: SignalField[];
  draft: MappingDraft;
  onChange: (next: MappingDraft) => void;
  disabled?: boolean;
}

function samples(rows: string[][], index: number): string {
  const out: string[] = [];
  for (const row of rows) {
    const v = row[index]?.trim();
    if (v) out.push(v);
    if (out.length === 3) break;
  }
  return out.join(', ');
}

export function MappingTable({ headers, rows, signals, draft, onChange, disabled }: MappingTableProps) {
  const { t } = useT();
  const seen = new Set<string>();
  return (
    <div>
      <div className="field field--inline">
        <label htmlFor="csv-key-kind">{t('csv.keyKind')}</label>
        <select id="csv-key-kind" value={draft.keyKind} onChange={(e) => onChange({ ...draft, keyKind: e.target.value as KeyKind })} disabled={disabled}>
          <option value="crmId">{t('csv.keyKind.crmId')}</option>
          <option value="domain">{t('csv.keyKind.domain')}</option>
          <option value="name">{t('csv.keyKind.name')}</option>
        </select>
        {draft.observedAtColumn ? (
          <>
            <label htmlFor="csv-date-format">{t('csv.dateFormat')}</label>
            <select
              id="csv-date-format"
              value={draft.dateFormat ?? 'ymd'}
              onChange={(e) => onChange({ ...draft, dateFormat: e.target.value as DateOrder })}
              disabled={disabled}
            >
              <option value="ymd">{t('csv.dateFormat.ymd')}</option>
              <option value="mdy">{t('csv.dateFormat.mdy')}</option>
              <option value="dmy">{t('csv.dateFormat.dmy')}</option>
            </select>
          </>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="table" aria-label={t('csv.mappingTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('csv.column')}</th>
              <th scope="col">{t('csv.sample')}</th>
              <th scope="col">{t('csv.use')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, i) => {
              // A nameless or repeated column cannot be told apart from its twin: the parser already said so.
              const usable = header.trim() !== '' && !seen.has(header);
              seen.add(header);
              const id = `csv-map-${i}`;
              return (
                <tr key={`${i}-${header}`}>
                  <th scope="row">
                    <label htmlFor={id}>{header || `#${i + 1}`}</label>
                  </th>
                  <td className="sample" title={samples(rows, i)}>
                    {samples(rows, i)}
                  </td>
                  <td>
                    <select id={id} value={usable ? roleOf(draft, header) : ''} onChange={(e) => onChange(assignRole(draft, header, e.target.value as Role))} disabled={disabled || !usable}>
                      <option value="">{t('csv.role.ignore')}</option>
                      <option value="@key">{t('csv.role.key')}</option>
                      <option value="@date">{t('csv.role.observedAt')}</option>
                      <optgroup label={t('csv.signalsGroup')}>
                        {signals.map((s) => (
                          <option key={s.id} value={`sig:${s.id}`}>
                            {s.label} ({s.id})
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
