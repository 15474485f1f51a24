import { describe, expect, it } from "vitest";
import { browserCoreSize, SIZE_LIMIT } from "../../scripts/size-lib.js";

describe("browser core size (npm run size)", () => {
  it.runIf(process.env.EXPECTED_HOST_TZ === "UTC")("parse + price is at most 40 kB minified and gzipped", async () => {
    const { gzip } = await browserCoreSize();
    expect(gzip).toBeGreaterThan(10_000); // the check measures a real bundle
    expect(gzip).toBeLessThanOrEqual(SIZE_LIMIT);
  });
});
