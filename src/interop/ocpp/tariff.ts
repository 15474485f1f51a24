import { compiledFor, type CompiledTariff } from "../../compile/compile.js";
import { findMarket, listMarkets, resolveMarket } from "../../markets/index.js";
import { Dec, floorNumber, ONE } from "../../money/decimal.js";
import { runPricing } from "../../price/price-session.js";
import { TariffError } from "../../schema/errors.js";
import { fromZodIssues, BARE_ISSUES } from "../../schema/issues.js";
import { safeParseTariff } from "../../schema/parse-tariff.js";
import type { Conditions, Dimension, Range, Rate, Session, Tariff, TariffTax } from "../../schema/types.js";
import { formatInstant, instantProblem, parseInstant } from "../../time/instants.js";
import { isTimeZone } from "../../time/zones.js";
import { decOf, isObject, jsonNumber, Notes, plain, roundTo, type Converted } from "../common.js";
import { taxesByDimension } from "../taxes.js";
import {
  ocppTariffSchema,
  type OcppCostDetails,
  type OcppDay,
  type OcppTariff,
  type OcppTariffConditions,
  type OcppTariffConditionsFixed,
  type OcppTaxRate,
  type OcppTotalPrice,
} from "./model.js";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const OCPP_DAY: Record<(typeof DAYS)[number], OcppDay> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const V1_DAY = Object.fromEntries(Object.entries(OCPP_DAY).map(([k, v]) => [v, k])) as Record<OcppDay, (typeof DAYS)[number]>;
/** Per-minute prices are written with this many decimals (OCPP prices time per minute, v1 per hour). */
const MINUTE_DECIMALS = 10;

/** Options of `tariffToOcpp`. */
export interface OcppExportOptions {
  /** Local date on which market-table taxes are read (default: validFrom's date, else today). */
  readonly taxDate?: string;
}

/** Options of `ocppToTariff`. */
export interface OcppImportOptions {
  /** The v1 market (OCPP tariffs name none); by default the one market that uses the currency. */
  readonly market?: string;
  /** The zone of the tariff's local times (by default the market's, when it has one). */
  readonly timeZone?: string;
}

const seconds = (minutes: string, at: string, notes: Notes): number => {
  const s = new Dec(minutes).times(60);
  if (!s.isInteger()) notes.warn(at, `${minutes} min is not a whole number of seconds; OCPP durations are whole seconds, rounded up`);
  return s.toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber();
};

function timeWindow(when: Conditions): { startTimeOfDay?: string; endTimeOfDay?: string } {
  if (!when.timeOfDay || (when.timeOfDay.from === "00:00" && when.timeOfDay.to === "24:00")) return {};
  return { startTimeOfDay: when.timeOfDay.from, endTimeOfDay: when.timeOfDay.to === "24:00" ? "00:00" : when.timeOfDay.to };
}

function commonConditions(when: Conditions): OcppTariffConditionsFixed {
  return {
    ...timeWindow(when),
    ...(when.days ? { dayOfWeek: DAYS.filter((d) => when.days!.includes(d)).map((d) => OCPP_DAY[d]) } : {}),
    ...(when.dates?.from ? { validFromDate: when.dates.from } : {}),
    ...(when.dates?.to ? { validToDate: when.dates.to } : {}),
  };
}

