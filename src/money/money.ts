import { dinero, toDecimal, add, subtract, type Dinero } from "dinero.js";
import type { Currency } from "./currencies.js";
import { Dec } from "./decimal.js";
import { roundToIncrement, toMinorUnits, type RoundingMode } from "./round.js";

/**
 * A rounded amount of money: integer minor units of a currency at its settlement digits.
 * Built on dinero.js so the currency and scale travel with the amount.
 */
export type Money = Dinero<number>;

function dineroCurrency(c: Currency) {
  return { code: c.code, base: 10, exponent: c.settlementDigits };
}

function checkedNumber(minor: bigint): number {
  const n = Number(minor);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount of ${minor} minor units is too large`);
  return n;
}

/** Money from integer minor units. */
export function moneyFromMinor(minor: bigint, c: Currency): Money {
  return dinero({ amount: checkedNumber(minor), currency: dineroCurrency(c) });
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
export function roundCash(m: Money, increment: Dec, c: Currency, mode: RoundingMode): Money {
  const rounded = roundToIncrement(moneyToDec(m), increment, mode);
  return roundMoney(rounded, c, mode);
}

/** Integer minor units of money. */
export function minorUnits(m: Money): bigint {
  return BigInt(m.toJSON().amount);
}

/** Money as an exact decimal. */
export function moneyToDec(m: Money): Dec {
  return new Dec(toDecimal(m));
}

/**
 * The string a receipt shows: exactly the settlement digits.
 *
 * @example
 * formatMoney(moneyFromMinor(900n, EUR)) // "9.00"
 */
export function formatMoney(m: Money): string {
  return toDecimal(m);
}

/** Sum of money amounts in one currency; zero of that currency for none. */
export function sumMoney(items: readonly Money[], c: Currency): Money {
  return items.reduce((a, b) => add(a, b), moneyFromMinor(0n, c));
}

export { add as addMoney, subtract as subtractMoney };

/**
 * Splits `total` minor units into parts proportional to signed `weights` so that the parts add up
 * to `total` exactly (largest remainder). dinero.js's `allocate` refuses negative ratios, which a
 * maximum-price adjustment line has, so the split is done here on integers.
 *
 * @example
 * allocateMinor(10n, [1n, 1n, 1n]) // [4n, 3n, 3n]
 * allocateMinor(-10n, [300n, -100n]) // [-15n, 5n]
 */
export function allocateMinor(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0) return [];
  if (weightSum === 0n) {
    // No proportion to follow: everything to the first part (only reachable with total 0 in practice).
    return weights.map((_, i) => (i === 0 ? total : 0n));
  }
  const shares = weights.map((w) => (total * w) / weightSum); // truncates toward zero
  const remainders = weights.map((w, i) => {
    const exact = new Dec(total.toString()).times(w.toString()).div(weightSum.toString());
    return exact.minus(shares[i]!.toString());
  });
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const unit = left > 0n ? 1n : -1n;
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const byRemainder = remainders[b]!.times(Number(unit)).cmp(remainders[a]!.times(Number(unit)));
      return byRemainder !== 0 ? byRemainder : a - b;
    });
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    shares[order[k]!]! += unit;
    left -= unit;
  }
  return shares;
}
