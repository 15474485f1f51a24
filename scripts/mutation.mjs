#!/usr/bin/env node
/**
 * `npm run mutation`: Stryker (vitest runner) over the core, one part at a time, then the score of the
 * whole. Each part keeps its own incremental file, so a rerun after a change tests only the mutants the
 * change touches. Usage: npm run mutation [-- money tax …] (default: every part); `-- --score` only
 * adds up the last reports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const PARTS = {
  money: ["src/money/**/*.ts", "!src/money/iso4217.ts"],
  tax: ["src/tax/**/*.ts"],
  time: ["src/time/**/*.ts", "!src/time/zone-data.ts"],
  schema: ["src/schema/**/*.ts"],
  compile: ["src/compile/**/*.ts"],
  // The engine in two parts, each short enough for one run on a 2-core machine.
  price: ["src/price/**/*.ts", "src/engine/**/*.ts", "!src/engine/price.ts", "!src/engine/plan.ts"],
  engine: ["src/engine/price.ts", "src/engine/plan.ts"],
};
const args = process.argv.slice(2);
const scoreOnly = args.includes("--score");
const chosen = args.filter((a) => !a.startsWith("--"));
for (const name of chosen) if (!PARTS[name]) throw new Error(`unknown part ${name}; parts: ${Object.keys(PARTS).join(", ")}`);
const base = JSON.parse(readFileSync("stryker.config.json", "utf8"));
mkdirSync("reports/mutation", { recursive: true });

let failed = false;
if (!scoreOnly) {
  for (const name of chosen.length ? chosen : Object.keys(PARTS)) {
    const config = {
      ...base,
      mutate: PARTS[name],
      incrementalFile: `reports/stryker-incremental-${name}.json`,
      jsonReporter: { fileName: `reports/mutation/${name}.json` },
      htmlReporter: { fileName: `reports/mutation/${name}.html` },
      thresholds: { ...base.thresholds, break: null },
    };
    delete config.$schema;
    const file = `reports/stryker-${name}.config.json`;
    writeFileSync(file, JSON.stringify(config, null, 2));
    console.log(`\n== mutation: ${name} (${PARTS[name].join(" ")})`);
    const r = spawnSync("npx", ["stryker", "run", file], { stdio: "inherit" });
    if (r.status !== 0) failed = true;
  }
}

// The score of the whole: killed + timed out over everything but ignored and invalid (Stryker's formula).
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
let detected = 0;
let undetected = 0;
const rows = [];
for (const name of Object.keys(PARTS)) {
  const path = `reports/mutation/${name}.json`;
  if (!existsSync(path)) {
    rows.push(`${name.padEnd(8)} not run`);
    continue;
  }
  const report = JSON.parse(readFileSync(path, "utf8"));
  let d = 0;
  let u = 0;
  for (const file of Object.values(report.files))
    for (const m of file.mutants) {
      if (DETECTED.has(m.status)) d++;
      else if (UNDETECTED.has(m.status)) u++;
    }
  detected += d;
  undetected += u;
  rows.push(`${name.padEnd(8)} ${((100 * d) / Math.max(1, d + u)).toFixed(2).padStart(6)} %  (${d} detected, ${u} survived or not covered)`);
}
const score = (100 * detected) / Math.max(1, detected + undetected);
console.log(`\nmutation score of the core\n${rows.join("\n")}\n${"all".padEnd(8)} ${score.toFixed(2).padStart(6)} %  (${detected} of ${detected + undetected})`);
if (score < base.thresholds.break) {
  console.log(`below the break threshold of ${base.thresholds.break} %`);
  failed = true;
}
process.exit(failed ? 1 : 0);
