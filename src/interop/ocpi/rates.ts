import type { Dec } from "../../money/decimal.js";
import type { DayName } from "../../schema/tariff.js";
import type { Conditions, Dimension, Range, Rate } from "../../schema/types.js";
import { decOf, Notes, plain, ptr, roundTo } from "../common.js";
import type { OcpiDay, OcpiDimensionType, OcpiPriceComponent, OcpiRestrictions, OcpiTariff } from "./model.js";

export const DAY_OF: Record<OcpiDay, DayName> = {
  MONDAY: "mon",
  TUESDAY: "tue",
  WEDNESDAY: "wed",
  THURSDAY: "thu",
  FRIDAY: "fri",
  SATURDAY: "sat",
  SUNDAY: "sun",
};
export const OCPI_DAY_OF: Record<DayName, OcpiDay> = Object.fromEntries(Object.entries(DAY_OF).map(([k, v]) => [v, k])) as Record<DayName, OcpiDay>;

/** OCPI dimension → v1 rate list. */
export const V1_DIMENSION: Record<OcpiDimensionType, Dimension> = { ENERGY: "energy", TIME: "time", PARKING_TIME: "idle", FLAT: "flat" };
export const OCPI_DIMENSION: Record<Dimension, OcpiDimensionType> = { energy: "ENERGY", time: "TIME", idle: "PARKING_TIME", flat: "FLAT" };

/** Where a v1 rate came from in the OCPI tariff. */
export interface RateOrigin {
  readonly element: number;
  readonly component: number;
  readonly type: OcpiDimensionType;
  readonly price: Dec;
  /** VAT percentage; undefined when the component states none. */
  readonly vat: Dec | undefined;
}

/** Restrictions that v1 conditions cannot hold, kept for pricing charge records. */
export interface ExtraRestrictions {
  readonly minCurrent?: Dec;
  readonly maxCurrent?: Dec;
  readonly minPower?: Dec;
  readonly maxPower?: Dec;
}

export interface BuiltRates {
  readonly rates: Record<Dimension, Rate[]>;
  readonly origins: Record<Dimension, RateOrigin[]>;
  readonly extras: Record<Dimension, ExtraRestrictions[]>;
}

/**
 * How restrictions are read:
 * - `convert`: into a v1 file; values must fit v1 (6 decimals), current cannot be kept (warned);
 * - `price`: for pricing a charge record, exactly; current and power become extra checks that read
 *   the record's own dimensions.
 */
export type ReadMode = "convert" | "price";

/** Which elements a reading takes: the session's (no reservation restriction) or a reservation's. */
export type ElementSet = "session" | "reservation" | "reservation-expired";

function decimalFor(value: number, path: string, notes: Notes, mode: ReadMode): string {
  const d = decOf(value);
  if (mode === "price" || d.decimalPlaces() <= 6) return plain(d);
  notes.warn(path, `${plain(d)} has more than the 6 decimals a v1 tariff keeps; rounded to ${plain(roundTo(d, 6))}`);
  return plain(roundTo(d, 6));
}

function range(min: string | undefined, max: string | undefined): Range | undefined {
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * The v1 conditions of an element's restrictions, or `never` when they can never hold (then the
 * element prices nothing). Reservation is handled by the caller.
 */
