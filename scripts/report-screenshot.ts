/**
 * `npm run report:screenshot`: generates a month of sessions (seed 1) and the proposed variants of the
 * bundled tariffs (scripts/generate-month.ts) in a temporary folder, writes the `ev-tariff compare`
 * HTML report of tariffs/ against them, opens it in Debian's Chromium and writes
 * docs/compare-report.png (the top of the page: the revenue per market and the first market's charts),
 * the picture docs/compare.md shows.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runCompare } from "../src/cli/compare.js";
import { generateMonth, writeProposed } from "./generate-month.js";
import { launchChromium } from "./preview-browser.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "docs", "compare-report.png");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-report-"));
try {
  writeFileSync(join(dir, "month.ndjson"), generateMonth({ seed: 1 }));
  writeProposed(join(dir, "proposed"));
  // Run from the temporary folder, with tariffs/ linked into it: the report names its inputs as a
  // reader would type them.
  symlinkSync(join(root, "tariffs"), join(dir, "tariffs"), "dir");
  const html = join(dir, "report.html");
  const err: string[] = [];
  const home = process.cwd();
  process.chdir(dir);
  const code = await runCompare(["tariffs/", "proposed/", "month.ndjson", "--html", html, "--workers", "0"], {
    stdin: new PassThrough(),
    stdout: () => undefined,
    stderr: (t) => err.push(t),
  });
  process.chdir(home);
  if (code !== 0) throw new Error(`compare exited with ${code}: ${err.join("\n")}`);
  const chrome = await launchChromium();
  try {
    const page = await chrome.context.newPage();
    await page.setViewportSize({ width: 1360, height: 1900 });
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: out, fullPage: false });
    console.log(`wrote ${out}`);
  } finally {
    await chrome.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
