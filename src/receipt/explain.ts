import type { CompiledRate } from "../compile/compile.js";
import { clockText, type ConditionContext } from "../compile/conditions.js";
import { Dec, displayDecimal, floorNumber, MS_PER_HOUR } from "../money/decimal.js";
import { formatMoney, moneyFromMinor } from "../money/money.js";
import { firstSlices, runPricing, type PriceOptions, type PricingRun } from "../price/price-session.js";
import type { Slice } from "../price/types.js";
import type { Session, Tariff } from "../schema/types.js";
import type { CompiledTariff } from "../compile/compile.js";
import { formatInstant } from "../time/instants.js";
import { localParts } from "../time/zones.js";
import type { Receipt } from "./types.js";

/** Why a rate listed before the one that applied did not apply. */
export interface SkippedRate {
  readonly rate: string;
  readonly failed: readonly string[];
}

/**
 * Which rate a dimension used in an interval, and why the earlier ones were passed over: the first
 * three of them are listed; `notListed` counts the others (absent when there are none).
 */
export interface DimensionChoice {
  readonly rate: string | null;
  readonly price: string | null;
  readonly skipped: readonly SkippedRate[];
  readonly notListed?: number;
}

/** Earlier rates a choice lists with the conditions that failed (the others are counted). */
export const SKIPPED_LISTED = 3;
/** Intervals an explanation lists (the others are counted; its lines cover the whole session). */
export const MAX_EXPLAINED_INTERVALS = 5_000;

/** A slice of the session as explain shows it. */
export interface ExplainedInterval {
  readonly from: string;
  readonly to: string;
  /** Local wall-clock start and end in the tariff's zone, "YYYY-MM-DD HH:MM(:SS)". */
  readonly localFrom: string;
  readonly localTo: string;
  readonly utcOffset: string;
  readonly phase: "charging" | "idle";
  readonly cutBy: readonly string[];
  readonly energyKWh: string;
  readonly hours: string;
  readonly powerKW: string;
  readonly choices: { readonly energy?: DimensionChoice; readonly time?: DimensionChoice; readonly idle?: DimensionChoice };
}

/** How one receipt line's amount was computed, from the exact quantity to the rounded amount. */
export interface ExplainedLine {
  readonly component: string;
  readonly rate: string | null;
  readonly computation: string;
  readonly exact: string;
  readonly rounded: string;
}

/** The full account of a priced session. Built from the same run as the receipt. */
export interface Explanation {
  readonly receipt: Receipt;
  readonly timeZone: string;
  readonly taxDate: string;
  readonly rounding: string;
  /** The session's first slices, at most 5,000 (`MAX_EXPLAINED_INTERVALS`). */
  readonly intervals: readonly ExplainedInterval[];
  /** Slices after those, not listed (0 for all but the longest sessions). */
  readonly intervalsNotListed: number;
  readonly flat: DimensionChoice | null;
  readonly steps: readonly { dimension: string; rate: string; step: string; total: string; billed: string }[];
  readonly lines: readonly ExplainedLine[];
  readonly cap: { kind: string; limit: string; before: string; adjustment: string } | null;
  readonly taxes: readonly {
    name: string;
    rate: string;
    source: string;
    confidence: string;
    base: string;
    amount: string;
    computation: string;
  }[];
  readonly cash: { increment: string; before: string; after: string; source: string } | null;
  /** The exchange rate every amount was converted at, when billed in another currency. */
  readonly exchange: { from: string; to: string; rate: string } | null;
}

/**
 * Prices a session and explains every amount: which rate applied in which local interval and why
 * earlier rates did not, step rounding, min/max, the tax base, rate and source, and each rounding.
 *
 * @example
 * const e = explainSession(tariff, session);
 * e.intervals[0].choices.energy?.rate // "/energy/1"
 */
export function explainSession(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): Explanation {
  return explainRun(runPricing(tariff, session, options));
}

/**
 * The rate the engine applied (`chosen`, null when none did), and the conditions that failed for
 * the first rates listed before it: the explanation names the receipt's rate, never one worked out
 * again. The work is bounded whatever the number of rates: three are worded, the rest counted.
 */
function choice(rates: readonly CompiledRate[], ctx: ConditionContext, chosen: CompiledRate | null): DimensionChoice {
  let before = rates.indexOf(chosen!);
  const rate = before < 0 ? null : chosen!;
  if (before < 0) before = rates.length;
  const skipped: SkippedRate[] = rates.slice(0, Math.min(before, SKIPPED_LISTED)).map((r) => ({
    rate: r.pointer,
    failed: r.checks.filter((c) => !c.holds(ctx)).map((c) => `${c.describe}: ${c.observed(ctx)}`),
  }));
  const c = { rate: rate && rate.pointer, price: rate && rate.price.toFixed(), skipped };
  return before > SKIPPED_LISTED ? { ...c, notListed: before - SKIPPED_LISTED } : c;
}

