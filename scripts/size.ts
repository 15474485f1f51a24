/**
 * `npm run size`: the browser core — parseTariff, parseSession and priceSession from the package's
 * browser build — bundled with esbuild (minified, ESM, platform browser) and gzipped at level 9.
 * Fails above 40 kB (40,000 bytes). test/package/size.test.ts runs the same check.
 */
import { browserCoreSize, SIZE_LIMIT } from "./size-lib.js";

const { bytes, gzip } = await browserCoreSize();
console.log(`browser core (parse + price): ${bytes} bytes minified, ${gzip} bytes gzip (limit ${SIZE_LIMIT})`);
if (gzip > SIZE_LIMIT) {
  console.error(`over the limit by ${gzip - SIZE_LIMIT} bytes`);
  process.exit(1);
}
