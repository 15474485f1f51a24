/**
 * Per-market receipts worked out by hand (issue 4, item 7).
 *
 * Every expected amount below was computed by hand from the tariff, the session and the market table
 * (src/markets/*.ts), and the arithmetic is written in the comment above the assertion. None of it was
 * copied from engine output. Conventions:
 * - US and PR prices exclude tax: tax = round(net × r) per rate, gross = net + tax.
 * - Every other market includes tax: tax = round(G × r / (1 + Σr)) per rate, net = G − tax.
 *   BR's ICMS is "inside" (por dentro): tax = round(G × r).
 * - Rounding is half away from zero to the currency's settlement digits: CLP and COP 0; USD, EUR, MXN,
 *   GTQ, UYU, CRC, BRL, JMD and AWG 2.
 * - Cash rounding comes last: BE/NL to 0.05 (1–2 and 6–7 cents down, 3–4 and 8–9 cents up), CL to 10 pesos
 *   (1–5 down, 6–9 up).
 * - Tax is due at the rules in force on the local date of the session start, in the station's zone. So each
 *   dated rate is tested one millisecond before its local midnight and at it.
 */
import { describe, expect, it } from "vitest";
import {
  describeMarkets,
  parseSession,
  parseTariff,
  priceSession,
  safeParseTariff,
  TariffError,
  type Receipt,
} from "../../src/index.js";
import { findMarket } from "../../src/markets/index.js";

/** A tariff document: version, id and the given fields. */
const doc = (fields: Record<string, unknown>) => ({ version: 1, id: "mkt-test", ...fields });

/** Prices a tariff document and a session document through the public API. */
function price(tariff: Record<string, unknown>, session: Record<string, unknown>): Receipt {
  return priceSession(parseTariff(doc(tariff)), parseSession(session));
}

/** A session of `hours` of charging from `start` (UTC ms or an RFC 3339 string), then `idleHours` idle. */
function session(start: string, energyKWh: string, opts: { hours?: number; idleHours?: number; payment?: string } = {}) {
  const t0 = Date.parse(start);
  const chargingEnd = t0 + (opts.hours ?? 1) * 3_600_000;
  const end = chargingEnd + (opts.idleHours ?? 0) * 3_600_000;
  return {
    start: new Date(t0).toISOString(),
    chargingEnd: new Date(chargingEnd).toISOString(),
    end: new Date(end).toISOString(),
    energyKWh,
    payment: opts.payment ?? "card",
  };
}

/** The error a call throws, for asserting on a TariffError's issues. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a TariffError, nothing was thrown");
}

/** Taxes as [name, rate, base, amount] for compact asserts. */
const taxes = (r: Receipt) => r.taxes.map((t) => [t.name, t.rate, t.base, t.amount]);

const MIDDAY = "2026-05-04T16:00:00Z"; // a Monday; local date 2026-05-04 in every zone of these markets

