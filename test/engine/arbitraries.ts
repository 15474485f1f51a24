import fc from "fast-check";
import { conditions, decimalText } from "../properties/arbitraries.js";

/** Markets with what makes them different: currency digits, cash rounding, exclusive taxes and excises, tax "por dentro". */
export const MARKETS = [
  { market: "GR", currency: "EUR", zone: "Europe/Athens" },
  { market: "BE", currency: "EUR", zone: "Europe/Brussels" }, // cash rounding to 0.05
  { market: "NL", currency: "EUR", zone: "Europe/Amsterdam" },
  { market: "FR", currency: "EUR", zone: "Europe/Paris" },
  { market: "LU", currency: "EUR", zone: "Europe/Luxembourg" },
  { market: "CL", currency: "CLP", zone: "America/Santiago" }, // 0 digits, cash to 10 half toward zero, southern DST
  { market: "CO", currency: "COP", zone: "America/Bogota" }, // settles in 0 digits
  { market: "US-IA", currency: "USD", zone: "America/Chicago" }, // prices exclude tax; per-kWh excise
  { market: "US-KY", currency: "USD", zone: "America/New_York" }, // excise and sales tax
  { market: "US-OK", currency: "USD", zone: "America/Chicago" },
  { market: "BR-SP", currency: "BRL", zone: "America/Sao_Paulo" }, // ICMS inside its own base
  { market: "MX", currency: "MXN", zone: "America/Mexico_City" },
  { market: "PR", currency: "USD", zone: "America/Puerto_Rico" },
] as const;

/** A tariff's own taxes: added, compound and inside, so every tax formula is exercised. */
const ownTaxes = fc.array(
  fc.record({
    name: fc.constantFrom("VAT", "Levy", "Tax"),
    rate: fc.constantFrom("0.06", "0.2", "0.21", "0.125", "0.05", "0.18", "0.0625"),
    appliesTo: fc.subarray(["energy", "time", "idle", "flat", "excise"] as const, { minLength: 1 }),
    method: fc.constantFrom("added", "compound", "inside"),
  }),
  { maxLength: 3 },
);

const day = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2024, 5, 1) + d * 86_400_000).toISOString().slice(0, 10));
const dates = fc
  .tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined }))
  .filter(([from, to]) => (from !== undefined || to !== undefined) && (from === undefined || to === undefined || from < to))
  .map(([from, to]) => ({ ...(from ? { from } : {}), ...(to ? { to } : {}) }));

const rate = (dimension: "energy" | "time" | "idle" | "flat", steps: boolean) =>
  fc.record(
    {
      price: decimalText(dimension === "energy" ? 2 : 30, dimension === "energy" ? 4 : 2),
      ...(steps && dimension !== "flat"
        ? { step: dimension === "energy" ? fc.constantFrom("0.1", "0.5", "1", "0.001") : fc.constantFrom(1, 60, 300, 900) }
        : {}),
      when: fc
        .tuple(conditions(), fc.option(dates, { nil: undefined, freq: 3 }), fc.integer({ min: 0, max: 4 }))
        // Energy thresholds, crossed between two milliseconds more often than not: kept in three
        // rates out of five, so the engine's exact fractions are exercised against the reference.
        .map(([{ energyKWh, ...when }, between, keep]) => ({ ...when, ...(energyKWh && keep < 3 ? { energyKWh } : {}), ...(between ? { dates: between } : {}) })),
    },
    { requiredKeys: ["price"] },
  );

/** A v1 tariff for one of the markets above, sometimes with its own taxes, caps and steps. */
export const marketTariffDoc = fc
  .record({
    place: fc.constantFrom(...MARKETS),
    pricesInclude: fc.option(fc.constantFrom("tax", "none"), { nil: undefined }),
    energy: fc.array(rate("energy", true), { maxLength: 3 }),
    time: fc.array(rate("time", true), { maxLength: 2 }),
    idle: fc.array(rate("idle", true), { maxLength: 2 }),
    flat: fc.array(rate("flat", false), { maxLength: 2 }),
    minPrice: fc.option(decimalText(5, 2), { nil: undefined }),
    maxPrice: fc.option(fc.integer({ min: 100, max: 20_500 }).map((c) => (c / 100).toFixed(2)), { nil: undefined }),
    taxes: fc.option(ownTaxes, { nil: undefined, freq: 4 }),
  })
  .map(({ place, pricesInclude, taxes, minPrice, maxPrice, ...rates }) => ({
    version: 1 as const,
    id: "generated",
    market: place.market,
    currency: place.currency,
    timeZone: place.zone,
    ...(pricesInclude ? { pricesInclude } : {}),
    ...rates,
    ...(minPrice ? { minPrice } : {}),
    ...(maxPrice ? { maxPrice } : {}),
    ...(taxes ? { taxes } : {}),
  }));

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Nights around DST changes of the zones above (UTC), and ordinary days. */
const DST_NIGHTS = [
  "2026-03-29T00:00:00Z", // Europe springs forward at 01:00Z
  "2026-10-25T00:00:00Z", // Europe falls back at 01:00Z
  "2026-03-08T06:00:00Z", // US springs forward
  "2026-11-01T05:00:00Z", // US falls back
  "2026-04-05T02:00:00Z", // Santiago falls back
  "2026-09-06T03:00:00Z", // Santiago springs forward
  "2025-06-15T10:00:00Z",
  "2024-12-31T20:00:00Z",
].map((s) => Date.parse(s));

