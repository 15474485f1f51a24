import { compileChecked, type CompiledRate, type CompiledTariff } from "../../compile/compile.js";
import { contextOf } from "../../engine/context.js";
import { withPlan } from "../../engine/plan.js";
import type { Check, ConditionContext } from "../../compile/conditions.js";
import { alpha2Of, isCountryCode } from "../../markets/iso3166.js";
import { resolveMarket } from "../../markets/index.js";
import { Dec, MS_PER_HOUR, MS_PER_MINUTE, ONE, ZERO } from "../../money/decimal.js";
import type { SessionProfile, EnergyPoint, IdleInterval } from "../../price/types.js";
import { runPricing, type PricedLine } from "../../price/price-session.js";
import { TariffError } from "../../schema/errors.js";
import type { Conditions, Dimension, Session, Tariff } from "../../schema/types.js";
import { formatInstant, parseInstant } from "../../time/instants.js";
import { isTimeZone } from "../../time/zones.js";
import { decOf, DocumentError, jsonNumber, Notes, plain, roundTo, shortText, type Warning } from "../common.js";
import {
  detectCdrVersion,
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

const KNOWN_DIMENSIONS = [
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
];

interface Period {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly kind: "reservation" | "charging" | "idle";
  readonly energy: Dec;
  readonly dims: ReadonlyMap<string, Dec>;
}

/** Tolerance between a time volume and its period's length: OCPI numbers have 4 decimals. */
const HOURS_TOLERANCE = new Dec("0.0001");

function readPeriods(cdr: OcpiCdr, notes: Notes): Period[] {
  const end = parseInstant(utcInstant(cdr.end_date_time));
  const start = parseInstant(utcInstant(cdr.start_date_time));
  if (end < start) notes.error("/end_date_time", "is before start_date_time");
  const periods: Period[] = [];
  cdr.charging_periods.forEach((p, i) => {
    const at = `/charging_periods/${i}`;
    const from = parseInstant(utcInstant(p.start_date_time));
    const next = cdr.charging_periods[i + 1];
    const to = next ? parseInstant(utcInstant(next.start_date_time)) : end;
    if (from < start) notes.error(`${at}/start_date_time`, "is before the CDR's start_date_time");
    if (to < from) notes.error(next ? `/charging_periods/${i + 1}/start_date_time` : "/end_date_time", "is before the previous period's start: periods must be in time order");
    const dims = new Map<string, Dec>();
    p.dimensions.forEach((d, j) => {
      if (!KNOWN_DIMENSIONS.includes(d.type)) return notes.warn(`${at}/dimensions/${j}/type`, `${d.type} is not a CdrDimensionType; ignored`);
      const v = decOf(d.volume);
      if (dims.has(d.type)) {
        notes.warn(`${at}/dimensions/${j}`, `a second ${d.type} in one period; the volumes are added`);
        dims.set(d.type, dims.get(d.type)!.plus(v));
      } else dims.set(d.type, v);
    });
    const energy = dims.get("ENERGY") ?? ZERO;
    if (energy.isNegative()) notes.error(`${at}/dimensions`, "has negative ENERGY (energy fed back), which pricing does not support");
    const hours = new Dec(Math.max(0, to - from)).div(MS_PER_HOUR);
    p.dimensions.forEach((d, j) => {
      if ((d.type === "TIME" || d.type === "PARKING_TIME" || d.type === "RESERVATION_TIME") && decOf(d.volume).minus(hours).abs().gt(HOURS_TOLERANCE))
        notes.warn(
          `${at}/dimensions/${j}/volume`,
          `${d.type} ${d.volume} h, but the period lasts ${plain(roundTo(hours, 4))} h (${formatInstant(from)} to ${formatInstant(to)}); priced by the timestamps (OCPI: "A period ends when the next period starts")`,
        );
    });
    let kind: Period["kind"] = "charging";
    if (dims.has("RESERVATION_TIME")) kind = "reservation";
    else if (dims.has("PARKING_TIME") && !dims.has("TIME") && energy.isZero()) kind = "idle";
    else if (dims.has("PARKING_TIME")) notes.warn(`${at}/dimensions`, "has PARKING_TIME with TIME or ENERGY; the period is priced as charging");
    if (to === from && !energy.isZero()) notes.error(`${at}/dimensions`, "has energy in a period that lasts no time");
    periods.push({ index: i, from, to, kind, energy, dims });
  });
  let sessionSeen = false;
  for (const p of periods) {
    if (p.kind !== "reservation") sessionSeen = true;
    else if (sessionSeen) notes.error(`/charging_periods/${p.index}`, "is a reservation period after the session started; reservations come first");
  }
  return periods;
}

/** The session part of a CDR as the core's profile: idle intervals from PARKING_TIME periods. */
function profileOf(periods: readonly Period[], end: number): { profile: SessionProfile; session: Session } {
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
  const points: EnergyPoint[] = [{ at: start, kWh: ZERO }];
  let kWh = ZERO;
  for (const p of periods) {
    if (p.to <= p.from || p.to > chargingEnd) continue;
    kWh = kWh.plus(p.kind === "charging" ? p.energy : ZERO);
    points.push({ at: p.to, kWh });
  }
  const profile: SessionProfile = { start, chargingEnd, end, energyKWh: kWh, points, idle };
  const session: Session = {
    start: formatInstant(start),
    end: formatInstant(end),
    chargingEnd: formatInstant(chargingEnd),
    energyKWh: plain(kWh),
  };
  return { profile, session };
}

/** Checks for current and power restrictions, read from the period's own dimensions. */
function extraChecks(extra: ExtraRestrictions, periodAt: (ctx: ConditionContext) => Period | undefined, warn: Notes["warn"], at: string): Check[] {
  const checks: Check[] = [];
  const dim = (ctx: ConditionContext, ...types: string[]) => {
    const p = periodAt(ctx);
    for (const t of types) {
      const v = p?.dims.get(t);
      if (v !== undefined) return v;
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
    entry = { built, ct: compileRates(built, base, scope), scope, warnings: buildNotes.warnings.slice() };
    compiled.sets.set(key, entry);
  }
  for (const w of entry.warnings) notes.warn(w.path, w.message);
  return entry;
}

/** Exact sums of one cost total. */
class Total {
  excl = ZERO;
  incl = ZERO;
  readonly taxes = new Map<string, Dec>();
  add(amount: Dec, vat: Dec | undefined, basis: "excluded" | "included" | "none"): void {
    if (basis === "none" || vat === undefined) {
      this.excl = this.excl.plus(amount);
      this.incl = this.incl.plus(amount);
      return;
    }
    const factor = ONE.plus(vat.div(100));
    const excl = basis === "included" ? amount.div(factor) : amount;
    const incl = basis === "included" ? amount : amount.times(factor);
    this.excl = this.excl.plus(excl);
    this.incl = this.incl.plus(incl);
    const key = plain(vat);
    this.taxes.set(key, (this.taxes.get(key) ?? ZERO).plus(incl.minus(excl)));
  }
  merge(other: Total): void {
    this.excl = this.excl.plus(other.excl);
    this.incl = this.incl.plus(other.incl);
    for (const [k, v] of other.taxes) this.taxes.set(k, (this.taxes.get(k) ?? ZERO).plus(v));
  }
  form(version: OcpiVersion, collapsedTaxes = false): OcpiPrice221 | OcpiPrice230 {
    const excl = roundTo(this.excl, 4);
    const incl = roundTo(this.incl, 4);
    if (version === "2.2.1") return { excl_vat: jsonNumber(excl), incl_vat: jsonNumber(incl) };
    const taxes: OcpiTaxAmount[] = collapsedTaxes
      ? incl.eq(excl)
        ? []
        : [{ name: "VAT", amount: jsonNumber(incl.minus(excl)) }]
      : [...this.taxes].map(([p, amount]) => ({ name: "VAT", percentage: jsonNumber(new Dec(p)), amount: jsonNumber(roundTo(amount, 4)) }));
    return { before_taxes: jsonNumber(excl), ...(taxes.length ? { taxes } : {}) };
  }
}

const CATEGORY: Record<string, CostField> = { energy: "total_energy_cost", time: "total_time_cost", idle: "total_parking_cost", flat: "total_fixed_cost" };

function addLines(
  lines: readonly PricedLine[],
  built: BuiltRates,
  totals: Record<CostField, Total>,
  basis: "excluded" | "included" | "none",
  into: (component: string) => CostField,
  suppressTimeStep: boolean,
): void {
  for (const line of lines) {
    if (!(line.component in CATEGORY) || !line.rate) continue;
    const origin = built.origins[line.component as Dimension][line.rate.index]!;
    let amount = line.exact;
    if (line.component === "time" && suppressTimeStep && line.segment) amount = line.segment.metered.times(origin.price).div(MS_PER_HOUR);
    totals[into(line.component)].add(amount, origin.vat, basis);
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
  const cdr = readOcpiCdr(cdrDoc, cNotes);
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
  const periods = readPeriods(c, cNotes);
  cNotes.check("charge record");

  const sessionPeriods = periods.filter((p) => p.kind !== "reservation");
  const reservationPeriods = periods.filter((p) => p.kind === "reservation");
  const startOfSession = sessionPeriods[0]?.from ?? reservationPeriods[0]!.from;
  const cdrStart = parseInstant(utcInstant(c.start_date_time));
  const cdrEnd = parseInstant(utcInstant(c.end_date_time));
  if (t.start_date_time && startOfSession < parseInstant(utcInstant(t.start_date_time)))
    cNotes.error("/start_date_time", `the session starts before the tariff's start_date_time (${t.start_date_time})`);
  if (t.end_date_time && startOfSession >= parseInstant(utcInstant(t.end_date_time)))
    cNotes.error("/start_date_time", `the session starts at or after the tariff's end_date_time (${t.end_date_time})`);
  if (sessionPeriods.length && !reservationPeriods.length && sessionPeriods[0]!.from > cdrStart)
    cNotes.warn("/charging_periods/0/start_date_time", "is after the CDR's start_date_time; the session is priced from its first period");
  cNotes.check("charge record");

  const basis: "excluded" | "included" | "none" =
    tariffVersion === "2.3.0" ? (t.tax_included === "YES" ? "included" : t.tax_included === "N/A" ? "none" : "excluded") : "excluded";
  const totals = Object.fromEntries(COST_FIELDS.map((f) => [f, new Total()])) as Record<CostField, Total>;
  const base = { market: market!, currency: t.currency, zone };
  try {
    if (sessionPeriods.length) {
      const { built, ct, scope } = compiledSet(compiled, "session", base, tNotes);
      const { profile, session } = profileOf(sessionPeriods, cdrEnd);
      Object.assign(scope, { periods: sessionPeriods, start: profile.start, notes: tNotes });
      const run = runPricing(ct, session, { profile, ignoreValidity: true });
      // mod_cdrs, step_size: "In the cases that TIME and PARKING_TIME Tariff Elements are both used,
      // step_size is only taken into account for the total parking duration".
      const suppressTimeStep = run.lines.some((l) => l.component === "idle" && l.rate !== null);
      addLines(run.lines, built, totals, basis, (comp) => CATEGORY[comp]!, suppressTimeStep);
    }
    if (reservationPeriods.length) {
      const set: ElementSet = sessionPeriods.length ? "reservation" : "reservation-expired";
      const { built, ct, scope } = compiledSet(compiled, set, base, tNotes);
      if (built.rates.time.length || built.rates.flat.length) {
        const from = reservationPeriods[0]!.from;
        const to = reservationPeriods[reservationPeriods.length - 1]!.to;
        const profile: SessionProfile = { start: from, chargingEnd: to, end: to, energyKWh: ZERO, points: to > from ? [{ at: from, kWh: ZERO }, { at: to, kWh: ZERO }] : [{ at: from, kWh: ZERO }], idle: [] };
        const session: Session = { start: formatInstant(from), end: formatInstant(to), energyKWh: "0" };
        Object.assign(scope, { periods: reservationPeriods, start: from, notes: tNotes });
        const run = runPricing(ct, session, { profile, ignoreValidity: true });
        addLines(run.lines, built, totals, basis, () => "total_reservation_cost", false);
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
    return { excl: decOf(excl!), incl: incl !== undefined ? decOf(incl) : undefined };
  };
  const min = limitOf("min_price");
  const max = limitOf("max_price");
  const beforeExcl = total.excl;
  const beforeIncl = total.incl;
  const derived = (limitExcl: Dec) => (beforeExcl.isZero() ? limitExcl : limitExcl.times(beforeIncl).div(beforeExcl));
  if (min) {
    if (total.excl.lt(min.excl)) (total.excl = min.excl), (limit = "min_price");
    const minIncl = min.incl ?? (limit === "min_price" ? derived(min.excl) : undefined);
    if (minIncl && total.incl.lt(minIncl)) (total.incl = minIncl), (limit = "min_price");
  }
  if (max) {
    if (total.excl.gt(max.excl)) (total.excl = max.excl), (limit = "max_price");
    const maxIncl = max.incl ?? (limit === "max_price" ? derived(max.excl) : undefined);
    if (maxIncl && total.incl.gt(maxIncl)) (total.incl = maxIncl), (limit = "max_price");
  }

  const version = options.version ?? (c.total_cost ? detectCdrVersion(c) : tariffVersion);
  const out = {} as Record<CostField, OcpiPrice221 | OcpiPrice230>;
  for (const f of COST_FIELDS) out[f] = totals[f].form(version, f === "total_cost" && limit !== undefined);
  const hours = (ms: number) => jsonNumber(roundTo(new Dec(ms).div(MS_PER_HOUR), 4));
  return {
    version,
    tariffId: t.id,
    currency: t.currency,
    timeZone: zone,
    totals: out,
    total_energy: jsonNumber(roundTo(periods.reduce((acc, p) => acc.plus(p.energy), ZERO), 4)),
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
