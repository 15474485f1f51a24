import { resolveMarket, type TaxRule } from "../markets/index.js";
import { Dec, ONE, sum } from "../money/decimal.js";
import { excisesFor, taxesFor } from "../tax/rules.js";
import type { Dimension, Tariff, TariffTax } from "../schema/types.js";
import { parseInstant } from "../time/instants.js";
import { localParts, toLocal, zone } from "../time/zones.js";
import { Notes, plain } from "./common.js";

/** The taxes of one v1 dimension, as the standards carry them. */
export interface DimensionTaxes {
  /** The percentage taxes in force for the dimension, in order. */
  readonly rules: readonly TaxRule[];
  /**
   * The one VAT percentage (OCPI `vat`) with the same effect on the total: Σ added rates, or the
   * combined factor of compound and inside taxes. Undefined when no tax applies.
   */
  readonly vatPercent: Dec | undefined;
}

/** The local date a tariff's taxes are read on: validFrom's, else the given one, else today's. */
export function taxDateOf(tariff: Tariff, date?: string): string {
  if (date) return date;
  const zoneName = tariff.timeZone ?? resolveMarket(tariff.market, tariff.taxes !== undefined).market?.timeZones[0] ?? "UTC";
  const at = tariff.validFrom ? parseInstant(tariff.validFrom) : Date.now();
  return localParts(toLocal(zone(zoneName), at)).date;
}

/**
 * The taxes a v1 tariff puts on each dimension: its own `taxes`, or the market table's in force on
 * `date` (a warning says so, since the table is dated and the standards' taxes are not).
 */
export function taxesByDimension(tariff: Tariff, notes: Notes, date?: string): Record<Dimension, DimensionTaxes> {
  const out = {} as Record<Dimension, DimensionTaxes>;
  let rulesOf: (d: Dimension) => readonly TaxRule[];
  if (tariff.taxes !== undefined) {
    const own = tariff.taxes;
    own.forEach((t, i) => {
      if (t.perKWh !== undefined) notes.warn(`/taxes/${i}`, `${t.name} is an excise per kWh; the standard has no place for it, so it is left out`);
    });
    rulesOf = (d) =>
      own
        .filter((t) => t.rate !== undefined && t.appliesTo.includes(d))
        .map((t) => ({ name: t.name, rate: t.rate, appliesTo: t.appliesTo, ...(t.method ? { method: t.method } : {}), validFrom: "0000-01-01", validTo: null, source: t.source ?? "", confidence: "tariff" as const }));
  } else {
    const { market } = resolveMarket(tariff.market, false);
    const day = taxDateOf(tariff, date);
    if (!market) {
      rulesOf = () => [];
    } else {
      notes.warn("", `the tariff states no taxes of its own: the taxes of market ${market.code} in force on ${day} are written (the market table is dated; the standard's taxes are not)`);
      for (const e of excisesFor(market, day)) notes.warn("/market", `${e.name} (${e.perKWh} per kWh) is an excise the standard cannot carry; left out`);
      rulesOf = (d) => taxesFor(market, d, day);
    }
  }
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    const rules = rulesOf(d);
    out[d] = { rules, vatPercent: rules.length ? combinedPercent(rules) : undefined };
  }
  return out;
}

/** The single percentage with the same gross as a set of taxes: ((1+Σadded)(1+Σcompound)/(1−Σinside) − 1) × 100. */
export function combinedPercent(rules: readonly TaxRule[]): Dec {
  const of = (m: string) => sum(rules.filter((r) => (r.method ?? "added") === m).map((r) => new Dec(r.rate ?? "0")));
  return ONE.plus(of("added")).times(ONE.plus(of("compound"))).div(ONE.minus(of("inside"))).minus(1).times(100);
}

/**
 * v1 `taxes` from one VAT percentage per dimension (OCPI `vat`, OCPP `taxRates`): one entry per
 * distinct percentage, applying to the dimensions that carry it.
 */
export function taxesFromPercents(percents: Partial<Record<Dimension, Dec>>, name: string, source: string): TariffTax[] {
  const groups = new Map<string, Dimension[]>();
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    const p = percents[d];
    if (p === undefined) continue;
    const rate = plain(p.div(100));
    groups.set(rate, [...(groups.get(rate) ?? []), d]);
  }
  return [...groups].map(([rate, appliesTo]) => ({ name, rate, appliesTo, source }));
}