describe("United States (by state), USD, prices exclude tax", () => {
  const IA = { market: "US-IA", currency: "USD", timeZone: "America/Chicago" };

  it("US-IA: the excise is its own line (component excise, quantity = kWh delivered, unitPrice 0.026)", () => {
    // energy 12.5 kWh × 0.35 = 4.375 → 4.38 (tie, half away from zero)
    // excise 12.5 kWh × 0.026 = 0.325 → 0.33 (tie, half away from zero)
    // Iowa has no percentage tax in the table: no taxes, gross = net = 4.38 + 0.33 = 4.71
    const r = price({ ...IA, energy: [{ price: "0.35" }] }, session(MIDDAY, "12.5"));
    expect(r.pricesInclude).toBe("none");
    expect(r.lines).toEqual([
      expect.objectContaining({ component: "energy", quantity: "12.5", unitPrice: "0.35", net: "4.38", gross: "4.38" }),
      {
        component: "excise",
        name: "Iowa electric fuel excise",
        rate: null,
        from: "2026-05-04T16:00:00Z",
        to: "2026-05-04T17:00:00Z",
        quantity: "12.5",
        unit: "kWh",
        unitPrice: "0.026",
        net: "0.33",
        gross: "0.33",
      },
    ]);
    expect(r.taxes).toEqual([]);
    expect(r.totals).toEqual({ net: "4.71", tax: "0.00", gross: "4.71" });
  });

  it("US-IA: the excise starts 2023-07-01 at local midnight (05:00Z); before it no rule is known and the session is refused", () => {
    // 2023-07-01T00:00 CDT (UTC−5) = 2023-07-01T05:00:00Z. At it: 10 kWh × 0.026 = 0.26 excise.
    const t = { ...IA, energy: [{ price: "0.40" }] };
    const at = price(t, session("2023-07-01T05:00:00.000Z", "10"));
    // energy 10 × 0.40 = 4.00; excise 0.26; gross 4.26
    expect(at.lines.find((l) => l.component === "excise")).toMatchObject({ quantity: "10", unitPrice: "0.026", net: "0.26" });
    expect(at.totals).toEqual({ net: "4.26", tax: "0.00", gross: "4.26" });
    // One millisecond before: local date 2023-06-30, the table has no US-IA rule then → refused at /start.
    const e = thrown(() => price(t, session("2023-07-01T04:59:59.999Z", "10")));
    expect(e).toBeInstanceOf(TariffError);
    expect((e as TariffError).issues).toEqual([{ path: "/start", message: expect.stringContaining("2023-06-30") }]);
  });

  describe("US-KY: excise per kWh plus 6 % sales tax on the charging price (not on the excise)", () => {
    const KY = { market: "US-KY", currency: "USD", timeZone: "America/Kentucky/Louisville", energy: [{ price: "0.40" }] };
    // Louisville is on EST (UTC−5) in winter: local midnight of 2025-01-01 = 2025-01-01T05:00:00Z.

    it("one millisecond before 2025-01-01 local: 3 cents/kWh", () => {
      // energy 20 × 0.40 = 8.00; excise 20 × 0.03 = 0.60; sales tax 8.00 × 0.06 = 0.48
      // net 8.00 + 0.60 = 8.60; tax 0.48; gross 9.08
      const r = price(KY, session("2025-01-01T04:59:59.999Z", "20"));
      expect(r.lines.map((l) => [l.component, l.name ?? null, l.unitPrice, l.net, l.gross])).toEqual([
        ["energy", null, "0.40", "8.00", "8.48"],
        ["excise", "Kentucky EV power excise", "0.03", "0.60", "0.60"],
      ]);
      expect(taxes(r)).toEqual([["Kentucky sales tax", "0.06", "8.00", "0.48"]]);
      expect(r.totals).toEqual({ net: "8.60", tax: "0.48", gross: "9.08" });
    });

    it("at 2025-01-01 local midnight: 3.2 cents/kWh (Department of Revenue: $0.032)", () => {
      // excise 20 × 0.032 = 0.64; net 8.64; tax 0.48; gross 9.12
      const r = price(KY, session("2025-01-01T05:00:00.000Z", "20"));
      expect(r.lines.find((l) => l.component === "excise")).toMatchObject({ unitPrice: "0.032", quantity: "20", net: "0.64" });
      expect(r.totals).toEqual({ net: "8.64", tax: "0.48", gross: "9.12" });
    });

    it("from 2026-01-01 the 2025 rate carries on, marked low confidence (no 2026 rate found)", () => {
      const r = price(KY, session("2026-01-01T05:00:00.000Z", "20"));
      expect(r.lines.find((l) => l.component === "excise")).toMatchObject({ unitPrice: "0.032", net: "0.64" });
      const rule = findMarket("US-KY")!.taxes.find((t) => t.perKWh && t.validFrom === "2026-01-01")!;
      expect([rule.confidence, rule.validTo]).toEqual(["low", null]);
    });

    it("the same instant in western Kentucky (America/Chicago) is still 2024-12-31 local: 3 cents", () => {
      // 2025-01-01T05:00Z = 2024-12-31 23:00 CST → 0.03; the new rate starts at 06:00Z there
      const west = { ...KY, timeZone: "America/Chicago" };
      expect(price(west, session("2025-01-01T05:00:00.000Z", "20")).totals.gross).toBe("9.08");
      expect(price(west, session("2025-01-01T05:59:59.999Z", "20")).totals.gross).toBe("9.08");
      expect(price(west, session("2025-01-01T06:00:00.000Z", "20")).totals.gross).toBe("9.12");
    });
  });

  describe("US-NY: 4 % sales tax on exclusive prices, a time-of-use tariff across DST nights in New York", () => {
    const NY = {
      market: "US-NY",
      currency: "USD",
      timeZone: "America/New_York",
      energy: [{ price: "0.20", when: { timeOfDay: { from: "00:00", to: "06:00" } } }, { price: "0.40" }],
    };

    it("spring forward 2026-03-08: the off-peak window ends at 06:00 EDT = 10:00Z, and the night is one hour short", () => {
      // 00:00 EST (05:00Z) → 07:00 EDT (11:00Z): 02:00 EST jumps to 03:00 EDT, so 6 real hours; 36 kWh → 6 kWh/h
      // off-peak 05:00Z–10:00Z = 5 h → 30 kWh × 0.20 = 6.00; peak 10:00Z–11:00Z → 6 kWh × 0.40 = 2.40
      // net 8.40; NY 4 % = 0.336 → 0.34; gross 8.74
      const r = price(NY, { start: "2026-03-08T00:00:00-05:00", end: "2026-03-08T07:00:00-04:00", energyKWh: "36" });
      expect(r.lines.map((l) => [l.rate, l.from, l.to, l.quantity, l.net])).toEqual([
        ["/energy/0", "2026-03-08T05:00:00Z", "2026-03-08T10:00:00Z", "30", "6.00"],
        ["/energy/1", "2026-03-08T10:00:00Z", "2026-03-08T11:00:00Z", "6", "2.40"],
      ]);
      expect(taxes(r)).toEqual([["New York State sales tax", "0.04", "8.40", "0.34"]]);
      expect(r.totals).toEqual({ net: "8.40", tax: "0.34", gross: "8.74" });
    });

    it("fall back 2026-11-01: the repeated hour is charged twice at off-peak; the window ends at 06:00 EST = 11:00Z", () => {
      // 00:00 EDT (04:00Z) → 07:00 EST (12:00Z): 8 real hours; 40 kWh → 5 kWh/h
      // off-peak 04:00Z–11:00Z = 7 h → 35 kWh × 0.20 = 7.00; peak 11:00Z–12:00Z → 5 kWh × 0.40 = 2.00
      // net 9.00; 4 % = 0.36; gross 9.36
      const r = price(NY, { start: "2026-11-01T00:00:00-04:00", end: "2026-11-01T07:00:00-05:00", energyKWh: "40" });
      expect(r.lines.map((l) => [l.rate, l.from, l.to, l.quantity, l.net])).toEqual([
        ["/energy/0", "2026-11-01T04:00:00Z", "2026-11-01T11:00:00Z", "35", "7.00"],
        ["/energy/1", "2026-11-01T11:00:00Z", "2026-11-01T12:00:00Z", "5", "2.00"],
      ]);
      expect(r.totals).toEqual({ net: "9.00", tax: "0.36", gross: "9.36" });
    });
  });

  it('market "US" alone is refused at /market: US tax is a state matter (a region or own taxes are needed)', () => {
    const t = doc({ market: "US", currency: "USD", timeZone: "America/New_York", energy: [{ price: "0.40" }] });
    const r = safeParseTariff(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "/market", message: expect.stringContaining("needs a region") }]);
    const e = thrown(() => parseTariff(t));
    expect(e).toBeInstanceOf(TariffError);
    expect((e as TariffError).issues.map((i) => i.path)).toEqual(["/market"]);
    // Without a timeZone either, only /market is reported: the zone is checked once the market resolves.
    const noZone = safeParseTariff(doc({ market: "US", currency: "USD" }));
    expect(noZone.ok ? [] : noZone.issues.map((i) => i.path)).toEqual(["/market"]);
  });
});

