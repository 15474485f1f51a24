import { configDefaults, defineConfig } from "vitest/config";

/**
 * The whole suite runs once per host time zone: receipts must not depend on the machine's TZ.
 * Chatham (+12:45/+13:45) and Kolkata (+05:30) have odd offsets; Santiago has DST in the southern
 * summer; UTC is the control.
 */
export const HOST_ZONES = ["UTC", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham"];

/**
 * Under the other host zones, the suites whose results depend on local time run again: pricing,
 * goldens, properties (including the in-process six-zone property), time, CLI, parsing, receipts,
 * markets, money and the engine. Interop, fuzzing, driver text, the live meter, the package, the
 * preview page, QuickJS and batch run once, under UTC, to keep the suite within its time budget.
 */
const TZ_SENSITIVE = [
  "test/host-tz.test.ts",
  "test/pricing/**/*.test.ts",
  "test/golden/**/*.test.ts",
  "test/properties/**/*.test.ts",
  "test/time/**/*.test.ts",
  "test/cli/**/*.test.ts",
  "test/schema/**/*.test.ts",
  "test/receipt/**/*.test.ts",
  "test/markets/**/*.test.ts",
  "test/money/**/*.test.ts",
  "test/engine/**/*.test.ts",
];

export default defineConfig({
  test: {
    projects: HOST_ZONES.map((tz) => ({
      extends: true,
      test: {
        name: `TZ=${tz}`,
        include: tz === "UTC" ? ["test/**/*.test.ts"] : TZ_SENSITIVE,
        // The peer conformance suite reads ../shared/; it runs on its own: npm run test:conformance.
        exclude: [...configDefaults.exclude, "test/conformance/**"],
        env: { TZ: tz, EXPECTED_HOST_TZ: tz },
      },
    })),
    testTimeout: 30_000,
  },
});
