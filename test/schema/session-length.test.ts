/**
 * The session-length limit's two messages at their edges: within the caller's limit, past it but within
 * the longest session ev-tariff prices, and past that.
 */
import { describe, expect, it } from "vitest";
import { safeParseSession } from "../../src/index.js";

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const session = (ms: number) => ({ start: new Date(start).toISOString(), end: new Date(start + ms).toISOString(), energyKWh: "10" });
const issues = (ms: number, maxSessionDays: number) => {
  const r = safeParseSession(session(ms), { maxSessionDays });
  return r.ok ? "parsed" : r.issues;
};

describe("the session-length limit", () => {
  it("allows exactly the limit and refuses a millisecond more, saying how to allow it", () => {
    expect(issues(30 * DAY, 30)).toBe("parsed");
    expect(issues(30 * DAY + 1, 30)).toEqual([{ path: "/end", message: "makes the session longer than 30 days; pass maxSessionDays to allow it" }]);
    expect(issues(366 * DAY, 365)).toEqual([{ path: "/end", message: "makes the session longer than 365 days; pass maxSessionDays to allow it" }]);
  });

  it("past 366 days, says that no limit allows it", () => {
    expect(issues(366 * DAY, 366)).toBe("parsed");
    for (const max of [1, 366])
      expect(issues(366 * DAY + 1, max)).toEqual([{ path: "/end", message: "makes the session longer than 366 days, the longest one ev-tariff prices" }]);
  });
});
