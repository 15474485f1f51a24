import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../scripts/json-schemas.js";

describe("shipped JSON Schemas", () => {
  it("are generated from the parser's zod schemas and up to date (run `npm run schema`)", () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), "utf8"));
      expect(committed, `schema/${file} is stale: run npm run schema`).toEqual(schema);
    }
  });

  it("describe the tariff file's fields", () => {
    const tariff = jsonSchemas()["tariff.schema.json"] as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(tariff.required).toEqual(expect.arrayContaining(["version", "id", "market", "currency"]));
    expect(Object.keys(tariff.properties)).toEqual(expect.arrayContaining(["energy", "time", "idle", "flat", "minPrice", "maxPrice", "timeZone"]));
    expect(tariff.additionalProperties).toBe(false);
  });
});
