/**
 * The tariff checks across fields, each by its exact issue, and the normalised form a parsed tariff
 * takes (numbers to decimal strings, nothing added).
 */
import { describe, expect, it } from "vitest";
import { parseTariff, safeParseTariff, type SafeParseResult } from "../../src/index.js";

const T = { version: 1, id: "t", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] };
const tax = (x: object) => ({ name: "X", appliesTo: ["energy"], ...x });
const issues = (r: SafeParseResult<unknown>) => (r.ok ? "parsed" : r.issues);

describe("a tariff's own taxes", () => {
  it("each states exactly one of rate and perKWh", () => {
    const one = [{ path: "/taxes/0", message: 'needs exactly one of rate (a fraction, e.g. "0.21") and perKWh (an excise per kWh)' }];
    expect(issues(safeParseTariff({ ...T, taxes: [tax({ rate: "0.1", perKWh: "0.01" })] }))).toEqual(one);
    expect(issues(safeParseTariff({ ...T, taxes: [tax({})] }))).toEqual(one);
  });

  it("an excise per kWh has no method and is levied on energy only", () => {
    expect(issues(safeParseTariff({ ...T, taxes: [tax({ perKWh: "0.01", method: "added" })] }))).toEqual([{ path: "/taxes/0/method", message: "applies to percentage taxes only" }]);
    expect(issues(safeParseTariff({ ...T, taxes: [tax({ perKWh: "0.01", appliesTo: ["energy", "time"] })] }))).toEqual([
      { path: "/taxes/0/appliesTo", message: 'an excise per kWh is levied on energy: use ["energy"]' },
    ]);
    expect(safeParseTariff({ ...T, taxes: [tax({ perKWh: "0.01" })] }).ok).toBe(true);
  });

  it("names each component once", () => {
    expect(issues(safeParseTariff({ ...T, taxes: [tax({ rate: "0.1", appliesTo: ["energy", "energy"] })] }))).toEqual([{ path: "/taxes/0/appliesTo", message: "names a component twice" }]);
  });

  it("taxes inside the price add up to less than 1; added ones may add up to more", () => {
    const inside = (a: string, b: string) => [tax({ rate: a, method: "inside" }), tax({ name: "Y", rate: b, method: "inside" })];
    expect(issues(safeParseTariff({ ...T, taxes: inside("0.5", "0.5") }))).toEqual([{ path: "/taxes", message: "taxes computed inside the price (method inside) must add up to less than 1" }]);
    expect(safeParseTariff({ ...T, taxes: inside("0.5", "0.49") }).ok).toBe(true);
    expect(safeParseTariff({ ...T, taxes: [tax({ rate: "0.6" }), tax({ name: "Y", rate: "0.6" })] }).ok).toBe(true);
  });

  it("entries that are not objects are reported once each, by the shape check", () => {
    expect(issues(safeParseTariff({ ...T, taxes: [null, 5] }))).toEqual([
      { path: "/taxes/0", message: "must be a JSON object" },
      { path: "/taxes/1", message: "must be a JSON object" },
    ]);
    expect(issues(safeParseTariff({ ...T, energy: [null] }))).toEqual([{ path: "/energy/0", message: "must be a JSON object" }]);
  });

  it("a market outside the table needs its zone named", () => {
    const de = { ...T, market: "DE", taxes: [tax({ rate: "0.19" })] };
    expect(issues(safeParseTariff(de))).toEqual([{ path: "/timeZone", message: "is required: market DE is not in the market table, so the tariff names its zone" }]);
    expect(safeParseTariff({ ...de, timeZone: "Europe/Berlin" }).ok).toBe(true);
  });
});

describe("market, currency and zone", () => {
  const tx = { version: 1, id: "t", market: "US-TX", currency: "USD", energy: [{ price: "0.45" }] };
  it("lists the market's zones and currencies when one is wrong or missing", () => {
    expect(issues(safeParseTariff(tx))).toEqual([{ path: "/timeZone", message: "is required: market US-TX spans several zones (America/Chicago, America/Denver)" }]);
    expect(issues(safeParseTariff({ ...tx, timeZone: "Europe/Paris" }))).toEqual([{ path: "/timeZone", message: "Europe/Paris is not a zone of market US-TX (America/Chicago, America/Denver)" }]);
    expect(issues(safeParseTariff({ ...T, market: "PA", currency: "EUR" }))).toEqual([{ path: "/currency", message: "EUR is not a currency of market PA (USD, PAB)" }]);
  });

  it("a tax rate is a fraction below 1; a dates condition ends after it starts", () => {
    expect(issues(safeParseTariff({ ...T, taxes: [tax({ rate: "1" })] }))).toEqual([{ path: "/taxes/0/rate", message: "is a fraction and must be below 1 (0.21 for 21 %)" }]);
    expect(issues(safeParseTariff({ ...T, energy: [{ price: "0.45", when: { dates: { from: "2026-05-01", to: "2026-05-01" } } }] }))).toEqual([
      { path: "/energy/0/when/dates/to", message: "must be after from (to is exclusive)" },
    ]);
  });
});

describe("validity and normal form", () => {
  it("validTo must be after validFrom, by at least a second", () => {
    expect(issues(safeParseTariff({ ...T, validFrom: "2026-05-01T00:00:00Z", validTo: "2026-05-01T00:00:00Z" }))).toEqual([{ path: "/validTo", message: "must be after validFrom" }]);
    expect(issues(safeParseTariff({ ...T, validFrom: "2026-05-01T02:00:00+02:00", validTo: "2026-05-01T00:00:00Z" }))).toEqual([{ path: "/validTo", message: "must be after validFrom" }]);
    expect(safeParseTariff({ ...T, validFrom: "2026-05-01T00:00:00Z", validTo: "2026-05-01T00:00:01Z" }).ok).toBe(true);
  });

  it("a parsed rate holds decimal strings and only the fields given", () => {
    const t = parseTariff({ ...T, energy: [{ price: 0.45, step: 0.5, when: { sessionMinutes: { max: 30 }, idleMinutes: { min: 5 }, days: ["mon"] } }, { price: "0.30" }] });
    expect(t.energy).toStrictEqual([
      { price: "0.45", step: "0.5", when: { days: ["mon"], sessionMinutes: { max: "30" }, idleMinutes: { min: "5" } } },
      { price: "0.30" },
    ]);
  });
});