export function restrictionsToWhen(
  r: OcpiRestrictions | undefined,
  at: string,
  notes: Notes,
  mode: ReadMode,
): { when?: Conditions; never: boolean; extra: ExtraRestrictions } {
  const extra: { -readonly [K in keyof ExtraRestrictions]: ExtraRestrictions[K] } = {};
  if (!r) return { never: false, extra };
  const when: { -readonly [K in keyof Conditions]: Conditions[K] } = {};
  let never = false;
  if (r.day_of_week && r.day_of_week.length > 0) {
    const days = [...new Set(r.day_of_week.map((d) => DAY_OF[d]))];
    if (days.length < 7) when.days = days;
  }
  const { start_time: s, end_time: e } = r;
  if (s !== undefined && e !== undefined) {
    if (s === e) {
      notes.warn(`${at}/end_time`, `equals start_time (${s}): the window is empty, so the element never applies and is left out`);
      never = true;
    } else if (!(s === "00:00" && e === "00:00")) when.timeOfDay = { from: s, to: e === "00:00" ? "24:00" : e };
  } else if (s !== undefined && s !== "00:00") when.timeOfDay = { from: s, to: "24:00" };
  else if (e !== undefined && e !== "00:00") when.timeOfDay = { from: "00:00", to: e };
  if (r.start_date !== undefined || r.end_date !== undefined) {
    if (r.start_date !== undefined && r.end_date !== undefined && r.start_date >= r.end_date) {
      notes.warn(`${at}/end_date`, "is not after start_date: the element never applies and is left out");
      never = true;
    } else when.dates = { ...(r.start_date !== undefined ? { from: r.start_date } : {}), ...(r.end_date !== undefined ? { to: r.end_date } : {}) };
  }
  const pair = (minKey: keyof OcpiRestrictions, maxKey: keyof OcpiRestrictions, scale: (v: number) => number = (v) => v) => {
    const min = r[minKey] as number | undefined;
    const max = r[maxKey] as number | undefined;
    if (min !== undefined && max !== undefined && !(scale(min) < scale(max))) {
      notes.warn(`${at}/${String(maxKey)}`, `is not above ${String(minKey)}: the element never applies and is left out`);
      never = true;
      return undefined;
    }
    return range(
      min !== undefined && min !== 0 ? decimalFor(scale(min), `${at}/${String(minKey)}`, notes, mode) : undefined,
      max !== undefined ? decimalFor(scale(max), `${at}/${String(maxKey)}`, notes, mode) : undefined,
    );
  };
  const energy = pair("min_kwh", "max_kwh");
  if (energy) when.energyKWh = energy;
  if (r.min_duration !== undefined || r.max_duration !== undefined) {
    const minutes = (seconds: number) => decOf(seconds).div(60);
    const text = (seconds: number, key: string) => {
      const m = minutes(seconds);
      if (mode === "price" || m.decimalPlaces() <= 6) return plain(m);
      notes.warn(`${at}/${key}`, `${seconds} s is ${m.toSignificantDigits(10).toFixed()} min, more decimals than a v1 tariff keeps; rounded to ${plain(roundTo(m, 6))} min`);
      return plain(roundTo(m, 6));
    };
    if (r.min_duration !== undefined && r.max_duration !== undefined && r.min_duration >= r.max_duration) {
      notes.warn(`${at}/max_duration`, "is not above min_duration: the element never applies and is left out");
      never = true;
    } else {
      const sm = range(
        r.min_duration !== undefined && r.min_duration !== 0 ? text(r.min_duration, "min_duration") : undefined,
        r.max_duration !== undefined ? text(r.max_duration, "max_duration") : undefined,
      );
      if (sm) when.sessionMinutes = sm;
    }
  }
  if (mode === "convert") {
    const power = pair("min_power", "max_power");
    if (power) when.powerKW = power;
    for (const key of ["min_current", "max_current"] as const)
      if (r[key] !== undefined)
        notes.warn(
          `${at}/${key}`,
          "v1 tariffs have no current condition: dropped, so this element also applies at other currents (ocpi price honours it from the charge record's current dimensions)",
        );
  } else {
    if (r.min_power !== undefined && r.max_power !== undefined && !(r.min_power < r.max_power)) never = true;
    if (r.min_current !== undefined && r.max_current !== undefined && !(r.min_current < r.max_current)) never = true;
    if (r.min_power !== undefined && r.min_power !== 0) extra.minPower = decOf(r.min_power);
    if (r.max_power !== undefined) extra.maxPower = decOf(r.max_power);
    if (r.min_current !== undefined && r.min_current !== 0) extra.minCurrent = decOf(r.min_current);
    if (r.max_current !== undefined) extra.maxCurrent = decOf(r.max_current);
  }
  return { ...(Object.keys(when).length ? { when } : {}), never, extra };
}

/** The v1 step of a price component: kWh for energy (from Wh), seconds for time; none for 0 or FLAT. */
export function stepOf(c: OcpiPriceComponent): string | undefined {
  if (c.type === "FLAT" || !c.step_size) return undefined;
  return c.type === "ENERGY" ? plain(decOf(c.step_size).div(1000)) : String(c.step_size);
}

/**
 * The elements of an OCPI tariff as v1 rate lists, in element order, so that v1's first match per
 * dimension is OCPI's first matching element with a component of that dimension. Element-level
 * restrictions become each of its components' conditions.
 */
export function buildRates(t: OcpiTariff, notes: Notes, mode: ReadMode, set: ElementSet): BuiltRates {
  const rates: Record<Dimension, Rate[]> = { energy: [], time: [], idle: [], flat: [] };
  const origins: Record<Dimension, RateOrigin[]> = { energy: [], time: [], idle: [], flat: [] };
  const extras: Record<Dimension, ExtraRestrictions[]> = { energy: [], time: [], idle: [], flat: [] };
  const order =
    set === "reservation-expired"
      ? [
          ...t.elements.map((e, i) => [e, i] as const).filter(([e]) => e.restrictions?.reservation === "RESERVATION_EXPIRES"),
          ...t.elements.map((e, i) => [e, i] as const).filter(([e]) => e.restrictions?.reservation === "RESERVATION"),
        ]
      : t.elements
          .map((e, i) => [e, i] as const)
          .filter(([e]) => (set === "session" ? e.restrictions?.reservation === undefined : e.restrictions?.reservation === "RESERVATION"));
  for (const [element, i] of order) {
    const at = ptr("elements", i);
    const { when, never, extra } = restrictionsToWhen(element.restrictions, `${at}/restrictions`, notes, mode);
    if (never) continue;
    const seen = new Set<OcpiDimensionType>();
    element.price_components.forEach((c, j) => {
      const cAt = `${at}/price_components/${j}`;
      if (seen.has(c.type)) {
        notes.warn(cAt, `is a second ${c.type} component in one element; OCPI applies the first, so this one is left out`);
        return;
      }
      seen.add(c.type);
      if (set !== "session" && (c.type === "ENERGY" || c.type === "PARKING_TIME")) {
        notes.warn(cAt, `a reservation element prices only FLAT and TIME; this ${c.type} component is left out`);
        return;
      }
      const dimension = V1_DIMENSION[c.type];
      const step = stepOf(c);
      if (step !== undefined && mode === "convert" && c.type === "ENERGY" && decOf(step).decimalPlaces() > 6)
        notes.warn(`${cAt}/step_size`, "has more decimals in kWh than a v1 tariff keeps");
      rates[dimension].push({
        price: decimalFor(c.price, `${cAt}/price`, notes, mode),
        ...(step !== undefined ? { step } : {}),
        ...(when ? { when } : {}),
      });
      origins[dimension].push({ element: i, component: j, type: c.type, price: decOf(c.price), vat: c.vat !== undefined ? decOf(c.vat) : undefined });
      extras[dimension].push(extra);
    });
  }
  return { rates, origins, extras };
}
