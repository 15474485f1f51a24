/**
 * The fast path's form of a compiled tariff: prices as reduced integer ratios in minor units,
 * conditions as numeric predicates, tax rules as exact ratios per period of dates. Built once by
 * `compileTariff`; `planOf` returns undefined for a tariff the fast path does not take (then the
 * decimal.js pricer prices it). See `priceFast` for the bounds.
 */
import type { CompiledTariff } from "../compile/compile.js";
import { msOfDayOf } from "../compile/conditions.js";
import { TAXED_COMPONENTS, type TaxedComponent, type TaxRule } from "../markets/types.js";
import type { RoundingMode } from "../money/round.js";
import { DAY_NAMES } from "../schema/tariff.js";
import type { Conditions, Dimension, Range } from "../schema/types.js";
import { excisesFor, marketCoversDate, taxesFor, taxKey } from "../tax/rules.js";
import { bail, cmpProducts, dayNumber, MAX, micros, roundDiv } from "./numbers.js";
import type { RunZone } from "./zone-runs.js";

/** What conditions see at the start of a slice; one object, rewritten slice after slice. */
export interface Ctx {
  /** Local day (days since 1970-01-01), day of week (0 = Sunday), ms since local midnight. */
  day: number;
  wd: number;
  ms: number;
  /** Energy so far, 1e-9 kWh. */
  e: number;
  /** Average power as energy (1e-9 kWh) over ms; idle: 0 over 1. */
  dE: number;
  dt: number;
  /** Ms since the session started, and since charging ended (0 while charging). */
  sm: number;
  im: number;
}

type Test = (c: Ctx) => boolean;

export interface FastRate {
  readonly pointer: string;
  readonly priceText: string;
  /** Amount in minor units = quantity × num / den, rounded; quantity in 1e-9 kWh (energy), ms (time, idle) or 1 (flat). */
  readonly num: number;
  readonly den: number;
  /** The billing step in 1e-9 kWh or ms; 0 for none. */
  readonly step: number;
  readonly test: Test;
}

/** A set of taxes charged together; each tax is the group's amount × p / q. */
export interface TaxGroup {
  readonly rules: readonly TaxRule[];
  readonly p: readonly number[];
  readonly q: readonly number[];
  /** The reference computes tax r exactly when the amount is a multiple of m[r] (0: maybe never); elsewhere a half-way tax bails. */
  readonly m: readonly number[];
  /** How the receipt merges taxes (name, rate, method, source). */
  readonly keys: readonly string[];
}

/** The taxes in force over a stretch of local dates. */
export interface TaxPeriod {
  readonly covered: boolean;
  /** Index into `groups` per component. */
  readonly group: Readonly<Record<TaxedComponent, number>>;
  readonly groups: readonly TaxGroup[];
  readonly excises: readonly { readonly rule: TaxRule; readonly num: number; readonly den: number }[];
}

export interface FastPlan {
  readonly ct: CompiledTariff;
  readonly zone: RunZone;
  readonly digits: number;
  readonly inclusive: boolean;
  readonly rates: Readonly<Record<Dimension, readonly FastRate[]>>;
  /** Whether any condition reads local time. */
  readonly local: boolean;
  readonly edges: readonly number[];
  /** Energy thresholds (1e-9 kWh), session- and idle-minute thresholds (ms), ascending. */
  readonly energyCuts: readonly number[];
  readonly sessionCuts: readonly number[];
  readonly idleCuts: readonly number[];
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** First local day of each tax period (the first is -Infinity). */
  readonly taxStarts: readonly number[];
  readonly taxPeriods: readonly TaxPeriod[];
  readonly cash: { readonly inc: number; readonly mode: RoundingMode } | undefined;
}

const PLAN = Symbol("fastPlan");

/** The fast plan `compileTariff` attached, if the fast path takes the tariff. */
export function planOf(ct: CompiledTariff): FastPlan | undefined {
  return (ct as { [PLAN]?: FastPlan })[PLAN];
}

/** Attaches the fast plan to a compiled tariff (before it is frozen), as a property spreads do not copy. */
export function withFastPlan<T extends CompiledTariff>(ct: T): T {
  let plan: FastPlan | undefined;
  try {
    plan = makePlan(ct);
  } catch {
    plan = undefined; // something the fast path does not hold exactly: the reference prices it
  }
  return Object.defineProperty(ct, PLAN, { value: plan });
}

const M = 1_000_000n;
const ALWAYS: Test = () => true;

/** A decimal of the tariff in millionths; bails when it does not fit. */
function exactMicros(text: string): number {
  const u = micros(text);
  if (Number.isNaN(u)) bail();
  return u;
}

/** A threshold in millionths: too large to hold is beyond anything a session reaches. */
const threshold = (text: string | undefined, fallback: number) => (text === undefined ? fallback : micros(text) >= 0 ? micros(text) : Infinity);

