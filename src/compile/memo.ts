/**
 * A parsed tariff's place to remember its compiled forms (one per zone provider), so that
 * `priceSession(parseTariff(t), s)` called again with the same parsed tariff compiles it once.
 * `parseTariff` attaches it before freezing its result; the slot is not enumerable, so spreads and
 * JSON leave it behind (a changed copy is compiled afresh). No state outside the tariff object.
 */
export const COMPILE_MEMO = Symbol("ev-tariff.compiled");

/** Attaches an empty memo to a tariff object (before it is frozen). */
export function withCompileMemo<T extends object>(tariff: T): T {
  return Object.defineProperty(tariff, COMPILE_MEMO, { value: new Map<unknown, unknown>() });
}
