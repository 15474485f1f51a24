import type { CompiledRate, CompiledTariff } from "../../src/compile/compile.js";
import type { ConditionContext } from "../../src/compile/conditions.js";
import { Dec, ZERO } from "../../src/money/decimal.js";
import { ceilToStep } from "./round.js";
import type { Dimension } from "../../src/schema/types.js";
import type { Slice } from "./slices.js";
import type { MeteredDimension, Segment, StepRounding } from "../../src/price/types.js";

export type { MeteredDimension, Segment, StepRounding } from "../../src/price/types.js";

export const METERED: readonly MeteredDimension[] = ["energy", "time", "idle"];



/** The first rate whose conditions all hold, or null (free). */
export function firstMatch(rates: readonly CompiledRate[], ctx: ConditionContext): CompiledRate | null {
  for (const rate of rates) if (rate.checks.every((c) => c.holds(ctx))) return rate;
  return null;
}

function quantityOf(dimension: MeteredDimension, slice: Slice): Dec {
  return dimension === "energy" ? slice.energyTo.minus(slice.energyFrom) : slice.to.minus(slice.from);
}

function appliesIn(dimension: MeteredDimension, slice: Slice): boolean {
  return dimension === "idle" ? !slice.charging : slice.charging;
}

/**
 * Prices one dimension: first matching rate per slice, consecutive slices at the same rate
 * merged, zero-quantity segments dropped, then the dimension's total rounded up to the step of the
 * last rate that applied, the extra billed at that rate.
 */
export function meterDimension(
  ct: CompiledTariff,
  dimension: MeteredDimension,
  slices: readonly Slice[],
): { segments: Segment[]; step: StepRounding | undefined } {
  const rates = ct.rates[dimension];
  if (rates.length === 0) return { segments: [], step: undefined };
  type Open = { rate: CompiledRate | null; from: Dec; to: Dec; metered: Dec; slices: number[] };
  const open: Open[] = [];
  slices.forEach((slice, i) => {
    if (!appliesIn(dimension, slice)) return;
    const rate = firstMatch(rates, slice.context);
    const q = quantityOf(dimension, slice);
    const last = open[open.length - 1];
    if (last && last.rate === rate && last.to.eq(slice.from)) {
      last.to = slice.to;
      last.metered = last.metered.plus(q);
      last.slices.push(i);
    } else open.push({ rate, from: slice.from, to: slice.to, metered: q, slices: [i] });
  });
  const kept = open.filter((s) => !s.metered.isZero());
  const segments: Segment[] = kept.map((s) => ({ dimension, ...s, billed: s.metered }));

  let lastPriced = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (segments[i]!.rate) {
      lastPriced = i;
      break;
    }
  }
  const lastRate = lastPriced >= 0 ? segments[lastPriced]!.rate : null;
  if (!lastRate?.step) return { segments, step: undefined };
  const step = dimension === "energy" ? lastRate.step : lastRate.step.times(1000);
  const total = segments.reduce((acc, s) => acc.plus(s.metered), ZERO);
  const billedTotal = ceilToStep(total, step);
  const extra = billedTotal.minus(total);
  const target = segments[lastPriced]!;
  segments[lastPriced] = { ...target, billed: target.metered.plus(extra) };
  return { segments, step: { dimension, rate: lastRate, step, total, billedTotal } };
}
