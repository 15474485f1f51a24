import { resolveMarket, type Market, type TaxRule } from "../markets/index.js";
import { currency as findCurrency, type Currency } from "../money/currencies.js";
import { Dec } from "../money/decimal.js";
import type { RoundingMode } from "../money/round.js";
import { TariffError } from "../schema/errors.js";
import { DIMENSIONS, type Dimension, type Tariff } from "../schema/types.js";
import { parseInstant } from "../time/instants.js";
import { intlZones, type Zone, type ZoneProvider } from "../time/zones.js";
import { compileConditions, localEdges, type Check } from "./conditions.js";
import { PLAN, withPlan } from "../engine/plan.js";
import { parseTariff } from "../schema/parse-tariff.js";
import { COMPILE_MEMO } from "./memo.js";
import { runZone } from "../engine/zone-runs.js";

/** A rate ready for pricing: exact price, step, and its conditions as checks. */
export interface CompiledRate {
  readonly dimension: Dimension;
  readonly index: number;
  /** JSON Pointer of the rate in the tariff file, e.g. "/energy/1". */
  readonly pointer: string;
  readonly price: Dec;
  /** The price as written in the tariff ("0.45"), for receipts. */
  readonly priceText: string;
  readonly step: Dec | undefined;
  readonly checks: readonly Check[];
}

/** A tariff validated and compiled once, then used to price any number of sessions. */
export interface CompiledTariff {
  readonly tariff: Tariff;
  readonly market: Market;
  readonly currency: Currency;
  readonly zone: Zone;
  readonly pricesInclude: "tax" | "none";
  readonly rounding: RoundingMode;
  readonly rates: Readonly<Record<Dimension, readonly CompiledRate[]>>;
  readonly minPrice: Dec | undefined;
  readonly maxPrice: Dec | undefined;
  readonly validFrom: number | undefined;
  readonly validTo: number | undefined;
  /** Local ms-of-day edges where some condition can change (empty: no local-time conditions). */
  readonly localEdges: readonly number[];
  readonly energyThresholds: readonly Dec[];
  readonly sessionMinuteThresholds: readonly Dec[];
  readonly idleMinuteThresholds: readonly Dec[];
}

/** Options of `compileTariff`. */
export interface CompileOptions {
  /** Where the tariff's zone comes from: Intl by default; `embeddedZones` without Intl. */
  readonly zones?: ZoneProvider;
}

/**
 * Compiles a parsed tariff: prices to exact decimals, conditions to checks, market, currency and
 * zone looked up once. Throws `TariffError` when the tariff names a market, currency or zone this
 * build does not know (which `parseTariff` already reports).
 *
 * @example
 * const compiled = compileTariff(parseTariff(json));
 * priceSession(compiled, session);
 */
export function compileTariff(tariff: Tariff, options: CompileOptions = {}): CompiledTariff {
  // A tariff parseTariff did not return (built by hand, or a changed copy) is checked as it checks one.
  return compileChecked((tariff as Memo)?.[COMPILE_MEMO] ? tariff : parseTariff(tariff, options), options);
}

type Memo = { [COMPILE_MEMO]?: Map<ZoneProvider | undefined, CompiledTariff> } | undefined;

