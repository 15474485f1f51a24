import type { Market, TaxRule, TaxedComponent } from "../markets/types.js";

/**
 * The taxes in force for a component on a local date (station zone), in table order.
 *
 * @example
 * taxesFor(LU, "energy", "2023-06-01").map((t) => t.rate) // ["0.16"]
 */
export function taxesFor(market: Market, component: TaxedComponent, localDate: string): TaxRule[] {
  return market.taxes.filter(
    (t) => t.appliesTo.includes(component) && t.validFrom <= localDate && (t.validTo === null || localDate < t.validTo),
  );
}

/** Whether the market's table covers the date at all (some rule in force for any component). */
export function marketCoversDate(market: Market, localDate: string): boolean {
  return market.taxes.some((t) => t.validFrom <= localDate && (t.validTo === null || localDate < t.validTo));
}

/** A stable key for a set of taxes: lines with the same key are taxed together. */
export function taxKey(rules: readonly TaxRule[]): string {
  return rules.map((r) => `${r.name}@${r.rate}`).join("+");
}
