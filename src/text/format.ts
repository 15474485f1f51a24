/**
 * Locale formatting for driver text: money, numbers, percentages, dates and times.
 *
 * With Intl, the digits are still ours: amounts are never turned into binary floats. The integer
 * part goes to `Intl.NumberFormat#formatToParts` as a BigInt (exact), which gives the locale's
 * grouping, separators, currency symbol and its placement; the fraction digits are put back from
 * the exact decimal string. Without Intl (a charger's small JS engine), or when a formatter is
 * missing or throws, the language's fixed formats shipped in src/text/lang/ are used instead.
 *
 * Dates and times are wall-clock values already converted to the station's zone by the caller
 * (src/time/zones.ts); Intl formats them as UTC, so the host's zone never enters.
 */
import { findMarket } from "../markets/index.js";
import { currency as findCurrency } from "../money/currencies.js";
import { Dec, withoutTrailingZeros } from "../money/decimal.js";
import { LANGUAGES } from "./lang/index.js";
import { LANGS, type FixedFormat, type Lang, type Language, type Phrases } from "./phrases.js";

/** A locale resolved for driver text: the language whose phrases are used, and the locale for formats. */
export interface TextLocale {
  readonly lang: Lang;
  readonly locale: string;
}

/** Formatting in one locale, for one piece of text. */
export interface LocaleFormat extends TextLocale {
  readonly phrases: Phrases;
  /** An exact decimal amount with the currency: at least the currency's settlement digits, more when the amount has them. */
  money(amount: string | Dec, currency: string, minDigits?: number): string;
  /** An exact decimal number, with as many decimals as it has. */
  number(value: string | Dec): string;
  /** A rate as a fraction ("0.21") as a percentage ("21%"). */
  percent(rate: string): string;
  /** A local time of day, ms since midnight. */
  time(msOfDay: number): string;
  /** A local calendar date "YYYY-MM-DD". */
  date(isoDate: string): string;
  /** A local wall-clock time (ms, read as UTC): date and time. */
  dateTime(localMs: number): string;
}

const NBSP = "\u00a0";
const DAY = 86_400_000;

/** Currency symbols for the fixed formats, in the markets where they are the home currency. */
const HOME_SYMBOLS: Readonly<Record<string, string>> = {
  EUR: "€",
  USD: "$",
  MXN: "$",
  CLP: "$",
  UYU: "$",
  COP: "$",
  JMD: "$",
  BRL: "R$",
  GTQ: "Q",
  CRC: "₡",
  AWG: "Afl.",
};
/** Symbols understood everywhere. */
const GLOBAL_SYMBOLS: Readonly<Record<string, string>> = { EUR: "€", BRL: "R$", GBP: "£" };

function hasIntl(kind: "NumberFormat" | "DateTimeFormat"): boolean {
  return typeof Intl !== "undefined" && Intl !== null && typeof Intl[kind] === "function" && typeof Intl[kind].prototype?.formatToParts === "function";
}

function canonical(tag: string): string | undefined {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return undefined;
  try {
    if (typeof Intl !== "undefined" && typeof Intl.getCanonicalLocales === "function") return Intl.getCanonicalLocales(tag)[0];
  } catch {
    // a partial Intl: canonicalize by hand below
  }
  const [lang, ...rest] = tag.split("-");
  return [lang!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join("-");
}

function supported(tag: string): boolean {
  if (!hasIntl("NumberFormat")) return true;
  try {
    return Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
  } catch {
    return false;
  }
}

/**
 * The language and locale driver text uses: the requested locale when its language is one of en,
 * es, pt, el, nl, fr; otherwise the first such language of the market (pap-AW → nl-AW, de-BE →
 * nl-BE); otherwise English.
 *
 * @example
 * resolveTextLocale("pap-AW", "AW") // { lang: "nl", locale: "nl-AW" }
 * resolveTextLocale(undefined, "GR") // { lang: "el", locale: "el-GR" }
 */
export function resolveTextLocale(locale: string | undefined, market?: string): TextLocale {
  const candidates = [locale, ...(market ? (findMarket(market)?.languages ?? []) : []), "en"];
  for (const c of candidates) {
    if (!c) continue;
    const tag = canonical(c);
    if (!tag) continue;
    const lang = tag.split("-")[0]!.toLowerCase();
    if (!(LANGS as readonly string[]).includes(lang)) continue;
    return { lang: lang as Lang, locale: supported(tag) ? tag : LANGUAGES[lang as Lang].locale };
  }
  return { lang: "en", locale: "en" };
}

/** Splits an exact decimal into sign, integer digits and fraction digits (trailing zeros kept up to `minDigits`). */
function digitsOf(value: string | Dec, minDigits: number): { negative: boolean; int: string; frac: string } {
  const d = typeof value === "string" ? new Dec(value) : value;
  const text = d.abs().toFixed();
  const [int, rawFrac = ""] = text.split(".");
  const trimmed = withoutTrailingZeros(rawFrac);
  return { negative: d.isNegative() && !d.isZero(), int: int!, frac: trimmed.padEnd(minDigits, "0") };
}

function groupDigits(int: string, group: string, minGroupDigits: number): string {
  if (int.length < 4 + (minGroupDigits - 1)) return int;
  // Groups of three from the right, in one pass (the look-ahead /\B(?=(\d{3})+(?!\d))/g is quadratic).
  let out = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = out.length; i < int.length; i += 3) out += group + int.slice(i, i + 3);
  return out;
}

/**
 * Formatting for a locale. `market` chooses the fallback's currency symbols (a home currency gets
 * its symbol, "$" for pesos in Mexico; others their ISO code) and the language when `locale` is
 * not one of the six.
 */
