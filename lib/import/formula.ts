// Text from someone else's file, written back into a CSV that Excel opens:
// a cell Excel would run as a formula is defused with a leading apostrophe.
// The whole cell counts, line breaks included (papaparse's own escapeFormulae
// tests `^[=+\-@\t\r].*$`, whose `.` stops at a line break, so
// "=HYPERLINK(…)\n…" reached Excel as a formula).

/** Starts Excel reads as a formula: = + - @, tab, carriage return, and their full-width forms (Japanese IMEs type those). */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
