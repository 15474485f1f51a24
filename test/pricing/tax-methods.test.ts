import { describe, expect, it } from "vitest";
import { describeMarkets, parseSession, parseTariff, priceSession, safeParseTariff, TariffError } from "../../src/index.js";
import { lines, price } from "../helpers/build.js";

const HOUR = { start: "2026-05-04T15:00:00Z", end: "2026-05-04T16:00:00Z" };

describe("a tariff's own taxes", () => {
  it("replace the market's taxes and are shown as stated by the tariff", () => {
    // FR tariff with its own 10 % VAT (e.g. an OCPI tariff): 11.00 gross → tax 11.00 × 0.10 / 1.10 = 1.00; net 10.00
    const r = price({ energy: [{ price: "1.10" }], taxes: [{ name: "VAT", rate: "0.10", appliesTo: ["energy"], source: "OCPI vat" }] }, { ...HOUR, energyKWh: "10" });
    expect(r.taxes).toEqual([{ name: "VAT", rate: "0.10", base: "10.00", amount: "1.00", source: "tariff t-test /taxes/0: OCPI vat" }]);
    expect(r.totals).toEqual({ net: "10.00", tax: "1.00", gross: "11.00" });
  });

  it("are required for a region the table does not list, and then accepted", () => {
    const t = { version: 1, id: "ca", market: "US-CA", currency: "USD", timeZone: "America/Los_Angeles", energy: [{ price: "0.50" }] };
    const refused = safeParseTariff(t);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]).toMatchObject({ path: "/market", message: expect.stringContaining("not in the market table") });
    // with its own taxes: 10 kWh × 0.50 = 5.00 net (US prices exclude tax), 7.25 % → 0.3625 → 0.36
    const r = priceSession(parseTariff({ ...t, taxes: [{ name: "CA sales tax", rate: "0.0725", appliesTo: ["energy"] }] }), parseSession({ ...HOUR, energyKWh: "10" }));
    expect(r.totals).toEqual({ net: "5.00", tax: "0.36", gross: "5.36" });
  });

  it("a country whose tax is regional needs a region", () => {
    const r = safeParseTariff({ version: 1, id: "us", market: "US", currency: "USD", timeZone: "America/Chicago" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "/market", message: expect.stringContaining("needs a region") }]);
  });

  it("are validated with paths", () => {
    const r = safeParseTariff({
      version: 1,
      id: "x",
      market: "FR",
      currency: "EUR",
      taxes: [
        { name: "A", appliesTo: ["energy"] },
        { name: "B", rate: "1.5", appliesTo: ["energy"] },
        { name: "C", perKWh: "0.03", appliesTo: ["idle"] },
        { name: "D", rate: "0.1", appliesTo: ["parking"] },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["/taxes/0", "/taxes/1/rate", "/taxes/2/appliesTo", "/taxes/3/appliesTo/0"]));
  });
});

describe("tax methods", () => {
  it("por dentro: the tax is part of its own base (Brazil's ICMS)", () => {
    // São Paulo, ICMS 18 % inside, inclusive prices: 10 kWh × 2.00 = 20.00 gross; tax = 20.00 × 0.18 = 3.60; net 16.40
    const r = price({ market: "BR-SP", currency: "BRL", timeZone: "America/Sao_Paulo", energy: [{ price: "2.00" }] }, { ...HOUR, energyKWh: "10" });
    expect(r.taxes[0]).toMatchObject({ name: "ICMS", rate: "0.18", base: "16.40", amount: "3.60" });
    // exclusive prices: net 16.40 → gross = 16.40 / 0.82 = 20.00; tax 3.60 (18 % of gross, 21.95 % of net)
    const ex = price(
      { market: "BR-SP", currency: "BRL", timeZone: "America/Sao_Paulo", pricesInclude: "none", energy: [{ price: "1.64" }] },
      { ...HOUR, energyKWh: "10" },
    );
    expect(ex.totals).toEqual({ net: "16.40", tax: "3.60", gross: "20.00" });
  });

  it("compound: a tax on the net plus the added taxes", () => {
    // net 100.00; added 5 % = 5.00; compound 10 % on 105.00 = 10.50; gross 115.50
    const r = price(
      {
        pricesInclude: "none",
        flat: [{ price: "100.00" }],
        taxes: [
          { name: "Federal", rate: "0.05", appliesTo: ["flat"] },
          { name: "Provincial", rate: "0.10", appliesTo: ["flat"], method: "compound" },
        ],
      },
      { ...HOUR, energyKWh: "0" },
    );
    expect(r.taxes.map((t) => [t.name, t.amount])).toEqual([
      ["Federal", "5.00"],
      ["Provincial", "10.50"],
    ]);
    expect(r.totals).toEqual({ net: "100.00", tax: "15.50", gross: "115.50" });
    // the same taxes backed out of an inclusive 115.50: net = 115.50 / (1.05 × 1.10) = 100.00 exactly
    const inc = price({ flat: [{ price: "115.50" }], taxes: [
      { name: "Federal", rate: "0.05", appliesTo: ["flat"] },
      { name: "Provincial", rate: "0.10", appliesTo: ["flat"], method: "compound" },
    ] }, { ...HOUR, energyKWh: "0" });
    expect(inc.totals).toEqual({ net: "100.00", tax: "15.50", gross: "115.50" });
  });

  it("an excise per kWh is a line of its own, taxed where the table says so (Kentucky 2024)", () => {
    // US-KY 2024: 20 kWh × 0.40 = 8.00; excise 20 × 0.03 = 0.60; sales tax 6 % on energy only: 0.48; gross 9.08
    const r = price(
      { market: "US-KY", currency: "USD", timeZone: "America/New_York", energy: [{ price: "0.40" }] },
      { start: "2024-06-03T14:00:00Z", end: "2024-06-03T15:00:00Z", energyKWh: "20" },
    );
    expect(lines(r, "excise")).toEqual([
      expect.objectContaining({ name: "Kentucky EV power excise", quantity: "20", unit: "kWh", unitPrice: "0.03", net: "0.60", gross: "0.60" }),
    ]);
    expect(r.taxes.map((t) => [t.name, t.base, t.amount])).toEqual([["Kentucky sales tax", "8.00", "0.48"]]);
    expect(r.totals).toEqual({ net: "8.60", tax: "0.48", gross: "9.08" });
  });
});

