import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, runPricing, startMeter, type Tariff } from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import type { Slice } from "../../src/price/types.js";
import { conditions, decimalText, sessionDoc, tariffDoc } from "../properties/arbitraries.js";
import { runs } from "../helpers/runs.js";
import { thrown } from "../helpers/issues.js";
import { brusselsNightDoc, makeAthens } from "../helpers/tariffs.js";

/** Rates with at most one condition each, so that prices do change within a session often. */
const oneCondition = fc.tuple(conditions(), fc.nat()).map(([c, n]) => {
  const keys = Object.keys(c) as (keyof typeof c)[];
  if (keys.length === 0) return {};
  const key = keys[n % keys.length]!;
  return { [key]: c[key] };
});
const simpleRate = (max: number, decimals: number) =>
  fc.record({ price: decimalText(max, decimals), when: oneCondition }, { requiredKeys: ["price"] });
const simpleTariff = fc.record({
  version: fc.constant(1 as const),
  id: fc.constant("simple"),
  market: fc.constantFrom("FR", "BE", "NL", "GR", "LU"),
  currency: fc.constant("EUR"),
  energy: fc.array(simpleRate(2, 4), { minLength: 1, maxLength: 3 }),
  time: fc.array(simpleRate(30, 2), { maxLength: 2 }),
  idle: fc.array(simpleRate(30, 2), { maxLength: 2 }),
  flat: fc.constant([]),
});
const anyTariff = fc.oneof(tariffDoc(), simpleTariff);
const mostlySimple = fc.oneof({ arbitrary: simpleTariff, weight: 3 }, { arbitrary: tariffDoc(), weight: 1 });


const issuePath = (f: () => unknown) => thrown(f).issues[0]!.path;