/**
 * A session as a charger with clock-aligned meter values reports it: starting on the hour, a
 * reading every half hour with whole multiples of 0.06 kWh in between. Local-time edges then fall
 * on readings or at exact energies, as they do at real chargers.
 */
export const alignedSessionDoc = fc
  .record({
    near: fc.constantFrom(...DST_NIGHTS),
    shiftHours: fc.integer({ min: -30, max: 30 }),
    // Up to 40 half hours, or 66 to 150 (over 64 readings, the engine skips the rates at a cut that is only a reading).
    steps: fc.oneof(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 66, maxLength: 150 })),
    idleMinutes: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.constant(0)),
    payment: fc.constantFrom("card", "app", "cash", undefined),
  })
  .map((s) => {
    const start = s.near + s.shiftHours * 3_600_000;
    const half = 30 * MIN;
    let kWh = 0;
    const meter = s.steps.map((k, i) => {
      kWh += k * 60;
      return { at: iso(start + (i + 1) * half), kWh: (kWh / 1000).toFixed(3) };
    });
    const chargingEnd = start + s.steps.length * half;
    return {
      start: iso(start),
      chargingEnd: iso(chargingEnd),
      end: iso(chargingEnd + s.idleMinutes * MIN),
      energyKWh: kWh === 0 ? "0" : (kWh / 1000).toFixed(3),
      ...(meter.length > 1 ? { meter: meter.slice(0, -1) } : {}),
      ...(s.payment ? { payment: s.payment } : {}),
    };
  });

/**
 * A session: often across a DST change, up to a week long, with meter readings (some at quarter
 * hours with round amounts, so that local-time cuts fall on exact energies, some anywhere), any
 * payment, and instants written with an offset or in UTC.
 */
const anySessionDoc = fc
  .record({
    near: fc.constantFrom(...DST_NIGHTS),
    shift: fc.integer({ min: -36 * 60, max: 36 * 60 }),
    chargingMinutes: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 7 * 24 * 60 })),
    idleMinutes: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.constant(0)),
    energy: fc.oneof(decimalText(150, 3), fc.integer({ min: 0, max: 600 }).map((q) => String(q / 4))),
    quarters: fc.boolean(),
    readings: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 12 }),
    payment: fc.constantFrom("card", "app", "cash", undefined),
    offsetText: fc.boolean(),
    id: fc.option(fc.constant("s-1"), { nil: undefined }),
  })
  .map((s) => {
    const start = s.near + s.shift * MIN;
    const chargingEnd = start + s.chargingMinutes * MIN;
    const end = chargingEnd + s.idleMinutes * MIN;
    const energy = s.chargingMinutes === 0 ? "0" : s.energy;
    const text = (ms: number) => (s.offsetText ? new Date(ms + 2 * 3_600_000).toISOString().slice(0, 19) + "+02:00" : iso(ms));
    const meter = s.chargingMinutes > 1 && s.readings.length ? readings(start, s.chargingMinutes, energy, s.readings, s.quarters) : [];
    return {
      ...(s.id ? { id: s.id } : {}),
      start: text(start),
      chargingEnd: text(chargingEnd),
      end: text(end),
      energyKWh: energy,
      ...(meter.length ? { meter: meter.map((r) => ({ at: text(r.at), kWh: r.kWh })) } : {}),
      ...(s.payment ? { payment: s.payment } : {}),
    };
  });

export const marketSessionDoc = fc.oneof(anySessionDoc, alignedSessionDoc);

/** Cumulative readings strictly inside the charging time, never decreasing, at most the total. */
function readings(start: number, minutes: number, energy: string, fractions: readonly (readonly [number, number])[], quarters: boolean) {
  const total = Math.round(Number(energy) * 1000);
  const grid = quarters ? 15 : 1;
  const slots = Math.floor((minutes - 1) / grid);
  if (slots < 1) return [];
  const at = [...new Set(fractions.map(([t]) => grid * (1 + Math.floor(t * slots))))].filter((m) => m < minutes).sort((a, b) => a - b);
  const unit = quarters ? 250 : 1; // quarter hours with quarter kWh, or anything
  const amounts = fractions.map(([, e]) => Math.floor((e * total) / unit) * unit).sort((a, b) => a - b);
  return at.map((m, i) => ({ at: start + m * MIN, kWh: (amounts[i]! / 1000).toFixed(3) }));
}
