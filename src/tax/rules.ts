import type { Market, TaxRule, TaxedComponent } from "../markets/types.js";

const inForce = (t: TaxRule, localDate: string) => t.validFrom <= localDate && (t.validTo === null || localDate < t.validTo);

/** Rules in force on a local date, after region rules have hidden the country rules they replace. */
function rulesInForce(market: Market, localDate: string): TaxRule[] {
  const active = market.taxes.filter((t) => inForce(t, localDate));
  const replaced = new Set(active.flatMap((t) => t.replaces)); // undefined among them is harmless
  return active.filter((t) => t.replaces || !replaced.has(t.name));
}

/**
 * The percentage taxes in force for a component on a local date (station zone), in table order.
 *
 * @example
 * taxesFor(LU, "energy", "2023-06-01").map((t) => t.rate) // ["0.16"]
 */
export function taxesFor(market: Market, component: TaxedComponent, localDate: string): TaxRule[] {
  return rulesInForce(market, localDate).filter((t) => t.rate !== undefined && t.appliesTo.includes(component));
}

/** The per-kWh excises in force on a local date: each becomes an `excise` line. */
export function excisesFor(market: Market, localDate: string): TaxRule[] {
  return rulesInForce(market, localDate).filter((t) => t.perKWh !== undefined);
}

/** Whether the market's table covers the date at all (some rule in force for any component). */
export function marketCoversDate(market: Market, localDate: string): boolean {
  return market.taxes.some((t) => inForce(t, localDate));
}

/**
 * A stable key for a set of taxes: lines with the same key are taxed together. Two rules that differ
 * only in their source are different taxes (a tariff may state the same rate twice for different
 * components), so the source is part of the key.
 */
export function taxKey(rules: readonly TaxRule[]): string {
  return rules.map((r) => `${r.name}@${r.rate}@${r.method ?? "added"}@${r.source}`).join("+");
}
