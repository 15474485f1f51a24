/**
 * The CLI as built for a fast start (tsup.config.ts, issue 12): dist/cli.js, dist/batch-worker.js and
 * dist/compare-worker.js are each one self-contained file, and the zones the CLI bundles in (src/cli/zones.ts, the embedded
 * tz data in place of Intl for the market zones) give Intl's offsets.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as cliZones from "../../src/cli/zones.js";
import { intlZones, zone as intlZone } from "../../src/time/zones.js";
import { ZONE_NAMES } from "../../src/time/embedded-zones.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const HOUR = 3_600_000;

/** Every module specifier a built ESM file imports, statically or dynamically. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["']([@\w./:-]+)["']/g)) found.add(m[1]!);
  return [...found];
}

describe("the CLI bundles (npm run build)", () => {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

  for (const file of ["dist/cli.js", "dist/batch-worker.js", "dist/compare-worker.js"]) {
    it(`${file} is one file: it imports nothing but Node's built-ins`, () => {
      expect(existsSync(`${root}/${file}`), "run npm run build first (npm test does)").toBe(true);
      const code = readFileSync(`${root}/${file}`, "utf8");
      expect(code.startsWith("#!/usr/bin/env node\n")).toBe(true);
      expect(importsOf(code).filter((s) => !builtins.has(s))).toEqual([]);
    });
  }

  it("prices the bundled session and prints its version", () => {
    const out = execFileSync(process.execPath, ["dist/cli.js", "price", "tariffs/gr/athens-dc-150.json", "tariffs/gr/sessions/evening-fast-charge.json", "--json"], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(out).totals.gross).toMatch(/^\d+\.\d{2}$/);
    const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { version: string };
    expect(execFileSync(process.execPath, ["dist/cli.js", "--version"], { cwd: root, encoding: "utf8" }).trim()).toBe(pkg.version);
  });
});

describe("the CLI's zones (src/cli/zones.ts)", () => {
  it("know the zones Intl knows, and report the same problem for others", () => {
    for (const name of [...ZONE_NAMES, "Asia/Tokyo", "europe/athens", "Europe/Atlantis", "Etc/GMT+5", "../etc"]) {
      expect(cliZones.isTimeZone(name), name).toBe(intlZones.zoneProblem(name) === null);
      expect(cliZones.intlZones.zoneProblem(name), name).toBe(intlZones.zoneProblem(name));
    }
  });

  it("give Intl's offset for every market zone, every 6 hours of 2025–2027, and around 1970 and 2100", () => {
    const instants: number[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 6 * HOUR) instants.push(t);
    for (const edge of [Date.UTC(1970, 0, 1), Date.UTC(2100, 0, 1)]) for (let d = -48; d <= 48; d++) instants.push(edge + d * HOUR - 1, edge + d * HOUR);
    const mismatches: string[] = [];
    for (const name of ZONE_NAMES) {
      const ours = cliZones.zone(name);
      const intl = intlZone(name);
      for (const t of instants) if (ours.offsetMs(t) !== intl.offsetMs(t)) mismatches.push(`${name} at ${new Date(t).toISOString()}: ${ours.offsetMs(t)} ≠ ${intl.offsetMs(t)}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
