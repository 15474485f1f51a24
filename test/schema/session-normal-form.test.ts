/**
 * parseSession's normal form: members in the schema's order, absent members absent (not present as
 * undefined), decimals as text; and the reading limit at its edge.
 */
import { describe, expect, it } from "vitest";
import { parseSession, safeParseSession } from "../../src/index.js";

const S = { start: "2026-03-28T23:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5" };

describe("parseSession's normal form", () => {
  it("lists exactly the members given, in the schema's order", () => {
    expect(Object.keys(parseSession(S))).toEqual(["start", "end", "energyKWh"]);
    const full = parseSession({ energyKWh: 22.5, payment: "card", chargingEnd: "2026-03-29T02:00:00Z", end: S.end, start: S.start, id: "s-1", meter: [{ at: "2026-03-29T01:00:00Z", kWh: 10 }] });
    expect(Object.keys(full)).toEqual(["id", "start", "end", "chargingEnd", "payment", "energyKWh", "meter"]);
    expect(full.energyKWh).toBe("22.5");
    expect(full.meter).toEqual([{ at: "2026-03-29T01:00:00Z", kWh: "10" }]);
  });

  it("refuses more than 100,000 readings before reading any, and reads 100,000", () => {
    const readings = (n: number) => ({ ...S, meter: Array.from({ length: n }, () => null) });
    expect(safeParseSession(readings(100_001))).toEqual({ ok: false, issues: [{ path: "/meter", message: "has more than 100000 readings" }] });
    const at = safeParseSession(readings(100_000));
    expect(at.ok ? [] : at.issues.slice(0, 2)).toEqual([
      { path: "/meter/0", message: "must be a JSON object" },
      { path: "/meter/1", message: "must be a JSON object" },
    ]);
  });
});
