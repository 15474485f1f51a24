/**
 * How zod's findings become issues: one `{ path, message }` per problem, a JSON Pointer each, with
 * "is required" for an absent member and plain words for a wrong type. Exact messages throughout.
 */
import { describe, expect, it } from "vitest";
import { safeParseSession, safeParseTariff, TariffError, type SafeParseResult } from "../../src/index.js";

const T = { version: 1, id: "t", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] };
const S = { start: "2026-03-28T23:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5" };
const issues = (r: SafeParseResult<unknown>) => (r.ok ? "parsed" : r.issues);

describe("issues from the schemas", () => {
  it("a document that is not an object", () => {
    for (const x of [5, null, [], "x", [S]]) expect(issues(safeParseSession(x)), JSON.stringify(x)).toEqual([{ path: "", message: "must be a JSON object" }]);
    expect(issues(safeParseTariff(null))).toEqual([{ path: "", message: "must be a JSON object" }]);
  });

  it("an absent member is required, at any depth; a present one of the wrong type says what it must be", () => {
    expect(issues(safeParseSession({ start: S.start, end: S.end }))).toEqual([{ path: "/energyKWh", message: "is required" }]);
    expect(issues(safeParseTariff({ ...T, energy: [{}] }))).toEqual([{ path: "/energy/0/price", message: "is required" }]);
    expect(issues(safeParseTariff({ ...T, energy: [5] }))).toEqual([{ path: "/energy/0", message: "must be a JSON object" }]);
    expect(issues(safeParseTariff({ ...T, energy: "x" }))).toEqual([{ path: "/energy", message: "must be a JSON array (a list)" }]);
    expect(issues(safeParseTariff({ ...T, energy: {} }))).toEqual([{ path: "/energy", message: "must be a JSON array (a list)" }]);
    expect(issues(safeParseTariff({ ...T, energy: [{ price: "0.45", when: null }] }))).toEqual([{ path: "/energy/0/when", message: "must be a JSON object" }]);
    expect(issues(safeParseTariff({ ...T, energy: [{ price: "0.45", when: { days: "mon" } }] }))).toEqual([{ path: "/energy/0/when/days", message: "must be a JSON array (a list)" }]);
  });

  it("meter readings that are not objects are each reported, and the cross checks skip them", () => {
    expect(issues(safeParseSession({ ...S, meter: [null, 5, []] }))).toEqual([
      { path: "/meter/0", message: "must be a JSON object" },
      { path: "/meter/1", message: "must be a JSON object" },
      { path: "/meter/2", message: "must be a JSON object" },
    ]);
  });

  it("a bad key of a record says what a key must be", () => {
    expect(issues(safeParseTariff({ ...T, name: { "EN-us!": "x" } }))).toEqual([{ path: "/name/EN-us!", message: "must be a language tag such as en or pt-BR" }]);
  });

  it("sessions: longer than 31 days refused unless allowed; exactly 31 days accepted", () => {
    expect(issues(safeParseSession({ ...S, end: "2026-04-28T23:30:00.001Z" }))).toEqual([{ path: "/end", message: "makes the session longer than 31 days; pass maxSessionDays to allow it" }]);
    expect(safeParseSession({ ...S, end: "2026-04-28T23:30:00Z" }).ok).toBe(true);
    expect(safeParseSession({ ...S, end: "2026-05-28T23:30:00Z" }, { maxSessionDays: 61 }).ok).toBe(true);
    expect(issues(safeParseSession({ ...S, end: "2026-03-31T23:30:00Z" }, { maxSessionDays: 2 }))).toEqual([{ path: "/end", message: "makes the session longer than 2 days; pass maxSessionDays to allow it" }]);
  });
});

describe("TariffError", () => {
  it("names the first issue and how many more there are", () => {
    expect(new TariffError([{ path: "/a", message: "is wrong" }]).message).toBe("invalid input: /a: is wrong");
    expect(new TariffError([{ path: "", message: "is empty" }], "tariff").message).toBe("invalid tariff: /: is empty");
    expect(new TariffError([{ path: "/a", message: "x" }, { path: "/b", message: "y" }, { path: "/c", message: "z" }], "session").message).toBe("invalid session: /a: x (and 2 more)");
    expect(new TariffError([]).message).toBe("invalid input: invalid");
  });
});
