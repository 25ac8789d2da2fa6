/** The byte-order mark Excel needs to read a CSV as UTF-8 rather than the system code page. */
export const UTF8_BOM = '\uFEFF';

/**
 * Saves text as a file through an object URL and a temporary link: works on
 * extension pages without the downloads permission, and in real Chromium the
 * browser's download event fires (what the e2e tests wait for).
 */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Bytes as a file (the Salesforce metadata package's zip). */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the blob after the click event returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A CSV for Excel: UTF-8 with BOM, CRLF line ends. */
export function downloadCsv(fileName: string, csv: string): void {
  downloadText(fileName, csv.startsWith(UTF8_BOM) ? csv : UTF8_BOM + csv, 'text/csv;charset=utf-8');
}

export function downloadJson(fileName: string, value: unknown): void {
  downloadText(fileName, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}

/** A date stamp for file names: 2026-11-23. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