function conditionsOf(when: Conditions | undefined, at: string, notes: Notes): OcppTariffConditions | undefined {
  if (!when) return undefined;
  const c: OcppTariffConditions = { ...(commonConditions(when) as OcppTariffConditions) };
  const scaled = (r: Range | undefined, factor: number, min: keyof OcppTariffConditions, max: keyof OcppTariffConditions) => {
    if (r?.min !== undefined) (c as Record<string, number>)[min] = jsonNumber(new Dec(r.min).times(factor));
    if (r?.max !== undefined) (c as Record<string, number>)[max] = jsonNumber(new Dec(r.max).times(factor));
  };
  scaled(when.energyKWh, 1000, "minEnergy", "maxEnergy");
  scaled(when.powerKW, 1000, "minPower", "maxPower");
  if (when.sessionMinutes?.min !== undefined) c.minTime = seconds(when.sessionMinutes.min, `${at}/sessionMinutes/min`, notes);
  if (when.sessionMinutes?.max !== undefined) c.maxTime = seconds(when.sessionMinutes.max, `${at}/sessionMinutes/max`, notes);
  if (when.idleMinutes?.min !== undefined) c.minIdleTime = seconds(when.idleMinutes.min, `${at}/idleMinutes/min`, notes);
  if (when.idleMinutes?.max !== undefined) c.maxIdleTime = seconds(when.idleMinutes.max, `${at}/idleMinutes/max`, notes);
  return Object.keys(c).length ? c : undefined;
}

function fixedConditionsOf(when: Conditions | undefined, at: string, notes: Notes): OcppTariffConditionsFixed | undefined {
  if (!when) return undefined;
  const c = commonConditions(when);
  for (const key of ["energyKWh", "powerKW", "sessionMinutes", "idleMinutes"] as const)
    if (when[key]) notes.warn(`${at}/${key}`, "an OCPP fixed fee has only time-of-day, day and date conditions: dropped");
  return Object.keys(c).length ? c : undefined;
}

/**
 * Writes a v1 tariff as an OCPP 2.1 `TariffType` (what SetDefaultTariffRequest carries): prices per
 * kWh, per minute of charging and idle time, fixed fees, each list in v1's order (OCPP, like v1,
 * applies the first price whose conditions hold), with its tax rates; minCost and maxCost. What
 * OCPP cannot hold (billing steps, validTo, excises) is reported as a warning with the v1 pointer.
 *
 * @example
 * const { value } = tariffToOcpp(parseTariff(json)); // { tariffId, currency, energy: { prices: [...] }, ... }
 */
