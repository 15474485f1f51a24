import { describe, expect, it } from "vitest";
import { formatInstant, instantProblem, parseInstant } from "../../src/time/instants.js";
import { fromLocal, isTimeZone, localMidnight, localParts, offsetChanges, toLocal, zone } from "../../src/time/zones.js";

const H = 3_600_000;

describe("zones", () => {
  it("gives the UTC offset at an instant, on both sides of a change", () => {
    const brussels = zone("Europe/Brussels");
    expect(brussels.offsetMs(Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(H);
    expect(brussels.offsetMs(Date.UTC(2026, 2, 29, 1, 0))).toBe(2 * H);
    expect(brussels.offsetMs(Date.UTC(2026, 9, 25, 0, 59))).toBe(2 * H);
    expect(brussels.offsetMs(Date.UTC(2026, 9, 25, 1, 0))).toBe(H);
    expect(zone("Asia/Kolkata").offsetMs(Date.UTC(2026, 0, 1))).toBe(5.5 * H);
    expect(zone("Pacific/Chatham").offsetMs(Date.UTC(2026, 0, 1))).toBe(13.75 * H);
    expect(zone("America/Santiago").offsetMs(Date.UTC(2026, 0, 1))).toBe(-3 * H);
  });

  it("finds no instant for a skipped local time and two for a repeated one", () => {
    const paris = zone("Europe/Paris");
    expect(fromLocal(paris, Date.UTC(2026, 2, 29, 2, 30))).toEqual([]);
    expect(fromLocal(paris, Date.UTC(2026, 9, 25, 2, 30))).toEqual([Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]);
    expect(fromLocal(paris, Date.UTC(2026, 5, 1, 12, 0))).toEqual([Date.UTC(2026, 5, 1, 10, 0)]);
  });

  it("finds offset changes to the millisecond", () => {
    const ny = zone("America/New_York");
    // 2026-03-08 02:00 EST = 07:00Z; 2026-11-01 02:00 EDT = 06:00Z
    expect(offsetChanges(ny, Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31))).toEqual([Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)]);
    expect(offsetChanges(zone("Asia/Kolkata"), Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31))).toEqual([]);
  });

  it("reads local calendar fields without the host zone", () => {
    const athens = zone("Europe/Athens");
    const p = localParts(toLocal(athens, Date.UTC(2026, 10, 20, 22, 30)));
    expect(p).toEqual({ date: "2026-11-21", weekday: 6, msOfDay: 30 * 60_000 });
  });

  it("reads calendar fields and midnights on both sides of 1970, and years beyond four digits", () => {
    const DAY = 86_400_000;
    expect(localParts(-1)).toEqual({ date: "1969-12-31", weekday: 3, msOfDay: DAY - 1 });
    expect(localMidnight(Date.UTC(2026, 10, 21, 0, 30))).toBe(Date.UTC(2026, 10, 21));
    expect(localMidnight(Date.UTC(2026, 10, 21))).toBe(Date.UTC(2026, 10, 21));
    expect(localMidnight(-1)).toBe(-DAY);
    const year = (y: number) => new Date(0).setUTCFullYear(y, 5, 1);
    expect(localParts(year(-1)).date).toBe("-000001-06-01");
    expect(localParts(year(0)).date).toBe("0000-06-01");
    expect(localParts(year(10_000)).date).toBe("+10000-06-01");
    expect(localParts(year(9999)).date).toBe("9999-06-01");
  });

  it("reads offsets before the common era too (Intl prints those years with an era)", () => {
    const bc = new Date(0).setUTCFullYear(-50, 5, 1);
    expect(zone("UTC").offsetMs(bc)).toBe(0);
    const athens = zone("Europe/Athens");
    expect(athens.offsetMs(bc)).toBe(athens.offsetMs(Date.UTC(1800, 5, 1)));
  });

  it("knows IANA names and refuses others", () => {
    expect(isTimeZone("Europe/Athens")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("+02:00")).toBe(false);
  });
});

describe("instants", () => {
  it("parses RFC 3339 with offsets to UTC milliseconds", () => {
    expect(parseInstant("2026-03-29T02:30:00+02:00")).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(parseInstant("2026-03-29T02:30:00.250-03:30")).toBe(Date.UTC(2026, 2, 29, 6, 0, 0, 250));
    expect(parseInstant("2026-03-29t02:30:00z")).toBe(Date.UTC(2026, 2, 29, 2, 30));
  });

  it("says what is wrong with a bad instant", () => {
    expect(instantProblem("2026-03-29T02:30:00")).toMatch(/offset/);
    expect(instantProblem("2026-02-30T10:00:00Z")).toMatch(/no day 30/);
    expect(instantProblem("2026-03-29T24:00:00Z")).toMatch(/out of range/);
    expect(instantProblem("2026-03-29T10:00:00.1234Z")).toMatch(/milliseconds/);
    expect(instantProblem("2026-03-29T10:00:00.1230Z")).toBeNull();
    expect(instantProblem("yesterday")).toMatch(/RFC 3339/);
  });

  it("prints UTC with milliseconds only when present", () => {
    expect(formatInstant(Date.UTC(2026, 2, 29, 0, 30))).toBe("2026-03-29T00:30:00Z");
    expect(formatInstant(Date.UTC(2026, 2, 29, 0, 30, 0, 5))).toBe("2026-03-29T00:30:00.005Z");
  });
});
