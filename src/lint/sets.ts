/**
 * What a rate's conditions allow, as a box in the space the conditions read, and an exact check of
 * whether earlier rates cover a rate (so it can never apply).
 *
 * The axes: the local minute of the week (days × timeOfDay), the local date, and the four ranges
 * (energyKWh, powerKW, sessionMinutes, idleMinutes). A rate's conditions are exactly a box: one set
 * per axis. A dimension also fixes some axes at 0 (src/engine/price.ts): idleMinutes is 0 while
 * charging (energy, time), powerKW is 0 while idle, and the session fee is decided at the session
 * start (energyKWh, sessionMinutes and idleMinutes 0).
 *
 * Soundness: the space treats the axes as independent, so it holds combinations no session has (a
 * date with the wrong weekday, say). A rate covered over that larger space is covered for every real
 * session, so a "never applies" found here is exact; some rates that never apply for a reason that
 * ties axes together are not found (and the date of a rate limited to fewer than 7 dates is tied to
 * its weekdays, which is found).
 */
import { Dec } from "../money/decimal.js";
import { DAY_NAMES } from "../schema/tariff.js";
import type { Conditions, Dimension, Range } from "../schema/types.js";

export const WEEK_MINUTES = 7 * 1440;
const DAY_MS = 86_400_000;

/** An ordered value domain: compare, and the ends of the line. */
interface Order<T> {
  cmp(a: T, b: T): number;
}

/** A half-open interval [lo, hi). */
export interface Interval<T> {
  readonly lo: T;
  readonly hi: T;
}

const numberOrder: Order<number> = { cmp: (a, b) => a - b };
/** Dates as "YYYY-MM-DD"; "" is before every date, "~" after. */
const dateOrder: Order<string> = { cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0) };
/** Range bounds; null is "no upper bound" (after every decimal). */
type Bound = Dec | null;
const decOrder: Order<Bound> = { cmp: (a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.cmp(b)) };
export const DATE_MIN = "";
export const DATE_MAX = "~";
const INF: Bound = null;
const ZERO = new Dec(0);

export const RANGE_KEYS = ["energyKWh", "powerKW", "sessionMinutes", "idleMinutes"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

/**
 * The values an axis takes in a dimension: `zero` where it is always 0 there, `any` (0 and up)
 * otherwise.
 */
export const DOMAINS: Readonly<Record<Dimension, Readonly<Record<RangeKey, "zero" | "any">>>> = {
  energy: { energyKWh: "any", powerKW: "any", sessionMinutes: "any", idleMinutes: "zero" },
  time: { energyKWh: "any", powerKW: "any", sessionMinutes: "any", idleMinutes: "zero" },
  idle: { energyKWh: "any", powerKW: "zero", sessionMinutes: "any", idleMinutes: "any" },
  flat: { energyKWh: "zero", powerKW: "any", sessionMinutes: "zero", idleMinutes: "zero" },
};

/** A rate's conditions as a box: per axis, a list of disjoint sorted intervals, or null for "no condition". */
export interface Box {
  readonly week: readonly Interval<number>[] | null;
  readonly dates: readonly Interval<string>[] | null;
  readonly energyKWh: readonly Interval<Bound>[] | null;
  readonly powerKW: readonly Interval<Bound>[] | null;
  readonly sessionMinutes: readonly Interval<Bound>[] | null;
  readonly idleMinutes: readonly Interval<Bound>[] | null;
}

const AXES = ["week", "dates", ...RANGE_KEYS] as const;
type Axis = (typeof AXES)[number];
const ORDERS: Record<Axis, Order<never>> = {
  week: numberOrder as Order<never>,
  dates: dateOrder as Order<never>,
  energyKWh: decOrder as Order<never>,
  powerKW: decOrder as Order<never>,
  sessionMinutes: decOrder as Order<never>,
  idleMinutes: decOrder as Order<never>,
};

/** Minutes since midnight of "HH:MM" (24:00 is 1440). */
export function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** Weekday (0 = Sunday) of a "YYYY-MM-DD" date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}

/** Days from `a` to `b` ("YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  const ms = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/**
 * The local minutes of the week (0 = Sunday 00:00) at which `days` and `timeOfDay` hold, limited to
 * the weekdays `onlyDays` when given. Null when neither condition is there and no limit is given.
 */