/** `compileTariff` of a tariff known to be valid: `parseTariff`'s, or one the library built itself (an OCPI charge record's rates). */
export function compileChecked(tariff: Tariff, options: CompileOptions = {}): CompiledTariff {
  const market = marketWithTariffTaxes(tariff);
  const currency = findCurrency(tariff.currency);
  const zoneName = tariff.timeZone ?? (market?.timeZones.length === 1 ? market.timeZones[0] : undefined);
  if (!market || !currency || !zoneName) {
    throw new TariffError([{ path: !market ? "/market" : !currency ? "/currency" : "/timeZone", message: "cannot be resolved" }], "tariff");
  }
  const zones = options.zones ?? intlZones;
  const zoneProblem = zones.zoneProblem(zoneName);
  if (zoneProblem) throw new TariffError([{ path: "/timeZone", message: zoneProblem }], "tariff");
  const rates = {} as Record<Dimension, CompiledRate[]>;
  const edges = new Set<number>();
  const thresholds = { energyKWh: new Set<string>(), sessionMinutes: new Set<string>(), idleMinutes: new Set<string>() };
  for (const dimension of DIMENSIONS) {
    rates[dimension] = tariff[dimension].map((rate, index) => {
      for (const e of localEdges(rate.when)) edges.add(e);
      for (const key of ["energyKWh", "sessionMinutes", "idleMinutes"] as const) {
        const r = rate.when?.[key];
        if (r?.min !== undefined) thresholds[key].add(r.min);
        if (r?.max !== undefined) thresholds[key].add(r.max);
      }
      return {
        dimension,
        index,
        pointer: `/${dimension}/${index}`,
        price: new Dec(rate.price),
        priceText: rate.price,
        step: rate.step !== undefined ? new Dec(rate.step) : undefined,
        checks: compileConditions(rate.when),
      };
    });
  }
  const decimals = (s: Set<string>) => [...s].map((v) => new Dec(v)).sort((a, b) => a.cmp(b));
  // The engine's plan rides along, unseen by spreads and JSON (src/engine/plan.ts).
  return deepFreezeShallowData(withPlan({
    tariff,
    market,
    currency,
    // Offsets memoised as constant-offset runs, for this tariff only (src/engine/zone-runs.ts).
    zone: runZone(zones.zone(zoneName)),
    pricesInclude: tariff.pricesInclude ?? market.pricesInclude,
    rounding: market.rounding,
    rates,
    minPrice: tariff.minPrice != null ? new Dec(tariff.minPrice) : undefined,
    maxPrice: tariff.maxPrice != null ? new Dec(tariff.maxPrice) : undefined,
    validFrom: tariff.validFrom ? parseInstant(tariff.validFrom) : undefined,
    validTo: tariff.validTo ? parseInstant(tariff.validTo) : undefined,
    localEdges: [...edges].sort((a, b) => a - b),
    energyThresholds: decimals(thresholds.energyKWh),
    sessionMinuteThresholds: decimals(thresholds.sessionMinutes),
    idleMinuteThresholds: decimals(thresholds.idleMinutes),
  }));
}

/** Whether `t` is a compiled tariff (rather than a parsed one). */
export function isCompiled(t: Tariff | CompiledTariff): t is CompiledTariff {
  return "rates" in t && "zone" in t;
}

/**
 * The compiled form of `tariff`: itself when `compileTariff` made it; remembered on a tariff that
 * `parseTariff` returned; otherwise (built by hand, or a copy) checked as `parseTariff` checks it, then compiled.
 */
export function compiledFor(tariff: Tariff | CompiledTariff, zones?: ZoneProvider): CompiledTariff {
  if ((tariff as { [PLAN]?: unknown } | undefined)?.[PLAN]) return tariff as CompiledTariff;
  // A compiled tariff made otherwise (a spread copy) is compiled afresh from its tariff.
  let t = (tariff as CompiledTariff | undefined)?.rates ? (tariff as CompiledTariff).tariff : (tariff as Tariff);
  const options = zones ? { zones } : {};
  if (!(t as Memo)?.[COMPILE_MEMO]) t = parseTariff(t, options);
  const memo = (t as Memo)![COMPILE_MEMO]!;
  let ct = memo.get(zones);
  if (!ct) memo.set(zones, (ct = compileChecked(t, options)));
  return ct;
}

/** The tariff's market, with the tariff's own `taxes` (if any) in place of the table's. */
function marketWithTariffTaxes(tariff: Tariff): Market | undefined {
  const { market } = resolveMarket(tariff.market, tariff.taxes !== undefined);
  if (!market || !tariff.taxes) return market;
  const taxes: TaxRule[] = tariff.taxes.map((t, i) => ({
    name: t.name,
    ...(t.rate !== undefined ? { rate: t.rate } : {}),
    ...(t.perKWh !== undefined ? { perKWh: t.perKWh } : {}),
    ...(t.method !== undefined ? { method: t.method } : {}),
    appliesTo: t.appliesTo,
    validFrom: "0000-01-01",
    validTo: null,
    source: `tariff ${tariff.id} /taxes/${i}${t.source ? `: ${t.source}` : " (no source given)"}`,
    confidence: "tariff",
  }));
  return { ...market, taxes };
}

/** Freezes the compiled tariff's own arrays and records: its lists, its rates and their lists (decimals are immutable already). */
function deepFreezeShallowData<T extends { rates: Record<string, CompiledRate[]> }>(value: T): T {
  for (const v of Object.values(value)) {
    if (Array.isArray(v)) Object.freeze(v);
  }
  for (const list of Object.values(value.rates)) {
    for (const rate of list) Object.freeze(rate);
    Object.freeze(list);
  }
  Object.freeze(value.rates);
  return Object.freeze(value);
}
