/**
 * ev-tariff: exact, explainable pricing of EV charging sessions.
 *
 * @example
 * import { parseTariff, parseSession, priceSession } from "ev-tariff";
 * const receipt = priceSession(parseTariff(tariffJson), parseSession(sessionJson));
 */
export { parseTariff, safeParseTariff } from "./schema/parse-tariff.js";
export { parseSession, safeParseSession, DEFAULT_MAX_SESSION_DAYS, type SessionParseOptions } from "./schema/parse-session.js";
export { TariffError, type Issue, type SafeParseResult } from "./schema/errors.js";
export type { Tariff, TariffTax, Session, Rate, Conditions, Range, MeterReading, Dimension } from "./schema/types.js";
export { tariffSchema } from "./schema/tariff.js";
export { sessionSchema } from "./schema/session.js";
export { compileTariff, type CompiledTariff, type CompiledRate } from "./compile/compile.js";
export { priceSession, runPricing, type PriceOptions, type PricingRun, type Exchange } from "./price/price-session.js";
export { explainSession, type Explanation } from "./receipt/explain.js";
export { formatExplanation } from "./receipt/explain-text.js";
export { formatReceipt } from "./receipt/receipt-text.js";
export type { Receipt, ReceiptLine, ReceiptTax, LineComponent } from "./receipt/types.js";
export { listMarkets, findMarket, type Market, type Region, type TaxRule, type CashRounding, type Confidence, type TaxMethod } from "./markets/index.js";
export { describeMarkets, type ListedMarket, type ListedTax } from "./markets/listing.js";
export { currency, type Currency } from "./money/currencies.js";
export type { RoundingMode } from "./money/round.js";
