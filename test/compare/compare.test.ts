/**
 * compareTariffs (src/compare): a hand-checked comparison, which tariff prices which session
 * (skipped, invalid, refused), exact percent rounding, nearest-rank distributions, the histogram, the
 * largest changes; and properties: the sums are the sums of the receipts, whatever the sessions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTariffs, parseSession, parseTariff, priceSession, TariffError, type Comparison } from "../../src/index.js";
import { EARLY_SESSION, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

const current = parseTariff(SIMPLE_TARIFF);
/** The same tariff at 0.35/kWh. */
const proposed = parseTariff({ ...SIMPLE_TARIFF, energy: [{ price: "0.35" }] });
const session = (start: string, hours: number, kWh: string, id?: string) =>
  parseSession({ ...(id ? { id } : {}), start, end: new Date(Date.parse(start) + hours * 3_600_000).toISOString(), energyKWh: kWh });

describe("compareTariffs: a hand-checked comparison", () => {
  // 10 kWh: 4.00 → 4.50; 20 kWh: 7.00 → 8.00; 0 kWh: 1.00 → 1.00. GR prices include 24 % VAT.
  const c = compareTariffs(current, proposed, [
    parseSession(SIMPLE_SESSION), // 2026-05-10 (Sunday) 10:00Z = 13:00 in Athens
    session("2026-05-11T05:00:00Z", 1, "20", "s-20"), // Monday 08:00 Athens
    session("2026-05-11T05:30:00Z", 1, "0", "s-0"), // Monday 08:30 Athens
  ]);
  const m = c.markets[0]!;

  it("sums revenue exactly, with the change in money and percent", () => {
    expect(c.sessions).toEqual({ read: 3, compared: 3, refused: 0, invalid: 0, skipped: 0 });
    expect(c.markets).toHaveLength(1);
    expect(m.market).toBe("GR");
    expect(m.currency).toBe("EUR");
    expect(m.energyKWh).toBe("30");
    expect(m.revenue.before.gross).toBe("12.00");
    expect(m.revenue.after.gross).toBe("13.50");
    expect(m.revenue.change.gross).toBe("1.50");
    expect(m.revenue.changePercent.gross).toBe("12.50");
    // net + tax = gross on each side, as on each receipt
    for (const side of [m.revenue.before, m.revenue.after, m.revenue.change]) expect((BigInt(side.net.replace(".", "")) + BigInt(side.tax.replace(".", ""))).toString()).toBe(BigInt(side.gross.replace(".", "")).toString());
  });

  it("gives the distributions as nearest ranks, and price per kWh only for sessions with energy", () => {
    // changes sorted: 0.00, 0.50, 1.00
    expect(m.changePerSession).toEqual({ min: "0.00", p10: "0.00", median: "0.50", p90: "1.00", max: "1.00" });
    // before: 4.00/10 = 0.4000, 7.00/20 = 0.3500; after 0.4500, 0.4000
    expect(m.pricePerKWh).toEqual({
      sessions: 2,
      before: { min: "0.3500", p10: "0.3500", median: "0.3500", p90: "0.4000", max: "0.4000" },
      after: { min: "0.4000", p10: "0.4000", median: "0.4000", p90: "0.4500", max: "0.4500" },
    });
    expect(m.histogram.reduce((n, b) => n + b.sessions, 0)).toBe(3);
    expect(m.histogram[0]!.from).toBe("0.00");
  });

  it("puts each session in its local hour and weekday (station's zone, Monday first)", () => {
    expect(m.byWeekday[6]).toEqual({ sessions: 1, before: "4.00", after: "4.50", change: "0.50", changePercent: "12.50" });
    expect(m.byWeekday[0]).toEqual({ sessions: 2, before: "8.00", after: "9.00", change: "1.00", changePercent: "12.50" });
    expect(m.byHour[13]!.sessions).toBe(1);
    expect(m.byHour[8]).toEqual({ sessions: 2, before: "8.00", after: "9.00", change: "1.00", changePercent: "12.50" });
    expect(m.byWeekdayHour[0]![8]!.sessions).toBe(2);
    expect(m.byHour.reduce((n, b) => n + b.sessions, 0)).toBe(3);
  });

  it("lists the largest increases with their ids, largest first; none decrease", () => {
    expect(m.largest.increases.map((s) => [s.line, s.sessionId, s.change, s.changePercent, s.localStart])).toEqual([
      [2, "s-20", "1.00", "14.29", "2026-05-11 08:00"],
      [1, "s-simple", "0.50", "12.50", "2026-05-10 13:00"],
    ]);
    expect(m.largest.decreases).toEqual([]);
    expect(compareTariffs(current, proposed, [parseSession(SIMPLE_SESSION)], { top: 0 }).markets[0]!.largest.increases).toEqual([]);
  });

  it("swapping the sides negates every change", () => {
    const back = compareTariffs(proposed, current, [parseSession(SIMPLE_SESSION), session("2026-05-11T05:00:00Z", 1, "20", "s-20")]).markets[0]!;
    expect(back.revenue.change.gross).toBe("-1.50");
    // before 4.50 + 8.00 = 12.50; after 4.00 + 7.00 = 11.00
    expect(back.revenue.changePercent.gross).toBe("-12.00");
    expect(back.largest.decreases.map((s) => s.change)).toEqual(["-1.00", "-0.50"]);
  });
});

