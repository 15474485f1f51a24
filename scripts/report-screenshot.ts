/**
 * `npm run report:screenshot`: generates a month of sessions (seed 1) and the proposed variants of the
 * bundled tariffs (scripts/generate-month.ts) in a temporary folder, writes the `ev-tariff compare`
 * HTML report of tariffs/ against them, opens it in Debian's Chromium and writes
 * docs/compare-report.png, the picture the README and docs/compare.md show: the sessions of four
 * markets (BE, FR, GR, NL), from the top of the page to the first market's price-per-kWh chart.
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
  // Four markets keep the picture readable: the month's sessions of the Belgian, French, Greek and Dutch tariffs.
  const month = generateMonth({ seed: 1 })
    .split("\n")
    .filter((line) => /^\{"tariffId":"(be|fr|gr|nl)-/.test(line));
  writeFileSync(join(dir, "month.ndjson"), month.join("\n") + "\n");
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
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(pathToFileURL(html).href);
    // From the top to the first market's price-per-kWh chart: every kind of chart once.
    const box = await page.locator('#m-0 svg[data-chart="price-per-kwh"]').boundingBox();
    if (!box) throw new Error("the report has no price-per-kWh chart");
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(box.y + box.height + 16) } });
    console.log(`wrote ${out}`);
  } finally {
    await chrome.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
