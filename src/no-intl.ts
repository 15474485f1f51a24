/**
 * ev-tariff for runtimes without Intl (the charger's firmware agent on QuickJS, and any engine built
 * without ICU): the same parse / price API as the main entry, with time zones read from data
 * generated out of the IANA tz database (src/time/zone-data.ts) instead of Intl. It never touches
 * Intl, so receipts are the same with or without it.
 *
 * Only the zones of the market table and UTC are carried; a tariff naming another zone gets a
 * `/timeZone` issue. The main entry does not include the data, so browsers stay small.
 *
 * @example
 * import { parseTariff, parseSession, priceSession } from "ev-tariff/no-intl";
 * const receipt = priceSession(parseTariff(tariffJson), parseSession(sessionJson));
 */
import {
  compileTariff as compileWith,
  type CompiledTariff,
  type CompileOptions,
} from "./compile/compile.js";
import {
  priceSession as priceWith,
  runPricing as runWith,
  type PriceOptions,
  type PricingRun,
} from "./price/price-session.js";
import { explainSession as explainWith, type Explanation } from "./receipt/explain.js";
import type { Receipt } from "./receipt/types.js";
import type { SafeParseResult } from "./schema/errors.js";
import {
  parseTariff as parseWith,
  safeParseTariff as safeParseWith,
  type TariffParseOptions,
} from "./schema/parse-tariff.js";
import type { Session, Tariff } from "./schema/types.js";
import { embeddedZones } from "./time/embedded-zones.js";

/** Like the main entry's `parseTariff`; `timeZone` must be a zone the embedded data carries. */
export function parseTariff(input: unknown, options: TariffParseOptions = {}): Tariff {
  return parseWith(input, { zones: embeddedZones, ...options });
}

/** Like the main entry's `safeParseTariff`, with the embedded zones. */
export function safeParseTariff(input: unknown, options: TariffParseOptions = {}): SafeParseResult<Tariff> {
  return safeParseWith(input, { zones: embeddedZones, ...options });
}

/** Like the main entry's `compileTariff`, with the embedded zones. */
export function compileTariff(tariff: Tariff, options: CompileOptions = {}): CompiledTariff {
  return compileWith(tariff, { zones: embeddedZones, ...options });
}

/** Like the main entry's `priceSession`, with the embedded zones. */
export function priceSession(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): Receipt {
  return priceWith(tariff, session, { zones: embeddedZones, ...options });
}

/** Like the main entry's `runPricing`, with the embedded zones. */
export function runPricing(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): PricingRun {
  return runWith(tariff, session, { zones: embeddedZones, ...options });
}

/** Like the main entry's `explainSession`, with the embedded zones. */
export function explainSession(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): Explanation {
  return explainWith(tariff, session, { zones: embeddedZones, ...options });
}

export { parseSession, safeParseSession, DEFAULT_MAX_SESSION_DAYS, type SessionParseOptions } from "./schema/parse-session.js";
export { TariffError, type Issue, type SafeParseResult } from "./schema/errors.js";
export type { Tariff, TariffTax, Session, Rate, Conditions, Range, MeterReading, Dimension } from "./schema/types.js";
export type { CompiledTariff, CompiledRate, CompileOptions } from "./compile/compile.js";
export type { PriceOptions, PricingRun, Exchange } from "./price/price-session.js";
export type { TariffParseOptions } from "./schema/parse-tariff.js";
export type { Explanation } from "./receipt/explain.js";
export { formatExplanation } from "./receipt/explain-text.js";
export { formatReceipt } from "./receipt/receipt-text.js";
export type { Receipt, ReceiptLine, ReceiptTax, LineComponent } from "./receipt/types.js";
export { listMarkets, findMarket, type Market, type Region, type TaxRule } from "./markets/index.js";
export { describeMarkets, type ListedMarket, type ListedTax } from "./markets/listing.js";
export { currency, type Currency } from "./money/currencies.js";
export type { Zone, ZoneProvider } from "./time/zones.js";
export { embeddedZones, embeddedZone, isEmbeddedZone, TZ_VERSION, TZ_COVERAGE, ZONE_NAMES } from "./time/embedded-zones.js";
