import { defineConfig } from "vitest/config";

/**
 * The whole suite runs once per host time zone: receipts must not depend on the machine's TZ.
 * Chatham (+12:45/+13:45) and Kolkata (+05:30) have odd offsets; Santiago has DST in the southern
 * summer; UTC is the control.
 */
export const HOST_ZONES = ["UTC", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham"];

export default defineConfig({
  test: {
    projects: HOST_ZONES.map((tz) => ({
      extends: true,
      test: {
        name: `TZ=${tz}`,
        include: ["test/**/*.test.ts"],
        env: { TZ: tz, EXPECTED_HOST_TZ: tz },
      },
    })),
    testTimeout: 30_000,
  },
});
