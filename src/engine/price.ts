/**
 * The pricing engine: the one pipeline every receipt, charge record, live cost, quote and
 * explanation comes from. slices → first-match rates → steps → min/max → excises → tax per group →
 * cash rounding → receipt.
 *
 * Units: instants in ms (UTC), energy in 1e-6 kWh, money in minor units of the billing currency,
 * decimals of the files in millionths. Instants and energies are exact rationals (`Q`): an energy
 * threshold can be crossed between two milliseconds, and energy at a cut inside a linear stretch of
 * the meter curve is a fraction of a microwatt-hour. Integers stay JS numbers while they are safe and
 * widen to BigInt beyond (src/engine/exact.ts), so no size of session, price or amount is out of
 * reach, and nothing is rounded but money, once per line and once per tax, with the market's mode.
 */
import type { LineComponent, Receipt, ReceiptLine, ReceiptTax } from "../receipt/types.js";
import { TariffError } from "../schema/errors.js";
import { MAX_SESSION_DAYS } from "../schema/parse-session.js";
import type { TaxRule } from "../markets/types.js";
import type { RoundingMode } from "../money/round.js";
import { allocateMinor } from "../money/money.js";
import { instantText } from "./numbers.js";
import type { ZoneRun } from "./zone-runs.js";
import {
  divRound,
  frac,
  iadd,
  icmp,
  imul,
  isub,
  MAX,
  moneyText,
  narrow,
  qadd,
  qceil,
  qcmp,
  qdiv,
  qfloor,
  qmul,
  qround,
  qscale,
  qsub,
  scaledText,
  type Int,
  type Q,
} from "./exact.js";
import { dateText, type Ctx, type Plan, type PlanRate, type TaxGroup, type TaxPeriod } from "./plan.js";

const DAY = 86_400_000;

/** The most cuts one session may make (every cut starts a slice: the engine's work is slices × rates). */
export const MAX_CUTS = 150_000;
/** The most lines one receipt may have. */
export const MAX_LINES = 20_000;

const tooBig = (message: string): never => {
  throw new TariffError([{ path: "", message: `${message}: price the session in shorter parts` }], "session");
};

/** Why the session was cut at an instant; explain shows it. */
export type CutReason =
  | "start"
  | "chargingEnd"
  | "idleStart"
  | "idleEnd"
  | "end"
  | "meter"
  | "energyKWh"
  | "sessionMinutes"
  | "idleMinutes"
  | "localTime"
  | "offsetChange";

/**
 * A session as the engine prices it: instants in UTC ms; the energy curve through points (1e-6 kWh),
 * piecewise linear between them, from (start, 0) to (chargingEnd, total); idle intervals, sorted and
 * disjoint, inside [start, end], across which energy is flat.
 */
export interface Profile {
  readonly start: number;
  readonly chargingEnd: number;
  readonly end: number;
  /** Total energy, 1e-6 kWh. */
  readonly total: Q;
  /** The receipt's `energyKWh` text. */
  readonly totalText: string;
  readonly at: readonly number[];
  readonly e: readonly Q[];
  readonly idle: readonly { readonly from: number; readonly to: number }[];
  /** The session's own texts of start, end and chargingEnd, printed as given when canonical. */
  readonly texts?: { readonly start?: string; readonly end?: string; readonly chargingEnd?: string };
}

/** Billing in another currency: every exact amount × n / d before rounding. */
export interface EngineExchange {
  readonly from: string;
  readonly to: string;
  readonly n: Int;
  readonly d: Int;
  /** The rate as a decimal integer and its decimals, for exact unit-price texts. */
  readonly rateInt: Int;
  readonly rateDecimals: number;
  readonly rateText: string;
}

export interface EngineOptions {
  readonly checkValidity: boolean;
  readonly exchange?: EngineExchange;
  /** Billing currency code and settlement digits (the tariff's unless exchanged). */
  readonly billingCode: string;
  readonly digits: number;
  readonly payment: "card" | "app" | "cash";
  readonly sessionId: string | undefined;
  /** Keep every intermediate step (for explain, quotes, charge records). */
  readonly trace: boolean;
}

/** A slice: a piece of the session in which nothing a condition reads changes. */
export interface EngineSlice {
  readonly from: Q;
  readonly to: Q;
  readonly charging: boolean;
  readonly energyFrom: Q;
  readonly energyTo: Q;
  readonly reasons: readonly CutReason[];
  /** Local wall-clock time at the slice start (whole ms), read as UTC. */
  readonly localFrom: number;
  readonly ctx: Readonly<Ctx>;
  /** The rate each metered dimension chose here (null: free; absent: the dimension has no rates or does not apply). */
  readonly chosen: { energy?: PlanRate | null; time?: PlanRate | null; idle?: PlanRate | null };
}

