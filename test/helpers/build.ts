import { parseSession, parseTariff, priceSession, type Receipt } from "../../src/index.js";

/** A tariff document with defaults (France, EUR, prices incl. tax) and the given fields. */
export function tariffDoc(fields: Record<string, unknown>): Record<string, unknown> {
  return { version: 1, id: "t-test", market: "FR", currency: "EUR", ...fields };
}

/** Prices a tariff document and a session document through the public API. */
export function price(tariff: Record<string, unknown>, session: Record<string, unknown>): Receipt {
  return priceSession(parseTariff(tariffDoc(tariff)), parseSession(session));
}

/** The receipt's lines of one component, as [net or gross, quantity] pairs for compact asserts. */
export function lines(r: Receipt, component?: string) {
  return r.lines.filter((l) => !component || l.component === component);
}
