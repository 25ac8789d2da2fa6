import { message, type ImportIssue, type IssueCode, type IssueParams, type Locale } from './messages.ts';

export interface CsvError {
  code: IssueCode;
  /** 1-based row as Excel numbers it; 0 when the problem is the file as a whole. */
  row: number;
  column?: string;
  params: IssueParams;
  message: string;
}

/** A broken export repeats one problem on every row; a hundred thousand copies help nobody. */
const KEPT_PER_CODE = 20;

export class IssueLog {
  readonly locale: Locale;
  private readonly kept: CsvError[] = [];
  private readonly perCode = new Map<IssueCode, number>();
  private last = '';

  constructor(locale: Locale) {
    this.locale = locale;
  }

  add(row: number, issue: ImportIssue, column?: string): void {
    // papaparse reports each bad quote; one line per row and problem is enough.
    const key = `${row}\u0000${issue.code}\u0000${column ?? ''}`;
    if (key === this.last) return;
    this.last = key;
    const n = (this.perCode.get(issue.code) ?? 0) + 1;
    this.perCode.set(issue.code, n);
    if (n > KEPT_PER_CODE) return;
    const params = { row, ...issue.params };
    this.kept.push({
      code: issue.code,
      row,
      ...(column === undefined ? {} : { column }),
      params,
      message: message({ code: issue.code, params }, this.locale),
    });
  }

  /** The kept errors in row order, then one line per problem that was cut short. */
  list(): CsvError[] {
    const out = [...this.kept].sort((a, b) => a.row - b.row);
    for (const [code, n] of this.perCode) {
      if (n <= KEPT_PER_CODE) continue;
      const params: IssueParams = { count: n - KEPT_PER_CODE, of: code };
      out.push({ code: 'more_errors', row: 0, params, message: message({ code: 'more_errors', params }, this.locale) });
    }
    return out;
  }
}