export type Metered = "energy" | "time" | "idle";

/** Consecutive slices of one dimension at one rate (or free). */
export interface EngineSegment {
  readonly dimension: Metered;
  readonly rate: PlanRate | null;
  readonly from: Q;
  to: Q;
  /** Metered quantity (1e-6 kWh or ms); billed adds the step's extra. */
  metered: Q;
  billed: Q;
  /** Indexes of its slices in the trace (empty without one). */
  readonly slices: number[];
}

/** A receipt line before formatting. */
export interface EngineLine {
  readonly component: LineComponent;
  readonly rate: PlanRate | null;
  readonly from: Q;
  readonly to: Q;
  /** kWh in 1e-6 (energy, excise), ms (time, idle) or 1. */
  readonly quantity: Q;
  /** The unit price (per kWh, per hour or per session) in millionths of the tariff's currency, before any exchange; 0 on adjustments (their unit price is their amount). */
  readonly unitMicro: Int;
  /** The exact amount in minor units, before rounding. */
  readonly exact: Q;
  readonly amount: Int;
  readonly group: TaxGroup;
  readonly segment?: EngineSegment;
  readonly excise?: TaxRule;
  net: Int;
  gross: Int;
}

export interface EngineStep {
  readonly dimension: Metered;
  readonly rate: PlanRate;
  readonly step: Q;
  readonly total: Q;
  readonly billedTotal: Q;
}

export interface EngineCap {
  readonly kind: "minimum" | "maximum";
  readonly limitMinor: Int;
  readonly beforeMinor: Int;
}

export interface EngineTax {
  readonly rule: TaxRule;
  readonly group: TaxGroup;
  /** The group's amount in the price basis, and the tax's exact amount (minor units) before rounding. */
  readonly groupAmount: Int;
  readonly exact: Q;
  readonly amount: Int;
  readonly base: Int;
}

/** Everything the engine worked out, when asked to keep it. */
export interface EngineTrace {
  readonly slices: readonly EngineSlice[];
  readonly flatCtx: Readonly<Ctx>;
  readonly flat: PlanRate | null;
  readonly steps: readonly EngineStep[];
  readonly lines: readonly EngineLine[];
  readonly cap: EngineCap | undefined;
  readonly taxes: readonly EngineTax[];
  readonly taxDay: number;
  readonly cash: { readonly before: Int; readonly after: Int } | undefined;
}

export interface EngineResult {
  readonly receipt: Receipt;
  readonly trace?: EngineTrace;
}

// ---------------------------------------------------------------------------------------------

function firstMatch(rates: readonly PlanRate[], c: Ctx): PlanRate | null {
  for (let i = 0; i < rates.length; i++) if (rates[i]!.test(c)) return rates[i]!;
  return null;
}

/** The rate of the slice before (the last segment's). */
const kept = (list: readonly EngineSegment[]): PlanRate | null => list[list.length - 1]!.rate;

function setLocal(c: Ctx, local: number): void {
  const day = Math.floor(local / DAY);
  c.day = day;
  c.wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  c.ms = local - day * DAY;
}

/** The zone offset at t: from the session's runs when fetched, else from the zone's memo. */
function offsetAt(f: Plan, runs: readonly ZoneRun[] | undefined, t: number): number {
  if (runs) for (const r of runs) if (t < r.to && t >= r.from) return r.offset;
  return f.zone.offsetMs(t);
}

/** An instant as receipts print it; a canonical "…Z" input is printed as given. */
const printed = (text: string | undefined, ms: number) =>
  text !== undefined && text.length === 20 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 90 ? text : instantText(ms);

/** Splits `total` by signed weights exactly (largest remainder, ties to the earlier part): `allocateMinor`. */
export function allocate(total: Int, weights: readonly Int[]): Int[] {
  if (weights.length === 1) return [total];
  const sum = weights.reduce((a: number, w) => a + Number(w), 0);
  if (typeof total !== "number" || sum === 0 || weights.some((w) => typeof w !== "number" || Math.abs(w * total) * weights.length > MAX))
    return allocateMinor(BigInt(total), weights.map(BigInt)).map(narrow);
  // Small values (every product total × weight, and their sum, a safe integer): the same split in JS numbers.
  const rems = weights.map((w) => ((w as number) * total) % sum);
  const shares = weights.map((w, i) => ((w as number) * total - rems[i]!) / sum + 0);
  // The units left over (fewer than the parts) go one each to the largest remainders (ties: the earlier part).
  let left = shares.reduce((a, b) => a - b, total);
  for (let unit = left > 0 ? 1 : -1, s = sum > 0 ? unit : -unit; left !== 0; left -= unit) {
    let best = 0;
    for (let i = 1; i < rems.length; i++) if ((rems[i]! - rems[best]!) * s > 0) best = i;
    shares[best]! += unit;
    rems[best] = -s * Infinity; // taken
  }
  return shares;
}

