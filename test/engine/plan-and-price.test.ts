import { describe, expect, it } from "vitest";
import { compileTariff, explainSession, parseSession, parseTariff, priceSession } from "../../src/index.js";
import { planOf } from "../../src/engine/plan.js";
import { runPricing as referenceRun } from "../reference/price-session.js";

const tariff = (fields: Record<string, unknown>) => compileTariff(parseTariff({ version: 1, id: "t", market: "FR", currency: "EUR", ...fields }));
const session = (fields: Record<string, unknown>) => parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22.5", ...fields });

describe("the engine's plan", () => {
  it("holds prices as reduced ratios to minor units and steps in its units", () => {
    const plan = planOf(tariff({ energy: [{ price: "0.45", step: "0.5" }], time: [{ price: "2.40", step: 60 }], flat: [{ price: "1" }] }));
    // 0.45 EUR/kWh = 45 cents per 10^6 × 10^-6 kWh; a step of 0.5 kWh is 500,000 × 10^-6 kWh
    expect(plan.rates.energy[0]).toMatchObject({ num: 9, den: 200_000, step: 500_000 });
    // 2.40 EUR/h = 240 cents per 3,600,000 ms; 60 s = 60,000 ms
    expect(plan.rates.time[0]).toMatchObject({ num: 1, den: 15_000, step: 60_000 });
    expect(plan.rates.flat[0]).toMatchObject({ num: 100, den: 1 });
  });

  it("computes each tax as the group's amount × p / q", () => {
    const inclusive = planOf(tariff({ energy: [{ price: "0.45" }] })); // TVA 20 % included
    const vat = inclusive.taxPeriods[inclusive.taxPeriods.length - 1]!.group.energy;
    expect([vat.p[0], vat.q[0]]).toEqual([1, 6]); // G × 0.2 / 1.2
    const own = planOf(
      tariff({
        pricesInclude: "none",
        energy: [{ price: "1" }],
        taxes: [
          { name: "A", rate: "0.1", appliesTo: ["energy"] },
          { name: "C", rate: "0.05", method: "compound", appliesTo: ["energy"] },
          { name: "I", rate: "0.18", method: "inside", appliesTo: ["energy"] },
        ],
      }),
    );
    const g = own.taxPeriods[1]!.group.energy;
    // added: G × 0.1; compound: G × 1.1 × 0.05; inside: G × F × 0.18 with F = 1.1 × 1.05 / 0.82 = 1155/820
    expect([g.p[0], g.q[0], g.p[1], g.q[1]]).toEqual([1, 10, 11, 200]);
    expect([g.p[2], g.q[2]]).toEqual([2079, 8200]); // 1155 × 0.18 / 820 = 207.9 / 820 = 2079 / 8200
  });

  it("exists for every tariff, sub-millisecond minute thresholds included, and for a spread copy", () => {
    const ct = tariff({ energy: [{ price: "0.3", when: { sessionMinutes: { min: "0.00001" } } }] });
    // 0.00001 min = 0.6 ms = 3/5 ms
    expect(planOf(ct).sessionCuts).toEqual([{ n: 3, d: 5 }]);
    expect(priceSession({ ...ct }, session({}))).toEqual(priceSession(ct, session({})));
    expect(JSON.stringify(Object.keys(ct))).not.toContain("plan");
  });
});

