/**
 * The price preview page (preview/), driven in Debian's Chromium through playwright-core: a driver
 * picks a tariff, sets the session, reads the numbers (checked against priceSession run here, in
 * Node), changes the language, types bad numbers and pastes a broken tariff.
 *
 * Runs in the UTC project only (the page's results do not depend on the host zone, and one
 * browser run is enough). npm test's pretest (scripts/ensure-chromium.mjs) installs /usr/bin/chromium
 * when it is missing and allowed, or says how to.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPreview } from "../../scripts/build-preview.js";
import { launchChromium, type PreviewBrowser } from "../../scripts/preview-browser.js";
import { servePreview, type PreviewServer } from "../../scripts/serve-preview.js";
import { describeTariff, lintTariff, localeFormat, parseSession, parseTariff, priceSession, quote, renderReceipt, safeParseTariff, type Receipt } from "../../src/index.js";
import { Decimal } from "../../src/money/decimal-lib.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TARIFF_FILE = "be/brussels-dc-150.json";
const tariffText = readFileSync(join(root, "tariffs", TARIFF_FILE), "utf8");
const bundledTariff = () => parseTariff(JSON.parse(tariffText));

/** The receipt the page must show, computed here from the same inputs. */
function expected(start: string, chargingEnd: string, end: string, payment: "card" | "cash" = "card"): Receipt {
  const tariff = bundledTariff();
  return priceSession(tariff, parseSession({ start, chargingEnd, end, energyKWh: "45", payment }));
}

/** A JSON pointer into a tariff, as the analyst view shows rates ("/energy/2"); "€0.69/kWh" is not one. */
const POINTER = /\/[A-Za-z]+\/\d+/;
/** Hours as a decimal ("0.083333 h"), which the driver's view must not show. */
const DECIMAL_HOURS = /\d\.\d+\s*h\b/;

/** The driver's view of the receipt as shown: one entry per card, and the totals block. */
async function driverView(page: Page) {
  return page.evaluate(() => ({
    cards: Array.from(document.querySelectorAll('[data-testid^="driver-line-"]')).map((li) => ({
      component: li.getAttribute("data-component"),
      text: li.textContent ?? "",
      detail: li.querySelector('[data-field="detail"]')?.textContent ?? null,
      amount: li.querySelector('[data-field="amount"]')?.textContent ?? null,
    })),
    total: document.querySelector('[data-testid="driver-total"] dd')?.textContent ?? null,
    text: document.querySelector('[data-testid="driver-receipt"]')?.textContent ?? "",
  }));
}

/** Text as rendered, with Intl's narrow and no-break spaces read as spaces (ICU versions differ in them). */
const norm = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

async function pageReceipt(page: Page) {
  return page.evaluate(() => {
    const text = (sel: string, el: ParentNode = document) => el.querySelector(sel)?.textContent ?? null;
    return {
      lines: Array.from(document.querySelectorAll('[data-testid^="line-"]')).map((row) => ({
        component: text('[data-field="component"]', row),
        quantity: text('[data-field="quantity"]', row),
        unit: text('[data-field="unit"]', row),
        unitPrice: text('[data-field="unitPrice"]', row),
        net: text('[data-field="net"]', row),
        gross: text('[data-field="gross"]', row),
      })),
      taxes: Array.from(document.querySelectorAll('[data-testid^="tax-"]')).map((row) => ({
        base: text('[data-field="base"]', row),
        amount: text('[data-field="amount"]', row),
      })),
      totals: { net: text('[data-testid="total-net"]'), tax: text('[data-testid="total-tax"]'), gross: text('[data-testid="total-gross"]') },
      receiptText: text('[data-testid="receipt-text"]'),
      tariffText: text('[data-testid="tariff-text"]'),
      session: (({ start, chargingEnd, end }) => ({ start, chargingEnd, end }))(
        document.querySelector<HTMLElement>('[data-testid="summary-session"]')?.dataset ?? {},
      ),
      curvePoints: Number(document.querySelector("svg.chart")?.getAttribute("data-points") ?? 0),
      state: document.getElementById("results")?.dataset.state,
    };
  });
}