export function weekSet(when: Conditions | undefined, onlyDays?: ReadonlySet<number>): Interval<number>[] | null {
  if (!when?.days && !when?.timeOfDay && !onlyDays) return null;
  let days = when?.days ? when.days.map((d) => DAY_NAMES.indexOf(d)) : [0, 1, 2, 3, 4, 5, 6];
  if (onlyDays) days = days.filter((d) => onlyDays.has(d));
  const parts: Interval<number>[] = [];
  const tod = when?.timeOfDay;
  const from = tod ? minuteOf(tod.from) : 0;
  const to = tod ? minuteOf(tod.to) : 1440;
  for (const d of [...days].sort((a, b) => a - b)) {
    const base = d * 1440;
    if (to > from) parts.push({ lo: base + from, hi: base + to });
    else {
      // Across midnight: both ends of the same local day hold (the day is read at each moment).
      if (to > 0) parts.push({ lo: base, hi: base + to });
      parts.push({ lo: base + from, hi: base + 1440 });
    }
  }
  return mergeNumbers(parts);
}

function mergeNumbers(parts: Interval<number>[]): Interval<number>[] {
  const sorted = [...parts].sort((a, b) => a.lo - b.lo);
  const out: Interval<number>[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.lo <= last.hi) out[out.length - 1] = { lo: last.lo, hi: Math.max(last.hi, p.hi) };
    else if (p.hi > p.lo) out.push(p);
  }
  return out;
}

/** The weekdays of the dates a rate is limited to, when that is fewer than 7 dates. */
export function weekdaysOfDates(dates: Conditions["dates"]): Set<number> | undefined {
  if (!dates?.from || !dates.to) return undefined;
  const n = daysBetween(dates.from, dates.to);
  if (n >= 7) return undefined;
  const first = weekdayOf(dates.from);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add((first + i) % 7);
  return out;
}

function rangeInterval(r: Range): Interval<Bound> {
  return { lo: r.min !== undefined ? new Dec(r.min) : ZERO, hi: r.max !== undefined ? new Dec(r.max) : INF };
}

/** The box of a rate's conditions. */
export function boxOf(when: Conditions | undefined): Box {
  const dates = when?.dates ? [{ lo: when.dates.from ?? DATE_MIN, hi: when.dates.to ?? DATE_MAX }] : null;
  const range = (k: RangeKey) => (when?.[k] ? [rangeInterval(when[k]!)] : null);
  return {
    week: weekSet(when, weekdaysOfDates(when?.dates)),
    dates,
    energyKWh: range("energyKWh"),
    powerKW: range("powerKW"),
    sessionMinutes: range("sessionMinutes"),
    idleMinutes: range("idleMinutes"),
  };
}

/** Whether `set` (null: everything) holds at `value`. */
function holdsAt<T>(set: readonly Interval<T>[] | null, value: T, order: Order<T>): boolean {
  if (set === null) return true;
  return set.some((i) => order.cmp(i.lo, value) <= 0 && order.cmp(value, i.hi) < 0);
}

/** `set` cut at every cut point inside it. */
function pieces<T>(set: readonly Interval<T>[], cuts: readonly T[], order: Order<T>): Interval<T>[] {
  const out: Interval<T>[] = [];
  const sortedCuts = [...cuts].sort((a, b) => order.cmp(a, b));
  for (const iv of set) {
    let lo = iv.lo;
    for (const c of sortedCuts) {
      if (order.cmp(c, lo) > 0 && order.cmp(c, iv.hi) < 0) {
        out.push({ lo, hi: c });
        lo = c;
      }
    }
    if (order.cmp(lo, iv.hi) < 0) out.push({ lo, hi: iv.hi });
  }
  return out;
}

function endpoints<T>(set: readonly Interval<T>[] | null): T[] {
  return set ? set.flatMap((i) => [i.lo, i.hi]) : [];
}

/** Thrown when the coverage check would take too long: the answer is then "not known". */
class TooMuchWork extends Error {}

/**
 * Work left for coverage checks (candidate rates looked at), shared by all the checks of one lint so
 * that a tariff of 100 rates with many bounds each is linted in a bounded time (a few hundred ms at
 * most); a check that runs out answers "unknown".
 */
export interface Budget {
  left: number;
}
export const DEFAULT_BUDGET = 1_000_000;

/**
 * What a rate's box is in a dimension, given the boxes it is checked against: each axis's set,
 * cut to the values the axis takes there. Empty on some axis: the rate can never apply.
 * `domains` may fix more axes at 0 (the idle fee at the first idle minute).
 */
