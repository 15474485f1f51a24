/** The kinds of receipt lines. */
export type LineComponent = "energy" | "time" | "idle" | "flat" | "minimum" | "maximum" | "rounding" | "excise";

/** One receipt line. Money fields carry exactly the currency's settlement digits. */
export interface ReceiptLine {
  readonly component: LineComponent;
  /** The levy's name, on `excise` lines. */
  readonly name?: string;
  /** JSON Pointer of the tariff rate that priced the line; null for free time and adjustments. */
  readonly rate: string | null;
  readonly from: string;
  readonly to: string;
  /** Billed quantity in `unit`: kWh, h (hours, at most 6 decimals shown), or 1 session. */
  readonly quantity: string;
  readonly unit: "kWh" | "h" | "session";
  readonly unitPrice: string;
  readonly net: string;
  readonly gross: string;
}

export interface ReceiptTax {
  readonly name: string;
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
  readonly source: string;
}

/** The result of pricing a session. Invariants: lines' nets sum to totals.net, taxes' amounts to totals.tax, net + tax = gross. */
export interface Receipt {
  readonly tariffId: string;
  readonly sessionId?: string;
  readonly market: string;
  readonly currency: string;
  /** Present when billed in another currency than the tariff's: amounts were converted exactly at `rate` before rounding. */
  readonly exchange?: { readonly from: string; readonly to: string; readonly rate: string };
  readonly timeZone: string;
  readonly pricesInclude: "tax" | "none";
  readonly payment: "card" | "app" | "cash";
  readonly energyKWh: string;
  readonly lines: readonly ReceiptLine[];
  readonly taxes: readonly ReceiptTax[];
  readonly totals: { readonly net: string; readonly tax: string; readonly gross: string };
}
