import type { RoundingMode } from "../money/round.js";

/**
 * What a tax can apply to: the tariff's components, and `excise` (a tax on an excise line, where a
 * state taxes the levy too). Adjustment lines (minimum, maximum) are taxed like what they adjust.
 */
export type TaxedComponent = "energy" | "time" | "idle" | "flat" | "excise";
export const TAXED_COMPONENTS: readonly TaxedComponent[] = ["energy", "time", "idle", "flat", "excise"];

/** How sure we are of a fact: `high` = official source read; `tariff` = stated by the tariff itself. */
export type Confidence = "high" | "medium" | "low" | "tariff";

/**
 * How a percentage tax relates to the price:
 * - `added`: on the net (VAT, sales tax): tax = net × rate;
 * - `compound`: on the net plus the `added` taxes (tax on tax);
 * - `inside`: included in its own base ("por dentro", Brazil's ICMS): tax = gross × rate.
 */
export type TaxMethod = "added" | "compound" | "inside";

/** One tax as the law states it, with where it comes from and when it applies. */
export interface TaxRule {
  /** As printed on receipts, e.g. "VAT", "TVA", "BTW", "ΦΠΑ", "Iowa electric fuel excise". */
  readonly name: string;
  /** A percentage tax, as a fraction: "0.21" for 21 %. Exactly one of `rate` and `perKWh`. */
  readonly rate?: string;
  /** An excise per kWh delivered, in the market's first currency: its own receipt line. */
  readonly perKWh?: string;
  /** Components a percentage tax applies to (for an excise: ["energy"], the energy it is levied on). */
  readonly appliesTo: readonly TaxedComponent[];
  /** Default `added`. */
  readonly method?: TaxMethod;
  /** First local date (station zone) on which it applies, "YYYY-MM-DD". */
  readonly validFrom: string;
  /** First local date on which it no longer applies; null while in force. */
  readonly validTo: string | null;
  /** The law, gazette, circular or official page the rate comes from. */
  readonly source: string;
  readonly confidence: Confidence;
  /** Why this reading was chosen where the law leaves room, or what stays uncertain. */
  readonly note?: string;
  /** For a region's rule: names of the country's taxes it replaces while in force. */
  readonly replaces?: readonly string[];
}

/** One source a tax fact was read from: its words, quoted as written, and where. */
export interface SourceQuote {
  /** Verbatim text of the source ("[…]" marks a cut). */
  readonly quote: string;
  /** Address of the text quoted. */
  readonly url: string;
  /** What the source is, and anything to know about how it was read. */
  readonly from: string;
}

/**
 * The quoted sources of a market's tax rules, kept apart from the rules (only `ev-tariff markets`
 * and `describeMarkets()` read them, so the pricing core does not carry the text). They belong to
 * the rules of `market` with this `name` and `validFrom` (and `rate`, when given).
 */
export interface TaxEvidence {
  /** Country or region code: "LU", "US-KY". */
  readonly market: string;
  readonly name: string;
  readonly validFrom: string;
  readonly rate?: string;
  readonly perKWh?: string;
  readonly sources: readonly SourceQuote[];
}

/** Rounding of cash totals to an increment coins can pay (e.g. EUR 0.05, CLP 10). */
export interface CashRounding {
  readonly increment: string;
  readonly mode: RoundingMode;
  readonly source: string;
  readonly confidence: Confidence;
}

/** An ISO 3166-2 region with rules of its own (a US state, Mexico's border municipalities, a Brazilian state). */
export interface Region {
  /** ISO 3166-2 code, e.g. "US-IA". */
  readonly code: string;
  readonly name: string;
  /** The region's zones, when narrower than the country's. */
  readonly timeZones?: readonly string[];
  /** Taxes on top of the country's; a rule with `replaces` hides the named country taxes while in force. */
  readonly taxes: readonly TaxRule[];
  readonly note?: string;
}

/** A market (country, or an ISO 3166-2 region of one) and the rules a receipt there follows. */
export interface Market {
  /** ISO 3166-1 alpha-2, or ISO 3166-2 for a region ("US-IA"). */
  readonly code: string;
  readonly name: string;
  /** Currencies prices may be stated in; the first is the usual one. */
  readonly currencies: readonly string[];
  /** IANA zones of the market; a tariff must name one when there are several. */
  readonly timeZones: readonly string[];
  /** Whether advertised prices include tax there by convention. */
  readonly pricesInclude: "tax" | "none";
  /** How lines and taxes are rounded to the minor unit. */
  readonly rounding: RoundingMode;
  /** Cash payments rounded to coins; null where cash is paid to the minor unit. */
  readonly cashRounding: CashRounding | null;
  /** Driver languages (BCP 47), most used first. */
  readonly languages: readonly string[];
  readonly taxes: readonly TaxRule[];
  /** Regions with rules of their own. */
  readonly regions?: readonly Region[];
  /**
   * When set, a tariff must name a region (the country code alone is refused), because tax depends
   * on it and the country has no rule of its own — e.g. US sales tax is a state matter.
   */
  readonly requiresRegion?: string;
  /** Free-text notes on what is uncertain or left out. */
  readonly note?: string;
}
