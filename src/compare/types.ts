/**
 * What `compareTariffs` answers: per market and currency, what pricing the same sessions under a
 * proposed tariff instead of the current one does to revenue and to what drivers pay. Every money
 * field is an exact string with the currency's settlement digits (a sum of receipts' amounts, or a
 * difference of two); every figure can be recomputed from the two receipts of each session.
 */
import type { Issue } from "../schema/errors.js";

/** Net, tax and gross: exact money strings. */
export interface MoneyTotals {
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
}

/**
 * A change in percent of the amount before: `change × 100 / before`, rounded once to 2 decimals
 * half away from zero (`halfAwayFromZero`); null when the amount before is 0. "+5.31", "-2.00", "0.00".
 */
export type Percent = string | null;

/**
 * Five points of a distribution, each an actual session's value (nearest rank: the p-th percentile
 * of n sorted values is the value at rank ⌈p × n / 100⌉; the median is p50, the lower middle value
 * when n is even).
 */
export interface Distribution {
  readonly min: string;
  readonly p10: string;
  readonly median: string;
  readonly p90: string;
  readonly max: string;
}

/** One bar of the histogram of the per-session change (gross): sessions with `from` ≤ change < `to`. */
export interface HistogramBin {
  readonly from: string;
  readonly to: string;
  readonly sessions: number;
}

/** Sessions that started in a local hour, weekday, or both: their gross revenue before and after. */
export interface Bucket {
  readonly sessions: number;
  readonly before: string;
  readonly after: string;
  readonly change: string;
  readonly changePercent: Percent;
}

/** One session's change, for the lists of the largest changes. */
export interface SessionChange {
  /** 1-based position in the sessions given (the NDJSON line in the CLI). */
  readonly line: number;
  readonly sessionId?: string;
  readonly tariffId: string;
  readonly proposedTariffId: string;
  /** Local start in the station's zone, "YYYY-MM-DD HH:MM". */
  readonly localStart: string;
  readonly energyKWh: string;
  readonly before: string;
  readonly after: string;
  readonly change: string;
  readonly changePercent: Percent;
}

/** A session one side (or both) refused to price, e.g. outside a tariff's validity. */
export interface Refusal {
  readonly line: number;
  readonly sessionId?: string;
  readonly tariffId: string;
  readonly side: "current" | "proposed" | "both";
  readonly issues: readonly Issue[];
}

/** A session that could not be compared at all: invalid, or naming no current tariff. */
export interface InvalidSession {
  readonly line: number;
  readonly issues: readonly Issue[];
}

/** The comparison of one market and currency. */
export interface MarketComparison {
  readonly market: string;
  readonly currency: string;
  /** The current tariffs of this group's sessions. */
  readonly tariffs: readonly string[];
  readonly sessions: {
    /** Priced under both tariffs: every figure below is about these sessions only. */
    readonly priced: number;
    /** Refused by the current tariff only, by the proposed one only, or by both. */
    readonly refused: { readonly current: number; readonly proposed: number; readonly both: number };
  };
  /** Energy of the priced sessions, kWh, exact. */
  readonly energyKWh: string;
  readonly revenue: {
    readonly before: MoneyTotals;
    readonly after: MoneyTotals;
    readonly change: MoneyTotals;
    readonly changePercent: { readonly net: Percent; readonly tax: Percent; readonly gross: Percent };
  };
  /** Per-session change of what the driver pays (gross); null without priced sessions. */
  readonly changePerSession: Distribution | null;
  /** The same changes in bins of a round width. */
  readonly histogram: readonly HistogramBin[];
  /**
   * What a driver pays per kWh (gross ÷ energy, rounded once to 4 decimals half away from zero), over
   * the priced sessions that delivered energy (`sessions`); null when none did.
   */
  readonly pricePerKWh: { readonly sessions: number; readonly before: Distribution | null; readonly after: Distribution | null };
  /** By the local hour the session started (station's zone): 24 buckets, 0 to 23. */
  readonly byHour: readonly Bucket[];
  /** By the local weekday the session started: 7 buckets, Monday first. */
  readonly byWeekday: readonly Bucket[];
  /** Weekday × hour: 7 rows (Monday first) of 24 buckets. */
  readonly byWeekdayHour: readonly (readonly Bucket[])[];
  /** The sessions whose gross rises most and falls most (at most `top` each), largest first. */
  readonly largest: { readonly increases: readonly SessionChange[]; readonly decreases: readonly SessionChange[] };
}

/** The whole comparison. */
export interface Comparison {
  /** Ids of the current and proposed tariffs. */
  readonly current: readonly string[];
  readonly proposed: readonly string[];
  readonly sessions: {
    /** Sessions given (non-blank lines in the CLI). */
    readonly read: number;
    /** Priced under both tariffs. */
    readonly compared: number;
    readonly refused: number;
    readonly invalid: number;
    /** Sessions of other tariffs, left out because the current side is one tariff. */
    readonly skipped: number;
  };
  /** Per market and currency, sorted by market, then currency. */
  readonly markets: readonly MarketComparison[];
  /** The first refusals (at most `examples`), in input order. */
  readonly refusals: readonly Refusal[];
  /** The first invalid sessions (at most `examples`), in input order. */
  readonly invalid: readonly InvalidSession[];
}

/** Options of `compareTariffs`. */
export interface CompareOptions {
  /** How many of the largest increases and decreases to list per market (default 10). */
  readonly top?: number;
  /** How many refusals and invalid sessions to list (default 20; all are counted). */
  readonly examples?: number;
}
