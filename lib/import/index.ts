// The CSV import's public surface: decode and parse a file, map its rows to signal observations, report what was left out.
export { parseCsv, parseCsvChunked } from './csv.ts';
export type { CsvEncoding, CsvError, Delimiter, ParseCsvChunkedOptions, ParseCsvOptions, ParsedCsv, ParseProgress } from './csv.ts';
export { CsvMappingSchema, headerSignature, isPercentSignal, suggestMapping } from './mapping.ts';
export type { CsvMapping, MappableSignal, MappingSuggestion } from './mapping.ts';
export { mapCsv } from './map-rows.ts';
export type { Duplicate, MapCsvOptions, MappableCsv, MapResult, MappingError, MapStats, Observation, Rejection } from './map-rows.ts';
export { message } from './messages.ts';
export type { ImportIssue, IssueCode, IssueParams, Locale } from './messages.ts';
export { normaliseKey, keyOf, companyNameKey, domainKey } from './normalise.ts';
export type { KeyKind, KeyResult } from './normalise.ts';
export { rejectionReportCsv } from './report.ts';
export type { ReportRow } from './report.ts';
export { readBoolean, readDate, readNumber, readRating } from './values.ts';
export type { CellValue, DateOrder } from './values.ts';
