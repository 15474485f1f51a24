/**
 * The OCPI → v1 mapping and charge-record tests that read the peer conformance tariffs
 * (OCPI_CONFORMANCE_DIR, default ../shared/conformance/ocpi). The mapping tests that need no peer
 * data stay in test/interop/mapping.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ocpiToTariff, priceCdr } from "../../src/interop/index.js";
import { thrown } from "../helpers/issues.js";
import { cdr, CONFORMANCE } from "../interop/helpers.js";

const tariff = (name: string) => JSON.parse(readFileSync(join(CONFORMANCE, name, "tariff.json"), "utf8")) as Record<string, unknown>;
const issuesOf = (f: () => unknown) => thrown(f).issues;

describe("OCPI tariff → v1 (conformance tariffs)", () => {
  it("maps components, element restrictions, steps, VAT per component and min/max", () => {
    const { value, warnings } = ocpiToTariff(tariff("step_size"), { timeZone: "Europe/Amsterdam" });
    expect(value.time).toEqual([
      { price: "1.2", step: "1800", when: { timeOfDay: { from: "00:00", to: "17:00" } } },
      { price: "2.4", step: "900", when: { timeOfDay: { from: "17:00", to: "20:00" } } },
      { price: "2.4", step: "900", when: { timeOfDay: { from: "20:00", to: "24:00" } } },
    ]);
    expect(value.idle).toHaveLength(2);
    expect(value.taxes).toEqual([]); // no vat given: no VAT applies (OCPI 2.2.1)
    expect(warnings).toEqual([]);
    const min = ocpiToTariff(tariff("025kwh_min_price"));
    expect(min.value).toMatchObject({ market: "DE", timeZone: "UTC", pricesInclude: "none", minPrice: "0.5" });
    expect(min.value.taxes).toEqual([{ name: "VAT", rate: "0.1", appliesTo: ["energy"], source: "OCPI price_components vat" }]);
    expect(min.value.energy).toEqual([{ price: "0.25", step: "0.001" }]);
    expect(min.warnings).toEqual([expect.objectContaining({ path: "", message: expect.stringContaining("UTC") })]);
  });

  it("durations become session minutes, kWh and power ranges stay, day_of_week becomes days", () => {
    const { value } = ocpiToTariff(tariff("first_hour_kwh_free"), { timeZone: "UTC" });
    expect(value.idle.map((r) => r.when)).toEqual([{ sessionMinutes: { max: "60" } }, { sessionMinutes: { min: "60", max: "180" } }, { sessionMinutes: { min: "180" } }]);
    expect(value.energy.map((r) => r.when)).toEqual([{ energyKWh: { max: "1" } }, { energyKWh: { min: "1" } }]);
    const complex = ocpiToTariff(tariff("complex"), { timeZone: "UTC" });
    expect(complex.value.idle[0]!.when).toEqual({ days: ["mon", "tue", "wed", "thu", "fri"], timeOfDay: { from: "09:00", to: "18:00" } });
    expect(complex.value.taxes).toEqual([
      { name: "VAT", rate: "0.2", appliesTo: ["time"], source: "OCPI price_components vat" },
      { name: "VAT", rate: "0.1", appliesTo: ["idle"], source: "OCPI price_components vat" },
      { name: "VAT", rate: "0.15", appliesTo: ["flat"], source: "OCPI price_components vat" },
    ]);
    expect(complex.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(["/elements/1/restrictions/max_current", "/elements/2/restrictions/min_current", "/type", "/tariff_alt_url"]),
    );
  });

  it("reservation elements are left out of v1, with a warning", () => {
    const { value, warnings } = ocpiToTariff(tariff("reservation_with_expire_fee"), { timeZone: "UTC" });
    expect(value.flat).toEqual([{ price: "0.5" }]);
    expect(value.time).toEqual([]);
    expect(warnings.map((w) => w.path)).toEqual(expect.arrayContaining(["/elements/0/restrictions/reservation", "/elements/1/restrictions/reservation"]));
  });

  it("alt text becomes the name; VAT differing within a dimension is warned about", () => {
    const t = { ...tariff("alt_text"), elements: [{ price_components: [{ type: "TIME", price: 1.9, vat: 5.2, step_size: 300 }], restrictions: { day_of_week: ["MONDAY"] } }, { price_components: [{ type: "TIME", price: 2, vat: 21, step_size: 300 }] }] };
    const { value, warnings } = ocpiToTariff(t, { timeZone: "UTC" });
    expect(value.name).toEqual({ en: "2.00 euro p/hour including VAT.", nl: "2.00 euro p/uur inclusief BTW." });
    expect(value.taxes).toEqual([{ name: "VAT", rate: "0.052", appliesTo: ["time"], source: "OCPI price_components vat" }]);
    expect(warnings).toContainEqual(expect.objectContaining({ path: "/elements/1/price_components/0/vat" }));
  });

  it("errors point into the OCPI document (conformance tariffs with a member removed or wrong)", () => {
    expect(issuesOf(() => ocpiToTariff({ ...tariff("simple_2hour"), country_code: undefined })).map((i) => i.path)).toEqual(["/country_code"]);
    expect(issuesOf(() => ocpiToTariff({ ...tariff("simple_2hour"), min_price: { before_taxes: 1 } }, { version: "2.2.1" })).map((i) => i.path)).toContain("/min_price/before_taxes");
  });
});

describe("charge records (conformance tariffs)", () => {
  it("OCPI 2.3.0 records get totals with tax amounts", () => {
    const t = { ...tariff("simple_025kwh") };
    const record = { ...cdr([["2024-03-04T10:00:00Z", { ENERGY: 20 }]], "2024-03-04T11:00:00Z"), total_cost: { before_taxes: 5, taxes: [{ name: "VAT", amount: 0.5 }] } };
    const p = priceCdr(t, record);
    expect(p.version).toBe("2.3.0");
    expect(p.totals.total_cost).toEqual({ before_taxes: 5, taxes: [{ name: "VAT", percentage: 10, amount: 0.5 }] });
  });
});
