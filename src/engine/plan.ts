/**
 * The engine's form of a compiled tariff, built once per tariff: prices as exact ratios of minor
 * units per quantity unit, conditions as predicates over exact values, tax rules as exact ratios per
 * period of local dates. Every tariff `parseTariff` accepts has a plan: nothing here is approximate.
 */
import type { CompiledRate, CompiledTariff } from "../compile/compile.js";
import { msOfDayOf } from "../compile/conditions.js";
import { TAXED_COMPONENTS, type TaxedComponent, type TaxRule } from "../markets/types.js";
import { DAY_NAMES } from "../schema/tariff.js";
import type { Conditions, Dimension, Range } from "../schema/types.js";
import { excisesFor, marketCoversDate, taxesFor, taxKey } from "../tax/rules.js";
import { dayNumber } from "./numbers.js";
import { cmpProducts, decimalQ, frac, icmp, igcd, imul, isub, iadd, microsOf, narrow, qcmp, qmul, type Int, type Q } from "./exact.js";
import type { RunZone } from "./zone-runs.js";

/** What conditions see at the start of a slice. */
export interface Ctx {
  /** Local day (days since 1970-01-01), day of week (0 = Sunday), ms since local midnight. */
  day: number;
  wd: number;
  ms: number;
  /** Energy delivered so far, 1e-6 kWh. */
  e: Q;
  /** Average power over the slice as energy (1e-6 kWh) over time (ms); idle: 0 over 1. */
  dE: Q;
  dt: Q;
  /** Ms since the session started, and since the idle interval the slice is in started (0 while charging). */
  sm: Q;
  im: Q;
}

export type Test = (c: Ctx) => boolean;

/** Units of a rate's quantity: 1e-6 kWh (energy), ms (time, idle), one session (flat). */
export interface PlanRate {
  readonly compiled: CompiledRate;
  readonly pointer: string;
  readonly priceText: string;
  /** Price in millionths of the currency per kWh, per hour or per session. */
  readonly priceMicro: Int;
  /** amount in minor units = quantity × num / den, exactly, before rounding. */
  readonly num: Int;
  readonly den: Int;
  /** The billing step in the quantity's unit; 0 for none. */
  readonly step: Q;
  readonly test: Test;
}

/** A set of taxes charged together; each tax is the group's amount × p / q, exactly. */
export interface TaxGroup {
  readonly rules: readonly TaxRule[];
  readonly key: string;
  readonly p: readonly Int[];
  readonly q: readonly Int[];
  /** How the receipt merges taxes (name, rate, method, source). */
  readonly keys: readonly string[];
}

/** The taxes in force over a stretch of local dates. */
export interface TaxPeriod {
  readonly covered: boolean;
  readonly group: Readonly<Record<TaxedComponent, TaxGroup>>;
  readonly excises: readonly { readonly rule: TaxRule; readonly micro: Int }[];
}

export interface Plan {
  readonly ct: CompiledTariff;
  readonly zone: RunZone;
  readonly digits: number;
  /** 10^digits. */
  readonly scale: Int;
  readonly inclusive: boolean;
  readonly rates: Readonly<Record<Dimension, readonly PlanRate[]>>;
  /** Whether a dimension's choice can change at any cut: some rate reads power, or has an adapter's extra test. */
  readonly anyCut: Readonly<Record<Dimension, boolean>>;
  /** Whether any condition reads local time. */
  readonly local: boolean;
  readonly edges: readonly number[];
  /** Energy thresholds (1e-6 kWh), session- and idle-minute thresholds (ms), ascending. */
  readonly energyCuts: readonly Int[];
  readonly sessionCuts: readonly Q[];
  readonly idleCuts: readonly Q[];
  /** min/max price in millionths of the currency. */
  readonly minMicro: Int | undefined;
  readonly maxMicro: Int | undefined;
  /** The market's cash-rounding increment in minor units (undefined: none). */
  readonly cashIncrement: Q | undefined;
  /** First local day of each tax period (the first is -Infinity). */
  readonly taxStarts: readonly number[];
  readonly taxPeriods: readonly TaxPeriod[];
}

const M = 1_000_000;
const ALWAYS: Test = () => true;

/** A decimal of the tariff (at most 6 decimals, as the schema allows) in millionths. */
function micro(text: string): Int {
  const u = microsOf(text);
  if (u === undefined) throw new RangeError(`not a decimal with at most 6 decimals: ${text}`);
  return u;
}

/** Minutes (millionths) as milliseconds: × 60,000 / 10^6. */
const minutesMs = (text: string): Q => frac(imul(micro(text), 3), 50);

