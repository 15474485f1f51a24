import type { TaxRule } from "../../src/markets/types.js";
import { Dec, ONE, sum, ZERO } from "../../src/money/decimal.js";
import { allocateMinor } from "../../src/money/money.js";
import type { RoundingMode } from "../../src/money/round.js";
import { taxKey } from "../../src/tax/rules.js";
import type { TaxComputation } from "../../src/price/types.js";

export type { TaxComputation } from "../../src/price/types.js";

/** A line's amount in the tariff's price basis (gross when prices include tax), and its taxes. */
export interface TaxableLine {
  readonly amountMinor: bigint;
  readonly taxes: readonly TaxRule[];
}


export interface TaxResult {
  /** Per input line: its share of tax, its net and gross, all in minor units. */
  readonly lines: readonly { taxMinor: bigint; netMinor: bigint; grossMinor: bigint }[];
  readonly taxes: readonly TaxComputation[];
}

const rateOf = (r: TaxRule) => new Dec(r.rate ?? "0");
const methodOf = (r: TaxRule) => r.method ?? "added";

/**
 * The gross-to-net factor of a set of taxes: added taxes on the net, compound taxes on the net plus
 * added taxes, and "inside" taxes included in their own base.
 *
 * @example
 * grossFactor([{ rate: "0.18", method: "inside" }]) // 1 / 0.82 = 1.2195…
 */
export function grossFactor(rules: readonly TaxRule[]): Dec {
  const of = (m: string) => sum(rules.filter((r) => methodOf(r) === m).map(rateOf));
  return ONE.plus(of("added")).times(ONE.plus(of("compound"))).div(ONE.minus(of("inside")));
}

/**
 * Taxes lines per group of identical tax sets, on the group's total ("tax per rate on the
 * session"). With inclusive prices the group's gross G is given and net N = G / factor; otherwise N
 * is given and G = N × factor. Each tax is worked out exactly from N and G and rounded once; with
 * inclusive prices net = G − taxes, so net + tax = gross exactly. Each group's tax is then spread
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
    const factor = grossFactor(rules);
    const net = pricesInclude === "tax" ? amountDec.div(factor) : amountDec;
    const gross = pricesInclude === "tax" ? amountDec : amountDec.times(factor);
    const added = sum(rules.filter((r) => methodOf(r) === "added").map(rateOf));
    const show = (d: Dec) => d.toSignificantDigits(15).toFixed();
    const netText =
      pricesInclude === "tax" ? `net = gross ${amountDec.toFixed(digits)} ÷ ${show(factor)} = ${show(net)}` : `net ${amountDec.toFixed(digits)}`;
    const perRule = rules.map((rule) => {
      const r = rateOf(rule);
      const method = methodOf(rule);
      let exact: Dec;
      let formula: string;
      if (method === "inside") {
        exact = gross.times(r);
        formula = `gross ${show(gross)} × ${rule.rate} (inside its own base)`;
      } else if (method === "compound") {
        exact = net.times(ONE.plus(added)).times(r);
        formula = `(${netText}) × (1 + ${added.toFixed()}) × ${rule.rate} (on net plus added taxes)`;
      } else {
        exact = net.times(r);
        formula = `(${netText}) × ${rule.rate}`;
      }
      // Rounded from the exact fraction (a tax can lie exactly half-way, where the 60-digit quotient
      // of a non-terminating division would fall on either side).
      return { rule, exact, amountMinor: roundFraction(exactTax(rule, rules, amount, pricesInclude), mode), formula };
    });
    const groupTax = perRule.reduce((acc, t) => acc + t.amountMinor, 0n);
    const baseMinor = pricesInclude === "tax" ? amount - groupTax : amount;
    for (const t of perRule) taxes.push({ ...t, baseMinor, groupAmountMinor: amount, factor });
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

export { ZERO };

/** A fraction n / d of BigInts (d > 0). */
type Fraction = readonly [bigint, bigint];

/** A decimal text as a fraction. */
function fractionOf(text: string): Fraction {
  const [whole, decimals = ""] = text.split(".");
  return [BigInt(whole! + decimals), 10n ** BigInt(decimals.length)];
}

const fadd = (a: Fraction, b: Fraction): Fraction => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const fmul = (a: Fraction, b: Fraction): Fraction => [a[0] * b[0], a[1] * b[1]];
const fdiv = (a: Fraction, b: Fraction): Fraction => (b[0] < 0n ? [-a[0] * b[1], a[1] * -b[0]] : [a[0] * b[1], a[1] * b[0]]);

/** One tax of a group in minor units, exactly, from the textbook formulas on the group's amount. */
function exactTax(rule: TaxRule, rules: readonly TaxRule[], amountMinor: bigint, pricesInclude: "tax" | "none"): Fraction {
  const ONE_F: Fraction = [1n, 1n];
  const of = (m: string) => rules.filter((r) => methodOf(r) === m).reduce<Fraction>((acc, r) => fadd(acc, fractionOf(r.rate ?? "0")), [0n, 1n]);
  const factor = fdiv(fmul(fadd(ONE_F, of("added")), fadd(ONE_F, of("compound"))), fadd(ONE_F, fmul([-1n, 1n], of("inside"))));
  const amount: Fraction = [amountMinor, 1n];
  const net = pricesInclude === "tax" ? fdiv(amount, factor) : amount;
  const gross = pricesInclude === "tax" ? amount : fmul(amount, factor);
  const r = fractionOf(rule.rate ?? "0");
  const method = methodOf(rule);
  if (method === "inside") return fmul(gross, r);
  if (method === "compound") return fmul(fmul(net, fadd(ONE_F, of("added"))), r);
  return fmul(net, r);
}

/** A fraction rounded to an integer with a named mode. */
function roundFraction([n, d]: Fraction, mode: RoundingMode): bigint {
  const q = n / d; // truncated toward zero
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = 2n * (r < 0n ? -r : r);
  const away =
    mode === "awayFromZero" ||
    (mode !== "towardZero" && (twice > d || (twice === d && (mode === "halfAwayFromZero" || (mode === "halfEven" && q % 2n !== 0n)))));
  return away ? q + (n < 0n ? -1n : 1n) : q;
}