function localText(localMs: number): string {
  const p = localParts(localMs);
  return `${p.date} ${clockText(p.msOfDay)}`;
}

function offsetText(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const m = Math.abs(ms) / 60_000;
  return `${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function interval(run: PricingRun, s: Slice): ExplainedInterval {
  const ct = run.compiled;
  const toMs = floorNumber(s.to);
  const fromMs = floorNumber(s.from);
  const hours = s.to.minus(s.from).div(MS_PER_HOUR);
  const choices: { -readonly [K in keyof ExplainedInterval["choices"]]: DimensionChoice } = {};
  if (s.charging) {
    if (ct.rates.energy.length) choices.energy = choice(ct.rates.energy, s.context, s.chosen.energy ?? null);
    if (ct.rates.time.length) choices.time = choice(ct.rates.time, s.context, s.chosen.time ?? null);
  } else if (ct.rates.idle.length) choices.idle = choice(ct.rates.idle, s.context, s.chosen.idle ?? null);
  return {
    from: formatInstant(fromMs),
    to: formatInstant(toMs),
    localFrom: localText(s.localFrom),
    localTo: localText(toMs + ct.zone.offsetMs(toMs - 1)),
    utcOffset: offsetText(ct.zone.offsetMs(fromMs)),
    phase: s.charging ? "charging" : "idle",
    cutBy: s.cutReasons,
    energyKWh: displayDecimal(s.energyTo.minus(s.energyFrom), 6),
    hours: displayDecimal(hours, 6),
    powerKW: displayDecimal(s.context.powerKW, 3),
    choices,
  };
}

/** Builds the explanation from a pricing run (no second computation). */
export function explainRun(run: PricingRun): Explanation {
  const ct = run.compiled;
  const digits = run.billing.settlementDigits;
  const money = (minor: bigint) => formatMoney(moneyFromMinor(minor, run.billing));
  const lines: ExplainedLine[] = run.lines.map((l) => {
    let computation: string;
    if (l.component === "energy") computation = `${l.quantity.toFixed()} kWh × ${l.unitPrice.toFixed()} /kWh`;
    else if (l.component === "time" || l.component === "idle")
      computation = `${l.quantity.div(1000).toFixed()} s ÷ 3600 × ${l.unitPrice.toFixed()} /h`;
    else if (l.component === "flat") computation = `1 × ${l.unitPrice.toFixed()}`;
    else if (l.excise) computation = `${l.quantity.toFixed()} kWh × ${l.unitPrice.toFixed()} /kWh, ${l.excise.name} (${l.excise.source})`;
    else computation = `${l.component} adjustment`;
    if (l.segment && !l.segment.billed.eq(l.segment.metered)) computation += " (quantity includes step rounding)";
    return {
      component: l.component,
      rate: l.rate?.pointer ?? null,
      computation,
      exact: l.exact.toSignificantDigits(30).toFixed(),
      rounded: money(l.amountMinor),
    };
  });
  const cr = ct.market.cashRounding;
  const shown = firstSlices(run, MAX_EXPLAINED_INTERVALS);
  return {
    receipt: run.receipt,
    timeZone: ct.zone.name,
    taxDate: run.taxDate,
    rounding: `${ct.rounding} to ${digits} decimals, once per line`,
    intervals: shown.slices.map((s) => interval(run, s)),
    intervalsNotListed: shown.count - shown.slices.length,
    flat: ct.rates.flat.length ? choice(ct.rates.flat, run.flatContext, run.lines.find((l) => l.component === "flat")?.rate ?? null) : null,
    steps: run.steps.map((s) => {
      const ms = s.dimension !== "energy";
      const show = (d: Dec) => (ms ? `${d.div(1000).toFixed()} s` : `${d.toFixed()} kWh`);
      return { dimension: s.dimension, rate: s.rate.pointer, step: show(s.step), total: show(s.total), billed: show(s.billedTotal) };
    }),
    lines,
    cap: run.cap
      ? {
          kind: run.cap.kind,
          limit: run.cap.limit.toFixed(),
          before: money(run.cap.beforeMinor),
          adjustment: money(run.cap.limitMinor - run.cap.beforeMinor),
        }
      : null,
    taxes: run.taxes.map((t) => ({
      name: t.rule.name,
      rate: t.rule.rate!,
      source: t.rule.source,
      confidence: t.rule.confidence,
      base: money(t.baseMinor),
      amount: money(t.amountMinor),
      computation: `${t.formula} = ${t.exact.toSignificantDigits(20).toFixed()} → ${money(t.amountMinor)}${
        ct.pricesInclude === "tax" ? ` (backed out of the advertised gross ${money(t.groupAmountMinor)})` : ""
      }`,
    })),
    exchange: run.exchange ? { from: run.exchange.from, to: run.exchange.to, rate: run.exchange.rate.toFixed() } : null,
    cash:
      run.cash && cr
        ? { increment: cr.increment, before: money(run.cash.beforeMinor), after: money(run.cash.afterMinor), source: cr.source }
        : null,
  };
}