describe("compareTariffs: which tariff prices which session", () => {
  const athens = parseTariff({ ...SIMPLE_TARIFF, id: "gr-other" });
  const athens2 = parseTariff({ ...SIMPLE_TARIFF, id: "gr-other", energy: [{ price: "0.20" }] });

  it("one current tariff: sessions naming another are skipped; a single proposed tariff may have another id", () => {
    const c = compareTariffs(current, parseTariff({ ...SIMPLE_TARIFF, id: "gr-test-v2" }), [
      { tariffId: "gr-test-simple", session: parseSession(SIMPLE_SESSION) },
      { tariffId: "gr-other", session: parseSession(SIMPLE_SESSION) },
      parseSession(SIMPLE_SESSION),
    ]);
    expect(c.sessions).toEqual({ read: 3, compared: 2, refused: 0, invalid: 0, skipped: 1 });
    expect(c.markets[0]!.revenue.change.gross).toBe("0.00");
    expect(c.markets[0]!.revenue.changePercent.gross).toBe("0.00");
  });

  it("lists of tariffs: matched by tariffId; an unknown or missing id is invalid; a missing proposed tariff refuses", () => {
    const c = compareTariffs([current, athens], [proposed], [
      { tariffId: "gr-test-simple", session: parseSession(SIMPLE_SESSION) },
      { tariffId: "gr-other", session: parseSession(SIMPLE_SESSION) },
      { tariffId: "nope", session: parseSession(SIMPLE_SESSION) },
      parseSession(SIMPLE_SESSION),
    ]);
    expect(c.sessions).toEqual({ read: 4, compared: 1, refused: 1, invalid: 2, skipped: 0 });
    expect(c.invalid).toEqual([
      { line: 3, issues: [{ path: "/tariffId", message: "names no current tariff (known: gr-test-simple, gr-other)" }] },
      { line: 4, issues: [{ path: "/tariffId", message: "is required: the session must name its tariff" }] },
    ]);
    expect(c.refusals).toEqual([{ line: 2, sessionId: "s-simple", tariffId: "gr-other", side: "proposed", issues: [{ path: "/tariffId", message: "the proposed tariffs hold no tariff gr-other" }] }]);
    expect(c.markets[0]!.sessions.refused).toEqual({ current: 0, proposed: 1, both: 0 });
    expect(compareTariffs([current, athens], [proposed, athens2], [{ tariffId: "gr-other", session: parseSession(SIMPLE_SESSION) }]).markets[0]!.revenue.change.gross).toBe("-1.00");
  });

  it("a session outside a tariff's validity is refused by that side, with the engine's issue", () => {
    const c = compareTariffs(current, proposed, [parseSession(EARLY_SESSION), parseSession(SIMPLE_SESSION)]);
    expect(c.sessions.refused).toBe(1);
    expect(c.refusals[0]!.side).toBe("both");
    expect(c.refusals[0]!.issues[0]!.path).toBe("/start");
    expect(c.markets[0]!.sessions).toEqual({ priced: 1, refused: { current: 0, proposed: 0, both: 1 } });
    // the refused session is in no sum
    expect(c.markets[0]!.revenue.before.gross).toBe("4.00");
  });

  it("refuses a proposed tariff in another currency, and a side that repeats an id", () => {
    const usd = parseTariff({ ...SIMPLE_TARIFF, market: "US-NY", currency: "USD" });
    const c = compareTariffs(current, usd, [parseSession(SIMPLE_SESSION)]);
    expect(c.refusals[0]!.issues[0]!.message).toMatch(/bills in USD, the current one in EUR/);
    expect(() => compareTariffs([current, current], proposed, [])).toThrow(TariffError);
    try {
      compareTariffs([current, current], proposed, []);
    } catch (e) {
      expect((e as TariffError).issues).toEqual([{ path: "/1/id", message: "gr-test-simple is also the id of an earlier tariff" }]);
    }
  });

  it("no sessions: no markets", () => {
    expect(compareTariffs(current, proposed, [])).toMatchObject({ markets: [], sessions: { read: 0 } });
  });
});

