/**
 * ev-tariff: exact, explainable pricing of EV charging sessions.
 *
 * @example
 * import { parseTariff, parseSession, priceSession } from "ev-tariff";
 * const receipt = priceSession(parseTariff(tariffJson), parseSession(sessionJson));
 */
export { parseTariff, safeParseTariff, type TariffParseOptions } from "./schema/parse-tariff.js";
export { parseSession, safeParseSession, DEFAULT_MAX_SESSION_DAYS, type SessionParseOptions } from "./schema/parse-session.js";
export { TariffError, type Issue, type SafeParseResult } from "./schema/errors.js";
export type { Tariff, TariffTax, Session, Rate, Conditions, Range, MeterReading, Dimension } from "./schema/types.js";
export type { TariffInput, SessionInput, RateInput, ConditionsInput, RangeInput, TariffTaxInput, DecimalInput } from "./schema/types.js";
export { tariffSchema } from "./schema/tariff.js";
export { sessionSchema } from "./schema/session.js";
export { compileTariff, type CompiledTariff, type CompiledRate, type CompileOptions } from "./compile/compile.js";
export type { Zone, ZoneProvider } from "./time/zones.js";
export { priceSession, runPricing, type PriceOptions, type PricingRun, type Exchange } from "./price/price-session.js";
export { explainSession, type Explanation } from "./receipt/explain.js";
export { formatExplanation } from "./receipt/explain-text.js";
export { formatReceipt } from "./receipt/receipt-text.js";
export type { Receipt, ReceiptLine, ReceiptTax, LineComponent } from "./receipt/types.js";
export { listMarkets, findMarket, type Market, type Region, type TaxRule, type CashRounding, type Confidence, type TaxMethod } from "./markets/index.js";
export { describeMarkets, type ListedMarket, type ListedTax } from "./markets/listing.js";
export { currency, type Currency } from "./money/currencies.js";
export type { RoundingMode } from "./money/round.js";
export { startMeter, type Meter, type MeterOptions, type MeterReadingInput, type MeterState, type UnitPrice, type UnitPrices, type PriceChange, type ProjectionOptions } from "./live/meter.js";
export { quote, type Quote, type QuoteInput, type QuoteOptions, type CostCurve, type CurvePoint, type CurveComponent } from "./live/quote.js";
export type { InstantInput } from "./live/instant-input.js";
export { compareTariffs, formatComparison, comparisonHtml, WEEKDAYS, type TariffLike, type TariffSide, type ComparedSession, type ComparisonHtmlOptions } from "./compare/index.js";
export type { Comparison, MarketComparison, CompareOptions, MoneyTotals, Percent, Distribution, HistogramBin, Bucket, SessionChange, Refusal, InvalidSession } from "./compare/types.js";
export { lintTariff, LINT_RULES, type LintFinding, type LintResult, type LintOptions, type LintRule, type LintSeverity } from "./lint/index.js";
export { describeTariff, tariffSentences, type TextOptions } from "./text/describe.js";
export { renderReceipt } from "./text/render-receipt.js";
export { localeFormat, resolveTextLocale, type LocaleFormat, type TextLocale } from "./text/format.js";
export { LANGS as TEXT_LANGUAGES, type Lang, type Phrases } from "./text/phrases.js";
export {
  ocpiToTariff,
  tariffToOcpi,
  priceCdr,
  checkCdr,
  compileOcpiTariff,
  type CompiledOcpiTariff,
  tariffToOcpp,
  ocppToTariff,
  costDetails,
  convertTariff,
  readTariff,
  writeTariff,
  FORMATS,
  OCPI_VERSIONS,
  detectOcpiVersion,
  DocumentError,
  type Warning,
  type Converted,
  type OcpiVersion,
  type OcpiTariff,
  type OcpiCdr,
  type CdrPricing,
  type CdrMismatch,
  type CdrCheck,
  type CheckCdrOptions,
  type PriceCdrOptions,
  type OcpiImportOptions,
  type OcpiExportOptions,
  type OcppTariff,
  type OcppCostDetails,
  type OcppExportOptions,
  type OcppImportOptions,
  type TariffFormat,
  type ConvertOptions,
  type ConvertResult,
} from "./interop/index.js";
