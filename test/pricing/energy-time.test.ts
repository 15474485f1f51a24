import { describe, expect, it } from "vitest";
import { lines, price } from "../helpers/build.js";

// Every expected amount below is worked out by hand in the comment next to it.

describe("energy, time and idle components", () => {
  it("prices energy per kWh and backs French TVA (20 %) out of the gross", () => {
    // 22.5 kWh × 0.40 = 9.00 gross; tax = 9.00 × 0.20 / 1.20 = 1.50; net = 7.50
    const r = price({ energy: [{ price: "0.40" }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22.5" });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ component: "energy", quantity: "22.5", unit: "kWh", unitPrice: "0.40", gross: "9.00", net: "7.50" });
    expect(r.taxes).toEqual([expect.objectContaining({ name: "TVA", rate: "0.20", base: "7.50", amount: "1.50" })]);
    expect(r.totals).toEqual({ net: "7.50", tax: "1.50", gross: "9.00" });
  });

  it("prices charging time per hour and idle time per hour", () => {
    // charging 08:00-09:30Z = 1.5 h × 2.40 = 3.60; idle 09:30-10:00Z = 0.5 h × 6.00 = 3.00; gross 6.60
    // tax = 6.60 × 0.2 / 1.2 = 1.10; net 5.50
    const r = price(
      { time: [{ price: "2.40" }], idle: [{ price: "6.00" }] },
      { start: "2026-05-04T08:00:00Z", chargingEnd: "2026-05-04T09:30:00Z", end: "2026-05-04T10:00:00Z", energyKWh: "10" },
    );
    expect(lines(r, "time")[0]).toMatchObject({ quantity: "1.5", unit: "h", gross: "3.60" });
    expect(lines(r, "idle")[0]).toMatchObject({ quantity: "0.5", unit: "h", gross: "3.00" });
    expect(r.totals).toEqual({ net: "5.50", tax: "1.10", gross: "6.60" });
  });

  it("rounds each line to the cent half away from zero", () => {
    // 1.5 kWh × 0.333 = 0.4995 → 0.50 (half away from zero); 0.5 kWh at 0.333... single rate so one line:
    // 3.5 kWh × 0.123 = 0.4305 → 0.43
    expect(price({ energy: [{ price: "0.333" }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T08:10:00Z", energyKWh: "1.5" }).totals.gross).toBe("0.50");
    expect(price({ energy: [{ price: "0.123" }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T08:10:00Z", energyKWh: "3.5" }).totals.gross).toBe("0.43");
    // exact tie: 2.5 kWh × 0.281 = 0.7025 → 0.70? no: 0.7025 rounds to 0.70 at the cent (third decimal 2)
    // a true half-cent tie: 1 kWh × 0.125 = 0.125 → 0.13 (away from zero), not 0.12 (half even)
    expect(price({ energy: [{ price: "0.125" }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T08:10:00Z", energyKWh: "1" }).totals.gross).toBe("0.13");
  });

  it("spreads energy linearly over charging time when there are no meter readings", () => {
    // Brussels, winter (UTC+1). 0.30 from 07:00 to 23:00 local, 0.20 otherwise.
    // 22:00-00:00 local = 21:00Z-23:00Z; 20 kWh linear → 10 kWh each side of 23:00
    // 10 × 0.30 = 3.00; 10 × 0.20 = 2.00; gross 5.00; tax 5.00 × 0.21 / 1.21 = 0.8677 → 0.87; net 4.13
    const r = price(
      { market: "BE", energy: [{ price: "0.30", when: { timeOfDay: { from: "07:00", to: "23:00" } } }, { price: "0.20" }] },
      { start: "2026-01-14T21:00:00Z", end: "2026-01-14T23:00:00Z", energyKWh: "20" },
    );
    expect(r.lines.map((l) => [l.rate, l.from, l.to, l.quantity, l.gross])).toEqual([
      ["/energy/0", "2026-01-14T21:00:00Z", "2026-01-14T22:00:00Z", "10", "3.00"],
      ["/energy/1", "2026-01-14T22:00:00Z", "2026-01-14T23:00:00Z", "10", "2.00"],
    ]);
    expect(r.totals).toEqual({ net: "4.13", tax: "0.87", gross: "5.00" });
  });

  it("uses meter readings to place energy in time", () => {
    // Same tariff; readings: 18 kWh by 22:30 local (21:30Z), 20 kWh at the end.
    // Before 23:00 local: 0→18 kWh by 21:30Z, then 18→20 over 21:30Z-23:00Z linearly (2 kWh over 1.5 h):
    // at 22:00Z: 18 + 2 × (0.5/1.5) = 18.666…; before-23:00 energy = 18.666… kWh × 0.30 = 5.60
    // after: 1.333… kWh × 0.20 = 0.2666… → 0.27; gross 5.87
    const r = price(
      { market: "BE", energy: [{ price: "0.30", when: { timeOfDay: { from: "07:00", to: "23:00" } } }, { price: "0.20" }] },
      { start: "2026-01-14T21:00:00Z", end: "2026-01-14T23:00:00Z", energyKWh: "20", meter: [{ at: "2026-01-14T21:00:00Z", kWh: "0" }, { at: "2026-01-14T21:30:00Z", kWh: "18" }] },
    );
    expect(r.lines.map((l) => [l.quantity, l.gross])).toEqual([
      ["18.666667", "5.60"],
      ["1.333333", "0.27"],
    ]);
    expect(r.totals.gross).toBe("5.87");
  });

  it("merges consecutive slices at the same rate into one line and keeps separate runs apart", () => {
    // Peak 0.50 07:00-09:00 and 17:00-19:00 local (Paris, summer UTC+2) via two rates with the same price
    // are different rates → separate lines. Session 06:00-10:00 local = 04:00Z-08:00Z, 40 kWh linear (10 kWh/h).
    // 06-07 off 0.30 (10 kWh = 3.00), 07-09 peak (20 kWh = 10.00), 09-10 off (10 kWh = 3.00)
    const r = price(
      { energy: [{ price: "0.50", when: { timeOfDay: { from: "07:00", to: "09:00" } } }, { price: "0.30" }] },
      { start: "2026-06-10T04:00:00Z", end: "2026-06-10T08:00:00Z", energyKWh: "40" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      ["/energy/1", "10", "3.00"],
      ["/energy/0", "20", "10.00"],
      ["/energy/1", "10", "3.00"],
    ]);
  });
});
