/** RFC 3339 instants: every refusal with its own message, the edges of each range, and parsing. */
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
