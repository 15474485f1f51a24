/**
 * The pricing options `price`, `explain` and `batch` share: `--max-session-days`, `--ignore-validity`
 * and `--currency` with `--rate`, each checked before any file is read, and the library's wording of
 * the session-length limit turned into the flag's.
 */
import { currency as findCurrency } from "../money/currencies.js";
import type { PriceOptions } from "../price/price-session.js";
import { MAX_SESSION_DAYS } from "../schema/parse-session.js";
import type { Issue } from "../schema/errors.js";
import { UsageError } from "./io.js";

// The library's most (issue 16): longer sessions cost too much to price or explain.
const MAX_DAYS = MAX_SESSION_DAYS;

/** `--max-session-days N`: a whole number of days. */
export function maxSessionDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value) || Number(value) > MAX_DAYS) throw new UsageError(`--max-session-days must be a whole number of days from 1 to ${MAX_DAYS} (got "${value}")`);
  return Number(value);
}

/** `--currency C --rate R`: both or neither, checked before any file is read. */
export function exchangeOptions(values: { currency?: string | undefined; rate?: string | undefined }): Pick<PriceOptions, "currency" | "rate"> {
  const { currency, rate } = values;
  if (currency === undefined && rate === undefined) return {};
  if (currency === undefined) throw new UsageError("--rate needs --currency: the currency to bill in (e.g. --currency USD --rate 1.0831)");
  if (rate === undefined) throw new UsageError(`--currency needs --rate: units of ${currency} per unit of the tariff's currency (e.g. --rate 1.0831); rates are never fetched`);
  if (!findCurrency(currency)) throw new UsageError(`--currency must be an ISO 4217 code such as EUR or USD (got "${currency}")`);
  if (!/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/.test(rate) || /^0(\.0*)?$/.test(rate)) throw new UsageError(`--rate must be a positive decimal with at most 12 decimals, e.g. 1.0831 (got "${rate}")`);
  return { currency, rate };
}

/**
 * The library names its option (`maxSessionDays`); on the command line the flag is named instead,
 * with the number of days that session needs.
 */
export function cliIssues(issues: readonly Issue[], doc: unknown): Issue[] {
  return issues.map((i) => {
    if (!/pass maxSessionDays to allow it$/.test(i.message)) return i;
    const raw = doc as { start?: unknown; end?: unknown };
    const ms = typeof raw.start === "string" && typeof raw.end === "string" ? Date.parse(raw.end) - Date.parse(raw.start) : NaN;
    const days = Number.isFinite(ms) && ms > 0 ? String(Math.ceil(ms / 86_400_000)) : "N";
    return { ...i, message: i.message.replace(/pass maxSessionDays to allow it$/, `pass --max-session-days ${days} to allow it`) };
  });
}