describe("startMeter", () => {
  it("prices the session so far, tells the next change, and ends with priceSession's receipt", () => {
    const athens = makeAthens();
    // 2026-06-01 is in summer time: Athens is UTC+3, so 13:50Z is 16:50 local.
    const meter = startMeter(athens, { start: "2026-06-01T13:50:00Z", payment: "card", id: "live-1" });
    expect(meter.state).toBe("charging");
    expect(meter.cost().totals.gross).toBe("0.50"); // the flat fee only
    expect(meter.prices()).toEqual({ phase: "charging", energy: { price: "0.49", rate: "/energy/2" } });
    // No reading yet: no power to assume, so the next change is the 17:00 local edge (14:00Z).
    expect(meter.nextChange()).toMatchObject({ at: "2026-06-01T14:00:00Z", reasons: ["localTime"], assumedPowerKW: "0" });

    meter.update({ at: "2026-06-01T14:00:00Z", kWh: "10" }); // 10 kWh in 10 min: 60 kW
    // 10 kWh at 0.49 + 0.50 flat
    expect(meter.cost().totals.gross).toBe("5.40");
    expect(meter.prices().energy).toEqual({ price: "0.59", rate: "/energy/0" });
    // 21:00 local = 18:00Z
    expect(meter.nextChange()).toMatchObject({
      at: "2026-06-01T18:00:00Z",
      reasons: ["localTime"],
      before: { phase: "charging", energy: { price: "0.59" } },
      after: { phase: "charging", energy: { price: "0.49" } },
      assumedPowerKW: "60",
    });
    // The cost later on, with no new reading, counts the energy as last read.
    expect(meter.cost("2026-06-01T14:05:00Z").totals.gross).toBe("5.40");

    meter.update({ at: "2026-06-01T14:10:00Z", kWh: "20" });
    meter.stopCharging("2026-06-01T14:20:00Z", "30");
    expect(meter.state).toBe("idle");
    // 10 × 0.49 + 20 × 0.59 + 0.50 = 17.20
    expect(meter.cost().totals.gross).toBe("17.20");
    // Free (the grace period): 0 in EUR's settlement digits, beside the idle rate's "24.00" later.
    expect(meter.prices()).toEqual({ phase: "idle", idle: { price: "0.00", rate: null } });
    // The 15-minute grace period ends at 14:35Z.
    expect(meter.nextChange()).toMatchObject({
      at: "2026-06-01T14:35:00Z",
      reasons: ["idleMinutes"],
      after: { phase: "idle", idle: { price: "24.00", rate: "/idle/0" } },
    });
    expect(meter.nextChange("2026-06-01T14:36:00Z")).toBeNull();

    const receipt = meter.stop("2026-06-01T14:40:00Z");
    expect(meter.state).toBe("stopped");
    // + 5 idle minutes at 24.00/h = 2.00
    expect(receipt.totals.gross).toBe("19.20");
    const same = parseSession({
      id: "live-1",
      start: "2026-06-01T13:50:00Z",
      chargingEnd: "2026-06-01T14:20:00Z",
      end: "2026-06-01T14:40:00Z",
      energyKWh: "30",
      meter: [
        { at: "2026-06-01T14:00:00Z", kWh: "10" },
        { at: "2026-06-01T14:10:00Z", kWh: "20" },
        { at: "2026-06-01T14:20:00Z", kWh: "30" },
      ],
      payment: "card",
    });
    expect(meter.receipt()).toEqual(priceSession(athens, same));
    expect(meter.session()).toEqual(same);
    expect(meter.cost()).toBe(receipt);
    expect(meter.nextChange()).toBeNull();
  });

  it("finds an energy threshold at the assumed power, or at the power given", () => {
    const tiered = parseTariff({
      version: 1,
      id: "tiered",
      market: "FR",
      currency: "EUR",
      energy: [{ price: "0.30", when: { energyKWh: { max: "20" } } }, { price: "0.50" }],
      time: [],
      idle: [],
      flat: [],
    });
    const meter = startMeter(tiered, { start: "2026-06-01T10:00:00Z" });
    meter.update({ at: "2026-06-01T10:05:00Z", kWh: "4" });
    meter.update({ at: "2026-06-01T10:10:00Z", kWh: "10" }); // last interval: 6 kWh in 5 min = 72 kW
    // 10 more kWh at 72 kW: 500 s → 10:18:20Z
    expect(meter.nextChange()).toMatchObject({ at: "2026-06-01T10:18:20Z", reasons: ["energyKWh"], assumedPowerKW: "72" });
    // At 30 kW: 20 min
    expect(meter.nextChange(undefined, { powerKW: "30" })).toMatchObject({ at: "2026-06-01T10:30:00Z", assumedPowerKW: "30" });
    // At 7 kW: 10/7 h = 5142857.142… ms, rounded up to the next whole millisecond
    expect(meter.nextChange(undefined, { powerKW: 7 })?.at).toBe("2026-06-01T11:35:42.858Z");
    // Too far for a 1-hour horizon
    expect(meter.nextChange(undefined, { powerKW: 7, horizonHours: 1 })).toBeNull();
  });

  it("finds a session-minute threshold", () => {
    const antwerp = parseTariff({
      version: 1,
      id: "be-antwerp",
      market: "BE",
      currency: "EUR",
      energy: [{ price: "0.45" }],
      time: [{ price: "2.40", step: 60, when: { sessionMinutes: { min: 240 } } }],
      idle: [],
      flat: [],
    });
    const meter = startMeter(antwerp, { start: "2026-03-02T08:00:00Z" });
    expect(meter.nextChange()).toMatchObject({
      at: "2026-03-02T12:00:00Z",
      reasons: ["sessionMinutes"],
      before: { energy: { price: "0.45" }, time: { price: "0.00", rate: null } },
      after: { energy: { price: "0.45" }, time: { price: "2.40", rate: "/time/0" } },
    });
  });

  it("follows the wall clock across a DST change (Brussels springs forward at 01:00Z)", () => {
    const night = parseTariff({ ...brusselsNightDoc, idle: [] });
    // 23:30Z is 00:30 CET; 03:00 local comes at 01:00Z, when 02:00 CET jumps to 03:00 CEST.
    const meter = startMeter(night, { start: "2026-03-28T23:30:00Z" });
    const change = meter.nextChange();
    expect(change?.at).toBe("2026-03-29T01:00:00Z");
    expect(change?.reasons).toEqual(expect.arrayContaining(["localTime", "offsetChange"]));
    expect(change?.after.energy?.price).toBe("0.40");
    // Autumn: 02:00–03:00 local repeats (01:00Z turns 03:00 CEST back to 02:00 CET), so the cheap
    // night ends at 03:00 CET = 02:00Z, an hour later in UTC than the day before.
    const autumn = startMeter(night, { start: "2026-10-24T23:30:00Z" });
    expect(autumn.nextChange()?.at).toBe("2026-10-25T02:00:00Z");
  });

  it("has no next change when unit prices never change, and with a rate change at the same price", () => {
    const same = parseTariff({
      version: 1,
      id: "same",
      market: "NL",
      currency: "EUR",
      energy: [{ price: "0.40", when: { timeOfDay: { from: "07:00", to: "23:00" } } }, { price: "0.400" }],
      time: [],
      idle: [],
      flat: [],
    });
    const meter = startMeter(same, { start: "2026-05-01T10:00:00Z" });
    expect(meter.nextChange()).toBeNull();
  });

  it("refuses events out of order and inconsistent readings, naming the field", () => {
    const athens = makeAthens();
    const meter = startMeter(athens, { start: "2026-06-01T13:50:00Z" });
    expect(issuePath(() => meter.update({ at: "2026-06-01T13:50:00Z", kWh: "1" }))).toBe("/kWh");
    expect(issuePath(() => meter.update({ at: "2026-06-01T13:40:00Z", kWh: "0" }))).toBe("/at");
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:00:00", kWh: "1" }))).toBe("/at");
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:00:00Z", kWh: "-1" }))).toBe("/kWh");
    meter.update({ at: "2026-06-01T14:00:00Z", kWh: "5" });
    meter.update({ at: "2026-06-01T14:00:00Z", kWh: "5" }); // the same reading twice is fine
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:00:00Z", kWh: "6" }))).toBe("/at");
    expect(issuePath(() => meter.update({ at: "2026-06-01T13:59:00Z", kWh: "6" }))).toBe("/at");
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:01:00Z", kWh: "4" }))).toBe("/kWh");
    expect(issuePath(() => meter.cost("2026-06-01T13:55:00Z"))).toBe("/at");
    expect(issuePath(() => meter.receipt())).toBe("");
    meter.stopCharging(Date.UTC(2026, 5, 1, 14, 10));
    expect(issuePath(() => meter.stopCharging("2026-06-01T14:11:00Z"))).toBe("/at");
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:12:00Z", kWh: "6" }))).toBe("/kWh");
    meter.update({ at: "2026-06-01T14:12:00Z", kWh: "5" }); // unchanged while idle: accepted
    meter.stop(new Date(Date.UTC(2026, 5, 1, 14, 20)));
    expect(issuePath(() => meter.update({ at: "2026-06-01T14:30:00Z", kWh: "5" }))).toBe("/at");
    expect(issuePath(() => meter.stop("2026-06-01T14:30:00Z"))).toBe("/at");
    expect(meter.session().end).toBe("2026-06-01T14:20:00Z");
    expect(issuePath(() => startMeter(athens, { start: 1.5 }))).toBe("/start");
  });

  it("refuses to start where the tariff cannot price (before validFrom)", () => {
    const later = parseTariff({ ...athensDoc(), validFrom: "2027-01-01T00:00:00+02:00" });
    expect(issuePath(() => startMeter(later, { start: "2026-06-01T13:50:00Z" }))).toBe("/start");
  });
});

