/**
 * The embedded zones' decoder on hand-written packed data: the yearly rule's weekday arithmetic on
 * days other than Sunday, the letters at the ends of the alphabet, data that names an offset it does
 * not list, and a zone with no rule. (The committed data is checked against Intl in embedded-zones.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { embeddedZones, packedZoneOf, ruleInstant, transitionSteps } from "../../src/time/embedded-zones.js";

const MIN = 60_000;
const H = 3_600_000;

describe("ruleInstant", () => {
  it("finds the last and the first-on-or-after weekday of a month for every weekday", () => {
    // March 2026: the 1st is a Sunday, the 31st a Tuesday.
    const last = (weekday: number) => new Date(ruleInstant({ month: 3, weekday, day: 0, minutes: 60, afterMs: 0 }, 2026)).toISOString();
    expect([0, 1, 2, 3, 4, 5, 6].map(last)).toEqual(
      ["2026-03-29", "2026-03-30", "2026-03-31", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28"].map((d) => `${d}T01:00:00.000Z`),
    );
    const onOrAfter = (weekday: number) => new Date(ruleInstant({ month: 3, weekday, day: 8, minutes: 120, afterMs: 0 }, 2026)).toISOString();
    expect([0, 1, 2, 3, 4, 5, 6].map(onOrAfter)).toEqual(
      ["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14"].map((d) => `${d}T02:00:00.000Z`),
    );
  });
});

describe("transitionSteps", () => {
  it("reads the digits 0-9 and a-z and the letters A-Z, and starts over after any other character", () => {
    expect(transitionSteps("AzZ09Y")).toEqual([[35, "Z"], [9, "Y"]]);
    expect(transitionSteps("1{2A")).toEqual([[2, "A"]]);
    expect(transitionSteps("1@2[3`4A")).toEqual([[4, "A"]]);
    expect(transitionSteps("")).toEqual([]);
  });
});

describe("packedZoneOf", () => {
  it("keeps the first offset until the first change, then each change's offset", () => {
    // Offsets 0 and +60 min (base 36 "1o" = 60); the first change 100 minutes (base 36 "2s") after 1970.
    const z = packedZoneOf("Test/Steps", "0,1o|A2sB");
    expect([z.offsetMs(0), z.offsetMs(100 * MIN - 1), z.offsetMs(100 * MIN)]).toEqual([0, 0, H]);
    expect(z.name).toBe("Test/Steps");
  });

  it("with no rule and no change, one offset for ever", () => {
    const z = packedZoneOf("Test/Fixed", "1o|A");
    expect([z.offsetMs(-1e12), z.offsetMs(0), z.offsetMs(7e12)]).toEqual([H, H, H]);
  });

  it("a yearly rule: the offset after the last transition at or before the instant, in its year or the one before", () => {
    // From 2020: last Sunday of March 01:00 UTC to +60 min (B), last Sunday of October 01:00 UTC back to 0 (A).
    const z = packedZoneOf("Test/Rule", "0,1o|A|2020;3,0,0,60,B;10,0,0,60,A");
    const at = (iso: string) => z.offsetMs(Date.parse(iso));
    expect(at("2019-07-01T00:00:00Z")).toBe(0);
    expect([at("2026-03-29T00:59:59Z"), at("2026-03-29T01:00:00Z"), at("2026-10-25T00:59:59Z"), at("2026-10-25T01:00:00Z")]).toEqual([0, H, H, 0]);
    expect([at("2026-01-01T00:00:00Z"), at("2026-12-31T23:59:59Z")]).toEqual([0, 0]);
  });

  it("a rule's transitions may be listed in any order", () => {
    const z = packedZoneOf("Test/Rule", "0,1o|A|2020;10,0,0,60,A;3,0,0,60,B");
    const at = (iso: string) => z.offsetMs(Date.parse(iso));
    expect([at("2026-01-15T00:00:00Z"), at("2026-07-01T00:00:00Z"), at("2026-11-01T00:00:00Z")]).toEqual([0, H, 0]);
  });

  it("data without a rule part, or with offsets only", () => {
    expect(packedZoneOf("Test/NoRule", "1o|A").offsetMs(7e12)).toBe(H);
    expect(() => packedZoneOf("Test/OffsetsOnly", "1o")).toThrow(new Error("corrupt zone data for Test/OffsetsOnly"));
  });

  it("refuses data that names an offset it does not list", () => {
    expect(() => packedZoneOf("Test/Bad", "0|B")).toThrow(new Error("corrupt zone data for Test/Bad"));
    expect(() => packedZoneOf("Test/Bad", "0|A1C")).toThrow(new Error("corrupt zone data for Test/Bad"));
    expect(() => packedZoneOf("Test/Bad", "0|A|2020;3,0,0,60,B")).toThrow(new Error("corrupt zone data for Test/Bad"));
    expect(() => packedZoneOf("Test/Empty", "")).toThrow(new Error("corrupt zone data for Test/Empty"));
  });
});

describe("embeddedZones.zone", () => {
  it("names the zone it has no data for", () => {
    expect(() => embeddedZones.zone("Europe/Berlin")).toThrow(new RangeError("no embedded zone data for Europe/Berlin"));
  });
});
