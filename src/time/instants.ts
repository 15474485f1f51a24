/**
 * RFC 3339 instants. Input must carry an offset ("Z" or "+02:00"); the engine works in UTC
 * milliseconds and prints UTC.
 */
import { instantMs, instantText } from "../engine/numbers.js";
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Why a string is not an instant, or null when it is one. */
export function instantProblem(text: string): string | null {
  const m = RFC3339.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text))
      return "must carry a UTC offset (Z or ±hh:mm), e.g. 2026-03-28T23:30:00Z";
    return "must be an RFC 3339 date-time with offset, e.g. 2026-03-28T23:30:00Z";
  }
  const [, y, mo, d, h, mi, s, frac, off] = m;
  if (frac && /[1-9]/.test(frac.slice(3)))
    return "has more precision than milliseconds, which the engine does not keep";
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12) return "has a month outside 01-12";
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `has no day ${d} in ${y}-${mo}`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return "has a time of day out of range";
  // "Z" reads as hour 0 and minute 0 here.
  if (Number(off!.slice(1, 3)) > 23 || Number(off!.slice(4)) > 59)
    return "has an offset out of range";
  if (year < 1970 || year > 2199) return "must be between the years 1970 and 2199";
  return null;
}

/**
 * UTC milliseconds of a valid RFC 3339 instant (check with `instantProblem` first); a RangeError for
 * text it cannot read.
 *
 * @example
 * parseInstant("2026-03-29T02:30:00+02:00") // Date.UTC(2026, 2, 29, 0, 30)
 */
export function parseInstant(text: string): number {
  // One reader for every form instantProblem accepts (test/time/instants.test.ts checks each against Date.UTC).
  const ms = instantMs(text);
  if (ms !== ms) throw new RangeError(`not an RFC 3339 instant: ${text}`);
  return ms;
}

/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in UTC ms: the years RFC 3339 can print. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;

/**
 * Prints a UTC instant as RFC 3339 in UTC, with milliseconds only when there are any (a fraction of a
 * millisecond is dropped). A RangeError outside the years 0000-9999, which RFC 3339 cannot write.
 *
 * @example
 * formatInstant(Date.UTC(2026, 2, 29, 0, 30)) // "2026-03-29T00:30:00Z"
 */
export function formatInstant(utcMs: number): string {
  if (!(utcMs >= YEAR_0 && utcMs < YEAR_10000)) throw new RangeError(`not an instant of the years 0000-9999: ${utcMs}`);
  return instantText(Math.floor(utcMs));
}
