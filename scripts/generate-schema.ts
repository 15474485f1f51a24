/**
 * Writes schema/tariff.schema.json and schema/session.schema.json from the zod schemas the parser
 * uses, so editors check tariff files against the same rules. Run by `npm run build`; a test checks
 * the committed files are current.
 */
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "./json-schemas.js";

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), JSON.stringify(schema, null, 2) + "\n");
  console.log(`wrote schema/${file}`);
}