/** p / q reduced (q > 0). */
function ratio(p: Int, q: Int): [Int, Int] {
  const g = igcd(p, q);
  if (g === 1 || g === 0) return [p, q];
  return [narrow(BigInt(p) / BigInt(g)), narrow(BigInt(q) / BigInt(g))];
}

/** Average power against a threshold (millionths of kW): P >= T ⟺ dE × 3,600,000 >= T × dt. */
const powerAtLeast = (c: Ctx, t: Int) => cmpProducts(c.dE, 3_600_000, t, c.dt) >= 0;

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
    tests.push((c) => c.day >= from && c.day < to);
  }
  if (w.energyKWh) {
    const { min, max } = w.energyKWh;
    const lo = min === undefined ? undefined : micro(min);
    const hi = max === undefined ? undefined : micro(max);
    tests.push((c) => (lo === undefined || qcmp(c.e, lo) >= 0) && (hi === undefined || qcmp(c.e, hi) < 0));
  }
  if (w.powerKW) {
    const { min, max } = w.powerKW;
    const lo = min === undefined ? undefined : micro(min);
    const hi = max === undefined ? undefined : micro(max);
    tests.push((c) => (lo === undefined || powerAtLeast(c, lo)) && (hi === undefined || !powerAtLeast(c, hi)));
  }
  const minutes = (r: Range) => [r.min === undefined ? undefined : minutesMs(r.min), r.max === undefined ? undefined : minutesMs(r.max)] as const;
  if (w.sessionMinutes) {
    const [lo, hi] = minutes(w.sessionMinutes);
    tests.push((c) => (lo === undefined || qcmp(c.sm, lo) >= 0) && (hi === undefined || qcmp(c.sm, hi) < 0));
  }
  if (w.idleMinutes) {
    const [lo, hi] = minutes(w.idleMinutes);
    tests.push((c) => (lo === undefined || qcmp(c.im, lo) >= 0) && (hi === undefined || qcmp(c.im, hi) < 0));
  }
  if (tests.length <= 1) return tests[0] ?? ALWAYS;
  const [a, b] = tests as [Test, Test];
  if (tests.length === 2) return (c) => a(c) && b(c);
  return (c) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(c)) return false;
    return true;
  };
}

export const PLAN = Symbol("ev-tariff.plan");

/** The plan of a compiled tariff (made by `withPlan` when it was compiled: `compiledFor` gives no other). */
export const planOf = (ct: CompiledTariff): Plan => (ct as unknown as { [PLAN]: Plan })[PLAN];

/**
 * Attaches the plan to a compiled tariff (before it is frozen), as a property that spreads do not
 * copy. `extra` gives a rate a test beyond its `when` (an adapter's: OCPI restrictions that read the
 * charge record, src/interop/ocpi/cdr.ts).
 */
export function withPlan<T extends CompiledTariff>(ct: T, extra?: (rate: CompiledRate) => Test | undefined): T {
  return Object.defineProperty(ct, PLAN, { value: makePlan(ct, extra) });
}

function makePlan(ct: CompiledTariff, extra?: (rate: CompiledRate) => Test | undefined): Plan {
  const digits = ct.currency.settlementDigits;
  const scale = narrow(10n ** BigInt(digits));
  const inclusive = ct.pricesInclude === "tax";
  // Amount = quantity × price × 10^digits / (quantity units per price unit × 10^6).
  const units: Record<Dimension, Int> = { energy: M * M, time: 3_600_000 * M, idle: 3_600_000 * M, flat: M };
  const rates = {} as Record<Dimension, PlanRate[]>;
  const anyCut = {} as Record<Dimension, boolean>;
  for (const dimension of ["energy", "time", "idle", "flat"] as const) {
    anyCut[dimension] = false;
    rates[dimension] = ct.rates[dimension].map((r) => {
      const source = ct.tariff[dimension][r.index]!;
      const priceMicro = micro(r.priceText);
      const [num, den] = ratio(imul(priceMicro, scale), units[dimension]);
      // Energy steps in 1e-6 kWh; time and idle steps are seconds, here in ms.
      const step: Q = source.step === undefined ? 0 : dimension === "energy" ? micro(source.step) : frac(micro(source.step), 1000);
      const base = conditionTest(source.when);
      const more = extra?.(r);
      if (more || source.when?.powerKW) anyCut[dimension] = true;
      const test: Test = more ? (c) => base(c) && more(c) : base;
      return { compiled: r, pointer: r.pointer, priceText: r.priceText, priceMicro, num, den, step, test };
    });
  }
  const { taxStarts, taxPeriods } = taxPlan(ct, inclusive);
  const zone = ct.zone as RunZone;
  return {
    ct,
    zone,
    digits,
    scale,
    inclusive,
    rates,
    anyCut,
    local: ct.localEdges.length > 0,
    edges: [...ct.localEdges],
    energyCuts: ct.energyThresholds.map((k) => micro(k.toFixed())),
    sessionCuts: ct.sessionMinuteThresholds.map((m) => minutesMs(m.toFixed())),
    idleCuts: ct.idleMinuteThresholds.map((m) => minutesMs(m.toFixed())),
    minMicro: ct.minPrice === undefined ? undefined : micro(ct.minPrice.toFixed()),
    maxMicro: ct.maxPrice === undefined ? undefined : micro(ct.maxPrice.toFixed()),
    cashIncrement: ct.market.cashRounding ? qmul(decimalQ(ct.market.cashRounding.increment)!, scale) : undefined,
    taxStarts,
    taxPeriods,
  };
}

