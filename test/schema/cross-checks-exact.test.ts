/**
 * The tariff's cross-field checks where the shape check has already found something: each document
 * gets exactly the issues listed, no cross-field issue about a member that is not there or not of its
 * type, and steps with a fraction beyond the first decimal are seen as fractions.
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
  });
});
