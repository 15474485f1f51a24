/**
 * OCPI and OCPP input from an attacker (issue 16): deep nesting, tens of thousands of warnings,
 * numbers a float cannot hold exactly or that have no meaning as a price, VAT over 100 %, and a
 * country that is a property name of every JS object. Each is a TariffError with paths.
 */
import { describe, expect, it } from "vitest";
import { compileOcpiTariff, ocpiToTariff, ocppToTariff, priceCdr } from "../../src/interop/index.js";
import { Notes, numberProblem, tooDeep } from "../../src/interop/common.js";
import { TariffError } from "../../src/schema/errors.js";
import { runCli } from "../helpers/cli.js";
import { cdr } from "./helpers.js";

const TARIFF = {
  country_code: "NL",
  party_id: "X",
  id: "t",
  currency: "EUR",
  elements: [{ price_components: [{ type: "ENERGY", price: 0.3, vat: 21, step_size: 1 }] }],
  last_updated: "2025-01-01T00:00:00Z",
};
const RECORD = cdr([["2025-01-06T10:00:00Z", { ENERGY: 5, TIME: 0.5 }]], "2025-01-06T10:30:00Z");

/** The issues of the TariffError `f` throws (it must throw one, nothing else). */
function issuesOf(f: () => unknown): { path: string; message: string }[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TariffError);
    return [...(e as TariffError).issues];
  }
  throw new Error("no TariffError");
}

