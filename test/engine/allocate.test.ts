/**
 * The engine's split of a tax or an adjustment over lines: in JS numbers while every product is a
 * safe integer, else in BigInt (allocateMinor). Both give the same shares, never -0.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, hoursMicro } from "../../src/engine/price.js";
import { allocateMinor } from "../../src/money/money.js";
import { narrow, qround, qscale } from "../../src/engine/exact.js";

/** What the engine did before: allocateMinor in BigInt, each share a number where it is safe. */
const reference = (total: number | bigint, weights: readonly (number | bigint)[]) => allocateMinor(BigInt(total), weights.map((w) => BigInt(w))).map(narrow);

describe("allocate", () => {
  it("equals allocateMinor on small and large signed amounts and weights", () => {
    const int = fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -1e9, max: 1e9 }), fc.constant(0));
    fc.assert(
      fc.property(int, fc.array(int, { minLength: 2, maxLength: 7 }), (total, weights) => {
        const shares = allocate(total, weights);
        expect(shares).toEqual(reference(total, weights));
        for (const s of shares) expect(Object.is(s, -0)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("takes the BigInt path where a product is past 2^53, with the same result", () => {
    const big = 2 ** 40;
    expect(allocate(big, [big, 1, 3])).toEqual(reference(big, [big, 1, 3]));
    expect(allocate(-9_007_200, [-999_999_973, 999_999_974, 0])).toEqual(reference(-9_007_200, [-999_999_973, 999_999_974, 0])); // a share past 2^53 stays a BigInt
    expect(allocate(-7, [BigInt(2) ** 60n, 1])).toEqual(reference(-7, [BigInt(2) ** 60n, 1]));
    expect(allocate(10, [1, -1])).toEqual(reference(10, [1, -1]));
    expect(allocate(-10, [3, 3, 3])).toEqual([-4, -3, -3]);
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
});

describe("hoursMicro", () => {
  it("equals the exact rational rounding of ms × 5 / 18, half away from zero", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(0, 18, 36, 2 ** 40, 2 ** 40 + 1, 2 ** 45, 2 ** 52)), (ms) => {
        expect(hoursMicro(ms)).toEqual(qround(qscale(ms, 5, 18), "halfAwayFromZero"));
      }),
      { numRuns: 5000 },
    );
    expect(hoursMicro({ n: 7, d: 2 })).toBe(1); // 3.5 ms
  });
});