export function reachable(box: Box, others: readonly Box[], domains: Readonly<Record<RangeKey, "zero" | "any">>, dateWindow?: Interval<string>): Record<Axis, Interval<never>[]> {
  const out = {} as Record<Axis, Interval<never>[]>;
  out.week = (box.week ?? [{ lo: 0, hi: WEEK_MINUTES }]) as Interval<never>[];
  let dates: Interval<string>[] = [...(box.dates ?? [{ lo: DATE_MIN, hi: DATE_MAX }])];
  if (dateWindow) {
    dates = dates
      .map((d) => ({ lo: d.lo > dateWindow.lo ? d.lo : dateWindow.lo, hi: d.hi < dateWindow.hi ? d.hi : dateWindow.hi }))
      .filter((d) => d.lo < d.hi);
  }
  out.dates = dates as Interval<never>[];
  for (const k of RANGE_KEYS) {
    const own: Interval<Bound>[] = (box[k] ?? [{ lo: ZERO, hi: INF }]).filter((i) => decOrder.cmp(i.lo, i.hi) < 0);
    if (domains[k] === "any") {
      out[k] = own as Interval<never>[];
      continue;
    }
    // Always 0 here: 0 behaves like every value up to the first positive bound any rate names.
    const bounds = [box, ...others].flatMap((b) => endpoints(b[k])).filter((v): v is Dec => v !== null && v.gt(0));
    const first = bounds.reduce<Bound>((m, v) => (m === null || v.lt(m) ? v : m), INF);
    out[k] = (holdsAt(own, ZERO, decOrder) ? [{ lo: ZERO, hi: first }] : []) as Interval<never>[];
  }
  return out;
}

/** The axes on which a reachable box is empty (the rate can never apply). */
export function emptyAxes(sets: Record<Axis, Interval<never>[]>): Axis[] {
  return AXES.filter((a) => sets[a].length === 0);
}

/**
 * Whether the earlier boxes together hold wherever `sets` does: `covered` with the indexes (into
 * `earlier`) of a set of boxes that cover it, `open` when some point of `sets` is in none of them,
 * or `unknown` when the check would take too long.
 */
export function coverage(
  sets: Record<Axis, Interval<never>[]>,
  earlier: readonly Box[],
  budget: Budget = { left: DEFAULT_BUDGET },
): { readonly result: "covered"; readonly by: number[] } | { readonly result: "open" | "unknown" } {
  const used = new Set<number>();
  // The last axis each earlier box constrains: from the next one on, it holds everywhere.
  const last = earlier.map((b) => AXES.reduce((m, a, i) => (b[a] !== null ? i : m), -1));
  const free = (c: number, from: number) => last[c]! < from;
  const walk = (candidates: number[], k: number): boolean => {
    budget.left -= candidates.length + 1;
    if (budget.left < 0) throw new TooMuchWork();
    const whole = candidates.find((c) => free(c, k));
    if (whole !== undefined) {
      used.add(whole);
      return true;
    }
    if (candidates.length === 0 || k === AXES.length) return false;
    const axis = AXES[k]!;
    const order = ORDERS[axis];
    const cuts = candidates.flatMap((c) => endpoints(earlier[c]![axis] as readonly Interval<never>[] | null));
    const parts = pieces(sets[axis], cuts, order);
    budget.left -= cuts.length + parts.length * candidates.length;
    if (budget.left < 0) throw new TooMuchWork();
    for (const piece of parts) {
      const next = candidates.filter((c) => holdsAt(earlier[c]![axis] as readonly Interval<never>[] | null, piece.lo, order));
      if (!walk(next, k + 1)) return false;
    }
    return true;
  };
  try {
    if (AXES.some((a) => sets[a].length === 0)) return { result: "covered", by: [] };
    return walk(earlier.map((_, i) => i), 0) ? { result: "covered", by: [...used].sort((a, b) => a - b) } : { result: "open" };
  } catch (e) {
    if (e instanceof TooMuchWork) return { result: "unknown" };
    throw e;
  }
}

/** "HH:MM" of minutes since midnight (1440 is "24:00"). */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * The minutes of the week no set holds, in words: days with the same free hours together,
 * e.g. "mon, tue 21:00–22:00; sat, sun 00:00–24:00".
 */
export function weekGaps(sets: readonly (readonly Interval<number>[] | null)[]): string | undefined {
  if (sets.some((s) => s === null)) return undefined;
  const covered = mergeNumbers(sets.flatMap((s) => [...s!]));
  const gaps: Interval<number>[] = [];
  let at = 0;
  for (const c of covered) {
    if (c.lo > at) gaps.push({ lo: at, hi: c.lo });
    at = Math.max(at, c.hi);
  }
  if (at < WEEK_MINUTES) gaps.push({ lo: at, hi: WEEK_MINUTES });
  if (gaps.length === 0) return undefined;
  const byDay: string[][] = [[], [], [], [], [], [], []];
  for (const g of gaps) {
    for (let d = Math.floor(g.lo / 1440); d * 1440 < g.hi; d++) {
      const lo = Math.max(g.lo, d * 1440) - d * 1440;
      const hi = Math.min(g.hi, (d + 1) * 1440) - d * 1440;
      if (hi > lo) byDay[d]!.push(`${clock(lo)}–${clock(hi)}`);
    }
  }
  // Monday first, as people read a week.
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups = new Map<string, string[]>();
  for (const d of order) {
    const key = byDay[d]!.join(", ");
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), DAY_NAMES[d]!]);
  }
  return [...groups].map(([hours, days]) => `${days.join(", ")} ${hours}`).join("; ");
}
