import { compileChecked, type CompiledRate, type CompiledTariff } from "../../compile/compile.js";
import { contextOf, decOf as qDec } from "../../engine/context.js";
import { frac, imul, narrow, type Int, pow10, qscale, qadd, qcmp, qdiv, qmul, qround, qsign, qsub, qText, scaledText, type Q } from "../../engine/exact.js";
import { planOf, withPlan } from "../../engine/plan.js";
import { runEngine, type EngineLine, type Profile } from "../../engine/price.js";
import type { Check, ConditionContext } from "../../compile/conditions.js";
import { alpha2Of, isCountryCode } from "../../markets/iso3166.js";
import { resolveMarket } from "../../markets/index.js";
import { Dec, MS_PER_MINUTE, ZERO } from "../../money/decimal.js";
import type { IdleInterval } from "../../price/types.js";
import { TariffError } from "../../schema/errors.js";
import type { Conditions, Dimension, Tariff } from "../../schema/types.js";
import { formatInstant, parseInstant } from "../../time/instants.js";
import { isTimeZone } from "../../time/zones.js";
import { decOf, DocumentError, fewDecimals, Notes, plain, POW10, roundTo, shortText, type Warning } from "../common.js";
import {
  detectCdrVersion,
  ocpiMs,
  type CdrTimes,
  readOcpiCdr,
  readOcpiTariff,
  utcInstant,
  type OcpiCdr,
  type OcpiPrice221,
  type OcpiPrice230,
  type OcpiTariff,
  type OcpiTaxAmount,
  type OcpiVersion,
} from "./model.js";
import { buildRates, type BuiltRates, type ElementSet, type ExtraRestrictions } from "./rates.js";

/** The cost totals of a CDR. */
export const COST_FIELDS = [
  "total_cost",
  "total_fixed_cost",
  "total_energy_cost",
  "total_time_cost",
  "total_parking_cost",
  "total_reservation_cost",
] as const;
export type CostField = (typeof COST_FIELDS)[number];
export const QUANTITY_FIELDS = ["total_energy", "total_time", "total_parking_time"] as const;
export type QuantityField = (typeof QUANTITY_FIELDS)[number];

/** A charge record priced with a tariff: the CDR's totals, as OCPI writes them (4 decimals). */
export interface CdrPricing {
  /** The OCPI version of the totals' form: 2.2.1 `{excl_vat, incl_vat}`, 2.3.0 `{before_taxes, taxes}`. */
  readonly version: OcpiVersion;
  readonly tariffId: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly totals: Readonly<Record<CostField, OcpiPrice221 | OcpiPrice230>>;
  readonly total_energy: number;
  readonly total_time: number;
  readonly total_parking_time: number;
  /** Set when min_price or max_price changed total_cost. */
  readonly limit?: "min_price" | "max_price";
  readonly warnings: readonly Warning[];
}

/** Options of `priceCdr`. */
export interface PriceCdrOptions {
  /** Zone of the tariff's local times when the CDR's location names none (default UTC). */
  readonly timeZone?: string;
  /** Read the tariff as this OCPI version (default: detected). */
  readonly tariffVersion?: OcpiVersion;
  /** Write the totals in this version's form (default: the CDR's own, else the tariff's). */
  readonly version?: OcpiVersion;
  /** The market the tariff compiles in (default: the location's country, else the tariff's). */
  readonly market?: string;
}

/** A CDR total the computation disagrees with, at 4 decimals. */
export interface CdrMismatch {
  /** e.g. "total_cost.excl_vat" or "total_energy". */
  readonly field: string;
  readonly cdr: string;
  readonly computed: string;
}

const KNOWN_DIMENSIONS = new Set([
  "CURRENT",
  "ENERGY",
  "ENERGY_EXPORT",
  "ENERGY_IMPORT",
  "MAX_CURRENT",
  "MIN_CURRENT",
  "MAX_POWER",
  "MIN_POWER",
  "PARKING_TIME",
  "POWER",
  "RESERVATION_TIME",
  "STATE_OF_CHARGE",
  "TIME",
]);

interface Period {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly kind: "reservation" | "charging" | "idle";
  /** ENERGY in 1e-6 kWh, exactly. */
  readonly energy: Q;
  /** The volumes of current and power (by CdrDimensionType, those of one type added), exactly. */
  readonly dims: ReadonlyMap<string, Q>;
}

/** The dims of a period with no current or power. */
const NO_DIMS: ReadonlyMap<string, Q> = new Map();

const MS_PER_HOUR = 3_600_000;
/** Tolerance between a time volume and its period's length: OCPI numbers have 4 decimals (0.0001 h = 360 ms). */
const TOLERANCE_MS = 360;

/** UTC ms of an OCPI DateTime the reader accepted. */
const msOf = (text: string): number => {
  const ms = ocpiMs(text);
  return ms === ms ? ms : parseInstant(utcInstant(text));
};

/**
 * The exact value of a JSON number as written (its shortest round-trip text, at most 15 significant
 * digits as the reader checked), as a Q: "0.167" is 167/1000, "1.5e-7" is 15/10^8.
 */