/** Where `energyAt` last found an instant (`j`), and the energy at each threshold's cut (the threshold). */
interface Hint {
  j: number;
  readonly cut: Q[];
  readonly kWh: Q[];
}

/** Energy at instant t of the curve: exact at points, linear between them. */
function energyAt(p: Profile, t: Q, hint: Hint): Q {
  const at = p.at;
  const n = at.length;
  const known = hint.cut.indexOf(t);
  if (known >= 0) return hint.kWh[known]!;
  // The points are at whole ms, and for a whole x, t >= x exactly when floor(t) >= x: a fraction (a
  // threshold's cut) is placed by its floor, with number compares.
  const w = typeof t === "number" ? t : Number(qfloor(t));
  if (w >= at[n - 1]!) return p.e[n - 1]!;
  if (w === t ? w <= at[0]! : w < at[0]!) return p.e[0]!;
  let j = hint.j;
  if (w < at[j]!) j = 0;
  while (w >= at[j + 1]!) j++;
  hint.j = j;
  const a = at[j]!;
  const ea = p.e[j]!;
  const de = t === a ? 0 : qsub(p.e[j + 1]!, ea);
  return de === 0 ? ea : qadd(ea, qdiv(qmul(de, qsub(t, a)), at[j + 1]! - a));
}

/** The first instant at which the delivered energy reaches k (1e-6 kWh), or undefined. */
function instantOfEnergy(p: Profile, k: Int): Q | undefined {
  for (let i = 1; i < p.at.length; i++) {
    const eb = p.e[i]!;
    if (qcmp(eb, k) >= 0) {
      const ea = p.e[i - 1]!;
      const a = p.at[i - 1]!;
      return qadd(a, qdiv(qmul(qsub(k, ea), p.at[i]! - a), qsub(eb, ea)));
    }
  }
  return undefined;
}

/** The sorted cuts: each instant once; with the trace, each with all its reasons in the order they were added. */
interface SortedCuts {
  readonly instants: Q[];
  readonly reasons: CutReason[][];
  /** Whether the instant is a reading and nothing else. */
  readonly onlyReading: boolean[];
}

/**
 * The cuts within [start, end], sorted, merged with the readings (already in time order, so a
 * session's many readings are never sorted). Reasons, with the trace, come in the order the cuts
 * were added: start, chargingEnd and end, then the readings, then the rest.
 */
function sortedCuts(cuts: Cuts, times: readonly number[], last: number, start: number, end: number, trace: boolean): SortedCuts {
  const at = cuts.at;
  const order: number[] = [];
  for (let i = 0; i < at.length; i++) if (qcmp(at[i]!, start) >= 0 && qcmp(at[i]!, end) <= 0) order.push(i);
  // Stable: cuts at one instant stay in the order they were added.
  order.sort((i, k) => qcmp(at[i]!, at[k]!) || i - k);
  const instants: Q[] = [];
  const reasons: CutReason[][] = [];
  const onlyReading: boolean[] = [];
  const why = (list: CutReason[], r: CutReason) => list.includes(r) || list.push(r);
  let r = 1;
  while (r <= last && times[r]! < start) r++;
  for (let k = 0; k < order.length || (r <= last && times[r]! <= end); ) {
    const reading = r <= last && times[r]! <= end ? times[r]! : undefined;
    const c = reading === undefined ? 1 : k === order.length ? -1 : qcmp(reading, at[order[k]!]!);
    const t = c < 0 ? reading! : at[order[k]!]!;
    const list: CutReason[] = [];
    instants.push(t);
    onlyReading.push(c < 0);
    if (trace) reasons.push(list);
    // The cuts at t added before the readings (start, chargingEnd, end), the reading, the cuts added after.
    const first = k;
    if (c >= 0) while (k < order.length && qcmp(at[order[k]!]!, t) === 0) k++;
    for (let j = first; trace && j < k; j++) if (order[j]! < 3) why(list, cuts.why[order[j]!]!);
    if (c <= 0) {
      if (trace) why(list, "meter");
      r++;
    }
    for (let j = first; trace && j < k; j++) if (order[j]! >= 3) why(list, cuts.why[order[j]!]!);
  }
  return { instants, reasons, onlyReading };
}

