import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, quote, runPricing, TariffError } from "../../src/index.js";
import { makeAthens } from "../helpers/tariffs.js";


describe("quote", () => {
  it("builds the session from kWh / kW and idle minutes, prices it, and gives the cost by minute (hand-worked)", () => {
    const athens = makeAthens();
    // 16:50 local (UTC+3 in June): 10 minutes at 0.49, then 17:00 local and 0.59; 30 kWh at 60 kW = 30 min.
    const q = quote(athens, { start: "2026-06-01T13:50:00Z", kWh: "30", powerKW: "60", idleMinutes: "20" });
    expect(q.session).toEqual({
      start: "2026-06-01T13:50:00Z",
      chargingEnd: "2026-06-01T14:20:00Z",
      end: "2026-06-01T14:40:00Z",
      energyKWh: "30",
      payment: "card",
    });
    expect(q.receipt).toEqual(priceSession(athens, parseSession(q.session)));
    // 10 × 0.49 + 20 × 0.59 = 16.70; idle: 15 min grace, then 5 min at 24.00/h = 2.00; flat 0.50.
    expect(q.receipt.totals).toEqual({ net: "17.84", tax: "1.36", gross: "19.20" });

    const { curve } = q;
    expect(curve.currency).toBe("EUR");
    expect(curve.pricesInclude).toBe("tax");
    expect(curve.components).toEqual(["energy", "idle", "flat"]);
    expect(curve.points).toHaveLength(51); // minutes 0 … 50
    const at = (m: number) => curve.points[m]!;
    expect(at(0)).toEqual({ minute: 0, at: "2026-06-01T13:50:00Z", kWh: "0", cost: { energy: "0", idle: "0", flat: "0.5" }, total: "0.5" });
    expect(at(1).cost.energy).toBe("0.49");
    expect(at(10)).toMatchObject({ kWh: "10", cost: { energy: "4.9" } });
    expect(at(11)).toMatchObject({ kWh: "11", cost: { energy: "5.49" }, total: "5.99" });
    expect(at(30)).toMatchObject({ kWh: "30", cost: { energy: "16.7", idle: "0" }, total: "17.2" });
    expect(at(45).cost.idle).toBe("0"); // grace period
    expect(at(46).cost.idle).toBe("0.4");
    expect(at(50)).toEqual({ minute: 50, at: "2026-06-01T14:40:00Z", kWh: "30", cost: { energy: "16.7", idle: "2", flat: "0.5" }, total: "19.2" });
    expect(curve.subtotal).toBe("19.20");
  });

  it("rounds charging time to the millisecond, ends on a fraction of a minute, and adds step rounding at the end (hand-worked)", () => {
    const fr = parseTariff({
      version: 1,
      id: "fr-steps",
      market: "FR",
      currency: "EUR",
      energy: [{ price: "0.30" }],
      time: [{ price: "1.00", step: 900 }],
      idle: [],
      flat: [],
    });
    // 10 kWh at 7 kW: 10/7 h = 5 142 857.142… ms → 5 142 857 ms
    const q = quote(fr, { start: "2026-02-10T08:00:00Z", kWh: 10, powerKW: 7 });
    expect(q.session.chargingEnd).toBe("2026-02-10T09:25:42.857Z");
    expect(q.session.end).toBe(q.session.chargingEnd);
    const points = q.curve.points;
    expect(points).toHaveLength(87); // minutes 0 … 85, then the end at 85.714283…
    // minute 85: 85/60 h at 1.00/h; energy 10 × 5 100 000 / 5 142 857 kWh at 0.30
    expect(points[85]).toMatchObject({ minute: 85, kWh: "9.91666694213", cost: { energy: "2.975000082639", time: "1.416666666667" } });
    // the end: 10 kWh × 0.30 = 3; time billed in 15-minute steps: 1 h 25 min 42.857 s → 1.5 h × 1.00
    expect(points[86]).toEqual({
      minute: 5_142_857 / 60_000,
      at: "2026-02-10T09:25:42.857Z",
      kWh: "10",
      cost: { energy: "3", time: "1.5" },
      total: "4.5",
    });
    expect(q.receipt.totals.gross).toBe("4.50");
    expect(q.curve.subtotal).toBe("4.50");
  });

  it("follows per-kWh excise as its own component (Iowa, 0.026 USD/kWh)", () => {
    const desMoines = parseTariff({
      version: 1,
      id: "us-ia",
      market: "US-IA",
      currency: "USD",
      timeZone: "America/Chicago",
      energy: [{ price: "0.48" }],
      time: [],
      idle: [{ price: "24.00", step: 60, when: { idleMinutes: { min: 10 } } }],
      flat: [],
    });
    const q = quote(desMoines, { start: "2026-07-01T15:00:00Z", kWh: 20, powerKW: 50, idleMinutes: 15 });
    expect(q.curve.components).toEqual(["energy", "idle", "excise"]);
    expect(q.curve.points[12]).toMatchObject({ kWh: "10", cost: { energy: "4.8", idle: "0", excise: "0.26" }, total: "5.06" });
    expect(q.curve.points.at(-1)).toMatchObject({ minute: 39, cost: { energy: "9.6", idle: "2", excise: "0.52" }, total: "12.12" });
    expect(q.receipt.totals.gross).toBe("12.12");
  });

  it("its last point is the lines before min/max, taxes and cash rounding", () => {
    const minimum = parseTariff({
      version: 1,
      id: "be-min",
      market: "BE",
      currency: "EUR",
      energy: [{ price: "0.333" }],
      time: [],
      idle: [],
      flat: [],
      minPrice: "5.00",
    });
    const q = quote(minimum, { start: "2026-04-01T10:00:00Z", kWh: "3", powerKW: "11", payment: "cash" });
    // 3 × 0.333 = 0.999: the curve ends there; the line is rounded to 1.00 (the subtotal); the minimum lifts the receipt to 5.00.
    expect(q.curve.points.at(-1)!.total).toBe("0.999");
    expect(q.curve.subtotal).toBe("1.00");
    expect(q.receipt.totals.gross).toBe("5.00");
    const run = runPricing(minimum, parseSession(q.session));
    expect(run.cap?.kind).toBe("minimum");
  });

  it("quotes zero energy (idle only, or nothing at all) and refuses bad input with the field named", () => {
    const athens = makeAthens();
    const zero = quote(athens, { start: "2026-06-01T13:50:00Z", kWh: 0, powerKW: 0 });
    expect(zero.curve.points).toEqual([{ minute: 0, at: "2026-06-01T13:50:00Z", kWh: "0", cost: { energy: "0", idle: "0", flat: "0.5" }, total: "0.5" }]);
    expect(zero.receipt.totals.gross).toBe("0.50");
    const path = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TariffError);
        return (e as TariffError).issues[0]!.path;
      }
      return "no error";
    };
    expect(path(() => quote(athens, { start: "2026-06-01T13:50:00Z", kWh: 10, powerKW: 0 }))).toBe("/powerKW");
    expect(path(() => quote(athens, { start: "2026-06-01T13:50:00Z", kWh: "ten", powerKW: 1 }))).toBe("/kWh");
    expect(path(() => quote(athens, { start: "2026-06-01 13:50", kWh: 1, powerKW: 1 }))).toBe("/start");
    expect(path(() => quote(athens, { start: "2026-06-01T13:50:00Z", kWh: 1, powerKW: 1, idleMinutes: -5 }))).toBe("/idleMinutes");
    expect(path(() => quote(athens, { start: "2026-06-01T13:50:00Z", kWh: 1000, powerKW: 1 }))).toBe("/powerKW");
  });
});
