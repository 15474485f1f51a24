/**
 * The lint's "never applies" findings are exact: a rate that lintTariff says never applies
 * (rate-shadowed, condition-never-holds, empty-window, rate-outside-validity that says "never") is
 * in no line of any receipt. Tariffs are drawn from small pools of conditions so that rates overlap,
 * nest and cover each other often; sessions fall around the dates and hours the pools name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintTariff, parseSession, parseTariff, priceSession, TariffError } from "../../src/index.js";

const pick = <T,>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined, freq: 2 });
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"];

const conditions = fc
  .record({
    days: pick([["sat", "sun"], WEEKDAYS, ["mon"], ["sun"], ["fri", "sat"]]),
    timeOfDay: pick([
      { from: "22:00", to: "07:00" },
      { from: "07:00", to: "22:00" },
      { from: "08:00", to: "18:00" },
      { from: "00:00", to: "24:00" },
      { from: "18:00", to: "20:00" },
    ]),
    dates: pick([{ from: "2026-03-04" }, { to: "2026-03-06" }, { from: "2026-03-07", to: "2026-03-09" }, { from: "2026-03-02", to: "2026-03-03" }, { from: "2026-02-20", to: "2026-02-27" }]),
    energyKWh: pick([{ min: "10" }, { min: "20" }, { max: "10" }, { min: "0" }]),
    powerKW: pick([{ min: "50" }, { max: "20" }, { max: "0" }, { min: "0", max: "50" }]),
    sessionMinutes: pick([{ min: "30" }, { max: "60" }, { min: "0" }]),
    idleMinutes: pick([{ min: "10" }, { max: "15" }, { min: "0" }]),
  })
  .map((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)));

const rate = (prices: readonly string[]) =>
  fc.record({ price: fc.constantFrom(...prices), when: fc.option(conditions, { nil: undefined }) }).map((r) => (r.when && Object.keys(r.when).length ? r : { price: r.price }));

const tariffDoc = fc
  .record({
    energy: fc.array(rate(["0.30", "0.45", "0"]), { maxLength: 4 }),
    time: fc.array(rate(["3.00", "6.00"]), { maxLength: 3 }),
    idle: fc.array(rate(["0", "12.00"]), { maxLength: 3 }),
    flat: fc.array(rate(["0.50", "1.00"]), { maxLength: 3 }),
    validity: fc.constantFrom(
      {},
      { validFrom: "2026-03-01T00:00:00+02:00", validTo: "2026-03-06T00:00:00+02:00" },
      { validFrom: "2026-03-03T12:00:00+02:00" },
      { validTo: "2026-03-02T00:00:00+02:00" },
    ),
  })
  .map(({ validity, ...rates }) => ({ version: 1, id: "prop", market: "GR", currency: "EUR", ...validity, ...rates }));

const MIN = 60_000;
const sessionDoc = fc
  .record({
    startMinute: fc.integer({ min: 0, max: 16 * 24 * 60 }),
    charging: fc.integer({ min: 0, max: 900 }),
    idle: fc.integer({ min: 0, max: 120 }),
    kWh: fc.integer({ min: 0, max: 90_000 }),
    reading: fc.option(fc.tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
  })
  .map((s) => {
    const start = Date.parse("2026-02-24T22:00:00Z") + s.startMinute * MIN;
    const chargingEnd = start + s.charging * MIN;
    const energy = s.charging === 0 ? 0 : s.kWh;
    const iso = (ms: number) => new Date(ms).toISOString();
    const at = start + Math.max(1, Math.floor(s.charging * (s.reading?.[0] ?? 0))) * MIN;
    const meter = s.reading && s.charging > 2 && at < chargingEnd ? [{ at: iso(at), kWh: (Math.floor(energy * s.reading[1]) / 1000).toFixed(3) }] : [];
    return { start: iso(start), chargingEnd: iso(chargingEnd), end: iso(chargingEnd + s.idle * MIN), energyKWh: (energy / 1000).toFixed(3), ...(meter.length ? { meter } : {}) };
  });

/** Pointers of the rates lintTariff says never apply. */
function neverApplies(doc: unknown): Set<string> {
  const out = new Set<string>();
  for (const f of lintTariff(doc).findings) {
    if (f.rule === "rate-shadowed") out.add(f.pointer);
    if ((f.rule === "condition-never-holds" || f.rule === "empty-window" || f.rule === "rate-outside-validity") && /never applies/.test(f.message))
      out.add(f.pointer.match(/^\/\w+\/\d+/)![0]);
  }
  return out;
}

describe("lint: what it says never applies is in no receipt", () => {
  it("for tariffs with overlapping conditions and sessions around them", () => {
    let claims = 0;
    fc.assert(
      fc.property(tariffDoc, fc.array(sessionDoc, { minLength: 1, maxLength: 8 }), (doc, sessions) => {
        const never = neverApplies(doc);
        claims += never.size;
        if (never.size === 0) return;
        const tariff = parseTariff(doc);
        for (const s of sessions) {
          let lines;
          try {
            lines = priceSession(tariff, parseSession(s)).lines;
          } catch (e) {
            if (e instanceof TariffError) continue; // outside the validity
            throw e;
          }
          for (const line of lines) if (line.rate !== null) expect(never.has(line.rate), `${line.rate} applied to ${JSON.stringify(s)}`).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
    // The pools make such rates common: the property checks real claims.
    expect(claims).toBeGreaterThan(100);
  });
});