describe("Puerto Rico, USD, prices exclude tax: IVU 10.5 % state + 1 % municipal", () => {
  it("two taxes on the same net, each rounded once", () => {
    // energy 6 kWh × 0.50 = 3.00 net
    // IVU estatal 3.00 × 0.105 = 0.315 → 0.32 (tie, half away from zero); IVU municipal 3.00 × 0.01 = 0.03
    // tax 0.35; gross 3.35
    const r = price({ market: "PR", currency: "USD", energy: [{ price: "0.50" }] }, session(MIDDAY, "6"));
    expect(r.timeZone).toBe("America/Puerto_Rico");
    expect(taxes(r)).toEqual([
      ["IVU estatal", "0.105", "3.00", "0.32"],
      ["IVU municipal", "0.01", "3.00", "0.03"],
    ]);
    expect(r.totals).toEqual({ net: "3.00", tax: "0.35", gross: "3.35" });
  });
});

describe("Greece, EUR: ΦΠΑ 6 % on charging from 2023-10-12", () => {
  const GR = { market: "GR", currency: "EUR", energy: [{ price: "0.53" }] };
  // Athens is on EEST (UTC+3) on 2023-10-12: local midnight = 2023-10-11T21:00:00Z.

  it("at 2023-10-12 local midnight: 6 %", () => {
    // 10 kWh × 0.53 = 5.30 gross; 5.30 × 0.06 / 1.06 = 0.30 exactly; net 5.00
    const r = price(GR, session("2023-10-11T21:00:00.000Z", "10"));
    expect(taxes(r)).toEqual([["ΦΠΑ", "0.06", "5.00", "0.30"]]);
    expect(r.totals).toEqual({ net: "5.00", tax: "0.30", gross: "5.30" });
  });

  it("one millisecond before: no rule known → refused with a TariffError at /start", () => {
    const e = thrown(() => price(GR, session("2023-10-11T20:59:59.999Z", "10")));
    expect(e).toBeInstanceOf(TariffError);
    expect((e as TariffError).issues).toEqual([{ path: "/start", message: expect.stringContaining("2023-10-11") }]);
  });
});

