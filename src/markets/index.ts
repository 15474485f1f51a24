import type { Market } from "./types.js";
import { BE } from "./be.js";
import { FR } from "./fr.js";
import { GR } from "./gr.js";
import { LU } from "./lu.js";
import { NL } from "./nl.js";

/** Every market the engine knows, by code. Data only. */
export const MARKETS: ReadonlyMap<string, Market> = new Map([GR, BE, NL, LU, FR].map((m) => [m.code, m]));

/**
 * The market for a tariff's `market` code.
 *
 * @example
 * findMarket("GR")?.currencies // ["EUR"]
 */
export function findMarket(code: string): Market | undefined {
  return MARKETS.get(code);
}

/** Every market, in code order. */
export function listMarkets(): Market[] {
  return [...MARKETS.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export type { Market, TaxRule, CashRounding, Confidence, TaxedComponent } from "./types.js";
