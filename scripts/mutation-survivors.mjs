#!/usr/bin/env node
/** Lists the surviving (and uncovered) mutants of the last `npm run mutation` reports: file:line, mutator, replacement. */
import { existsSync, readFileSync } from "node:fs";

const parts = process.argv.slice(2).length ? process.argv.slice(2) : ["money", "tax", "time", "schema", "compile", "price"];
for (const part of parts) {
  const path = `reports/mutation/${part}.json`;
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, "utf8"));
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    const lines = source.split("\n");
    for (const m of mutants) {
      if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
      const { start, end } = m.location;
      const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : lines[start.line - 1].slice(start.column - 1) + " …";
      console.log(`${file}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${original.trim().slice(0, 90)} → ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 90)}`);
    }
  }
}
