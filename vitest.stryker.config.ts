import { defineConfig } from "vitest/config";

/**
 * The suite Stryker runs for every mutant: one host zone, and without the tests that build or spawn
 * processes (the built package, the CLI as a process, QuickJS), which test the wiring, not the core.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/package/**", "test/firmware/**", "test/batch/**", "test/schema/limits.test.ts", "test/properties/host-tz.test.ts"],
    env: { TZ: "UTC", EXPECTED_HOST_TZ: "UTC", STRYKER: "1" },
    testTimeout: 30_000,
  },
});
