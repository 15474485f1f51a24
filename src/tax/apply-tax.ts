import type { TaxRule } from "../markets/types.js";
import { Dec, ONE, sum } from "../money/decimal.js";
import { allocateMinor } from "../money/money.js";
import { toMinorUnits, type RoundingMode } from "../money/round.js";
import { taxKey } from "./rules.js";

/** A line's amount in the tariff's price basis (gross when prices include tax), and its taxes. */
export interface TaxableLine {
  readonly amountMinor: bigint;
  readonly taxes: readonly TaxRule[];
}

/** One tax of one group of lines, as computed. */
export interface TaxComputation {
  readonly rule: TaxRule;
  /** The group's net (the tax base). */
  readonly baseMinor: bigint;
  readonly amountMinor: bigint;
  /** The exact amount before rounding. */
  readonly exact: Dec;
  /** The group's amount in the price basis. */
  readonly groupAmountMinor: bigint;
  /** The sum of the group's tax rates. */
  readonly groupRate: Dec;
}

export interface TaxResult {
  /** Per input line: its share of tax, its net and gross, all in minor units. */
  readonly lines: readonly { taxMinor: bigint; netMinor: bigint; grossMinor: bigint }[];
  readonly taxes: readonly TaxComputation[];
}

/**
 * Taxes lines per group of identical tax sets, on the group's total ("tax per rate on the
 * session"). With inclusive prices the tax is backed out of the advertised gross:
 * tax = gross × rate / (1 + sum of rates), rounded once, net = gross − tax, so net + tax = gross
 * exactly. With exclusive prices tax = net × rate, rounded once. Each group's tax is then spread
 * over its lines in proportion to their amounts, so line nets and grosses add up to the totals.
 *
 * @example
 * // 9.00 EUR incl. 6 % VAT: tax = 9.00 × 0.06 / 1.06 = 0.5094… → 0.51; net 8.49
 * applyTax([{ amountMinor: 900n, taxes: [VAT6] }], 2, "tax", "halfAwayFromZero").taxes[0].amountMinor // 51n
 */
export function applyTax(
  lines: readonly TaxableLine[],
  digits: number,
  pricesInclude: "tax" | "none",
  mode: RoundingMode,
): TaxResult {
  const groups = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const key = taxKey(line.taxes);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  const scale = new Dec(10).pow(digits);
  const out = lines.map((l) => ({ taxMinor: 0n, netMinor: l.amountMinor, grossMinor: l.amountMinor }));
  const taxes: TaxComputation[] = [];
  for (const members of groups.values()) {
    const rules = lines[members[0]!]!.taxes;
    if (rules.length === 0) continue;
    const amount = members.reduce((acc, i) => acc + lines[i]!.amountMinor, 0n);
    const amountDec = new Dec(amount.toString()).div(scale);
    const groupRate = sum(rules.map((r) => new Dec(r.rate)));
    const perRule = rules.map((rule) => {
      const exact =
        pricesInclude === "tax" ? amountDec.times(rule.rate).div(ONE.plus(groupRate)) : amountDec.times(rule.rate);
      return { rule, exact, amountMinor: toMinorUnits(exact, digits, mode) };
    });
    const groupTax = perRule.reduce((acc, t) => acc + t.amountMinor, 0n);
    const baseMinor = pricesInclude === "tax" ? amount - groupTax : amount;
    for (const t of perRule) taxes.push({ ...t, baseMinor, groupAmountMinor: amount, groupRate });
    const shares = allocateMinor(groupTax, members.map((i) => lines[i]!.amountMinor));
    members.forEach((lineIndex, k) => {
      const share = shares[k]!;
      const amountMinor = lines[lineIndex]!.amountMinor;
      out[lineIndex] =
        pricesInclude === "tax"
          ? { taxMinor: share, netMinor: amountMinor - share, grossMinor: amountMinor }
          : { taxMinor: share, netMinor: amountMinor, grossMinor: amountMinor + share };
    });
  }
  return { lines: out, taxes };
}
