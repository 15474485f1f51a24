import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, runPricing } from "../../src/index.js";
import { planOf } from "../../src/fast/plan.js";
import { priceFast } from "../../src/fast/price.js";

const tariff = (fields: Record<string, unknown>) => compileTariff(parseTariff({ version: 1, id: "t", market: "FR", currency: "EUR", ...fields }));
const session = (fields: Record<string, unknown>) => parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22.5", ...fields });

/** The fast receipt, checked against the reference's. */
function fast(ct: ReturnType<typeof tariff>, s: ReturnType<typeof session>) {
  const receipt = priceFast(ct, s, true);
  if (receipt) expect(JSON.stringify(receipt)).toBe(JSON.stringify(runPricing(ct, s).receipt));
  return receipt;
}

describe("the fast plan", () => {
  it("holds prices as reduced ratios to minor units and steps in its units", () => {
    const plan = planOf(tariff({ energy: [{ price: "0.45", step: "0.5" }], time: [{ price: "2.40", step: 60 }], flat: [{ price: "1" }] }))!;
    // 0.45 EUR/kWh = 45 cents per 10^9 × 10^-9 kWh
    expect(plan.rates.energy[0]).toMatchObject({ num: 9, den: 200_000_000, step: 500_000_000 });
    // 2.40 EUR/h = 240 cents per 3,600,000 ms
    expect(plan.rates.time[0]).toMatchObject({ num: 1, den: 15_000, step: 60_000 });
    expect(plan.rates.flat[0]).toMatchObject({ num: 100, den: 1 });
  });

  it("computes each tax as the group's amount × p / q", () => {
    const inclusive = planOf(tariff({ energy: [{ price: "0.45" }] }))!; // TVA 20 % included
    const period = inclusive.taxPeriods[inclusive.taxPeriods.length - 1]!;
    const vat = period.groups[period.group.energy]!;
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
    )!;
    const g = own.taxPeriods[1]!.groups[own.taxPeriods[1]!.group.energy]!;
    // added: G × 0.1; compound: G × 1.1 × 0.05; inside: G × F × 0.18 with F = 1.1 × 1.05 / 0.82
    expect([g.p[0], g.q[0], g.p[1], g.q[1]]).toEqual([1, 10, 11, 200]);
    expect(g.p[2]! / g.q[2]!).toBeCloseTo((1.1 * 1.05 * 0.18) / 0.82, 12);
  });

  it("is left out for what the fast path does not hold exactly: sub-millisecond minute thresholds", () => {
    expect(planOf(tariff({ energy: [{ price: "0.3", when: { sessionMinutes: { min: "0.00001" } } }] }))).toBeUndefined();
    expect(planOf(tariff({ energy: [{ price: "0.3", when: { sessionMinutes: { min: "15" } } }] }))).toBeDefined();
  });

  it("does not travel with a spread copy of the compiled tariff", () => {
    const ct = tariff({ energy: [{ price: "0.45" }] });
    expect(planOf(ct)).toBeDefined();
    expect(planOf({ ...ct })).toBeUndefined();
    expect(JSON.stringify(Object.keys(ct))).not.toContain("fast");
  });
});

