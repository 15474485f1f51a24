import type { RoundingMode } from "../money/round.js";

/** Receipt components that carry tax. Adjustment lines (minimum, maximum) follow the lines they adjust. */
export type TaxedComponent = "energy" | "time" | "idle" | "flat";

/** How sure we are of a fact, and why: `high` = official source read. */
export type Confidence = "high" | "medium" | "low";

/** One tax as the law states it, with where it comes from and when it applies. */
export interface TaxRule {
  /** As printed on receipts, e.g. "VAT", "TVA", "BTW", "ΦΠΑ". */
  readonly name: string;
  /** Fraction as a decimal string: "0.21" for 21 %. */
  readonly rate: string;
  /** Components this tax applies to. */
  readonly appliesTo: readonly TaxedComponent[];
  /** First local date (station zone) on which it applies, "YYYY-MM-DD". */
  readonly validFrom: string;
  /** First local date on which it no longer applies; null while in force. */
  readonly validTo: string | null;
  /** The law, gazette, circular or official page the rate comes from. */
  readonly source: string;
  readonly confidence: Confidence;
  /** Why this reading was chosen where the law leaves room. */
  readonly note?: string;
}

/** Rounding of cash totals to an increment coins can pay (e.g. EUR 0.05, CLP 10). */
export interface CashRounding {
  readonly increment: string;
  readonly mode: RoundingMode;
  readonly source: string;
  readonly confidence: Confidence;
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
}
