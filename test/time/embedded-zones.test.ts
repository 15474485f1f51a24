/**
 * The embedded zone data (src/time/zone-data.ts) against Intl. The heavy checks (every hour
 * 2000–2040 of every market zone, the rule beyond 2100, the generated file being current) run in the
 * UTC project only: they do not depend on the host zone, and the three other projects run a short
 * window of the same check.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { intlOffsetMinutes, intlTransitions, marketZones, zoneDataSource, type Transition } from "../../scripts/zone-data-source.js";
import { parseSession, parseTariff, priceSession, safeParseTariff } from "../../src/index.js";
import * as noIntl from "../../src/no-intl.js";
import { embeddedZone, embeddedZones, TZ_COVERAGE, TZ_VERSION, ZONE_NAMES } from "../../src/time/embedded-zones.js";
import { intlZones, isTimeZone, zone } from "../../src/time/zones.js";

const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
// The long checks run once, in the UTC project; not in the mutation run (Stryker's sandbox marks every
// source file `// @ts-nocheck`, and instrumented code is too slow for 41 years of hours).
const HEAVY = process.env.EXPECTED_HOST_TZ === "UTC" && !process.env.STRYKER;

/** Offset changes of an offset function (minutes) in [from, to), sampled daily and bisected. */
const changes = (offsetMinutes: (t: number) => number, from: number, to: number): Transition[] => intlTransitions(offsetMinutes, from, to, DAY);

/**
 * Checks the embedded zone against Intl on every hour in [fromYear, toYear]. Intl offsets are
 * piecewise constant: its changes are found by sampling daily and bisecting to the millisecond, must
 * equal the embedded ones, and are confirmed with src/time/zones.ts (the reading pricing uses) on both
 * sides; then each hour is compared with the embedded offset and the Intl value of its stretch.
 */
function compareHourly(name: string, fromYear: number, toYear: number): { hours: number; changes: number; mismatches: string[] } {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear + 1, 0, 1);
  const fast = intlOffsetMinutes(name);
  const intl = zone(name);
  const embedded = embeddedZone(name)!;
  const intlChanges = changes(fast, from, to);
  const embeddedChanges = changes((t) => embedded.offsetMs(t) / MIN, from, to);
  const mismatches: string[] = [];
  const firstDiff = intlChanges.findIndex((c, i) => c.at !== embeddedChanges[i]?.at || c.after !== embeddedChanges[i]?.after);
  if (firstDiff >= 0 || intlChanges.length !== embeddedChanges.length) {
    const i = firstDiff >= 0 ? firstDiff : intlChanges.length;
    const show = (c?: Transition) => (c ? `${new Date(c.at).toISOString()} → ${c.after} min` : "none");
    mismatches.push(`change #${i} differs: Intl ${show(intlChanges[i])}, embedded ${show(embeddedChanges[i])}`);
  }
  // Stretches of constant Intl offset, with their value read by src/time/zones.ts.
  const starts = [from, ...intlChanges.map((c) => c.at)];
  const values = starts.map((s) => intl.offsetMs(s));
  intlChanges.forEach((c, i) => {
    if (intl.offsetMs(c.at - 1) !== values[i]) mismatches.push(`Intl (zones.ts) is not ${values[i]} just before ${new Date(c.at).toISOString()}`);
    if (values[i + 1] !== c.after * MIN) mismatches.push(`Intl readings disagree at ${new Date(c.at).toISOString()}`);
  });
  let stretch = 0;
  let hours = 0;
  for (let t = from; t < to; t += H) {
    while (stretch + 1 < starts.length && starts[stretch + 1]! <= t) stretch++;
    hours++;
    if (embedded.offsetMs(t) !== values[stretch] && mismatches.length < 20)
      mismatches.push(`${new Date(t).toISOString()}: embedded ${embedded.offsetMs(t)}, Intl ${values[stretch]}`);
  }
  return { hours, changes: intlChanges.length, mismatches };
}

