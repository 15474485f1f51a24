import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, instantMs, instantText, micros } from "../../src/engine/numbers.js";
import { moneyText, scaledText } from "../../src/engine/exact.js";
import { currency } from "../../src/money/currencies.js";
import { Dec, displayDecimal } from "../../src/money/decimal.js";
import { formatMoney, moneyFromMinor } from "../../src/money/money.js";
import { formatInstant, parseInstant } from "../../src/time/instants.js";
import { runs } from "../helpers/runs.js";

/** An RFC 3339 instant as the session parser accepts them: any offset, fractions, t/z in either case. */
const instantTextArb = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2199, 11, 30) }),
    offset: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
    fraction: fc.constantFrom("", ".5", ".123", ".120000", ".999999999", ".000"),
    lower: fc.boolean(),
  })
  .map(({ ms, offset, fraction, lower }) => {
    const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
    const sign = offset < 0 ? "-" : "+";
    const a = Math.abs(offset);
    const zone = offset === 0 && lower ? "z" : `${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
    return (lower ? local.replace("T", "t") : local) + fraction + zone;
  });

describe("the readers and printers of src/engine/numbers.ts", () => {
  it("instantMs reads every instant as a regular-expression reader and Date.UTC do (property)", () => {
    fc.assert(
      fc.property(instantTextArb, (text) => {
        // parseInstant itself asks instantMs first: compare with an independent reader.
        const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(text)!;
        const [, y, mo, d, h, mi, sec, frac, off] = m;
        let utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +sec!, frac ? +(frac + "00").slice(0, 3) : 0);
        if (off!.toUpperCase() !== "Z") utc -= (off![0] === "-" ? -1 : 1) * (+off!.slice(1, 3) * 60 + +off!.slice(4, 6)) * 60_000;
        expect(instantMs(text)).toBe(utc);
        expect(parseInstant(text)).toBe(utc);
      }),
      { numRuns: runs(300) },
    );
  });

  it("instantMs refuses what is not a valid instant", () => {
    for (const bad of ["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00", "1969-12-31T23:00:00Z", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00.Z", ""])
      expect(instantMs(bad), bad).toBeNaN();
    expect(instantMs("2024-02-29T12:00:00Z")).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it("instantText prints as Date does (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
        // Against Date's own printing (formatInstant itself uses instantText in this range).
        expect(instantText(ms)).toBe(new Date(ms).toISOString().replace(/\.000Z$/, "Z"));
      }),
      { numRuns: runs(300) },
    );
  });

  it("dayNumber counts days since 1970 for dates of any year 0000-9999", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2026-03-29")).toBe(Date.UTC(2026, 2, 29) / 86_400_000);
    expect(dayNumber("0000-01-01")).toBe(-719_528);
    expect(dayNumber("2026-02-30")).toBeNaN();
  });

  it("micros reads file decimals in millionths, exactly, and nothing else", () => {
    expect(micros("0.45")).toBe(450_000);
    expect(micros("12")).toBe(12_000_000);
    expect(micros("0.000001")).toBe(1);
    expect(micros("999999999.999999")).toBe(999_999_999_999_999);
    for (const bad of ["", ".5", "5.", "1.2345678", "-1", "1e3", "10000000000.000000"]) expect(micros(bad), bad).toBeNaN();
  });

  it("scaledText and moneyText print as displayDecimal and formatMoney do, numbers and BigInts (property)", () => {
    const codes = ["EUR", "CLP", "KWD", "CLF", "COP"].map((c) => currency(c)!);
    const wide = fc.oneof(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }).map((n) => BigInt(n)), fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }));
    const asInt = (b: bigint) => (b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((n) => BigInt(n)), fc.bigInt({ min: 0n, max: 10n ** 24n })), wide, fc.constantFrom(...codes), (n, minor, c) => {
        expect(scaledText(asInt(n), 6)).toBe(displayDecimal(new Dec(n.toString()).div(1e6), 6));
        expect(moneyText(asInt(minor), c.settlementDigits)).toBe(formatMoney(moneyFromMinor(minor, c)));
      }),
      { numRuns: runs(300) },
    );
  });
});
