/**
 * parseSession and parseTariff take a one-pass reader (read-session.ts, read-tariff.ts) and fall
 * back to the full checker (zod + cross-field checks) on any doubt. These properties hold them
 * together: on valid and invalid generated documents, safeParseX gives what the full checker gives
 * (the same value, key order, frozen parts and read instants; the same issues in the same order),
 * and a valid document takes the fast path.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { safeParseSession, safeParseTariff } from "../../src/index.js";
import { checkSession, sessionShapeOk } from "../../src/schema/parse-session.js";
import { checkTariff, tariffShapeOk } from "../../src/schema/parse-tariff.js";
import { sessionSchema } from "../../src/schema/session.js";
import { tariffSchema } from "../../src/schema/tariff.js";
import { sessionTimes } from "../../src/schema/session-times.js";

/** Every object and array in a value is frozen. */
function deeplyFrozen(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return true;
  return Object.isFrozen(v) && Object.values(v).every(deeplyFrozen);
}

function expectSame<T>(fast: { ok: boolean; value?: T; issues?: unknown }, slow: { ok: boolean; value?: T; issues?: unknown }) {
  expect(fast.ok).toBe(slow.ok);
  if (!slow.ok) {
    expect(fast.issues).toEqual(slow.issues);
    return;
  }
  // JSON text: the same fields, values and key order.
  expect(JSON.stringify(fast.value)).toBe(JSON.stringify(slow.value));
  expect(fast.value).toEqual(slow.value);
  expect(deeplyFrozen(fast.value)).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// Sessions

const pad = (n: number) => String(n).padStart(2, "0");
function instantText(ms: number, offsetMin: number, withMs: boolean, t: string): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString();
  const o = Math.abs(offsetMin);
  const off = offsetMin === 0 && t === "T" ? "Z" : `${offsetMin < 0 ? "-" : "+"}${pad(Math.floor(o / 60))}:${pad(o % 60)}`;
  return local.slice(0, 10) + t + local.slice(11, withMs ? 23 : 19) + off;
}
const kWhText = (micro: number, asNumber: boolean): string | number => {
  const s = (micro / 1e6).toFixed(6).replace(/\.?0+$/, "");
  return asNumber ? Number(s) : s;
};

/** A valid session document, varied in every optional part. */
const validSession = fc
  .record({
    start: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
    charging: fc.integer({ min: 1, max: 20 * 3_600_000 }),
    idle: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 * 3_600_000 })),
    energy: fc.integer({ min: 0, max: 200_000_000 }),
    offset: fc.constantFrom(0, 120, -330, 60),
    withMs: fc.boolean(),
    t: fc.constantFrom("T", "t"),
    numbers: fc.boolean(),
    chargingEnd: fc.boolean(),
    id: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
    payment: fc.option(fc.constantFrom("card", "app", "cash"), { nil: undefined }),
    schema: fc.boolean(),
    readings: fc.option(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }), { nil: undefined }),
    atStart: fc.boolean(),
  })
  .map((g) => {
    const start = g.withMs ? g.start : g.start - (g.start % 1000);
    const chargingEnd = start + (g.withMs ? g.charging : g.charging - (g.charging % 1000) + 1000);
    const end = chargingEnd + (g.withMs ? g.idle : g.idle - (g.idle % 1000));
    const at = (ms: number) => instantText(ms, g.offset, g.withMs, g.t);
    const doc: Record<string, unknown> = {};
    if (g.schema) doc.$schema = "../session.schema.json";
    if (g.id !== undefined) doc.id = g.id;
    doc.start = at(start);
    doc.end = at(end);
    if (g.chargingEnd || chargingEnd !== end) doc.chargingEnd = at(chargingEnd);
    doc.energyKWh = kWhText(g.energy, g.numbers);
    if (g.readings) {
      // Readings in time order inside [start, end]: cumulative, 0 at start, all of it from chargingEnd on.
      const times = [...new Set(g.readings.map(([t]) => Math.floor(start + t * (end - start))))].sort((a, b) => a - b);
      if (g.atStart && times[0] !== start) times.unshift(start);
      const fractions = g.readings.map(([, k]) => k).sort((a, b) => a - b);
      doc.meter = times
        .map((t, i) => {
          const micro = t === start ? 0 : t >= chargingEnd ? g.energy : Math.floor((fractions[i] ?? 1) * g.energy);
          return { at: instantText(t, g.offset, true, g.t), kWh: kWhText(micro, g.numbers) };
        });
      // Keep them cumulative after rounding.
      let prev = 0;
      for (const r of doc.meter as { kWh: string | number }[]) {
        const n = Number(r.kWh);
        if (n < prev) r.kWh = kWhText(Math.round(prev * 1e6), g.numbers);
        prev = Math.max(prev, n);
      }
    }
    if (g.payment !== undefined) doc.payment = g.payment;
    return doc;
  });

