import { existsSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:conformance`: the peer OCPI conformance suite (test/conformance/), read in place from
 * OCPI_CONFORMANCE_DIR (relative to the repository's root, or absolute; default
 * ../shared/conformance/ocpi, beside the clone). It runs once, under UTC. Without the data it stops
 * before any test, saying where it looked. `npm test` leaves this suite out.
 */
const root = dirname(fileURLToPath(import.meta.url));
const dir = resolve(root, process.env.OCPI_CONFORMANCE_DIR || "../shared/conformance/ocpi");
const cases = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(resolve(dir, d, "meta.json"))) : [];
if (cases.length === 0) {
  throw new Error(
    `OCPI conformance data not found: ${dir} ${existsSync(dir) ? "holds no case (no */meta.json)" : "does not exist"}.\n` +
      "npm run test:conformance reads the peer cases in place: put them at ../shared/conformance/ocpi beside the clone,\n" +
      "or name their folder: OCPI_CONFORMANCE_DIR=/path/to/conformance/ocpi npm run test:conformance",
  );
}

export default defineConfig({
  test: {
    name: "conformance",
    include: ["test/conformance/**/*.test.ts"],
    env: { TZ: "UTC", EXPECTED_HOST_TZ: "UTC", OCPI_CONFORMANCE_DIR: dir },
    testTimeout: 30_000,
  },
});
