/**
 * Issue 16: bounded work for every input. The engine's work is slices × rates; slices are bounded
 * (MAX_CUTS), receipts are bounded (MAX_LINES), explanations list at most MAX_EXPLAINED_INTERVALS
 * intervals and SKIPPED_LISTED earlier rates per choice, and a slice that starts at a meter reading
 * and nothing else keeps the rates of the slice before (unless a rate reads power). Sizes and counts
 * are checked here, never times (`npm run bench` measures those).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainSession, formatExplanation, parseSession, parseTariff, priceSession, runPricing, safeParseTariff, TariffError, type Explanation } from "../../src/index.js";
import { MAX_CUTS, MAX_LINES } from "../../src/engine/price.js";
import { MAX_EXPLAINED_INTERVALS, SKIPPED_LISTED } from "../../src/receipt/explain.js";
import { firstSlices } from "../../src/price/price-session.js";
import { runPricing as referenceRun } from "../reference/price-session.js";
import { marketTariffDoc } from "../engine/arbitraries.js";
import { runs } from "../helpers/runs.js";
import { Dec } from "../../src/money/decimal.js";

const MIN = 60_000;
const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** The audit's tariff: three dimensions × 100 rates, time-of-day windows and sessionMinutes conditions, where only the last rate of each applies. */
function auditTariff() {
  const rates = (k: number) =>
    Array.from({ length: 100 }, (_, i) =>
      i === 99 ? { price: "0.5" } : { price: "0.3", when: { timeOfDay: { from: clock(i), to: clock(23 * 60 + 59 - i) }, sessionMinutes: { min: String(900_000 + i * 3 + k) } } },
    );
  return parseTariff({ version: 1, id: "audit", market: "GR", currency: "EUR", energy: rates(0), time: rates(1), idle: rates(2) });
}
const month = () => parseSession({ start: "2026-03-01T00:00:00Z", chargingEnd: "2026-03-20T00:00:00Z", end: "2026-03-31T23:00:00Z", energyKWh: "500" });

/** Every choice of an explanation lists at most SKIPPED_LISTED earlier rates and counts the rest exactly. */
function expectBoundedChoices(e: Explanation, ratesBefore: (dimension: string, rate: string | null) => number) {
  for (const i of e.intervals)
    for (const [dimension, c] of Object.entries(i.choices)) {
      expect(c!.skipped.length).toBeLessThanOrEqual(SKIPPED_LISTED);
      expect(c!.skipped.length + (c!.notListed ?? 0)).toBe(ratesBefore(dimension, c!.rate));
    }
}

