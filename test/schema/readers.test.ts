/**
 * The fast path's readers (src/schema/readers.ts) say yes exactly where the schema and the
 * instant checks do, and read the same numbers as parseInstant and decimal.js.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimal, instant, localDate } from "../../src/schema/fields.js";
import { decimalMicros, readDate, readInstant, readMicros } from "../../src/schema/readers.js";
import { instantProblem, parseInstant } from "../../src/time/instants.js";
import { Dec } from "../../src/money/decimal.js";
import { micros } from "../../src/engine/numbers.js";

/** What the full checker makes of an instant string: UTC ms when it has no issue, else NaN. */
const slowInstant = (s: string) => (instant.safeParse(s).success && instantProblem(s) === null ? parseInstant(s) : NaN);
/** What the full checker makes of a decimal: millionths when valid and safe, else NaN. */
const slowMicros = (v: unknown) => {
  if (!decimal.safeParse(v).success) return NaN;
  const n = Number(new Dec(String(v)).times(1_000_000).toFixed());
  return Number.isSafeInteger(n) ? n : NaN;
};

const digit = fc.constantFrom(..."0123456789");
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(""));
/** Instant-like strings: mostly well-formed, with fields that may be out of range and pieces that may be wrong. */
const instantLike = fc
  .tuple(
    fc.constantFrom("1969", "1970", "2026", "2024", "2100", "2199", "2200", "0000", "9999", "20x6"),
    fc.constantFrom("00", "01", "02", "12", "13", "1"),
    fc.constantFrom("00", "01", "28", "29", "30", "31", "32"),
    fc.constantFrom("T", "t", " ", "X"),
    fc.constantFrom("00", "23", "24", "9"),
    fc.constantFrom("00", "59", "60"),
    fc.constantFrom("00", "59", "60"),
    fc.oneof(fc.constant(""), digits(0, 10).map((d) => "." + d), fc.constantFrom(".1230", ".123000000", ".1234", ".000000001")),
    fc.constantFrom("Z", "z", "+02:00", "-05:30", "+23:59", "+24:00", "-00:60", "+0200", "", "+02:00Z", "Q"),
  )
  .map(([y, mo, d, t, h, mi, s, frac, off]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac}${off}`);

describe("readInstant", () => {
  it("reads what parseInstant reads, and refuses what the schema or instantProblem refuses", () => {
    fc.assert(fc.property(fc.oneof(instantLike, fc.string({ maxLength: 40 })), (s) => { expect(readInstant(s)).toBe(slowInstant(s)); }), { numRuns: 5000 });
  });

  it("reads every millisecond of the accepted years, any offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2199, 11, 30) }), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (ms, off) => {
        const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
        const o = Math.abs(off);
        const text = `${local}${off < 0 ? "-" : "+"}${String(Math.floor(o / 60)).padStart(2, "0")}:${String(o % 60).padStart(2, "0")}`;
        expect(readInstant(text)).toBe(ms);
      }),
    );
  });

  it("edges", () => {
    expect(readInstant("1970-01-01T00:00:00Z")).toBe(0);
    expect(readInstant("2199-12-31T23:59:59.999Z")).toBe(Date.UTC(2199, 11, 31, 23, 59, 59, 999));
    expect(readInstant("2200-01-01T00:00:00Z")).toBeNaN();
    expect(readInstant("1970-01-01T00:00:00+00:01")).toBe(-60_000); // the year range is on the date as written, as instantProblem has it
    expect(readInstant("1969-12-31T23:59:00-00:01")).toBeNaN();
    expect(readInstant("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(readInstant("2100-02-29T00:00:00Z")).toBeNaN();
    expect(readInstant("2026-03-28T23:30:00.123000000Z")).toBe(Date.UTC(2026, 2, 28, 23, 30, 0, 123));
    expect(readInstant("2026-03-28T23:30:00.1234Z")).toBeNaN();
  });
});

describe("readMicros and decimalMicros", () => {
  const decimalLike = fc.oneof(
    fc.tuple(fc.constantFrom("", "0", "00", "01", "1", "12", "999999999999", "1000000000000", "9007199254"), fc.oneof(fc.constant(""), digits(0, 8).map((d) => "." + d))).map(([a, b]) => a + b),
    fc.string({ maxLength: 20 }),
  );
  it("are the schema's decimal in millionths, NaN where it is refused or too large", () => {
    fc.assert(fc.property(decimalLike, (s) => { expect(readMicros(s)).toBe(slowMicros(s)); }), { numRuns: 5000 });
    fc.assert(fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0.1, 1e-7, 1e21, 1.5e15)), (n) => { expect(decimalMicros(n)).toBe(slowMicros(n)); }));
  });

  it("accept exactly the strings the schema's pattern accepts (read by hand, without the regular expression)", () => {
    const pattern = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;
    const chars = fc.array(fc.constantFrom(..."0123456789.", "0", "1", "9", "-", "+", "e", " ", "٣"), { maxLength: 20 }).map((c) => c.join(""));
    fc.assert(
      fc.property(fc.oneof(chars, decimalLike), (s) => {
        expect(readMicros(s)).toBe(pattern.test(s) ? micros(s) : NaN);
      }),
      { numRuns: 10_000 },
    );
  });

  it("examples", () => {
    expect(readMicros("0.45")).toBe(450_000);
    expect(readMicros("0")).toBe(0);
    expect(readMicros("999999999.999999")).toBe(999_999_999_999_999);
    expect(readMicros("999999999999.999999")).toBeNaN(); // valid, but beyond 2^53 millionths
    expect(readMicros("1.")).toBeNaN();
    expect(readMicros(".5")).toBeNaN();
    expect(readMicros("0.1234567")).toBeNaN();
    expect(decimalMicros(null)).toBeNaN();
    expect(decimalMicros(-0)).toBe(0);
  });
});

describe("readDate", () => {
  it("accepts what localDate accepts", () => {
    const dateLike = fc
      .tuple(fc.constantFrom("0000", "1900", "2000", "2024", "2026", "2100", "9999", "20a6"), fc.constantFrom("00", "01", "02", "12", "13"), fc.constantFrom("00", "01", "28", "29", "30", "31", "32"))
      .map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (s) => { expect(Number.isNaN(readDate(s))).toBe(!localDate.safeParse(s).success); }), { numRuns: 3000 });
    expect(readDate("1970-01-02")).toBe(1);
  });
});
