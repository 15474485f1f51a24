import type { CompiledTariff } from "../compile/compile.js";
import { findMarket } from "../markets/index.js";
import { currency as findCurrency } from "../money/currencies.js";
import { Dec } from "../money/decimal.js";
import type { Conditions, Range, Rate, Tariff } from "../schema/types.js";
import type { ZoneProvider } from "../time/zones.js";
import { localeFormat, type LocaleFormat } from "./format.js";
import type { Phrases } from "./phrases.js";

/** Options of the driver-text functions. */
export interface TextOptions {
  /** Words to use instead of the language's own (numbers and dates still follow the locale). */
  readonly phrases?: Phrases;
  /**
   * Where receipt times get the station zone's offsets: Intl (default) or `embeddedZones` (without
   * Intl). When the zone cannot be had at all, receipts show UTC and say so.
   */
  readonly zones?: ZoneProvider;
}

/** Monday-first, as the phrase tables' `dayNames`. */
const WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY = 86_400_000;

/**
 * The tariff in plain words for drivers, one sentence per line, in the order EU AFIR (Regulation
 * (EU) 2023/1804, art. 5) lists ad hoc price components: price per kWh, per minute, per session,
 * then the blocking (idle) fee with its grace period, min/max, and whether prices include tax.
 * Time-of-use and other conditions are stated in words; rates are read in the tariff's
 * first-match order ("…; otherwise …"), and what no rate covers is "free".
 *
 * Per-hour prices are shown per minute when that is exact within the currency's digits plus two
 * (3.00/h → 0.05 per minute), else per hour. `locale`: a BCP 47 tag in one of en, es, pt, el,
 * nl, fr (default, and for other languages: the market's first such language, else English).
 *
 * @example
 * describeTariff(tariff, "en-GB")
 * // "DC 150 kW, time of use\nEnergy: €0.59 per kWh from 17:00 to 21:00; otherwise …"
 */
export function describeTariff(tariff: Tariff | CompiledTariff, locale?: string, options: TextOptions = {}): string {
  return tariffSentences(tariff, locale, options).join("\n");
}

/** `describeTariff` as a list of sentences (the first may be the tariff's name). */
export function tariffSentences(tariff: Tariff | CompiledTariff, locale?: string, options: TextOptions = {}): string[] {
  const t: Tariff = "rates" in tariff && "zone" in tariff ? tariff.tariff : (tariff as Tariff);
  const fmt = localeFormat(locale, t.market, options.phrases);
  const P = fmt.phrases;
  const digits = findCurrency(t.currency)?.settlementDigits ?? 2;
  const price = (p: string | Dec) => fmt.money(p, t.currency, digits);
  const out: string[] = [];

  const name = t.name?.[fmt.lang] ?? t.name?.en;
  if (name) out.push(name);

  const dims: string[] = [];
  const energy = dimensionText(t.energy, "energy", fmt, digits, price);
  if (energy) dims.push(P.energyLabel(energy));
  const time = dimensionText(t.time, "time", fmt, digits, price);
  if (time) dims.push(P.timeLabel(time));
  const flat = dimensionText(t.flat, "flat", fmt, digits, price);
  if (flat) dims.push(P.flatLabel(flat));
  const idle = dimensionText(t.idle, "idle", fmt, digits, price);
  if (idle) dims.push(P.idleLabel(idle));
  out.push(...(dims.length ? dims : [P.freeCharging]));

  if (t.minPrice != null) out.push(P.minPrice(price(t.minPrice)));
  if (t.maxPrice != null) out.push(P.maxPrice(price(t.maxPrice)));
  const include = t.pricesInclude ?? findMarket(t.market)?.pricesInclude ?? "none";
  out.push(include === "tax" ? P.pricesIncludeTax : P.pricesExcludeTax);
  return out;
}

type Dim = "energy" | "time" | "idle" | "flat";

