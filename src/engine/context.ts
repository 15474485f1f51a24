/**
 * The engine's exact values as decimals: the conditions' view of a slice for explanations, and for
 * checks that read decimals (an adapter's extra restrictions).
 */
import type { ConditionContext } from "../compile/conditions.js";
import { Dec } from "../money/decimal.js";
import type { Q } from "./exact.js";
import { dateText, type Ctx } from "./plan.js";

/** A Q as a decimal (60 significant digits: exact for every terminating value the engine holds). */
export const decOf = (q: Q): Dec => (typeof q === "object" ? new Dec(q.n.toString()).div(q.d.toString()) : new Dec(q.toString()));

/** The conditions' view of a context as decimals. */
export function contextOf(c: Ctx): ConditionContext {
  return {
    date: dateText(c.day),
    weekday: c.wd,
    msOfDay: c.ms,
    energyKWh: decOf(c.e).div(1_000_000),
    // kW = (dE / 10^6 kWh) / (dt / 3,600,000 h) = dE × 3.6 / dt
    powerKW: decOf(c.dE).times("3.6").div(decOf(c.dt)),
    sessionMinutes: decOf(c.sm).div(60_000),
    idleMinutes: decOf(c.im).div(60_000),
  };
}
