import { withCompileMemo } from "../compile/memo.js";
import { resolveMarket } from "../markets/index.js";
import { currency as findCurrency } from "../money/currencies.js";
import { Dec } from "../money/decimal.js";
import { instantProblem } from "../time/instants.js";
import { intlZones, type ZoneProvider } from "../time/zones.js";
import { TariffError, type Issue, type SafeParseResult } from "./errors.js";
import { decimalText, instant, isDecimal } from "./fields.js";
import { fromZodIssues, BARE_ISSUES } from "./issues.js";
import { compareDecimals, decimalMicros, readInstant } from "./readers.js";
import { compileShape, pick, remember } from "./shape.js";
import { tariffSchema } from "./tariff.js";
import type { Rate, Tariff } from "./types.js";

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const RATE_LISTS = ["energy", "time", "idle", "flat"] as const;
const RANGES = ["energyKWh", "powerKW", "sessionMinutes", "idleMinutes"] as const;

/** The tariff schema as one boolean check (shape.ts). */
export const tariffShapeOk = compileShape(tariffSchema);

/** Options of `parseTariff` and `safeParseTariff`. */
export interface TariffParseOptions {
  /** Where `timeZone` is looked up: Intl by default; `embeddedZones` without Intl (ev-tariff/no-intl). */
  readonly zones?: ZoneProvider;
}

/**
 * Checks a tariff document and returns it normalized (decimals as strings, absent rate lists as
 * empty), or every problem found.
 *
 * @example
 * const r = safeParseTariff(JSON.parse(text));
 * if (!r.ok) for (const i of r.issues) console.log(`${i.path}: ${i.message}`);
 */
export function safeParseTariff(input: unknown, options: TariffParseOptions = {}): SafeParseResult<Tariff> {
  const zones = options.zones ?? intlZones;
  // A valid tariff skips zod: the schema compiled to one boolean check (shape.ts), the same cross-field checks,
  // and the same normalize. Anything the shape check doubts, or any issue, goes to the full checker.
  if (tariffShapeOk(input) && crossFieldIssues(input as Raw, zones).length === 0) return { ok: true, value: normalize(input as Parsed) };
  return checkTariff(input, zones);
}

/**
 * The full checker: zod for the shape, then the cross-field checks. It words every issue; on valid
 * input it gives the same value as `readTariff` (a property test holds them together).
 */
export function checkTariff(input: unknown, zones: ZoneProvider = intlZones): SafeParseResult<Tariff> {
  const parsed = tariffSchema.safeParse(input, BARE_ISSUES);
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, input);
  if (isObject(input)) issues.push(...crossFieldIssues(input, zones));
  if (!parsed.success || issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, value: normalize(parsed.data) };
}

/**
 * Like `safeParseTariff`, but throws a `TariffError` listing every issue.
 *
 * @example
 * const tariff = parseTariff(JSON.parse(fs.readFileSync("tariffs/gr/athens-dc-150.json", "utf8")));
 */
export function parseTariff(input: unknown, options: TariffParseOptions = {}): Tariff {
  const result = safeParseTariff(input, options);
  if (!result.ok) throw new TariffError(result.issues, "tariff");
  return result.value;
}

const compare = (a: string | number, b: string | number) => compareDecimals(a, decimalMicros(a), b, decimalMicros(b));

/** True when a valid decimal is a whole number. */
const isWhole = (v: string | number) => !/\.\d*[1-9]/.test(decimalText(v));

/** Markets and Intl zones looked up so far: a region's market is built afresh by each call, and a zone looked up through Intl costs tens of µs. */
const marketOf = remember((key) => resolveMarket(key.slice(1), key[0] === "+"));
const intlZoneProblem = remember((name) => intlZones.zoneProblem(name));
// (Only while Intl is there: without it, the Intl provider says so.)
const zoneProblemOf = (zones: ZoneProvider, name: string) =>
  zones === intlZones && typeof Intl == "object" ? intlZoneProblem(name) : zones.zoneProblem(name);

function sortIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = i.path + "\u0000" + i.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function crossFieldIssues(t: Raw, zones: ZoneProvider): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  // zod's record leaves a "__proto__" key out: refused here, as every other unknown member is.
  if (isObject(t.name) && Object.hasOwn(t.name, "__proto__")) add("/name/__proto__", "must be a language tag such as en or pt-BR");

  // Market, currency and zone belong together.
  const ownTaxes = Array.isArray(t.taxes);
  const resolved =
    typeof t.market === "string" && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(t.market) ? marketOf((ownTaxes ? "+" : "-") + t.market) : undefined;
  const market = resolved?.market;
  if (resolved?.problem) add("/market", resolved.problem);
  if (Array.isArray(t.taxes)) {
    t.taxes.forEach((tax, i) => {
      if (!isObject(tax)) return;
      const at = `/taxes/${i}`;
      if ((tax.rate === undefined) === (tax.perKWh === undefined)) add(at, "needs exactly one of rate (a fraction, e.g. \"0.21\") and perKWh (an excise per kWh)");
      if (isDecimal(tax.rate) && compare(tax.rate, 1) >= 0) add(`${at}/rate`, "is a fraction and must be below 1 (0.21 for 21 %)");
      if (tax.perKWh !== undefined && tax.method !== undefined) add(`${at}/method`, "applies to percentage taxes only");
      if (tax.perKWh !== undefined && Array.isArray(tax.appliesTo) && tax.appliesTo.some((c) => c !== "energy"))
        add(`${at}/appliesTo`, 'an excise per kWh is levied on energy: use ["energy"]');
      if (Array.isArray(tax.appliesTo) && new Set(tax.appliesTo).size !== tax.appliesTo.length) add(`${at}/appliesTo`, "names a component twice");
    });
    const inside = t.taxes.filter((x) => isObject(x) && x.method === "inside" && isDecimal(x.rate));
    const insideSum = inside.reduce((acc: Dec, x) => acc.plus(decimalText((x as Raw).rate as string)), new Dec(0));
    if (insideSum.gte(1)) add("/taxes", "taxes computed inside the price (method inside) must add up to less than 1");
  }
  if (typeof t.currency === "string" && /^[A-Z]{3}$/.test(t.currency)) {
    if (!findCurrency(t.currency)) add("/currency", `is not an ISO 4217 currency (${t.currency})`);
    else if (market && market.currencies.length > 0 && !market.currencies.includes(t.currency))
      add("/currency", `${t.currency} is not a currency of market ${market.code} (${market.currencies.join(", ")})`);
  }
  // (A name over 64 characters is refused by the shape check, and not echoed back.)
  if (typeof t.timeZone === "string" && t.timeZone.length <= 64) {
    const zoneProblem = zoneProblemOf(zones, t.timeZone);
    if (zoneProblem) add("/timeZone", zoneProblem);
    else if (market && market.timeZones.length > 0 && !market.timeZones.includes(t.timeZone))
      add("/timeZone", `${t.timeZone} is not a zone of market ${market.code} (${market.timeZones.join(", ")})`);
  } else if (t.timeZone === undefined && market && market.timeZones.length > 1) {
    add("/timeZone", `is required: market ${market.code} spans several zones (${market.timeZones.join(", ")})`);
  } else if (t.timeZone === undefined && market && market.timeZones.length === 0) {
    add("/timeZone", `is required: market ${market.code} is not in the market table, so the tariff names its zone`);
  }

  // Validity window.
  for (const key of ["validFrom", "validTo"] as const) {
    const v = t[key];
    // Strings that are not RFC 3339 at all are already reported by the shape check.
    if (typeof v === "string" && instant.safeParse(v).success) {
      const problem = instantProblem(v);
      if (problem) add(`/${key}`, problem);
    }
  }
  if (typeof t.validFrom === "string" && typeof t.validTo === "string" && readInstant(t.validFrom) >= readInstant(t.validTo))
    add("/validTo", "must be after validFrom"); // (NaN, an instant with a problem, compares false)

  if (isDecimal(t.minPrice) && isDecimal(t.maxPrice) && compare(t.minPrice, t.maxPrice) > 0)
    add("/maxPrice", "must not be below minPrice");

  for (const list of RATE_LISTS) {
    const rates = t[list];
    if (!Array.isArray(rates)) continue;
    // (More than 100 rates are refused by the shape check: only those are looked at.)
    rates.slice(0, 100).forEach((rate, i) => {
      if (!isObject(rate)) return;
      const at = `/${list}/${i}`;
      if (isDecimal(rate.step)) {
        if (list === "flat") add(`${at}/step`, "a flat fee is charged once and has no step");
        else if (compare(rate.step, 0) === 0) add(`${at}/step`, "must be greater than 0 (omit it for no step)");
        else if (list !== "energy" && !isWhole(rate.step)) add(`${at}/step`, "is in whole seconds for time and idle");
      }
      if (isObject(rate.when)) issues.push(...conditionIssues(rate.when, `${at}/when`));
    });
  }
  return issues;
}

