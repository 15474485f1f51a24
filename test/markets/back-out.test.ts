/**
 * Backing tax out of an advertised inclusive price (issue 4, item 7), as properties.
 *
 * For any advertised gross G and any set of taxes in the market table:
 * - net + tax = G exactly;
 * - each tax is within half a minor unit of its exact value. For an "added" tax that is G × r / F, where
 *   F = (1 + Σadded)(1 + Σcompound) / (1 − Σinside). For an "inside" tax it is G × r. A tax within half a
 *   unit is the exact value rounded once, never off by a whole minor unit.
 *
 * The exact values are computed here with BigInt fractions, independently of the engine's decimal.js.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeMarkets, findMarket, parseSession, parseTariff, priceSession, type TaxRule } from "../../src/index.js";
import { currency } from "../../src/money/currencies.js";
import { applyTax } from "../reference/apply-tax.js";
import { taxesFor } from "../../src/tax/rules.js";
import type { TaxedComponent } from "../../src/markets/types.js";
import { runs } from "../helpers/runs.js";

/** A non-negative fraction n / d of BigInts. */
interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}
const frac = (n: bigint, d = 1n): Frac => ({ n, d });
/** "0.105" → 105 / 1000. */
function parseRate(s: string): Frac {
  const [int, dec = ""] = s.split(".");
  return frac(BigInt(int! + dec), 10n ** BigInt(dec.length));
}
const add = (a: Frac, b: Frac) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Frac, b: Frac) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac) => frac(a.n * b.d, a.d * b.n);
const ONE = frac(1n);
const sumRates = (rules: readonly TaxRule[], method: string) =>
  rules.filter((r) => (r.method ?? "added") === method).reduce((acc, r) => add(acc, parseRate(r.rate!)), frac(0n));

/** Exact tax of each rule, in minor units, for an inclusive gross of `grossMinor` minor units. */
function exactTaxes(grossMinor: bigint, rules: readonly TaxRule[]): Frac[] {
  const G = frac(grossMinor);
  const added = sumRates(rules, "added");
  const factor = div(mul(add(ONE, added), add(ONE, sumRates(rules, "compound"))), sub(ONE, sumRates(rules, "inside")));
  const net = div(G, factor);
  return rules.map((r) => {
    const rate = parseRate(r.rate!);
    const method = r.method ?? "added";
    if (method === "inside") return mul(G, rate);
    if (method === "compound") return mul(mul(net, add(ONE, added)), rate);
    return mul(net, rate);
  });
}

/** |amount − exact| ≤ ½, in minor units, exactly: 2·|amount·d − n| ≤ d. */
function withinHalf(amountMinor: bigint, exact: Frac): boolean {
  const diff = amountMinor * exact.d - exact.n;
  return 2n * (diff < 0n ? -diff : diff) <= exact.d;
}

const COMPONENTS: readonly TaxedComponent[] = ["energy", "time", "idle", "flat"];

/** Every market and region code in the table. */
const marketCodes = () => describeMarkets().map((m) => m.code);

/**
 * Every set of percentage taxes the table can put on one line: per market or region, per component, on
 * every date where some rule starts or ends (and mid-2026). Then every single rate on its own.
 */
const taxSets = (): readonly { readonly code: string; readonly digits: number; readonly rules: readonly TaxRule[] }[] => {
  const out = new Map<string, { code: string; digits: number; rules: readonly TaxRule[] }>();
  for (const code of marketCodes()) {
    const market = findMarket(code)!;
    const digits = currency(market.currencies[0]!)!.settlementDigits;
    const dates = new Set(["2026-06-15", ...market.taxes.flatMap((t) => [t.validFrom, ...(t.validTo ? [t.validTo] : [])])]);
    for (const date of dates)
      for (const component of COMPONENTS) {
        const rules = taxesFor(market, component, date);
        if (rules.length === 0) continue;
        const key = `${code}|${digits}|${rules.map((r) => `${r.name}@${r.rate}@${r.method ?? "added"}`).join("+")}`;
        out.set(key, { code, digits, rules });
      }
    for (const rule of market.taxes.filter((t) => t.rate !== undefined))
      out.set(`${code}|${digits}|single ${rule.name}@${rule.rate}@${rule.method}`, { code, digits, rules: [rule] });
  }
  return [...out.values()];
};

describe("the market table's tax sets", () => {
  it("cover every market with a percentage tax, including BR's inside ICMS, AW's three taxes and PR's two", () => {
    const TAX_SETS = taxSets();
    const codes = new Set(TAX_SETS.map((s) => s.code));
    for (const c of ["PR", "GR", "BE", "NL", "LU", "FR", "MX", "MX-BCN", "CL", "SV", "GT", "UY", "CR", "PA", "CO", "BR-SP", "JM", "AW", "US-NY", "US-KY"])
      expect(codes, c).toContain(c);
    expect(TAX_SETS.some((s) => s.rules.some((r) => r.method === "inside"))).toBe(true);
    expect(TAX_SETS.some((s) => s.code === "AW" && s.rules.length === 3)).toBe(true);
    expect(TAX_SETS.some((s) => s.code === "PR" && s.rules.length === 2)).toBe(true);
  });
});