describe("Belgium, EUR: BTW/TVA 21 %, cash totals to 0.05", () => {
  const BE = { market: "BE", currency: "EUR", energy: [{ price: "0.55" }] };

  it("cash: 7.37 → 7.35 (a total ending in 7 cents goes down)", () => {
    // 13.4 × 0.55 = 7.37; tax 7.37 × 0.21 / 1.21 = 1.2790… → 1.28; net 6.09
    // cash 7.37 → 7.35, rounding line −0.02 (untaxed) → net 6.07, tax 1.28, gross 7.35
    const r = price(BE, session(MIDDAY, "13.4", { payment: "cash" }));
    expect(r.lines.at(-1)).toMatchObject({ component: "rounding", net: "-0.02", gross: "-0.02" });
    expect(r.totals).toEqual({ net: "6.07", tax: "1.28", gross: "7.35" });
  });

  it("cash: a tie line 7.425 → 7.43, then 7.43 → 7.45 (3 cents go up); by card it stays 7.43", () => {
    // 13.5 × 0.55 = 7.425 → 7.43 (half away from zero); tax 7.43 × 0.21 / 1.21 = 1.2895… → 1.29; net 6.14
    // cash +0.02 → net 6.16, tax 1.29, gross 7.45
    expect(price(BE, session(MIDDAY, "13.5", { payment: "cash" })).totals).toEqual({ net: "6.16", tax: "1.29", gross: "7.45" });
    expect(price(BE, session(MIDDAY, "13.5", { payment: "card" })).totals).toEqual({ net: "6.14", tax: "1.29", gross: "7.43" });
  });
});

describe("Netherlands, EUR: BTW 21 %, 9 % on energy from 2022-07-01 to 2022-12-31, cash to 0.05", () => {
  // Charging energy 10 kWh × 0.55 = 5.50, then one hour idle at 6.05/h = 6.05; gross 11.55.
  const NL = { market: "NL", currency: "EUR", energy: [{ price: "0.55" }], idle: [{ price: "6.05" }] };
  const s = (start: string) => session(start, "10", { hours: 1, idleHours: 1 });
  // 21 % on one group of 11.55: 11.55 × 0.21 / 1.21 = 2.0045… → 2.00; net 9.55
  const ALL_21 = { net: "9.55", tax: "2.00", gross: "11.55" };
  // 9 % window: energy 5.50 × 0.09 / 1.09 = 0.4541… → 0.45 (base 5.05); idle 6.05 × 0.21 / 1.21 = 1.05 (base 5.00)
  // tax 1.50; net 10.05
  const NINE = { net: "10.05", tax: "1.50", gross: "11.55" };

  it("2022-07-01 00:00 CEST = 2022-06-30T22:00:00Z: one millisecond before 21 %, at it 9 % on energy", () => {
    expect(price(NL, s("2022-06-30T21:59:59.999Z")).totals).toEqual(ALL_21);
    const at = price(NL, s("2022-06-30T22:00:00.000Z"));
    expect(taxes(at)).toEqual([
      ["BTW", "0.09", "5.05", "0.45"],
      ["BTW", "0.21", "5.00", "1.05"],
    ]);
    expect(at.totals).toEqual(NINE);
  });

  it("2023-01-01 00:00 CET = 2022-12-31T23:00:00Z: one millisecond before still 9 %, at it 21 %", () => {
    expect(price(NL, s("2022-12-31T22:59:59.999Z")).totals).toEqual(NINE);
    expect(price(NL, s("2022-12-31T23:00:00.000Z")).totals).toEqual(ALL_21);
  });

  it("cash: 5.566 → 5.57 → 5.55 (7 cents go down)", () => {
    // 10.12 × 0.55 = 5.566 → 5.57; tax 5.57 × 0.21 / 1.21 = 0.9666… → 0.97; net 4.60; cash −0.02 → net 4.58
    const r = price({ market: "NL", currency: "EUR", energy: [{ price: "0.55" }] }, session(MIDDAY, "10.12", { payment: "cash" }));
    expect(r.totals).toEqual({ net: "4.58", tax: "0.97", gross: "5.55" });
  });
});