export function exactQ(n: number): Q {
  if (Number.isSafeInteger(n)) return n + 0;
  const k = fewDecimals(n);
  if (k > 0) return frac(Math.round(n * POW10[k]!), POW10[k]!);
  const s = String(n);
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const int = digits.length <= 15 ? Number(digits) : narrow(BigInt(digits));
  const scale = (dot < 0 ? 0 : mantissa.length - dot - 1) - (e < 0 ? 0 : Number(s.slice(e + 1)));
  return scale >= 0 ? frac(int, pow10(scale)) : imul(int, pow10(-scale));
}

/** A JSON number of 1e-4 units (OCPI numbers have 4 decimals). */
const number4 = (r: Int): number => (typeof r === "number" ? r / 10_000 : Number(scaledText(r, 4)));

/** A Q rounded half away from zero to 4 decimals, as a JSON number (OCPI numbers have 4 decimals). */
const ocpiNumber = (q: Q): number => number4(qround(qmul(q, 10_000), "halfAwayFromZero"));

/** Whether a time volume (h) and a period's length (ms >= 0) differ by more than 0.0001 h (360 ms), exactly. */
export function offHours(v: Q, ms: number): boolean {
  // v = n / d: |n × 3,600,000 − ms × d| > 360 × d, in doubles while every value is a safe integer.
  const n = typeof v === "object" ? v.n : v;
  const d = typeof v === "object" ? v.d : 1;
  if (typeof n === "number" && typeof d === "number" && d <= 1e6 && n <= 1e9 && n >= -1e9 && ms <= 4e9) {
    const off = n * MS_PER_HOUR - ms * d;
    return off > TOLERANCE_MS * d || off < -TOLERANCE_MS * d;
  }
  const off = qsub(qmul(v, MS_PER_HOUR), ms);
  return qcmp(off, TOLERANCE_MS) > 0 || qcmp(off, -TOLERANCE_MS) < 0;
}

/** A length (ms >= 0) in hours, rounded half up to 4 decimals, as qText prints it ("0.1667"). */
export function hours4(ms: number): string {
  if (!Number.isSafeInteger(ms)) return qText(frac(ms, MS_PER_HOUR), 4);
  const rem = ms % TOLERANCE_MS;
  return scaledText((ms - rem) / TOLERANCE_MS + (2 * rem >= TOLERANCE_MS ? 1 : 0), 4);
}

/** An instant as formatInstant prints it: the record's own text when it is already so ("…:SSZ", read as `ms`). */
const shown = (text: string, ms: number): string => (text.length === 20 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 90 ? text : formatInstant(ms));

function readPeriods(cdr: OcpiCdr, notes: Notes, times: CdrTimes): Period[] {
  // (the instants as the reader's fast path read them, else read here)
  const read = times.periods.length === cdr.charging_periods.length;
  const end = read ? times.end : msOf(cdr.end_date_time);
  const start = read ? times.start : msOf(cdr.start_date_time);
  if (end < start) notes.error("/end_date_time", "is before start_date_time");
  const periods: Period[] = [];
  const list = cdr.charging_periods;
  const startOf = (i: number): number => (read ? times.periods[i]! : msOf(list[i]!.start_date_time));
  let from = list.length ? startOf(0) : end;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const at = (): string => `/charging_periods/${i}`;
    const next = list[i + 1];
    const to = next ? startOf(i + 1) : end;
    if (from < start) notes.error(`${at()}/start_date_time`, "is before the CDR's start_date_time");
    if (to < from) notes.error(next ? `/charging_periods/${i + 1}/start_date_time` : "/end_date_time", "is before the previous period's start: periods must be in time order");
    // The volumes by type: the four pricing reads, and the others (current, power) in a map.
    let energyKWh: Q | undefined;
    let time: Q | undefined;
    let parking: Q | undefined;
    let reservation: Q | undefined;
    let dims: Map<string, Q> | undefined;
    const ms = Math.max(0, to - from);
    const dimensions = p.dimensions;
    const volumes: Q[] = [];
    for (let j = 0; j < dimensions.length; j++) {
      const d = dimensions[j]!;
      if (!KNOWN_DIMENSIONS.has(d.type)) {
        notes.warn(`${at()}/dimensions/${j}/type`, `${d.type} is not a CdrDimensionType; ignored`);
        continue;
      }
      const type = d.type;
      const v = (volumes[j] = exactQ(d.volume));
      const before = type === "ENERGY" ? energyKWh : type === "TIME" ? time : type === "PARKING_TIME" ? parking : type === "RESERVATION_TIME" ? reservation : dims?.get(type);
      let sum = v;
      if (before !== undefined) {
        notes.warn(`${at()}/dimensions/${j}`, `a second ${type} in one period; the volumes are added`);
        sum = qadd(before, v);
      }
      if (type === "ENERGY") energyKWh = sum;
      else if (type === "TIME") time = sum;
      else if (type === "PARKING_TIME") parking = sum;
      else if (type === "RESERVATION_TIME") reservation = sum;
      else (dims ??= new Map()).set(type, sum);
    }
    energyKWh ??= 0;
    if (qsign(energyKWh) < 0) notes.error(`${at()}/dimensions`, "has negative ENERGY (energy fed back), which pricing does not support");
    for (let j = 0; j < dimensions.length; j++) {
      const d = dimensions[j]!;
      // (given once: the path names the period and the dimension)
      if ((d.type === "TIME" || d.type === "PARKING_TIME" || d.type === "RESERVATION_TIME") && offHours(volumes[j]!, ms))
        notes.warnOnce(
          `${at()}/dimensions/${j}/volume`,
          `${d.type} ${d.volume} h, but the period lasts ${hours4(ms)} h (${shown(p.start_date_time, from)} to ${shown(next ? next.start_date_time : cdr.end_date_time, to)}); priced by the timestamps (OCPI: "A period ends when the next period starts")`,
        );
    }
    // (1e-6 kWh: whole, without a gcd, for at most 6 decimals)
    const energy = typeof energyKWh === "object" && typeof energyKWh.d === "number" && 1_000_000 % energyKWh.d === 0 ? imul(energyKWh.n, 1_000_000 / energyKWh.d) : qmul(energyKWh, 1_000_000);
    const noEnergy = qsign(energy) === 0;
    let kind: Period["kind"] = "charging";
    if (reservation !== undefined) kind = "reservation";
    else if (parking !== undefined && time === undefined && noEnergy) kind = "idle";
    else if (parking !== undefined) notes.warn(`${at()}/dimensions`, "has PARKING_TIME with TIME or ENERGY; the period is priced as charging");
    if (to === from && !noEnergy) notes.error(`${at()}/dimensions`, "has energy in a period that lasts no time");
    periods.push({ index: i, from, to, kind, energy, dims: dims ?? NO_DIMS });
    from = to;
  }
  let sessionSeen = false;
  for (const p of periods) {
    if (p.kind !== "reservation") sessionSeen = true;
    else if (sessionSeen) notes.error(`/charging_periods/${p.index}`, "is a reservation period after the session started; reservations come first");
  }
  return periods;
}