describe("explanations are bounded (explain ran out of memory on a 45 kB tariff and a 31-day session)", () => {
  const before = (_: string, rate: string | null) => (rate === null ? 100 : Number(rate.split("/")[2]));

  it("a choice lists three earlier rates with why they did not apply, and counts the others", () => {
    const day = parseSession({ start: "2026-03-01T00:00:00Z", chargingEnd: "2026-03-01T20:00:00Z", end: "2026-03-02T00:00:00Z", energyKWh: "50" });
    const e = explainSession(auditTariff(), day);
    expect(e.receipt).toEqual(priceSession(auditTariff(), day));
    expect(e.intervals[0]!.choices.energy).toEqual({
      rate: "/energy/99",
      price: "0.5",
      skipped: [
        { rate: "/energy/0", failed: ["sessionMinutes >= 900000: sessionMinutes was 0 min"] },
        { rate: "/energy/1", failed: ["sessionMinutes >= 900003: sessionMinutes was 0 min"] },
        { rate: "/energy/2", failed: ["sessionMinutes >= 900006: sessionMinutes was 0 min"] },
      ],
      notListed: 96,
    });
    expectBoundedChoices(e, before);
    const text = formatExplanation(e);
    expect(text).toContain("      … and 96 more earlier rates did not apply (not listed)");
    const choices = e.intervals.reduce((n, i) => n + Object.keys(i.choices).length, 0);
    expect(text.split("\n").filter((l) => l.includes(" skipped: ")).length).toBe(3 * choices);
  });

  it("the flat fee's choice is listed the same way", () => {
    const flat = [1, 2, 3, 4].map((k) => ({ price: "9", when: { sessionMinutes: { min: String(900_000 + k) } } }));
    const t = parseTariff({ version: 1, id: "flat", market: "GR", currency: "EUR", energy: [{ price: "0.3" }], flat: [...flat, { price: "0.5" }] });
    const day = parseSession({ start: "2026-03-01T00:00:00Z", end: "2026-03-01T01:00:00Z", energyKWh: "5" });
    const e = explainSession(t, day);
    expect(e.flat).toMatchObject({ rate: "/flat/4", notListed: 1 });
    expect(e.flat!.skipped.map((s) => s.rate)).toEqual(["/flat/0", "/flat/1", "/flat/2"]);
    expect(formatExplanation(e)).toContain("\n  … and 1 more earlier rate did not apply (not listed)\n");
    const three = explainSession(parseTariff({ version: 1, id: "flat", market: "GR", currency: "EUR", flat: [...flat.slice(0, 3), { price: "0.5" }] }), day);
    expect(three.flat).toEqual({ rate: "/flat/3", price: "0.5", skipped: expect.any(Array) });
    expect(three.flat!.skipped).toHaveLength(3);
  });

  it("a month: at most 5,000 intervals, the rest counted and said so, the lines and the receipt whole", () => {
    const t = auditTariff();
    const m = month();
    const e = explainSession(t, m);
    const run = runPricing(t, m);
    const { count } = firstSlices(run, 0);
    expect(count).toBeGreaterThan(MAX_EXPLAINED_INTERVALS);
    expect(e.intervals).toHaveLength(MAX_EXPLAINED_INTERVALS);
    expect(e.intervalsNotListed).toBe(count - MAX_EXPLAINED_INTERVALS);
    expect(e.receipt).toEqual(priceSession(t, m));
    expect(e.lines).toHaveLength(e.receipt.lines.length);
    expectBoundedChoices(e, before);
    const text = formatExplanation(e);
    expect(text).toContain(`  … and ${count - MAX_EXPLAINED_INTERVALS} later intervals, not listed (an explanation lists at most 5000); the lines below cover the whole session`);
    // Was 26 MB of text per session day; now a few MB for the month, within the stated 32 MiB.
    expect(text.length).toBeLessThan(8 * 2 ** 20);
    expect(JSON.stringify(e).length).toBeLessThan(8 * 2 ** 20);
  });
});

describe("slices and receipt lines are bounded, with a clear refusal", () => {
  it("a session of more than 150,000 cuts is refused (a year of 801 local edges a day), before any slice is priced", () => {
    // 400 rates, each its own two-minute window: 801 local edges a day.
    const windows = (k: number) => Array.from({ length: 100 }, (_, i) => ({ price: "0.3", when: { timeOfDay: { from: clock(k * 300 + i * 3), to: clock(k * 300 + i * 3 + 2) } } }));
    const t = parseTariff({ version: 1, id: "edges", market: "FR", currency: "EUR", energy: windows(0), time: windows(1), idle: windows(2), flat: windows(3) });
    const year = parseSession({ start: "2026-01-01T00:00:00Z", end: "2027-01-01T00:00:00Z", energyKWh: "9000" }, { maxSessionDays: 366 });
    const message = `needs more than ${MAX_CUTS} slices (meter readings, the tariff's local-time edges on each day, thresholds): price the session in shorter parts`;
    for (const price of [() => priceSession(t, year), () => runPricing(t, year), () => explainSession(t, year)]) {
      try {
        price();
        expect.unreachable("priced");
      } catch (e) {
        expect(e).toBeInstanceOf(TariffError);
        expect((e as TariffError).issues).toEqual([{ path: "", message }]);
      }
    }
    // A month of the same tariff prices: 31 × 801 edges.
    expect(priceSession(t, month()).lines.length).toBeGreaterThan(0);
  });

  it("a receipt of more than 20,000 lines is refused; the 6,000-line month of quarter-hour prices is not", () => {
    // 7-minute windows every 14 minutes: a rate, then free time, 200 lines a day in each of two dimensions.
    const windows = (offset: number) => Array.from({ length: 100 }, (_, i) => ({ price: i % 2 ? "0.31" : "0.29", when: { timeOfDay: { from: clock(offset + i * 14), to: clock(offset + i * 14 + 7) } } }));
    const t = parseTariff({ version: 1, id: "lines", market: "FR", currency: "EUR", energy: windows(0), time: windows(3) });
    const sixty = parseSession({ start: "2026-01-01T00:00:00Z", end: "2026-03-02T00:00:00Z", energyKWh: "9000" }, { maxSessionDays: 60 });
    expect(() => priceSession(t, sixty)).toThrow(`invalid session: /: makes a receipt of more than ${MAX_LINES} lines: price the session in shorter parts`);
    const thirty = parseSession({ start: "2026-01-01T00:00:00Z", end: "2026-01-31T00:00:00Z", energyKWh: "9000" });
    const r = priceSession(t, thirty);
    expect(r.lines.length).toBeGreaterThan(10_000);
    expect(r.lines.length).toBeLessThanOrEqual(MAX_LINES);
  });

  it("an adapter's profile of a hundred years is refused too (it took 40 s and 2.5 GB)", () => {
    const t = parseTariff({ version: 1, id: "night", market: "FR", currency: "EUR", energy: [{ price: "0.2", when: { timeOfDay: { from: "22:00", to: "06:00" } } }, { price: "0.3" }] });
    const start = Date.UTC(2026, 0, 1);
    const end = start + 36_500 * 86_400_000;
    const session = parseSession({ start: iso(start), end: iso(start + 1000), energyKWh: "1" });
    const profile = { start, chargingEnd: end, end, energyKWh: new Dec(1000), points: [{ at: start, kWh: new Dec(0) }, { at: end, kWh: new Dec(1000) }], idle: [] };
    expect(() => runPricing(t, session, { profile })).toThrow("invalid session: /: lasts more than 366 days: price the session in shorter parts");
  });
});