/** Cuts other than the readings, as parallel lists of instants and reasons; `count` includes the readings. */
class Cuts {
  readonly at: Q[] = [];
  readonly why: CutReason[] = [];
  count = 0;
  add(at: Q, why: CutReason): void {
    this.at.push(at);
    this.why.push(why);
    this.grow(1);
  }
  /** Bounded whatever the session's length, its readings and the tariff's edges. */
  grow(n: number): void {
    if ((this.count += n) > MAX_CUTS) tooBig(`needs more than ${MAX_CUTS} slices (meter readings, the tariff's local-time edges on each day, thresholds)`);
  }
}

/**
 * Local-time cuts: every local edge of every day around the session, and the zone's offset
 * changes, from the zone's runs. Returns the runs (the slices read their offsets from them).
 */
function localCuts(f: Plan, cuts: Cuts, start: number, end: number): ZoneRun[] {
  const near = f.zone.runs(start - 4 * DAY, end + 4 * DAY);
  const firstDay = Math.floor((start + offsetAt(f, near, start)) / DAY) * DAY - DAY;
  const lastDay = Math.floor((end + offsetAt(f, near, end)) / DAY) * DAY + DAY;
  const edges = f.edges;
  for (let day = firstDay; day <= lastDay; day += DAY) {
    for (let e = 0; e < edges.length; e++) {
      for (let k = 0; k < near.length; k++) {
        const r = near[k]!;
        const u = day + edges[e]! - r.offset;
        if (u >= r.from && u < r.to && u >= start && u <= end) cuts.add(u, "localTime");
      }
    }
  }
  for (let k = 1; k < near.length; k++) if (near[k]!.from >= start && near[k]!.from <= end) cuts.add(near[k]!.from, "offsetChange");
  return near;
}

/**
 * Prices a profile with a plan. Throws `TariffError` for a session the tariff cannot price (outside
 * its validity, or on a date the market's tax table does not cover).
 */