/** A dimension's rates in first-match order, up to the first that always applies. */
function dimensionText(rates: readonly Rate[], dim: Dim, fmt: LocaleFormat, digits: number, price: (p: string | Dec) => string): string | undefined {
  const P = fmt.phrases;
  const parts: string[] = [];
  let always = false;
  for (const rate of rates) {
    const condition = conditionText(rate.when, fmt);
    parts.push(condition ? `${rateText(rate, dim, fmt, digits, price)} ${condition}` : rateText(rate, dim, fmt, digits, price));
    if (!condition) {
      always = true;
      break;
    }
  }
  if (parts.length === 0) return undefined;
  if (!always) parts.push(P.free);
  return parts.reduceRight((rest, part) => P.otherwise(part, rest));
}

function rateText(rate: Rate, dim: Dim, fmt: LocaleFormat, digits: number, price: (p: string | Dec) => string): string {
  const P = fmt.phrases;
  const value = new Dec(rate.price);
  if (value.isZero()) return P.free;
  let text: string;
  if (dim === "energy") text = P.perKWh(price(value));
  else if (dim === "flat") text = price(value);
  else {
    const perMinute = value.div(60);
    text = perMinute.decimalPlaces() <= digits + 2 ? P.perMinute(price(perMinute)) : P.perHour(price(value));
  }
  if (rate.step === undefined || dim === "flat") return text;
  const step = new Dec(rate.step);
  if (dim === "energy") return `${text} (${P.stepKWh(fmt.number(step))})`;
  const seconds = step.toNumber();
  const stepText = seconds % 60 === 0 ? P.stepMinutes(fmt.number(step.div(60)), seconds / 60) : P.stepSeconds(fmt.number(step), seconds);
  return `${text} (${stepText})`;
}

/** The conditions of a rate in words, joined by commas; "" when they always hold. */
function conditionText(when: Conditions | undefined, fmt: LocaleFormat): string {
  if (!when) return "";
  const P = fmt.phrases;
  const parts: string[] = [];
  if (when.days) {
    const days = [...new Set(when.days.map((d) => WEEK.indexOf(d)))].sort((a, b) => a - b);
    if (days.length < 7) parts.push(daysText(days, P));
  }
  if (when.timeOfDay) parts.push(P.timeOfDay(fmt.time(msOfDay(when.timeOfDay.from)), fmt.time(msOfDay(when.timeOfDay.to))));
  if (when.dates && (when.dates.from || when.dates.to)) {
    const { from, to } = when.dates;
    const last = to ? fmt.date(dayBefore(to)) : undefined;
    parts.push(from && last ? P.datesBetween(fmt.date(from), last) : from ? P.datesFrom(fmt.date(from)) : P.datesUntil(last!));
  }
  const range = (r: Range | undefined, below: (m: string, c: number) => string, from: (m: string, c: number) => string, between: (a: string, b: string) => string) => {
    if (!r) return;
    const min = r.min !== undefined && !new Dec(r.min).isZero() ? new Dec(r.min) : undefined;
    const max = r.max !== undefined ? new Dec(r.max) : undefined;
    if (min && max) parts.push(between(fmt.number(min), fmt.number(max)));
    else if (max) parts.push(below(fmt.number(max), max.toNumber()));
    else if (min) parts.push(from(fmt.number(min), min.toNumber()));
  };
  range(when.energyKWh, P.energyBelow, P.energyFrom, P.energyBetween);
  range(when.powerKW, P.powerBelow, P.powerFrom, P.powerBetween);
  range(when.sessionMinutes, P.sessionBelow, P.sessionFrom, P.sessionBetween);
  range(when.idleMinutes, P.idleBelow, P.idleFrom, P.idleBetween);
  return parts.join(", ");
}

/** Days (0 = Monday) as ranges of three or more ("Monday to Friday") and single days ("on Saturday and Sunday"). */
function daysText(days: readonly number[], P: Phrases): string {
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  const items: string[] = [];
  let singles: number[] = [];
  const flush = () => {
    if (singles.length) items.push(P.daySingles(singles));
    singles = [];
  };
  for (const run of runs) {
    if (run.length >= 3) {
      flush();
      items.push(P.dayRange(run[0]!, run[run.length - 1]!));
    } else singles.push(...run);
  }
  flush();
  return P.list(items);
}

function msOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h! * 60 + m!) * 60_000;
}

function dayBefore(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) - DAY).toISOString().slice(0, 10);
}