function athensDoc() {
  const athens = makeAthens();
  return JSON.parse(JSON.stringify(athens)) as Record<string, unknown>;
}

/** Feeds a session document's events to a meter: readings, charging end (with the final energy), end. */
function replay(tariff: Tariff, doc: ReturnType<typeof parseSession>, check?: (meter: ReturnType<typeof startMeter>, at: string) => void) {
  const meter = startMeter(tariff, { start: doc.start, payment: doc.payment ?? "card" });
  for (const r of doc.meter ?? []) {
    meter.update(r);
    check?.(meter, r.at);
  }
  meter.stopCharging(doc.chargingEnd ?? doc.end, doc.energyKWh);
  check?.(meter, doc.chargingEnd ?? doc.end);
  return { meter, receipt: meter.stop(doc.end) };
}

describe("startMeter (properties)", () => {
  it("its final receipt equals priceSession of the same session; costs so far equal priceSession of the session cut there", () => {
    fc.assert(
      fc.property(anyTariff, sessionDoc(), (t, s) => {
        const tariff = parseTariff(t);
        const session = parseSession(s);
        const { meter, receipt } = replay(tariff, session, (m, at) => {
          const readings = (session.meter ?? []).filter((r) => Date.parse(r.at) <= Date.parse(at));
          const stopped = Date.parse(at) >= Date.parse(session.chargingEnd ?? session.end);
          const energy = stopped ? session.energyKWh : (readings[readings.length - 1]?.kWh ?? "0");
          const cut = parseSession({
            start: session.start,
            chargingEnd: at,
            end: at,
            energyKWh: energy,
            ...(readings.length ? { meter: readings } : {}),
            payment: session.payment,
          });
          expect(m.cost()).toEqual(priceSession(tariff, cut));
        });
        expect(receipt).toEqual(priceSession(tariff, session));
        expect(meter.receipt()).toBe(receipt);
      }),
      { numRuns: runs(60) },
    );
  });

  it("nextChange is the first later slice of the real session whose unit prices differ, when power stays as it was", () => {
    const prices = (tariff: ReturnType<typeof runPricing>["compiled"], slice: Slice) =>
      (["energy", "time"] as const).map((d) => (tariff.rates[d].length ? (slice.chosen[d]?.price ?? new Dec(0)) : null));
    const same = (a: (Dec | null)[], b: (Dec | null)[]) => a.every((x, i) => (x === null ? b[i] === null : b[i] !== null && x.eq(b[i]!)));
    fc.assert(
      fc.property(mostlySimple, sessionDoc(), fc.integer({ min: 180, max: 720 }), (t, s, minutes) => {
        fc.pre((s.meter ?? []).length > 0);
        const tariff = parseTariff(t);
        const readings = s.meter!;
        const last = readings[readings.length - 1]!;
        const prev = readings[readings.length - 2] ?? { at: s.start, kWh: "0" };
        // The real session goes on from the last reading at the same power for up to 12 hours: k more
        // intervals like the last one (so the energy stays an exact decimal).
        const dt = Date.parse(last.at) - Date.parse(prev.at);
        const k = Math.max(1, Math.round((minutes * 60_000) / dt));
        const chargingEnd = Date.parse(last.at) + k * dt;
        const energy = new Dec(last.kWh).plus(new Dec(last.kWh).minus(prev.kWh).times(k)).toFixed();
        const real = parseSession({
          start: s.start,
          chargingEnd: new Date(chargingEnd).toISOString(),
          end: new Date(chargingEnd).toISOString(),
          energyKWh: energy,
          meter: readings,
          payment: "card",
        });
        const run = runPricing(tariff, real);
        const now = Date.parse(last.at);
        const i = run.slices.findIndex((sl) => sl.from.lte(now) && sl.to.gt(now));
        const before = prices(run.compiled, run.slices[i]!);
        const next = run.slices.slice(i + 1).find((sl) => !same(before, prices(run.compiled, sl)));

        const meter = startMeter(tariff, { start: s.start });
        for (const r of readings) meter.update(r);
        const change = meter.nextChange();
        if (next) {
          expect(change).not.toBeNull();
          expect(Math.abs(change!.atMs - next.from.toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber())).toBeLessThanOrEqual(1);
        } else if (change) {
          expect(change.atMs).toBeGreaterThanOrEqual(chargingEnd - 1);
        }
      }),
      { numRuns: runs(60) },
    );
  });
});
