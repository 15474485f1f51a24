/**
 * The fast path: the same pipeline as `runPricing` (slices → first-match rates → steps → min/max →
 * tax → cash rounding → receipt) on safe integers, with a receipt identical to the reference's.
 *
 * Units: instants in ms; energy in 1e-9 kWh; money in minor units; decimals of the files in
 * millionths. Bounds (each checked; beyond them, or where a value has no exact form in these units,
 * the session bails to the decimal.js pricer):
 * - energy and meter readings up to 9,007,199 kWh (9e15 × 1e-9 kWh, the safe-integer limit);
 * - energy interpolated at a cut inside a linear stretch is rounded to 1e-9 kWh, half up, as the
 *   reference's `energyAt` does, so every energy is a whole number of 1e-9 kWh;
 * - the instant at which an energy threshold is crossed must be a whole millisecond (10 of 22.5 kWh
 *   over an hour is at 1,600,000 ms; 10 of 21.7 kWh is not), because the reference cuts there at the
 *   exact rational instant;
 * - a product (quantity × price, amount × tax ratio, power comparisons) beyond 2^53 is redone in
 *   BigInt; one line's amount must stay under 2^40 minor units, so sums of thousands stay exact;
 * - a tax or power exactly on a rounding or comparison boundary where the reference's value had a
 *   non-terminating division bails (non-terminating values are at least 1e-25 away from any
 *   boundary, the reference's error is below 1e-40, so elsewhere both round alike);
 * - zone offset changes less than two days apart near the session bail (then `fromLocal` and
 *   `offsetChanges` sample differently); exchange, custom profiles and non-default rounding go to
 *   the reference, as does every session the reference refuses (validity, tax dates).
 */
import type { CompiledTariff } from "../compile/compile.js";
import type { TaxRule } from "../markets/types.js";
import { allocateMinor } from "../money/money.js";
import type { LineComponent, Receipt, ReceiptLine, ReceiptTax } from "../receipt/types.js";
import { sessionTimes } from "../schema/session-times.js";
import type { Session } from "../schema/types.js";
import { BAIL, bail, decimalText, instantMs, instantText, MAX, MAX_AMOUNT, micros, moneyText, mulDivExact, mulDivRound, roundDiv } from "./numbers.js";
import { planOf, type Ctx, type FastPlan, type FastRate, type TaxPeriod } from "./plan.js";
import type { ZoneRun } from "./zone-runs.js";

const DAY = 86_400_000;

/** Consecutive slices of one dimension at one rate (or free). */
interface Segment {
  readonly rate: FastRate | null;
  readonly from: number;
  to: number;
  /** Metered quantity (1e-9 kWh or ms), then billed (with the step's extra). */
  q: number;
  billed: number;
}

/** A receipt line before formatting: amount in minor units; net and gross filled in by tax. */
interface Line {
  readonly component: LineComponent;
  readonly name: string | undefined;
  readonly rate: string | null;
  readonly from: number;
  readonly to: number;
  readonly quantity: string;
  readonly unit: ReceiptLine["unit"];
  readonly unitPrice: string;
  readonly amount: number;
  readonly group: number;
  net: number;
  gross: number;
}

/** One tax of the receipt (taxes of the same name, rate, method and source add up). */
interface Tax {
  readonly key: string;
  readonly rule: TaxRule;
  base: number;
  amount: number;
}

/**
 * Prices a session on the fast path, or returns undefined when the tariff or the session is outside
 * it (the caller then runs the reference). The receipt equals `runPricing(...).receipt`.
 *
 * @example
 * priceFast(compileTariff(tariff), session, true)?.totals.gross // "9.00"
 */