/** The text of an energy in 1e-6 kWh (the engine's receipt, which pricing a CDR does not read, prints it). */
const kWhText = (q: Q): string => (typeof q === "object" ? qText(qdiv(q, 1_000_000), 12) : scaledText(q, 6));

/**
 * The session part of a CDR as the engine's profile (instants in ms, energy in 1e-6 kWh, exactly):
 * idle intervals from PARKING_TIME periods. Points strictly in time order, energy never decreasing,
 * idle intervals in order inside the session, by construction from periods that readPeriods accepted.
 */
function profileOf(periods: readonly Period[], end: number): Profile {
  const start = periods[0]!.from;
  const charging = periods.filter((p) => p.kind === "charging" && p.to > p.from);
  const chargingEnd = charging.length ? charging[charging.length - 1]!.to : start;
  const idle: IdleInterval[] = [];
  for (const p of periods) {
    if (p.kind !== "idle" || p.to <= p.from) continue;
    const last = idle[idle.length - 1];
    if (last && last.to === p.from) idle[idle.length - 1] = { from: last.from, to: p.to };
    else idle.push({ from: p.from, to: p.to });
  }
  const at = [start];
  const e: Q[] = [0];
  let kWh: Q = 0;
  for (const p of periods) {
    if (p.to <= p.from || p.to > chargingEnd) continue;
    if (p.kind === "charging") kWh = qadd(kWh, p.energy);
    at.push(p.to);
    e.push(kWh);
  }
  return { start, chargingEnd, end, total: kWh, totalText: kWhText(kWh), at, e, idle };
}

/** Checks for current and power restrictions, read from the period's own dimensions. */
function extraChecks(extra: ExtraRestrictions, periodAt: (ctx: ConditionContext) => Period | undefined, warn: Notes["warn"], at: string): Check[] {
  const checks: Check[] = [];
  const dim = (ctx: ConditionContext, ...types: string[]) => {
    const p = periodAt(ctx);
    for (const t of types) {
      const v = p?.dims.get(t);
      if (v !== undefined) return qDec(v);
    }
    return undefined;
  };
  const add = (name: string, describe: string, value: (ctx: ConditionContext) => Dec | undefined, test: (v: Dec) => boolean, key: string) =>
    checks.push({
      name: name as keyof Conditions,
      describe,
      holds: (ctx) => {
        const v = value(ctx);
        if (v === undefined) {
          const p = periodAt(ctx);
          warn(`${at}/${key}`, `charging period ${p?.index ?? "?"} gives no current: the restriction is taken to hold`);
          return true;
        }
        return test(v);
      },
      observed: (ctx) => `${name} was ${value(ctx)?.toFixed() ?? "unknown"}`,
    });
  const power = (ctx: ConditionContext, t: string) => dim(ctx, t, "POWER") ?? ctx.powerKW;
  if (extra.minCurrent) add("current", `current >= ${extra.minCurrent.toFixed()} A`, (c) => dim(c, "MIN_CURRENT", "CURRENT"), (v) => v.gte(extra.minCurrent!), "min_current");
  if (extra.maxCurrent) add("current", `current < ${extra.maxCurrent.toFixed()} A`, (c) => dim(c, "MAX_CURRENT", "CURRENT"), (v) => v.lt(extra.maxCurrent!), "max_current");
  if (extra.minPower) add("powerKW", `power >= ${extra.minPower.toFixed()} kW`, (c) => power(c, "MIN_POWER"), (v) => v.gte(extra.minPower!), "min_power");
  if (extra.maxPower) add("powerKW", `power < ${extra.maxPower.toFixed()} kW`, (c) => power(c, "MAX_POWER"), (v) => v.lt(extra.maxPower!), "max_power");
  return checks;
}