describe("the fast path prices", () => {
  it("a plain session", () => {
    const r = fast(tariff({ energy: [{ price: "0.45" }] }), session({}))!;
    expect(r.totals).toEqual({ net: "8.44", tax: "1.69", gross: "10.13" });
  });

  it("time-of-use rates across the night Europe springs forward, a week long", () => {
    const ct = tariff({
      energy: [{ price: "0.25", when: { timeOfDay: { from: "22:00", to: "06:00" } } }, { price: "0.4", when: { days: ["sat", "sun"] } }, { price: "0.35" }],
      idle: [{ price: "6", step: 60, when: { idleMinutes: { min: 30 } } }],
    });
    const meter = Array.from({ length: 24 * 6 - 1 }, (_, h) => ({ at: new Date(Date.UTC(2026, 2, 24, 12 + h + 1)).toISOString(), kWh: ((h + 1) * 1.5).toFixed(1) }));
    const s = parseSession({ start: "2026-03-24T12:00:00Z", chargingEnd: "2026-03-30T12:00:00Z", end: "2026-03-31T12:00:00Z", energyKWh: "216", meter });
    const r = fast(ct, s);
    expect(r).toBeDefined();
    expect(r!.lines.filter((l) => l.component === "energy").length).toBeGreaterThan(8);
  });

  it("excises and exclusive taxes (Iowa), cash rounding to 10 pesos half toward zero (Chile)", () => {
    const iowa = compileTariff(parseTariff({ version: 1, id: "ia", market: "US-IA", currency: "USD", energy: [{ price: "0.48" }] }));
    const r = fast(iowa, session({}))!;
    expect(r.lines.map((l) => l.component)).toEqual(["energy", "excise"]);
    const chile = compileTariff(parseTariff({ version: 1, id: "cl", market: "CL", currency: "CLP", timeZone: "America/Santiago", energy: [{ price: "333" }] }));
    const cash = fast(chile, session({ payment: "cash", energyKWh: "22.5" }))!;
    expect(cash.lines.at(-1)!.component).toBe("rounding");
    expect(Number(cash.totals.gross) % 10).toBe(0);
  });

  it("min and max per tax group, with steps", () => {
    const ct = compileTariff(
      parseTariff({ version: 1, id: "gr", market: "GR", currency: "EUR", energy: [{ price: "0.59", step: "1" }], idle: [{ price: "24", step: 60 }], maxPrice: "10" }),
    );
    const r = fast(ct, session({ chargingEnd: "2026-05-04T08:00:00Z" }))!;
    expect(r.lines.filter((l) => l.component === "maximum").length).toBe(2); // 6 % energy and 24 % idle
    expect(r.totals.gross).toBe("10.00");
  });
});

describe("energy interpolated inside a linear stretch", () => {
  it("is rounded to 1e-9 kWh by both pricers, so a step bills the energy delivered and no more", () => {
    const ct = tariff({ energy: [{ price: "0.30", step: "1" }], time: [{ price: "1", when: { timeOfDay: { from: "09:00", to: "10:00" } } }, { price: "2" }] });
    // 3 kWh over 11 h: the local-time edges cut it at elevenths of 3 kWh. With 60 significant
    // digits the slices added up to 3.000…001 kWh and the 1 kWh step billed 4.
    const s = session({ end: "2026-05-04T17:00:00Z", energyKWh: "3" });
    const r = fast(ct, s)!;
    expect(r).toBeDefined();
    expect(r.lines[0]).toMatchObject({ component: "energy", quantity: "3", gross: "0.90" });
  });
});

describe("the fast path leaves to the reference", () => {
  it("an energy threshold crossed between two whole milliseconds", () => {
    const ct = tariff({ energy: [{ price: "0.3", when: { energyKWh: { max: "10" } } }, { price: "0.5" }] });
    // 10 of 22.5 kWh spread over 3 h is reached at 4,800,000 ms: whole. 10 of 21.7 kWh is not.
    expect(priceFast(ct, session({}), true)).toBeDefined();
    const s = session({ energyKWh: "21.7" });
    expect(priceFast(ct, s, true)).toBeUndefined();
    expect(priceSession(ct, s)).toEqual(runPricing(ct, s).receipt);
  });

  it("sessions the reference refuses, with the reference's error", () => {
    const ct = tariff({ energy: [{ price: "0.45" }], validFrom: "2027-01-01T00:00:00Z" });
    const s = session({});
    expect(priceFast(ct, s, true)).toBeUndefined();
    expect(() => priceSession(ct, s)).toThrow(/validFrom/);
    expect(priceSession(ct, s, { ignoreValidity: true }).totals.gross).toBe("10.13");
  });

  it("a power exactly on a threshold when the reference's power was not exact", () => {
    // 7.333… kWh in 20 min is 22 kW exactly; 20 min = 1,200,000 ms is not a multiple of 9 ms.
    const ct = tariff({ energy: [{ price: "0.5", when: { powerKW: { min: "22" } } }, { price: "0.3" }] });
    const s = session({ end: "2026-05-04T06:20:00Z", energyKWh: "7.333333" });
    expect(priceSession(ct, s)).toEqual(runPricing(ct, s).receipt);
  });
});
