/**
 * The parsers' compiled shape checks (src/schema/shape.ts) on small zod schemas of their own: each is
 * true exactly where zod accepts, at the edges of every bound, and `remember` asks its lookup once per
 * key, for at most 500 keys.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { compileShape, pick, remember } from "../../src/schema/shape.js";

/** The compiled check and zod agree on every value. */
function agree(schema: z.core.$ZodType, values: readonly unknown[]): boolean[] {
  const check = compileShape(schema);
  return values.map((v) => {
    const ok = check(v);
    expect(ok, JSON.stringify(v)).toBe(z.safeParse(schema, v).success);
    return ok;
  });
}

describe("compileShape", () => {
  it("string lengths: at most and at least, edges included", () => {
    const s = z.string().check(z.minLength(2), z.maxLength(4));
    expect(agree(s, ["a", "ab", "abcd", "abcde", 12, null])).toEqual([false, true, true, false, false, false]);
  });

  it("numbers above a bound, exclusive and inclusive", () => {
    expect(agree(z.number().check(z.gt(1)), [1, 1.5, 0, "2"])).toEqual([false, true, false, false]);
    expect(agree(z.number().check(z.gte(1)), [1, 0.999, 2])).toEqual([true, false, true]);
  });

  it("patterns and refinements", () => {
    expect(agree(z.string().check(z.regex(/^[A-Z]{3}$/)), ["EUR", "eur", "EURO"])).toEqual([true, false, false]);
    expect(agree(z.string().check(z.refine((v) => v !== "no")), ["yes", "no"])).toEqual([true, false]);
  });

  it("records: every member's key and value, and only plain objects", () => {
    const r = z.record(z.string().check(z.maxLength(2)), z.number());
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = 1;
    class Box {
      a = 1;
    }
    expect(agree(r, [{ a: 1, b: 2 }, { a: 1, bcd: 2 }, { a: 1, b: "2" }, {}, [1], null])).toEqual([true, false, false, true, false, false]);
    // Objects that are not plain (no prototype, a class) are left to zod's checker, which words them.
    expect(compileShape(r)(bare)).toBe(false);
    expect(compileShape(r)(new Box())).toBe(false);
  });

  it("optional, nullable, enums and literals", () => {
    expect(agree(z.optional(z.literal(1)), [undefined, 1, 2, null])).toEqual([true, true, false, false]);
    expect(agree(z.nullable(z.enum(["a", "b"])), [null, "a", "c", undefined])).toEqual([true, true, false, false]);
  });

  it("unions, arrays with their bounds, and strict objects with their required members", () => {
    expect(agree(z.union([z.string().check(z.maxLength(1)), z.number()]), ["a", "ab", 1, null])).toEqual([true, false, true, false]);
    expect(agree(z.array(z.number()).check(z.maxLength(2)), [[], [1, 2], [1, 2, 3], [1, "2"], { 0: 1 }])).toEqual([true, true, false, false, false]);
    const o = z.strictObject({ a: z.number(), b: z.optional(z.string()) });
    expect(agree(o, [{ a: 1 }, { a: 1, b: "x" }, { b: "x" }, { a: 1, c: 2 }, { a: "1" }, [], null])).toEqual([true, true, false, false, false, false, false]);
  });

  it("an object that is not strict is false: the full checker decides (it keeps or drops unknown members)", () => {
    // zod passes { a: 1, extra: 2 } through a loose object; the compiled check is only for strict ones.
    const loose = z.object({ a: z.number() });
    expect(z.safeParse(loose, { a: 1, extra: 2 }).success).toBe(true);
    expect(compileShape(loose)({ a: 1 })).toBe(false);
    expect(compileShape(z.looseObject({ a: z.number() }))({ a: 1, extra: 2 })).toBe(false);
  });

  it("an unknown kind of schema is false: the full checker decides", () => {
    expect(compileShape(z.bigint())(1n)).toBe(false);
  });

  it("a check of a kind it does not compile is false, and never true where zod refuses", () => {
    // String formats other than a regex: base64's pattern alone accepts "abc" (zod also wants a length
    // that is a multiple of 4), and a URL has no pattern at all (zod tries to read it).
    const base64 = z.string().check(z.base64());
    expect(z.safeParse(base64, "abc").success).toBe(false);
    expect(compileShape(base64)("abc")).toBe(false);
    const url = z.string().check(z.url());
    expect(z.safeParse(url, "nope").success).toBe(false);
    expect(compileShape(url)("nope")).toBe(false);
    const below5 = z.number().check(z.lt(5));
    expect(z.safeParse(below5, 7).success).toBe(false);
    expect(compileShape(below5)(7)).toBe(false);
  });
});

describe("pick", () => {
  it("keeps the named members present, in the order named, mapped", () => {
    expect(Object.entries(pick({ c: 3, a: 1, b: undefined }, ["a", "b", "c"], (v: number) => v * 10))).toEqual([
      ["a", 10],
      ["c", 30],
    ]);
  });
});

describe("remember", () => {
  it("asks once per key, and remembers at most 500 keys", () => {
    const asked: string[] = [];
    const look = remember((key) => (asked.push(key), key.length));
    expect([look("ab"), look("ab"), look("abc")]).toEqual([2, 2, 3]);
    expect(asked).toEqual(["ab", "abc"]);
    for (let i = 0; i < 498; i++) look(`k${i}`);
    // 500 keys remembered: the 501st is asked each time.
    look("k-last");
    look("k-last");
    look("ab");
    expect(asked.filter((k) => k === "k-last")).toHaveLength(2);
    expect(asked.filter((k) => k === "ab")).toHaveLength(1);
    expect(asked).toHaveLength(2 + 498 + 2);
  });
});