/**
 * What the extra checks read from the charge record being priced: set by `priceCdr` before each
 * pricing run of a compiled element set (pricing is synchronous, one record at a time).
 */
interface CdrScope {
  periods: readonly Period[];
  start: number;
  notes: Notes;
}

/** One element set of a tariff, compiled for one market and zone, with the extra checks for current and power. */
interface CompiledSet {
  readonly built: BuiltRates;
  readonly ct: CompiledTariff;
  readonly scope: CdrScope;
  /** Each rate's price and VAT, exactly (the rates' order, by dimension). */
  readonly money: Record<Dimension, RateMoney[]>;
}

/** A rate's price and VAT as the totals read them, exactly. */
interface RateMoney {
  /** Per kWh, per hour or per session. */
  readonly price: Q;
  readonly vat?: Vat;
}

/** A VAT percentage: its text (the key of a 2.3.0 total's taxes), as a JSON number, and 1 + vat/100. */
interface Vat {
  readonly key: string;
  readonly percentage: number;
  readonly factor: Q;
}

/** The exact prices and VATs of a set's rates. */
function moneyOf(built: BuiltRates): Record<Dimension, RateMoney[]> {
  const q = (d: Dec): Q => exactQ(Number(plain(d)));
  const out = {} as Record<Dimension, RateMoney[]>;
  for (const d of ["energy", "time", "idle", "flat"] as const)
    out[d] = built.origins[d].map((o) => {
      if (o.vat === undefined) return { price: q(o.price) };
      const key = plain(o.vat);
      return { price: q(o.price), vat: { key, percentage: Number(key), factor: qadd(1, qdiv(q(o.vat), 100)) } };
    });
  return out;
}

/** Compiles the rates of one element set, with the extra checks for current and power read from `scope`. */
function compileRates(built: BuiltRates, base: { market: string; currency: string; zone: string }, scope: CdrScope): CompiledTariff {
  const tariff: Tariff = {
    version: 1,
    id: "ocpi",
    market: base.market,
    currency: base.currency,
    timeZone: base.zone,
    pricesInclude: "none",
    energy: built.rates.energy,
    time: built.rates.time,
    idle: built.rates.idle,
    flat: built.rates.flat,
    taxes: [],
  };
  const ct = compileChecked(tariff);
  const periodAt = (ctx: ConditionContext): Period | undefined => {
    const t = ctx.sessionMinutes.times(MS_PER_MINUTE).plus(scope.start).plus(0.5).toNumber();
    let found: Period | undefined;
    for (const p of scope.periods) if (p.from <= t && p.to > p.from) found = p;
    return found;
  };
  const rates = {} as Record<Dimension, CompiledRate[]>;
  const extras = new Map<CompiledRate, Check[]>();
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    rates[d] = ct.rates[d].map((r, k) => {
      const extra = built.extras[d][k]!;
      const origin = built.origins[d][k]!;
      const at = `/elements/${origin.element}/restrictions`;
      const checks = extraChecks(extra, periodAt, (path, message) => scope.notes.warn(path, message), at);
      if (!checks.length) return r;
      const rate = { ...r, checks: [...r.checks, ...checks] };
      extras.set(rate, checks);
      return rate;
    });
  }
  // Planned once here, the extra checks part of each rate's test, for every record priced with this set.
  return Object.freeze(
    withPlan({ ...ct, rates }, (rate) => {
      const checks = extras.get(rate);
      return checks ? (c) => checks.every((check) => check.holds(contextOf(c))) : undefined;
    }),
  );
}

const COMPILED_OCPI = Symbol("ev-tariff.ocpiTariff");

/**
 * An OCPI tariff read and checked once, for pricing any number of charge records with `priceCdr`:
 * each element set is compiled once per market and zone the records ask for, and reused.
 */
export interface CompiledOcpiTariff {
  readonly [COMPILED_OCPI]: true;
  readonly tariff: OcpiTariff;
  readonly version: OcpiVersion;
  /** What reading the tariff warned about (every pricing repeats them). */
  readonly warnings: readonly Warning[];
  /** Compiled element sets by market, zone and set. */
  readonly sets: Map<string, CompiledSet & { readonly warnings: readonly Warning[] }>;
  /** Zone names records gave, and whether this runtime knows them. */
  readonly zones: Map<string, boolean>;
}

/** Whether `name` is a time zone this runtime knows, asked of Intl once per compiled tariff. */
function knownZone(compiled: CompiledOcpiTariff, name: string): boolean {
  let known = compiled.zones.get(name);
  if (known === undefined) {
    known = isTimeZone(name);
    if (compiled.zones.size < 1000) compiled.zones.set(name, known);
  }
  return known;
}

/**
 * Reads and checks an OCPI tariff once (throws `DocumentError` with every problem), for
 * `priceCdr(compiled, cdr)` on many charge records.
 *
 * @example
 * const tariff = compileOcpiTariff(tariffJson);
 * for (const cdr of cdrs) priceCdr(tariff, cdr);
 */