describe("Luxembourg, EUR: charging at the reduced TVA 8 % (7 % in 2023), idle fees at 17 % (16 % in 2023)", () => {
  const LU = { market: "LU", currency: "EUR", energy: [{ price: "0.50" }] };
  // 10 kWh × 0.50 = 5.00 gross
  // 8 %: 5.00 × 0.08 / 1.08 = 0.3703… → 0.37, net 4.63;  7 %: 5.00 × 0.07 / 1.07 = 0.3271… → 0.33, net 4.67
  const AT8 = { net: "4.63", tax: "0.37", gross: "5.00" };
  const AT7 = { net: "4.67", tax: "0.33", gross: "5.00" };

  it("2023-01-01 00:00 CET = 2022-12-31T23:00:00Z: one millisecond before 8 %, at it 7 %", () => {
    expect(price(LU, session("2022-12-31T22:59:59.999Z", "10")).totals).toEqual(AT8);
    expect(price(LU, session("2022-12-31T23:00:00.000Z", "10")).totals).toEqual(AT7);
  });

  it("2024-01-01 00:00 CET = 2023-12-31T23:00:00Z: one millisecond before 7 %, at it 8 %", () => {
    expect(price(LU, session("2023-12-31T22:59:59.999Z", "10")).totals).toEqual(AT7);
    const at = price(LU, session("2023-12-31T23:00:00.000Z", "10"));
    expect(taxes(at)).toEqual([["TVA", "0.08", "4.63", "0.37"]]);
    expect(at.totals).toEqual(AT8);
  });

  it("an idle fee is taxed at the standard rate beside the charging's reduced rate", () => {
    // 1 h charging, 10 kWh × 0.50 = 5.00 at 8 %: 0.37; 1 h idle × 6.00 = 6.00 at 17 %: 6.00 × 0.17 / 1.17 = 0.8717… → 0.87
    const withIdle = { ...LU, idle: [{ price: "6.00" }] };
    const r = price(withIdle, session("2024-06-03T08:00:00Z", "10", { idleHours: 1 }));
    expect(taxes(r)).toEqual([
      ["TVA", "0.08", "4.63", "0.37"],
      ["TVA", "0.17", "5.13", "0.87"],
    ]);
    expect(r.totals).toEqual({ net: "9.76", tax: "1.24", gross: "11.00" });
    // 2023: 7 % and 16 %: 5.00 × 0.07 / 1.07 → 0.33; 6.00 × 0.16 / 1.16 = 0.8275… → 0.83
    const in2023 = price(withIdle, session("2023-06-05T08:00:00Z", "10", { idleHours: 1 }));
    expect(taxes(in2023)).toEqual([
      ["TVA", "0.07", "4.67", "0.33"],
      ["TVA", "0.16", "5.17", "0.83"],
    ]);
  });
});

describe("France, EUR: TVA 20 %", () => {
  it("a tax that is exactly half a cent rounds away from zero", () => {
    // 10 kWh × 1.203 = 12.03; 12.03 × 0.20 / 1.20 = 12.03 / 6 = 2.005 → 2.01; net 10.02
    const r = price({ market: "FR", currency: "EUR", energy: [{ price: "1.203" }] }, session(MIDDAY, "10"));
    expect(r.totals).toEqual({ net: "10.02", tax: "2.01", gross: "12.03" });
  });
});