describe("the engine prices exactly where whole milliseconds or 1e-9 kWh would not", () => {
  it("an energy threshold crossed between two whole milliseconds", () => {
    const ct = tariff({ energy: [{ price: "0.3", when: { energyKWh: { max: "10" } } }, { price: "0.5" }], time: [{ price: "1.2", when: { energyKWh: { max: "10" } } }] });
    // 10 of 21.7 kWh over 3 h is reached at 10 / 21.7 × 10,800,000 ms = 4,976,958.525… ms: the time
    // before it is billed to the fraction of a millisecond.
    const r = priceSession(ct, session({ energyKWh: "21.7" }));
    expect(r.lines.map((l) => [l.component, l.quantity, l.gross])).toEqual([
      ["energy", "10", "3.00"], // 10 × 0.3
      ["energy", "11.7", "5.85"], // 11.7 × 0.5
      // 108,000,000 / 217 ms = 1.382488… h × 1.2 = 1.65898… → 1.66
      ["time", "1.382488", "1.66"],
      ["time", "1.617512", "0.00"], // the rest of the time is free
    ]);
    expect(r.lines[0]!.to).toBe("2026-05-04T07:22:56.958Z");
    expect(r).toEqual(referenceRun(ct, session({ energyKWh: "21.7" })).receipt);
  });

  it("energy cut inside a linear stretch, as an exact fraction", () => {
    const ct = tariff({ energy: [{ price: "0.30", step: "1" }], time: [{ price: "1", when: { timeOfDay: { from: "09:00", to: "10:00" } } }, { price: "2" }] });
    // 3 kWh over 11 h, cut by the local-time edges at elevenths of 3 kWh: exact fractions add up to
    // 3 kWh, and the 1 kWh step bills 3.
    const s = session({ end: "2026-05-04T17:00:00Z", energyKWh: "3" });
    expect(priceSession(ct, s).lines[0]).toMatchObject({ component: "energy", quantity: "3", gross: "0.90" });
  });

  it("a power exactly on a threshold", () => {
    // 7.333333 kWh in 20 min is 21.999999 kW; 7.333334 kWh is 22.000002 kW: each on its side of 22.
    const ct = tariff({ energy: [{ price: "0.5", when: { powerKW: { min: "22" } } }, { price: "0.3" }] });
    expect(priceSession(ct, session({ end: "2026-05-04T06:20:00Z", energyKWh: "7.333333" })).lines[0]!.rate).toBe("/energy/1");
    expect(priceSession(ct, session({ end: "2026-05-04T06:20:00Z", energyKWh: "7.333334" })).lines[0]!.rate).toBe("/energy/0");
    // 11 kWh in 30 min is 22 kW exactly: at least 22.
    expect(priceSession(ct, session({ end: "2026-05-04T06:30:00Z", energyKWh: "11" })).lines[0]!.rate).toBe("/energy/0");
  });

  it("sessions the tariff refuses, with the reference's error", () => {
    const ct = tariff({ energy: [{ price: "0.45" }], validFrom: "2027-01-01T00:00:00Z" });
    const s = session({});
    expect(() => priceSession(ct, s)).toThrow(/validFrom/);
    expect(priceSession(ct, s, { ignoreValidity: true }).totals.gross).toBe("10.13");
  });

  it("amounts beyond 2^53 minor units, in BigInt, exactly", () => {
    // 999,999,999,999 COP per kWh × 90,000 kWh: 8.99999999999 × 10^16 pesos.
    const ct = compileTariff(parseTariff({ version: 1, id: "co", market: "CO", currency: "COP", energy: [{ price: "999999999999" }] }));
    const r = priceSession(ct, parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-05T06:00:00Z", energyKWh: "90000" }));
    expect(r.lines[0]!.gross).toBe("89999999999910000");
    expect(r).toEqual(referenceRun(ct, parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-05T06:00:00Z", energyKWh: "90000" })).receipt);
  });

  it("explains from the same run: the rate each interval shows is the receipt's", () => {
    const ct = tariff({ energy: [{ price: "0.3", when: { energyKWh: { max: "10" } } }, { price: "0.5" }] });
    const e = explainSession(ct, session({ energyKWh: "21.7" }));
    expect(e.intervals.map((i) => i.choices.energy?.rate)).toEqual(["/energy/0", "/energy/1"]);
    expect(e.intervals[1]!.cutBy).toEqual(["energyKWh"]);
    expect(e.receipt).toEqual(priceSession(ct, session({ energyKWh: "21.7" })));
  });
});

describe("long sessions and long receipts, within the engine's bounds (SECURITY.md)", () => {
  it("a month of quarter-hour prices: thousands of receipt lines, equal to the reference", () => {
    // 96 quarter-hour windows a day at alternating prices, for energy and time: over 31 days the
    // session has 2,976 segments per dimension (the integer fast path the engine replaced stopped at 4,000 lines).
    const windows = Array.from({ length: 96 }, (_, q) => {
      const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      return { from: clock(q * 15), to: clock(q * 15 + 15) };
    });
    const ct = tariff({
      energy: windows.map((w, q) => ({ price: q % 2 ? "0.31" : "0.29", when: { timeOfDay: w } })),
      time: windows.map((w, q) => ({ price: q % 2 ? "1.2" : "0.8", when: { timeOfDay: w } })),
    });
    const s = parseSession({ start: "2026-01-01T00:00:00Z", end: "2026-02-01T00:00:00Z", energyKWh: "7440" }, { maxSessionDays: 31 });
    const r = priceSession(ct, s);
    expect(r.lines.length).toBeGreaterThan(5_900);
    expect(r).toEqual(referenceRun(ct, s).receipt);
  });

  it("a session of a hundred days, with maxSessionDays", () => {
    const ct = tariff({ energy: [{ price: "0.25", when: { timeOfDay: { from: "22:00", to: "06:00" } } }, { price: "0.4" }], idle: [{ price: "6", when: { idleMinutes: { min: 60 } } }] });
    const s = parseSession({ start: "2026-01-01T00:00:00Z", chargingEnd: "2026-04-01T00:00:00Z", end: "2026-04-11T00:00:00Z", energyKWh: "9000" }, { maxSessionDays: 101 });
    const r = priceSession(ct, s);
    expect(r).toEqual(referenceRun(ct, s).receipt);
    // 10 days idle: free for the first hour, then 239 h at 6.
    expect(r.lines.filter((l) => l.component === "idle" && l.rate).map((l) => l.quantity)).toEqual(["239"]);
  });
});

describe("an energy threshold crossed just before a whole millisecond", () => {
  it("prints the millisecond it falls in, on the receipt and in the explanation", () => {
    // 79 of 108.800138 kWh over 8 h 15 min (29,700,000 ms) is reached 79 × 29,700,000 / 108.800138 =
    // 21,565,229.99998… ms after the start: within a float's spacing (2^-12 ms at 2024's instants)
    // below a whole millisecond, so a float would round it up; the crossing is in millisecond …229.
    const ct = compileTariff(parseTariff({ version: 1, id: "g", market: "FR", currency: "EUR", energy: [{ price: "0", when: { energyKWh: { max: "79" } } }, { price: "0.3" }] }));
    const s = parseSession({ start: "2024-01-01T00:00:00.000Z", end: "2024-01-01T08:15:00.000Z", energyKWh: "108.800138" });
    expect(priceSession(ct, s).lines[0]!.to).toBe("2024-01-01T05:59:25.229Z");
    expect(explainSession(ct, s).intervals[1]!.from).toBe("2024-01-01T05:59:25.229Z");
    expect(priceSession(ct, s)).toEqual(referenceRun(ct, s).receipt);
  });
});
