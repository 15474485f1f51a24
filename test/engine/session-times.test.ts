/**
 * parseSession keeps the instants it read (src/schema/session-times.ts) and the engine reuses
 * them: a session built by hand, or copied and changed, is read afresh and prices the same.
 */
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, runPricing, type Session } from "../../src/index.js";
import { sessionTimes } from "../../src/schema/session-times.js";

const compiled = () => compileTariff(parseTariff({ version: 1, id: "t", market: "FR", currency: "EUR", energy: [{ price: "0.45" }], idle: [{ price: "6", when: { idleMinutes: { min: 10 } } }] }));
const doc = { id: "s", start: "2026-05-04T10:00:00+02:00", chargingEnd: "2026-05-04T09:00:00Z", end: "2026-05-04T09:30:00Z", energyKWh: "22.5" };

describe("session instants read once", () => {
  it("parseSession attaches start, chargingEnd and end in UTC ms, invisible to JSON and spreading", () => {
    const s = parseSession(doc);
    expect(sessionTimes(s)).toEqual({ start: Date.UTC(2026, 4, 4, 8), chargingEnd: Date.UTC(2026, 4, 4, 9), end: Date.UTC(2026, 4, 4, 9, 30), energyMicro: 22_500_000, meterAt: [], meterMicro: [] });
    expect(JSON.parse(JSON.stringify(s))).toEqual(doc);
    expect(sessionTimes({ ...s })).toBeUndefined();
    // Without chargingEnd, it is the end.
    const { chargingEnd: _, ...noCharging } = doc;
    expect(sessionTimes(parseSession(noCharging))!.chargingEnd).toBe(Date.UTC(2026, 4, 4, 9, 30));
  });

  it("a session built by hand, or a parsed one copied and changed, prices from its own text", () => {
    const tariff = compiled();
    const parsed = parseSession(doc);
    const byHand: Session = { ...doc };
    expect(priceSession(tariff, byHand)).toEqual(priceSession(tariff, parsed));
    const later: Session = { ...parsed, end: "2026-05-04T10:30:00Z" };
    expect(priceSession(tariff, later)).toEqual(runPricing(tariff, later).receipt);
    expect(priceSession(tariff, later).totals.gross).not.toBe(priceSession(tariff, parsed).totals.gross);
  });
});
