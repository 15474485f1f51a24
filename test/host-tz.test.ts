import { describe, expect, it } from "vitest";

describe("host time zone of this test project", () => {
  it("is the zone the project asked for, so the TZ matrix really varies the host", () => {
    const expected = process.env.EXPECTED_HOST_TZ;
    expect(expected).toBeTruthy();
    // 2026-01-15 local midnight: offsets of the host zone in January (southern summer for Santiago/Chatham).
    const offsets: Record<string, number> = { UTC: 0, "America/Santiago": 180, "Asia/Kolkata": -330, "Pacific/Chatham": -825 };
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(offsets[expected!]);
  });
});
