import { Decimal } from "./decimal-lib.js";
import { Dec } from "./decimal.js";

/** Named rounding modes. The default everywhere is `halfAwayFromZero` (commercial rounding). */
export type RoundingMode =
  | "halfAwayFromZero"
  | "halfEven"
  | "halfTowardZero"
  | "awayFromZero"
  | "towardZero";

export const ROUNDING_MODES: readonly RoundingMode[] = [
  "halfAwayFromZero",
  "halfEven",
  "halfTowardZero",
  "awayFromZero",
  "towardZero",
];

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
  const scaled = value.times(new Dec(10).pow(digits)).toDecimalPlaces(0, DECIMAL_JS_MODE[mode]);
  return BigInt(scaled.toFixed(0));
}

export { Dec };
