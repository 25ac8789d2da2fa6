// Date.parse dominates evaluation time when every account carries a dozen ISO timestamps, so the common shapes
// are read by hand. Anything else (including local-time forms without an offset) goes to Date.parse, so the
// result always equals Date.parse's.

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Milliseconds since the epoch for an ISO 8601 string, or NaN. */
export function parseIsoMs(s: string): number {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Date.parse(s);
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return Date.parse(s);
  if (len === 10) return Date.UTC(y, mo - 1, d);
  // YYYY-MM-DDTHH:MM
  if (len < 16 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return Date.parse(s);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return Date.parse(s);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    sec = digits(s, i + 1, 2);
    if (sec < 0 || sec > 59) return Date.parse(s);
    i += 3;
    if (s.charCodeAt(i) === 46) {
      let j = i + 1;
      let frac = 0;
      let scale = 100;
      while (j < len) {
        const c = s.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return Date.parse(s);
      ms = Math.floor(frac);
      i = j;
    }
  }
  let offsetMin = 0;
  if (i === len) return Date.parse(s); // no offset: local time, leave it to the platform
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === len) offsetMin = 0;
  else if ((z === 43 || z === 45) && i + 6 === len && s.charCodeAt(i + 3) === 58) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || om < 0) return Date.parse(s);
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Date.parse(s);
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Date.UTC rolls 31 Feb over to March; Date.parse rejects it. Defer to the platform on such dates.
  if (d > 28 && new Date(t).getUTCDate() !== d) return Date.parse(s);
  return t - offsetMin * 60_000;
}