describe("a slice that starts at a reading keeps its rates (work with many readings is not slices × rates)", () => {
  /** A session with `n` readings, some of them flat (no energy), from a seed. */
  const manyReadings = fc
    .record({
      start: fc.integer({ min: 0, max: 400 }).map((d) => Date.UTC(2026, 0, 1) + d * 86_400_000 + 7 * 3_600_000),
      n: fc.integer({ min: 65, max: 160 }),
      every: fc.constantFrom(60_000, 5 * MIN, 11 * MIN + 7_000),
      steps: fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 8, maxLength: 8 }),
      idleMinutes: fc.integer({ min: 0, max: 300 }),
    })
    .map(({ start, n, every, steps, idleMinutes }) => {
      let wh = 0;
      const meter = Array.from({ length: n }, (_, i) => {
        wh += steps[i % 8]!;
        return { at: iso(start + (i + 1) * every), kWh: (wh / 1000).toFixed(3) };
      });
      const chargingEnd = start + (n + 1) * every;
      wh += steps[n % 8]!;
      return { start: iso(start), chargingEnd: iso(chargingEnd), end: iso(chargingEnd + idleMinutes * MIN), energyKWh: (wh / 1000).toFixed(3), meter };
    });

  it("equals the reference pricer, which tests every rate in every slice (property)", () => {
    fc.assert(
      fc.property(marketTariffDoc, manyReadings, (doc, s) => {
        const parsed = safeParseTariff(doc);
        if (!parsed.ok) return;
        const t = parsed.value;
        const session = parseSession(s);
        const out = (f: () => unknown) => {
          try {
            return JSON.stringify(f());
          } catch (e) {
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        };
        expect(out(() => priceSession(t, session))).toBe(out(() => referenceRun(t, session).receipt));
      }),
      { numRuns: runs(40) },
    );
  });

  it("energy reaching a threshold equal to the total at a reading before charging ends changes the rate there", () => {
    // 70 readings: 1 kWh a minute for 10 minutes, then nothing: energy reaches 10 kWh (the total) at the 10th reading.
    const start = Date.UTC(2026, 4, 4, 8);
    const meter = Array.from({ length: 70 }, (_, i) => ({ at: iso(start + (i + 1) * MIN), kWh: String(Math.min(i + 1, 10)) }));
    const s = parseSession({ start: iso(start), chargingEnd: iso(start + 71 * MIN), end: iso(start + 71 * MIN), energyKWh: "10", meter });
    const t = parseTariff({ version: 1, id: "full", market: "FR", currency: "EUR", time: [{ price: "6", when: { energyKWh: { min: "10" } } }, { price: "1" }] });
    const r = priceSession(t, s);
    expect(r.lines.map((l) => [l.rate, l.quantity])).toEqual([
      ["/time/1", "0.166667"],
      ["/time/0", "1.016667"],
    ]);
    expect(r).toEqual(referenceRun(t, s).receipt);
  });
});