export function priceFast(ct: CompiledTariff, session: Session, checkValidity: boolean): Receipt | undefined {
  const plan = planOf(ct);
  if (!plan) return undefined;
  try {
    return price(plan, session, checkValidity);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

function firstMatch(rates: readonly FastRate[], c: Ctx): FastRate | null {
  for (let i = 0; i < rates.length; i++) if (rates[i]!.test(c)) return rates[i]!;
  return null;
}

function setLocal(c: Ctx, local: number): void {
  const day = Math.floor(local / DAY);
  c.day = day;
  c.wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  c.ms = local - day * DAY;
}

/** Splits `total` by signed weights exactly as `allocateMinor` does, in numbers while products stay safe. */
function allocate(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  let sum = 0;
  let most = 0;
  for (let i = 0; i < n; i++) {
    sum += weights[i]!;
    most = Math.max(most, Math.abs(weights[i]!));
  }
  if (sum === 0 || Math.abs(total) * Math.max(most, Math.abs(sum)) > MAX) return allocateMinor(BigInt(total), weights.map(BigInt)).map(Number);
  const shares = new Array<number>(n);
  const rest = new Array<number>(n);
  const order = new Array<number>(n);
  let left = total;
  for (let i = 0; i < n; i++) {
    const p = total * weights[i]!;
    const r = p % sum;
    shares[i] = (p - r) / sum; // truncated toward zero
    rest[i] = r;
    left -= shares[i]!;
  }
  const unit = left > 0 ? 1 : -1;
  const sign = sum > 0 ? unit : -unit;
  // Largest remainder first (by sign), ties to the earlier part: an insertion sort of the few indexes.
  for (let i = 0; i < n; i++) {
    let k = i;
    while (k > 0 && (rest[i]! - rest[order[k - 1]!]!) * sign > 0) {
      order[k] = order[k - 1]!;
      k--;
    }
    order[k] = i;
  }
  for (let k = 0; left !== 0; k = (k + 1) % n) {
    shares[order[k]!]! += unit;
    left -= unit;
  }
  return shares;
}

/** Sorts the cuts, keeps those within [start, end] once each, in place; returns how many. */
function sortInside(cuts: number[], start: number, end: number): number {
  if (cuts.length > 32) {
    const sorted = Float64Array.from(cuts).sort();
    for (let i = 0; i < sorted.length; i++) cuts[i] = sorted[i]!;
  } else {
    // Insertion sort: short and nearly sorted.
    for (let i = 1; i < cuts.length; i++) {
      const v = cuts[i]!;
      let k = i - 1;
      while (k >= 0 && cuts[k]! > v) {
        cuts[k + 1] = cuts[k]!;
        k--;
      }
      cuts[k + 1] = v;
    }
  }
  let n = 0;
  for (let i = 0; i < cuts.length; i++) {
    const t = cuts[i]!;
    if (t >= start && t <= end && (n === 0 || t !== cuts[n - 1])) cuts[n++] = t;
  }
  return n;
}

/** An instant as receipts print it; a canonical "…Z" input is printed as given. */
const printed = (text: string | undefined, ms: number) =>
  text !== undefined && text.length === 20 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 90 ? text : instantText(ms);

/** The zone offset at t: from the session's runs when fetched, else from the zone's memo. */
function offsetAt(f: FastPlan, runs: readonly ZoneRun[] | undefined, t: number): number {
  if (runs) for (const r of runs) if (t < r.to) return r.offset;
  return f.zone.offsetMs(t);
}

/** Adds a slice to a dimension's segments: a new segment, or the last one grown when the rate is the same. */
function meter(list: Segment[] | undefined, rates: readonly FastRate[], c: Ctx, from: number, to: number, q: number): Segment[] {
  const rate = firstMatch(rates, c);
  const segment = { rate, from, to, q, billed: 0 };
  if (list === undefined) return [segment];
  const last = list[list.length - 1]!;
  if (last.rate === rate && last.to === from) {
    last.to = to;
    last.q += q;
  } else list.push(segment);
  return list;
}

function addLine(lines: Line[], line: Line): void {
  if (!(line.amount <= MAX_AMOUNT && line.amount >= -MAX_AMOUNT) || lines.length > 4000) bail();
  lines.push(line);
}

const METERED = ["energy", "time", "idle"] as const;

/** A dimension's segments as lines: zero ones dropped, the total rounded up to the last rate's step. */
function meteredLines(lines: Line[], segments: Segment[], d: 0 | 1 | 2, group: number): void {
  // Segments that metered nothing are dropped (after merging, as the reference does).
  let kept = segments;
  for (let i = 0; i < segments.length; i++) {
    if (segments[i]!.q === 0) {
      kept = [];
      for (let k = 0; k < segments.length; k++) if (segments[k]!.q !== 0) kept.push(segments[k]!);
      break;
    }
  }
  let last = -1;
  let sum = 0;
  for (let k = 0; k < kept.length; k++) {
    const x = kept[k]!;
    x.billed = x.q;
    sum += x.q;
    if (x.rate) last = k;
  }
  const step = last >= 0 ? kept[last]!.rate!.step : 0;
  if (step) {
    // The extra billed at the last rate that applied.
    const r = sum % step;
    if (r !== 0) kept[last]!.billed += step - r;
  }
  for (let i = 0; i < kept.length; i++) {
    const x = kept[i]!;
    const rate = x.rate;
    const amount = rate ? mulDivRound(x.billed, rate.num, rate.den) : 0;
    addLine(lines, {
      component: METERED[d],
      name: undefined,
      rate: rate ? rate.pointer : null,
      from: x.from,
      to: x.to,
      // Hours from ms to 6 decimals: ms × 10^6 / 3,600,000 = ms × 5 / 18.
      quantity: decimalText(d === 0 ? roundDiv(x.billed, 1000) : mulDivRound(x.billed, 5, 18), 6),
      unit: d === 0 ? "kWh" : "h",
      unitPrice: rate ? rate.priceText : "0",
      amount,
      group,
      net: amount,
      gross: amount,
    });
  }
}

/**
 * Lines' amounts summed per tax group: the groups in order of first appearance and their sums, in two
 * arrays (one array of both would hold doubles, and a group id read from it would turn the lines'
 * small-integer `group` field into a double field, deprecating their map).
 */
function byGroup(lines: readonly Line[]): { order: number[]; sums: number[] } {
  const n = lines.length;
  const first = n > 0 ? lines[0]!.group : 0;
  let sum = 0;
  let one = true;
  for (let i = 0; i < n; i++) {
    one &&= lines[i]!.group === first;
    sum += lines[i]!.amount;
  }
  // The common case, every line taxed alike: exact-size arrays, no growing.
  if (one) return n > 0 ? { order: [first], sums: [sum] } : { order: [], sums: [] };
  const order: number[] = [];
  const sums: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    const k = order.indexOf(l.group);
    if (k < 0) {
      order.push(l.group);
      sums.push(l.amount);
    } else sums[k]! += l.amount;
  }
  return { order, sums };
}

/** The receipt's instants, each printed once: the session's own as given when canonical. */
class Instants {
  private startText: string | undefined;
  private endText: string | undefined;
  private lastMs = NaN;
  private lastText = "";
  constructor(
    private readonly s: Session,
    private readonly start: number,
    private readonly end: number,
    private readonly chEnd: number,
  ) {}
  text(ms: number): string {
    if (ms === this.start) return (this.startText ??= printed(this.s.start, ms));
    if (ms === this.end) return (this.endText ??= printed(this.s.end, ms));
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastText = printed(ms === this.chEnd ? this.s.chargingEnd : undefined, ms);
    }
    return this.lastText;
  }
}

