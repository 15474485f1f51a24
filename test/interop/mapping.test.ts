import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession } from "../../src/index.js";
import { compileOcpiTariff, ocpiToTariff, ocppToTariff, priceCdr, tariffToOcpi, tariffToOcpp } from "../../src/interop/index.js";
import { cdr } from "./helpers.js";
import { thrown } from "../helpers/issues.js";

const issuesOf = (f: () => unknown) => thrown(f).issues;

describe("OCPI tariff → v1", () => {
  it("OCPI 2.3.0: tax_included YES means prices include VAT; PriceLimit before/after taxes", () => {
    const t = { country_code: "NL", party_id: "ABC", id: "t1", currency: "EUR", tax_included: "YES", min_price: { before_taxes: 1, after_taxes: 1.21 }, elements: [{ price_components: [{ type: "ENERGY", price: 0.605, vat: 21, step_size: 1 }] }], last_updated: "2025-01-01T00:00:00Z" };
    const { value, warnings, version } = ocpiToTariff(t);
    expect(version).toBe("2.3.0");
    expect(value).toMatchObject({ pricesInclude: "tax", minPrice: "1.21", timeZone: "Europe/Amsterdam" });
    expect(warnings).toEqual([]);
    const r = priceSession(value, parseSession({ start: "2025-03-01T10:00:00Z", end: "2025-03-01T11:00:00Z", energyKWh: "10" }));
    expect(r.totals).toEqual({ net: "5.00", tax: "1.05", gross: "6.05" });
  });

  it("errors point into the OCPI document", () => {
    const issues = issuesOf(() => ocpiToTariff({ id: "x", currency: "euro", country_code: "DE", elements: [{ price_components: [{ type: "ENERGY", price: -1, step_size: 1 }] }] }));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["/currency", "/elements/0/price_components/0/price"]));
  });

  it("an unlisted country needs the tariff's own taxes and names its zone", () => {
    const t = parseTariff({ version: 1, id: "de", market: "DE", currency: "EUR", timeZone: "Europe/Berlin", energy: [{ price: "0.30" }], taxes: [{ name: "MwSt", rate: "0.19", appliesTo: ["energy"] }] });
    expect(priceSession(t, parseSession({ start: "2025-03-01T10:00:00Z", end: "2025-03-01T11:00:00Z", energyKWh: "10" })).totals).toEqual({ net: "3.00", tax: "0.57", gross: "3.57" });
    expect(issuesOf(() => parseTariff({ version: 1, id: "de", market: "DE", currency: "EUR", taxes: [] })).map((i) => i.path)).toEqual(["/timeZone"]);
    expect(issuesOf(() => parseTariff({ version: 1, id: "de", market: "DE", currency: "EUR", timeZone: "Europe/Berlin" })).map((i) => i.path)).toEqual(["/market"]);
  });
});