export function tariffToOcpp(tariff: Tariff, options: OcppExportOptions = {}): Converted<OcppTariff> {
  const notes = new Notes();
  const dimTaxes = taxesByDimension(tariff, notes, options.taxDate);
  const pricesInclude = tariff.pricesInclude ?? resolveMarket(tariff.market, tariff.taxes !== undefined).market?.pricesInclude ?? "none";
  const taxRatesOf = (d: Dimension): OcppTaxRate[] | undefined => {
    const rules = dimTaxes[d].rules;
    if (!rules.length) return undefined;
    const out: OcppTaxRate[] = [];
    for (const r of rules) {
      const method = r.method ?? "added";
      if (method === "inside") notes.warn(tariff.taxes ? "/taxes" : "/market", `${r.name} is computed inside the price, which OCPP tax rates cannot say; written as a rate on the net`);
      out.push({ type: r.name.slice(0, 20), tax: jsonNumber(new Dec(r.rate!).times(100)), ...(method === "compound" ? { stack: 1 } : {}) });
    }
    if (out.length > 5) notes.warn(tariff.taxes ? "/taxes" : "/market", `OCPP carries at most 5 tax rates per dimension; ${d} has ${out.length}`);
    return out.slice(0, 5);
  };
  const net = (price: string, d: Dimension, at: string): Dec => {
    const p = new Dec(price);
    if (pricesInclude !== "tax" || !dimTaxes[d].vatPercent || dimTaxes[d].vatPercent!.isZero()) return p;
    const excl = p.div(ONE.plus(dimTaxes[d].vatPercent!.div(100)));
    notes.warn(at, `OCPP prices exclude tax: ${price} including tax is written as ${plain(roundTo(excl, 8))}; totals may round differently`);
    return roundTo(excl, 8);
  };
  const stepWarn = (rate: Rate, at: string) => {
    if (rate.step !== undefined) notes.warn(`${at}/step`, "OCPP 2.1 tariffs have no billing step: dropped, so the quantity is priced as measured");
  };
  const out: OcppTariff = { tariffId: tariff.id, currency: tariff.currency };
  const description = Object.entries(tariff.name ?? {}).map(([language, content]) => ({ format: "UTF8" as const, language: language.slice(0, 8), content }));
  if (description.length) out.description = description.slice(0, 10);
  if (description.length > 10) notes.warn("/name", "OCPP carries at most 10 descriptions; the rest are dropped");
  if (tariff.validFrom) out.validFrom = formatInstant(parseInstant(tariff.validFrom));
  if (tariff.validTo) notes.warn("/validTo", "OCPP 2.1 tariffs have no end of validity: dropped");
  const withTax = <T extends object>(prices: T[], d: Dimension) => {
    const taxRates = taxRatesOf(d);
    return { prices, ...(taxRates ? { taxRates } : {}) };
  };
  if (tariff.energy.length)
    out.energy = withTax(
      tariff.energy.map((r, i) => {
        stepWarn(r, `/energy/${i}`);
        const conditions = conditionsOf(r.when, `/energy/${i}/when`, notes);
        return { priceKwh: jsonNumber(net(r.price, "energy", `/energy/${i}/price`)), ...(conditions ? { conditions } : {}) };
      }),
      "energy",
    );
  for (const [d, key] of [
    ["time", "chargingTime"],
    ["idle", "idleTime"],
  ] as const) {
    if (!tariff[d].length) continue;
    out[key] = withTax(
      tariff[d].map((r, i) => {
        stepWarn(r, `/${d}/${i}`);
        const perMinute = net(r.price, d, `/${d}/${i}/price`).div(60);
        if (perMinute.decimalPlaces() > MINUTE_DECIMALS)
          notes.warn(`/${d}/${i}/price`, `OCPP prices time per minute: ${r.price} per hour is ${plain(roundTo(perMinute, MINUTE_DECIMALS))}… per minute, rounded to ${MINUTE_DECIMALS} decimals`);
        const conditions = conditionsOf(r.when, `/${d}/${i}/when`, notes);
        return { priceMinute: jsonNumber(roundTo(perMinute, MINUTE_DECIMALS)), ...(conditions ? { conditions } : {}) };
      }),
      d,
    );
  }
  if (tariff.flat.length)
    out.fixedFee = withTax(
      tariff.flat.map((r, i) => {
        const conditions = fixedConditionsOf(r.when, `/flat/${i}/when`, notes);
        return { priceFixed: jsonNumber(net(r.price, "flat", `/flat/${i}/price`)), ...(conditions ? { conditions } : {}) };
      }),
      "flat",
    );
  const priced = (["energy", "time", "idle", "flat"] as const).filter((d) => tariff[d].length);
  const vats = priced.map((d) => dimTaxes[d].vatPercent ?? new Dec(0));
  const single = vats.length && vats.every((v) => v.eq(vats[0]!)) ? vats[0]! : undefined;
  for (const [key, value] of [
    ["minCost", tariff.minPrice],
    ["maxCost", tariff.maxPrice],
  ] as const) {
    if (value == null) continue;
    const v = new Dec(value);
    const factor = single ? ONE.plus(single.div(100)) : undefined;
    if (pricesInclude === "tax") out[key] = { inclTax: jsonNumber(v), ...(factor ? { exclTax: jsonNumber(roundTo(v.div(factor), 4)) } : {}) };
    else out[key] = { exclTax: jsonNumber(v), ...(factor ? { inclTax: jsonNumber(roundTo(v.times(factor), 4)) } : {}) };
  }
  return { value: out, warnings: notes.warnings };
}