export function runEngine(f: Plan, p: Profile, o: EngineOptions): EngineResult {
  const ct = f.ct;
  const { start, end, chargingEnd } = p;
  if (o.checkValidity) {
    if (ct.validFrom !== undefined && start < ct.validFrom)
      throw new TariffError([{ path: "/start", message: `is before the tariff's validFrom (${ct.tariff.validFrom})` }], "session");
    if (ct.validTo !== undefined && start >= ct.validTo)
      throw new TariffError([{ path: "/start", message: `is at or after the tariff's validTo (${ct.tariff.validTo})` }], "session");
  }
  // (parseSession allows no longer session; an adapter's profile may be anything)
  if (end - start > MAX_SESSION_DAYS * DAY) tooBig(`lasts more than ${MAX_SESSION_DAYS} days`);
  const startOffset = f.zone.offsetMs(start);
  const taxDay = Math.floor((start + startOffset) / DAY);
  let pi = f.taxStarts.length - 1;
  while (f.taxStarts[pi]! > taxDay) pi--;
  const period = f.taxPeriods[pi]!;
  // A tariff that states its own taxes (even none: `taxes: []`) covers every date.
  if (!period.covered)
    throw new TariffError(
      [{ path: "/start", message: `no tax rule of market ${ct.market.code} is known for ${dateText(taxDay)} (station's local date)` }],
      "session",
    );

  // Cuts: every instant at which something a condition reads can change.
  const cuts = new Cuts();
  cuts.add(start, "start");
  cuts.add(chargingEnd, "chargingEnd");
  cuts.add(end, "end");
  // The readings: the profile's points after the start (the last one when it is not chargingEnd).
  const n = p.at.length;
  const lastReading = n > 1 && p.at[n - 1] !== chargingEnd ? n - 1 : n - 2;
  cuts.grow(Math.max(0, lastReading));
  // The energy at a threshold's cut is the threshold: kept, not worked out again from the fraction.
  const hint: Hint = { j: 0, cut: [], kWh: [] };
  for (const k of f.energyCuts) {
    if (qcmp(k, 0) <= 0 || qcmp(k, p.total) >= 0) continue;
    const at = instantOfEnergy(p, k);
    if (at !== undefined) {
      cuts.add(at, "energyKWh");
      hint.cut.push(at);
      hint.kWh.push(k);
    }
  }
  for (const m of f.sessionCuts) cuts.add(qadd(start, m), "sessionMinutes");
  for (const idle of p.idle) {
    if (idle.from !== chargingEnd) cuts.add(idle.from, "idleStart");
    if (idle.to !== end) cuts.add(idle.to, "idleEnd");
    for (const m of f.idleCuts) cuts.add(qadd(idle.from, m), "idleMinutes");
  }
  const runs = f.local && end > start ? localCuts(f, cuts, start, end) : undefined;

  const { instants, reasons, onlyReading } = sortedCuts(cuts, p.at, lastReading, start, end, o.trace);
  // Many readings: at a cut that is a reading and nothing else, only power changes (local edges,
  // thresholds and idle bounds are cuts of their own), so a dimension whose rates do not read it
  // keeps its rate. (Energy reaches a threshold equal to the total at a reading: then all are tested.)
  const skipReadings = lastReading > 64 && !f.energyCuts.some((k) => qcmp(k, p.total) === 0);

  // Slices: the conditions' view at each slice start, and the first matching rate per dimension.
  const rates = f.rates;
  const slices: EngineSlice[] = [];
  const seg: Record<Metered, EngineSegment[]> = { energy: [], time: [], idle: [] };
  const c: Ctx = { day: 0, wd: 0, ms: 0, e: 0, dE: 0, dt: 1, sm: 0, im: 0 };
  let flatCtx: Ctx | undefined;
  let flatSeen = false;
  let flat: PlanRate | null = null;
  let idleIndex = 0;
  let eTo: Q = instants.length > 0 ? energyAt(p, instants[0]!, hint) : 0;
  const wantLocal = f.local || o.trace;
  const any = f.anyCut;
  for (let i = 0; i + 1 < instants.length; i++) {
    const from = instants[i]!;
    const to = instants[i + 1]!;
    while (idleIndex < p.idle.length && qcmp(from, p.idle[idleIndex]!.to) >= 0) idleIndex++;
    const idle = p.idle[idleIndex];
    const charging = !(idle && qcmp(from, idle.from) >= 0 && qcmp(to, idle.to) <= 0);
    const eFrom = eTo;
    const eAtTo = energyAt(p, to, hint);
    eTo = eAtTo;
    const fromMs = typeof from === "object" ? Number(qfloor(from)) : Number(from);
    const localFrom = wantLocal ? fromMs + offsetAt(f, runs, fromMs) : 0;
    if (wantLocal) setLocal(c, localFrom);
    c.e = eFrom;
    c.dE = charging ? qsub(eAtTo, eFrom) : 0;
    c.dt = charging ? qsub(to, from) : 1;
    c.sm = qsub(from, start);
    c.im = charging || !idle ? 0 : qsub(from, idle.from);
    if (i === 0) {
      if (o.trace) flatCtx = { ...c };
      else flatSeen = true;
      if (rates.flat.length > 0) flat = firstMatch(rates.flat, c);
    }
    const fresh = !skipReadings || i === 0 || !onlyReading[i]!;
    const traced = o.trace ? i : -1;
    if (charging) {
      const e = rates.energy.length > 0 ? meter(seg.energy, "energy", fresh || any.energy ? firstMatch(rates.energy, c) : kept(seg.energy), from, to, c.dE, traced) : undefined;
      const t = rates.time.length > 0 ? meter(seg.time, "time", fresh || any.time ? firstMatch(rates.time, c) : kept(seg.time), from, to, c.dt, traced) : undefined;
      if (o.trace) slices.push({ from, to, charging, energyFrom: eFrom, energyTo: eAtTo, reasons: reasons[i]!, localFrom, ctx: { ...c }, chosen: { ...(e !== undefined ? { energy: e } : {}), ...(t !== undefined ? { time: t } : {}) } });
    } else {
      const d = rates.idle.length > 0 ? meter(seg.idle, "idle", fresh || any.idle ? firstMatch(rates.idle, c) : kept(seg.idle), from, to, qsub(to, from), traced) : undefined;
      if (o.trace) slices.push({ from, to, charging, energyFrom: eFrom, energyTo: eFrom, reasons: reasons[i]!, localFrom, ctx: { ...c }, chosen: d !== undefined ? { idle: d } : {} });
      eTo = eFrom;
    }
  }
  if (flatCtx === undefined && !flatSeen) {
    setLocal(c, start + startOffset);
    c.e = 0;
    c.dE = 0;
    c.dt = 1;
    c.sm = 0;
    c.im = 0;
    flatCtx = { ...c };
    if (rates.flat.length > 0) flat = firstMatch(rates.flat, c);
  }

  const priced = linesOf(f, p, o, period, seg, flat);
  const { receipt, taxes, cash } = receiptOf(f, p, o, priced.lines);
  if (!o.trace) return { receipt };
  return { receipt, trace: { slices, flatCtx: flatCtx!, flat, steps: priced.steps, lines: priced.lines, cap: priced.cap, taxes, taxDay, cash } };
}

/**
 * Adds a slice to a dimension's segments: a new segment, or the last one grown when the rate is the
 * same. A segment lists its slices' indexes when they are traced (`slice` >= 0).
 */
