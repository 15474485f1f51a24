/**
 * fromZodIssues on issues made by hand: each wording rule on its own, for every document reader that
 * uses it (the v1 parsers, and the OCPI and OCPP readers, whose documents may be anything at all).
 */
import { describe, expect, it } from "vitest";
import type { $ZodIssue } from "zod/v4/core";
import { fromZodIssues, MAX_ISSUES } from "../../src/schema/issues.js";

const issue = (code: string, path: PropertyKey[], message = "Invalid input", extra: object = {}) => ({ code, path, message, input: undefined, ...extra }) as unknown as $ZodIssue;
const typeIssue = (path: PropertyKey[], expected: string) => issue("invalid_type", path, "Invalid input", { expected });

describe("fromZodIssues", () => {
  it("a document that is not an object: one issue at the root, whatever zod said", () => {
    for (const doc of [5, null, [], "x", true]) {
      expect(fromZodIssues([typeIssue([], "object")], doc), JSON.stringify(doc)).toEqual([{ path: "", message: "must be a JSON object" }]);
      expect(fromZodIssues([issue("custom", [], "needs a price")], doc), JSON.stringify(doc)).toEqual([{ path: "", message: "must be a JSON object" }]);
    }
    // An object at the root with an issue at the root keeps the issue's own words.
    expect(fromZodIssues([issue("custom", [], "needs a price")], {})).toEqual([{ path: "", message: "needs a price" }]);
    // A list at the root (a reader whose document is a list) keeps each issue below the root at its own path.
    expect(fromZodIssues([typeIssue([0, "price"], "string"), typeIssue([1], "object")], [{}, 5])).toEqual([
      { path: "/0/price", message: "is required" },
      { path: "/1", message: "must be a JSON object" },
    ]);
  });

  it("an absent member of a present object is required; anything else is worded by its issue", () => {
    const doc = { a: { b: 1 }, list: [{}], s: "text", n: null };
    expect(fromZodIssues([typeIssue(["a", "c"], "string")], doc)).toEqual([{ path: "/a/c", message: "is required" }]);
    expect(fromZodIssues([typeIssue(["list", 0, "price"], "string")], doc)).toEqual([{ path: "/list/0/price", message: "is required" }]);
    expect(fromZodIssues([typeIssue(["top"], "string")], doc)).toEqual([{ path: "/top", message: "is required" }]);
    // The parent is not an object (a string, null, a number, an array, absent): not "is required".
    expect(fromZodIssues([typeIssue(["s", "x"], "string")], doc)).toEqual([{ path: "/s/x", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["n", "x"], "string")], doc)).toEqual([{ path: "/n/x", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["a", "b", "c"], "string")], doc)).toEqual([{ path: "/a/b/c", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["list", 5], "object")], doc)).toEqual([{ path: "/list/5", message: "must be a JSON object" }]);
    expect(fromZodIssues([typeIssue(["gone", "x"], "string")], doc)).toEqual([{ path: "/gone/x", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["n", "x", "y"], "string")], doc)).toEqual([{ path: "/n/x/y", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["gone", "x", "y"], "string")], doc)).toEqual([{ path: "/gone/x/y", message: "must be a string" }]);
    expect(fromZodIssues([typeIssue(["s", "x", "y"], "string")], doc)).toEqual([{ path: "/s/x/y", message: "must be a string" }]);
    // A member present with a wrong type.
    expect(fromZodIssues([typeIssue(["a", "b"], "string")], doc)).toEqual([{ path: "/a/b", message: "must be a string" }]);
  });

  it("words a wrong type by what was expected", () => {
    const doc = { x: 1 };
    expect(fromZodIssues([typeIssue(["x"], "array")], doc)).toEqual([{ path: "/x", message: "must be a JSON array (a list)" }]);
    expect(fromZodIssues([typeIssue(["x"], "object")], doc)).toEqual([{ path: "/x", message: "must be a JSON object" }]);
    expect(fromZodIssues([typeIssue(["x"], "boolean")], doc)).toEqual([{ path: "/x", message: "must be a boolean" }]);
    // A type issue with words of its own keeps them.
    expect(fromZodIssues([issue("invalid_type", ["x"], "must be a decimal string, e.g. \"0.45\"", { expected: "string" })], doc)).toEqual([
      { path: "/x", message: "must be a decimal string, e.g. \"0.45\"" },
    ]);
  });

  it("another issue with zod's bare words names its code; one with words of its own keeps them", () => {
    const doc = { x: 1 };
    expect(fromZodIssues([issue("invalid_union", ["x"])], doc)).toEqual([{ path: "/x", message: "is not valid here (invalid_union)" }]);
    expect(fromZodIssues([issue("too_big", ["x"], "must be at most 100")], doc)).toEqual([{ path: "/x", message: "must be at most 100" }]);
    expect(fromZodIssues([issue("invalid_key", ["x"], "Invalid key in record", { issues: [{ message: "must be a market code" }] })], doc)).toEqual([
      { path: "/x", message: "must be a market code" },
    ]);
  });

  it("unknown members: one issue each, at the member's own path", () => {
    expect(fromZodIssues([issue("unrecognized_keys", ["a"], "Unrecognized keys", { keys: ["p", "q"] })], { a: {} })).toEqual([
      { path: "/a/p", message: "is not a known field" },
      { path: "/a/q", message: "is not a known field" },
    ]);
  });

  it(`lists the first ${MAX_ISSUES} issues and counts the rest, unknown members one by one`, () => {
    const doc = { x: 1 };
    const many = Array.from({ length: MAX_ISSUES + 5 }, (_, i) => issue("custom", ["x", i], "bad"));
    const out = fromZodIssues(many, doc);
    expect(out).toHaveLength(MAX_ISSUES + 1);
    expect(out[MAX_ISSUES - 1]).toEqual({ path: `/x/${MAX_ISSUES - 1}`, message: "bad" });
    expect(out[MAX_ISSUES]).toEqual({ path: "", message: "and 5 more issue(s) not listed" });
    // Exactly MAX_ISSUES: nothing counted.
    expect(fromZodIssues(many.slice(0, MAX_ISSUES), doc)).toHaveLength(MAX_ISSUES);
    // Unknown members past the cap count one each; an issue past the cap with no keys counts one.
    const keys = Array.from({ length: 7 }, (_, i) => `k${i}`);
    const withKeys = [...many.slice(0, MAX_ISSUES - 2), issue("unrecognized_keys", [], "Unrecognized keys", { keys }), issue("unrecognized_keys", [], "Unrecognized keys", { keys }), issue("custom", ["y"], "bad")];
    const capped = fromZodIssues(withKeys, doc);
    expect(capped).toHaveLength(MAX_ISSUES + 1);
    expect(capped.slice(MAX_ISSUES - 2, MAX_ISSUES)).toEqual([{ path: "/k0", message: "is not a known field" }, { path: "/k1", message: "is not a known field" }]);
    expect(capped[MAX_ISSUES]).toEqual({ path: "", message: `and ${5 + 7 + 1} more issue(s) not listed` });
  });
});
