import { describe, expect, it } from "vitest";
import { lines, price } from "../helpers/build.js";

// Hand-worked expectations; France (Europe/Paris, TVA 20 %) unless said otherwise.

describe("when conditions", () => {
  it("timeOfDay wraps midnight when to < from", () => {
    // Night 23:00-07:00 at 0.20, else 0.40. Paris winter UTC+1. Session 22:00-02:00 local = 21:00Z-01:00Z, 40 kWh linear
    // 22-23 local: 10 kWh × 0.40 = 4.00; 23-02: 30 kWh × 0.20 = 6.00
    const r = price(
      { energy: [{ price: "0.20", when: { timeOfDay: { from: "23:00", to: "07:00" } } }, { price: "0.40" }] },
      { start: "2026-01-14T21:00:00Z", end: "2026-01-15T01:00:00Z", energyKWh: "40" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      ["/energy/1", "10", "4.00"],
      ["/energy/0", "30", "6.00"],
    ]);
  });

  it("days are local days of week in the tariff's zone", () => {
    // Weekend 0.25, else 0.45. Saturday 2026-01-17 00:00 local Paris = Fri 23:00Z.
    // Session Fri 22:30Z - Fri 23:30Z (local Fri 23:30 - Sat 00:30), 10 kWh linear: 5 kWh Fri × 0.45 = 2.25, 5 kWh Sat × 0.25 = 1.25
    const r = price(
      { energy: [{ price: "0.25", when: { days: ["sat", "sun"] } }, { price: "0.45" }] },
      { start: "2026-01-16T22:30:00Z", end: "2026-01-16T23:30:00Z", energyKWh: "10" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      ["/energy/1", "5", "2.25"],
      ["/energy/0", "5", "1.25"],
    ]);
  });

  it("dates are local dates, to exclusive", () => {
    // Promo 0.10 on local dates [2026-07-01, 2026-07-02); Paris summer UTC+2: 2026-07-02 00:00 local = 2026-07-01T22:00Z
    // Session 21:00Z-23:00Z, 20 kWh: first hour promo 10 × 0.10 = 1.00; second hour 10 × 0.50 = 5.00
    const r = price(
      { energy: [{ price: "0.10", when: { dates: { from: "2026-07-01", to: "2026-07-02" } } }, { price: "0.50" }] },
      { start: "2026-07-01T21:00:00Z", end: "2026-07-01T23:00:00Z", energyKWh: "20" },
    );
    expect(r.lines.map((l) => [l.rate, l.to, l.gross])).toEqual([
      ["/energy/0", "2026-07-01T22:00:00Z", "1.00"],
      ["/energy/1", "2026-07-01T23:00:00Z", "5.00"],
    ]);
  });

  it("energyKWh: session energy so far, min inclusive, max exclusive", () => {
    // First 10 kWh at 0.50, from 10 kWh on 0.40: 25 kWh → 10 × 0.50 + 15 × 0.40 = 5.00 + 6.00 = 11.00
    const r = price(
      { energy: [{ price: "0.50", when: { energyKWh: { max: "10" } } }, { price: "0.40", when: { energyKWh: { min: "10" } } }] },
      { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "25" },
    );
    expect(r.lines.map((l) => [l.quantity, l.gross])).toEqual([
      ["10", "5.00"],
      ["15", "6.00"],
    ]);
    // The threshold falls at 10/25 of the hour = 24 minutes
    expect(r.lines[0]!.to).toBe("2026-05-04T08:24:00Z");
    expect(r.totals.gross).toBe("11.00");
  });

  it("powerKW is the average power of each interval between meter readings", () => {
    // >= 50 kW at 0.60, else 0.40. Readings: 10 kWh in the first 30 min (20 kW), 30 kWh in the next 30 (60 kW)
    // 10 × 0.40 + 30 × 0.60 = 4.00 + 18.00 = 22.00
    const r = price(
      { energy: [{ price: "0.60", when: { powerKW: { min: 50 } } }, { price: "0.40" }] },
      { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "40", meter: [{ at: "2026-05-04T08:30:00Z", kWh: "10" }] },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      ["/energy/1", "10", "4.00"],
      ["/energy/0", "30", "18.00"],
    ]);
  });

  it("powerKW without meter readings is the linear average over charging time", () => {
    // 30 kWh in 1 h = 30 kW: below the 50 kW threshold → 0.40 × 30 = 12.00
    const r = price(
      { energy: [{ price: "0.60", when: { powerKW: { min: 50 } } }, { price: "0.40" }] },
      { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "30" },
    );
    expect(r.totals.gross).toBe("12.00");
  });

  it("sessionMinutes counts from the session start", () => {
    // First 60 min of charging time free, then 6.00/h; charging 90 min → 0.5 h × 6.00 = 3.00
    const r = price(
      { time: [{ price: "6.00", when: { sessionMinutes: { min: 60 } } }] },
      { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:30:00Z", energyKWh: "5" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      [null, "1", "0.00"],
      ["/time/0", "0.5", "3.00"],
    ]);
    expect(r.totals.gross).toBe("3.00");
  });

  it("idleMinutes counts from the end of charging: a grace period", () => {
    // Idle fee 12.00/h after 15 min of idle; idle 45 min → 30 min billed = 6.00
    const r = price(
      { idle: [{ price: "12.00", when: { idleMinutes: { min: 15 } } }] },
      { start: "2026-05-04T08:00:00Z", chargingEnd: "2026-05-04T09:00:00Z", end: "2026-05-04T09:45:00Z", energyKWh: "5" },
    );
    expect(lines(r, "idle").map((l) => [l.rate, l.from, l.quantity, l.gross])).toEqual([
      [null, "2026-05-04T09:00:00Z", "0.25", "0.00"],
      ["/idle/0", "2026-05-04T09:15:00Z", "0.5", "6.00"],
    ]);
  });

  it("all conditions of a rate must hold (AND), and the first matching rate of the list applies", () => {
    // Rate 0: weekdays AND 17:00-20:00 at 0.70; rate 1: 17:00-20:00 at 0.55 (weekend evenings); rate 2: 0.35.
    // Sunday 2026-05-10 18:00-19:00 local (16:00Z-17:00Z), 10 kWh → rate 1: 5.50
    const tariff = {
      energy: [
        { price: "0.70", when: { days: ["mon", "tue", "wed", "thu", "fri"], timeOfDay: { from: "17:00", to: "20:00" } } },
        { price: "0.55", when: { timeOfDay: { from: "17:00", to: "20:00" } } },
        { price: "0.35" },
      ],
    };
    expect(price(tariff, { start: "2026-05-10T16:00:00Z", end: "2026-05-10T17:00:00Z", energyKWh: "10" }).lines.map((l) => [l.rate, l.gross])).toEqual([
      ["/energy/1", "5.50"],
    ]);
    // Monday same hour: rate 0 → 7.00
    expect(price(tariff, { start: "2026-05-11T16:00:00Z", end: "2026-05-11T17:00:00Z", energyKWh: "10" }).totals.gross).toBe("7.00");
  });

  it("a dimension is free where no rate matches, and shown as a free line", () => {
    // Only 08:00-20:00 local is priced (Paris summer UTC+2); session 19:00-21:00 local, 20 kWh → 10 kWh × 0.50 = 5.00, 10 kWh free
    const r = price(
      { energy: [{ price: "0.50", when: { timeOfDay: { from: "08:00", to: "20:00" } } }] },
      { start: "2026-05-04T17:00:00Z", end: "2026-05-04T19:00:00Z", energyKWh: "20" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.unitPrice, l.gross])).toEqual([
      ["/energy/0", "10", "0.50", "5.00"],
      [null, "10", "0.00", "0.00"],
    ]);
  });

  it("a dimension without any rate adds no lines", () => {
    const r = price({ energy: [{ price: "0.50" }] }, { start: "2026-05-04T17:00:00Z", chargingEnd: "2026-05-04T18:00:00Z", end: "2026-05-04T19:00:00Z", energyKWh: "2" });
    expect(r.lines.map((l) => l.component)).toEqual(["energy"]);
  });
});

describe("flat fees", () => {
  it("charges the first flat rate whose conditions hold at session start, once", () => {
    // Weekend start fee 1.00, else 0.50; Saturday session → 1.00 + 4 kWh × 0.25 = 2.00
    const r = price(
      { energy: [{ price: "0.25" }], flat: [{ price: "1.00", when: { days: ["sat", "sun"] } }, { price: "0.50" }] },
      { start: "2026-05-09T10:00:00Z", end: "2026-05-09T11:00:00Z", energyKWh: "4" },
    );
    expect(lines(r, "flat")).toEqual([expect.objectContaining({ rate: "/flat/0", quantity: "1", unit: "session", gross: "1.00" })]);
    expect(r.totals.gross).toBe("2.00");
  });

  it("charges a flat fee on a session of zero length", () => {
    const r = price({ flat: [{ price: "0.75" }] }, { start: "2026-05-09T10:00:00Z", end: "2026-05-09T10:00:00Z", energyKWh: "0" });
    expect(r.lines.map((l) => [l.component, l.gross])).toEqual([["flat", "0.75"]]);
  });
});
