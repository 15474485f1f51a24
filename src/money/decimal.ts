import { Decimal } from "./decimal-lib.js";

/**
 * The library's own decimal constructor: 60 significant digits, never exponent notation in
 * strings. Sums, differences and products of prices and metered quantities are exact at this
 * precision; only a division (a quantity cut inside a linearly spread interval, hours from
 * milliseconds) can carry more digits than this, and then the error is below 1e-50 of the value,
 * far under any minor unit, before the single rounding to money.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});
export type Dec = Decimal;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const MS_PER_HOUR = new Dec(3_600_000);
export const MS_PER_MINUTE = new Dec(60_000);

/**
 * The largest whole number at most `value`, as a number: whole milliseconds of an instant that can
 * fall between two (`Math.floor(value.toNumber())` could round up first, where the value is within a
 * float's spacing below a whole number).
 */
export function floorNumber(value: Dec): number {
  return value.toDecimalPlaces(0, Decimal.ROUND_FLOOR).toNumber();
}

/** Sum of decimals (0 for none). */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * A decimal as a plain string with at most `maxDecimals` decimals (rounded half away from zero),
 * trailing zeros removed. For display of quantities; money uses `formatMoney`.
 *
 * @example
 * displayDecimal(new Dec("1.500"), 6) // "1.5"
 */
export function displayDecimal(value: Dec, maxDecimals: number): string {
  const rounded = value.toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? "0" : rounded.toFixed();
}

/**
 * `text` without its trailing "0"s, in one pass (a regular expression such as /0+$/ backtracks over
 * every run of zeros, quadratic on a long one).
 *
 * @example
 * withoutTrailingZeros("1.2500") // "1.25"
 */
export function withoutTrailingZeros(text: string): string {
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // charCodeAt(-1) is NaN: stops at the start
  return text.slice(0, end);
}
