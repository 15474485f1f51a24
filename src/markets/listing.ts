import { currency } from "../money/currencies.js";
import { quotesFor } from "./evidence.js";
import { findMarket, listMarkets } from "./index.js";
import type { Confidence, Market, SourceQuote, TaxedComponent, TaxMethod } from "./types.js";

/** One tax as `ev-tariff markets` lists it. */
export interface ListedTax {
  readonly name: string;
  readonly rate?: string;
  readonly perKWh?: string;
  readonly method: TaxMethod;
  readonly appliesTo: readonly TaxedComponent[];
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly source: string;
  /** The source's own words and address, where they were read and kept (see `TaxEvidence`). */
  readonly quotes?: readonly SourceQuote[];
  readonly confidence: Confidence;
  readonly note?: string;
}

/** A market or region with everything a receipt there depends on. */
export interface ListedMarket {
  readonly code: string;
  readonly name: string;
  readonly region: boolean;
  readonly currencies: readonly { readonly code: string; readonly digits: number }[];
  readonly timeZones: readonly string[];
  readonly pricesInclude: "tax" | "none";
  readonly rounding: string;
  readonly cashRounding: { readonly increment: string; readonly mode: string; readonly source: string; readonly confidence: Confidence } | null;
  readonly languages: readonly string[];
  readonly requiresRegion?: string;
  readonly taxes: readonly ListedTax[];
  readonly note?: string;
}

function listed(m: Market, region: boolean): ListedMarket {
  return {
    code: m.code,
    name: m.name,
    region,
    currencies: m.currencies.map((c) => ({ code: c, digits: currency(c)?.settlementDigits ?? 2 })),
    timeZones: m.timeZones,
    pricesInclude: m.pricesInclude,
    rounding: m.rounding,
    cashRounding: m.cashRounding,
    languages: m.languages,
    ...(m.requiresRegion ? { requiresRegion: m.requiresRegion } : {}),
    taxes: m.taxes.map((t) => {
      const quotes = quotesFor(m.code, t);
      return {
        name: t.name,
        ...(t.rate !== undefined ? { rate: t.rate } : {}),
        ...(t.perKWh !== undefined ? { perKWh: t.perKWh } : {}),
        method: t.method ?? "added",
        appliesTo: t.appliesTo,
        validFrom: t.validFrom,
        validTo: t.validTo,
        source: t.source,
        ...(quotes.length ? { quotes } : {}),
        confidence: t.confidence,
        ...(t.note ? { note: t.note } : {}),
        ...(t.replaces ? { replaces: t.replaces } : {}),
      };
    }),
    ...(m.note ? { note: m.note } : {}),
  };
}

/**
 * Every market and region, with currencies and their settlement digits, zones, conventions and
 * taxes (a region lists the country's taxes and its own).
 *
 * @example
 * describeMarkets().find((m) => m.code === "CL")?.currencies // [{ code: "CLP", digits: 0 }]
 */
export function describeMarkets(): ListedMarket[] {
  return listMarkets().flatMap((country) => [
    listed(country, false),
    ...(country.regions ?? []).map((r) => listed(findMarket(r.code)!, true)),
  ]);
}
