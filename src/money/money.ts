import type { Currency } from "./currencies.js";

/**
 * A rounded amount of money: integer minor units of a currency at its settlement digits. The
 * currency travels with the amount, so amounts of different currencies are never added.
 */
export interface Money {
  readonly minor: bigint;
  readonly currency: Currency;
}

/** Money from integer minor units. */
export function moneyFromMinor(minor: bigint, currency: Currency): Money {
  return { minor, currency };
}

/**
 * The string a receipt shows: exactly the settlement digits.
 *
 * @example
 * formatMoney(moneyFromMinor(900n, EUR)) // "9.00"
 * formatMoney(moneyFromMinor(-5n, EUR)) // "-0.05"
 * formatMoney(moneyFromMinor(1250n, CLP)) // "1250"
 */
export function formatMoney(m: Money): string {
  const digits = m.currency.settlementDigits;
  const negative = m.minor < 0n;
  const text = (negative ? -m.minor : m.minor).toString().padStart(digits + 1, "0");
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}

/**
 * Splits `total` minor units into parts proportional to signed `weights` so that the parts add up
 * to `total` exactly (largest remainder; ties to the earlier part). Weights may be negative, as a
 * maximum-price adjustment line is.
 *
 * @example
 * allocateMinor(10n, [1n, 1n, 1n]) // [4n, 3n, 3n]
 * allocateMinor(-10n, [300n, -100n]) // [-15n, 5n]
 */
export function allocateMinor(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    // No proportion to follow: everything to the first part (only reachable with total 0 in practice;
    // no parts at all give none).
    return weights.map((_, i) => (i === 0 ? total : 0n));
  }
  const shares = weights.map((w) => (total * w) / weightSum); // truncates toward zero
  // Remainders compared exactly as fractions over the same denominator: (total × w) mod weightSum.
  const remainders = weights.map((w, i) => total * w - shares[i]! * weightSum);
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const unit = left > 0n ? 1n : -1n;
  const sign = weightSum > 0n ? unit : -unit;
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const d = (remainders[b]! - remainders[a]!) * sign;
      return d > 0n ? 1 : d < 0n ? -1 : a - b;
    });
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    const index = order[k]!;
    shares[index] = shares[index]! + unit;
    left -= unit;
  }
  return shares;
}