describe("v1 → OCPI tariff", () => {
  it("one element per rate, restrictions from conditions, VAT from the tariff's taxes", () => {
    const t = parseTariff({
      version: 1, id: "nl-1", market: "NL", currency: "EUR", pricesInclude: "none",
      energy: [{ price: "0.30", step: "0.001", when: { timeOfDay: { from: "22:00", to: "24:00" }, days: ["sat", "sun"] } }, { price: "0.45" }],
      idle: [{ price: "6", step: 300, when: { sessionMinutes: { min: 120 } } }],
      flat: [{ price: "0.50" }],
      minPrice: "1.00",
      taxes: [{ name: "BTW", rate: "0.21", appliesTo: ["energy", "idle", "flat"] }],
    });
    const { value, warnings } = tariffToOcpi(t, { partyId: "ABC", lastUpdated: "2025-01-01T00:00:00Z" });
    expect(value.elements).toEqual([
      { price_components: [{ type: "ENERGY", price: 0.3, vat: 21, step_size: 1 }], restrictions: { day_of_week: ["SATURDAY", "SUNDAY"], start_time: "22:00", end_time: "00:00" } },
      { price_components: [{ type: "ENERGY", price: 0.45, vat: 21, step_size: 0 }] },
      { price_components: [{ type: "PARKING_TIME", price: 6, vat: 21, step_size: 300 }], restrictions: { min_duration: 7200 } },
      { price_components: [{ type: "FLAT", price: 0.5, vat: 21, step_size: 0 }] },
    ]);
    expect(value.min_price).toEqual({ excl_vat: 1, incl_vat: 1.21 });
    expect(value).toMatchObject({ country_code: "NL", party_id: "ABC", id: "nl-1", currency: "EUR" });
    expect(warnings).toEqual([]);
  });

  it("prices including tax become prices excluding VAT in 2.2.1, with a warning; 2.3.0 keeps them", () => {
    const t = parseTariff({ version: 1, id: "fr", market: "FR", currency: "EUR", energy: [{ price: "0.60" }] });
    const v221 = tariffToOcpi(t, { version: "2.2.1", taxDate: "2025-06-01" });
    expect(v221.value.elements[0]!.price_components[0]).toEqual({ type: "ENERGY", price: 0.5, vat: 20, step_size: 0 });
    expect(v221.warnings.map((w) => w.path)).toEqual(["", "/energy/0/price"]);
    const v230 = tariffToOcpi(t, { version: "2.3.0", taxDate: "2025-06-01" });
    expect(v230.value).toMatchObject({ tax_included: "YES" });
    expect(v230.value.elements[0]!.price_components[0]).toEqual({ type: "ENERGY", price: 0.6, vat: 20, step_size: 0 });
  });
});

describe("OCPP 2.1", () => {
  it("reads a SetDefaultTariffRequest; errors point into it", () => {
    const request = { evseId: 0, tariff: { tariffId: "t 1", currency: "EUR", energy: { prices: [{ priceKwh: 0.25, conditions: { minEnergy: 1000, maxPower: 22000 } }], taxRates: [{ type: "BTW", tax: 21 }] }, idleTime: { prices: [{ priceMinute: 0.1, conditions: { minIdleTime: 900 } }] } } };
    const { value, warnings } = ocppToTariff(request, { market: "NL" });
    expect(value.energy).toEqual([{ price: "0.25", when: { energyKWh: { min: "1" }, powerKW: { max: "22" } } }]);
    expect(value.idle).toEqual([{ price: "6", when: { idleMinutes: { min: "15" } } }]);
    expect(value.taxes).toEqual([{ name: "BTW", rate: "0.21", appliesTo: ["energy"], source: "OCPP taxRates" }]);
    expect(warnings).toContainEqual(expect.objectContaining({ path: "/tariff/tariffId" }));
    expect(issuesOf(() => ocppToTariff({ evseId: 0, tariff: { tariffId: "x", currency: "EUR", energy: { prices: [{ price: 1 }] } } }, { market: "NL" })).map((i) => i.path)).toEqual(
      expect.arrayContaining(["/tariff/energy/prices/0/price", "/tariff/energy/prices/0/priceKwh"]),
    );
    expect(issuesOf(() => ocppToTariff({ tariffId: "x", currency: "EUR" })).map((i) => i.path)).toEqual(["/currency"]);
  });

  it("writes grace periods as minIdleTime and durations in seconds", () => {
    const t = parseTariff({ version: 1, id: "g", market: "NL", currency: "EUR", pricesInclude: "none", idle: [{ price: "6", when: { idleMinutes: { min: 15 }, sessionMinutes: { max: 240 } } }], taxes: [] });
    expect(tariffToOcpp(t).value.idleTime).toEqual({ prices: [{ priceMinute: 0.1, conditions: { maxTime: 14400, minIdleTime: 900 } }] });
  });
});

