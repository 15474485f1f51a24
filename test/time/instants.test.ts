/** RFC 3339 instants: every refusal with its own message, the edges of each range, and parsing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, instantProblem, parseInstant } from "../../src/time/instants.js";

const NO_OFFSET = "must carry a UTC offset (Z or ±hh:mm), e.g. 2026-03-28T23:30:00Z";
const NOT_RFC = "must be an RFC 3339 date-time with offset, e.g. 2026-03-28T23:30:00Z";

describe("instantProblem", () => {
  it("tells a date-time without offset from text that is no date-time at all", () => {
    expect(instantProblem("2026-03-29T02:30:00")).toBe(NO_OFFSET);
    expect(instantProblem("2026-03-29t02:30")).toBe(NO_OFFSET);
    expect(instantProblem("2026-03-29 02:30:00.5")).toBe(NO_OFFSET);
    for (const text of ["x2026-03-29T02:30:00", "2026-03-29T02:30:00x", "20260-03-29T02:30:00", "2026-3-29T02:30:00", "2026-03-9T02:30:00", "2026-03-29_02:30:00", "2026-03-29T2:30:00", "2026-03-29T02:3:00", "2026-03-29T02:30:0", "2026-03-29T02:30:00.", "2026-03-29T02:30:00.x", "yesterday", ""])
      expect(instantProblem(text), text).toBe(NOT_RFC);
  });

  it("keeps milliseconds: a fourth digit is refused unless it and the rest are zeros", () => {
    expect(instantProblem("2026-03-29T10:00:00.123Z")).toBeNull();
    expect(instantProblem("2026-03-29T10:00:00.1230Z")).toBeNull();
    expect(instantProblem("2026-03-29T10:00:00.123000000Z")).toBeNull();
    expect(instantProblem("2026-03-29T10:00:00.1234Z")).toBe("has more precision than milliseconds, which the engine does not keep");
    expect(instantProblem("2026-03-29T10:00:00.120000001Z")).toBe("has more precision than milliseconds, which the engine does not keep");
  });

  it("checks month, day, time of day and offset, each at its edges", () => {
    expect(instantProblem("2026-00-10T10:00:00Z")).toBe("has a month outside 01-12");
    expect(instantProblem("2026-13-10T10:00:00Z")).toBe("has a month outside 01-12");
    expect(instantProblem("2026-12-31T10:00:00Z")).toBeNull();
    expect(instantProblem("2026-01-01T10:00:00Z")).toBeNull();
    expect(instantProblem("2026-03-00T10:00:00Z")).toBe("has no day 00 in 2026-03");
    expect(instantProblem("2026-04-31T10:00:00Z")).toBe("has no day 31 in 2026-04");
    expect(instantProblem("2028-02-29T10:00:00Z")).toBeNull();
    expect(instantProblem("2026-02-29T10:00:00Z")).toBe("has no day 29 in 2026-02");
    for (const t of ["24:00:00", "23:60:00", "23:59:60"]) expect(instantProblem(`2026-03-29T${t}Z`), t).toBe("has a time of day out of range");
    expect(instantProblem("2026-03-29T23:59:59Z")).toBeNull();
    expect(instantProblem("2026-03-29T10:00:00+24:00")).toBe("has an offset out of range");
    expect(instantProblem("2026-03-29T10:00:00-23:60")).toBe("has an offset out of range");
    expect(instantProblem("2026-03-29T10:00:00+23:59")).toBeNull();
    expect(instantProblem("2026-03-29T10:00:00-00:00")).toBeNull();
  });

  it("accepts the years 1970 to 2199", () => {
    expect(instantProblem("1969-12-31T23:59:59Z")).toBe("must be between the years 1970 and 2199");
    expect(instantProblem("1970-01-01T00:00:00Z")).toBeNull();
    expect(instantProblem("2199-12-31T23:59:59Z")).toBeNull();
    expect(instantProblem("2200-01-01T00:00:00Z")).toBe("must be between the years 1970 and 2199");
    // An offset can carry a local 1970 back into 1969 UTC; the years are the text's own.
    expect(instantProblem("1970-01-01T00:30:00+01:00")).toBeNull();
  });
});

describe("instantProblem on a local time with a fraction", () => {
  it("asks for the offset whatever the fraction's length", () => {
    for (const t of ["2026-03-28T23:30:00.1", "2026-03-28T23:30:00.123", "2026-03-28 23:30:00.123456789"])
      expect(instantProblem(t), t).toBe("must carry a UTC offset (Z or ±hh:mm), e.g. 2026-03-28T23:30:00Z");
  });
});

describe("parseInstant", () => {
  it("reads offsets of either sign, Z in either case, and milliseconds", () => {
    expect(parseInstant("2026-03-29T02:30:00Z")).toBe(Date.UTC(2026, 2, 29, 2, 30));
    expect(parseInstant("2026-03-29T02:30:00z")).toBe(Date.UTC(2026, 2, 29, 2, 30));
    expect(parseInstant("2026-03-29T02:30:00+02:00")).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(parseInstant("2026-03-29T02:30:00-03:30")).toBe(Date.UTC(2026, 2, 29, 6, 0));
    expect(parseInstant("2026-03-29T02:30:00+00:45")).toBe(Date.UTC(2026, 2, 29, 1, 45));
    expect(parseInstant("2026-03-29T02:30:00.5Z")).toBe(Date.UTC(2026, 2, 29, 2, 30, 0, 500));
    expect(parseInstant("2026-03-29T02:30:00.05Z")).toBe(Date.UTC(2026, 2, 29, 2, 30, 0, 50));
    expect(parseInstant("2026-03-29T02:30:00.123000Z")).toBe(Date.UTC(2026, 2, 29, 2, 30, 0, 123));
  });

  it("throws a RangeError naming the text that is not an instant", () => {
    expect(() => parseInstant("2026-03-29T02:30:00")).toThrow(new RangeError("not an RFC 3339 instant: 2026-03-29T02:30:00"));
  });

  it("formatInstant prints UTC, with milliseconds only when there are some", () => {
    expect(formatInstant(Date.UTC(2026, 2, 29, 2, 30))).toBe("2026-03-29T02:30:00Z");
    expect(formatInstant(Date.UTC(2026, 2, 29, 2, 30, 0, 7))).toBe("2026-03-29T02:30:00.007Z");
    expect(formatInstant(Date.UTC(2026, 2, 29, 2, 30, 0, 7) + 0.9)).toBe("2026-03-29T02:30:00.007Z");
  });
});

describe("parseInstant and formatInstant beyond the fast reader and printer", () => {
  // Forms the fast reader leaves to the full one: lower-case t and z, fractions of 1 to 9 digits,
  // offsets with minutes. Each is checked against Date's own parsing of the same instant.
  const reference = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offMin: number) =>
    Date.UTC(y, mo - 1, d, h, mi, s, ms) - offMin * 60_000;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  it("reads every RFC 3339 form, offsets and fractions included (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1971, max: 2198 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
          ms: fc.integer({ min: 0, max: 999 }), digits: fc.integer({ min: 0, max: 9 }),
          offMin: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), t: fc.constantFrom("T", "t"), z: fc.constantFrom("Z", "z", "offset"),
        }),
        ({ y, mo, d, h, mi, s, ms, digits, offMin, t, z }) => {
          const kept = digits === 0 ? 0 : digits >= 3 ? ms : Math.floor(ms / 10 ** (3 - digits)) * 10 ** (3 - digits);
          const frac = digits === 0 ? "" : "." + (pad(ms, 3) + "000000").slice(0, digits).padEnd(digits, "0");
          const off = z === "offset" ? `${offMin < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offMin) / 60))}:${pad(Math.abs(offMin) % 60)}` : z;
          const text = `${y}-${pad(mo)}-${pad(d)}${t}${pad(h)}:${pad(mi)}:${pad(s)}${frac}${off}`;
          expect(instantProblem(text)).toBeNull();
          expect(parseInstant(text), text).toBe(reference(y, mo, d, h, mi, s, kept, z === "offset" ? offMin : 0));
        },
      ),
    );
    expect(parseInstant("2026-03-29t02:30:00.5-01:30")).toBe(Date.UTC(2026, 2, 29, 4, 0, 0, 500));
    expect(parseInstant("2026-03-29T02:30:00.05z")).toBe(Date.UTC(2026, 2, 29, 2, 30, 0, 50));
    expect(() => parseInstant("2026-03-29T02:30:00")).toThrow(RangeError);
  });

  it("prints every instant of the years 0000-9999 as Date does, milliseconds only when there are any", () => {
    const viaDate = (ms: number) => new Date(Math.floor(ms)).toISOString().replace(".000Z", "Z");
    for (const ms of [-62_167_219_200_000, -62_167_219_200_000 + 1.5, -86_400_000, -1, 0, 7_258_118_400_000 - 1, 7_258_118_400_000, 7_258_118_400_000 + 1.7, 253_402_300_800_000 - 1])
      expect(formatInstant(ms), String(ms)).toBe(viaDate(ms));
    expect(formatInstant(-62_167_219_200_000)).toBe("0000-01-01T00:00:00Z");
    expect(formatInstant(253_402_300_800_000 - 1)).toBe("9999-12-31T23:59:59.999Z");
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_800_000 - 1 }), (ms) => formatInstant(ms) === viaDate(ms)));
  });

  it("refuses instants RFC 3339 cannot write, and NaN", () => {
    for (const ms of [-62_167_219_200_000 - 1, 253_402_300_800_000, NaN, Infinity, -Infinity])
      expect(() => formatInstant(ms), String(ms)).toThrow(new RangeError(`not an instant of the years 0000-9999: ${ms}`));
  });
});