function meter(list: EngineSegment[], dimension: Metered, rate: PlanRate | null, from: Q, to: Q, q: Q, slice: number): PlanRate | null {
  const last = list[list.length - 1];
  if (last && last.rate === rate && (last.to === from || qcmp(last.to, from) === 0)) {
    last.to = to;
    last.metered = qadd(last.metered, q);
    if (slice >= 0) last.slices.push(slice);
  } else list.push({ dimension, rate, from, to, metered: q, billed: q, slices: slice >= 0 ? [slice] : [] });
  return rate;
}

/** The amount of `quantity` at a price ratio (num / den), in the billing currency, rounded once. */
function amountOf(quantity: Q, num: Int, den: Int, x: EngineExchange | undefined, mode: RoundingMode): Int {
  if (x) return qround(qscale(qscale(quantity, num, den), x.n, x.d), mode);
  return typeof quantity === "object" ? divRound(imul(quantity.n, num), imul(quantity.d, den), mode) : divRound(imul(quantity, num), den, mode);
}

/** The exact amount before rounding (for the trace). */
function exactOf(quantity: Q, num: Int, den: Int, x: EngineExchange | undefined): Q {
  const q = qscale(quantity, num, den);
  return x ? qscale(q, x.n, x.d) : q;
}

interface Priced {
  readonly lines: EngineLine[];
  readonly steps: EngineStep[];
  readonly cap: EngineCap | undefined;
}

/** The receipt's lines before tax: metered dimensions, flat fee, min/max adjustments, excises. */
function linesOf(f: Plan, p: Profile, o: EngineOptions, period: TaxPeriod, seg: Record<Metered, EngineSegment[]>, flat: PlanRate | null): Priced {
  const mode = f.ct.rounding;
  const x = o.exchange;
  const lines: EngineLine[] = [];
  const steps: EngineStep[] = [];
    for (const dimension of ["energy", "time", "idle"] as const) {
    const list = seg[dimension];
    if (list.length === 0) continue;
    // Segments that metered nothing are dropped (after merging).
    const kept = list.filter((s) => qcmp(s.metered, 0) !== 0);
    let last = -1;
    let total: Q = 0;
    for (let k = 0; k < kept.length; k++) {
      kept[k]!.billed = kept[k]!.metered;
      total = qadd(total, kept[k]!.metered);
      if (kept[k]!.rate) last = k;
    }
    const lastRate = last >= 0 ? kept[last]!.rate : null;
    if (lastRate && lastRate.step !== 0) {
      // The dimension's total rounded up to the last rate's step, the extra billed at that rate.
      const billedTotal = qmul(qceil(qdiv(total, lastRate.step)), lastRate.step);
      const target = kept[last]!;
      target.billed = qadd(target.metered, qsub(billedTotal, total));
      steps.push({ dimension, rate: lastRate, step: lastRate.step, total, billedTotal });
    }
    const group = period.group[dimension];
    if (lines.length + kept.length > MAX_LINES) tooBig(`makes a receipt of more than ${MAX_LINES} lines`);
    for (const s of kept) {
      const rate = s.rate;
      const amount = rate ? amountOf(s.billed, rate.num, rate.den, x, mode) : 0;
      const exact = rate && o.trace ? exactOf(s.billed, rate.num, rate.den, x) : amount;
      lines.push({ component: dimension, rate, from: s.from, to: s.to, quantity: s.billed, unitMicro: rate ? rate.priceMicro : 0, exact, amount, group, segment: s, net: amount, gross: amount });
    }
  }
  if (flat) {
    const amount = amountOf(1, flat.num, flat.den, x, mode);
    const exact = o.trace ? exactOf(1, flat.num, flat.den, x) : amount;
    lines.push({ component: "flat", rate: flat, from: p.start, to: p.end, quantity: 1, unitMicro: flat.priceMicro, exact, amount, group: period.group.flat, net: amount, gross: amount });
  }

  // Min/max: an adjustment per tax group, in proportion to the groups' amounts.
  let before: Int = 0;
  for (const l of lines) before = iadd(before, l.amount);
  const limitOf = (micro: Int) => amountOf(1, imul(micro, f.scale), 1_000_000, x, mode);
  let cap: EngineCap | undefined;
  if (f.minMicro !== undefined && icmp(before, limitOf(f.minMicro)) < 0) cap = { kind: "minimum", limitMinor: limitOf(f.minMicro), beforeMinor: before };
  else if (f.maxMicro !== undefined && icmp(before, limitOf(f.maxMicro)) > 0) cap = { kind: "maximum", limitMinor: limitOf(f.maxMicro), beforeMinor: before };
  if (cap) {
    const groups: TaxGroup[] = [];
    const sums: Int[] = [];
    for (const l of lines) {
      const k = groups.indexOf(l.group);
      if (k < 0) {
        groups.push(l.group);
        sums.push(l.amount);
      } else sums[k] = iadd(sums[k]!, l.amount);
    }
    let targets = groups.filter((_, k) => sums[k] !== 0);
    let weights = sums.filter((w) => w !== 0);
    if (targets.length === 0) {
      targets = [period.group.energy];
      weights = [1];
    }
    const shares = allocate(isub(cap.limitMinor, cap.beforeMinor), weights);
    targets.forEach((group, k) => {
      const amount = shares[k]!;
      lines.push({ component: cap!.kind, rate: null, from: p.start, to: p.end, quantity: 1, unitMicro: 0, exact: amount, amount, group, net: amount, gross: amount });
    });
  }

  // Excises per kWh delivered: lines of their own, on top of the tariff's prices and outside min/max.
  for (const ex of period.excises) {
    const amount = amountOf(p.total, imul(ex.micro, f.scale), 1_000_000_000_000, x, mode);
    const exact = o.trace ? exactOf(p.total, imul(ex.micro, f.scale), 1_000_000_000_000, x) : amount;
    lines.push({ component: "excise", rate: null, from: p.start, to: p.chargingEnd, quantity: p.total, unitMicro: ex.micro, exact, amount, group: period.group.excise, excise: ex.rule, net: amount, gross: amount });
  }
  return { lines, steps, cap };
}

