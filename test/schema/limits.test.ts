import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, runPricing, safeParseSession, safeParseTariff } from "../../src/index.js";

const session = { start: "2026-05-01T00:00:00Z", end: "2026-06-01T00:00:00Z", energyKWh: "100" };

describe("limits on untrusted input", () => {
  it("refuses sessions over 31 days unless the caller allows more", () => {
    expect(safeParseSession(session).ok).toBe(true); // exactly 31 days
    const longer = { ...session, end: "2026-06-01T00:00:01Z" };
    const r = safeParseSession(longer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "/end", message: expect.stringContaining("longer than 31 days") }]);
    expect(safeParseSession(longer, { maxSessionDays: 60 }).ok).toBe(true);
  });

  it("refuses instants far out of range", () => {
    const r = safeParseSession({ ...session, end: "2200-01-01T00:00:00Z" }, { maxSessionDays: 366 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: "/end", message: expect.stringContaining("2199") });
  });

  it("refuses prototype-polluting keys and leaves Object.prototype alone", () => {
    const hostile = JSON.parse(
      '{"version":1,"id":"x","market":"FR","currency":"EUR","__proto__":{"polluted":1},"energy":[{"price":"1","constructor":{"prototype":{"bad":1}}}],"prototype":{}}',
    );
    const r = safeParseTariff(hostile);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(["/__proto__", "/energy/0/constructor", "/prototype"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
    const s = safeParseSession(JSON.parse('{"start":"2026-05-01T00:00:00Z","end":"2026-05-01T01:00:00Z","energyKWh":"1","__proto__":{"x":1}}'));
    expect(s.ok).toBe(false);
  });

  it("refuses too many rates, readings, long strings and long decimals, naming the field", () => {
    const many = Array.from({ length: 101 }, () => ({ price: "0.1" }));
    const r = safeParseTariff({ version: 1, id: "x", market: "FR", currency: "EUR", energy: many, name: { en: "x".repeat(201) } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.path, i.message])).toEqual(
        expect.arrayContaining([
          ["/energy", "has more than 100 rates"],
          ["/name/en", "is longer than 200 characters"],
        ]),
      );
    const d = safeParseTariff({ version: 1, id: "x", market: "FR", currency: "EUR", energy: [{ price: "1234567890123.5" }] });
    expect(d.ok).toBe(false);
  });

  it.runIf(process.env.EXPECTED_HOST_TZ === "UTC" && !process.env.STRYKER)("prices 100,000 meter readings with one slice per reading: work grows linearly with input", () => {
    const n = 100_000;
    const start = Date.UTC(2026, 4, 1);
    const meter = Array.from({ length: n }, (_, i) => ({ at: new Date(start + (i + 1) * 1000).toISOString(), kWh: ((i + 1) / 1000).toFixed(3) }));
    const s = parseSession({ start: new Date(start).toISOString(), end: new Date(start + (n + 1) * 1000).toISOString(), energyKWh: (n / 1000 + 0.001).toFixed(3), meter });
    const t = parseTariff({ version: 1, id: "x", market: "FR", currency: "EUR", energy: [{ price: "0.50" }] });
    const run = runPricing(t, s);
    expect(run.slices).toHaveLength(n + 1);
    // 100.001 kWh × 0.50 = 50.0005 → 50.00 (the digit after the cents is 0)
    expect(run.receipt.totals.gross).toBe("50.00");
  }, 60_000);
});