const junk = fc.constantFrom<unknown>(
  undefined, null, "", 0, -1, 1.5, "1.5", "01", "1.", ".5", "0.1234567", "999999999999.999999", "1e3", [], {}, true,
  "2026-02-30T00:00:00Z", "2026-01-01T00:00:00.0001Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00", "2200-01-01T00:00:00Z",
  "2026-05-04T10:00:00+02:00", "2026-05-04T08:00:00Z", "x".repeat(101), "card", "bitcoin",
);
const sessionKeys = fc.constantFrom("$schema", "id", "start", "end", "chargingEnd", "energyKWh", "meter", "payment", "extra", "__proto__");

/** A valid session with up to three things changed: a field replaced, removed or added, a reading broken. */
const anySession = fc
  .tuple(validSession, fc.array(fc.tuple(fc.nat(4), sessionKeys, junk, fc.nat()), { maxLength: 3 }))
  .map(([doc, changes]) => {
    const d: Record<string, unknown> = JSON.parse(JSON.stringify(doc));
    for (const [kind, key, value, n] of changes) {
      const meter = Array.isArray(d.meter) && d.meter.every((r) => typeof r === "object" && r !== null) ? (d.meter as Record<string, unknown>[]) : undefined;
      if (kind === 0) d[key] = value;
      else if (kind === 1) delete d[key];
      else if (kind === 2 && meter && meter.length > 0) meter[n % meter.length]![n % 2 ? "at" : "kWh"] = value;
      else if (kind === 3 && meter && meter.length > 1) meter.reverse();
      else if (kind === 4 && meter && meter.length > 0) (meter[n % meter.length] as Record<string, unknown>)[n % 3 ? "extra" : "at"] = undefined;
      else d[key] = value;
    }
    return d;
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a valid document never reaches zod", () => {
  it("parseSession of a valid session, with readings, reads it in one pass", () => {
    const safeParse = vi.spyOn(sessionSchema, "safeParse");
    const doc = { id: "s", start: "2026-05-04T08:00:00Z", chargingEnd: "2026-05-04T10:00:00+01:00", end: "2026-05-04T09:30:00Z", energyKWh: "22.5", meter: [{ at: "2026-05-04T08:30:00Z", kWh: 10 }] };
    expect(safeParseSession(doc).ok).toBe(true);
    expect(safeParse).not.toHaveBeenCalled();
    // An invalid one is worded by the full checker.
    expect(safeParseSession({ ...doc, end: "2026-05-04T07:00:00Z" }).ok).toBe(false);
    expect(safeParse).toHaveBeenCalledTimes(1);
  });

  it("parseTariff of a valid tariff, with conditions and taxes, reads it in one pass", () => {
    const safeParse = vi.spyOn(tariffSchema, "safeParse");
    const doc = {
      version: 1,
      id: "t",
      market: "GR",
      currency: "EUR",
      energy: [{ price: "0.35", step: "0.001", when: { energyKWh: { max: "20" }, timeOfDay: { from: "17:00", to: "21:00" }, days: ["mon"] } }, { price: "0.45" }],
      idle: [{ price: "24", when: { idleMinutes: { min: 15 } } }],
      flat: [{ price: "0.5" }],
      maxPrice: "80",
    };
    expect(safeParseTariff(doc).ok).toBe(true);
    expect(safeParse).not.toHaveBeenCalled();
    expect(safeParseTariff({ ...doc, currency: "XXX" }).ok).toBe(false);
    expect(safeParse).toHaveBeenCalledTimes(1);
  });
});

