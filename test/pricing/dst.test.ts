import { describe, expect, it } from "vitest";
import { explainSession, parseSession, parseTariff } from "../../src/index.js";
import { price, tariffDoc } from "../helpers/build.js";

// Paris: spring forward 2026-03-29 at 01:00Z (02:00 CET → 03:00 CEST);
//        fall back   2026-10-25 at 01:00Z (03:00 CEST → 02:00 CET).

describe("DST nights, evaluated in the tariff's zone", () => {
  it("a local window that spans the skipped hour is an hour shorter in real time", () => {
    // 6.00/h charging between 01:00 and 04:00 local. On 29 March local 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z:
    // 2 real hours → 12.00. Session 23:00Z-03:00Z (local 00:00 → 05:00).
    const r = price(
      { time: [{ price: "6.00", when: { timeOfDay: { from: "01:00", to: "04:00" } } }] },
      { start: "2026-03-28T23:00:00Z", end: "2026-03-29T03:00:00Z", energyKWh: "8" },
    );
    const priced = r.lines.filter((l) => l.rate);
    expect(priced.map((l) => [l.from, l.to, l.quantity, l.gross])).toEqual([["2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z", "2", "12.00"]]);
  });

  it("a repeated local hour counts twice", () => {
    // 6.00/h between 02:00 and 03:00 local. On 25 October 02:00-03:00 happens in CEST (00:00Z-01:00Z)
    // and again in CET (01:00Z-02:00Z): 2 real hours → 12.00, one merged line.
    const r = price(
      { time: [{ price: "6.00", when: { timeOfDay: { from: "02:00", to: "03:00" } } }] },
      { start: "2026-10-24T23:00:00Z", end: "2026-10-25T03:00:00Z", energyKWh: "8" },
    );
    const priced = r.lines.filter((l) => l.rate);
    expect(priced.map((l) => [l.from, l.to, l.quantity, l.gross])).toEqual([["2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "2", "12.00"]]);
  });

  it("a window edge inside the skipped hour starts at the jump", () => {
    // 6.00/h from 02:30 local: on 29 March 02:30 does not exist; the clock jumps from 02:00 CET to 03:00 CEST at 01:00Z,
    // so the window starts at 01:00Z. Session 00:00Z-02:00Z → 1 h × 6.00.
    const r = price(
      { time: [{ price: "6.00", when: { timeOfDay: { from: "02:30", to: "06:00" } } }] },
      { start: "2026-03-29T00:00:00Z", end: "2026-03-29T02:00:00Z", energyKWh: "4" },
    );
    expect(r.lines.filter((l) => l.rate).map((l) => [l.from, l.gross])).toEqual([["2026-03-29T01:00:00Z", "6.00"]]);
  });

  it("a day rate flips at local midnight across a DST change (week-long session)", () => {
    // Sunday rate 0.20, else 0.40, energy spread over 7 × 24 h from Mon 23 Mar 00:00 CET (22 Mar 23:00Z)
    // to Mon 30 Mar 00:00 CEST (29 Mar 22:00Z): 167 real hours (one skipped), 167 kWh = 1 kWh/h.
    // Sunday 29 Mar local = 28 Mar 23:00Z → 29 Mar 22:00Z = 23 h → 23 kWh × 0.20 = 4.60; 144 kWh × 0.40 = 57.60
    const r = price(
      { energy: [{ price: "0.20", when: { days: ["sun"] } }, { price: "0.40" }] },
      { start: "2026-03-22T23:00:00Z", end: "2026-03-29T22:00:00Z", energyKWh: "167" },
    );
    expect(r.lines.map((l) => [l.rate, l.quantity, l.gross])).toEqual([
      ["/energy/1", "144", "57.60"],
      ["/energy/0", "23", "4.60"],
    ]);
  });

  it("explain shows the local times and UTC offsets on both sides of the change", () => {
    const t = parseTariff(tariffDoc({ time: [{ price: "6.00", when: { timeOfDay: { from: "01:00", to: "04:00" } } }] }));
    const e = explainSession(t, parseSession({ start: "2026-03-28T23:00:00Z", end: "2026-03-29T03:00:00Z", energyKWh: "8" }));
    expect(e.intervals.map((i) => [i.localFrom, i.utcOffset])).toEqual([
      ["2026-03-29 00:00", "+01:00"],
      ["2026-03-29 01:00", "+01:00"],
      ["2026-03-29 03:00", "+02:00"],
      ["2026-03-29 04:00", "+02:00"],
    ]);
  });
});
