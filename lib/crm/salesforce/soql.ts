// SOQL literals. Everything that goes between quotes in a query passes through
// here, so a name like O'Reilly cannot end the string early.

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A quoted SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c]!)}'`;
}

/** A quoted LIKE pattern matching `value` anywhere: % and _ in the value are literal. */
export function soqlContains(value: string): string {
  const quoted = soqlString(value);
  return `'%${quoted.slice(1, -1).replace(/[%_]/g, (c) => `\\${c}`)}%'`;
}

/** A field name or a dotted relationship path: never quoted, so only letters, digits and _ are let through. */
export function isSoqlField(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name);
}