/** The market an OCPP tariff is read in: given, or the one listed market using its currency. */
function marketFor(currency: string, at: string, notes: Notes, given?: string): string | undefined {
  if (given) {
    const { problem } = resolveMarket(given.toUpperCase(), true);
    if (problem) notes.error("", `market ${given} ${problem}`);
    return given.toUpperCase();
  }
  const users = listMarkets().filter((m) => m.currencies.includes(currency) && !m.requiresRegion);
  if (users.length === 1) return users[0]!.code;
  notes.error(`${at}/currency`, `an OCPP tariff names no country and ${users.length ? `several markets use ${currency} (${users.map((m) => m.code).join(", ")})` : `no listed market uses ${currency}`}: pass a market`);
  return undefined;
}

function rangeOf(min: number | undefined, max: number | undefined, scale: (n: number) => Dec, at: string, notes: Notes): Range | undefined {
  const text = (n: number, key: string) => {
    const d = scale(n);
    if (d.isNegative()) {
      notes.error(`${at}/${key}`, "must not be negative");
      return undefined;
    }
    if (d.decimalPlaces() > 6) notes.warn(`${at}/${key}`, "has more decimals than a v1 tariff keeps; rounded");
    return plain(roundTo(d, 6));
  };
  const lo = min !== undefined && min !== 0 ? text(min, "min") : undefined;
  const hi = max !== undefined ? text(max, "max") : undefined;
  if (lo === undefined && hi === undefined) return undefined;
  return { ...(lo !== undefined ? { min: lo } : {}), ...(hi !== undefined ? { max: hi } : {}) };
}

function whenOf(c: (OcppTariffConditions & OcppTariffConditionsFixed) | undefined, at: string, notes: Notes): { when?: Conditions; never: boolean } {
  if (!c) return { never: false };
  const when: { -readonly [K in keyof Conditions]: Conditions[K] } = {};
  let never = false;
  if (c.dayOfWeek) {
    const days = [...new Set(c.dayOfWeek.map((d) => V1_DAY[d]))];
    if (days.length < 7) when.days = days;
  }
  const s = c.startTimeOfDay;
  const e = c.endTimeOfDay;
  if (s !== undefined && e !== undefined && s === e) {
    notes.warn(`${at}/endTimeOfDay`, "equals startTimeOfDay: the price never applies and is left out");
    never = true;
  } else if ((s ?? "00:00") !== "00:00" || (e ?? "00:00") !== "00:00") when.timeOfDay = { from: s ?? "00:00", to: e === undefined || e === "00:00" ? "24:00" : e };
  if (c.validFromDate || c.validToDate) when.dates = { ...(c.validFromDate ? { from: c.validFromDate } : {}), ...(c.validToDate ? { to: c.validToDate } : {}) };
  const perK = (n: number) => decOf(n).div(1000);
  const perMin = (n: number) => decOf(n).div(60);
  const pairs: [keyof Conditions, number | undefined, number | undefined, (n: number) => Dec, string, string][] = [
    ["energyKWh", c.minEnergy, c.maxEnergy, perK, "minEnergy", "maxEnergy"],
    ["powerKW", c.minPower, c.maxPower, perK, "minPower", "maxPower"],
    ["sessionMinutes", c.minTime, c.maxTime, perMin, "minTime", "maxTime"],
    ["idleMinutes", c.minIdleTime, c.maxIdleTime, perMin, "minIdleTime", "maxIdleTime"],
  ];
  for (const [key, min, max, scale, minKey, maxKey] of pairs) {
    if (min !== undefined && max !== undefined && !(min < max)) {
      notes.warn(`${at}/${maxKey}`, `is not above ${minKey}: the price never applies and is left out`);
      never = true;
      continue;
    }
    const r = rangeOf(min, max, scale, at, notes);
    if (r) (when as Record<string, Range>)[key] = r;
  }
  for (const key of ["minCurrent", "maxCurrent", "minChargingTime", "maxChargingTime", "evseKind", "paymentBrand", "paymentRecognition"] as const)
    if (c[key] !== undefined) notes.warn(`${at}/${key}`, "v1 tariffs have no such condition: dropped, so the price also applies otherwise");
  return { ...(Object.keys(when).length ? { when } : {}), never };
}