describe("Mexico, MXN: IVA 16 %; Baja California (MX-BCN) 8 %", () => {
  it("MX with America/Mexico_City: 16 %", () => {
    // 20 kWh × 6.50 = 130.00; 130.00 × 0.16 / 1.16 = 17.9310… → 17.93; net 112.07
    const r = price({ market: "MX", currency: "MXN", timeZone: "America/Mexico_City", energy: [{ price: "6.50" }] }, session(MIDDAY, "20"));
    expect(taxes(r)).toEqual([["IVA", "0.16", "112.07", "17.93"]]);
    expect(r.totals).toEqual({ net: "112.07", tax: "17.93", gross: "130.00" });
  });

  it("MX-BCN at 2026-01-01 00:00 PST (08:00Z): the 2025 decree rule up to one millisecond before, the 2026 rule from then, both 8 %", () => {
    const BCN = { market: "MX-BCN", currency: "MXN", timeZone: "America/Tijuana", energy: [{ price: "10.80" }] };
    // 10 kWh × 10.80 = 108.00; 108.00 × 0.08 / 1.08 = 8.00 exactly; net 100.00 (IVA 16 % would be 14.90)
    const before = price(BCN, session("2026-01-01T07:59:59.999Z", "10"));
    const at = price(BCN, session("2026-01-01T08:00:00.000Z", "10"));
    for (const r of [before, at]) {
      expect(taxes(r)).toEqual([["IVA región fronteriza", "0.08", "100.00", "8.00"]]);
      expect(r.totals).toEqual({ net: "100.00", tax: "8.00", gross: "108.00" });
    }
    // The two rules differ in their source: the 2026 one says the extension was not found in the DOF.
    expect(before.taxes[0]!.source).not.toContain("2026 extension");
    expect(at.taxes[0]!.source).toContain("a 2026 extension was not found");
  });

  it("a multi-zone market without timeZone is refused naming /timeZone", () => {
    for (const t of [
      { market: "MX", currency: "MXN" },
      { market: "CL", currency: "CLP" },
      { market: "US-KY", currency: "USD" },
    ]) {
      const e = thrown(() => parseTariff(doc({ ...t, energy: [{ price: "1" }] })));
      expect(e).toBeInstanceOf(TariffError);
      expect((e as TariffError).issues).toEqual([{ path: "/timeZone", message: expect.stringContaining("is required") }]);
    }
  });

  it("a tariff in the wrong currency for the market is refused naming /currency", () => {
    const e = thrown(() => parseTariff(doc({ market: "MX", currency: "USD", timeZone: "America/Mexico_City" })));
    expect(e).toBeInstanceOf(TariffError);
    expect((e as TariffError).issues).toEqual([{ path: "/currency", message: "USD is not a currency of market MX (MXN)" }]);
    const pr = safeParseTariff(doc({ market: "PR", currency: "EUR" }));
    expect(pr.ok ? [] : pr.issues.map((i) => i.path)).toEqual(["/currency"]);
  });
});

describe("Chile, CLP (0 digits): IVA 19 %, cash totals to 10 pesos with 5 rounding down", () => {
  const CL = (price: string) => ({ market: "CL", currency: "CLP", timeZone: "America/Santiago", energy: [{ price }] });

  it("cash 7995 → 7990 (a total ending in 5 goes down)", () => {
    // 4 kWh × 1998.75 = 7995; IVA 7995 × 0.19 / 1.19 = 1276.51… → 1277; net 6718
    // cash: rounding line −5 → net 6713, tax 1277, gross 7990
    const r = price(CL("1998.75"), session(MIDDAY, "4", { payment: "cash" }));
    expect(r.lines.at(-1)).toMatchObject({ component: "rounding", unitPrice: "-5", net: "-5", gross: "-5" });
    expect(r.totals).toEqual({ net: "6713", tax: "1277", gross: "7990" });
    // by card there is no cash rounding
    expect(price(CL("1998.75"), session(MIDDAY, "4")).totals).toEqual({ net: "6718", tax: "1277", gross: "7995" });
  });

  it("cash 7996 → 8000 (a total ending in 6 goes up)", () => {
    // 4 kWh × 1999 = 7996; IVA 7996 × 0.19 / 1.19 = 1276.67… → 1277; net 6719; cash +4 → net 6723, gross 8000
    const r = price(CL("1999"), session(MIDDAY, "4", { payment: "cash" }));
    expect(r.totals).toEqual({ net: "6723", tax: "1277", gross: "8000" });
  });

  it("a line of 977.5 pesos rounds half away from zero to 978, in whole pesos", () => {
    // 2.5 kWh × 391 = 977.5 → 978; IVA 978 × 0.19 / 1.19 = 156.15… → 156; net 822
    const r = price(CL("391"), session(MIDDAY, "2.5"));
    expect(r.lines[0]).toMatchObject({ quantity: "2.5", unitPrice: "391", net: "822", gross: "978" });
    expect(taxes(r)).toEqual([["IVA", "0.19", "822", "156"]]);
    expect(r.totals).toEqual({ net: "822", tax: "156", gross: "978" });
  });
});

