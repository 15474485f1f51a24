/**
 * applyTax worked by hand: the formula each tax method shows in explain, with and without tax in
 * the prices, and which lines are taxed together (by tax key).
 */
import { describe, expect, it } from "vitest";
import type { TaxRule } from "../../src/index.js";
import { applyTax, grossFactor } from "../reference/apply-tax.js";
import { taxKey } from "../../src/tax/rules.js";

const rule = (rate: string, method?: TaxRule["method"], name = "VAT"): TaxRule => ({
  name,
  rate,
  appliesTo: ["energy"],
  ...(method ? { method } : {}),
  validFrom: "2020-01-01",
  validTo: null,
  source: "test",
  confidence: "high",
});

describe("applyTax formulas (explain)", () => {
  it("an added tax on net prices: net × rate", () => {
    const r = applyTax([{ amountMinor: 1000n, taxes: [rule("0.21")] }], 2, "none", "halfAwayFromZero");
    expect(r.taxes.map((t) => [t.formula, t.amountMinor])).toEqual([["(net 10.00) × 0.21", 210n]]);
    expect(r.lines).toEqual([{ taxMinor: 210n, netMinor: 1000n, grossMinor: 1210n }]);
  });

  it("an added tax in gross prices: the net is worked out first, gross ÷ factor", () => {
    const r = applyTax([{ amountMinor: 1210n, taxes: [rule("0.21", "added")] }], 2, "tax", "halfAwayFromZero");
    expect(r.taxes.map((t) => [t.formula, t.amountMinor, t.baseMinor])).toEqual([["(net = gross 12.10 ÷ 1.21 = 10) × 0.21", 210n, 1000n]]);
    expect(r.lines).toEqual([{ taxMinor: 210n, netMinor: 1000n, grossMinor: 1210n }]);
  });

  it("a compound tax is on the net plus the added taxes; an inside tax is part of its own base", () => {
    const r = applyTax([{ amountMinor: 10000n, taxes: [rule("0.1", "added", "A"), rule("0.05", "compound", "C"), rule("0.2", "inside", "I")] }], 2, "none", "halfAwayFromZero");
    // factor = 1.1 × 1.05 / 0.8 = 1.44375; gross = 144.375
    expect(grossFactor([rule("0.1"), rule("0.05", "compound"), rule("0.2", "inside")]).toString()).toBe("1.44375");
    expect(r.taxes.map((t) => [t.rule.name, t.formula, t.amountMinor])).toEqual([
      ["A", "(net 100.00) × 0.1", 1000n],
      ["C", "(net 100.00) × (1 + 0.1) × 0.05 (on net plus added taxes)", 550n],
      ["I", "gross 144.375 × 0.2 (inside its own base)", 2888n],
    ]);
  });

  it("lines whose rules are the same tax are taxed together, whether or not `added` is written out", () => {
    // 0.05 + 0.05 at 10 %: together 0.01; each alone would round 0.005 up to 0.01, 0.02 in all.
    const r = applyTax(
      [
        { amountMinor: 5n, taxes: [rule("0.1", "added")] },
        { amountMinor: 5n, taxes: [rule("0.1")] },
      ],
      2,
      "none",
      "halfAwayFromZero",
    );
    expect(r.taxes.map((t) => t.amountMinor)).toEqual([1n]);
    expect(taxKey([rule("0.1", "added")])).toBe(taxKey([rule("0.1")]));
  });

  it("lines with no tax are left as they are", () => {
    const r = applyTax([{ amountMinor: 700n, taxes: [] }], 2, "tax", "halfAwayFromZero");
    expect(r).toEqual({ lines: [{ taxMinor: 0n, netMinor: 700n, grossMinor: 700n }], taxes: [] });
  });
});