export function compileOcpiTariff(tariffDoc: unknown, options: { readonly tariffVersion?: OcpiVersion } = {}): CompiledOcpiTariff {
  const notes = new Notes("tariff");
  const parsed = readOcpiTariff(tariffDoc, notes, options.tariffVersion);
  notes.check("tariff");
  return { [COMPILED_OCPI]: true, tariff: parsed!.tariff, version: parsed!.version, warnings: notes.warnings, sets: new Map(), zones: new Map() };
}

const isCompiledOcpi = (t: unknown): t is CompiledOcpiTariff => typeof t === "object" && t !== null && COMPILED_OCPI in t;

/** An element set of `compiled` for a market and zone: compiled on first use, then reused. */
function compiledSet(compiled: CompiledOcpiTariff, set: ElementSet, base: { market: string; currency: string; zone: string }, notes: Notes): CompiledSet {
  const key = `${base.market}|${base.zone}|${set}`;
  let entry = compiled.sets.get(key);
  if (!entry) {
    const buildNotes = new Notes("tariff");
    const built = buildRates(compiled.tariff, buildNotes, "price", set);
    const scope: CdrScope = { periods: [], start: 0, notes: buildNotes };
    entry = { built, ct: compileRates(built, base, scope), scope, money: moneyOf(built), warnings: buildNotes.warnings.slice() };
    compiled.sets.set(key, entry);
  }
  for (const w of entry.warnings) notes.warn(w.path, w.message);
  return entry;
}

type Basis = "excluded" | "included" | "none";

/**
 * Exact sums of one cost total, in the currency's minor units: the amounts summed by VAT rate, the
 * VAT worked out once on each sum (the same as on each amount, exactly).
 */
class Total {
  /** By VAT percentage (its text; "" for none), in the order first added. */
  readonly sums = new Map<string, { readonly vat: Vat | undefined; sum: Q }>();
  constructor(private readonly basis: Basis) {}
  add(amount: Q, vat: Vat | undefined): void {
    const v = this.basis === "none" ? undefined : vat;
    const key = v ? v.key : "";
    const s = this.sums.get(key);
    if (s) s.sum = qadd(s.sum, amount);
    else this.sums.set(key, { vat: v, sum: amount });
  }
  merge(other: Total): void {
    for (const o of other.sums.values()) this.add(o.sum, o.vat);
  }
  /** Excluding and including VAT, of one sum. */
  private parts(s: { readonly vat: Vat | undefined; readonly sum: Q }): [Q, Q] {
    if (!s.vat) return [s.sum, s.sum];
    return this.basis === "included" ? [qdiv(s.sum, s.vat.factor), s.sum] : [s.sum, qmul(s.sum, s.vat.factor)];
  }
  private sum: { excl: Q; incl: Q } | undefined;
  /** The whole total excluding and including VAT (once the sums are complete). */
  amounts(): { excl: Q; incl: Q } {
    if (this.sum) return this.sum;
    let excl: Q = 0;
    let incl: Q = 0;
    for (const s of this.sums.values()) {
      const [e, i] = this.parts(s);
      excl = qadd(excl, e);
      incl = qadd(incl, i);
    }
    return (this.sum = { excl, incl });
  }
  /** In OCPI's form, each amount rounded once to 4 decimals (`round4` of minor units); `limited`: a total min/max set. */
  form(version: OcpiVersion, round4: (minor: Q) => Int, limited?: { excl: Q; incl: Q }): OcpiPrice221 | OcpiPrice230 {
    const { excl: e, incl: i } = limited ?? this.amounts();
    const excl = round4(e);
    const incl = round4(i);
    if (version === "2.2.1") return { excl_vat: number4(excl), incl_vat: number4(incl) };
    const taxes: OcpiTaxAmount[] = [];
    if (limited) {
      if (qcmp(incl, excl) !== 0) taxes.push({ name: "VAT", amount: number4(qsub(incl, excl) as Int) });
    } else
      for (const s of this.sums.values()) {
        if (!s.vat) continue;
        const [se, si] = this.parts(s);
        taxes.push({ name: "VAT", percentage: s.vat.percentage, amount: number4(round4(qsub(si, se))) });
      }
    return { before_taxes: number4(excl), ...(taxes.length ? { taxes } : {}) };
  }
}

const CATEGORY: Record<string, CostField> = { energy: "total_energy_cost", time: "total_time_cost", idle: "total_parking_cost", flat: "total_fixed_cost" };

function addLines(
  lines: readonly EngineLine[],
  money: Record<Dimension, RateMoney[]>,
  unit: Int,
  totals: Record<CostField, Total>,
  into: (component: string) => CostField,
  suppressTimeStep: boolean,
): void {
  for (const line of lines) {
    if (!(line.component in CATEGORY) || !line.rate) continue;
    const rate = money[line.component as Dimension][line.rate.compiled.index]!;
    // The exact amount in minor units; a time step left out: metered ms × price per hour.
    const amount =
      line.component === "time" && suppressTimeStep && line.segment ? qdiv(qmul(qmul(line.segment.metered, rate.price), unit), MS_PER_HOUR) : line.exact;
    totals[into(line.component)].add(amount, rate.vat);
  }
}

