/**
 * Builds the preview page, opens it in Debian's Chromium and writes preview/screenshot.png (the
 * desktop picture, compared with fr/lyon-dc-100.json) and preview/screenshot-phone.png (the same
 * inputs, no comparison, at a 390 × 844 phone viewport):
 * `npm run preview:screenshot`.
 */
import { fileURLToPath } from "node:url";
import { buildPreview } from "./build-preview.js";
import { launchChromium } from "./preview-browser.js";
import { servePreview } from "./serve-preview.js";

const desktop = fileURLToPath(new URL("../preview/screenshot.png", import.meta.url));
const phone = fileURLToPath(new URL("../preview/screenshot-phone.png", import.meta.url));
const QUERY = "?tariff=gr/athens-dc-150.json&start=2026-06-01T20:40&kWh=45&powerKW=90&idleMinutes=25&lang=en";
/** The desktop picture also compares the tariff with a French DC one (issue 14's "compare with"). */
const COMPARE = "&compare=fr/lyon-dc-100.json";
const { outdir } = await buildPreview();
const server = await servePreview(outdir);
const chrome = await launchChromium();
try {
  for (const [path, viewport, extra] of [
    [desktop, undefined, COMPARE],
    [phone, { width: 390, height: 844 }, ""],
  ] as const) {
    const page = await chrome.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`${server.url}${QUERY}${extra}`);
    await page.waitForSelector('#results[data-state="ok"]');
    await page.screenshot({ path, fullPage: true });
    await page.close();
    console.log(`wrote ${path}`);
  }
} finally {
  await chrome.close();
  await server.close();
}