/**
 * Reads an OCPP 2.1 `TariffType` (or a SetDefaultTariffRequest carrying one) as a v1 tariff. OCPP
 * tariffs name no country: the market is given, or the one listed market using the currency.
 * Errors point into the OCPP document.
 *
 * @example
 * const { value, warnings } = ocppToTariff(JSON.parse(text), { market: "NL" });
 */
export function ocppToTariff(doc: unknown, options: OcppImportOptions = {}): Converted<Tariff> {
  const notes = new Notes();
  const wrapped = isObject(doc) && "tariff" in doc && "evseId" in doc;
  const at = wrapped ? "/tariff" : "";
  const body = wrapped ? (doc as Record<string, unknown>).tariff : doc;
  const parsed = ocppTariffSchema.safeParse(body, BARE_ISSUES);
  if (!parsed.success) {
    for (const i of fromZodIssues(parsed.error.issues, body)) notes.error(at + i.path, i.message);
    notes.check("OCPP tariff");
  }
  const t = parsed.data as unknown as OcppTariff;
  if (t.validFrom !== undefined && instantProblem(t.validFrom)) notes.error(`${at}/validFrom`, instantProblem(t.validFrom)!);
  const market = marketFor(t.currency, at, notes, options.market);
  let timeZone = options.timeZone;
  if (timeZone !== undefined && !isTimeZone(timeZone)) notes.error("", `the time zone ${timeZone} is not an IANA time zone`);
  if (market && timeZone === undefined) {
    const zones = findMarket(market)?.timeZones ?? [];
    if (zones.length === 1) timeZone = zones[0];
    else if (zones.length > 1) notes.error("", `market ${market} spans several zones (${zones.join(", ")}): pass the station's time zone`);
    else {
      notes.warn("", "an OCPP tariff carries no time zone: local times are read in UTC; pass the station's time zone");
      timeZone = "UTC";
    }
  }
  notes.check("OCPP tariff");

  const rates: Record<Dimension, Rate[]> = { energy: [], time: [], idle: [], flat: [] };
  const percents: Partial<Record<Dimension, OcppTaxRate[]>> = {};
  const read = (d: Dimension, key: "energy" | "chargingTime" | "idleTime" | "fixedFee") => {
    const list = t[key];
    if (!list) return;
    if (list.taxRates) percents[d] = list.taxRates;
    list.prices.forEach((p, i) => {
      const pAt = `${at}/${key}/prices/${i}`;
      const raw = "priceKwh" in p ? p.priceKwh : "priceMinute" in p ? p.priceMinute : (p as { priceFixed: number }).priceFixed;
      let price = decOf(raw);
      if (price.isNegative()) return notes.error(`${pAt}`, "a negative price is not supported");
      if ("priceMinute" in p) {
        const hour = price.times(60);
        const r6 = roundTo(hour, 6);
        // A per-minute price written with 10 decimals comes back to its 6-decimal hourly price.
        if (!hour.minus(r6).abs().lte(new Dec(60).times("1e-10"))) notes.warn(`${pAt}/priceMinute`, `${raw} per minute is ${plain(hour)} per hour, more decimals than a v1 tariff keeps; rounded`);
        price = r6;
      } else if (price.decimalPlaces() > 6) {
        notes.warn(pAt, "has more decimals than a v1 tariff keeps; rounded");
        price = roundTo(price, 6);
      }
      const { when, never } = whenOf(p.conditions as OcppTariffConditions & OcppTariffConditionsFixed, `${pAt}/conditions`, notes);
      if (never) return;
      rates[d].push({ price: plain(price), ...(when ? { when } : {}) });
    });
  };
  read("energy", "energy");
  read("time", "chargingTime");
  read("idle", "idleTime");
  read("flat", "fixedFee");
  for (const key of ["reservationTime", "reservationFixed"] as const)
    if (t[key]) notes.warn(`${at}/${key}`, "v1 tariffs have no reservations: not kept");

  // Taxes: one v1 tax per distinct (type, tax, stack), applying to the dimensions that list it.
  const groups = new Map<string, { rate: OcppTaxRate; dims: Dimension[] }>();
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    for (const r of percents[d] ?? []) {
      if ((r.stack ?? 0) > 1) notes.warn(`${at}`, `tax ${r.type} has stack ${r.stack}; v1 compounds on the added taxes only (stack 1)`);
      const key = `${r.type}@${r.tax}@${Math.min(r.stack ?? 0, 1)}`;
      const g = groups.get(key);
      if (g) g.dims.push(d);
      else groups.set(key, { rate: r, dims: [d] });
    }
  }
  const taxes: TariffTax[] = [...groups.values()].map(({ rate, dims }) => ({
    name: rate.type || "Tax",
    rate: plain(roundTo(decOf(rate.tax).div(100), 6)),
    appliesTo: dims,
    ...((rate.stack ?? 0) >= 1 ? { method: "compound" as const } : {}),
    source: "OCPP taxRates",
  }));
  const limit = (key: "minCost" | "maxCost"): string | undefined => {
    const p = t[key];
    if (!p) return undefined;
    if (p.exclTax === undefined) {
      notes.warn(`${at}/${key}`, "has no exclTax, the price basis of an OCPP tariff: inclTax is used");
      return p.inclTax !== undefined ? plain(roundTo(decOf(p.inclTax), 6)) : undefined;
    }
    return plain(roundTo(decOf(p.exclTax), 6));
  };
  const minPrice = limit("minCost");
  const maxPrice = limit("maxCost");
  const name: Record<string, string> = {};
  (t.description ?? []).forEach((m, i) => {
    const lang = (m.language ?? "en").toLowerCase();
    if (m.language === undefined) notes.warn(`${at}/description/${i}/language`, 'is missing: read as "en"');
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) return notes.warn(`${at}/description/${i}/language`, "is not a language tag v1 accepts; left out");
    if (lang in name) return notes.warn(`${at}/description/${i}`, `a second text in "${lang}"; the first is kept`);
    if (m.content.length > 200) notes.warn(`${at}/description/${i}/content`, "is longer than the 200 characters of a v1 name; shortened");
    if (m.format !== "UTF8" && m.format !== "ASCII") notes.warn(`${at}/description/${i}/format`, `${m.format} text is kept as plain text`);
    name[lang] = m.content.slice(0, 200);
  });
  const id = t.tariffId.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 36);
  if (id !== t.tariffId) notes.warn(`${at}/tariffId`, `"${t.tariffId}" is not a v1 id (1-36 of A-Z a-z 0-9 . _ -); written as "${id}"`);
  notes.check("OCPP tariff");
  const v1 = {
    version: 1,
    id,
    ...(Object.keys(name).length ? { name } : {}),
    market,
    currency: t.currency,
    timeZone,
    pricesInclude: "none",
    ...(t.validFrom ? { validFrom: formatInstant(parseInstant(t.validFrom)) } : {}),
    ...rates,
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    taxes,
  };
  if (!groups.size && findMarket(market!)?.taxes.length)
    notes.warn(at || "/", `names no tax rates: the v1 tariff states no taxes (remove its \`taxes\` to use market ${market}'s table)`);
  const result = safeParseTariff(v1);
  if (!result.ok) throw new TariffError(result.issues.map((i) => ({ path: at, message: `the v1 tariff it makes is invalid at ${i.path}: ${i.message}` })), "OCPP tariff");
  return { value: result.value, warnings: notes.warnings };
}

