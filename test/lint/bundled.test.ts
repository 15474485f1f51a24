/**
 * lint over every bundled tariff (tariffs/**), with what it finds recorded here. The bundled tariffs
 * are valid and have no rate that never applies, no time-of-use gap and no idle fee without a grace
 * period; what remains are the markets' transparency notes. A change to a bundled tariff that the
 * lint sees shows up here as a difference to read, not a silent fix.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintTariff } from "../../src/index.js";

const TARIFFS = join(import.meta.dirname, "..", "..", "tariffs");

function tariffFiles(folder: string, prefix = ""): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name === "sessions" ? [] : tariffFiles(join(folder, e.name), rel);
      return e.name.endsWith(".json") && rel !== "manifest.json" ? [rel] : [];
    })
    .sort();
}

/** "severity rule pointer" of each finding, by bundled tariff. */
const EXPECTED: Record<string, string[]> = {
  "aw/oranjestad-dc-50.json": ["info transparency-not-checked /market"],
  "be/antwerp-ac-22.json": ["info afir-display-order "],
  "be/brussels-dc-150.json": ["info afir-display-order "],
  "br/sao-paulo-dc-120.json": ["info transparency-not-checked /market"],
  "cl/santiago-dc-60.json": ["info transparency-not-checked /market"],
  "co/bogota-dc-60.json": ["info transparency-not-checked /market"],
  "cr/san-jose-dc-50.json": ["info transparency-not-checked /market"],
  "fr/lyon-dc-100.json": ["info afir-display-order "],
  "fr/paris-ac-22.json": ["info afir-display-order "],
  "gr/athens-dc-150.json": ["info afir-display-order "],
  "gr/thessaloniki-ac-22.json": ["info afir-display-order "],
  "gt/guatemala-dc-60.json": ["info transparency-not-checked /market"],
  "jm/kingston-dc-50.json": ["info transparency-not-checked /market"],
  "lu/capellen-dc-150.json": ["info afir-display-order "],
  "lu/kirchberg-ac-22.json": ["info afir-display-order "],
  "mx/cdmx-dc-120.json": ["info transparency-not-checked /market"],
  "mx/tijuana-ac-22.json": ["info transparency-not-checked /market"],
  "nl/amsterdam-ac-22.json": ["info afir-display-order "],
  "nl/utrecht-dc-300.json": ["info afir-display-order "],
  "pa/panama-city-dc-60.json": ["info transparency-not-checked /market"],
  "pr/san-juan-dc-60.json": ["info nist-additional-fees "],
  "sv/san-salvador-dc-50.json": ["info transparency-not-checked /market"],
  "us/brooklyn-ac-tou.json": [],
  "us/des-moines-dc-150.json": ["info nist-additional-fees "],
  "us/louisville-dc-100.json": ["info nist-additional-fees "],
  "uy/montevideo-dc-punta.json": ["info transparency-not-checked /market"],
};

describe("lint over the bundled tariffs", () => {
  const files = tariffFiles(TARIFFS);
  it("lints every bundled tariff, and the table above names them all", () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(files)("%s", (file) => {
    const result = lintTariff(JSON.parse(readFileSync(join(TARIFFS, file), "utf8")));
    expect(result.valid).toBe(true);
    expect(result.errors).toBe(0);
    expect(result.findings.map((f) => `${f.severity} ${f.rule} ${f.pointer}`)).toEqual(EXPECTED[file]);
  });
});