describe("El Salvador, USD: IVA 13 % included", () => {
  it("receipt", () => {
    // 15 kWh × 0.45 = 6.75; 6.75 × 0.13 / 1.13 = 0.7765… → 0.78; net 5.97
    const r = price({ market: "SV", currency: "USD", energy: [{ price: "0.45" }] }, session(MIDDAY, "15"));
    expect(r.timeZone).toBe("America/El_Salvador");
    expect(r.totals).toEqual({ net: "5.97", tax: "0.78", gross: "6.75" });
  });
});

describe("Guatemala, GTQ (2 digits): IVA 12 % included", () => {
  it("receipt", () => {
    // 10 kWh × 2.80 = 28.00; 28.00 × 0.12 / 1.12 = 3.00 exactly; net 25.00
    const r = price({ market: "GT", currency: "GTQ", energy: [{ price: "2.80" }] }, session(MIDDAY, "10"));
    expect(taxes(r)).toEqual([["IVA", "0.12", "25.00", "3.00"]]);
    expect(r.totals).toEqual({ net: "25.00", tax: "3.00", gross: "28.00" });
  });
});

describe("Uruguay, UYU (2 digits): IVA 22 % included", () => {
  it("a tie line rounds half away from zero, then IVA is backed out", () => {
    // 2.5 kWh × 12.21 = 30.525 → 30.53; 30.53 × 0.22 / 1.22 = 5.5054… → 5.51; net 25.02
    const r = price({ market: "UY", currency: "UYU", energy: [{ price: "12.21" }] }, session(MIDDAY, "2.5"));
    expect(r.lines[0]).toMatchObject({ gross: "30.53", net: "25.02" });
    expect(r.totals).toEqual({ net: "25.02", tax: "5.51", gross: "30.53" });
  });
});

describe("Costa Rica, CRC (2 digits, as ISO 4217): IVA 13 % included", () => {
  it("receipt", () => {
    // 12.5 kWh × 226 = 2825.00; 2825.00 × 0.13 / 1.13 = 325.00 exactly; net 2500.00
    const r = price({ market: "CR", currency: "CRC", energy: [{ price: "226" }] }, session(MIDDAY, "12.5"));
    expect(r.totals).toEqual({ net: "2500.00", tax: "325.00", gross: "2825.00" });
  });
});

describe("Panama, USD or PAB: ITBMS 7 % included", () => {
  it("receipt, in USD and in PAB (both currencies of the market)", () => {
    // 10 kWh × 0.321 = 3.21; 3.21 × 0.07 / 1.07 = 0.21 exactly; net 3.00
    for (const currency of ["USD", "PAB"]) {
      const r = price({ market: "PA", currency, energy: [{ price: "0.321" }] }, session(MIDDAY, "10"));
      expect(r.currency).toBe(currency);
      expect(taxes(r)).toEqual([["ITBMS", "0.07", "3.00", "0.21"]]);
      expect(r.totals).toEqual({ net: "3.00", tax: "0.21", gross: "3.21" });
    }
  });
});

describe("Colombia, COP (0 digits): energy excluded from IVA (0 %), idle fee 19 %", () => {
  it("receipt", () => {
    // energy 10.25 kWh × 1502 = 15395.5 → 15396 (tie, half away from zero), IVA excluido 0 → tax 0, base 15396
    // idle 1 h × 11900 = 11900; 11900 × 0.19 / 1.19 = 1900 exactly; base 10000
    // totals: gross 27296, tax 1900, net 25396
    const r = price(
      { market: "CO", currency: "COP", energy: [{ price: "1502" }], idle: [{ price: "11900" }] },
      session(MIDDAY, "10.25", { hours: 1, idleHours: 1 }),
    );
    expect(r.lines.map((l) => [l.component, l.net, l.gross])).toEqual([
      ["energy", "15396", "15396"],
      ["idle", "10000", "11900"],
    ]);
    expect(taxes(r)).toEqual([
      ["IVA (excluido)", "0", "15396", "0"],
      ["IVA", "0.19", "10000", "1900"],
    ]);
    expect(r.totals).toEqual({ net: "25396", tax: "1900", gross: "27296" });
  });
});

