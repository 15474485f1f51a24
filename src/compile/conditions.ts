import { Dec } from "../money/decimal.js";
import { DAY_NAMES } from "../schema/tariff.js";
import type { Conditions, Range } from "../schema/types.js";

/** What conditions look at, at the start of a slice of the session. */
export interface ConditionContext {
  /** Local calendar date "YYYY-MM-DD" in the tariff's zone. */
  readonly date: string;
  /** Local day of week, 0 = Sunday. */
  readonly weekday: number;
  /** Local milliseconds since midnight. */
  readonly msOfDay: number;
  /** Energy delivered so far in the session. */
  readonly energyKWh: Dec;
  /** Average power in the slice (0 while idle). */
  readonly powerKW: Dec;
  /** Minutes since the session started. */
  readonly sessionMinutes: Dec;
  /** Minutes since charging ended (0 while charging). */
  readonly idleMinutes: Dec;
}

/** One compiled condition: a predicate plus words for explain. */
export interface Check {
  readonly name: keyof Conditions;
  readonly describe: string;
  holds(ctx: ConditionContext): boolean;
  /** What the context showed, for explain ("local time 23:30"). */
  observed(ctx: ConditionContext): string;
}

/** Milliseconds since midnight of "HH:MM". */
export function msOfDayOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h! * 60 + m!) * 60_000;
}

/** "HH:MM:SS" (seconds only when non-zero) of milliseconds since midnight. */
export function clockText(msOfDay: number): string {
  const totalSeconds = Math.floor(msOfDay / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const hm = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
  return s ? `${hm}:${String(s).padStart(2, "0")}` : hm;
}

function rangeCheck(name: "energyKWh" | "powerKW" | "sessionMinutes" | "idleMinutes", r: Range, unit: string): Check {
  const min = r.min !== undefined ? new Dec(r.min) : undefined;
  const max = r.max !== undefined ? new Dec(r.max) : undefined;
  const parts = [min ? `>= ${min.toFixed()}` : "", max ? `< ${max.toFixed()}` : ""].filter(Boolean);
  return {
    name,
    describe: `${name} ${parts.join(" and ")}`,
    holds: (ctx) => {
      const v = ctx[name];
      return (!min || v.gte(min)) && (!max || v.lt(max));
    },
    observed: (ctx) => `${name} was ${ctx[name].toDecimalPlaces(4).toFixed()} ${unit}`.trimEnd(),
  };
}

/**
 * Compiles a rate's `when` into checks, in a fixed order. A rate applies when every check holds.
 *
 * @example
 * compileConditions({ days: ["sat", "sun"] })[0].describe // "days sat, sun"
 */
export function compileConditions(when: Conditions | undefined): Check[] {
  if (!when) return [];
  const checks: Check[] = [];
  if (when.days) {
    const days = new Set(when.days.map((d) => DAY_NAMES.indexOf(d)));
    checks.push({
      name: "days",
      describe: `days ${when.days.join(", ")}`,
      holds: (ctx) => days.has(ctx.weekday),
      observed: (ctx) => `local day was ${DAY_NAMES[ctx.weekday]}`,
    });
  }
  if (when.timeOfDay) {
    const from = msOfDayOf(when.timeOfDay.from);
    const to = msOfDayOf(when.timeOfDay.to);
    const wraps = to < from;
    checks.push({
      name: "timeOfDay",
      describe: `timeOfDay ${when.timeOfDay.from}–${when.timeOfDay.to}${wraps ? " (across midnight)" : ""}`,
      holds: (ctx) => (wraps ? ctx.msOfDay >= from || ctx.msOfDay < to : ctx.msOfDay >= from && ctx.msOfDay < to),
      observed: (ctx) => `local time was ${clockText(ctx.msOfDay)}`,
    });
  }
  if (when.dates) {
    const { from, to } = when.dates;
    checks.push({
      name: "dates",
      describe: `dates ${from ?? "…"} to ${to ?? "…"} (to exclusive)`,
      holds: (ctx) => (from === undefined || ctx.date >= from) && (to === undefined || ctx.date < to),
      observed: (ctx) => `local date was ${ctx.date}`,
    });
  }
  if (when.energyKWh) checks.push(rangeCheck("energyKWh", when.energyKWh, "kWh"));
  if (when.powerKW) checks.push(rangeCheck("powerKW", when.powerKW, "kW"));
  if (when.sessionMinutes) checks.push(rangeCheck("sessionMinutes", when.sessionMinutes, "min"));
  if (when.idleMinutes) checks.push(rangeCheck("idleMinutes", when.idleMinutes, "min"));
  return checks;
}

/** Local time-of-day edges (ms since midnight) at which a condition can change; includes midnight. */
export function localEdges(when: Conditions | undefined): number[] {
  if (!when || (!when.days && !when.dates && !when.timeOfDay)) return [];
  const edges = [0];
  if (when.timeOfDay) edges.push(msOfDayOf(when.timeOfDay.from), msOfDayOf(when.timeOfDay.to) % 86_400_000);
  return edges;
}
