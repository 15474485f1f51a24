import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Stryker runs this config inside .stryker-tmp/sandbox-*, three folders below the clone's parent. */
const here = dirname(fileURLToPath(import.meta.url));
const shared = [resolve(here, "../shared"), resolve(here, "../../../shared")].find((p) => existsSync(resolve(p, "conformance")));

/**
 * The suite Stryker runs for every mutant: one host zone; the core's own tests, without those of the
 * modules around it (CLI, interop, live, text) and of the wiring (the built package, processes,
 * QuickJS, the browser); property tests at a third of their runs (test/helpers/runs.ts).
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      ...["package", "firmware", "batch", "fuzz", "preview", "cli", "interop", "conformance", "live", "text", "scale", "compare", "types"].map((d) => `test/${d}/**`),
      "test/properties/host-tz.test.ts",
    ],
    env: { TZ: "UTC", EXPECTED_HOST_TZ: "UTC", STRYKER: "1", ...(shared ? { OCPI_CONFORMANCE_DIR: resolve(shared, "conformance/ocpi") } : {}) },
    isolate: false,
    testTimeout: 30_000,
  },
});