/**
 * Prices an OCPI charge record (CDR) with an OCPI tariff, as an eMSP checks a CPO's CDR: the
 * `total_*` costs from the record's charging periods, each rounded once to 4 decimals (OCPI numbers
 * use 4 decimals). PARKING_TIME periods are idle intervals of the session, RESERVATION_TIME
 * periods are priced with the reservation elements; the zone comes from the CDR's location, else
 * `options.timeZone`, else UTC. See the README's "OCPI charge records" for every rule.
 *
 * `tariffDoc` is the OCPI tariff document, or the same compiled once by `compileOcpiTariff` for
 * many records (then it is neither read nor compiled again).
 *
 * @example
 * const { totals } = priceCdr(tariffJson, cdrJson);
 * totals.total_cost // { excl_vat: 5.5, incl_vat: 6.1 }
 * const tariff = compileOcpiTariff(tariffJson);
 * for (const cdr of cdrs) priceCdr(tariff, cdr);
 */
export function priceCdr(tariffDoc: unknown, cdrDoc: unknown, options: PriceCdrOptions = {}): CdrPricing {
  // A tariff compiled once (compileOcpiTariff) is read and compiled no more; a document is, here.
  const compiled = isCompiledOcpi(tariffDoc) ? tariffDoc : compileOcpiTariff(tariffDoc, options);
  const tNotes = new Notes("tariff");
  for (const w of compiled.warnings) tNotes.warn(w.path, w.message);
  const cNotes = new Notes("charge record");
  const times: CdrTimes = { start: NaN, end: NaN, periods: [] };
  const cdr = readOcpiCdr(cdrDoc, cNotes, times);
  cNotes.check("charge record");
  const { tariff: t, version: tariffVersion } = compiled;
  const c = cdr!;

  if (c.currency !== t.currency) cNotes.error("/currency", `is ${c.currency}, the tariff's is ${t.currency}`);
  const zoneName = c.cdr_location?.time_zone ?? c.location?.time_zone ?? options.timeZone;
  if (zoneName !== undefined && !knownZone(compiled, zoneName)) cNotes.error(c.cdr_location?.time_zone ? "/cdr_location/time_zone" : "/location/time_zone", `is not an IANA time zone (${shortText(zoneName)})`);
  if (zoneName === undefined) cNotes.warn("/cdr_location", "names no time_zone: the tariff's local times are read in UTC");
  const zone = zoneName ?? "UTC";
  const locationCountry = c.cdr_location?.country ?? c.location?.country;
  // An ISO 3166-1 code (alpha-3 as OCPI writes it, or alpha-2), never the first letters of any text.
  const locationCode = locationCountry === undefined ? undefined : (alpha2Of(locationCountry) ?? (isCountryCode(locationCountry.toUpperCase()) ? locationCountry : undefined));
  if (locationCountry !== undefined && locationCode === undefined && options.market === undefined)
    cNotes.error(c.cdr_location?.country !== undefined ? "/cdr_location/country" : "/location/country", `is not an ISO 3166-1 country code (${shortText(locationCountry)})`);
  const market = (options.market ?? locationCode ?? t.country_code)?.toUpperCase();
  if (!market || !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(market) || resolveMarket(market, true).problem) {
    cNotes.error(locationCountry ? "/cdr_location/country" : "", `cannot tell the country to price in (${market === undefined ? "none" : shortText(market)}); pass a market`);
  }
  const periods = readPeriods(c, cNotes, times);
  cNotes.check("charge record");

  const sessionPeriods = periods.filter((p) => p.kind !== "reservation");
  const reservationPeriods = periods.filter((p) => p.kind === "reservation");
  const startOfSession = sessionPeriods[0]?.from ?? reservationPeriods[0]!.from;
  const cdrStart = times.periods.length ? times.start : msOf(c.start_date_time);
  const cdrEnd = times.periods.length ? times.end : msOf(c.end_date_time);
  if (t.start_date_time && startOfSession < parseInstant(utcInstant(t.start_date_time)))
    cNotes.error("/start_date_time", `the session starts before the tariff's start_date_time (${t.start_date_time})`);
  if (t.end_date_time && startOfSession >= parseInstant(utcInstant(t.end_date_time)))
    cNotes.error("/start_date_time", `the session starts at or after the tariff's end_date_time (${t.end_date_time})`);
  if (sessionPeriods.length && !reservationPeriods.length && sessionPeriods[0]!.from > cdrStart)
    cNotes.warn("/charging_periods/0/start_date_time", "is after the CDR's start_date_time; the session is priced from its first period");
  cNotes.check("charge record");

  const basis: "excluded" | "included" | "none" =
    tariffVersion === "2.3.0" ? (t.tax_included === "YES" ? "included" : t.tax_included === "N/A" ? "none" : "excluded") : "excluded";
  const totals = {} as Record<CostField, Total>;
  for (const f of COST_FIELDS) totals[f] = new Total(basis);
  // The currency's minor unit (10^digits), from the element sets compiled below (each in the tariff's currency).
  let unit: Int = 1;
  const base = { market: market!, currency: t.currency, zone };
  // The engine's exact lines (minor units), without validity dates (the tariff's are checked above).
  const linesOf = (ct: CompiledTariff, profile: Profile): readonly EngineLine[] =>
    runEngine(planOf(ct), profile, { checkValidity: false, billingCode: ct.currency.code, digits: ct.currency.settlementDigits, payment: "card", sessionId: undefined, trace: true }).trace!.lines;
  try {
    if (sessionPeriods.length) {
      const { ct, scope, money } = compiledSet(compiled, "session", base, tNotes);
      unit = pow10(ct.currency.settlementDigits);
      const profile = profileOf(sessionPeriods, cdrEnd);
      Object.assign(scope, { periods: sessionPeriods, start: profile.start, notes: tNotes });
      const lines = linesOf(ct, profile);
      // mod_cdrs, step_size: "In the cases that TIME and PARKING_TIME Tariff Elements are both used,
      // step_size is only taken into account for the total parking duration".
      const suppressTimeStep = lines.some((l) => l.component === "idle" && l.rate !== null);
      addLines(lines, money, unit, totals, (comp) => CATEGORY[comp]!, suppressTimeStep);
    }
    if (reservationPeriods.length) {
      const set: ElementSet = sessionPeriods.length ? "reservation" : "reservation-expired";
      const { built, ct, scope, money } = compiledSet(compiled, set, base, tNotes);
      unit = pow10(ct.currency.settlementDigits);
      if (built.rates.time.length || built.rates.flat.length) {
        const from = reservationPeriods[0]!.from;
        const to = reservationPeriods[reservationPeriods.length - 1]!.to;
        const profile: Profile = { start: from, chargingEnd: to, end: to, total: 0, totalText: "0", at: to > from ? [from, to] : [from], e: to > from ? [0, 0] : [0], idle: [] };
        Object.assign(scope, { periods: reservationPeriods, start: from, notes: tNotes });
        addLines(linesOf(ct, profile), money, unit, totals, () => "total_reservation_cost", false);
      }
    }
  } catch (e) {
    if (e instanceof TariffError && !(e instanceof DocumentError)) throw new DocumentError(e.issues, "tariff");
    throw e;
  }

  const total = totals.total_cost;
  for (const f of COST_FIELDS) if (f !== "total_cost") total.merge(totals[f]);
  // min_price / max_price: "they both apply" to the totals excluding and including VAT (mod_tariffs).
  let limit: CdrPricing["limit"];
  const limitOf = (key: "min_price" | "max_price") => {
    const l = t[key] as Record<string, number | undefined> | undefined;
    if (!l) return undefined;
    const excl = l.excl_vat ?? l.before_taxes;
    const incl = l.incl_vat ?? l.after_taxes;
    return { excl: qmul(exactQ(excl!), unit), incl: incl !== undefined ? qmul(exactQ(incl), unit) : undefined };
  };
  const min = limitOf("min_price");
  const max = limitOf("max_price");
  // (in minor units, as the sums)
  const { excl: beforeExcl, incl: beforeIncl } = total.amounts();
  const limited = { excl: beforeExcl, incl: beforeIncl };
  const derived = (limitExcl: Q) => (qsign(beforeExcl) === 0 ? limitExcl : qdiv(qmul(limitExcl, beforeIncl), beforeExcl));
  if (min) {
    if (qcmp(limited.excl, min.excl) < 0) (limited.excl = min.excl), (limit = "min_price");
    const minIncl = min.incl ?? (limit === "min_price" ? derived(min.excl) : undefined);
    if (minIncl !== undefined && qcmp(limited.incl, minIncl) < 0) (limited.incl = minIncl), (limit = "min_price");
  }
  if (max) {
    if (qcmp(limited.excl, max.excl) > 0) (limited.excl = max.excl), (limit = "max_price");
    const maxIncl = max.incl ?? (limit === "max_price" ? derived(max.excl) : undefined);
    if (maxIncl !== undefined && qcmp(limited.incl, maxIncl) > 0) (limited.incl = maxIncl), (limit = "max_price");
  }

  const version = options.version ?? (c.total_cost ? detectCdrVersion(c) : tariffVersion);
  const out = {} as Record<CostField, OcpiPrice221 | OcpiPrice230>;
  // Minor units to 1e-4 units, rounded once half away from zero.
  const perMinor = typeof unit === "number" && 10_000 % unit === 0 ? 10_000 / unit : undefined;
  const round4 = (minor: Q): Int => qround(perMinor !== undefined ? qmul(minor, perMinor) : qscale(minor, 10_000, unit), "halfAwayFromZero");
  for (const f of COST_FIELDS) out[f] = totals[f].form(version, round4, f === "total_cost" && limit !== undefined ? limited : undefined);
  const hours = (ms: number) => ocpiNumber(frac(ms, MS_PER_HOUR));
  return {
    version,
    tariffId: t.id,
    currency: t.currency,
    timeZone: zone,
    totals: out,
    total_energy: ocpiNumber(qdiv(periods.reduce<Q>((acc, p) => qadd(acc, p.energy), 0), 1_000_000)),
    total_time: hours(cdrEnd - cdrStart),
    total_parking_time: hours(periods.filter((p) => p.kind === "idle").reduce((acc, p) => acc + (p.to - p.from), 0)),
    ...(limit ? { limit } : {}),
    warnings: [...tNotes.warnings, ...cNotes.warnings],
  };
}

