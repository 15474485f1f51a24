/**
 * Writes the firmware bundles of `ev-tariff/no-intl` (one file each, dependencies included):
 * dist/firmware/ev-tariff-no-intl.js (IIFE, global `EvTariff`) and dist/firmware/ev-tariff-no-intl.mjs
 * (ESM). Run with `npm run build:firmware`; test/firmware runs the same bundle in QuickJS.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { firmwareBundle } from "./firmware-bundle.js";

const dir = new URL("../dist/firmware/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [format, file] of [["iife", "ev-tariff-no-intl.js"], ["esm", "ev-tariff-no-intl.mjs"]] as const) {
  const text = await firmwareBundle(format);
  writeFileSync(new URL(file, dir), text);
  console.log(`wrote dist/firmware/${file} (${text.length} bytes, ${gzipSync(text, { level: 9 }).length} gzip)`);
}