// ---------------------------------------------------------------------------------------------
// Cost details

const num = (money: string) => Number(money);

/**
 * Prices a session into an OCPP 2.1 `CostDetailsType`, the form in which a charging station reports
 * a transaction's cost: one charging period per stretch in which the prices in force do not change,
 * with its energy (Wh), charging time and idle time (s); the cost per component and the total,
 * excluding and including tax, in the currency's digits (the receipt's amounts); the usage.
 *
 * @example
 * const details = costDetails(parseTariff(json), parseSession(sessionJson));
 * details.totalCost.total // { exclTax: 8.49, inclTax: 9 }
 */
export function costDetails(tariff: Tariff | CompiledTariff, session: Session): OcppCostDetails {
  const ct = compiledFor(tariff);
  const run = runPricing(ct, session);
  const r = run.receipt;
  const byComponent = (component: string): OcppTotalPrice | undefined => {
    const lines = r.lines.filter((l) => l.component === component);
    if (!lines.length) return undefined;
    const sum = (f: "net" | "gross") => lines.reduce((acc, l) => acc.plus(l[f]), new Dec(0));
    return { exclTax: jsonNumber(sum("net")), inclTax: jsonNumber(sum("gross")) };
  };
  // Charging periods: consecutive slices with the same state and the same rates.
  const periods: NonNullable<OcppCostDetails["chargingPeriods"]> = [];
  let lastKey = "";
  for (const s of run.slices) {
    const rateKey = (["energy", "time", "idle"] as const)
      .map((d) => {
        const rate = ct.rates[d].find((x) => x.checks.every((c) => c.holds(s.context)));
        return rate ? rate.pointer : "-";
      })
      .join(",");
    const key = `${s.charging}|${rateKey}`;
    const ms = s.to.minus(s.from);
    const energyWh = s.energyTo.minus(s.energyFrom).times(1000);
    if (key !== lastKey || !periods.length) {
      periods.push({ tariffId: r.tariffId, startPeriod: formatInstant(floorNumber(s.from)), dimensions: [] });
      lastKey = key;
    }
    const dims = periods[periods.length - 1]!.dimensions!;
    const addDim = (type: "Energy" | "ChargingTime" | "IdleTIme", v: Dec) => {
      const d = dims.find((x) => x.type === type);
      if (d) d.volume = jsonNumber(roundTo(decOf(d.volume).plus(v), 3));
      else dims.push({ type, volume: jsonNumber(roundTo(v, 3)) });
    };
    if (s.charging) {
      addDim("Energy", energyWh);
      addDim("ChargingTime", ms.div(1000));
    } else addDim("IdleTIme", ms.div(1000));
  }
  for (const p of periods) if (!p.dimensions!.length) delete p.dimensions;
  const chargingMs = run.slices.filter((s) => s.charging).reduce((acc, s) => acc.plus(s.to.minus(s.from)), new Dec(0));
  const idleMs = run.slices.filter((s) => !s.charging).reduce((acc, s) => acc.plus(s.to.minus(s.from)), new Dec(0));
  const cost: OcppCostDetails["totalCost"] = {
    currency: r.currency,
    typeOfCost: r.lines.some((l) => l.component === "minimum") ? "MinCost" : r.lines.some((l) => l.component === "maximum") ? "MaxCost" : "NormalCost",
    total: { exclTax: num(r.totals.net), inclTax: num(r.totals.gross) },
  };
  const parts = { fixed: byComponent("flat"), energy: byComponent("energy"), chargingTime: byComponent("time"), idleTime: byComponent("idle") };
  for (const [k, v] of Object.entries(parts)) if (v) (cost as unknown as Record<string, OcppTotalPrice>)[k] = v;
  return {
    ...(periods.length ? { chargingPeriods: periods } : {}),
    totalCost: cost,
    totalUsage: {
      energy: jsonNumber(run.profile.energyKWh.times(1000)),
      chargingTime: chargingMs.div(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber(),
      idleTime: idleMs.div(1000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber(),
    },
  };
}

