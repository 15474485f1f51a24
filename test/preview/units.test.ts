/** The preview page's plain units (preview/units.ts): durations, hours to seconds, energy to the Wh. */
import { Decimal } from "../../src/money/decimal-lib.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changePercent, differenceText, durationText, hoursToSeconds, roundDecimal, trimZeros } from "../../preview/units.js";

/** A duration as shown, read back into seconds (and whether it shows seconds at all). */
function readBack(text: string): { seconds: number; hasSeconds: boolean; minutePart: number | undefined } {
  const m = /^(?:(\d+) h)?(?: ?(\d+) min)?(?: ?(\d+) s)?$/.exec(text);
  if (!m || text === "") throw new Error(`not a duration: ${JSON.stringify(text)}`);
  const [, h = "0", min, s = "0"] = m;
  return { seconds: Number(h) * 3600 + Number(min ?? 0) * 60 + Number(s), hasSeconds: m[3] !== undefined, minutePart: min === undefined ? undefined : Number(min) };
}

const decimalString = (maxDigits: number) =>
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.integer({ min: 0, max: maxDigits }), fc.bigInt({ min: 0n, max: 10n ** 12n })).map(([w, d, f]) =>
    d === 0 ? String(w) : `${w}.${String(f).padStart(12, "0").slice(0, d)}`,
  );

describe("preview units", () => {
  it("words durations as a driver reads them", () => {
    expect(durationText(300)).toBe("5 min");
    expect(durationText(5_100)).toBe("1 h 25 min");
    expect(durationText(3_270)).toBe("54 min 30 s");
    expect(durationText(45)).toBe("45 s");
    expect(durationText(0)).toBe("0 min");
    expect(durationText(3_600)).toBe("1 h");
    expect(durationText(7_199)).toBe("2 h"); // 1 h 59 min 59 s, to the nearest minute
    expect(durationText(5_100, { hour: "ώ.", minute: "λ.", second: "δευτ." })).toBe("1 ώ. 25 λ.");
  });

  it("is exact to the second under an hour and to the nearest minute from an hour on", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 24 * 3600 }), (seconds) => {
        const back = readBack(durationText(seconds));
        if (seconds < 3600) expect(back.seconds).toBe(seconds);
        else {
          expect(back.hasSeconds).toBe(false);
          expect(Math.abs(back.seconds - seconds)).toBeLessThanOrEqual(30);
          expect(back.minutePart ?? 0).toBeLessThan(60);
        }
      }),
    );
  });

  it("reads a receipt's hours as whole seconds, half up (0.083333 h is 5 min)", () => {
    expect(hoursToSeconds("0.083333")).toBe(300);
    expect(hoursToSeconds("0.166667")).toBe(600);
    expect(hoursToSeconds("1.416667")).toBe(5_100);
    expect(hoursToSeconds("2")).toBe(7_200);
    fc.assert(
      fc.property(decimalString(6), (hours) => {
        const want = new Decimal(hours).times(3600).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(hoursToSeconds(hours)).toBe(want);
      }),
    );
  });

  it("rounds energy half up to the Wh and drops trailing zeros", () => {
    expect(roundDecimal("33.333333", 3)).toBe("33.333");
    expect(roundDecimal("11.666667", 3)).toBe("11.667");
    expect(roundDecimal("12.5", 3)).toBe("12.5");
    expect(roundDecimal("0.9995", 3)).toBe("1");
    expect(roundDecimal("45", 3)).toBe("45");
    fc.assert(
      fc.property(decimalString(12), fc.integer({ min: 1, max: 6 }), (value, digits) => {
        const want = trimZeros(new Decimal(value).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits));
        expect(roundDecimal(value, digits)).toBe(want);
      }),
    );
  });
});

describe("preview money differences", () => {
  it("subtracts receipt amounts exactly and gives the change in percent, half away from zero", () => {
    expect(differenceText("35.10", "31.72")).toBe("3.38");
    expect(differenceText("31.72", "35.10")).toBe("-3.38");
    expect(differenceText("1200", "1000.5")).toBe("199.5");
    expect(differenceText("0.00", "0.00")).toBe("0.00");
    expect(changePercent("35.10", "31.72")).toBe("+10.7"); // 10.656…
    expect(changePercent("31.72", "35.10")).toBe("-9.6"); // -9.629…
    expect(changePercent("1.0005", "1")).toBe("+0.1"); // 0.05 exactly: half away from zero
    expect(changePercent("5", "0")).toBeUndefined();
    const money = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom(0, 2, 3)).map(([n, d]) => (d ? `${n / 10n ** BigInt(d)}.${String(n % 10n ** BigInt(d)).padStart(d, "0")}` : String(n)));
    fc.assert(
      fc.property(money, money, (b, a) => {
        expect(new Decimal(differenceText(b, a)).eq(new Decimal(b).minus(a))).toBe(true);
        if (new Decimal(a).isZero()) return;
        const want = new Decimal(b).minus(a).div(a).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
        const shown = changePercent(b, a)!;
        expect(shown).toMatch(want.isZero() ? /^0\.0$/ : want.isNegative() ? /^-\d+\.\d$/ : /^\+\d+\.\d$/);
        expect(new Decimal(shown.replace(/^\+/, "")).eq(want)).toBe(true);
      }),
    );
  });
});
