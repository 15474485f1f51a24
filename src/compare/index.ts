/** What-if comparison of two tariffs over the same sessions (issue 14): kept out of the parse/price path. */
export { compareTariffs, compareSession, compileSide, ComparisonBuilder, WEEKDAYS, type TariffLike, type TariffSide, type ComparedSession, type CompiledSide, type Outcome } from "./compare.js";
export { formatComparison } from "./text.js";
export { comparisonHtml, escapeHtml, type ComparisonHtmlOptions } from "./html.js";
export type * from "./types.js";
