import fc from "fast-check";

/** A decimal string with up to `decimals` decimals in [0, max]. */
export const decimalText = (max: number, decimals: number) =>
  fc.integer({ min: 0, max: max * 10 ** decimals }).map((n) => {
    const s = String(n).padStart(decimals + 1, "0");
    const text = decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
    return text.replace(/\.?0+$/, "") || "0";
  });

const hhmm = fc.integer({ min: 0, max: 47 }).map((half) => `${String(Math.floor(half / 2)).padStart(2, "0")}:${half % 2 ? "30" : "00"}`);
const dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const range = (max: number) =>
  fc
    .tuple(fc.option(fc.integer({ min: 0, max }), { nil: undefined }), fc.option(fc.integer({ min: 1, max }), { nil: undefined }))
    .filter(([a, b]) => (a !== undefined || b !== undefined) && (a === undefined || b === undefined || a < b))
    .map(([min, max]) => ({ ...(min !== undefined ? { min: String(min) } : {}), ...(max !== undefined ? { max: String(max) } : {}) }));

/** Conditions of every kind, or none. */
export const conditions = (opts: { power?: boolean; energy?: boolean } = {}) =>
  fc.record(
    {
      days: fc.uniqueArray(fc.constantFrom(...dayNames), { minLength: 1, maxLength: 7 }),
      timeOfDay: fc.tuple(hhmm, hhmm).filter(([a, b]) => a !== b).map(([from, to]) => ({ from, to })),
      ...(opts.energy === false ? {} : { energyKWh: range(80) }),
      ...(opts.power === false ? {} : { powerKW: range(150) }),
      sessionMinutes: range(600),
      idleMinutes: range(120),
    },
    { requiredKeys: [] },
  );

const rate = (dimension: "energy" | "time" | "idle" | "flat", opts: { steps: boolean; conditions: boolean; power?: boolean; energy?: boolean }) =>
  fc.record(
    {
      price: decimalText(dimension === "energy" ? 2 : 30, dimension === "energy" ? 4 : 2),
      ...(opts.steps && dimension !== "flat"
        ? { step: dimension === "energy" ? fc.constantFrom("0.1", "0.5", "1") : fc.constantFrom(1, 60, 300, 900) }
        : {}),
      ...(opts.conditions ? { when: conditions({ power: opts.power ?? true, energy: opts.energy ?? true }) } : {}),
    },
    { requiredKeys: ["price"] },
  );

export interface TariffOptions {
  steps?: boolean;
  conditions?: boolean;
  caps?: boolean;
  /** powerKW conditions (default true). */
  power?: boolean;
  /** energyKWh conditions (default true). */
  energy?: boolean;
}

/** A v1 tariff document for one of the European markets. */
export const tariffDoc = (opts: TariffOptions = {}) => {
  const o = { steps: opts.steps ?? true, conditions: opts.conditions ?? true, power: opts.power ?? true, energy: opts.energy ?? true };
  return fc.record(
    {
      version: fc.constant(1 as const),
      id: fc.constant("generated"),
      market: fc.constantFrom("FR", "BE", "NL", "GR", "LU"),
      currency: fc.constant("EUR"),
      pricesInclude: fc.constantFrom("tax", "none"),
      energy: fc.array(rate("energy", o), { maxLength: 3 }),
      time: fc.array(rate("time", o), { maxLength: 2 }),
      idle: fc.array(rate("idle", o), { maxLength: 2 }),
      flat: fc.array(rate("flat", o), { maxLength: 2 }),
      ...(opts.caps === false ? {} : { minPrice: decimalText(5, 2), maxPrice: fc.integer({ min: 500, max: 20_500 }).map((c) => (c / 100).toFixed(2)) }),
    },
    { requiredKeys: ["version", "id", "market", "currency", "energy", "time", "idle", "flat"] },
  );
};

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A session in 2024-2027 with optional cumulative meter readings. */
export const sessionDoc = (opts: { meter?: boolean } = {}) =>
  fc
    .record({
      start: fc.integer({ min: Date.UTC(2024, 0, 1) / MIN, max: Date.UTC(2027, 11, 31) / MIN }).map((m) => m * MIN),
      chargingMinutes: fc.integer({ min: 0, max: 600 }),
      idleMinutes: fc.integer({ min: 0, max: 180 }),
      energy: decimalText(150, 3),
      readings: opts.meter === false ? fc.constant([]) : fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 6 }),
      payment: fc.constantFrom("card", "app", "cash"),
    })
    .map((s) => {
      const chargingEnd = s.start + s.chargingMinutes * MIN;
      const energy = s.chargingMinutes === 0 ? "0" : s.energy;
      return {
        start: iso(s.start),
        chargingEnd: iso(chargingEnd),
        end: iso(chargingEnd + s.idleMinutes * MIN),
        energyKWh: energy,
        ...(s.chargingMinutes > 1 && s.readings.length ? { meter: meterReadings(s.start, s.chargingMinutes, energy, s.readings) } : {}),
        payment: s.payment,
      };
    });

/** Cumulative readings strictly inside the charging time, never decreasing, at most the total. */
export function meterReadings(start: number, chargingMinutes: number, energy: string, fractions: readonly (readonly [number, number])[]) {
  const total = Math.round(Number(energy) * 1000);
  const minutes = [...new Set(fractions.map(([t]) => 1 + Math.min(chargingMinutes - 2, Math.floor(t * (chargingMinutes - 1)))))].sort((a, b) => a - b);
  const amounts = fractions.map(([, e]) => Math.floor(e * total)).sort((a, b) => a - b);
  return minutes.map((m, i) => ({ at: iso(start + m * MIN), kWh: (amounts[i]! / 1000).toFixed(3) }));
}
