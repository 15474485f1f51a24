import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Stryker runs this config inside .stryker-tmp/sandbox-*, three folders below the clone's parent. */
const here = dirname(fileURLToPath(import.meta.url));
const shared = [resolve(here, "../shared"), resolve(here, "../../../shared")].find((p) => existsSync(resolve(p, "conformance")));

/**
 * The suite Stryker runs for every mutant: one host zone, and without the tests that build or spawn
 * processes (the built package, the CLI as a process, QuickJS), which test the wiring, not the core.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/package/**", "test/firmware/**", "test/batch/**", "test/fuzz/**", "test/preview/**", "test/schema/limits.test.ts", "test/properties/host-tz.test.ts"],
    env: { TZ: "UTC", EXPECTED_HOST_TZ: "UTC", STRYKER: "1", ...(shared ? { EV_TARIFF_SHARED: shared } : {}) },
    isolate: false,
    testTimeout: 30_000,
  },
});
