// Bytes → text with the platform TextDecoder only, so no encoding tables ship
// to the browser. In the WHATWG Encoding Standard 'shift_jis' is Windows-31J
// (CP932), which is what Excel in Japan writes, NEC/IBM extensions included.

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export interface DecodedText {
  encoding: CsvEncoding;
  text: string;
  /** Some bytes could not be read in any encoding tried and became U+FFFD. */
  lossy: boolean;
}

const REPLACEMENT = '\uFFFD';

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function lenient(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label).decode(bytes);
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/** A U+FFFD already in the file is text like any other; only a failed strict decode is a loss. */
function withBom(label: string, encoding: CsvEncoding, bytes: Uint8Array): DecodedText {
  const text = strict(label, bytes);
  return text === null ? { encoding, text: lenient(label, bytes), lossy: true } : { encoding, text, lossy: false };
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  // A byte-order mark is an explicit statement; the decoder drops it from the text.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return withBom('utf-8', 'utf-8-bom', bytes);
  // Excel's "Unicode text" export is UTF-16 with a BOM (and tab-delimited).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return withBom('utf-16le', 'utf-16le', bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return withBom('utf-16be', 'utf-16be', bytes);
  // Japanese text in Shift_JIS is almost never valid UTF-8, so a strict UTF-8
  // pass that succeeds is a reliable answer; ASCII-only files land here too.
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { encoding: 'utf-8', text: utf8, lossy: false };
  const sjis = strict('shift_jis', bytes);
  if (sjis !== null) return { encoding: 'shift_jis', text: sjis, lossy: false };
  // Neither fits: keep whichever reading loses fewer characters, and say so.
  const u = lenient('utf-8', bytes);
  const s = lenient('shift_jis', bytes);
  return countReplacements(s) < countReplacements(u)
    ? { encoding: 'shift_jis', text: s, lossy: true }
    : { encoding: 'utf-8', text: u, lossy: true };
}