/** The energy curve from meter readings: those strictly inside the charging time, then the total at chargingEnd. */
function meterCurve(readings: NonNullable<Session["meter"]>, start: number, chEnd: number, total: number): { at: number[]; kWh: number[] } {
  const at = [start];
  const kWh = [0];
  let previous = start;
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    const t = instantMs(r.at);
    if (t > start && t < chEnd) {
      const k = micros(r.kWh) * 1000;
      if (!(t > previous && k <= MAX)) bail();
      at.push(t);
      kWh.push(k);
      previous = t;
    } else if (t !== t) bail();
  }
  if (chEnd > start) {
    at.push(chEnd);
    kWh.push(total);
  }
  return { at, kWh };
}

/** Cuts where the session's energy crosses a threshold; each must fall on a whole millisecond. */
function energyCuts(f: FastPlan, cuts: number[], at: readonly number[], kWh: readonly number[], total: number): void {
  const points = at.length;
  let j = 1;
  for (const k of f.energyCuts) {
    if (k <= 0 || k >= total) continue;
    while (j < points && kWh[j]! < k) j++;
    if (j >= points) break;
    cuts.push(at[j - 1]! + mulDivExact(k - kWh[j - 1]!, at[j]! - at[j - 1]!, kWh[j]! - kWh[j - 1]!));
  }
}

/**
 * Local-time cuts: every local edge of every day around the session, and the zone's offset changes,
 * from the zone's runs fetched once. Returns the runs (the slices read their offsets from them).
 */
