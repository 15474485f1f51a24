/**
 * Fast readers and printers of the files' texts, without regular expressions or Date: decimals in
 * millionths, dates as day numbers, RFC 3339 instants as UTC ms, and UTC ms as receipts print them.
 * Each answers NaN for what it cannot read exactly; the callers then ask the full parsers, which say
 * what is wrong.
 */
const MAX = Number.MAX_SAFE_INTEGER;
/**
 * A decimal string of the files ("0.45", "12", at most 6 decimals) in millionths, or NaN when it
 * is not one or is too large to hold exactly.
 *
 * @example
 * micros("0.45") // 450000
 */
export function micros(text: string): number {
  let n = 0;
  let decimals = -1;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c === -2 && decimals < 0 && i > 0 && i < len - 1) decimals = 0;
    else if (c >= 0 && c <= 9 && decimals < 6) {
      n = n * 10 + c;
      if (decimals >= 0) decimals++;
    } else return NaN;
  }
  if (len === 0) return NaN;
  for (let k = decimals < 0 ? 0 : decimals; k < 6; k++) n *= 10;
  return n <= MAX ? n : NaN;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, year 0-9999: int32 arithmetic). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 + 400 : y + 400; // shifted by one era, so every quotient is of a non-negative number
  const era = (yy / 400) | 0;
  const yoe = yy - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  return (era - 1) * 146_097 + yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy - 719_468;
}

/** Days since 1970-01-01 of the date "YYYY-MM-DD" starting at position i of s, or NaN. */
function dateAt(s: string, i: number): number {
  const y0 = s.charCodeAt(i) - 48;
  const y1 = s.charCodeAt(i + 1) - 48;
  const y2 = s.charCodeAt(i + 2) - 48;
  const y3 = s.charCodeAt(i + 3) - 48;
  const m0 = s.charCodeAt(i + 5) - 48;
  const m1 = s.charCodeAt(i + 6) - 48;
  const d0 = s.charCodeAt(i + 8) - 48;
  const d1 = s.charCodeAt(i + 9) - 48;
  // (x >>> 0) > 9 catches non-digits on both sides of '0'..'9' (NaN past the end becomes 0, so check dashes last).
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9)
    return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return NaN;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return NaN;
  return daysFromCivil(y, m, d);
}

/** Days since 1970-01-01 of "YYYY-MM-DD", or NaN. */
export function dayNumber(text: string): number {
  return text.length === 10 ? dateAt(text, 0) : NaN;
}

/** Two digits at i (NaN when not digits). */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return (a >>> 0) > 9 || (b >>> 0) > 9 ? NaN : a * 10 + b;
}

/**
 * UTC milliseconds of an RFC 3339 instant as `parseInstant` reads it, or NaN for anything but a
 * well-formed instant with its fields in range (years 1970-2199).
 *
 * @example
 * instantMs("2026-03-29T02:30:00+02:00") // Date.UTC(2026, 2, 29, 0, 30)
 */
export function instantMs(s: string): number {
  const len = s.length;
  const day = dateAt(s, 0);
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  if (len < 20 || (s.charCodeAt(10) | 32) !== 116 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || !(h <= 23 && mi <= 59 && sec <= 59 && day >= 0 && day < 84_006))
    return NaN;
  const utc = day * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000;
  let i = 19;
  if (len === 20 && (s.charCodeAt(i) | 32) === 122) return utc;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // A fraction: milliseconds from its first three digits (the parser allows only zeros after them).
    const from = ++i;
    while (i < len && ((s.charCodeAt(i) - 48) >>> 0) <= 9) i++;
    if (i === from || i - from > 9) return NaN;
    for (let k = from; k < from + 3; k++) ms = ms * 10 + (k < i ? s.charCodeAt(k) - 48 : 0);
  }
  if (len - i === 1 && (s.charCodeAt(i) | 32) === 122) return utc + ms;
  const oh = two(s, i + 1);
  const om = two(s, i + 4);
  const c = s.charCodeAt(i);
  const sign = c === 45 ? 1 : c === 43 ? -1 : NaN;
  if (len - i !== 6 || s.charCodeAt(i + 3) !== 58 || !(oh <= 23 && om <= 59)) return NaN;
  return utc + ms + sign * (oh * 60 + om) * 60_000;
}

/** "00" … "99", built once. */
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + i);

/**
 * UTC ms as `formatInstant` prints them, "YYYY-MM-DDTHH:MM:SS(.mmm)Z" (years 0-9999).
 *
 * @example
 * instantText(Date.UTC(2026, 2, 29, 0, 30)) // "2026-03-29T00:30:00Z"
 */
export function instantText(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let rest = ms - day * 86_400_000;
  // Civil date from days (H. Hinnant's algorithm).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const text = TWO[(y / 100) | 0]! + TWO[y % 100]! + "-" + TWO[m]! + "-" + TWO[d]! + "T" + TWO[(rest / 60) | 0]! + ":" + TWO[rest % 60]! + ":" + TWO[sec]!;
  return milli === 0 ? text + "Z" : text + "." + ("" + (1000 + milli)).slice(1) + "Z";
}
