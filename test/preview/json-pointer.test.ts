/** preview/json-pointer.ts: the span of a pointer's value in a JSON text equals the value. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locatePointer } from "../../preview/json-pointer.js";

const escape = (t: string) => t.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every pointer of a document with its value. */
function pointers(doc: unknown, at = ""): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [[at, doc]];
  if (Array.isArray(doc)) doc.forEach((v, k) => out.push(...pointers(v, `${at}/${k}`)));
  else if (doc !== null && typeof doc === "object") for (const [k, v] of Object.entries(doc)) out.push(...pointers(v, `${at}/${escape(k)}`));
  return out;
}

describe("locatePointer", () => {
  const text = '{\n  "energy": [\n    { "price": "0.59", "when": { "days": [1, 2] } },\n    { "price": "0.49" }\n  ],\n  "a/b": { "~x": null },\n  "flat": []\n}';

  it("finds a member, an array item and escaped keys", () => {
    const at = (p: string) => {
      const s = locatePointer(text, p)!;
      return text.slice(s.start, s.end);
    };
    expect(at("/energy/1")).toBe('{ "price": "0.49" }');
    expect(at("/energy/0/price")).toBe('"0.59"');
    expect(at("/energy/0/when/days/1")).toBe("2");
    expect(at("/a~1b/~0x")).toBe("null");
    expect(at("/flat")).toBe("[]");
    expect(at("")).toBe(text);
  });

  it("falls back to the nearest written ancestor, and gives nothing for text that is not JSON", () => {
    const s = locatePointer(text, "/energy/1/when/timeOfDay")!;
    expect(text.slice(s.start, s.end)).toBe('{ "price": "0.49" }');
    expect(locatePointer('{"a": [1,', "/a")).toBeUndefined();
  });

  it("locates every value of any document, however it is indented", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, "\t"), (doc, indent) => {
        const written = JSON.stringify(doc, null, indent);
        if (written === undefined) return;
        for (const [p, v] of pointers(JSON.parse(written))) {
          const s = locatePointer(written, p);
          expect(s).toBeDefined();
          expect(JSON.parse(written.slice(s!.start, s!.end))).toEqual(v);
        }
      }),
      { numRuns: 200 },
    );
  });
});
