/**
 * The tariff's cross-field checks where the shape check has already found something: each document
 * gets exactly the issues listed, no cross-field issue about a member that is not there or not of its
 * type (a list whose text is a valid value included), a problem both find listed once, steps with a
 * fraction beyond the first decimal seen as fractions, and decimals too large for the fast reader
 * compared exactly.
 */
import { describe, expect, it } from "vitest";
import { safeParseTariff } from "../../src/index.js";

const base = { version: 1, id: "t", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] };
const issues = (x: object) => {
  const r = safeParseTariff({ ...base, ...x });
  return r.ok ? "parsed" : r.issues;
};
const when = (w: object) => issues({ energy: [{ price: "0.45", when: w }] });

describe("cross-field checks beside the shape check's issues", () => {
  it("a time or idle step with a fraction anywhere after the point is not whole seconds", () => {
    expect(issues({ time: [{ price: "0.05", step: "1.05" }] })).toEqual([{ path: "/time/0/step", message: "is in whole seconds for time and idle" }]);
    expect(issues({ idle: [{ price: "0.05", step: "60.001" }] })).toEqual([{ path: "/idle/0/step", message: "is in whole seconds for time and idle" }]);
    expect(issues({ idle: [{ price: "0.05", step: "60.000" }] })).toBe("parsed");
  });

  it("a time-of-day window or dates without their members, or of the wrong type: only the shape's issues", () => {
    expect(when({ timeOfDay: {} })).toEqual([
      { path: "/energy/0/when/timeOfDay/from", message: "is required" },
      { path: "/energy/0/when/timeOfDay/to", message: "is required" },
    ]);
    expect(when({ timeOfDay: { from: 5, to: 5 } })).toEqual([
      { path: "/energy/0/when/timeOfDay/from", message: 'must be a time "HH:MM"' },
      { path: "/energy/0/when/timeOfDay/to", message: 'must be a time "HH:MM"' },
    ]);
    expect(when({ dates: { from: 20270101, to: 20260101 } })).toEqual([
      { path: "/energy/0/when/dates/from", message: 'must be a date "YYYY-MM-DD"' },
      { path: "/energy/0/when/dates/to", message: 'must be a date "YYYY-MM-DD"' },
    ]);
    expect(when({ dates: { from: "2027-01-01", to: 20260101 } })).toEqual([{ path: "/energy/0/when/dates/to", message: 'must be a date "YYYY-MM-DD"' }]);
    expect(when({ dates: { from: 20270101, to: "2026-01-01" } })).toEqual([{ path: "/energy/0/when/dates/from", message: 'must be a date "YYYY-MM-DD"' }]);
    // A list reads as its text ("2026-01-01") in a comparison: still only the shape's issue, not "must be after from".
    expect(when({ dates: { from: "2027-01-01", to: ["2026-01-01"] } })).toEqual([{ path: "/energy/0/when/dates/to", message: 'must be a date "YYYY-MM-DD"' }]);
    expect(when({ dates: { from: ["2027-01-01"], to: "2026-01-01" } })).toEqual([{ path: "/energy/0/when/dates/from", message: 'must be a date "YYYY-MM-DD"' }]);
  });

  it("a market or currency that is not a string is not looked up, even when its text is a code", () => {
    expect(issues({ market: ["GR"], currency: "USD" })).toEqual([{ path: "/market", message: "must be a string" }]);
    expect(issues({ currency: ["USD"] })).toEqual([{ path: "/currency", message: "must be a string" }]);
    expect(issues({ currency: ["XYQ"] })).toEqual([{ path: "/currency", message: "must be a string" }]);
  });

  it("a time zone that is not a string is not also called missing; the longest name allowed is still looked up", () => {
    expect(issues({ market: "US-TX", currency: "USD", timeZone: 5 })).toEqual([{ path: "/timeZone", message: "must be an IANA time zone name" }]);
    const de = { market: "DE", taxes: [{ name: "VAT", rate: "0.19", appliesTo: ["energy"] }] };
    expect(issues({ ...de, timeZone: 5 })).toEqual([{ path: "/timeZone", message: "must be an IANA time zone name" }]);
    expect(issues({ market: "US-TX", currency: "USD", timeZone: "Z".repeat(65) })).toEqual([{ path: "/timeZone", message: "is too long" }]);
    const longest = "Z".repeat(64);
    expect(issues({ timeZone: longest })).toEqual([{ path: "/timeZone", message: `is not an IANA time zone (${longest})` }]);
  });

  it("a step that is not a decimal gets the shape's issue only, in every dimension", () => {
    const notDecimal = { path: "", message: 'must be a non-negative decimal with at most 6 decimals, e.g. "0.45"' };
    expect(issues({ flat: [{ price: "1", step: "x" }] })).toEqual([{ ...notDecimal, path: "/flat/0/step" }]);
    expect(issues({ energy: [{ price: "0.45", step: "x" }] })).toEqual([{ ...notDecimal, path: "/energy/0/step" }]);
    expect(issues({ time: [{ price: "0.05", step: -1 }] })).toEqual([{ ...notDecimal, path: "/time/0/step" }]);
  });

  it("more than 100 rates: one issue for the list, none for the rates past the 100th", () => {
    const rates = Array.from({ length: 101 }, (_, i) => ({ price: "0.45", step: i < 100 ? "1" : "0" }));
    expect(issues({ energy: rates })).toEqual([{ path: "/energy", message: "has more than 100 rates" }]);
    // The 100th rate (index 99) is still checked.
    rates[99] = { price: "0.45", step: "0" };
    expect(issues({ energy: rates })).toEqual([
      { path: "/energy", message: "has more than 100 rates" },
      { path: "/energy/99/step", message: "must be greater than 0 (omit it for no step)" },
    ]);
  });

  it("a problem that the shape check and a cross-field check both find is listed once", () => {
    // Six components: one more than there are (the shape's bound), so one is named twice (the cross-field check).
    const appliesTo = ["energy", "time", "idle", "flat", "excise", "energy"];
    expect(issues({ taxes: [{ name: "VAT", rate: "0.24", appliesTo }] })).toEqual([{ path: "/taxes/0/appliesTo", message: "names a component twice" }]);
  });

  it("decimals beyond 2^53 millionths are compared exactly", () => {
    // 99999999999 kWh is 10^17 millionths, past what the fast reader reads as a number.
    expect(when({ powerKW: { min: "99999999999", max: "1" } })).toEqual([{ path: "/energy/0/when/powerKW/max", message: "must be greater than min (min is inclusive, max exclusive)" }]);
    expect(when({ powerKW: { min: "1", max: "99999999999" } })).toBe("parsed");
    expect(issues({ minPrice: "99999999999.5", maxPrice: "99999999999.25" })).toEqual([{ path: "/maxPrice", message: "must not be below minPrice" }]);
  });
});
