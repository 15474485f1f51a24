import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession } from "../../src/index.js";
import { decimalText, meterReadings, sessionDoc, tariffDoc } from "./arbitraries.js";
import { runs } from "../helpers/runs.js";

const cents = (s: string) => Math.round(Number(s) * 100);

describe("meter readings (property)", () => {
  it("spreading a condition-free session's energy over more meter readings leaves the total unchanged", () => {
    fc.assert(
      fc.property(
        tariffDoc({ conditions: false }),
        sessionDoc({ meter: false }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 }),
        (t, s, fractions) => {
          const tariff = parseTariff(t);
          const minutes = (Date.parse(s.chargingEnd) - Date.parse(s.start)) / 60_000;
          fc.pre(minutes > 1);
          const withMeter = { ...s, meter: meterReadings(Date.parse(s.start), minutes, s.energyKWh, fractions) };
          expect(priceSession(tariff, parseSession(withMeter)).totals).toEqual(priceSession(tariff, parseSession(s)).totals);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe("monotonicity (property)", () => {
  // Without steps: a step is taken from the last rate that applied, so more energy can move the
  // step to a cheaper rate (OCPI semantics) — see the README's design decisions.
  const noMax = tariffDoc({ steps: false, caps: false });

  it("more energy, delivered after what was already delivered, never costs less", () => {
    fc.assert(
      fc.property(noMax, sessionDoc(), fc.integer({ min: 1, max: 240 }), decimalText(50, 3), (t, s, moreMinutes, moreKWh) => {
        const tariff = parseTariff(t);
        fc.pre(s.chargingEnd !== s.start);
        const before = { ...s, end: s.chargingEnd, payment: "card" };
        const extendedEnd = new Date(Date.parse(s.chargingEnd) + moreMinutes * 60_000).toISOString();
        const energy = (Number(s.energyKWh) * 1000 + Number(moreKWh) * 1000) / 1000;
        const after = {
          ...before,
          chargingEnd: extendedEnd,
          end: extendedEnd,
          energyKWh: energy.toFixed(3),
          meter: [...(s.meter ?? []), { at: s.chargingEnd, kWh: s.energyKWh }],
        };
        const a = priceSession(tariff, parseSession(before));
        const b = priceSession(tariff, parseSession(after));
        expect(cents(b.totals.gross)).toBeGreaterThanOrEqual(cents(a.totals.gross));
      }),
      { numRuns: runs(200) },
    );
  });

  it("more idle time never costs less", () => {
    fc.assert(
      fc.property(noMax, sessionDoc(), fc.integer({ min: 1, max: 300 }), (t, s, moreMinutes) => {
        const tariff = parseTariff(t);
        const card = { ...s, payment: "card" };
        const later = { ...card, end: new Date(Date.parse(s.end) + moreMinutes * 60_000).toISOString() };
        expect(cents(priceSession(tariff, parseSession(later)).totals.gross)).toBeGreaterThanOrEqual(
          cents(priceSession(tariff, parseSession(card)).totals.gross),
        );
      }),
      { numRuns: runs(200) },
    );
  });
});