describe("embedded zone data", () => {
  it("covers the zones of every market and region, and UTC", () => {
    expect([...ZONE_NAMES].sort()).toEqual(marketZones());
    expect(ZONE_NAMES).toContain("America/Santiago");
    expect(ZONE_NAMES).toContain("America/Tijuana");
    expect(TZ_COVERAGE).toEqual({ from: 1970, to: 2100 });
    expect(TZ_VERSION).toBe(process.versions.tz);
  });

  it.runIf(HEAVY)("is current: regenerating from this Node's tz data gives the committed file (npm run zones)", () => {
    expect(readFileSync(new URL("../../src/time/zone-data.ts", import.meta.url), "utf8") === zoneDataSource()).toBe(true);
  });

  it("gives the offset at an instant on both sides of a change", () => {
    const brussels = embeddedZone("Europe/Brussels")!;
    expect(brussels.offsetMs(Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(H);
    expect(brussels.offsetMs(Date.UTC(2026, 2, 29, 1, 0))).toBe(2 * H);
    expect(brussels.offsetMs(Date.UTC(2026, 9, 25, 0, 59))).toBe(2 * H);
    expect(brussels.offsetMs(Date.UTC(2026, 9, 25, 1, 0))).toBe(H);
    const santiago = embeddedZone("America/Santiago")!;
    // Chile: DST ends first Sunday of April on or after the 2nd (03:00Z), starts in September (04:00Z).
    expect(santiago.offsetMs(Date.UTC(2026, 3, 5, 2, 59))).toBe(-3 * H);
    expect(santiago.offsetMs(Date.UTC(2026, 3, 5, 3, 0))).toBe(-4 * H);
    expect(santiago.offsetMs(Date.UTC(2026, 8, 6, 4, 0))).toBe(-3 * H);
    // Mexico City dropped DST in 2022; Tijuana keeps the US rule.
    expect(embeddedZone("America/Mexico_City")!.offsetMs(Date.UTC(2026, 6, 1))).toBe(-6 * H);
    expect(embeddedZone("America/Mexico_City")!.offsetMs(Date.UTC(2021, 6, 1))).toBe(-5 * H);
    expect(embeddedZone("America/Tijuana")!.offsetMs(Date.UTC(2026, 6, 1))).toBe(-7 * H);
    expect(embeddedZone("UTC")!.offsetMs(Date.UTC(2026, 6, 1))).toBe(0);
    // Far ahead, the yearly rule recurs; before 1970 the 1970 offset applies.
    expect(embeddedZone("America/New_York")!.offsetMs(Date.UTC(2300, 6, 1))).toBe(-4 * H);
    expect(embeddedZone("Europe/Athens")!.offsetMs(Date.UTC(2250, 0, 1))).toBe(2 * H);
  });

  it("changes offset at the exact instant of every change 1970–2035 and 2099–2103, as Intl does (five zones)", () => {
    const problems: string[] = [];
    let count = 0;
    for (const name of ["Europe/Brussels", "America/Santiago", "America/Mexico_City", "America/New_York", "Europe/Athens"]) {
      const intl = intlOffsetMinutes(name);
      const embedded = embeddedZone(name)!;
      for (const [from, to] of [
        [Date.UTC(1970, 0, 1), Date.UTC(2036, 0, 1)],
        [Date.UTC(2099, 0, 1), Date.UTC(2104, 0, 1)],
      ] as const) {
        for (const { at, after } of changes(intl, from, to)) {
          count++;
          if (embedded.offsetMs(at) !== after * MIN) problems.push(`${name} at ${new Date(at).toISOString()}`);
          if (embedded.offsetMs(at - 1000) !== intl(at - 1000) * MIN) problems.push(`${name} just before ${new Date(at).toISOString()}`);
        }
      }
      // Year boundaries (the rule's memo is per year), on both sides.
      for (const year of [2026, 2101, 2150]) {
        const t = Date.UTC(year, 0, 1);
        for (const u of [t - 1000, t, t + 1000]) if (embedded.offsetMs(u) !== intl(u) * MIN) problems.push(`${name} at ${new Date(u).toISOString()}`);
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(300);
  });

  it("knows only the market zones and UTC, and says so", () => {
    expect(embeddedZone("Europe/Berlin")).toBeUndefined();
    expect(embeddedZone("__proto__")).toBeUndefined();
    expect(embeddedZone("toString")).toBeUndefined();
    expect(() => embeddedZones.zone("Europe/Berlin")).toThrow(RangeError);
    expect(embeddedZones.zoneProblem("Europe/Paris")).toBeNull();
    expect(embeddedZones.zoneProblem("Europe/Berlin")).toMatch(/Europe\/Berlin is not a zone this build carries.*market table and UTC/);
    expect(intlZones.zoneProblem("Europe/Berlin")).toBeNull();
    expect(intlZones.zoneProblem("Europe/Atlantis")).toBe("is not an IANA time zone (Europe/Atlantis)");
  });

  it(`equals Intl on every hour of every market zone, ${HEAVY ? "2000–2040" : "2025–2027"}`, { timeout: 60_000 }, () => {
    const [fromYear, toYear] = HEAVY ? [2000, 2040] : [2025, 2027];
    let hours = 0;
    let found = 0;
    const problems: string[] = [];
    for (const name of ZONE_NAMES) {
      const r = compareHourly(name, fromYear, toYear);
      hours += r.hours;
      found += r.changes;
      problems.push(...r.mismatches.map((m) => `${name}: ${m}`));
    }
    expect(problems).toEqual([]);
    const hoursPerZone = (Date.UTC(toYear + 1, 0, 1) - Date.UTC(fromYear, 0, 1)) / H;
    expect(hours).toBe(hoursPerZone * ZONE_NAMES.length);
    expect(found).toBeGreaterThan(HEAVY ? 1000 : 50);
  });

  it.runIf(HEAVY)("keeps Intl's yearly rule beyond 2100", () => {
    const problems: string[] = [];
    for (const name of ZONE_NAMES) {
      const fast = intlOffsetMinutes(name);
      const embedded = embeddedZone(name)!;
      for (const [from, to] of [
        [Date.UTC(2100, 6, 1), Date.UTC(2106, 0, 1)],
        [Date.UTC(2399, 0, 1), Date.UTC(2401, 0, 1)],
      ] as const) {
        const a = changes(fast, from, to);
        const b = changes((t) => embedded.offsetMs(t) / MIN, from, to);
        if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${name} ${new Date(from).toISOString()}`);
        if (fast(from) * MIN !== embedded.offsetMs(from)) problems.push(`${name} at ${new Date(from).toISOString()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("no-Intl parsing and pricing", () => {
  const berlin = { version: 1, id: "de-test", market: "DE", currency: "EUR", timeZone: "Europe/Berlin", taxes: [], energy: [{ price: "0.5" }] };
  const session = { start: "2026-03-29T00:00:00Z", end: "2026-03-29T03:00:00Z", energyKWh: "20" };

  it("refuses a zone outside the embedded data with an issue at /timeZone", () => {
    expect(safeParseTariff(berlin).ok).toBe(true);
    const r = noIntl.safeParseTariff(berlin);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "/timeZone", message: expect.stringMatching(/^Europe\/Berlin is not a zone this build carries/) }]);
    expect(() => noIntl.parseTariff(berlin)).toThrow(noIntl.TariffError);
    // A tariff parsed with Intl and priced without it is refused the same way, not with a crash.
    expect(() => noIntl.priceSession(parseTariff(berlin), parseSession(session))).toThrow(/\/timeZone: Europe\/Berlin is not a zone this build carries/);
    expect(() => noIntl.compileTariff(parseTariff(berlin))).toThrow(noIntl.TariffError);
  });

  it("lets a caller of the main entry ask for the embedded zones", () => {
    const tariff = { version: 1, id: "be-test", market: "BE", currency: "EUR", energy: [{ price: "0.4", when: { timeOfDay: { from: "02:00", to: "04:00" } } }, { price: "0.6" }] };
    const t = parseTariff(tariff, { zones: embeddedZones });
    const s = parseSession(session);
    expect(priceSession(t, s, { zones: embeddedZones })).toEqual(priceSession(t, s));
    expect(noIntl.priceSession(noIntl.parseTariff(tariff), s)).toEqual(priceSession(t, s));
  });

  it("works in this process with Intl removed, and the Intl path says what is missing", () => {
    const saved = globalThis.Intl;
    const tariff = { version: 1, id: "cl-test", market: "CL", currency: "CLP", timeZone: "America/Santiago", energy: [{ price: "390" }] };
    const s = parseSession({ start: "2026-04-05T01:00:00Z", end: "2026-04-05T05:00:00Z", energyKWh: "20" });
    const withIntl = priceSession(parseTariff(tariff), s);
    (globalThis as { Intl?: unknown }).Intl = undefined;
    try {
      expect(noIntl.priceSession(noIntl.parseTariff(tariff), s)).toEqual(withIntl);
      expect(isTimeZone("America/Santiago")).toBe(false);
      expect(() => zone("America/Santiago")).toThrow();
      const r = safeParseTariff(tariff);
      expect(r.ok ? [] : r.issues).toEqual([{ path: "/timeZone", message: expect.stringMatching(/this runtime has no Intl; use ev-tariff\/no-intl/) }]);
    } finally {
      globalThis.Intl = saved;
    }
  });
});