function localCuts(f: FastPlan, cuts: number[], start: number, end: number, startOffset: number): ZoneRun[] {
  const near = f.zone.runs(start - 4 * DAY, end + 4 * DAY);
  for (let k = 1; k < near.length - 1; k++) if (near[k]!.to - near[k]!.from <= 2 * DAY) bail();
  const firstDay = Math.floor((start + startOffset) / DAY) * DAY - DAY;
  const lastDay = Math.floor((end + offsetAt(f, near, end)) / DAY) * DAY + DAY;
  const edges = f.edges;
  for (let day = firstDay; day <= lastDay; day += DAY) {
    for (let e = 0; e < edges.length; e++) {
      for (let k = 0; k < near.length; k++) {
        const r = near[k]!;
        const u = day + edges[e]! - r.offset;
        if (u >= r.from && u < r.to && u > start && u < end) cuts.push(u);
      }
    }
  }
  for (let k = 1; k < near.length; k++) if (near[k]!.from > start && near[k]!.from <= end) cuts.push(near[k]!.from);
  return near;
}

/** What the slices came to: each metered dimension's segments, and the flat rate that applies. */
interface Metered {
  energy: Segment[] | undefined;
  time: Segment[] | undefined;
  idle: Segment[] | undefined;
  flat: FastRate | null;
}

/**
 * Walks the slices between consecutive cuts: energy at each cut (exact at points, linear between
 * them and rounded to 1e-9 kWh, half up, as the reference's energyAt does), the conditions' view at
 * each slice start, and the first matching rate per dimension, consecutive slices at one rate merged.
 */
function slices(f: FastPlan, cuts: readonly number[], count: number, at: readonly number[], kWh: readonly number[], start: number, chEnd: number, end: number, runs: ZoneRun[] | undefined, startOffset: number): Metered {
  const c: Ctx = { day: 0, wd: 0, ms: 0, e: 0, dE: 0, dt: 1, sm: 0, im: 0 };
  const rates = f.rates;
  const out: Metered = { energy: undefined, time: undefined, idle: undefined, flat: null };
  const hasIdle = end > chEnd;
  const points = at.length;
  const lastAt = at[points - 1]!;
  let j = 0;
  let eTo = 0; // the first cut is start: no energy yet
  for (let i = 0; i + 1 < count; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const eFrom = eTo;
    if (to >= lastAt) eTo = kWh[points - 1]!;
    else {
      while (at[j + 1]! <= to) j++;
      eTo = to === at[j] ? kWh[j]! : kWh[j]! + mulDivRound(kWh[j + 1]! - kWh[j]!, to - at[j]!, at[j + 1]! - at[j]!);
    }
    const charging = !(hasIdle && from >= chEnd);
    if (f.local) setLocal(c, from + offsetAt(f, runs, from));
    c.e = eFrom;
    c.dE = charging ? eTo - eFrom : 0;
    c.dt = charging ? to - from : 1;
    c.sm = from - start;
    c.im = charging ? 0 : from - chEnd;
    if (i === 0 && rates.flat.length > 0) out.flat = firstMatch(rates.flat, c);
    if (charging) {
      if (rates.energy.length > 0) out.energy = meter(out.energy, rates.energy, c, from, to, c.dE);
      if (rates.time.length > 0) out.time = meter(out.time, rates.time, c, from, to, to - from);
    } else if (rates.idle.length > 0) out.idle = meter(out.idle, rates.idle, c, from, to, to - from);
  }
  if (count < 2 && rates.flat.length > 0) {
    setLocal(c, start + startOffset);
    out.flat = firstMatch(rates.flat, c);
  }
  return out;
}

function price(f: FastPlan, s: Session, checkValidity: boolean): Receipt {
  const ct = f.ct;
  // The instants as parseSession read them, or read here (a session built by hand).
  const times = sessionTimes(s);
  const start = times ? times.start : instantMs(s.start);
  const end = times ? times.end : instantMs(s.end);
  const chEnd = times ? times.chargingEnd : s.chargingEnd === undefined ? end : instantMs(s.chargingEnd);
  const e6 = micros(s.energyKWh);
  const total = e6 * 1000;
  if (!(start <= chEnd && chEnd <= end && total <= MAX)) bail();
  if (checkValidity && ((ct.validFrom !== undefined && start < ct.validFrom) || (ct.validTo !== undefined && start >= ct.validTo))) bail();

  // The energy curve: a straight line from start to chargingEnd, or through the meter readings.
  const curve = s.meter ? meterCurve(s.meter, start, chEnd, total) : chEnd === start ? { at: [start], kWh: [0] } : { at: [start, chEnd], kWh: [0, total] };
  const { at, kWh } = curve;

  const startOffset = f.zone.offsetMs(start);
  const taxDay = Math.floor((start + startOffset) / DAY);
  let p = f.taxStarts.length - 1;
  while (f.taxStarts[p]! > taxDay) p--;
  const period = f.taxPeriods[p]!;
  if (!period.covered) bail();

  // Cuts: every instant at which something a condition reads can change.
  const cuts = [start, chEnd, end];
  for (let i = 1; i < at.length - 1; i++) cuts.push(at[i]!); // the last point is chargingEnd
  if (f.energyCuts.length > 0) energyCuts(f, cuts, at, kWh, total);
  for (const m of f.sessionCuts) cuts.push(start + m);
  if (end > chEnd) for (const m of f.idleCuts) cuts.push(chEnd + m);
  const runs = f.local && end > start ? localCuts(f, cuts, start, end, startOffset) : undefined;
  const count = sortInside(cuts, start, end);
  const metered = slices(f, cuts, count, at, kWh, start, chEnd, end, runs, startOffset);
  const lines = linesOf(f, period, metered, start, end, chEnd, e6, total);
  return receiptOf(f, s, period, lines, start, end, chEnd, e6);
}