function shown(r: Receipt) {
  return {
    lines: r.lines.map((l) => ({ component: l.component, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, net: l.net, gross: l.gross })),
    taxes: r.taxes.map((t) => ({ base: t.base, amount: t.amount })),
    totals: r.totals,
  };
}

/** Waits until the page has priced inputs again (each valid update counts one render). */
async function rendered(page: Page, after: number, locale?: string): Promise<number> {
  await page.waitForFunction(
    ([n, loc]) => {
      const r = document.getElementById("results");
      return r?.dataset.state === "ok" && Number(r.dataset.renders) > (n as number) && (!loc || r.dataset.locale === loc);
    },
    [after, locale ?? null] as const,
    { timeout: 10_000 },
  );
  return page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
}

describe.skipIf(process.env.EXPECTED_HOST_TZ !== "UTC")("the price preview page in Chromium", () => {
  let out: string;
  let server: PreviewServer;
  let chrome: PreviewBrowser;
  let page: Page;
  /** Every request the pages made, and every response that failed (a missing favicon would be a 404). */
  const requests: string[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "ev-tariff-preview-"));
    await buildPreview(out);
    server = await servePreview(out);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    chrome = await launchChromium();
    chrome.context.on("request", (r) => requests.push(r.url()));
    chrome.context.on("requestfailed", (r) => failures.push(`${r.url()} ${r.failure()?.errorText}`));
    chrome.context.on("response", (r) => void (r.status() >= 400 && failures.push(`${r.url()} ${r.status()}`)));
    page = await chrome.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('#results[data-state="ok"]', { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("lists every bundled tariff and the six languages", async () => {
    const files = await page.$$eval('[data-testid="tariff-select"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(files).toContain(TARIFF_FILE);
    expect(files).toContain("gr/athens-dc-150.json");
    expect(files.some((f) => f.includes("sessions/") || f.endsWith("manifest.json"))).toBe(false);
    const langs = await page.$$eval('[data-testid="language"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(langs).toEqual(["en", "es", "pt", "el", "nl", "fr"]);
  });

  it("prices a chosen tariff and session exactly as priceSession does, in the station's time and in UTC", async () => {
    const tariff = bundledTariff();
    let n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    await page.selectOption('[data-testid="tariff-select"]', TARIFF_FILE);
    expect(await page.inputValue('[data-testid="tariff-json"]')).toBe(tariffText);
    await page.fill('[data-testid="kwh"]', "45");
    await page.fill('[data-testid="power"]', "50");
    await page.fill('[data-testid="idle"]', "25");
    await page.selectOption('[data-testid="language"]', "en");
    // 21:20 in Brussels (CEST, +02:00): 45 kWh at 50 kW is 54 minutes, across the 22:00 night rate.
    await page.fill('[data-testid="start"]', "2026-06-01T21:20");
    n = await rendered(page, n, "en-BE");

    const r = expected("2026-06-01T19:20:00Z", "2026-06-01T20:14:00Z", "2026-06-01T20:39:00Z");
    expect(r.lines.filter((l) => l.component === "energy")).toHaveLength(2);
    const onPage = await pageReceipt(page);
    expect(onPage.session).toEqual({ start: "2026-06-01T19:20:00Z", chargingEnd: "2026-06-01T20:14:00Z", end: "2026-06-01T20:39:00Z" });
    expect({ lines: onPage.lines, taxes: onPage.taxes, totals: onPage.totals }).toEqual(shown(r));
    expect(norm(onPage.receiptText)).toBe(norm(renderReceipt(r, "en-BE")));
    expect(norm(onPage.tariffText)).toBe(norm(describeTariff(tariff, "en-BE")));
    const curve = quote(tariff, { start: "2026-06-01T19:20:00Z", kWh: "45", powerKW: "50", idleMinutes: "25" }).curve;
    expect(onPage.curvePoints).toBe(curve.points.length); // minutes 0…78 and the end at 79
    expect(await page.textContent('[data-testid="total-gross-text"]')).toContain(r.totals.gross);
    expect(await page.textContent('[data-testid="start-hint"]')).toContain("2026-06-01T19:20:00Z");

    // The same wall-clock time read as UTC: 21:20Z is 23:20 in Brussels, all at the night rate.
    await page.selectOption('[data-testid="start-zone"]', "utc");
    n = await rendered(page, n);
    const utc = expected("2026-06-01T21:20:00Z", "2026-06-01T22:14:00Z", "2026-06-01T22:39:00Z");
    const onPageUtc = await pageReceipt(page);
    expect({ lines: onPageUtc.lines, taxes: onPageUtc.taxes, totals: onPageUtc.totals }).toEqual(shown(utc));
    expect(onPageUtc.totals.gross).not.toBe(r.totals.gross);
    expect(await page.textContent('[data-testid="start-hint"]')).toContain("UTC");

    // Cash: Belgian cash rounding to 0.05 shows up as its own line.
    await page.selectOption('[data-testid="payment"]', "cash");
    n = await rendered(page, n);
    const cash = expected("2026-06-01T21:20:00Z", "2026-06-01T22:14:00Z", "2026-06-01T22:39:00Z", "cash");
    expect((await pageReceipt(page)).totals).toEqual(cash.totals);
    await page.selectOption('[data-testid="payment"]', "card");
    await page.selectOption('[data-testid="start-zone"]', "station");
    await rendered(page, n);
  }, 60_000);

  it("changes the receipt and tariff text with the language", async () => {
    const tariff = bundledTariff();
    const n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    const before = await pageReceipt(page);
    await page.selectOption('[data-testid="language"]', "fr");
    await rendered(page, n, "fr-BE");
    const after = await pageReceipt(page);
    const r = expected("2026-06-01T19:20:00Z", "2026-06-01T20:14:00Z", "2026-06-01T20:39:00Z");
    expect(after.tariffText).not.toBe(before.tariffText);
    expect(norm(after.tariffText)).toBe(norm(describeTariff(tariff, "fr-BE")));
    expect(norm(after.tariffText)).toContain("Les prix incluent les taxes");
    expect(norm(after.receiptText)).toBe(norm(renderReceipt(r, "fr-BE")));
    expect(after.totals).toEqual(before.totals);

    await page.selectOption('[data-testid="language"]', "el");
    await rendered(page, n + 1, "el-BE");
    expect(norm(await page.textContent('[data-testid="receipt-text"]'))).toBe(norm(renderReceipt(r, "el-BE")));
  }, 30_000);

  it("shows the driver's receipt in plain units and the analyst's exact lines on demand", async () => {
    let n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    await page.selectOption('[data-testid="language"]', "en");
    n = await rendered(page, n, "en-BE");
    const r = expected("2026-06-01T19:20:00Z", "2026-06-01T20:14:00Z", "2026-06-01T20:39:00Z");
    // The driver's view is the one shown; the analyst's table is there, hidden.
    expect(await page.isVisible('[data-testid="driver-receipt"]')).toBe(true);
    expect(await page.isVisible('[data-testid="analyst-receipt"]')).toBe(false);

    const check = async (locale: string, minute: string) => {
      const fmt = localeFormat(locale, "BE");
      const money = (a: string) => norm(fmt.money(a, r.currency));
      const view = await driverView(page);
      expect(view.cards.map((c) => c.component)).toEqual(r.lines.map((l) => l.component));
      for (const [i, l] of r.lines.entries()) {
        const card = view.cards[i]!;
        expect(norm(card.amount)).toBe(money(r.pricesInclude === "tax" ? l.gross : l.net));
        if (l.unit === "h") {
          // Whole minutes here: the line's span, which is what it bills (10 min of grace, 15 min billed).
          const minutes = (Date.parse(l.to) - Date.parse(l.from)) / 60_000;
          expect(Number.isInteger(minutes)).toBe(true);
          expect(norm(card.detail)).toMatch(new RegExp(`^${minutes} ${minute}( ×|,)`));
          if (Number(l.unitPrice) > 0) expect(norm(card.detail)).toContain(`${money(l.unitPrice)}`);
        } else if (l.unit === "kWh") {
          const kWh = norm(fmt.number(String(Number(Number(l.quantity).toFixed(3)))));
          expect(norm(card.detail)).toBe(`${kWh} kWh × ${money(l.unitPrice)}/kWh`);
        }
      }
      expect(norm(view.total)).toBe(money(r.totals.gross));
      expect(view.text).not.toMatch(POINTER);
      expect(view.text).not.toMatch(DECIMAL_HOURS);
      return view;
    };
    const en = await check("en-BE", "min");
    // 33.333333 kWh before 22:00 is shown to the Wh, the hours of idle time as minutes.
    expect(r.lines.some((l) => l.quantity === "33.333333")).toBe(true);
    expect(norm(en.text)).toContain(`${norm(localeFormat("en-BE", "BE").number("33.333"))} kWh`); // "33,333" in en-BE
    expect(r.lines.filter((l) => l.unit === "h").map((l) => l.quantity)).toEqual(["0.166667", "0.25"]);

    await page.selectOption('[data-testid="language"]', "fr");
    n = await rendered(page, n, "fr-BE");
    const fr = await check("fr-BE", "min");
    expect(fr.text).toContain("Énergie");
    expect(fr.text).not.toBe(en.text);

    // The analyst's view: exact quantities and the rates' pointers.
    await page.click('label:has([data-testid="view-analyst"])');
    expect(await page.isVisible('[data-testid="analyst-receipt"]')).toBe(true);
    expect(await page.isVisible('[data-testid="driver-receipt"]')).toBe(false);
    const analyst = await page.textContent('[data-testid="analyst-receipt"]');
    expect(analyst).toMatch(POINTER);
    expect(analyst).toContain("33.333333");
    await page.click('label:has([data-testid="view-driver"])');
    await page.selectOption('[data-testid="language"]', "en");
    await rendered(page, n, "en-BE");
  }, 30_000);

  it("lists lintTariff's findings beside the editor and selects a finding's place in it", async () => {
    const shownFindings = () =>
      page.$$eval('[data-testid="lint-findings"] li', (lis) =>
        lis.map((li) => ({ pointer: li.getAttribute("data-pointer"), severity: li.getAttribute("data-severity"), rule: li.getAttribute("data-rule"), text: li.textContent ?? "" })),
      );
    const expectFindings = async (doc: unknown) => {
      const { findings } = lintTariff(doc);
      const listed = await shownFindings();
      expect(listed.map(({ pointer, severity, rule }) => ({ pointer, severity, rule }))).toEqual(findings.map(({ pointer, severity, rule }) => ({ pointer, severity, rule })));
      for (const [k, f] of findings.entries()) {
        expect(listed[k]!.text).toContain(f.message);
        expect(listed[k]!.text).toContain(f.source);
      }
      return findings;
    };
    // The bundled Brussels tariff: what lintTariff says of it, here in Node.
    expect(await page.getAttribute('[data-testid="lint"]', "data-state")).toBe("done");
    const bundledFindings = await expectFindings(JSON.parse(tariffText));
    expect(bundledFindings.length).toBeGreaterThan(0);

    // An edited tariff: a flat 0.69 first makes the night rate after it unreachable, and the idle fee loses its grace.
    const doc = JSON.parse(tariffText) as { energy: unknown[]; idle: Array<{ when?: unknown }> };
    doc.energy = [{ price: "0.69" }, { price: "0.49", when: { timeOfDay: { from: "22:00", to: "07:00" } } }];
    delete doc.idle[0]!.when;
    const text = JSON.stringify(doc, null, 2);
    let n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    await page.fill('[data-testid="tariff-json"]', text);
    n = await rendered(page, n);
    const findings = await expectFindings(doc);
    expect(findings.map((f) => [f.rule, f.pointer])).toEqual(expect.arrayContaining([["rate-shadowed", "/energy/1"], ["idle-no-grace", "/idle/0"]]));
    const errors = Number(await page.getAttribute('[data-testid="lint"]', "data-errors"));
    const warnings = Number(await page.getAttribute('[data-testid="lint"]', "data-warnings"));
    expect([errors, warnings]).toEqual([findings.filter((f) => f.severity === "error").length, findings.filter((f) => f.severity === "warning").length]);
    expect(await page.textContent('[data-testid="lint-summary"]')).toContain(`${warnings} warning`);

    // Its pointer selects the rate in the editor.
    await page.click('[data-testid="lint-findings"] li[data-rule="rate-shadowed"] button.pointer');
    const selected = await page.$eval('[data-testid="tariff-json"]', (t) => {
      const a = t as HTMLTextAreaElement;
      return a.value.slice(a.selectionStart, a.selectionEnd);
    });
    expect(JSON.parse(selected)).toEqual(doc.energy[1]);

    // Broken JSON: no lint until the tariff is valid again.
    await page.fill('[data-testid="tariff-json"]', text.slice(0, -2));
    await page.waitForSelector('[data-testid="lint"][data-state="waiting"]');
    expect(await page.$$('[data-testid="lint-findings"] li')).toHaveLength(0);
    await page.selectOption('[data-testid="tariff-select"]', TARIFF_FILE);
    await rendered(page, n);
    await expectFindings(JSON.parse(tariffText));
  }, 30_000);

  it("draws the cost curves of two tariffs for the same session, against time or energy", async () => {
    const tariff = bundledTariff();
    const OTHER = "fr/lyon-dc-100.json";
    const other = parseTariff(JSON.parse(readFileSync(join(root, "tariffs", OTHER), "utf8")));
    const input = { start: "2026-06-01T19:20:00Z", kWh: "45", powerKW: "50", idleMinutes: "25" };
    const a = quote(tariff, input);
    const b = quote(other, input);
    expect(b.receipt.totals.gross).not.toBe(a.receipt.totals.gross);

    let n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    expect(await page.$$('[data-testid="curve-compare"]')).toHaveLength(0);
    await page.selectOption('[data-testid="compare-select"]', OTHER);
    n = await rendered(page, n);
    const summary = await page.$eval('[data-testid="compare-summary"]', (e) => {
      const d = (e as HTMLElement).dataset;
      return { state: d.state, a: d.a, b: d.b, difference: d.difference };
    });
    expect(summary.state).toBe("ok");
    expect(summary.a).toBe(a.receipt.totals.gross);
    expect(summary.b).toBe(b.receipt.totals.gross);
    expect(new Decimal(summary.difference!).eq(new Decimal(b.receipt.totals.gross).minus(a.receipt.totals.gross))).toBe(true);
    const fmt = localeFormat("en-BE", "BE");
    expect(norm(await page.textContent('[data-testid="compare-difference"]'))).toContain(norm(fmt.money(summary.difference!.replace(/^-/, ""), "EUR")));

    // Two polylines, one point per minute of each curve, ending at each curve's last total.
    const lines = await page.$$eval("svg.chart polyline", (ps) => ps.map((p) => ({ id: p.getAttribute("data-testid"), points: (p.getAttribute("points") ?? "").trim().split(/\s+/) })));
    expect(lines.map((l) => l.id)).toEqual(["curve-total", "curve-compare"]);
    expect(lines[0]!.points).toHaveLength(a.curve.points.length);
    expect(lines[1]!.points).toHaveLength(b.curve.points.length);
    const lastY = (l: (typeof lines)[number]) => Number(l.points[l.points.length - 1]!.split(",")[1]);
    // SVG y grows downwards: the dearer tariff's curve ends higher up.
    const aEnd = Number(a.curve.points[a.curve.points.length - 1]!.total);
    const bEnd = Number(b.curve.points[b.curve.points.length - 1]!.total);
    expect(Math.sign(lastY(lines[0]!) - lastY(lines[1]!))).toBe(Math.sign(bEnd - aEnd));
    expect(await page.textContent('[data-testid="chart-readout"]')).toContain(other.id);

    // Against energy: the x axis is in kWh, the same points.
    await page.click('label:has([data-testid="x-energy"])');
    n = await rendered(page, n);
    expect(await page.getAttribute("svg.chart", "data-axis")).toBe("energy");
    const ticks = await page.$$eval("svg.chart text.tick-label", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t).toMatch(/ kWh$/);
    expect(await page.$$eval("svg.chart polyline", (ps) => ps.map((p) => p.getAttribute("data-points")))).toEqual([String(a.curve.points.length), String(b.curve.points.length)]);
    await page.click('label:has([data-testid="x-time"])');
    n = await rendered(page, n);

    // A tariff in another currency cannot share the axis: it is disabled in the picker and, if picked, said so.
    const USD = "us/des-moines-dc-150.json";
    expect(await page.$eval(`[data-testid="compare-select"] option[value="${USD}"]`, (o) => (o as HTMLOptionElement).disabled)).toBe(true);
    await page.$eval('[data-testid="compare-select"]', (s, v) => {
      (s as HTMLSelectElement).value = v;
      s.dispatchEvent(new Event("change"));
    }, USD);
    n = await rendered(page, n);
    expect(await page.getAttribute('[data-testid="compare-summary"]', "data-state")).toBe("currency");
    expect(await page.textContent('[data-testid="compare-summary"]')).toContain("USD");
    expect(await page.$$('[data-testid="curve-compare"]')).toHaveLength(0);

    await page.selectOption('[data-testid="compare-select"]', "");
    await rendered(page, n);
    expect(await page.$$('[data-testid="curve-compare"]')).toHaveLength(0);
    expect(await page.textContent('[data-testid="compare-summary"]')).toBe("");
  }, 30_000);

  it("has a resizable editor that cuts no line", async () => {
    const box = async () => page.evaluate(() => {
      const t = document.querySelector<HTMLTextAreaElement>('[data-testid="tariff-json"]')!;
      return { width: t.clientWidth, scrollWidth: t.scrollWidth, overflowX: getComputedStyle(t).overflowX, page: document.documentElement.scrollWidth, view: innerWidth };
    });
    // Lines wrap by default: nothing is hidden to the right.
    expect(await page.isChecked('[data-testid="wrap"]')).toBe(true);
    const wrapped = await box();
    expect(wrapped.scrollWidth).toBeLessThanOrEqual(wrapped.width);

    // Without wrapping the long lines scroll sideways inside the editor (not cut).
    await page.uncheck('[data-testid="wrap"]');
    const unwrapped = await box();
    expect(unwrapped.scrollWidth).toBeGreaterThan(unwrapped.width);
    expect(["auto", "scroll"]).toContain(unwrapped.overflowX);
    await page.check('[data-testid="wrap"]');

    // Drag the splitter 300 px to the right: the editor is 300 px wider, the page no wider than the window.
    const handle = (await page.locator('[data-testid="splitter"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 40);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 150, handle.y + 40);
    await page.mouse.move(handle.x + handle.width / 2 + 300, handle.y + 40);
    await page.mouse.up();
    const wide = await box();
    expect(wide.width - wrapped.width).toBeGreaterThanOrEqual(295);
    expect(wide.page).toBeLessThanOrEqual(wide.view);
    // And from the keyboard: ← narrows it by 20 px.
    const now = Number(await page.getAttribute('[data-testid="splitter"]', "aria-valuenow"));
    await page.focus('[data-testid="splitter"]');
    await page.keyboard.press("ArrowLeft");
    expect(Number(await page.getAttribute('[data-testid="splitter"]', "aria-valuenow"))).toBe(now - 20);
    await page.keyboard.press("Home");
    expect((await box()).width).toBeLessThan(wrapped.width);
    // The chart follows its new width and the prices stay the same.
    const r = expected("2026-06-01T19:20:00Z", "2026-06-01T20:14:00Z", "2026-06-01T20:39:00Z");
    expect((await pageReceipt(page)).totals).toEqual(r.totals);
  }, 30_000);

  it("fits a 390 px phone: no sideways scrolling, the driver's receipt visible in plain units", async () => {
    const phone = await chrome.context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${server.url}?tariff=${TARIFF_FILE}&start=2026-06-01T21:20&kWh=45&powerKW=50&idleMinutes=25&lang=en`);
      await phone.waitForSelector('#results[data-state="ok"]', { timeout: 15_000 });
      const layout = () =>
        phone.evaluate(() => {
          const rect = (sel: string) => {
            const b = document.querySelector(sel)!.getBoundingClientRect();
            return { left: b.left, right: b.right, width: b.width };
          };
          return {
            scrollWidth: document.documentElement.scrollWidth,
            bodyScrollWidth: document.body.scrollWidth,
            editor: rect('[data-testid="tariff-json"]'),
            receipt: rect('[data-testid="driver-receipt"]'),
            chart: rect("svg.chart"),
            tableWrap: (() => {
              const w = document.querySelector<HTMLElement>('[data-testid="analyst-receipt"]')!;
              return { clientWidth: w.clientWidth, scrollWidth: w.scrollWidth };
            })(),
          };
        });
      const l = await layout();
      expect(l.scrollWidth).toBeLessThanOrEqual(390);
      expect(l.bodyScrollWidth).toBeLessThanOrEqual(390);
      // The editor takes the whole width (less the margins); the splitter is a desktop thing.
      expect(l.editor.width).toBeGreaterThanOrEqual(340);
      expect(await phone.isVisible('[data-testid="splitter"]')).toBe(false);
      expect(l.chart.right).toBeLessThanOrEqual(390);

      await phone.locator('[data-testid="driver-receipt"]').scrollIntoViewIfNeeded();
      expect(await phone.isVisible('[data-testid="driver-receipt"]')).toBe(true);
      expect(l.receipt.left).toBeGreaterThanOrEqual(0);
      expect(l.receipt.right).toBeLessThanOrEqual(390);
      const view = await driverView(phone);
      const r = expected("2026-06-01T19:20:00Z", "2026-06-01T20:14:00Z", "2026-06-01T20:39:00Z");
      expect(view.cards).toHaveLength(r.lines.length);
      expect(view.text).toMatch(/\d min\b/);
      expect(view.text).not.toMatch(POINTER);
      expect(view.text).not.toMatch(DECIMAL_HOURS);
      expect(norm(view.total)).toBe(norm(localeFormat("en-BE", "BE").money(r.totals.gross, r.currency)));
      // Each card's amount is on screen, not pushed out to the right.
      const amounts = await phone.$$eval('[data-testid^="driver-line-"] [data-field="amount"]', (els) => els.map((e) => e.getBoundingClientRect().right));
      for (const right of amounts) expect(right).toBeLessThanOrEqual(390);

      // The analyst's wide table scrolls inside its own box; the page does not widen.
      await phone.click('label:has([data-testid="view-analyst"])');
      const a = await layout();
      expect(a.tableWrap.scrollWidth).toBeGreaterThan(a.tableWrap.clientWidth);
      expect(a.tableWrap.clientWidth).toBeLessThanOrEqual(390);
      expect(a.scrollWidth).toBeLessThanOrEqual(390);
      expect((await pageReceipt(phone)).totals).toEqual(r.totals);
    } finally {
      await phone.close();
    }
  }, 30_000);

  it("has a favicon and loads nothing from outside the page's server", async () => {
    expect(await page.getAttribute('link[rel="icon"]', "href")).toMatch(/^data:image\/svg\+xml,/);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(server.url) || url.startsWith("data:")).toBe(true);
    expect(requests.some((u) => u.includes("favicon"))).toBe(false);
    expect(failures).toEqual([]);
  });

  it("shows bad numbers next to their input", async () => {
    await page.fill('[data-testid="kwh"]', "4x");
    await page.waitForSelector('#results[data-state="invalid"]');
    expect(await page.textContent('[data-testid="kwh-error"]')).toBe('must be a non-negative decimal with at most 6 decimals, e.g. "0.45"');
    expect(await page.getAttribute('[data-testid="kwh"]', "aria-invalid")).toBe("true");
    expect(await page.textContent('[data-testid="power-error"]')).toBe("");

    await page.fill('[data-testid="kwh"]', "45");
    await page.fill('[data-testid="power"]', "0");
    await page.waitForSelector('[data-testid="power-error"]:not(:empty)');
    expect(await page.textContent('[data-testid="power-error"]')).toBe("must be more than 0 when energy is delivered");
    expect(await page.textContent('[data-testid="kwh-error"]')).toBe("");

    let n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    await page.fill('[data-testid="power"]', "50");
    n = await rendered(page, n);
    expect(await page.getAttribute('[data-testid="power"]', "aria-invalid")).toBeNull();

    // 02:30 on 2026-03-29 does not exist in Brussels (02:00 → 03:00); 02:30 on 2026-10-25 happens twice.
    await page.fill('[data-testid="start"]', "2026-03-29T02:30");
    await page.waitForSelector('[data-testid="start-error"]:not(:empty)');
    expect(await page.textContent('[data-testid="start-error"]')).toContain("does not exist in Europe/Brussels");
    await page.fill('[data-testid="start"]', "2026-10-25T02:30");
    n = await rendered(page, n);
    expect(await page.textContent('[data-testid="start-hint"]')).toContain("= 2026-10-25T00:30:00Z UTC; happens twice");
    await page.fill('[data-testid="start"]', "2026-06-01T21:20");
    await rendered(page, n);
  }, 30_000);

  it("shows a pasted tariff's problems at the tariff field, with their JSON pointers", async () => {
    const broken = JSON.parse(tariffText) as Record<string, unknown> & { energy: Array<Record<string, unknown>> };
    broken.energy[1]!.price = "0.5.9";
    broken.timeZone = "Europe/Paris";
    const text = JSON.stringify(broken, null, 2);
    const parsed = safeParseTariff(JSON.parse(text));
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues;
    expect(issues.map((i) => i.path)).toContain("/energy/1/price");

    await page.fill('[data-testid="tariff-json"]', text);
    await page.waitForSelector('[data-testid="tariff-issues"] li');
    const listed = await page.$$eval('[data-testid="tariff-issues"] li', (lis) =>
      lis.map((li) => ({ path: li.getAttribute("data-pointer"), shown: li.textContent })),
    );
    expect(listed.map((l) => l.path)).toEqual(issues.map((i) => i.path));
    for (const [k, i] of issues.entries()) expect(listed[k]!.shown).toBe(`${i.path} ${i.message}`);
    expect(await page.getAttribute('[data-testid="tariff-json"]', "aria-invalid")).toBe("true");
    expect(await page.inputValue('[data-testid="tariff-select"]')).toBe("(custom)");
    expect(await page.getAttribute("#results", "data-state")).toBe("invalid");
    expect(await page.textContent('[data-testid="error"]')).toContain("Fix the marked fields");

    await page.fill('[data-testid="tariff-json"]', text.replace('"version": 1,', '"version": 1'));
    await page.waitForFunction(() => document.querySelector('[data-testid="tariff-issues"] li')?.textContent?.includes("not valid JSON"));
    expect(await page.textContent('[data-testid="tariff-issues"] li')).toMatch(/^line 4, column 3 not valid JSON: /);

    // Back to a bundled tariff: no issues, priced again.
    const n = await page.evaluate(() => Number(document.getElementById("results")?.dataset.renders));
    await page.selectOption('[data-testid="tariff-select"]', TARIFF_FILE);
    await rendered(page, n);
    expect(await page.$$('[data-testid="tariff-issues"] li')).toHaveLength(0);
    expect(await page.getAttribute('[data-testid="tariff-json"]', "aria-invalid")).toBeNull();
  }, 30_000);

  it("has a page script that type-checks against the library", () => {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "preview/tsconfig.json"), "--noEmit"], { cwd: root, stdio: "pipe" });
  }, 60_000);

  it("serves only the built page, on loopback", async () => {
    // A raw request line (fetch would normalise the dots away).
    const status = await new Promise<number | undefined>((ok, fail) =>
      request(`${server.url}..%2f..%2fpackage.json`, (res) => (res.resume(), ok(res.statusCode))).on("error", fail).end(),
    );
    expect(status).toBe(403);
    expect((await fetch(new URL("ev-tariff.js", server.url))).headers.get("content-type")).toMatch(/^text\/javascript/);
    await expect(servePreview(out, 0, "0.0.0.0")).rejects.toThrow(/loopback/);
  });
});
