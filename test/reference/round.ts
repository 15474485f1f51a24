/**
 * The decimal rounding of the pricer the engine replaced (test/reference/price-session.ts): amounts
 * as decimal.js-light decimals, rounded with a named mode. The engine rounds exact rationals
 * (src/engine/exact.ts); tests hold the two equal.
 */
import { Decimal } from "../../src/money/decimal-lib.js";
import { Dec } from "../../src/money/decimal.js";
import { moneyFromMinor, type Money } from "../../src/money/money.js";
import type { Currency } from "../../src/money/currencies.js";
import type { RoundingMode } from "../../src/money/round.js";

const DECIMAL_JS_MODE: Record<RoundingMode, number> = {
  halfAwayFromZero: Decimal.ROUND_HALF_UP,
  halfEven: Decimal.ROUND_HALF_EVEN,
  halfTowardZero: Decimal.ROUND_HALF_DOWN,
  awayFromZero: Decimal.ROUND_UP,
  towardZero: Decimal.ROUND_DOWN,
};

/**
 * Rounds to a multiple of `increment` with a named mode.
 *
 * @example
 * roundToIncrement(new Dec("2.675"), new Dec("0.01"), "halfAwayFromZero") // 2.68
 * roundToIncrement(new Dec("-2.675"), new Dec("0.01"), "halfAwayFromZero") // -2.68
 * roundToIncrement(new Dec("1235"), new Dec("10"), "halfTowardZero") // 1230
 */
export function roundToIncrement(value: Dec, increment: Dec, mode: RoundingMode): Dec {
  return value.div(increment).toDecimalPlaces(0, DECIMAL_JS_MODE[mode]).times(increment);
}

/**
 * Rounds up (toward +infinity) to a multiple of `step`: billing increments.
 *
 * @example
 * ceilToStep(new Dec("1.2"), new Dec("0.5")) // 1.5
 */
export function ceilToStep(value: Dec, step: Dec): Dec {
  return value.div(step).toDecimalPlaces(0, Decimal.ROUND_CEIL).times(step);
}

/** Integer minor units of a decimal amount, rounded with a mode. */
export function toMinorUnits(value: Dec, digits: number, mode: RoundingMode): bigint {
  let scaled = value.times(new Dec(10).pow(digits));
  // A value within 1e-40 of a half is that half: an amount carried through a non-terminating division
  // (time up to an energy threshold crossed between two milliseconds, × a price) falls 1e-50 or so on
  // either side of an exact half, while two different amounts of these sizes differ by far more than
  // 1e-40 (their denominators stay under 1e30). Snapping makes the 60-digit reference round as the
  // exact value does.
  const whole = scaled.toDecimalPlaces(0, Decimal.ROUND_FLOOR);
  const half = whole.plus("0.5");
  if (scaled.minus(half).abs().lt("1e-40")) scaled = half;
  return BigInt(scaled.toDecimalPlaces(0, DECIMAL_JS_MODE[mode]).toFixed(0));
}


/**
 * Rounds an exact decimal amount to the currency's settlement digits, once, with a named mode.
 *
 * @example
 * formatMoney(roundMoney(new Dec("9.005"), EUR, "halfAwayFromZero")) // "9.01"
 */
export function roundMoney(amount: Dec, c: Currency, mode: RoundingMode): Money {
  return moneyFromMinor(toMinorUnits(amount, c.settlementDigits, mode), c);
}

/** Rounds money to a cash increment such as 0.05 or 10, with a named mode. */
export function roundCash(m: Money, increment: Dec, mode: RoundingMode): Money {
  return roundMoney(roundToIncrement(moneyToDec(m), increment, mode), m.currency, mode);
}

/** Money as an exact decimal. */
export function moneyToDec(m: Money): Dec {
  return new Dec(m.minor.toString()).div(new Dec(10).pow(m.currency.settlementDigits));
}