/** Milliseconds as millionths of an hour (× 5 / 18), rounded half away from zero: floor((10 ms + 18) / 36), exact for whole ms up to 2^40. */
export const hoursMicro = (ms: Q): Int =>
  typeof ms === "number" && ms >= 0 && ms <= 2 ** 40 ? Math.floor((10 * ms + 18) / 36) : qround(qscale(ms, 5, 18), "halfAwayFromZero");

/** Tax per group, then the receipt: lines, taxes, totals, cash rounding. */
function receiptOf(f: Plan, p: Profile, o: EngineOptions, lines: EngineLine[]): { receipt: Receipt; taxes: EngineTax[]; cash: EngineTrace["cash"] } {
  const ct = f.ct;
  const mode = ct.rounding;
  const digits = o.digits;
  const x = o.exchange;
  const trace = o.trace;
  // Tax per group on the group's amount; each group's tax spread over its lines.
  const groups: TaxGroup[] = [];
  const sums: Int[] = [];
  const counts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let k = groups.indexOf(l.group);
    if (k < 0) {
      k = groups.push(l.group) - 1;
      sums.push(0);
      counts.push(0);
    }
    sums[k] = iadd(sums[k]!, l.amount);
    counts[k]!++;
  }
  const computed: EngineTax[] = [];
  let taxTotal: Int = 0;
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!;
    const rules = g.rules;
    if (rules.length === 0) continue;
    const amount = sums[k]!;
    const first = computed.length;
    let groupTax: Int = 0;
    for (let r = 0; r < rules.length; r++) {
      const product = imul(amount, g.p[r]!);
      const tax = divRound(product, g.q[r]!, mode);
      groupTax = iadd(groupTax, tax);
      computed.push({ rule: rules[r]!, group: g, groupAmount: amount, exact: trace ? frac(product, g.q[r]!) : 0, amount: tax, base: 0 });
    }
    taxTotal = iadd(taxTotal, groupTax);
    const base = f.inclusive ? isub(amount, groupTax) : amount;
    for (let c = first; c < computed.length; c++) (computed[c] as { base: Int }).base = base;
    if (counts[k] === 1) {
      const l = lines.find((line) => line.group === g)!;
      if (f.inclusive) l.net = isub(l.amount, groupTax);
      else l.gross = iadd(l.amount, groupTax);
      continue;
    }
    const members = lines.filter((l) => l.group === g);
    const shares = allocate(groupTax, members.map((l) => l.amount));
    for (let m = 0; m < members.length; m++) {
      const l = members[m]!;
      if (f.inclusive) l.net = isub(l.amount, shares[m]!);
      else l.gross = iadd(l.amount, shares[m]!);
    }
  }

  const texts = p.texts ?? {};
  // Each instant printed once: lines share their ends.
  const seenMs: number[] = [];
  const seenText: string[] = [];
  const instant = (q: Q): string => {
    const ms = typeof q === "object" ? Number(qfloor(q)) : Number(q);
    const k = seenMs.indexOf(ms);
    if (k >= 0) return seenText[k]!;
    const text = ms === p.start ? printed(texts.start, ms) : ms === p.end ? printed(texts.end, ms) : ms === p.chargingEnd ? printed(texts.chargingEnd, ms) : instantText(ms);
    seenMs.push(ms);
    seenText.push(text);
    return text;
  };
  const unitPriceText = (l: EngineLine): string => {
    if (l.component === "minimum" || l.component === "maximum") return moneyText(l.amount, digits);
    if (l.rate && !x) return l.rate.priceText;
    if (l.excise && !x) return l.excise.perKWh!;
    // No rate (free time, a grace period) or a free rate converted: zero in the settlement digits, like money.
    if (!x || l.unitMicro === 0) return moneyText(0, digits);
    // price (millionths) × rate (10^-k): exact decimal text.
    return scaledText(imul(l.unitMicro, x.rateInt), 6 + x.rateDecimals);
  };
  let netTotal: Int = 0;
  const receiptLines: ReceiptLine[] = [];
  for (const l of lines) {
    netTotal = iadd(netTotal, l.net);
    // kWh from 1e-6 kWh; hours to 6 decimals from ms: ms × 10^6 / 3,600,000 = ms × 5 / 18.
    const quantity =
      l.component === "energy" || l.component === "excise"
        ? scaledText(qround(l.quantity, "halfAwayFromZero"), 6)
        : l.component === "time" || l.component === "idle"
          ? scaledText(hoursMicro(l.quantity), 6)
          : "1";
    const net = moneyText(l.net, digits);
    const rate = l.rate ? l.rate.pointer : null;
    const from = instant(l.from);
    const to = instant(l.to);
    const unit = l.component === "energy" || l.component === "excise" ? "kWh" : l.component === "time" || l.component === "idle" ? "h" : "session";
    const unitPrice = unitPriceText(l);
    const gross = l.gross === l.net ? net : moneyText(l.gross, digits);
    // Two literals rather than a spread: one shape each, cheap to build.
    const line: ReceiptLine = l.excise
      ? { component: l.component, name: l.excise.name, rate, from, to, quantity, unit, unitPrice, net, gross }
      : { component: l.component, rate, from, to, quantity, unit, unitPrice, net, gross };
    receiptLines.push(line);
  }
  let grossTotal = iadd(netTotal, taxTotal);

  let cash: EngineTrace["cash"];
  const cr = ct.market.cashRounding;
  // Cash rounding is a rule of the market's own currency: billed in another one, it does not apply.
  if (o.payment === "cash" && cr && o.billingCode === ct.currency.code) {
    // To a whole number of increments, then to minor units, each with the rule's mode.
    const inc = f.cashIncrement!;
    const after = qround(qmul(qround(qdiv(grossTotal, inc), cr.mode), inc), cr.mode);
    cash = { before: grossTotal, after };
    const diff = isub(after, grossTotal);
    if (diff !== 0) {
      const at = instant(p.end);
      const text = moneyText(diff, digits);
      receiptLines.push({ component: "rounding", rate: null, from: at, to: at, quantity: "1", unit: "session", unitPrice: text, net: text, gross: text });
      netTotal = iadd(netTotal, diff);
      grossTotal = iadd(grossTotal, diff);
    }
  }

  // The receipt shows one entry per tax (name, rate, method, source), adding up its groups.
  const merged: { key: string; rule: TaxRule; base: Int; amount: Int }[] = [];
  for (let c = 0; c < computed.length; c++) {
    const t = computed[c]!;
    const key = t.group.keys[t.group.rules.indexOf(t.rule)]!;
    let m: (typeof merged)[number] | undefined;
    for (let e = 0; e < merged.length; e++) if (merged[e]!.key === key) m = merged[e];
    if (m) {
      m.base = iadd(m.base, t.base);
      m.amount = iadd(m.amount, t.amount);
    } else merged.push({ key, rule: t.rule, base: t.base, amount: t.amount });
  }
  const receiptTaxes: ReceiptTax[] = merged.map((t) => ({
    name: t.rule.name,
    rate: t.rule.rate!,
    base: moneyText(t.base, digits),
    amount: moneyText(t.amount, digits),
    source: t.rule.source,
  }));
  const totals = { net: moneyText(netTotal, digits), tax: moneyText(taxTotal, digits), gross: moneyText(grossTotal, digits) };
  // Built member by member, in the receipt's key order (byte-identical JSON), without spreads.
  const r: Record<string, unknown> = { tariffId: ct.tariff.id };
  if (o.sessionId !== undefined) r.sessionId = o.sessionId;
  r.market = ct.market.code;
  r.currency = o.billingCode;
  if (x) r.exchange = { from: x.from, to: x.to, rate: x.rateText };
  r.timeZone = ct.zone.name;
  r.pricesInclude = ct.pricesInclude;
  r.payment = o.payment;
  r.energyKWh = p.totalText;
  r.lines = receiptLines;
  r.taxes = receiptTaxes;
  r.totals = totals;
  const receipt = r as unknown as Receipt;
  return { receipt, taxes: computed, cash };
}

