import { describe, expect, it } from "vitest";
import { TariffError } from "../../src/index.js";
import { lines, price } from "../helpers/build.js";

const HOUR = { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z" };

describe("steps", () => {
  it("rounds the session's energy up to the step once, billed at the last rate", () => {
    // 12.3 kWh, step 1 kWh → 13 kWh × 0.50 = 6.50
    const r = price({ energy: [{ price: "0.50", step: "1" }] }, { ...HOUR, energyKWh: "12.3" });
    expect(r.lines[0]).toMatchObject({ quantity: "13", gross: "6.50" });
  });

  it("rounds charging time up to the step in seconds", () => {
    // 40 min charging, step 900 s (15 min) → 45 min = 0.75 h × 3.00 = 2.25
    const r = price({ time: [{ price: "3.00", step: 900 }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T08:40:00Z", energyKWh: "5" });
    expect(r.lines[0]).toMatchObject({ quantity: "0.75", gross: "2.25" });
  });

  it("uses the step of the last rate that applied, on the dimension's total", () => {
    // 0.50 for the first 10 kWh (step 5), then 0.40 (step 2). 13.1 kWh total → 14 kWh; extra 0.9 at 0.40
    // 10 × 0.50 = 5.00; (3.1 + 0.9) × 0.40 = 1.60
    const r = price(
      { energy: [{ price: "0.50", step: "5", when: { energyKWh: { max: "10" } } }, { price: "0.40", step: "2" }] },
      { ...HOUR, energyKWh: "13.1" },
    );
    expect(r.lines.map((l) => [l.quantity, l.gross])).toEqual([
      ["10", "5.00"],
      ["4", "1.60"],
    ]);
  });

  it("does not step when the last rate that applied has no step", () => {
    // first rate has a step but the last (0.40, no step) applied last: 13.1 kWh billed as is
    // 10 × 0.50 + 3.1 × 0.40 = 5.00 + 1.24 = 6.24
    const r = price(
      { energy: [{ price: "0.50", step: "5", when: { energyKWh: { max: "10" } } }, { price: "0.40" }] },
      { ...HOUR, energyKWh: "13.1" },
    );
    expect(r.totals.gross).toBe("6.24");
  });

  it("a quantity already on a step is not changed", () => {
    const r = price({ energy: [{ price: "0.50", step: "0.5" }] }, { ...HOUR, energyKWh: "12.5" });
    expect(r.lines[0]!.quantity).toBe("12.5");
  });
});

describe("minimum and maximum price", () => {
  it("adds a minimum adjustment line up to minPrice", () => {
    // 1 kWh × 0.40 = 0.40 < 1.00 → minimum +0.60; gross 1.00; tax 1.00 × 0.2/1.2 = 0.1666 → 0.17; net 0.83
    const r = price({ energy: [{ price: "0.40" }], minPrice: "1.00" }, { ...HOUR, energyKWh: "1" });
    expect(lines(r, "minimum")).toEqual([expect.objectContaining({ rate: null, gross: "0.60" })]);
    expect(r.totals).toEqual({ net: "0.83", tax: "0.17", gross: "1.00" });
  });

  it("adds a negative maximum adjustment line down to maxPrice", () => {
    // 30.85 kWh × 0.40 = 12.34 > 10.00 → maximum −2.34; gross 10.00; tax 10 × 0.2/1.2 = 1.6666 → 1.67; net 8.33
    const r = price({ energy: [{ price: "0.40" }], maxPrice: "10.00" }, { ...HOUR, energyKWh: "30.85" });
    expect(lines(r, "maximum")).toEqual([expect.objectContaining({ gross: "-2.34" })]);
    expect(r.totals).toEqual({ net: "8.33", tax: "1.67", gross: "10.00" });
  });

  it("leaves a price inside the limits alone", () => {
    const r = price({ energy: [{ price: "0.40" }], minPrice: "1.00", maxPrice: "10.00" }, { ...HOUR, energyKWh: "5" });
    expect(r.lines.map((l) => l.component)).toEqual(["energy"]);
  });

  it("a minimum on a session that cost nothing is one line taxed like energy", () => {
    // Greece: energy 6 %. Free tariff, minPrice 2.00 → tax = 2.00 × 0.06/1.06 = 0.1132 → 0.11
    const r = price({ market: "GR", energy: [{ price: "0" }], minPrice: "2.00" }, { ...HOUR, energyKWh: "0" });
    expect(lines(r, "minimum")).toHaveLength(1);
    expect(r.totals).toEqual({ net: "1.89", tax: "0.11", gross: "2.00" });
  });
});

describe("tax", () => {
  it("adds tax on top when prices exclude it", () => {
    // 22.5 kWh × 0.40 = 9.00 net; tax 9.00 × 0.20 = 1.80; gross 10.80
    const r = price({ pricesInclude: "none", energy: [{ price: "0.40" }] }, { ...HOUR, energyKWh: "22.5" });
    expect(r.lines[0]).toMatchObject({ net: "9.00", gross: "10.80" });
    expect(r.totals).toEqual({ net: "9.00", tax: "1.80", gross: "10.80" });
  });

  it("computes tax once on the session, not per line", () => {
    // Three lines of 0.33 incl. 20 %: per line tax would be 0.055 → 0.06 each = 0.18; on the session 0.99 × 0.2/1.2 = 0.165 → 0.17
    const r = price(
      {
        energy: [
          { price: "0.33", when: { timeOfDay: { from: "10:00", to: "10:20" } } },
          { price: "0.33", when: { timeOfDay: { from: "10:20", to: "10:40" } } },
          { price: "0.33" },
        ],
      },
      { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "3" },
    );
    expect(r.lines).toHaveLength(3);
    expect(r.totals).toEqual({ net: "0.82", tax: "0.17", gross: "0.99" });
    // line shares of the tax add up to the session's tax
    const lineTax = r.lines.reduce((acc, l) => acc + Math.round(Number(l.gross) * 100) - Math.round(Number(l.net) * 100), 0);
    expect(lineTax).toBe(17);
  });

  it("taxes components at their own rates: Greek electricity 6 %, idle fee 24 %", () => {
    // energy 10 kWh × 0.53 = 5.30 at 6 %: tax 5.30 × 0.06/1.06 = 0.3 → 0.30; net 5.00
    // idle 1 h × 12.40 = 12.40 at 24 %: tax 12.40 × 0.24/1.24 = 2.40; net 10.00
    const r = price(
      { market: "GR", energy: [{ price: "0.53" }], idle: [{ price: "12.40" }] },
      { start: "2026-05-04T08:00:00Z", chargingEnd: "2026-05-04T09:00:00Z", end: "2026-05-04T10:00:00Z", energyKWh: "10" },
    );
    expect(r.taxes.map((t) => [t.rate, t.base, t.amount])).toEqual([
      ["0.06", "5.00", "0.30"],
      ["0.24", "10.00", "2.40"],
    ]);
    expect(r.totals).toEqual({ net: "15.00", tax: "2.70", gross: "17.70" });
  });

  it("applies the rate in force at the session start in the station's zone (Luxembourg 7 % in 2023)", () => {
    // 2023-12-31T22:30Z is 23:30 local on 31 Dec 2023 → 7 %: 10.70 × 0.07/1.07 = 0.70
    // 2023-12-31T23:30Z is 00:30 local on 1 Jan 2024 → 8 %: 10.80 × 0.08/1.08 = 0.80
    const t = { market: "LU", energy: [{ price: "1.07" }] };
    const in2023 = price(t, { start: "2023-12-31T22:30:00Z", end: "2023-12-31T22:40:00Z", energyKWh: "10" });
    expect(in2023.taxes[0]).toMatchObject({ rate: "0.07", amount: "0.70" });
    const t2 = { market: "LU", energy: [{ price: "1.08" }] };
    const in2024 = price(t2, { start: "2023-12-31T23:30:00Z", end: "2023-12-31T23:40:00Z", energyKWh: "10" });
    expect(in2024.taxes[0]).toMatchObject({ rate: "0.08", amount: "0.80" });
    // the instant of the change: 2023-12-31T23:00:00Z = 2024-01-01 00:00 local → 8 %; one millisecond earlier → 7 %
    expect(price(t2, { start: "2023-12-31T23:00:00Z", end: "2023-12-31T23:10:00Z", energyKWh: "10" }).taxes[0]!.rate).toBe("0.08");
    expect(price(t2, { start: "2023-12-31T22:59:59.999Z", end: "2023-12-31T23:10:00Z", energyKWh: "10" }).taxes[0]!.rate).toBe("0.07");
  });

  it("refuses a session before any tax rule of the market is known", () => {
    expect(() => price({ market: "GR", energy: [{ price: "0.50" }] }, { start: "2020-01-01T10:00:00Z", end: "2020-01-01T11:00:00Z", energyKWh: "1" })).toThrow(TariffError);
  });
});

describe("cash rounding", () => {
  it("rounds a cash total to 0.05 in Belgium, as its own line; card is not rounded", () => {
    // 9.02 → 9.00 (1-2 cents down); 9.03 → 9.05 (3-4 up); 9.07 → 9.05; 9.08 → 9.10
    const t = { market: "BE", flat: [{ price: "9.02" }] };
    const s = { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "0" };
    const cash = price(t, { ...s, payment: "cash" });
    expect(lines(cash, "rounding")).toEqual([expect.objectContaining({ net: "-0.02", gross: "-0.02" })]);
    expect(cash.totals.gross).toBe("9.00");
    // tax is computed before rounding: 9.02 × 0.21/1.21 = 1.5654 → 1.57; the rounding line is untaxed
    expect(cash.totals.tax).toBe("1.57");
    expect(cash.totals.net).toBe("7.43");
    expect(price(t, { ...s, payment: "card" }).totals.gross).toBe("9.02");
    expect(price({ ...t, flat: [{ price: "9.03" }] }, { ...s, payment: "cash" }).totals.gross).toBe("9.05");
    expect(price({ ...t, flat: [{ price: "9.07" }] }, { ...s, payment: "cash" }).totals.gross).toBe("9.05");
    expect(price({ ...t, flat: [{ price: "9.08" }] }, { ...s, payment: "cash" }).totals.gross).toBe("9.10");
  });

  it("does not round cash where the market does not (France)", () => {
    const r = price({ flat: [{ price: "9.02" }] }, { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "0", payment: "cash" });
    expect(r.totals.gross).toBe("9.02");
  });
});

describe("validity", () => {
  it("refuses a session that starts outside the tariff's validity, naming /start", () => {
    const t = { validFrom: "2026-06-01T00:00:00+02:00", validTo: "2026-07-01T00:00:00+02:00", energy: [{ price: "0.50" }] };
    try {
      price(t, { start: "2026-05-31T21:59:00Z", end: "2026-05-31T23:00:00Z", energyKWh: "1" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TariffError);
      expect((e as TariffError).issues[0]).toMatchObject({ path: "/start" });
    }
    expect(price(t, { start: "2026-05-31T22:00:00Z", end: "2026-05-31T23:00:00Z", energyKWh: "1" }).totals.gross).toBe("0.50");
    expect(() => price(t, { start: "2026-06-30T22:00:00Z", end: "2026-06-30T23:00:00Z", energyKWh: "1" })).toThrow(/validTo/);
  });
});
