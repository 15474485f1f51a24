/**
 * Readers for the parsers' fast path: each says yes only to what the schema and the cross-field
 * checks accept without an issue, and reads it once. Anything else is NaN, and the parser then runs
 * its full checker, which words the issues. They wrap the engine's own readers (src/engine/numbers.ts),
 * made exactly as strict as the schema; test/schema/readers.test.ts holds them to it.
 */
import { dayNumber, instantMs, micros } from "../engine/numbers.js";
import { Dec } from "../money/decimal.js";

/** A fraction of a second with a non-zero digit past the milliseconds, which the engine does not keep. */
const PAST_MS = /^.{20}\d{3}\d*[1-9]/;

/**
 * UTC milliseconds of an instant the schemas accept without an issue (RFC 3339 with offset, fields
 * in range, at most millisecond precision, years 1970-2199): the number `parseInstant` gives. NaN
 * for anything else.
 *
 * @example
 * readInstant("2026-03-29T02:30:00+02:00") // Date.UTC(2026, 2, 29, 0, 30)
 * readInstant("2026-02-29T00:00:00Z") // NaN (no such day)
 */
export function readInstant(s: string): number {
  return s.charCodeAt(19) === 46 && s.length > 24 && PAST_MS.test(s) ? NaN : instantMs(s);
}

/**
 * A decimal as the schema accepts it, in millionths; NaN when it is not one or is too large to hold
 * exactly (beyond 2^53 millionths).
 *
 * @example
 * readMicros("0.45") // 450000
 * readMicros("01") // NaN (a leading zero)
 */
export function readMicros(text: string): number {
  // micros reads /^\d+(\.\d{1,6})?$/ (NaN for anything else); the schema's pattern,
  // /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/, also wants at most 12 whole digits and no leading zero.
  const point = text.indexOf(".");
  const whole = point < 0 ? text.length : point;
  return whole > 12 || (whole > 1 && text.charCodeAt(0) === 48) ? NaN : micros(text);
}

/** `readMicros` of a decimal field's raw value (a string, or a number read as its shortest text); NaN for other types. */
export function decimalMicros(value: unknown): number {
  return typeof value === "string" || typeof value === "number" ? readMicros(String(value)) : NaN;
}

/**
 * Days since 1970-01-01 of a calendar date "YYYY-MM-DD" as the schema's `localDate` accepts it, or NaN.
 *
 * @example
 * readDate("2026-06-01") // 20605
 */
export const readDate: (text: string) => number = dayNumber;

/** Compares two valid decimals given with their millionths: as integers where both fit, else with decimal.js. */
export function compareDecimals(a: unknown, am: number, b: unknown, bm: number): number {
  return am === am && bm === bm ? am - bm : new Dec(String(a)).cmp(String(b));
}