function priceParts(p: unknown): { excl?: Dec; incl?: Dec } {
  if (typeof p !== "object" || p === null) return {};
  const o = p as Record<string, unknown>;
  if (typeof o.excl_vat === "number") return { excl: decOf(o.excl_vat), ...(typeof o.incl_vat === "number" ? { incl: decOf(o.incl_vat) } : {}) };
  if (typeof o.before_taxes === "number") {
    const taxes = Array.isArray(o.taxes) ? (o.taxes as { amount?: unknown }[]) : [];
    const sum = taxes.reduce((acc, t) => acc.plus(typeof t.amount === "number" ? decOf(t.amount) : ZERO), ZERO);
    return { excl: decOf(o.before_taxes), incl: decOf(o.before_taxes).plus(sum) };
  }
  return {};
}

/** Options of `checkCdr`. */
export interface CheckCdrOptions extends PriceCdrOptions {
  /**
   * Expect 0 for every optional total the CDR leaves out (the five breakdown costs and
   * `total_parking_time`), as the OCPI conformance data of tandemdrive/ocpi-tariffs does. Default
   * false: OCPI 2.2.1 and 2.3.0 give these totals cardinality `?` ("An optional object. If not set, it
   * might be `null`, or the field might be omitted"), so a total the CDR does not state is not
   * compared, and is named in `notCompared`.
   */
  readonly absentAsZero?: boolean;
}