describe("Brazil, BRL: BR-SP ICMS 18 % por dentro (the tax is part of its own base)", () => {
  const SP = { market: "BR-SP", currency: "BRL", timeZone: "America/Sao_Paulo" };

  it("inclusive prices: gross 100.00 → tax = 100.00 × 0.18 = 18.00, net 82.00", () => {
    const r = price({ ...SP, energy: [{ price: "10.00" }] }, session(MIDDAY, "10"));
    expect(taxes(r)).toEqual([["ICMS", "0.18", "82.00", "18.00"]]);
    expect(r.totals).toEqual({ net: "82.00", tax: "18.00", gross: "100.00" });
  });

  it("exclusive prices: net 82.00 → gross = 82.00 / (1 − 0.18) = 100.00, tax 18.00 (21.95 % of the net)", () => {
    const r = price({ ...SP, pricesInclude: "none", energy: [{ price: "8.20" }] }, session(MIDDAY, "10"));
    expect(r.totals).toEqual({ net: "82.00", tax: "18.00", gross: "100.00" });
  });

  it("inclusive tie: gross 12.25 → tax 12.25 × 0.18 = 2.205 → 2.21, net 10.04", () => {
    // 5 kWh × 2.45 = 12.25
    const r = price({ ...SP, energy: [{ price: "2.45" }] }, session(MIDDAY, "5"));
    expect(r.totals).toEqual({ net: "10.04", tax: "2.21", gross: "12.25" });
  });

  it("BR alone needs a state", () => {
    const r = safeParseTariff(doc({ market: "BR", currency: "BRL", timeZone: "America/Sao_Paulo" }));
    expect(r.ok ? [] : r.issues).toEqual([{ path: "/market", message: expect.stringContaining("needs a region") }]);
  });
});

describe("Jamaica, JMD (2 digits): GCT 15 % included", () => {
  it("a tie line, then GCT", () => {
    // 3.5 kWh × 0.75 = 2.625 → 2.63; 2.63 × 0.15 / 1.15 = 0.3430… → 0.34; net 2.29
    const r = price({ market: "JM", currency: "JMD", energy: [{ price: "0.75" }] }, session(MIDDAY, "3.5"));
    expect(r.totals).toEqual({ net: "2.29", tax: "0.34", gross: "2.63" });
  });
});

describe("Aruba, AWG (2 digits): BBO 2.5 % + BAVP 1.5 % + BAZV 3 % on one base, included", () => {
  const AW = (price: string) => ({ market: "AW", currency: "AWG", energy: [{ price }] });

  it("gross 107.00 → net 100.00, taxes 2.50 + 1.50 + 3.00", () => {
    // 100 kWh × 1.07 = 107.00; net = 107.00 / 1.07 = 100.00; each tax on 100.00
    const r = price(AW("1.07"), session(MIDDAY, "100"));
    expect(taxes(r)).toEqual([
      ["BBO", "0.025", "100.00", "2.50"],
      ["BAVP", "0.015", "100.00", "1.50"],
      ["BAZV", "0.03", "100.00", "3.00"],
    ]);
    expect(r.totals).toEqual({ net: "100.00", tax: "7.00", gross: "107.00" });
  });

  it("each tax is rounded once on its own: gross 1.00 gives 0.02 + 0.01 + 0.03 = 0.06 (7 % rounded once would be 0.07)", () => {
    // net exact = 1.00 / 1.07 = 0.934579…; BBO 0.023364… → 0.02; BAVP 0.014018… → 0.01; BAZV 0.028037… → 0.03
    // tax 0.06, net 0.94 (the base shown for each); the combined 7 % = 0.065420… would round to 0.07
    const r = price(AW("1.00"), session(MIDDAY, "1"));
    expect(taxes(r)).toEqual([
      ["BBO", "0.025", "0.94", "0.02"],
      ["BAVP", "0.015", "0.94", "0.01"],
      ["BAZV", "0.03", "0.94", "0.03"],
    ]);
    expect(r.totals).toEqual({ net: "0.94", tax: "0.06", gross: "1.00" });
  });
});

describe("settlement digits per market", () => {
  it("CLP and COP settle in whole units; JMD, AWG, GTQ, UYU, CRC, MXN, BRL, USD and EUR in 2", () => {
    const digits = new Map(describeMarkets().flatMap((m) => m.currencies.map((c) => [c.code, c.digits] as const)));
    expect(Object.fromEntries([...digits].sort())).toEqual({
      AWG: 2,
      BRL: 2,
      CLP: 0,
      COP: 0,
      CRC: 2,
      EUR: 2,
      GTQ: 2,
      JMD: 2,
      MXN: 2,
      PAB: 2,
      USD: 2,
      UYU: 2,
    });
  });

  it("every one of the 18 markets is in the table", () => {
    const codes = describeMarkets().filter((m) => !m.region).map((m) => m.code);
    expect(codes.sort()).toEqual(["AW", "BE", "BR", "CL", "CO", "CR", "FR", "GR", "GT", "JM", "LU", "MX", "NL", "PA", "PR", "SV", "US", "UY"]);
  });
});