describe("worst cases: many rates × many cuts × long sessions price within the stated bounds, or are refused (property)", () => {
  const window = fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 })).map(([from, length]) => ({ from: clock(from), to: clock((from + length) % 1440) }));
  const rate = fc.record(
    {
      price: fc.constantFrom("0.1", "0.2", "0.35"),
      when: fc.record(
        {
          timeOfDay: window,
          sessionMinutes: fc.integer({ min: 1, max: 600_000 }).map((m) => ({ min: String(m) })),
          energyKWh: fc.integer({ min: 1, max: 20_000 }).map((k) => ({ max: String(k) })),
          powerKW: fc.integer({ min: 1, max: 400 }).map((k) => ({ min: String(k) })),
          days: fc.subarray(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const, { minLength: 1 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["price"] },
  );
  const rates = fc.oneof({ arbitrary: fc.array(rate, { minLength: 90, maxLength: 100 }), weight: 3 }, { arbitrary: fc.array(rate, { maxLength: 5 }), weight: 1 });
  const worst = fc.record({
    energy: rates,
    time: rates,
    idle: rates,
    days: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 300, max: 366 })),
    readings: fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 100_000 })),
  });

  const edges = (k: number) => Array.from({ length: 100 }, (_, i) => ({ price: "0.2" as const, when: { timeOfDay: { from: clock(k * 480 + i * 4), to: clock(k * 480 + i * 4 + 2) } } }));

  it.skipIf(!!process.env.STRYKER)("slices, lines, intervals and explanation text stay within SECURITY.md's figures", () => {
    let priced = 0;
    let refused = 0;
    fc.assert(
      fc.property(worst, ({ energy, time, idle, days, readings }) => {
        const t = parseTariff({ version: 1, id: "w", market: "FR", currency: "EUR", energy, time, idle });
        const start = Date.UTC(2026, 0, 5);
        const end = start + days * 86_400_000;
        const chargingEnd = start + Math.floor((end - start) * 0.8);
        const every = Math.floor((chargingEnd - start) / (readings + 1));
        const meter = Array.from({ length: readings }, (_, i) => ({ at: iso(start + (i + 1) * every), kWh: ((i + 1) * 0.25).toFixed(3) }));
        const s = parseSession({ start: iso(start), chargingEnd: iso(chargingEnd), end: iso(end), energyKWh: ((readings + 1) * 0.25).toFixed(3), meter }, { maxSessionDays: 366 });
        let e: Explanation;
        try {
          e = explainSession(t, s);
        } catch (error) {
          expect(error).toBeInstanceOf(TariffError);
          expect((error as TariffError).issues[0]!.path).toBe("");
          refused++;
          return;
        }
        priced++;
        const { count } = firstSlices(runPricing(t, s), 0);
        expect(count).toBeLessThanOrEqual(MAX_CUTS);
        expect(e.receipt.lines.length).toBeLessThanOrEqual(MAX_LINES + 10);
        expect(e.intervals.length).toBeLessThanOrEqual(MAX_EXPLAINED_INTERVALS);
        expect(e.intervals.length + e.intervalsNotListed).toBe(count);
        for (const i of e.intervals) for (const c of Object.values(i.choices)) expect(c!.skipped.length).toBeLessThanOrEqual(SKIPPED_LISTED);
        // SECURITY.md: an explanation's text and its JSON are at most 32 MiB each; a receipt's JSON at most 8 MiB.
        expect(formatExplanation(e).length).toBeLessThanOrEqual(32 * 2 ** 20);
        expect(JSON.stringify(e).length).toBeLessThanOrEqual(32 * 2 ** 20);
        expect(JSON.stringify(e.receipt).length).toBeLessThanOrEqual(8 * 2 ** 20);
      }),
      // And a year of 601 local edges a day: refused.
      { numRuns: 8, seed: 16, examples: [[{ energy: edges(0), time: edges(1), idle: edges(2), days: 366, readings: 0 }]] },
    );
    expect({ priced: priced > 0, refused: refused > 0 }, `${priced} priced, ${refused} refused`).toEqual({ priced: true, refused: true });
  }, 120_000);
});
