/**
 * The HTML report of `ev-tariff compare --html`, opened in Debian's Chromium (playwright-core, as
 * test/preview does): every number on the page (each carries `data-key`, its path in the JSON) equals
 * the `--json` figure; the page has its charts, fetches nothing, runs no script, and shows hostile
 * text as text.
 *
 * Runs in the UTC project only (one browser run is enough; the report does not depend on the host zone).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonth, writeProposed } from "../../scripts/generate-month.js";
import { launchChromium, type PreviewBrowser } from "../../scripts/preview-browser.js";
import { runCompare } from "../../src/cli/compare.js";
import type { Comparison } from "../../src/index.js";
import { SIMPLE_TARIFF } from "../helpers/cli.js";

async function compare(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCompare(argv, { stdin: new PassThrough(), stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The value at a dotted path ("markets.0.revenue.after.gross"). */
function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], value);
}

/** What the page shows for a JSON value: signs and " %" are the page's; "n/a" is null. */
function shown(text: string): string | null {
  if (text === "n/a") return null;
  return text.replace(/ %$/, "").replace(/^\+/, "");
}

describe.skipIf(process.env.EXPECTED_HOST_TZ !== "UTC")("the compare report in Chromium", () => {
  let dir: string;
  let chrome: PreviewBrowser;
  let page: Page;
  let json: Comparison;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ev-tariff-report-"));
    writeFileSync(join(dir, "month.ndjson"), generateMonth({ seed: 11, perDay: 2 }));
    writeProposed(join(dir, "proposed"));
    const html = join(dir, "report.html");
    const r = await compare(["tariffs", join(dir, "proposed"), join(dir, "month.ndjson"), "--json", "--html", html]);
    expect(r.code, r.err).toBe(0);
    json = JSON.parse(r.out) as Comparison;
    chrome = await launchChromium();
    page = await chrome.context.newPage();
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(html).href);
  }, 60_000);

  afterAll(async () => {
    await chrome?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows every number exactly as --json has it", async () => {
    const figures = await page.$$eval("[data-key]", (els) => els.map((e) => ({ key: e.getAttribute("data-key")!, text: e.textContent ?? "" })));
    expect(figures.length).toBeGreaterThan(json.markets.length * 50);
    const wrong = figures.filter((f) => {
      const v = at(json, f.key);
      if (v === undefined) return true;
      return shown(f.text) !== (v === null ? null : String(v));
    });
    expect(wrong).toEqual([]);
    // Each market's revenue, change per session and price per kWh are on the page.
    const keys = new Set(figures.map((f) => f.key));
    json.markets.forEach((m, i) => {
      for (const k of ["net", "tax", "gross"]) for (const side of ["before", "after", "change", "changePercent"]) expect(keys.has(`markets.${i}.revenue.${side}.${k}`)).toBe(true);
      for (const p of ["min", "p10", "median", "p90", "max"]) {
        expect(keys.has(`markets.${i}.changePerSession.${p}`)).toBe(true);
        expect(keys.has(`markets.${i}.pricePerKWh.before.${p}`)).toBe(true);
        expect(keys.has(`markets.${i}.pricePerKWh.after.${p}`)).toBe(true);
      }
      m.histogram.forEach((_, j) => expect(keys.has(`markets.${i}.histogram.${j}.sessions`)).toBe(true));
      m.byWeekday.forEach((_, w) => expect(keys.has(`markets.${i}.byWeekday.${w}.change`)).toBe(true));
    });
  });

  it("draws the revenue chart, and per market a histogram, a heat map and the price-per-kWh box plots", async () => {
    const charts = await page.$$eval("svg[data-chart]", (els) => els.map((e) => e.getAttribute("data-chart")));
    expect(charts.filter((c) => c === "revenue")).toHaveLength(1);
    for (const kind of ["histogram", "heatmap", "price-per-kwh"]) expect(charts.filter((c) => c === kind)).toHaveLength(json.markets.length);
    expect(await page.$$eval("section.market", (els) => els.length)).toBe(json.markets.length);
    // one bar per histogram bin, 168 cells per heat map
    const bars = await page.$$eval('svg[data-chart="histogram"]', (els) => els.map((e) => e.querySelectorAll("rect").length));
    expect(bars).toEqual(json.markets.map((m) => m.histogram.length));
    const cells = await page.$$eval('svg[data-chart="heatmap"]', (els) => els.map((e) => e.querySelectorAll("g[data-cell]").length));
    expect(cells).toEqual(json.markets.map(() => 168));
  });

  it("is self-contained: one request (the file itself), no script", async () => {
    expect(requests.every((u) => u.startsWith("file://"))).toBe(true);
    expect(requests).toHaveLength(1);
    expect(await page.$$eval("script, link, img, iframe", (els) => els.length)).toBe(0);
  });

  it("escapes text: a hostile session id is shown as text", async () => {
    const t = join(dir, "t.json");
    const p = join(dir, "p.json");
    writeFileSync(t, JSON.stringify(SIMPLE_TARIFF));
    writeFileSync(p, JSON.stringify({ ...SIMPLE_TARIFF, energy: [{ price: "0.40" }] }));
    const id = `<img src=x onerror="document.title='x'">&amp;`;
    writeFileSync(join(dir, "s.ndjson"), JSON.stringify({ id, start: "2026-05-10T10:00:00Z", end: "2026-05-10T11:00:00Z", energyKWh: "10" }) + "\n");
    const html = join(dir, "hostile.html");
    expect((await compare([t, p, join(dir, "s.ndjson"), "--html", html])).code).toBe(0);
    expect(readFileSync(html, "utf8")).not.toContain("<img");
    const other = await chrome.context.newPage();
    await other.goto(pathToFileURL(html).href);
    expect(await other.$$eval("img", (els) => els.length)).toBe(0);
    expect(await other.textContent("body")).toContain(id);
    await other.close();
  });
});
