// Prints vitest's JSON reports, summed, as the plain line CI reads: "N passed, N failed[, N skipped]".
// A report that is missing (the run stopped before any test, e.g. without its data) counts as 1 failed.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`${file}: no report (the run stopped before its tests); counted as 1 failed`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  // A file that fails to load has no failed test of its own: count it as one.
  const unloaded = (report.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  // A run that failed with no failed test (e.g. an error outside the tests) counts as 1 failed too.
  const own = report.numFailedTests + unloaded;
  failed += own === 0 && report.success === false ? 1 : own;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
