import type { SourceQuote, TaxEvidence, TaxRule } from "./types.js";
import { LU_EVIDENCE } from "./lu.js";
import { US_EVIDENCE } from "./us.js";

/**
 * The quoted sources of the tax rules that have them (issue 16: Luxembourg, Kentucky, Utah). Read
 * only by `describeMarkets()` and `ev-tariff markets`, never by pricing: the browser core stays
 * without the text.
 */
const EVIDENCE: readonly TaxEvidence[] = [...LU_EVIDENCE, ...US_EVIDENCE];

/**
 * The quoted sources of one tax rule of `market` (a country's rule listed under one of its regions
 * is found under the country's code).
 *
 * @example
 * quotesFor("LU", { name: "TVA", validFrom: "2024-01-01", rate: "0.08", … })[0]?.url // "http://legilux.public.lu/…"
 */
export function quotesFor(market: string, rule: Pick<TaxRule, "name" | "validFrom" | "rate" | "perKWh">): readonly SourceQuote[] {
  const country = market.slice(0, 2);
  return EVIDENCE.filter(
    (e) =>
      (e.market === market || e.market === country) &&
      e.name === rule.name &&
      e.validFrom === rule.validFrom &&
      (e.rate === undefined || e.rate === rule.rate) &&
      (e.perKWh === undefined || e.perKWh === rule.perKWh),
  ).flatMap((e) => e.sources);
}
