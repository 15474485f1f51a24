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
