import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currency, settlementNote } from "../../src/money/currencies.js";
import { Dec, displayDecimal } from "../../src/money/decimal.js";
import { allocateMinor, formatMoney, moneyFromMinor } from "../../src/money/money.js";
import { roundCash, roundMoney, roundToIncrement } from "../reference/round.js";

const euro = () => currency("EUR")!;
const peso = () => currency("CLP")!;

describe("money", () => {
  it("prints exactly the settlement digits", () => {
    const [EUR, CLP] = [euro(), peso()];
    expect(formatMoney(moneyFromMinor(900n, EUR))).toBe("9.00");
    expect(formatMoney(moneyFromMinor(5n, EUR))).toBe("0.05");
    expect(formatMoney(moneyFromMinor(-5n, EUR))).toBe("-0.05");
    expect(formatMoney(moneyFromMinor(-105n, EUR))).toBe("-1.05");
    expect(formatMoney(moneyFromMinor(1250n, CLP))).toBe("1250");
    expect(formatMoney(moneyFromMinor(0n, EUR))).toBe("0.00");
    expect(formatMoney(moneyFromMinor(123456789012345678901234567890n, EUR))).toBe("1234567890123456789012345678.90");
  });

  it("rounds once with a named mode", () => {
    const EUR = euro();
    expect(formatMoney(roundMoney(new Dec("2.675"), EUR, "halfAwayFromZero"))).toBe("2.68");
    expect(formatMoney(roundMoney(new Dec("-2.675"), EUR, "halfAwayFromZero"))).toBe("-2.68");
    expect(formatMoney(roundMoney(new Dec("2.665"), EUR, "halfEven"))).toBe("2.66");
    expect(formatMoney(roundMoney(new Dec("2.675"), EUR, "halfTowardZero"))).toBe("2.67");
    expect(formatMoney(roundMoney(new Dec("2.671"), EUR, "awayFromZero"))).toBe("2.68");
    expect(formatMoney(roundMoney(new Dec("2.679"), EUR, "towardZero"))).toBe("2.67");
  });

  it("rounds cash to coins: Chile's 5 rounds down, the euro's 0.05 to nearest", () => {
    const [EUR, CLP] = [euro(), peso()];
    expect(formatMoney(roundCash(moneyFromMinor(1235n, CLP), new Dec(10), "halfTowardZero"))).toBe("1230");
    expect(formatMoney(roundCash(moneyFromMinor(1236n, CLP), new Dec(10), "halfTowardZero"))).toBe("1240");
    expect(formatMoney(roundCash(moneyFromMinor(1231n, CLP), new Dec(10), "halfTowardZero"))).toBe("1230");
    expect(formatMoney(roundCash(moneyFromMinor(902n, EUR), new Dec("0.05"), "halfAwayFromZero"))).toBe("9.00");
    expect(formatMoney(roundCash(moneyFromMinor(903n, EUR), new Dec("0.05"), "halfAwayFromZero"))).toBe("9.05");
    expect(roundToIncrement(new Dec("9.075"), new Dec("0.05"), "halfAwayFromZero").toFixed(2)).toBe("9.10");
  });

  it("allocates by largest remainder, with signed weights", () => {
    expect(allocateMinor(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocateMinor(-10n, [300n, -100n])).toEqual([-15n, 5n]);
    expect(allocateMinor(-1133n, [2733n, 400n])).toEqual([-988n, -145n]);
    expect(allocateMinor(7n, [])).toEqual([]);
    expect(allocateMinor(0n, [5n, -5n])).toEqual([0n, 0n]);
    // The larger remainder gets the unit left over, wherever it stands: 3.33 | 6.67 → 3 | 7.
    expect(allocateMinor(10n, [1n, 2n])).toEqual([3n, 7n]);
    expect(allocateMinor(10n, [2n, 1n])).toEqual([7n, 3n]);
    // Equal remainders: the earlier parts first.
    expect(allocateMinor(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(allocateMinor(-2n, [1n, 1n, 1n])).toEqual([-1n, -1n, 0n]);
    // Weights that cancel out have no proportion: all to the first part.
    expect(allocateMinor(5n, [2n, -2n])).toEqual([5n, 0n]);
  });

  it("allocation equals largest remainder with ties to the earlier part, for any order of remainders (property)", () => {
    // The reference: exact shares as fractions, floor toward zero, then the parts with the largest
    // remainders (in the direction of what is left) get one unit each, earlier parts first on ties.
    const reference = (total: bigint, weights: bigint[]): bigint[] => {
      const sumW = weights.reduce((a, b) => a + b, 0n);
      if (sumW === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
      const shares = weights.map((w) => (total * w) / sumW);
      let left = total - shares.reduce((a, b) => a + b, 0n);
      const unit = left > 0n ? 1n : -1n;
      // Remainder of part i as a fraction over |sumW|, measured in the direction of `unit`.
      const rem = weights.map((w, i) => (total * w - shares[i]! * sumW) * (sumW > 0n ? 1n : -1n) * unit);
      const order: number[] = [];
      for (let i = 0; i < weights.length; i++) {
        let k = 0;
        while (k < order.length && (rem[order[k]!]! > rem[i]! || (rem[order[k]!]! === rem[i]! && order[k]! < i))) k++;
        order.splice(k, 0, i);
      }
      for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
        shares[order[k]!]! += unit;
        left -= unit;
      }
      return shares;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: -1000n, max: 1000n }), fc.array(fc.bigInt({ min: -50n, max: 50n }), { minLength: 1, maxLength: 7 }), (total, weights) => {
        expect(allocateMinor(total, weights)).toEqual(reference(total, weights));
      }),
    );
    // A later part with the larger remainder, seen by every comparison order of the sort.
    expect(allocateMinor(10n, [1n, 1n, 2n])).toEqual([3n, 2n, 5n]);
    expect(allocateMinor(-10n, [1n, 1n, 2n])).toEqual([-3n, -2n, -5n]);
    expect(allocateMinor(1n, [1n, 2n, 4n])).toEqual([0n, 0n, 1n]);
  });

  it("displayDecimal prints zero as 0, also when rounding makes it zero", () => {
    expect(displayDecimal(new Dec("0"), 6)).toBe("0");
    expect(displayDecimal(new Dec("0.0000004"), 6)).toBe("0");
    expect(displayDecimal(new Dec("-0.0000004"), 6)).toBe("0");
    expect(displayDecimal(new Dec("1.2500000"), 6)).toBe("1.25");
  });

  it("says why a currency settles in other digits than ISO 4217's", () => {
    expect(settlementNote("COP")).toMatch(/whole pesos/);
    expect(currency("COP")).toMatchObject({ isoDigits: 2, settlementDigits: 0 });
    expect(settlementNote("EUR")).toBeUndefined();
  });

  it("allocation parts add up to the total and each is within one unit of its exact share (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -100000n, max: 100000n }), fc.array(fc.bigInt({ min: -5000n, max: 5000n }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const sumW = weights.reduce((a, b) => a + b, 0n);
        fc.pre(sumW !== 0n);
        const parts = allocateMinor(total, weights);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => {
          const exact = new Dec(total.toString()).times(weights[i]!.toString()).div(sumW.toString());
          expect(exact.minus(p.toString()).abs().lt(1)).toBe(true);
        });
      }),
    );
  });
});