/** `{ a: { a: … } }`, `depth` objects deep. */
function nested(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe("OCPI: nesting", () => {
  it("a member nested 5,000 deep (a 10 kB file) is refused with its path, in a tariff and in a CDR; no RangeError", () => {
    const path = "/x" + "/a".repeat(63);
    expect(issuesOf(() => compileOcpiTariff({ ...TARIFF, x: nested(5000) }))).toEqual([{ path, message: "is nested more than 64 levels deep" }]);
    expect(issuesOf(() => ocpiToTariff({ ...TARIFF, elements: [{ ...TARIFF.elements[0], restrictions: { y: nested(5000) } }] }))[0]).toEqual({
      path: "/elements/0/restrictions/y" + "/a".repeat(60),
      message: "is nested more than 64 levels deep",
    });
    expect(issuesOf(() => priceCdr(TARIFF, { ...RECORD, x: nested(5000) }))).toEqual([{ path, message: "is nested more than 64 levels deep" }]);
    // 60 levels are read.
    expect(priceCdr(TARIFF, { ...RECORD, x: nested(60) }).totals).toEqual(priceCdr(TARIFF, RECORD).totals);
    expect(tooDeep(nested(100_000))).toBe("/a".repeat(64));
  });

  it("through the CLI: exit 1 with the path, not exit 3", () => {
    // (JSON.stringify itself cannot write 5,000 levels: the text is put together.)
    const text = JSON.stringify(TARIFF).replace(/^\{/, `{"x":${'{"a":'.repeat(5000)}{}${"}".repeat(5000)},`);
    expect(text.length).toBeLessThan(40_000);
    const r = runCli(["validate", "--kind", "ocpi-tariff", "-"], text);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain("<stdin>: /x/a/a/a");
    expect(r.err.join("\n")).toContain("is nested more than 64 levels deep");
  });
});

describe("OCPI: warnings", () => {
  it("64k ENERGY dimensions in one period: each warning is looked up in a set (linear), at most 1,000 listed", () => {
    const dims = Array.from({ length: 65_536 }, () => ({ type: "ENERGY", volume: 0.0001 }));
    const record = { ...RECORD, charging_periods: [{ start_date_time: "2025-01-06T10:00:00Z", dimensions: [...dims, { type: "TIME", volume: 0.5 }] }] };
    const p = priceCdr(TARIFF, record);
    expect(p.warnings.length).toBe(1001);
    expect(p.warnings[1000]).toEqual({ path: "", message: "more than 1000 warnings; the rest are not listed" });
    const one = { ...RECORD, charging_periods: [{ start_date_time: "2025-01-06T10:00:00Z", dimensions: [{ type: "ENERGY", volume: 6.5536 }, { type: "TIME", volume: 0.5 }] }] };
    expect(p.totals).toEqual(priceCdr(TARIFF, one).totals);
  });

  it("a warning given twice is listed once; errors past 100 are counted", () => {
    const notes = new Notes();
    notes.warn("/a", "x");
    notes.warn("/a", "x");
    notes.warn("/a", "y");
    expect(notes.warnings.map((w) => w.message)).toEqual(["x", "y"]);
    for (let i = 0; i < 250; i++) notes.error(`/e/${i}`, "bad");
    const issues = issuesOf(() => notes.check("doc"));
    expect(issues.length).toBe(101);
    expect(issues[100]).toEqual({ path: "", message: "and 150 more problem(s) not listed" });
  });
});

describe("OCPI and OCPP: numbers", () => {
  it("a price of 1e308 is refused with its path (it gave Infinity and null totals)", () => {
    const big = { ...TARIFF, elements: [{ price_components: [{ type: "ENERGY", price: 1e308, vat: 21, step_size: 1 }] }] };
    expect(issuesOf(() => priceCdr(big, RECORD))).toEqual([{ path: "/elements/0/price_components/0/price", message: "must be at most 1000000000 in size (got 1e+308)" }]);
    expect(issuesOf(() => priceCdr(TARIFF, { ...RECORD, total_energy: 1e308 }))[0]!.path).toBe("/total_energy");
  });

  it("2^53 + 1 and 19-digit decimals are refused: the float is not the number written", () => {
    const text = `{"country_code":"NL","party_id":"X","id":"t","currency":"EUR","elements":[{"price_components":[{"type":"ENERGY","price":0.1234567890123456789,"step_size":9007199254740993}]}],"last_updated":"2025-01-01T00:00:00Z"}`;
    expect(issuesOf(() => compileOcpiTariff(JSON.parse(text)))).toEqual([
      { path: "/elements/0/price_components/0/price", message: "has more than 15 significant digits (read as 0.12345678901234568); it cannot be read exactly" },
      { path: "/elements/0/price_components/0/step_size", message: "must be a whole number" },
      { path: "/elements/0/price_components/0/step_size", message: "must be at most 1000000000 in size (got 9007199254740992)" },
    ]);
    expect(numberProblem(0.123456789012345)).toBeUndefined();
    expect(numberProblem(999_999_999.5)).toBeUndefined();
    expect(numberProblem(-1e9)).toBeUndefined();
  });

  it("VAT of 250 % is refused (0 to 100), in OCPI tariffs, CDR taxes and OCPP tax rates", () => {
    const vat = { ...TARIFF, elements: [{ price_components: [{ type: "ENERGY", price: 0.3, vat: 250, step_size: 1 }] }] };
    expect(issuesOf(() => ocpiToTariff(vat))).toEqual([{ path: "/elements/0/price_components/0/vat", message: "must be a percentage from 0 to 100" }]);
    const taxed = { ...RECORD, total_cost: { before_taxes: 1, taxes: [{ name: "VAT", percentage: 250, amount: 2.5 }] } };
    expect(issuesOf(() => priceCdr(TARIFF, taxed))).toEqual([{ path: "/total_cost/taxes/0/percentage", message: "must be a percentage from 0 to 100" }]);
    const ocpp = { tariffId: "o", currency: "EUR", energy: { prices: [{ priceKwh: 0.3 }], taxRates: [{ type: "VAT", tax: 250 }] } };
    expect(issuesOf(() => ocppToTariff(ocpp, { market: "NL" }))).toEqual([{ path: "/energy/taxRates/0/tax", message: "must be a percentage from 0 to 100" }]);
    const huge = { tariffId: "o", currency: "EUR", energy: { prices: [{ priceKwh: 1e308 }] } };
    expect(issuesOf(() => ocppToTariff(huge, { market: "NL" }))).toEqual([{ path: "/energy/prices/0/priceKwh", message: "must be at most 1000000000 in size (got 1e+308)" }]);
  });
});

describe("OCPI: the country of a charge record", () => {
  it('"constructor" (a property of every object) is not priced as CO: refused, with its path', () => {
    for (const country of ["constructor", "__proto__", "toString", "COLOMBIA"]) {
      const issues = issuesOf(() => priceCdr(TARIFF, { ...RECORD, cdr_location: { country } }));
      expect(issues[0], country).toEqual({ path: "/cdr_location/country", message: `is not an ISO 3166-1 country code (${country})` });
    }
    // Alpha-3 (as OCPI writes it) and alpha-2 are read.
    expect(priceCdr(TARIFF, { ...RECORD, cdr_location: { country: "NLD" } }).totals).toEqual(priceCdr(TARIFF, { ...RECORD, cdr_location: { country: "NL" } }).totals);
  });

  it("a 10 MB time zone is quoted by its first 64 characters and its length", () => {
    const zone = "Z".repeat(10 << 20);
    const issues = issuesOf(() => priceCdr(TARIFF, { ...RECORD, cdr_location: { country: "NLD", time_zone: zone } }));
    expect(issues).toEqual([{ path: "/cdr_location/time_zone", message: `is not an IANA time zone (${"Z".repeat(64)}…(10485760 characters))` }]);
  });
});