/** The result of `checkCdr`. */
export interface CdrCheck {
  readonly pricing: CdrPricing;
  /** The totals the CDR states and the tariff gives otherwise, at 4 decimals. */
  readonly mismatches: CdrMismatch[];
  /**
   * The totals not compared because the CDR does not state them (absent or null): a whole total
   * ("total_energy_cost", "total_parking_time") or one side of a stated price
   * ("total_cost.incl_vat"). Empty with `absentAsZero`, except for a price's `incl_vat`.
   */
  readonly notCompared: string[];
}

/**
 * Prices a CDR (`priceCdr`) and compares the result with the totals the CDR states, at 4 decimals.
 * A total the CDR leaves out (or sets to null) is not compared and is listed in `notCompared`:
 * every breakdown total and `total_parking_time` is optional in OCPI (cardinality `?`), and so is
 * a price's `incl_vat`. With `absentAsZero`, a left-out cost total or `total_parking_time` is
 * expected to be 0 instead (the convention of the OCPI conformance data).
 *
 * @example
 * const { mismatches, notCompared } = checkCdr(tariffJson, cdrJson);
 * mismatches // [{ field: "total_cost.excl_vat", cdr: "5.5", computed: "5.6" }]
 * notCompared // ["total_fixed_cost", "total_time_cost", …]
 */
export function checkCdr(tariffDoc: unknown, cdrDoc: unknown, options: CheckCdrOptions = {}): CdrCheck {
  const pricing = priceCdr(tariffDoc, cdrDoc, options);
  const cdr = cdrDoc as Record<string, unknown>;
  const absentAsZero = options.absentAsZero === true;
  const stated = (f: string) => Object.prototype.hasOwnProperty.call(cdr, f) && cdr[f] !== null && cdr[f] !== undefined;
  const mismatches: CdrMismatch[] = [];
  const notCompared: string[] = [];
  const excl = pricing.version === "2.2.1" ? "excl_vat" : "before_taxes";
  const incl = pricing.version === "2.2.1" ? "incl_vat" : "after_taxes";
  const same = (a: Dec, b: Dec) => roundTo(a, 4).eq(roundTo(b, 4));
  for (const f of COST_FIELDS) {
    const mine = priceParts(pricing.totals[f]);
    // total_cost has cardinality 1, but a record without it is still read: nothing to compare then.
    const theirs = stated(f) ? priceParts(cdr[f]) : absentAsZero ? { excl: ZERO, incl: ZERO } : {};
    if (theirs.excl === undefined) {
      notCompared.push(f);
      continue;
    }
    if (!same(theirs.excl, mine.excl!)) mismatches.push({ field: `${f}.${excl}`, cdr: plain(theirs.excl), computed: plain(roundTo(mine.excl!, 4)) });
    if (theirs.incl === undefined) notCompared.push(`${f}.${incl}`);
    else if (!same(theirs.incl, mine.incl!)) mismatches.push({ field: `${f}.${incl}`, cdr: plain(theirs.incl), computed: plain(roundTo(mine.incl!, 4)) });
  }
  for (const f of QUANTITY_FIELDS) {
    const theirs = cdr[f];
    const value = typeof theirs === "number" ? decOf(theirs) : f === "total_parking_time" && absentAsZero && !stated(f) ? ZERO : undefined;
    if (value === undefined) notCompared.push(f);
    else if (!same(value, decOf(pricing[f]))) mismatches.push({ field: f, cdr: plain(value), computed: plain(decOf(pricing[f])) });
  }
  return { pricing, mismatches, notCompared };
}

export type { OcpiTariff };
