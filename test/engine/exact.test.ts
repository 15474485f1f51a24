/**
 * The engine's exact arithmetic (src/engine/exact.ts): integers that widen to BigInt instead of
 * losing a digit, rationals, and rounding with every named mode, against decimal.js.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession } from "../../src/index.js";
import { withPlan } from "../../src/engine/plan.js";
import { Dec } from "../../src/money/decimal.js";
import { ROUNDING_MODES, type RoundingMode } from "../../src/money/round.js";
import { toMinorUnits } from "../reference/round.js";
import { divRound, frac, iadd, igcd, imul, isub, qadd, qcmp, qround, qsub, qText, type Int, type Q } from "../../src/engine/exact.js";
import { runPricing as referenceRun } from "../reference/price-session.js";
import { sessionDoc, tariffDoc } from "../properties/arbitraries.js";
import { runs } from "../helpers/runs.js";

const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const small = fc.integer({ min: -1_000_000, max: 1_000_000 });
/** An integer as the engine holds it: a number while safe, else a BigInt. */
const asInt = (b: bigint): Int => (b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);
const int = fc.oneof(small.map((n) => BigInt(n)), big).map(asInt);

describe("integers", () => {
  it("add, subtract and multiply exactly, as numbers while safe and BigInts beyond (property)", () => {
    fc.assert(
      fc.property(int, int, (a, b) => {
        const A = BigInt(a);
        const B = BigInt(b);
        for (const [got, want] of [
          [iadd(a, b), A + B],
          [isub(a, b), A - B],
          [imul(a, b), A * B],
        ] as const) {
          expect(BigInt(got)).toBe(want);
          // The form: a number exactly when the value is safe.
          expect(typeof got).toBe(typeof asInt(want));
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it("round n / d with every named mode as decimal.js does (property)", () => {
    fc.assert(
      fc.property(int, fc.oneof(fc.integer({ min: 1, max: 1000 }).map((n) => BigInt(n)), fc.bigInt({ min: 1n, max: 10n ** 25n })).map(asInt), fc.constantFrom(...ROUNDING_MODES), (n, d, mode: RoundingMode) => {
        const want = toMinorUnits(new Dec(n.toString()).div(d.toString()), 0, mode);
        expect(BigInt(divRound(n, d, mode))).toBe(want);
      }),
      { numRuns: runs(1000) },
    );
    // Ties, both signs, each mode.
    expect(ROUNDING_MODES.map((m) => [divRound(25, 10, m), divRound(-25, 10, m), divRound(35, 10, m)])).toEqual([
      [3, -3, 4], // halfAwayFromZero
      [2, -2, 4], // halfEven
      [2, -2, 3], // halfTowardZero
      [3, -3, 4], // awayFromZero
      [2, -2, 3], // towardZero
    ]);
  });
});

describe("rationals", () => {
  const q = fc.tuple(int, fc.integer({ min: 1, max: 10_000 })).map(([n, d]) => frac(n, d));
  const parts = (x: Q): [bigint, bigint] => (typeof x === "object" ? [BigInt(x.n), BigInt(x.d)] : [BigInt(x), 1n]);
  const dec = (x: Q) => (typeof x === "object" ? new Dec(x.n.toString()).div(x.d.toString()) : new Dec(x.toString()));

  it("stay reduced, whole ones as integers, and add, subtract and compare exactly (property)", () => {
    fc.assert(
      fc.property(q, q, (a, b) => {
        for (const x of [a, b, qadd(a, b), qsub(a, b), qsub(b, a)])
          if (typeof x === "object") {
            expect(BigInt(x.d)).toBeGreaterThan(1n);
            expect(igcd(x.n, x.d)).toBe(1);
          }
        // a + b against BigInt arithmetic: (an·bd + bn·ad) / (ad·bd), compared by cross-multiplying.
        const [an, ad] = parts(a);
        const [bn, bd] = parts(b);
        const [sn, sd] = parts(qadd(a, b));
        expect(sn * ad * bd).toBe((an * bd + bn * ad) * sd);
        expect(qcmp(qsub(qadd(a, b), b), a)).toBe(0);
        expect(qcmp(a, b)).toBe(dec(a).cmp(dec(b)));
      }),
      { numRuns: runs(500) },
    );
  });

  // Instants (ms since 1970) cut between two milliseconds: numerators beyond 2^53, close neighbours.
  const instant = fc
    .tuple(fc.bigInt({ min: 0n, max: 4n * 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 8n }), fc.bigInt({ min: 0n, max: 10n ** 8n }))
    .map(([ms, d, r]) => frac(asInt(ms * d + (r % d)), asInt(d)));
  const near = fc.tuple(instant, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 10 ** 9 })).map(([a, k, d]) => [a, qadd(a, frac(k, d))] as const);

  it("compare instants a fraction of a millisecond apart exactly (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(instant, instant), near), ([a, b]) => {
        const [an, ad] = parts(a);
        const [bn, bd] = parts(b);
        const want = an * bd < bn * ad ? -1 : an * bd > bn * ad ? 1 : 0;
        expect(qcmp(a, b)).toBe(want);
        expect(qcmp(b, a)).toBe(want === 0 ? 0 : -want);
        // a − b + b is a again; a fraction plus a whole number stays reduced.
        expect(qcmp(qadd(qsub(a, b), b), a)).toBe(0);
      }),
      { numRuns: runs(500) },
    );
  });

  it("print with a number of decimals, half away from zero", () => {
    expect(qText(frac(1, 3), 6)).toBe("0.333333");
    expect(qText(frac(2, 3), 6)).toBe("0.666667");
    expect(qText(frac(-1, 8), 2)).toBe("-0.13");
    expect(qText(frac(5, 1), 6)).toBe("5");
    expect(qround(frac(7, 2), "halfEven")).toBe(4);
  });
});

describe("every rounding mode, through the engine", () => {
  // Every market's table rounds halfAwayFromZero; a compiled tariff with another mode prices with
  // that mode, as the reference pricer does. (The library prices a compiled tariff only when it
  // made it, so the variant is planned as the library plans one: withPlan.)
  it("equals the reference for each mode (property)", () => {
    fc.assert(
      fc.property(tariffDoc({ conditions: true }), sessionDoc(), fc.constantFrom(...ROUNDING_MODES), (t, s, rounding) => {
        const ct = withPlan({ ...compileTariff(parseTariff(t)), rounding });
        const session = parseSession(s);
        const out = (f: () => unknown) => {
          try {
            return JSON.stringify(f());
          } catch (e) {
            return (e as Error).message;
          }
        };
        expect(out(() => priceSession(ct, session))).toBe(out(() => referenceRun(ct, session).receipt));
      }),
      { numRuns: runs(150) },
    );
  });

  it("rounds a line's half cent by the mode", () => {
    // 0.125 kWh × 1.00 = 0.125 EUR: 0.13 half away from zero, 0.12 half even, toward zero and half toward zero.
    const base = compileTariff(parseTariff({ version: 1, id: "m", market: "FR", currency: "EUR", pricesInclude: "none", energy: [{ price: "1" }], taxes: [] }));
    const s = parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-04T07:00:00Z", energyKWh: "0.125" });
    const gross = (rounding: RoundingMode) => priceSession(withPlan({ ...base, rounding }), s).totals.gross;
    expect(ROUNDING_MODES.map(gross)).toEqual(["0.13", "0.12", "0.12", "0.13", "0.12"]);
  });
});
