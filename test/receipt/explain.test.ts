import { describe, expect, it } from "vitest";
import { explainSession, formatExplanation, parseSession, parseTariff, priceSession } from "../../src/index.js";
import { tariffDoc } from "../helpers/build.js";

const greekDc = () =>
  parseTariff(
    tariffDoc({
      market: "GR",
      energy: [
        { price: "0.59", when: { timeOfDay: { from: "17:00", to: "21:00" } } },
        { price: "0.39", when: { timeOfDay: { from: "23:00", to: "07:00" } } },
        { price: "0.49", step: "0.5" },
      ],
      idle: [{ price: "24.00", step: 60, when: { idleMinutes: { min: 15 } } }],
      flat: [{ price: "0.50" }],
      maxPrice: "20.00",
    }),
  );
// Athens winter UTC+2: 16:40-17:40 local charging (14:40Z-15:40Z), 48.2 kWh; idle until 18:05 local.
const session = () =>
  parseSession({
    start: "2026-11-20T14:40:00Z",
    chargingEnd: "2026-11-20T15:40:00Z",
    end: "2026-11-20T16:05:00Z",
    energyKWh: "48.2",
  });

describe("explainSession", () => {
  const explained = () => explainSession(greekDc(), session());

  it("carries the same receipt as priceSession", () => {
    const [t, s] = [greekDc(), session()];
    const e = explainSession(t, s);
    expect(e.receipt).toEqual(priceSession(t, s));
  });

  it("says which rate applied in which local interval and why earlier rates did not", () => {
    const e = explained();
    expect(e.intervals[0]).toMatchObject({ localFrom: "2026-11-20 16:40", localTo: "2026-11-20 17:00", utcOffset: "+02:00", phase: "charging" });
    expect(e.intervals[0]!.choices.energy).toEqual({
      rate: "/energy/2",
      price: "0.49",
      skipped: [
        { rate: "/energy/0", failed: ["timeOfDay 17:00–21:00: local time was 16:40"] },
        { rate: "/energy/1", failed: ["timeOfDay 23:00–07:00 (across midnight): local time was 16:40"] },
      ],
    });
    expect(e.intervals[1]!.cutBy).toContain("localTime");
    expect(e.intervals[1]!.choices.energy).toMatchObject({ rate: "/energy/0", skipped: [] });
    const idle = e.intervals.filter((i) => i.phase === "idle");
    expect(idle.map((i) => i.choices.idle?.rate ?? null)).toEqual([null, "/idle/0"]);
    expect(idle[0]!.choices.idle!.skipped[0]!.failed[0]).toBe("idleMinutes >= 15: idleMinutes was 0 min");
  });

  it("shows how steps rounded each quantity", () => {
    const e = explained();
    // energy: the last rate that applied is /energy/0 (17:00-17:40) which has no step → no energy step.
    // idle: 25 min = 1500 s, step 60 s → unchanged
    expect(e.steps).toEqual([{ dimension: "idle", rate: "/idle/0", step: "60 s", total: "1500 s", billed: "1500 s" }]);
  });

  it("shows the min/max adjustment, tax base, rate, source and each rounding", () => {
    const e = explained();
    // lines: 1/3 h of 48.2 kWh = 16.0666… kWh × 0.49 = 7.8726… → 7.87; 32.1333… kWh × 0.59 = 18.9586… → 18.96
    // idle 10 min × 24/h = 4.00; flat 0.50 → 31.33 > 20.00 → maximum −11.33, split over the two tax groups
    // in proportion: 6 % group 27.33 → −1133 × 2733/3133 = −988.35 cents; 24 % group 4.00 → −144.65 cents;
    // truncated −988 and −144, the last cent to the larger remainder (0.65) → −9.88 and −1.45
    expect(e.lines.map((l) => l.rounded)).toEqual(["7.87", "18.96", "0.00", "4.00", "0.50", "-9.88", "-1.45"]);
    expect(e.lines[0]!.computation).toMatch(/^16\.0666\d+ kWh × 0\.49 \/kWh$/);
    expect(e.cap).toEqual({ kind: "maximum", limit: "20", before: "31.33", adjustment: "-11.33" });
    expect(e.taxes.map((t) => t.rate)).toEqual(["0.06", "0.24"]);
    expect(e.taxes[0]!.source).toMatch(/Ε\.2060/);
    expect(e.taxes[0]!.computation).toMatch(/backed out of the advertised gross/);
    expect(e.rounding).toBe("halfAwayFromZero to 2 decimals, once per line");
  });

  it("renders as text an analyst can follow", () => {
    const e = explained();
    const text = formatExplanation(e);
    expect(text).toContain("2026-11-20 16:40 → 2026-11-20 17:00 (UTC+02:00) charging");
    expect(text).toContain("/energy/0 skipped: timeOfDay 17:00–21:00: local time was 16:40");
    expect(text).toContain("Maximum price 20: lines added up to 31.33, adjusted by -11.33.");
    expect(text).toContain("source: AADE circular Ε.2060/12-10-2023");
    // Free idle time (the grace period) names itself instead of an empty rate.
    expect(text).toContain("  idle free (no rate applied): 900 s ÷ 3600 × 0 /h = 0 → 0.00");
    expect(text).toContain("  maximum: maximum adjustment = ");
    expect(text).not.toMatch(/^ {2}\w+ :/m);
  });
});
