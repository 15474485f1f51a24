/**
 * The engine (priceSession and runPricing) rates every minute as the brute-force
 * minute pricer in test/helpers does: the same lines, instants, quantities, unit prices and amounts,
 * on generated tariffs and sessions, across DST changes and midnight, with meter readings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, runPricing, type Receipt } from "../../src/index.js";
import { runs } from "../helpers/runs.js";
import { minuteLines, type MinuteLine } from "../helpers/minute-pricer.js";
import { sessionDoc, tariffDoc } from "./arbitraries.js";

/** The receipt's energy, time, idle and flat lines as the minute pricer states them. */
function rated(r: Receipt): MinuteLine[] {
  return r.lines
    .filter((l) => l.component === "energy" || l.component === "time" || l.component === "idle" || l.component === "flat")
    .map((l) => {
      const amount = r.pricesInclude === "tax" ? l.gross : l.net;
      return { component: l.component as MinuteLine["component"], rate: l.rate, from: l.from, to: l.to, quantity: l.quantity, unitPrice: l.unitPrice, amountMinor: BigInt(amount.replace(".", "")) };
    });
}

// Near the DST changes of 2026 (Europe: 29 March and 25 October, 01:00Z) half of the time.
const session = fc.oneof(
  sessionDoc(),
  fc.tuple(sessionDoc(), fc.constantFrom(Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 9, 24, 20)), fc.integer({ min: 0, max: 600 })).map(([s, base, m]) => {
    const shift = base + m * 60_000 - Date.parse(s.start);
    const move = (t: string) => new Date(Date.parse(t) + shift).toISOString();
    return { ...s, start: move(s.start), chargingEnd: move(s.chargingEnd), end: move(s.end), ...(s.meter ? { meter: s.meter.map((r) => ({ ...r, at: move(r.at) })) } : {}) };
  }),
);

describe("the pricers rate each minute as the brute-force minute pricer does", () => {
  it("energy, time, idle and flat lines on generated tariffs (no steps, no energy or power conditions) and sessions (property)", () => {
    fc.assert(
      fc.property(tariffDoc({ steps: false, energy: false, power: false }), session, (t, s) => {
        const tariff = compileTariff(parseTariff(t));
        const parsed = parseSession(s);
        const expected = minuteLines(tariff.tariff, s, tariff.zone.name, tariff.currency.settlementDigits);
        expect(rated(priceSession(tariff, parsed))).toEqual(expected);
        expect(rated(runPricing(tariff, parsed).receipt)).toEqual(expected);
      }),
      { numRuns: runs(300) },
    );
  });

  it("a worked case: a night rate from 23:00, across the autumn change in Paris", () => {
    const t = { version: 1, id: "n", market: "FR", currency: "EUR", energy: [{ price: "0.2", when: { timeOfDay: { from: "23:00", to: "06:00" } } }, { price: "0.4" }], time: [], idle: [], flat: [] };
    // 22:30 local (+02:00) to 03:30 local (+01:00): six hours, 12 kWh.
    const s = { start: "2026-10-24T20:30:00Z", chargingEnd: "2026-10-25T02:30:00Z", end: "2026-10-25T02:30:00Z", energyKWh: "12" };
    const lines = minuteLines(t, s, "Europe/Paris", 2);
    expect(lines).toEqual([
      { component: "energy", rate: "/energy/1", from: "2026-10-24T20:30:00Z", to: "2026-10-24T21:00:00Z", quantity: "1", unitPrice: "0.4", amountMinor: 40n },
      { component: "energy", rate: "/energy/0", from: "2026-10-24T21:00:00Z", to: "2026-10-25T02:30:00Z", quantity: "11", unitPrice: "0.2", amountMinor: 220n },
    ]);
    expect(rated(priceSession(parseTariff(t), parseSession(s)))).toEqual(lines);
  });
});
