/**
 * A slice that starts at an energy threshold's cut (a fraction of a millisecond) has its power worked out
 * exactly: 4.5 kWh in the 8 min 10.9… s after 12 kWh is 33 kW, which meets `powerKW: { min: 33 }`.
 * (`npm run differential` found the decimal reference 1e-58 short of 33 there; it now rounds power to
 * 30 decimals.)
 */
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession } from "../../src/index.js";
import { runPricing as referenceRun } from "../reference/price-session.js";

describe("power across a threshold's cut", () => {
  it("meets a minimum it equals on both sides of the cut", () => {
    const ct = compileTariff(
      parseTariff({
        version: 1,
        id: "p",
        market: "GR",
        currency: "EUR",
        time: [
          { price: "1", when: { powerKW: { min: "33" } } },
          { price: "2", when: { energyKWh: { max: "12" } } },
        ],
      }),
    );
    // Nothing in the first half hour, then 16.5 kWh in the second (33 kW), crossing 12 kWh at 10:51:49.09…
    const s = parseSession({ start: "2026-05-04T10:00:00Z", end: "2026-05-04T11:00:00Z", energyKWh: "16.5", meter: [{ at: "2026-05-04T10:30:00Z", kWh: "0" }] });
    const receipt = priceSession(ct, s);
    // Prices include Greece's 6 % VAT: 0.5 h × 2.00 and 0.5 h × 1.00, the second line across the cut at 12 kWh.
    expect(receipt.lines.map((l) => [l.rate, l.from, l.to, l.quantity, l.gross])).toEqual([
      ["/time/1", "2026-05-04T10:00:00Z", "2026-05-04T10:30:00Z", "0.5", "1.00"],
      ["/time/0", "2026-05-04T10:30:00Z", "2026-05-04T11:00:00Z", "0.5", "0.50"],
    ]);
    expect(referenceRun(ct, s).receipt).toEqual(receipt);
  });
});