/** The tax periods: between two consecutive validFrom/validTo dates of the market's rules, the same rules are in force. */
function taxPlan(ct: CompiledTariff, inclusive: boolean): { taxStarts: number[]; taxPeriods: TaxPeriod[] } {
  const market = ct.market;
  const bounds = new Set<number>();
  for (const t of market.taxes) {
    bounds.add(dayNumber(t.validFrom));
    if (t.validTo !== null) bounds.add(dayNumber(t.validTo));
  }
  const starts = [...bounds].filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  const taxStarts = [-Infinity, ...starts];
  const taxPeriods = taxStarts.map((from, i) => {
    // Rules compare "YYYY-MM-DD" strings; any date of the period stands for all of it.
    const date = dateText(i === 0 ? (starts[0] ?? 0) - 1 : from);
    const byKey = new Map<string, TaxGroup>();
    const group = {} as Record<TaxedComponent, TaxGroup>;
    for (const component of TAXED_COMPONENTS) {
      const rules = taxesFor(market, component, date);
      const key = taxKey(rules);
      let g = byKey.get(key);
      if (g === undefined) {
        g = taxGroup(rules, key, inclusive);
        byKey.set(key, g);
      }
      group[component] = g;
    }
    const excises = excisesFor(market, date).map((rule) => ({ rule, micro: micro(rule.perKWh!) }));
    return { covered: ct.tariff.taxes !== undefined || marketCoversDate(market, date), group, excises };
  });
  return { taxStarts, taxPeriods };
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01; years 0-9999). */
export function dateText(day: number): string {
  const iso = new Date(day * 86_400_000).toISOString();
  return iso.length === 24 ? iso.slice(0, 10) : new Date(Math.max(day, -719_528) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Each tax of a group as the group's amount G × p / q (minor units), exactly, with
 * F = (1 + added)(1 + compound) / (1 − inside): with inclusive prices net = G / F, gross = G;
 * otherwise net = G, gross = G × F; inside: gross × r; compound: net × (1 + added) × r; added: net × r.
 */
function taxGroup(rules: readonly TaxRule[], key: string, inclusive: boolean): TaxGroup {
  const rate = (r: TaxRule) => micro(r.rate ?? "0");
  const sum = (method: string) => rules.filter((r) => (r.method ?? "added") === method).reduce<Int>((a, r) => iadd(a, rate(r)), 0);
  const added = sum("added");
  const inside = sum("inside");
  // F = fn / fd
  const fn = imul(iadd(M, added), iadd(M, sum("compound")));
  const fd = imul(M, isub(M, inside));
  const p: Int[] = [];
  const q: Int[] = [];
  for (const rule of rules) {
    const r = rate(rule);
    const method = rule.method ?? "added";
    let pq: [Int, Int];
    if (method === "inside") pq = inclusive ? [r, M] : [imul(fn, r), imul(fd, M)];
    else {
      const onNet: [Int, Int] = method === "compound" ? [imul(iadd(M, added), r), M * M] : [r, M];
      pq = inclusive ? [imul(fd, onNet[0]), imul(fn, onNet[1])] : onNet;
    }
    const [a, b] = icmp(pq[1], 0) < 0 ? ratio(isub(0, pq[0]), isub(0, pq[1])) : ratio(pq[0], pq[1]);
    p.push(a);
    q.push(b);
  }
  return { rules, key, p, q, keys: rules.map((t) => taxKey([t])) };
}
