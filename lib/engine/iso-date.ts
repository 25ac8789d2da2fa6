// Date.parse dominates evaluation time when every account carries a dozen ISO timestamps, so the common shapes
// are read by hand. Anything else (including local-time forms without an offset) goes to Date.parse, so the
// result always equals Date.parse's.

/** The two ASCII digits at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Days from 1970-01-01 to the first of a month (1–12) of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). The same arithmetic as Date.UTC's MakeDay, without the call into the runtime.
 */
function daysToMonth(y: number, m: number): number {
  // Only called for years ≥ 100, so every operand is a small non-negative integer and `| 0` floors: integer
  // division, where Math.floor would divide in floating point.
  const yy = m <= 2 ? y - 1 : y;
  const era = (yy / 400) | 0;
  const yoe = yy - era * 400;
  const doy = ((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0;
  return era * 146097 + yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DAY = 86_400_000;

/** Milliseconds since the epoch for an ISO 8601 string, or NaN. */
export function parseIsoMs(s: string): number {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Date.parse(s);
  const century = two(s, 0);
  const yearOf = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (century < 0 || yearOf < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return Date.parse(s);
  const y = century * 100 + yearOf;
  // Date.UTC reads years 0–99 as 1900–1999; those rare inputs keep its exact result below.
  const civil = y >= 100;
  if (len === 10) return civil ? (daysToMonth(y, mo) + d - 1) * DAY : Date.UTC(y, mo - 1, d);
  // YYYY-MM-DDTHH:MM
  if (len < 16 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return Date.parse(s);
  const h = two(s, 11);
  const mi = two(s, 14);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return Date.parse(s);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    sec = two(s, i + 1);
    if (sec < 0 || sec > 59) return Date.parse(s);
    i += 3;
    if (s.charCodeAt(i) === 46) {
      // Milliseconds are the first three digits; further ones are read and dropped, as Date.parse does.
      let j = i + 1;
      let scale = 100;
      while (j < len) {
        const c = s.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale = (scale / 10) | 0;
        j++;
      }
      if (j === i + 1) return Date.parse(s);
      i = j;
    }
  }
  let offsetMin = 0;
  if (i === len) return Date.parse(s); // no offset: local time, leave it to the platform
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === len) offsetMin = 0;
  else if ((z === 43 || z === 45) && i + 6 === len && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || om < 0) return Date.parse(s);
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Date.parse(s);
  // Date.UTC rolls 31 Feb over to March; Date.parse may not. Defer to the platform on such dates.
  if (civil) {
    if (d > 28 && d > daysInMonth(y, mo)) return Date.parse(s);
    return (daysToMonth(y, mo) + d - 1) * DAY + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms - offsetMin * 60_000;
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (d > 28 && new Date(t).getUTCDate() !== d) return Date.parse(s);
  return t - offsetMin * 60_000;
}