describe("charge records", () => {
  it("several parking intervals, each an idle interval of the session", () => {
    const t = { country_code: "NL", party_id: "X", id: "p", currency: "EUR", elements: [{ price_components: [{ type: "ENERGY", price: 0.3, vat: 21, step_size: 1 }, { type: "PARKING_TIME", price: 6, vat: 21, step_size: 1 }] }], last_updated: "2025-01-01T00:00:00Z" };
    const p = priceCdr(
      t,
      cdr(
        [
          ["2025-01-06T10:00:00Z", { ENERGY: 5, TIME: 0.5 }],
          ["2025-01-06T10:30:00Z", { PARKING_TIME: 0.25 }],
          ["2025-01-06T10:45:00Z", { ENERGY: 5, TIME: 0.25 }],
          ["2025-01-06T11:00:00Z", { PARKING_TIME: 0.5 }],
        ],
        "2025-01-06T11:30:00Z",
      ),
    );
    expect(p.totals.total_parking_cost).toEqual({ excl_vat: 4.5, incl_vat: 5.445 });
    expect(p.totals.total_energy_cost).toEqual({ excl_vat: 3, incl_vat: 3.63 });
    expect(p.total_parking_time).toBe(0.75);
  });

  it("a tariff compiled once prices many records as the document does, and compiles each element set once per zone", () => {
    const t = {
      country_code: "NL",
      party_id: "X",
      id: "c",
      currency: "EUR",
      elements: [
        { price_components: [{ type: "ENERGY", price: 0.25, vat: 21, step_size: 1 }], restrictions: { start_time: "23:00", end_time: "07:00" } },
        { price_components: [{ type: "ENERGY", price: 0.35, vat: 21, step_size: 1 }, { type: "PARKING_TIME", price: 6, vat: 21, step_size: 60 }], restrictions: { max_power: 50 } },
        { price_components: [{ type: "ENERGY", price: 0.45, vat: 21, step_size: 1 }] },
      ],
      last_updated: "2025-01-01T00:00:00Z",
    };
    const compiled = compileOcpiTariff(t);
    const records = [6, 12, 18, 22].flatMap((hour) =>
      ["Europe/Amsterdam", "America/Curacao"].map((zone) =>
        cdr(
          [
            [`2025-01-06T${String(hour).padStart(2, "0")}:00:00Z`, { ENERGY: 20, TIME: 0.5, MAX_POWER: hour > 12 ? 75 : 40 }],
            [`2025-01-06T${String(hour).padStart(2, "0")}:30:00Z`, { PARKING_TIME: 0.25 }],
          ],
          `2025-01-06T${String(hour).padStart(2, "0")}:45:00Z`,
          { cdr_location: { country: "NLD", time_zone: zone } },
        ),
      ),
    );
    for (const record of records) expect(priceCdr(compiled, record)).toEqual(priceCdr(t, record));
    // One session element set per zone, each compiled on first use.
    expect([...compiled.sets.keys()].sort()).toEqual(["NL|America/Curacao|session", "NL|Europe/Amsterdam|session"]);
    // The prices really differ between records (night, power), so the comparison is not of one receipt.
    expect(new Set(records.map((r) => JSON.stringify(priceCdr(compiled, r).totals.total_energy_cost))).size).toBeGreaterThan(2);
  });

  it("a tariff that fails its checks is refused by compileOcpiTariff with every problem", () => {
    expect(() => compileOcpiTariff({ country_code: "NL", currency: "EUR" })).toThrow(/\/id: is required/);
  });

  it("members that are null are left out, in a copy: the document itself is not changed", () => {
    const clean = { country_code: "NL", party_id: "X", id: "n", currency: "EUR", elements: [{ price_components: [{ type: "ENERGY", price: 0.3, vat: 21, step_size: 1 }], restrictions: { max_power: 50 } }], last_updated: "2025-01-01T00:00:00Z" };
    const withNulls = JSON.parse(
      '{"country_code":"NL","party_id":"X","id":"n","currency":"EUR","tariff_alt_url":null,"elements":[{"price_components":[{"type":"ENERGY","price":0.3,"vat":21,"step_size":1}],"restrictions":{"max_power":50,"start_time":null}}],"last_updated":"2025-01-01T00:00:00Z","__proto__":{"polluted":true}}',
    );
    const text = JSON.stringify(withNulls);
    const record = cdr([["2025-01-06T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2025-01-06T11:00:00Z");
    expect(priceCdr(withNulls, record).totals).toEqual(priceCdr(clean, record).totals);
    expect(JSON.stringify(withNulls)).toBe(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