/** Minor units of a money string. */
const minor = (s: string) => BigInt(s.replace(".", ""));

describe("compareTariffs: properties", () => {
  const sessionArb = fc.record({
    startMinute: fc.integer({ min: 0, max: 60 * 24 * 300 }),
    minutes: fc.integer({ min: 1, max: 600 }),
    wh: fc.integer({ min: 0, max: 150_000 }),
  });
  const priceArb = fc.integer({ min: 0, max: 2_000_000 }).map((n) => (n / 1_000_000).toFixed(6));

  it("revenue is the sum of the receipts; percentiles are ordered values of the per-session changes; counts add up", () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 1, maxLength: 25 }), priceArb, priceArb, (raw, p1, p2) => {
        const a = parseTariff({ ...SIMPLE_TARIFF, energy: [{ price: p1 }] });
        const b = parseTariff({ ...SIMPLE_TARIFF, energy: [{ price: p2 }], flat: [{ price: "0.75" }] });
        const sessions = raw.map((r, i) => {
          const start = Date.UTC(2026, 0, 2) + r.startMinute * 60_000;
          return parseSession({ id: `p${i}`, start: new Date(start).toISOString(), end: new Date(start + r.minutes * 60_000).toISOString(), energyKWh: (r.wh / 1000).toFixed(3) });
        });
        const c: Comparison = compareTariffs(a, b, sessions);
        const m = c.markets[0]!;
        const before = sessions.map((s) => priceSession(a, s).totals);
        const after = sessions.map((s) => priceSession(b, s).totals);
        for (const k of ["net", "tax", "gross"] as const) {
          expect(minor(m.revenue.before[k])).toBe(before.reduce((t, r) => t + minor(r[k]), 0n));
          expect(minor(m.revenue.after[k])).toBe(after.reduce((t, r) => t + minor(r[k]), 0n));
        }
        const changes = sessions.map((_, i) => minor(after[i]!.gross) - minor(before[i]!.gross)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const d = m.changePerSession!;
        const n = changes.length;
        expect(minor(d.min)).toBe(changes[0]);
        expect(minor(d.max)).toBe(changes[n - 1]);
        expect(minor(d.median)).toBe(changes[Math.ceil(n / 2) - 1]);
        expect(minor(d.p10)).toBe(changes[Math.ceil(n / 10) - 1]);
        expect(minor(d.p90)).toBe(changes[Math.ceil((9 * n) / 10) - 1]);
        expect(m.histogram.reduce((t, bin) => t + bin.sessions, 0)).toBe(n);
        expect(m.byWeekday.reduce((t, x) => t + x.sessions, 0)).toBe(n);
        expect(m.byHour.reduce((t, x) => t + minor(x.change), 0n)).toBe(minor(m.revenue.change.gross));
        // percent: change × 100 / before, 2 decimals, half away from zero, checked with plain bigint arithmetic
        const bg = minor(m.revenue.before.gross);
        const cg = minor(m.revenue.change.gross);
        if (bg === 0n) expect(m.revenue.changePercent.gross).toBeNull();
        else {
          const scaled = cg * 10_000n;
          const q = scaled / bg;
          const r = scaled - q * bg;
          const rounded = 2n * (r < 0n ? -r : r) >= bg ? q + (scaled < 0n ? -1n : 1n) : q;
          expect(minor(m.revenue.changePercent.gross!)).toBe(rounded);
        }
      }),
      { numRuns: 60 },
    );
  });
});