/** Minutes as whole milliseconds (bails on a fraction of a millisecond). */
function minutesMs(text: string): number {
  const u = threshold(text, 0);
  if (u > 1e15) return Infinity;
  if ((u * 6) % 100 !== 0) bail();
  return (u * 6) / 100;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

/** p / q reduced, as safe numbers. */
function ratio(p: bigint, q: bigint): [number, number] {
  const g = gcd(p, q) || 1n;
  const a = Number(p / g);
  const b = Number(q / g);
  if (!(Math.abs(a) <= MAX && b <= MAX)) bail();
  return [a, b];
}

/** n without its factors 2 and 5: 1 when n/any power of ten terminates. */
function strip25(n: bigint): bigint {
  while (n % 2n === 0n) n /= 2n;
  while (n % 5n === 0n) n /= 5n;
  return n;
}

/**
 * Average power against a threshold (millionths of kW), exactly: P >= T ⟺ dE × 3600 >= T × dt (dE in
 * 1e-9 kWh, dt in ms). An exact tie bails unless the reference's power was exact too: no energy, or
 * dt a multiple of 9 ms, the only case where its hours = dt / 3,600,000 (2^7·3^2·5^5) terminates.
 */
function powerAtLeast(c: Ctx, t: number): boolean {
  if (t === Infinity) return false;
  const s = cmpProducts(c.dE, 3600, t, c.dt);
  if (s === 0 && c.dE !== 0 && c.dt % 9 !== 0) bail();
  return s >= 0;
}

/**
 * A rate's conditions as one predicate. Each kind of condition is its own closure literal, reading
 * its own field, so the engine keeps each one monomorphic whatever tariffs a process prices.
 */
function conditionTest(w: Conditions | undefined): Test {
  if (!w) return ALWAYS;
  const tests: Test[] = [];
  if (w.days) {
    const mask = w.days.reduce((m, d) => m | (1 << DAY_NAMES.indexOf(d)), 0);
    tests.push((c) => ((mask >> c.wd) & 1) === 1);
  }
  if (w.timeOfDay) {
    const from = msOfDayOf(w.timeOfDay.from);
    const to = msOfDayOf(w.timeOfDay.to);
    tests.push(to < from ? (c) => c.ms >= from || c.ms < to : (c) => c.ms >= from && c.ms < to);
  }
  if (w.dates) {
    const from = w.dates.from === undefined ? -Infinity : dayNumber(w.dates.from);
    const to = w.dates.to === undefined ? Infinity : dayNumber(w.dates.to);
    if (Number.isNaN(from + to)) bail();
    tests.push((c) => c.day >= from && c.day < to);
  }
  if (w.energyKWh) {
    const min = threshold(w.energyKWh.min, -Infinity) * 1000;
    const max = threshold(w.energyKWh.max, Infinity) * 1000;
    tests.push((c) => c.e >= min && c.e < max);
  }
  if (w.powerKW) {
    const { min, max } = w.powerKW;
    const low = threshold(min, 0);
    const high = threshold(max, 0);
    tests.push((c) => (min === undefined || powerAtLeast(c, low)) && (max === undefined || !powerAtLeast(c, high)));
  }
  const minutes = (r: Range) => [r.min === undefined ? -Infinity : minutesMs(r.min), r.max === undefined ? Infinity : minutesMs(r.max)] as const;
  if (w.sessionMinutes) {
    const [min, max] = minutes(w.sessionMinutes);
    tests.push((c) => c.sm >= min && c.sm < max);
  }
  if (w.idleMinutes) {
    const [min, max] = minutes(w.idleMinutes);
    tests.push((c) => c.im >= min && c.im < max);
  }
  if (tests.length <= 1) return tests[0] ?? ALWAYS;
  const [a, b] = tests as [Test, Test];
  if (tests.length === 2) return (c) => a(c) && b(c);
  return (c) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(c)) return false;
    return true;
  };
}

function makePlan(ct: CompiledTariff): FastPlan | undefined {
  const zone = ct.zone as RunZone;
  if (ct.rounding !== "halfAwayFromZero" || typeof zone.runs !== "function") return undefined;
  const digits = ct.currency.settlementDigits;
  const scale = 10n ** BigInt(digits);
  const inclusive = ct.pricesInclude === "tax";
  // Amount = quantity × price × 10^digits / (quantity unit × 10^6).
  const units: Record<Dimension, bigint> = { energy: 1_000_000_000n * M, time: 3_600_000n * M, idle: 3_600_000n * M, flat: M };
  const rates = {} as Record<Dimension, FastRate[]>;
  for (const dimension of ["energy", "time", "idle", "flat"] as const) {
    rates[dimension] = ct.rates[dimension].map((r) => {
      const source = ct.tariff[dimension][r.index]!;
      const [num, den] = ratio(BigInt(exactMicros(r.priceText)) * scale, units[dimension]);
      let step = 0;
      if (source.step !== undefined) {
        const u = exactMicros(source.step);
        // Energy steps in 1e-9 kWh; time steps are seconds, in whole ms only.
        step = dimension === "energy" ? u * 1000 : u % 1000 === 0 ? u / 1000 : NaN;
        if (!(step > 0 && step <= MAX)) bail();
      }
      return { pointer: r.pointer, priceText: r.priceText, num, den, step, test: conditionTest(source.when) };
    });
  }
  const exactLimit = (d: { toFixed(): string } | undefined) => (d === undefined ? undefined : roundDiv(...ratio(BigInt(exactMicros(d.toFixed())) * scale, M)));
  const cr = ct.market.cashRounding;
  let cash: FastPlan["cash"];
  if (cr) {
    const [inc, one] = ratio(BigInt(exactMicros(cr.increment)) * scale, M);
    if (one !== 1 || inc <= 0) bail();
    cash = { inc, mode: cr.mode };
  }
  const { taxStarts, taxPeriods } = taxPlan(ct, scale, inclusive);
  return {
    ct,
    zone,
    digits,
    inclusive,
    rates,
    local: ct.localEdges.length > 0,
    edges: [...ct.localEdges], // a plain copy: frozen arrays are slower to walk
    energyCuts: ct.energyThresholds.map((k) => threshold(k.toFixed(), 0) * 1000),
    sessionCuts: ct.sessionMinuteThresholds.map((m) => minutesMs(m.toFixed())),
    idleCuts: ct.idleMinuteThresholds.map((m) => minutesMs(m.toFixed())),
    min: exactLimit(ct.minPrice),
    max: exactLimit(ct.maxPrice),
    taxStarts,
    taxPeriods,
    cash,
  };
}

