import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runZone } from "../../src/engine/zone-runs.js";
import { listMarkets } from "../../src/markets/index.js";
import { offsetChanges, zone, type Zone } from "../../src/time/zones.js";
import { runs as propertyRuns } from "../helpers/runs.js";

const marketZones = () => [...new Set(listMarkets().flatMap((m) => [...m.timeZones, ...(m.regions ?? []).flatMap((r) => r.timeZones ?? [])]))];

/** A zone that counts how often it is asked. */
function counted(name: string): Zone & { calls: number } {
  const raw = zone(name);
  const z = { name, calls: 0, offsetMs: (t: number) => (z.calls++, raw.offsetMs(t)) };
  return z;
}

describe("runZone: a zone's offsets remembered as constant-offset runs", () => {
  it("answers as the zone itself at any instant of any market zone, 1970-2199 (property)", () => {
    const ZONES = marketZones();
    const memo = new Map(ZONES.map((name) => [name, runZone(zone(name))]));
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: Date.UTC(2199, 11, 31) }), (name, t) => {
        expect(memo.get(name)!.offsetMs(t)).toBe(zone(name).offsetMs(t));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it("finds each offset change to the millisecond, as offsetChanges does, around it", () => {
    for (const name of ["Europe/Athens", "America/New_York", "America/Santiago", "Europe/Brussels"]) {
      const raw = zone(name);
      const z = runZone(raw);
      const from = Date.UTC(2025, 0, 1);
      const to = Date.UTC(2027, 0, 1);
      const changes = offsetChanges(raw, from, to);
      expect(changes.length).toBe(4);
      for (const c of changes) {
        expect(z.offsetMs(c - 1)).toBe(raw.offsetMs(c - 1));
        expect(z.offsetMs(c)).toBe(raw.offsetMs(c));
      }
      const runs = z.runs(from, to);
      expect(runs.slice(1).map((r) => r.from)).toEqual(changes);
      // Contiguous, each a different offset from the one before.
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.from).toBe(runs[i - 1]!.to);
        expect(runs[i]!.offset).not.toBe(runs[i - 1]!.offset);
      }
    }
  });

  it("reads the zone once per six-hour chunk (plus a bisection per change), and never again", () => {
    const raw = counted("Europe/Brussels");
    const z = runZone(raw);
    const day = Date.UTC(2026, 2, 29);
    z.runs(day - 2 * 86_400_000, day + 2 * 86_400_000);
    const learnt = raw.calls;
    expect(learnt).toBeLessThan(2 * 17 + 30);
    for (let t = day - 86_400_000; t < day + 86_400_000; t += 60_000) z.offsetMs(t);
    expect(raw.calls).toBe(learnt);
  });

  it("gives the same answers whatever was asked first", () => {
    const a = runZone(zone("America/Santiago"));
    const b = runZone(zone("America/Santiago"));
    const instants = Array.from({ length: 200 }, (_, i) => Date.UTC(2026, 3, 1) + i * 3_599_999);
    const forward = instants.map((t) => a.offsetMs(t));
    const backward = [...instants].reverse().map((t) => b.offsetMs(t)).reverse();
    expect(backward).toEqual(forward);
  });
});