describe("back-out of tax from an inclusive price (property)", () => {
  it("applyTax: net + tax = gross exactly, and each tax is the exact value rounded once (|tax − exact| ≤ ½ minor unit)", () => {
    const TAX_SETS = taxSets();
    fc.assert(
      fc.property(
        fc.constantFrom(...TAX_SETS),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 0, maxLength: 4 }),
        (set, grossMinor, more) => {
          // One line, or several lines of the same tax set (taxed together, on their total).
          const amounts = [grossMinor, ...more];
          const total = amounts.reduce((a, b) => a + b, 0n);
          const result = applyTax(
            amounts.map((amountMinor) => ({ amountMinor, taxes: set.rules })),
            set.digits,
            "tax",
            "halfAwayFromZero",
          );
          const tax = result.taxes.reduce((a, t) => a + t.amountMinor, 0n);
          // net + tax = gross, per line and in all
          result.lines.forEach((l, i) => {
            expect(l.grossMinor).toBe(amounts[i]);
            expect(l.netMinor + l.taxMinor).toBe(amounts[i]);
          });
          expect(result.lines.reduce((a, l) => a + l.taxMinor, 0n)).toBe(tax);
          expect(result.lines.reduce((a, l) => a + l.netMinor, 0n) + tax).toBe(total);
          // each tax within half a minor unit of its exact value
          const exact = exactTaxes(total, set.rules);
          expect(result.taxes.map((t) => t.rule)).toEqual(set.rules);
          result.taxes.forEach((t, i) => {
            expect(withinHalf(t.amountMinor, exact[i]!), `${set.code} ${t.rule.name} ${t.rule.rate}: ${t.amountMinor} vs ${exact[i]!.n}/${exact[i]!.d}`).toBe(
              true,
            );
            expect(t.baseMinor).toBe(total - tax);
          });
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  /** A minor-unit amount as a decimal string with `digits` decimals. */
  const money = (minor: bigint, digits: number) => {
    if (digits === 0) return minor.toString();
    const s = minor.toString().padStart(digits + 1, "0");
    return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  };
  /** Minor units of a receipt money string. */
  const minorOf = (s: string) => BigInt(s.replace(".", ""));

  /** A tariff for a market code: its first currency and zone, prices including tax. */
  function tariffFor(code: string, fields: Record<string, unknown>) {
    const m = findMarket(code)!;
    return parseTariff({
      version: 1,
      id: "prop",
      market: code,
      currency: m.currencies[0],
      timeZone: m.timeZones[0],
      pricesInclude: "tax",
      ...fields,
    });
  }

  // Markets and regions that can be priced without taxes of their own (US and BR need a region).
  const priceable = () => marketCodes().filter((c) => !findMarket(c)!.requiresRegion);
  const SESSION_START = "2026-06-15T15:00:00Z"; // local date 2026-06-15 in every zone of the table

  it("priceSession, any market: the receipt's gross is the advertised amount rounded once; net + tax = gross; each tax rounded once", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...priceable()),
        fc.bigInt({ min: 0n, max: 10_000_000n }), // unit price in millionths (at most 6 decimals)
        fc.bigInt({ min: 0n, max: 500_000n }), // energy in thousandths of a kWh
        (code, priceMicro, milliKWh) => {
          const market = findMarket(code)!;
          const digits = currency(market.currencies[0]!)!.settlementDigits;
          const tariff = tariffFor(code, { energy: [{ price: money(priceMicro, 6) }] });
          const session = parseSession({ start: SESSION_START, end: "2026-06-15T16:00:00Z", energyKWh: money(milliKWh, 3) });
          const r = priceSession(tariff, session);

          // The advertised gross, rounded once, half away from zero: price × kWh has 9 decimals.
          const scaled = priceMicro * milliKWh; // in 10^-9
          const unit = 10n ** BigInt(9 - digits);
          const q = scaled / unit;
          const G = 2n * (scaled - q * unit) >= unit ? q + 1n : q;

          const energy = r.lines.filter((l) => l.component === "energy");
          const excise = r.lines.filter((l) => l.component === "excise");
          if (energy.length === 0) {
            // No energy delivered: no energy line, nothing to tax.
            expect(milliKWh).toBe(0n);
            expect(r.taxes).toEqual([]);
            expect(r.totals.gross).toBe(money(0n, digits));
            return;
          }
          expect(energy.reduce((a, l) => a + minorOf(l.gross), 0n)).toBe(G);
          const exciseMinor = excise.reduce((a, l) => a + minorOf(l.gross), 0n);
          expect(minorOf(r.totals.gross)).toBe(G + exciseMinor);
          expect(minorOf(r.totals.net) + minorOf(r.totals.tax)).toBe(minorOf(r.totals.gross));

          const rules = taxesFor(market, "energy", "2026-06-15");
          const exact = exactTaxes(G, rules);
          expect(r.taxes.map((t) => [t.name, t.rate])).toEqual(rules.map((t) => [t.name, t.rate]));
          r.taxes.forEach((t, i) => expect(withinHalf(minorOf(t.amount), exact[i]!), `${code} ${t.name}`).toBe(true));
        },
      ),
      { numRuns: runs(400) },
    );
  });
});
