import { ISO4217 } from "./iso4217.js";

/**
 * Settlement digits that differ from ISO 4217's minor unit, because the currency is settled in
 * fewer digits in practice. Data, with the reason next to each entry. (CRC keeps ISO's 2: card and
 * electronic payments and electricity bills carry céntimos; only cash is paid in whole colones, and
 * Costa Rica has no cash-rounding law.)
 */
const SETTLEMENT_OVERRIDES: Readonly<Record<string, { digits: number; why: string }>> = {
  COP: {
    digits: 0,
    why: "ISO 4217 gives 2, but Colombian prices and payments are whole pesos: the smallest coin is 50 pesos and centavos are not used in retail",
  },
};

/** A currency as the engine uses it. */
export interface Currency {
  readonly code: string;
  /** ISO 4217 minor unit digits. */
  readonly isoDigits: number;
  /** Digits amounts are settled (and printed) in. */
  readonly settlementDigits: number;
}

const byCode: ReadonlyMap<string, Currency> = new Map(
  ISO4217.split(",").map((entry) => {
    const [code, digits] = entry.split(":") as [string, string];
    const isoDigits = Number(digits);
    return [code, { code, isoDigits, settlementDigits: SETTLEMENT_OVERRIDES[code]?.digits ?? isoDigits }];
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

/** Why a currency settles in other digits than ISO 4217's, if it does. */
export function settlementNote(code: string): string | undefined {
  return SETTLEMENT_OVERRIDES[code]?.why;
}