/** The tax periods: between two consecutive validFrom/validTo dates of the market's rules, the same rules are in force. */
function taxPlan(ct: CompiledTariff, scale: bigint, inclusive: boolean): { taxStarts: number[]; taxPeriods: TaxPeriod[] } {
  const market = ct.market;
  const bounds = new Set<number>();
  for (const t of market.taxes) {
    bounds.add(dayNumber(t.validFrom));
    if (t.validTo !== null) bounds.add(dayNumber(t.validTo));
  }
  const starts = [...bounds].sort((a, b) => a - b);
  if (starts.some(Number.isNaN)) bail();
  const taxStarts = [-Infinity, ...starts];
  const taxPeriods = taxStarts.map((from, i) => {
    // Rules compare "YYYY-MM-DD" strings; any date of the period stands for all of it.
    const date = new Date((i === 0 ? (starts[0] ?? 0) - 1 : from) * 86_400_000).toISOString().slice(0, 10);
    const groups: TaxGroup[] = [];
    const byKey = new Map<string, number>();
    const group = {} as Record<TaxedComponent, number>;
    for (const component of TAXED_COMPONENTS) {
      const rules = taxesFor(market, component, date);
      const key = taxKey(rules);
      let index = byKey.get(key);
      if (index === undefined) {
        index = groups.push(taxGroup(rules, inclusive)) - 1;
        byKey.set(key, index);
      }
      group[component] = index;
    }
    const excises = excisesFor(market, date).map((rule) => {
      const [num, den] = ratio(BigInt(exactMicros(rule.perKWh!)) * scale, 1_000_000_000n * M);
      return { rule, num, den };
    });
    return { covered: ct.tariff.taxes !== undefined || marketCoversDate(market, date), group, groups, excises };
  });
  return { taxStarts, taxPeriods };
}

/**
 * Each tax of a group as the group's amount G × p / q (minor units), from the reference's formulas
 * with F = (1 + added)(1 + compound) / (1 − inside): with inclusive prices net = G / F, gross = G;
 * otherwise net = G, gross = G × F; inside: gross × r; compound: net × (1 + added) × r; added: net × r.
 */
function taxGroup(rules: readonly TaxRule[], inclusive: boolean): TaxGroup {
  const rate = (r: TaxRule) => BigInt(exactMicros(r.rate ?? "0"));
  const sum = (method: string) => rules.filter((r) => (r.method ?? "added") === method).reduce((a, r) => a + rate(r), 0n);
  const added = sum("added");
  const inside = sum("inside");
  if (inside >= M) bail();
  // F = fn / fd
  const fn = (M + added) * (M + sum("compound"));
  const fd = M * (M - inside);
  const g = gcd(fn, fd);
  const fTerminates = strip25(fd / g) === 1n;
  const netTerminatesFor = strip25(fn / g);
  const p: number[] = [];
  const q: number[] = [];
  const m: number[] = [];
  for (const rule of rules) {
    const r = rate(rule);
    const method = rule.method ?? "added";
    let pq: [bigint, bigint];
    let exactWhen: bigint;
    if (method === "inside") {
      pq = inclusive ? [r, M] : [fn * r, fd * M];
      exactWhen = inclusive || fTerminates ? 1n : 0n;
    } else {
      const onNet = method === "compound" ? [(M + added) * r, M * M] : [r, M];
      pq = inclusive ? [fd * onNet[0]!, fn * onNet[1]!] : [onNet[0]!, onNet[1]!];
      exactWhen = !inclusive ? 1n : fTerminates ? netTerminatesFor : 0n;
    }
    const [a, b] = ratio(pq[0], pq[1]);
    p.push(a);
    q.push(b);
    m.push(exactWhen <= BigInt(MAX) ? Number(exactWhen) : 0);
  }
  return { rules, p, q, m, keys: rules.map((t) => taxKey([t])) };
}
