import * as iso4217 from "dinero.js/currencies";

/**
 * Settlement digits that differ from ISO 4217's minor unit, because the currency is settled in
 * fewer digits in practice. Data, with the reason next to each entry.
 */
const SETTLEMENT_OVERRIDES: Readonly<Record<string, { digits: number; why: string }>> = {};

/** A currency as the engine uses it. */
export interface Currency {
  readonly code: string;
  /** ISO 4217 minor unit digits. */
  readonly isoDigits: number;
  /** Digits amounts are settled (and printed) in. */
  readonly settlementDigits: number;
}

const byCode: ReadonlyMap<string, Currency> = new Map(
  Object.values(iso4217).map((c) => {
    const override = SETTLEMENT_OVERRIDES[c.code];
    const isoDigits = Number(c.exponent);
    return [c.code, { code: c.code, isoDigits, settlementDigits: override?.digits ?? isoDigits }];
  }),
);

/**
 * Looks up an ISO 4217 currency.
 *
 * @example
 * currency("CLP")?.settlementDigits // 0
 * currency("XYZ") // undefined
 */
export function currency(code: string): Currency | undefined {
  return byCode.get(code);
}