function conditionIssues(when: Raw, at: string): Issue[] {
  const issues: Issue[] = [];
  const days = when.days;
  if (Array.isArray(days) && new Set(days).size !== days.length) issues.push({ path: `${at}/days`, message: "names a day twice" });
  const tod = when.timeOfDay;
  if (isObject(tod) && typeof tod.from === "string" && tod.from === tod.to)
    issues.push({ path: `${at}/timeOfDay/to`, message: "equals from; omit timeOfDay for the whole day" });
  if (isObject(tod) && tod.from === "24:00") issues.push({ path: `${at}/timeOfDay/from`, message: "must be before 24:00" });
  const dates = when.dates;
  if (isObject(dates)) {
    if (dates.from === undefined && dates.to === undefined) issues.push({ path: `${at}/dates`, message: "needs from, to or both" });
    if (typeof dates.from === "string" && typeof dates.to === "string" && dates.from >= dates.to)
      issues.push({ path: `${at}/dates/to`, message: "must be after from (to is exclusive)" });
  }
  for (const key of RANGES) {
    const r = when[key];
    if (!isObject(r)) continue;
    if (r.min === undefined && r.max === undefined) issues.push({ path: `${at}/${key}`, message: "needs min, max or both" });
    if (isDecimal(r.min) && isDecimal(r.max) && compare(r.min, r.max) >= 0)
      issues.push({ path: `${at}/${key}/max`, message: "must be greater than min (min is inclusive, max exclusive)" });
  }
  return issues;
}

type Parsed = ReturnType<typeof tariffSchema.parse>;
type ParsedRate = NonNullable<Parsed["energy"]>[number];

type Loose = Record<string, unknown>;
const TARIFF_ORDER = "version id name market currency timeZone pricesInclude validFrom validTo".split(" ");
const TAX_ORDER = "name rate perKWh appliesTo method source".split(" ");
const CONDITION_ORDER = ["days", "timeOfDay", "dates", ...RANGES];
const FROM_TO = ["from", "to"];
const MIN_MAX = ["min", "max"];

function normalizeRate(rate: ParsedRate): Rate {
  const out: Loose = { price: decimalText(rate.price) };
  if (rate.step !== undefined) out.step = decimalText(rate.step);
  const w = rate.when;
  if (w) {
    const c = pick(w, CONDITION_ORDER);
    if (w.days) c.days = [...w.days];
    if (w.timeOfDay) c.timeOfDay = pick(w.timeOfDay, FROM_TO);
    if (w.dates) c.dates = pick(w.dates, FROM_TO);
    for (const key of RANGES) if (w[key]) c[key] = pick(w[key], MIN_MAX, decimalText);
    out.when = c;
  }
  return out as unknown as Rate;
}

/**
 * The tariff as parseTariff returns it, from zod's output or from raw input that passed the same
 * checks: members in the schema's order, decimals as text, new objects throughout (the input is
 * never frozen).
 */
function normalize(p: Parsed): Tariff {
  const t = pick(p, TARIFF_ORDER);
  if (p.name) t.name = { ...p.name };
  if (p.taxes)
    t.taxes = p.taxes.map((x) => {
      const tax = pick(x, TAX_ORDER);
      if (x.rate !== undefined) tax.rate = decimalText(x.rate);
      if (x.perKWh !== undefined) tax.perKWh = decimalText(x.perKWh);
      tax.appliesTo = [...x.appliesTo];
      return tax;
    });
  t.energy = (p.energy ?? []).map(normalizeRate);
  t.time = (p.time ?? []).map(normalizeRate);
  t.idle = (p.idle ?? []).map(normalizeRate);
  t.flat = (p.flat ?? []).map(normalizeRate);
  if (p.minPrice != null) t.minPrice = decimalText(p.minPrice);
  if (p.maxPrice != null) t.maxPrice = decimalText(p.maxPrice);
  return seal(t as unknown as Tariff);
}

/** The last step of both paths: the tariff as returned, frozen all the way down. */
function seal(tariff: Tariff): Tariff {
  return deepFreeze(withCompileMemo(tariff));
}

/**
 * Freezes a plain JSON-like value, made afresh by `normalize` (nothing in it is shared or frozen yet), all the way down.
 * (null is an "object" too: freezing it returns it, and it has no members.)
 */
function deepFreeze<T>(value: T): T {
  if (typeof value == "object") {
    Object.freeze(value);
    for (const k in value) deepFreeze(value[k]);
  }
  return value;
}
