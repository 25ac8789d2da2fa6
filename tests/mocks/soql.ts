// Just enough SOQL for the Salesforce mock: SELECT fields | COUNT() FROM X
// [WHERE a op b AND …] [ORDER BY f [ASC|DESC]] [LIMIT n], with op one of
// = != < <= > >= LIKE IN, and date and dateTime literals unquoted (1999-01-01, 1999-01-01T23:01:01Z,
// 1999-01-01T23:01:01+01:00), as the SOQL reference's "Date Formats and Date Literals in WHERE"
// gives them. Unknown syntax is a MALFORMED_QUERY, as on a real org.

export type SoqlValue = string | number | boolean | null;

export interface SoqlCondition {
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN';
  value: SoqlValue | SoqlValue[];
}

export interface SoqlQuery {
  count: boolean;
  fields: string[];
  from: string;
  where: SoqlCondition[];
  orderBy?: { field: string; desc: boolean };
  limit?: number;
}

export class SoqlError extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: string } | { kind: 'number'; text: string } | { kind: 'date'; text: string };

/** A date or dateTime literal; a dateTime needs its zone (Z or ±hh:mm), as Salesforce requires. */
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?(?![\w:.])/;

const STRING_ESCAPES: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function tokenize(soql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= soql.length) throw new SoqlError('MALFORMED_QUERY', 'unterminated string literal');
        const d = soql[i]!;
        if (d === '\\') {
          const e = soql[i + 1];
          if (e === undefined) throw new SoqlError('MALFORMED_QUERY', 'unterminated escape');
          // \% and \_ stay escaped: they only mean something inside LIKE.
          if (e === '%' || e === '_') text += `\\${e}`;
          else if (e in STRING_ESCAPES) text += STRING_ESCAPES[e];
          else throw new SoqlError('MALFORMED_QUERY', `Invalid string literal: unknown escape \\${e}`);
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      out.push({ kind: 'string', text });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(soql.slice(i))!;
      out.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (DATE_LITERAL.test(soql.slice(i))) {
      const m = DATE_LITERAL.exec(soql.slice(i))!;
      out.push({ kind: 'date', text: m[0] });
      i += m[0].length;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(soql.slice(i));
      if (!m) throw new SoqlError('MALFORMED_QUERY', `unexpected ${c}`);
      out.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (soql.startsWith('!=', i) || soql.startsWith('<=', i) || soql.startsWith('>=', i)) {
      out.push({ kind: 'punct', text: soql.slice(i, i + 2) });
      i += 2;
    } else if ('(),=<>'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${c}'`);
    }
  }
  return out;
}

export function parseSoql(soql: string): SoqlQuery {
  const t = tokenize(soql);
  let i = 0;
  const peek = () => t[i];
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === w;
  const expectWord = (w: string) => {
    if (!isWord(w)) throw new SoqlError('MALFORMED_QUERY', `expecting ${w}, found ${peek()?.text ?? 'end of query'}`);
    i++;
  };
  const expectPunct = (p: string) => {
    if (peek()?.kind !== 'punct' || peek()!.text !== p) throw new SoqlError('MALFORMED_QUERY', `expecting '${p}', found ${peek()?.text ?? 'end of query'}`);
    i++;
  };
  const field = () => {
    const tok = peek();
    if (tok?.kind !== 'word') throw new SoqlError('MALFORMED_QUERY', `expecting a field, found ${tok?.text ?? 'end of query'}`);
    i++;
    return tok.text;
  };
  const value = (): SoqlValue => {
    const tok = t[i++];
    if (!tok) throw new SoqlError('MALFORMED_QUERY', 'expecting a value');
    if (tok.kind === 'string') return tok.text;
    if (tok.kind === 'number') return Number(tok.text);
    // A date literal is compared as an instant (comparing() below): kept as its text.
    if (tok.kind === 'date') return tok.text;
    if (tok.kind === 'word' && /^(true|false|null)$/i.test(tok.text)) return tok.text.toLowerCase() === 'null' ? null : tok.text.toLowerCase() === 'true';
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${tok.text}'`);
  };

  expectWord('SELECT');
  let count = false;
  const fields: string[] = [];
  if (isWord('COUNT')) {
    i++;
    expectPunct('(');
    expectPunct(')');
    count = true;
  } else {
    fields.push(field());
    while (peek()?.text === ',') {
      i++;
      fields.push(field());
    }
  }
  expectWord('FROM');
  const from = field();
  const where: SoqlCondition[] = [];
  if (isWord('WHERE')) {
    i++;
    for (;;) {
      const f = field();
      const tok = peek();
      let cond: SoqlCondition;
      if (tok?.kind === 'punct' && (tok.text === '=' || tok.text === '!=' || tok.text === '<' || tok.text === '<=' || tok.text === '>' || tok.text === '>=')) {
        i++;
        cond = { field: f, op: tok.text, value: value() };
      } else if (isWord('LIKE')) {
        i++;
        cond = { field: f, op: 'LIKE', value: value() };
      } else if (isWord('IN')) {
        i++;
        expectPunct('(');
        const values = [value()];
        while (peek()?.text === ',') {
          i++;
          values.push(value());
        }
        expectPunct(')');
        cond = { field: f, op: 'IN', value: values };
      } else {
        throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${tok?.text ?? 'end of query'}'`);
      }
      where.push(cond);
      if (!isWord('AND')) break;
      i++;
    }
  }
  let orderBy: SoqlQuery['orderBy'];
  if (isWord('ORDER')) {
    i++;
    expectWord('BY');
    const f = field();
    let desc = false;
    if (isWord('DESC')) {
      desc = true;
      i++;
    } else if (isWord('ASC')) i++;
    orderBy = { field: f, desc };
  }
  let limit: number | undefined;
  if (isWord('LIMIT')) {
    i++;
    const v = value();
    if (typeof v !== 'number') throw new SoqlError('MALFORMED_QUERY', 'LIMIT needs a number');
    limit = v;
  }
  if (i < t.length) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${t[i]!.text}'`);
  return { count, fields, from, where, orderBy, limit };
}

/** A LIKE pattern → RegExp; \% and \_ are literal, matching ignores case as SOQL does. */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      re += pattern[i + 1] === '%' ? '%' : '_';
      i++;
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** A record's value against a comparison's literal: numbers as numbers, dates and dateTimes as instants (the org's +0000 too); null never compares. */
export function compares(a: SoqlValue | undefined, op: '<' | '<=' | '>' | '>=', b: SoqlValue): boolean {
  if (a === null || a === undefined || b === null) return false;
  const instant = (v: SoqlValue) => (typeof v === 'string' ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN);
  const [x, y] = typeof a === 'number' && typeof b === 'number' ? [a, b] : [instant(a), instant(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}