/** The receipt's lines before tax: metered dimensions, flat fee, min/max adjustments, excises. */
function linesOf(f: FastPlan, period: TaxPeriod, metered: Metered, start: number, end: number, chEnd: number, e6: number, total: number): Line[] {
  const energySegments = metered.energy;
  const timeSegments = metered.time;
  const idleSegments = metered.idle;
  const flat = metered.flat;
  const lines: Line[] = [];
  const group = period.group;
  if (energySegments) meteredLines(lines, energySegments, 0, group.energy);
  if (timeSegments) meteredLines(lines, timeSegments, 1, group.time);
  if (idleSegments) meteredLines(lines, idleSegments, 2, group.idle);
  if (flat) {
    const amount = roundDiv(flat.num, flat.den);
    addLine(lines, { component: "flat", name: undefined, rate: flat.pointer, from: start, to: end, quantity: "1", unit: "session", unitPrice: flat.priceText, amount, group: group.flat, net: amount, gross: amount });
  }

  const digits = f.digits;
  // Min/max: an adjustment per tax group, in proportion to the groups' amounts.
  let before = 0;
  for (let i = 0; i < lines.length; i++) before += lines[i]!.amount;
  const kind = f.min !== undefined && before < f.min ? "minimum" : f.max !== undefined && before > f.max ? "maximum" : undefined;
  // (Rarer paths in functions of their own, so that a session taking one for the first time does not
  // send the common code back to the interpreter.)
  if (kind) capLines(lines, kind, kind === "minimum" ? f.min! : f.max!, before, group.energy, digits, start, end);
  if (period.excises.length > 0) exciseLines(lines, period, start, chEnd, e6, total);
  return lines;
}

/** The min/max adjustment: one line per tax group, in proportion to the groups' amounts. */
function capLines(lines: Line[], kind: "minimum" | "maximum", limit: number, before: number, energyGroup: number, digits: number, start: number, end: number): void {
  const { order, sums } = byGroup(lines);
  let groups = order.filter((_, k) => sums[k] !== 0);
  let weights = sums.filter((w) => w !== 0);
  if (groups.length === 0) {
    groups = [energyGroup];
    weights = [1];
  }
  const shares = allocate(limit - before, weights);
  for (let k = 0; k < groups.length; k++) {
    const amount = shares[k]!;
    addLine(lines, { component: kind, name: undefined, rate: null, from: start, to: end, quantity: "1", unit: "session", unitPrice: moneyText(amount, digits), amount, group: groups[k]!, net: amount, gross: amount });
  }
}

/** Excises per kWh delivered: lines of their own, outside min/max. */
function exciseLines(lines: Line[], period: TaxPeriod, start: number, chEnd: number, e6: number, total: number): void {
  for (const x of period.excises) {
    const amount = mulDivRound(total, x.num, x.den);
    addLine(lines, { component: "excise", name: x.rule.name, rate: null, from: start, to: chEnd, quantity: decimalText(e6, 6), unit: "kWh", unitPrice: x.rule.perKWh!, amount, group: period.group.excise, net: amount, gross: amount });
  }
}