describe("parseSession's fast path agrees with the full checker", () => {
  it("takes the fast path for valid sessions, with the same value and read instants", () => {
    fc.assert(
      fc.property(validSession, fc.constantFrom(31, 1, 366), (doc, maxSessionDays) => {
        const slow = checkSession(doc, maxSessionDays);
        const fast = safeParseSession(doc, { maxSessionDays });
        expectSame(fast, slow);
        if (!fast.ok || !slow.ok) return;
        expect(sessionShapeOk(doc)).toBe(true);
        expect(sessionTimes(fast.value)).toEqual(sessionTimes(slow.value));
        expect(Object.isFrozen(sessionTimes(fast.value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same result and issues on any session", () => {
    fc.assert(
      fc.property(anySession, (doc) => {
        const fast = safeParseSession(doc);
        const slow = checkSession(doc, 31);
        expectSame(fast, slow);
        // The shape check only types instants and decimals; what it lets through that zod refuses, the cross-field checks cannot read.
        if (sessionShapeOk(doc) && !sessionSchema.safeParse(doc).success) expect(fast.ok).toBe(false);
        if (fast.ok && slow.ok) expect(sessionTimes(fast.value)).toEqual(sessionTimes(slow.value));
      }),
      { numRuns: 1500 },
    );
  });

  it("reads energyKWh and every reading in millionths, and the readings' instants", () => {
    const s = safeParseSession({
      start: "2026-05-04T10:00:00+02:00",
      chargingEnd: "2026-05-04T09:00:00Z",
      end: "2026-05-04T09:30:00Z",
      energyKWh: 22.5,
      meter: [
        { at: "2026-05-04T08:00:00Z", kWh: "0" },
        { at: "2026-05-04T08:30:00.250Z", kWh: 10.000001 },
        { at: "2026-05-04T09:00:00Z", kWh: "22.5" },
      ],
    });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(sessionTimes(s.value)).toEqual({
      start: Date.UTC(2026, 4, 4, 8),
      chargingEnd: Date.UTC(2026, 4, 4, 9),
      end: Date.UTC(2026, 4, 4, 9, 30),
      energyMicro: 22_500_000,
      meterAt: [Date.UTC(2026, 4, 4, 8), Date.UTC(2026, 4, 4, 8, 30, 0, 250), Date.UTC(2026, 4, 4, 9)],
      meterMicro: [0, 10_000_001, 22_500_000],
    });
    const noMeter = safeParseSession({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "1" });
    if (noMeter.ok) expect(sessionTimes(noMeter.value)).toMatchObject({ energyMicro: 1_000_000, meterAt: [], meterMicro: [] });
  });

  it("an energy too large for millionths in a safe integer is read as NaN, and compared exactly", () => {
    const s = safeParseSession({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "999999999999.5" });
    expect(s.ok).toBe(true);
    if (s.ok) expect(sessionTimes(s.value)!.energyMicro).toBeNaN();
    const meter = [
      { at: "2026-05-04T08:00:00Z", kWh: "0" },
      { at: "2026-05-04T08:30:00Z", kWh: "999999999999.4" },
      { at: "2026-05-04T09:00:00Z", kWh: "999999999999.6" },
    ];
    const r = safeParseSession({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "999999999999.5", meter });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: "/meter/2/kWh", message: "is more than the session's energyKWh (999999999999.5)" },
        { path: "/meter/2/kWh", message: "must equal energyKWh (999999999999.5) from chargingEnd on: no energy flows while idle" },
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Tariffs

/** Mostly valid values, sometimes one that is not. */
const mostly = (valid: unknown[], invalid: unknown[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 12 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
const price = mostly(["0.45", "0", "12", 0.5, 3, "1.000000"], ["01", -1, "0.1234567", null, "999999999999.999999"]);
const range = fc.record({ min: mostly(["0", 5, "1.5"], ["x", "10"]), max: mostly(["20", 10, 30.5], ["0", "1.5"]) }, { requiredKeys: [] });
const conditions = fc.record(
  {
    days: mostly([["mon"], ["mon", "tue", "wed", "thu", "fri"], ["sat", "sun"]], [["mon", "mon"], [], ["xyz"], "mon"]),
    timeOfDay: mostly(
      [{ from: "07:00", to: "23:00" }, { from: "23:00", to: "07:00" }, { to: "24:00", from: "00:00" }],
      [{ from: "07:00", to: "07:00" }, { from: "24:00", to: "07:00" }, { from: "7:00", to: "08:00" }, { from: "07:00" }],
    ),
    dates: mostly([{ from: "2026-06-01", to: "2026-09-01" }, { to: "2026-09-01" }, { from: "2024-02-29" }], [{ from: "2026-02-29" }, { from: "2026-09-01", to: "2026-06-01" }, {}, { from: "2024-02-29", extra: 1 }]),
    energyKWh: range,
    powerKW: range,
    sessionMinutes: range,
    idleMinutes: range,
  },
  { requiredKeys: [] },
);
const rate = fc
  .record({ price, step: mostly([60, 1], ["0.5", "0", 1.5]), when: conditions, noStep: fc.nat(3) }, { requiredKeys: ["price", "noStep"] })
  .map(({ noStep, ...r }) => {
    if (noStep > 0) delete r.step;
    return r;
  });
const rates = fc.option(fc.array(rate, { maxLength: 3 }), { nil: undefined });
const tax = fc.record(
  {
    name: mostly(["VAT", "IVA"], [""]),
    rate: mostly(["0.21", 0.08], ["1", "0.5"]),
    perKWh: mostly(["0.05", 0.1], ["-1"]),
    appliesTo: mostly([["energy"], ["energy", "time", "idle", "flat"]], [["energy", "energy"], [], ["excise"]]),
    method: mostly(["added", "compound", "inside"], ["other"]),
    source: mostly(["https://example.org"], [5]),
  },
  { requiredKeys: ["name", "appliesTo"] },
);
const anyTariff = fc
  .record(
    {
      $schema: fc.constant("../../schema/tariff.schema.json"),
      version: fc.constantFrom<unknown>(1, 1, 1, 2),
      id: fc.constantFrom<unknown>("gr-athens-dc-150", "x", "bad id", ""),
      name: fc.constantFrom<unknown>({ en: "DC", el: "DC 150 kW, χρονοχρέωση" }, { "pt-BR": "x" }, { EN: "x" }, { en: "" }, "DC"),
      market: fc.constantFrom<unknown>("GR", "FR", "BE", "MX", "MX-BCN", "US", "US-IA", "DE", "XX", "gr"),
      currency: fc.constantFrom<unknown>("EUR", "MXN", "USD", "XXX", "eur"),
      timeZone: fc.constantFrom<unknown>("Europe/Athens", "Europe/Paris", "Europe/Brussels", "America/Tijuana", "America/Chicago", "Europe/Atlantis", 5),
      pricesInclude: fc.constantFrom<unknown>("tax", "none", "all"),
      validFrom: mostly([null, "2026-01-01T00:00:00+02:00"], ["2026-13-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
      validTo: mostly([null, "2026-06-01T00:00:00Z"], ["2026-01-01T00:00:00+02:00", "2026-06-01T00:00:00"]),
      energy: rates,
      time: rates,
      idle: rates,
      flat: rates,
      minPrice: fc.constantFrom<unknown>(null, "1.00", 2, "100"),
      maxPrice: fc.constantFrom<unknown>(null, "60.00", "0.5"),
      taxes: fc.array(tax, { maxLength: 2 }),
      extra: fc.constant(1),
    },
    { requiredKeys: [] },
  )
  .chain((t) =>
    // Mostly the required members present and the usual ones valid, so that many documents are valid.
    fc.record({ keep: fc.boolean(), market: fc.constantFrom("GR", "FR", "MX-BCN", "BE") }).map(({ keep, market }) => {
      if (keep) return t;
      const fixed: Record<string, unknown> = { ...t, version: 1, id: "t-1", market, currency: market === "MX-BCN" ? "MXN" : "EUR", pricesInclude: "tax" };
      if (Math.abs(Number(fixed.minPrice ?? 0)) > 60) delete fixed.minPrice;
      delete fixed.extra;
      if (market !== "BE") delete fixed.taxes;
      if (market === "MX-BCN") fixed.timeZone = "America/Tijuana";
      else delete fixed.timeZone;
      return fixed;
    }),
  );

describe("parseTariff's fast path agrees with the full checker", () => {
  it("gives the same result and issues on any tariff, and takes the fast path when valid", () => {
    let valid = 0;
    fc.assert(
      fc.property(anyTariff, (doc) => {
        const input = JSON.parse(JSON.stringify(doc));
        const slow = checkTariff(input);
        const fast = safeParseTariff(input);
        expectSame(fast, slow);
        // The shape check never lets through what zod refuses.
        if (tariffShapeOk(input)) expect(tariffSchema.safeParse(input).success).toBe(true);
        if (slow.ok) {
          valid++;
          expect(tariffShapeOk(input)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(50);
  });

  it("does not change its input", () => {
    const doc = { version: 1, id: "x", market: "FR", currency: "EUR", energy: [{ price: 0.5, when: { days: ["mon"] } }], name: { en: "x" } };
    const copy = JSON.parse(JSON.stringify(doc));
    safeParseTariff(doc);
    expect(doc).toEqual(copy);
    expect(Object.isFrozen(doc.energy)).toBe(false);
  });
});
