import { useT } from '../i18n';
import type { OptionsKey } from '../../../lib/i18n/options-en';

const DELIMITER: Record<string, OptionsKey> = { ',': 'csv.delim.comma', '\t': 'csv.delim.tab', ';': 'csv.delim.semicolon', '|': 'csv.delim.pipe' };
export const ENCODING: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', shift_jis: 'Shift_JIS' };

export interface FileFactsProps {
  fileName: string;
  encoding: string;
  delimiter: string;
  columns: number;
  rows: number;
}

export const encodingName = (e: string) => ENCODING[e] ?? e;

/** What Sidecar made of the file before anything is imported. */
export function FileFacts(p: FileFactsProps) {
  const { t, number } = useT();
  const delimiter = DELIMITER[p.delimiter];
  return (
    <dl className="facts" data-testid="csv-facts">
      <div>
        <dt>{t('csv.file')}</dt>
        <dd>{p.fileName}</dd>
      </div>
      <div>
        <dt>{t('csv.encoding')}</dt>
        <dd data-testid="csv-encoding">{encodingName(p.encoding)}</dd>
      </div>
      <div>
        <dt>{t('csv.delimiter')}</dt>
        <dd data-testid="csv-delimiter">{delimiter ? t(delimiter) : JSON.stringify(p.delimiter)}</dd>
      </div>
      <div>
        <dt>{t('csv.columns')}</dt>
        <dd>{number(p.columns)}</dd>
      </div>
      <div>
        <dt>{t('csv.rows')}</dt>
        <dd data-testid="csv-rows">{number(p.rows)}</dd>
      </div>
    </dl>
  );
}
