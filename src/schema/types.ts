import type { DayName } from "./tariff.js";

/** A range with inclusive min and exclusive max, as decimal strings. */
export interface Range {
  readonly min?: string;
  readonly max?: string;
}

export interface Conditions {
  readonly days?: readonly DayName[];
  readonly timeOfDay?: { readonly from: string; readonly to: string };
  readonly dates?: { readonly from?: string; readonly to?: string };
  readonly energyKWh?: Range;
  readonly powerKW?: Range;
  readonly sessionMinutes?: Range;
  readonly idleMinutes?: Range;
}

export interface Rate {
  /** Decimal string, per kWh (energy), per hour (time, idle) or per session (flat). */
  readonly price: string;
  /** Billing increment: kWh for energy, seconds for time and idle. */
  readonly step?: string;
  readonly when?: Conditions;
}

/** A validated v1 tariff. Decimal fields are decimal strings (numbers in the file become strings). */
export interface Tariff {
  readonly version: 1;
  readonly id: string;
  readonly name?: Readonly<Record<string, string>>;
  readonly market: string;
  readonly currency: string;
  readonly timeZone?: string;
  readonly pricesInclude?: "tax" | "none";
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly energy: readonly Rate[];
  readonly time: readonly Rate[];
  readonly idle: readonly Rate[];
  readonly flat: readonly Rate[];
  readonly minPrice?: string | null;
  readonly maxPrice?: string | null;
  /** The tariff's own taxes, replacing the market table's. */
  readonly taxes?: readonly TariffTax[];
}

/** A tax stated by the tariff itself. */
export interface TariffTax {
  readonly name: string;
  readonly rate?: string;
  readonly perKWh?: string;
  readonly appliesTo: readonly ("energy" | "time" | "idle" | "flat" | "excise")[];
  readonly method?: "added" | "compound" | "inside";
  readonly source?: string;
}

export interface MeterReading {
  readonly at: string;
  readonly kWh: string;
}

/** A validated charging session. */
export interface Session {
  readonly id?: string;
  readonly start: string;
  readonly end: string;
  readonly chargingEnd?: string;
  readonly energyKWh: string;
  readonly meter?: readonly MeterReading[];
  readonly payment?: "card" | "app" | "cash";
}

/** The dimensions a tariff prices. */
export const DIMENSIONS = ["energy", "time", "idle", "flat"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * A decimal as a tariff or session document may write it: a string such as `"0.45"` (kept exactly as
 * written) or a number (read as its shortest decimal text). Non-negative, at most 12 integer digits
 * and 6 decimals. Prefer strings: `0.1 + 0.2` is not `"0.3"`.
 */
export type DecimalInput = string | number;

/** A range as written: `min` inclusive, `max` exclusive; at least one of them. */
export interface RangeInput {
  readonly min?: DecimalInput;
  readonly max?: DecimalInput;
}

/** The conditions of a rate as written; the rate applies while all the given ones hold. */
export interface ConditionsInput {
  /** Local weekdays: `"sun"` … `"sat"`. */
  readonly days?: readonly DayName[];
  /** Local time of day, `"HH:MM"` (`to` may be `"24:00"`); `to` before `from` wraps past midnight. */
  readonly timeOfDay?: { readonly from: string; readonly to: string };
  /** Local calendar dates `"YYYY-MM-DD"`: `from` inclusive, `to` exclusive. */
  readonly dates?: { readonly from?: string; readonly to?: string };
  /** Energy delivered so far in the session, kWh. */
  readonly energyKWh?: RangeInput;
  /** Average power, kW, in each slice of the session (0 while idle). */
  readonly powerKW?: RangeInput;
  /** Minutes since the session started. */
  readonly sessionMinutes?: RangeInput;
  /** Minutes since charging ended (0 while charging): `{ min: 15 }` is a 15-minute grace period. */
  readonly idleMinutes?: RangeInput;
}

/** A rate as written. In each dimension the first rate whose conditions hold applies; none: that dimension is free. */
export interface RateInput {
  /** Per kWh (energy), per hour (time, idle) or per session (flat). */
  readonly price: DecimalInput;
  /** Billing increment: kWh for energy, seconds for time and idle. */
  readonly step?: DecimalInput;
  readonly when?: ConditionsInput;
}

/** A tax the tariff states itself (replacing the market table's taxes): a `rate` or a `perKWh` excise. */
export interface TariffTaxInput {
  /** At most 80 characters. */
  readonly name: string;
  /** A fraction: `"0.21"` is 21 %. */
  readonly rate?: DecimalInput;
  /** An excise per kWh, in the tariff's currency. */
  readonly perKWh?: DecimalInput;
  readonly appliesTo: readonly ("energy" | "time" | "idle" | "flat" | "excise")[];
  readonly method?: "added" | "compound" | "inside";
  readonly source?: string;
}

/**
 * A v1 tariff document as `parseTariff` accepts it (the shape of `ev-tariff/tariff.schema.json`),
 * for tariffs written in TypeScript. Rate lists are optional; `parseTariff` returns a `Tariff`, in
 * which decimals are strings and absent rate lists are empty.
 *
 * @example
 * const doc: TariffInput = { version: 1, id: "fr-dc", market: "FR", currency: "EUR", energy: [{ price: "0.49" }] };
 * const tariff = parseTariff(doc);
 */
export interface TariffInput {
  /** The JSON Schema's address, for editors; ignored. */
  readonly $schema?: string;
  readonly version: 1;
  /** 1-36 characters of A-Z, a-z, 0-9, `.`, `_` or `-`. */
  readonly id: string;
  /** The tariff's name by language tag (`en`, `pt-BR`). */
  readonly name?: Readonly<Record<string, string>>;
  /** ISO 3166-1 alpha-2 (`"GR"`) or ISO 3166-2 (`"US-IA"`) code. */
  readonly market: string;
  /** ISO 4217 code, e.g. `"EUR"`. */
  readonly currency: string;
  /** IANA zone; required when the market has several zones or is not in the table. */
  readonly timeZone?: string;
  /** `"tax"`: prices include the taxes; `"none"`: taxes are added. By default the market's convention. */
  readonly pricesInclude?: "tax" | "none";
  /** RFC 3339 instants with offset; a session outside them is refused (unless priced with `ignoreValidity`). */
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly energy?: readonly RateInput[];
  readonly time?: readonly RateInput[];
  readonly idle?: readonly RateInput[];
  readonly flat?: readonly RateInput[];
  readonly minPrice?: DecimalInput | null;
  readonly maxPrice?: DecimalInput | null;
  /** The tariff's own taxes: required for a market outside the table; replaces the market's taxes. */
  readonly taxes?: readonly TariffTaxInput[];
}

/**
 * A v1 session document as `parseSession` accepts it (the shape of `ev-tariff/session.schema.json`).
 *
 * @example
 * const session = parseSession({ start: "2026-05-04T18:00:00Z", end: "2026-05-04T19:00:00Z", energyKWh: "42.5" } satisfies SessionInput);
 */
export interface SessionInput {
  readonly $schema?: string;
  /** 1-100 characters. */
  readonly id?: string;
  /** RFC 3339 instants with offset (Z or ±hh:mm). */
  readonly start: string;
  readonly end: string;
  /** When charging stopped; idle time runs from here to `end`. */
  readonly chargingEnd?: string;
  /** Energy delivered, kWh. */
  readonly energyKWh: DecimalInput;
  /** Cumulative meter readings: energy delivered since the start. */
  readonly meter?: readonly { readonly at: string; readonly kWh: DecimalInput }[];
  readonly payment?: "card" | "app" | "cash";
}
