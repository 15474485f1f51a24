/**
 * Builds the preview page, opens it in Debian's Chromium and writes preview/screenshot.png (the
 * README's picture): `npm run preview:screenshot`.
 */
import { fileURLToPath } from "node:url";
import { buildPreview } from "./build-preview.js";
import { launchChromium } from "./preview-browser.js";
import { servePreview } from "./serve-preview.js";

const out = fileURLToPath(new URL("../preview/screenshot.png", import.meta.url));
const { outdir } = await buildPreview();
const server = await servePreview(outdir);
const chrome = await launchChromium();
try {
  const page = await chrome.context.newPage();
  await page.goto(`${server.url}?tariff=gr/athens-dc-150.json&start=2026-06-01T20:40&kWh=45&powerKW=90&idleMinutes=25&lang=en`);
  await page.waitForSelector('#results[data-state="ok"]');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await chrome.close();
  await server.close();
}