export function localeFormat(locale: string | undefined, market?: string, phrases?: Phrases): LocaleFormat {
  const resolved = resolveTextLocale(locale, market);
  const language: Language = LANGUAGES[resolved.lang];
  const region = resolved.locale.split("-").find((p, i) => i > 0 && /^[A-Z]{2}$/.test(p));
  const fixed: FixedFormat = { ...language.fixed, ...(region ? language.regions?.[region] : undefined) };
  const homeCurrency = market ? findMarket(market)?.currencies[0] : undefined;
  const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let f = cache.get(key) as Intl.NumberFormat | undefined;
    if (!f) cache.set(key, (f = new Intl.NumberFormat(resolved.locale, options)));
    return f;
  };
  const dateFormat = (key: string, options: Intl.DateTimeFormatOptions) => {
    let f = cache.get(key) as Intl.DateTimeFormat | undefined;
    if (!f) cache.set(key, (f = new Intl.DateTimeFormat(resolved.locale, { ...options, timeZone: "UTC" })));
    return f;
  };

  /** Exact digits through Intl: the integer part as a BigInt, the fraction put back as written. */
  const viaIntl = (key: string, options: Intl.NumberFormatOptions, value: { negative: boolean; int: string; frac: string }): string | undefined => {
    if (!hasIntl("NumberFormat") || typeof BigInt !== "function") return undefined;
    try {
      const n = value.frac.length;
      const f = numberFormat(`${key}:${n}`, { ...options, minimumFractionDigits: n, maximumFractionDigits: n });
      const big = BigInt(value.int);
      const zero = big === 0n;
      const template = value.negative ? (zero ? -1n : -big) : big;
      let out = "";
      for (const part of f.formatToParts(template as unknown as number)) {
        if (part.type === "integer") out += zero ? "0" : part.value;
        else if (part.type === "fraction") out += value.frac;
        else out += part.value;
      }
      return out;
    } catch {
      return undefined;
    }
  };

  const fixedNumber = (value: { negative: boolean; int: string; frac: string }): string => {
    const body = groupDigits(value.int, fixed.group, fixed.minGroupDigits) + (value.frac ? fixed.decimal + value.frac : "");
    return value.negative ? `-${body}` : body;
  };

  const symbolOf = (code: string): string => {
    if (code === homeCurrency && HOME_SYMBOLS[code] && !(code === "USD" && market === "PA")) return HOME_SYMBOLS[code]!;
    if (GLOBAL_SYMBOLS[code]) return GLOBAL_SYMBOLS[code]!;
    if (code === "USD" && resolved.lang === "en") return "$";
    return code;
  };

  const money = (amount: string | Dec, code: string, minDigits?: number): string => {
    const digits = minDigits ?? findCurrency(code)?.settlementDigits ?? 2;
    const value = digitsOf(amount, digits);
    const intl = viaIntl(`c:${code}`, { style: "currency", currency: code }, value);
    if (intl !== undefined) return intl;
    const symbol = symbolOf(code);
    // An ISO code as the symbol is always set apart by a space ("USD 0.45").
    const pattern = (/^[A-Z]{3}$/.test(symbol) && fixed.currency === "¤n" ? "¤ n" : fixed.currency).replace(/ /g, NBSP);
    const body = fixedNumber({ ...value, negative: false });
    const signed = fixed.minus === "number" && value.negative ? `-${body}` : body;
    const text = pattern.replace(/[¤n]/g, (m) => (m === "¤" ? symbol : signed));
    return value.negative && fixed.minus === "start" ? `-${text}` : text;
  };

  const number = (value: string | Dec): string => {
    const v = digitsOf(value, 0);
    return viaIntl("d", { style: "decimal", useGrouping: true }, v) ?? fixedNumber(v);
  };

  const percent = (rate: string): string => {
    const v = digitsOf(new Dec(rate).times(100), 0);
    return viaIntl("p", { style: "unit", unit: "percent" }, v) ?? fixed.percent.replace(/ /g, NBSP).replace("n", fixedNumber(v));
  };

  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = (ms: number) => {
    const d = new Date(ms);
    const s = d.getUTCSeconds();
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s ? `:${pad(s)}` : ""}`;
  };
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const withDates = (key: string, options: Intl.DateTimeFormatOptions, ms: number): string | undefined => {
    if (!hasIntl("DateTimeFormat")) return undefined;
    try {
      return dateFormat(key, options).format(ms);
    } catch {
      return undefined;
    }
  };
  const timeStyle = (ms: number): "short" | "medium" => (Math.floor(ms / 1000) % 60 !== 0 ? "medium" : "short");

  return {
    ...resolved,
    phrases: phrases ?? language.phrases,
    money,
    number,
    percent,
    time: (msOfDay) => {
      const ms = Date.UTC(2000, 0, 1) + (((msOfDay % DAY) + DAY) % DAY);
      return withDates(`t:${timeStyle(ms)}`, { timeStyle: timeStyle(ms) }, ms) ?? clock(ms);
    },
    date: (iso) => {
      const [y, m, d] = iso.split("-").map(Number);
      const ms = Date.UTC(y!, m! - 1, d!);
      return withDates("d", { dateStyle: "long" }, ms) ?? iso;
    },
    dateTime: (localMs) =>
      withDates(`dt:${timeStyle(localMs)}`, { dateStyle: "medium", timeStyle: timeStyle(localMs) }, localMs) ?? `${isoDate(localMs)} ${clock(localMs)}`,
  };
}