/** Tax per group, then the receipt: lines, taxes, totals, cash rounding. */
function receiptOf(f: FastPlan, s: Session, period: TaxPeriod, lines: Line[], start: number, end: number, chEnd: number, e6: number): Receipt {
  const ct = f.ct;
  const digits = f.digits;
  // Tax per group on the group's amount; each group's tax spread over its lines.
  const taxes: Tax[] = [];
  let taxTotal = 0;
  const { order, sums } = byGroup(lines);
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    const g = period.groups[index]!;
    const rules = g.rules;
    if (rules.length === 0) continue;
    const amount = sums[k]!;
    let groupTax = 0;
    for (let r = 0; r < rules.length; r++) {
      const m = g.m[r]!;
      groupTax += mulDivRound(amount, g.p[r]!, g.q[r]!, m > 0 && amount % m === 0);
    }
    taxTotal += groupTax;
    const base = f.inclusive ? amount - groupTax : amount;
    for (let r = 0; r < rules.length; r++) {
      const key = g.keys[r]!;
      const t = rules.length === 1 ? groupTax : mulDivRound(amount, g.p[r]!, g.q[r]!);
      let tax: Tax | undefined;
      for (const x of taxes) if (x.key === key) tax = x;
      if (tax) {
        tax.base += base;
        tax.amount += t;
      } else taxes.push({ key, rule: rules[r]!, base, amount: t });
    }
    // The group's tax spread over its lines, in proportion to their amounts.
    let members = 0;
    let only: Line | undefined;
    for (let i = 0; i < lines.length; i++) if (lines[i]!.group === index) (members++, (only = lines[i]));
    if (members === 1) {
      if (f.inclusive) only!.net -= groupTax;
      else only!.gross += groupTax;
    } else {
      const list: Line[] = [];
      const weights: number[] = [];
      for (const l of lines) {
        if (l.group === index) {
          list.push(l);
          weights.push(l.amount);
        }
      }
      const shares = allocate(groupTax, weights);
      for (let m = 0; m < list.length; m++) {
        if (f.inclusive) list[m]!.net -= shares[m]!;
        else list[m]!.gross += shares[m]!;
      }
    }
  }

  const instants = new Instants(s, start, end, chEnd);
  let netTotal = 0;
  for (let i = 0; i < lines.length; i++) netTotal += lines[i]!.net;
  const receiptLines: ReceiptLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const from = instants.text(l.from);
    const to = instants.text(l.to);
    const net = moneyText(l.net, digits);
    const gross = l.gross === l.net ? net : moneyText(l.gross, digits);
    receiptLines.push(
      l.name === undefined
        ? { component: l.component, rate: l.rate, from, to, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, net, gross }
        : { component: l.component, name: l.name, rate: l.rate, from, to, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, net, gross },
    );
  }
  let grossTotal = netTotal + taxTotal;

  const cash = f.cash;
  if (s.payment === "cash" && cash) {
    const diff = roundDiv(grossTotal, cash.inc, cash.mode) * cash.inc - grossTotal;
    if (diff !== 0) {
      const at = instants.text(end);
      const text = moneyText(diff, digits);
      receiptLines.push({ component: "rounding", rate: null, from: at, to: at, quantity: "1", unit: "session", unitPrice: text, net: text, gross: text });
      netTotal += diff;
      grossTotal += diff;
    }
  }

  const receiptTaxes: ReceiptTax[] = [];
  for (let i = 0; i < taxes.length; i++) {
    const t = taxes[i]!;
    receiptTaxes.push({ name: t.rule.name, rate: t.rule.rate!, base: moneyText(t.base, digits), amount: moneyText(t.amount, digits), source: t.rule.source });
  }
  const totals = { net: moneyText(netTotal, digits), tax: moneyText(taxTotal, digits), gross: moneyText(grossTotal, digits) };
  const payment = s.payment ?? "card";
  // The session's own text when it is already the shortest form ("22.5", not "22.50").
  const given = s.energyKWh;
  const energyKWh = given.indexOf(".") < 0 || given.charCodeAt(given.length - 1) !== 48 ? given : decimalText(e6, 6);
  return s.id !== undefined
    ? { tariffId: ct.tariff.id, sessionId: s.id, market: ct.market.code, currency: ct.currency.code, timeZone: ct.zone.name, pricesInclude: ct.pricesInclude, payment, energyKWh, lines: receiptLines, taxes: receiptTaxes, totals }
    : { tariffId: ct.tariff.id, market: ct.market.code, currency: ct.currency.code, timeZone: ct.zone.name, pricesInclude: ct.pricesInclude, payment, energyKWh, lines: receiptLines, taxes: receiptTaxes, totals };
}