describe("billing in another currency", () => {
  it("converts every exact amount at the given rate before rounding, and records it", () => {
    // FR tariff: 22.5 kWh × 0.40 EUR = 9.00 EUR; at 1.0831 USD/EUR = 9.74790 → 9.75 USD
    // tax = 9.75 × 0.2 / 1.2 = 1.625 → 1.63 (half away from zero); net 8.12
    const t = parseTariff({ version: 1, id: "fr", market: "FR", currency: "EUR", energy: [{ price: "0.40" }] });
    const r = priceSession(t, parseSession({ ...HOUR, energyKWh: "22.5" }), { currency: "USD", rate: "1.0831" });
    expect(r.currency).toBe("USD");
    expect(r.exchange).toEqual({ from: "EUR", to: "USD", rate: "1.0831" });
    expect(r.lines[0]).toMatchObject({ unitPrice: "0.43324", gross: "9.75" });
    expect(r.totals).toEqual({ net: "8.12", tax: "1.63", gross: "9.75" });
  });

  it("rounds in the target currency's digits (CLP has none)", () => {
    // 22.5 kWh × 0.40 EUR = 9.00 EUR × 1012.37 = 9111.33 → 9111 CLP
    const t = parseTariff({ version: 1, id: "fr", market: "FR", currency: "EUR", energy: [{ price: "0.40" }] });
    const r = priceSession(t, parseSession({ ...HOUR, energyKWh: "22.5" }), { currency: "CLP", rate: "1012.37" });
    expect(r.totals.gross).toBe("9111");
  });

  it("refuses a missing or bad rate and an unknown currency", () => {
    const t = parseTariff({ version: 1, id: "fr", market: "FR", currency: "EUR", energy: [{ price: "0.40" }] });
    const s = parseSession({ ...HOUR, energyKWh: "1" });
    expect(() => priceSession(t, s, { currency: "USD" })).toThrow(TariffError);
    expect(() => priceSession(t, s, { currency: "USD", rate: "-1" })).toThrow(/rate/);
    expect(() => priceSession(t, s, { currency: "USD", rate: "0" })).toThrow(/rate/);
    expect(() => priceSession(t, s, { currency: "XYZ", rate: "1" })).toThrow(/ISO 4217/);
  });
});

describe("describeMarkets", () => {
  it("lists all 18 markets and their regions with digits, zones and sourced taxes", () => {
    const all = describeMarkets();
    const countries = all.filter((m) => !m.region).map((m) => m.code);
    expect(countries.sort()).toEqual(["AW", "BE", "BR", "CL", "CO", "CR", "FR", "GR", "GT", "JM", "LU", "MX", "NL", "PA", "PR", "SV", "US", "UY"]);
    expect(all.find((m) => m.code === "CL")!.currencies).toEqual([{ code: "CLP", digits: 0 }]);
    expect(all.find((m) => m.code === "CO")!.currencies).toEqual([{ code: "COP", digits: 0 }]);
    expect(all.find((m) => m.code === "CR")!.currencies).toEqual([{ code: "CRC", digits: 2 }]);
    for (const m of all) for (const t of m.taxes) {
      expect(t.source.length).toBeGreaterThan(20);
      expect(t.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["high", "medium", "low"]).toContain(t.confidence);
      expect(t.rate !== undefined || t.perKWh !== undefined).toBe(true);
    }
    expect(all.find((m) => m.code === "US-IA")!.taxes).toEqual([expect.objectContaining({ perKWh: "0.026", validFrom: "2023-07-01" })]);
  });
});
