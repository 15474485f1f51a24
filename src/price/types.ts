/**
 * The shapes of a pricing run as the library shows it (explain, quotes, charge records): the
 * engine's trace (src/engine/price.ts) with its exact values as decimals.
 */
import type { CompiledRate, CompiledTariff } from "../compile/compile.js";
import type { ConditionContext } from "../compile/conditions.js";
import type { TaxRule } from "../markets/types.js";
import type { Currency } from "../money/currencies.js";
import type { Dec } from "../money/decimal.js";
import type { Dimension } from "../schema/types.js";
import type { LineComponent, Receipt } from "../receipt/types.js";
import type { CutReason } from "../engine/price.js";
import type { ZoneProvider } from "../time/zones.js";

export type { CutReason };

/** A point of the cumulative energy curve: `kWh` delivered by instant `at` (UTC ms). */
export interface EnergyPoint {
  readonly at: number;
  readonly kWh: Dec;
}

/** A stretch of the session in which the vehicle is plugged in but not charging. */
export interface IdleInterval {
  readonly from: number;
  readonly to: number;
}

/**
 * A session's instants and its energy curve, piecewise linear between points. A v1 session has one
 * idle interval, from chargingEnd to end; adapters (OCPI charge records) may have several, anywhere.
 */
export interface SessionProfile {
  readonly start: number;
  /** When energy stopped flowing for the last time. */
  readonly chargingEnd: number;
  readonly end: number;
  readonly energyKWh: Dec;
  /** From (start, 0) to (chargingEnd, energyKWh), strictly increasing in time. */
  readonly points: readonly EnergyPoint[];
  /** Sorted, disjoint, non-empty idle intervals inside [start, end]; energy is flat across each. */
  readonly idle: readonly IdleInterval[];
}

/**
 * A piece of the session in which nothing a condition looks at changes. Instants are UTC
 * milliseconds as exact decimals (an energy threshold can fall between two whole milliseconds).
 */
export interface Slice {
  readonly from: Dec;
  readonly to: Dec;
  readonly charging: boolean;
  readonly energyFrom: Dec;
  readonly energyTo: Dec;
  /** Why the slice starts where it does. */
  readonly cutReasons: readonly CutReason[];
  /** Conditions' view at the slice start. */
  readonly context: ConditionContext;
  /** Local wall-clock time at the slice start, as a UTC-read number. */
  readonly localFrom: number;
  /** The rate each metered dimension applied in this slice (null: free); absent where the dimension does not apply. */
  readonly chosen: { readonly energy?: CompiledRate | null; readonly time?: CompiledRate | null; readonly idle?: CompiledRate | null };
}

/** The metered dimensions; `flat` is charged once and handled apart. */
export type MeteredDimension = Exclude<Dimension, "flat">;

/**
 * Consecutive slices of one dimension at the same rate (or all free): one receipt line.
 * Quantity is kWh for energy and milliseconds for time and idle.
 */
export interface Segment {
  readonly dimension: MeteredDimension;
  readonly rate: CompiledRate | null;
  readonly from: Dec;
  readonly to: Dec;
  /** Metered quantity, before any step. */
  readonly metered: Dec;
  /** Billed quantity: metered plus the step rounding when this is the stepped segment. */
  readonly billed: Dec;
  /** Indexes into the session's slices. */
  readonly slices: readonly number[];
}

/** How a dimension's total was rounded up to a step, for explain. */
export interface StepRounding {
  readonly dimension: MeteredDimension;
  readonly rate: CompiledRate;
  /** kWh for energy, milliseconds for time and idle. */
  readonly step: Dec;
  readonly total: Dec;
  readonly billedTotal: Dec;
}

/** A receipt line before tax: amount in minor units of the billing currency, with how it came about. */
export interface PricedLine {
  readonly component: LineComponent;
  readonly rate: CompiledRate | null;
  readonly from: Dec;
  readonly to: Dec;
  /** kWh, milliseconds (time, idle) or 1 (flat, adjustments). */
  readonly quantity: Dec;
  readonly unitPrice: Dec;
  /** The exact amount before rounding, in units of the billing currency. */
  readonly exact: Dec;
  readonly amountMinor: bigint;
  readonly taxes: readonly TaxRule[];
  readonly segment?: Segment;
  /** The excise rule of an `excise` line. */
  readonly excise?: TaxRule;
}

/** A min/max adjustment, for explain. */
export interface CapAdjustment {
  readonly kind: "minimum" | "maximum";
  readonly limit: Dec;
  readonly limitMinor: bigint;
  readonly beforeMinor: bigint;
}

/** One tax of one group of lines, as computed. */
export interface TaxComputation {
  readonly rule: TaxRule;
  /** The group's net (the tax base before any tax). */
  readonly baseMinor: bigint;
  readonly amountMinor: bigint;
  /** The exact amount before rounding. */
  readonly exact: Dec;
  /** The group's amount in the price basis. */
  readonly groupAmountMinor: bigint;
  /** gross = net × factor for the group's taxes: (1 + added)(1 + compound) / (1 − inside). */
  readonly factor: Dec;
  /** How the exact amount came about, for explain. */
  readonly formula: string;
}

/** The exchange a receipt was billed at. */
export interface Exchange {
  readonly from: string;
  readonly to: string;
  readonly rate: Dec;
}

/** Everything pricing worked out: the receipt and the trace explain reads. */
export interface PricingRun {
  readonly compiled: CompiledTariff;
  readonly profile: SessionProfile;
  readonly slices: readonly Slice[];
  readonly flatContext: ConditionContext;
  readonly steps: readonly StepRounding[];
  readonly lines: readonly PricedLine[];
  readonly cap: CapAdjustment | undefined;
  readonly taxes: readonly TaxComputation[];
  readonly taxDate: string;
  readonly cash: { readonly beforeMinor: bigint; readonly afterMinor: bigint } | undefined;
  readonly exchange: Exchange | undefined;
  /** The currency amounts are billed in (the tariff's, unless an exchange was asked for). */
  readonly billing: Currency;
  readonly receipt: Receipt;
}

/** Options of `priceSession`. */
export interface PriceOptions {
  /** Price a session outside the tariff's validFrom/validTo anyway. */
  readonly ignoreValidity?: boolean;
  /**
   * Bill in another currency (roaming): every exact amount is multiplied by `rate` (units of
   * `currency` per unit of the tariff's currency, given by the caller, never fetched) before it is
   * rounded in `currency`'s settlement digits.
   */
  readonly currency?: string;
  readonly rate?: string;
  /**
   * Price this profile (instants, energy curve, idle intervals) instead of the one built from
   * `session`: adapters use it for charge records that park several times (OCPI CDRs). `session`
   * still gives the id and payment.
   */
  readonly profile?: SessionProfile;
  /**
   * Where the tariff's zone comes from when `tariff` is not compiled yet: Intl by default;
   * `embeddedZones` without Intl (ev-tariff/no-intl). A compiled tariff keeps the zone it was
   * compiled with.
   */
  readonly zones?: ZoneProvider;
}
