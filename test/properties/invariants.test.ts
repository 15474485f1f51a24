import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, type Receipt } from "../../src/index.js";
import { sessionDoc, tariffDoc } from "./arbitraries.js";
import { runs } from "../helpers/runs.js";

const cents = (s: string) => {
  expect(s).toMatch(/^-?\d+\.\d{2}$/);
  return Math.round(Number(s) * 100);
};
const total = (xs: readonly string[]) => xs.reduce((a, s) => a + cents(s), 0);

export function checkInvariants(r: Receipt): void {
  expect(total(r.lines.map((l) => l.net))).toBe(cents(r.totals.net));
  expect(total(r.taxes.map((t) => t.amount))).toBe(cents(r.totals.tax));
  expect(cents(r.totals.net) + cents(r.totals.tax)).toBe(cents(r.totals.gross));
  expect(total(r.lines.map((l) => l.gross))).toBe(cents(r.totals.gross));
  for (const l of r.lines) {
    expect(l.quantity).toMatch(/^\d+(\.\d+)?$/);
    expect(JSON.stringify(l)).not.toMatch(/NaN|Infinity|e[+-]\d/);
  }
}

describe("receipt invariants (property)", () => {
  it("lines sum to totals, taxes sum to tax, net + tax = gross, for any tariff and session", () => {
    fc.assert(
      fc.property(tariffDoc(), sessionDoc(), (t, s) => {
        const r = priceSession(parseTariff(t), parseSession(s));
        checkInvariants(r);
      }),
      { numRuns: runs(300) },
    );
  });

  it("with inclusive prices the gross is what the lines add up to; tax is within half a cent of exact", () => {
    fc.assert(
      fc.property(tariffDoc({ caps: false }), sessionDoc(), (t, s) => {
        const r = priceSession(parseTariff({ ...t, pricesInclude: "tax" }), parseSession({ ...s, payment: "card" }));
        const gross = cents(r.totals.gross);
        expect(total(r.lines.map((l) => l.gross))).toBe(gross);
        for (const tax of r.taxes) {
          // amount = round(group gross × rate / (1 + rate)); base + amount is that group's gross
          const base = cents(tax.base);
          const amount = cents(tax.amount);
          const exact = ((base + amount) * Number(tax.rate)) / (1 + Number(tax.rate));
          expect(Math.abs(amount - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
        }
      }),
      { numRuns: runs(200) },
    );
  });
});
