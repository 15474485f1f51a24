import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, safeParseSession, safeParseTariff, type Receipt } from "../../src/index.js";
import { runPricing as referenceRun } from "../reference/price-session.js";
import { sessionDoc, tariffDoc } from "../properties/arbitraries.js";
import { marketSessionDoc, marketTariffDoc } from "./arbitraries.js";
import { runs as propertyRuns } from "../helpers/runs.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a call gave: the receipt as JSON (values and key order), or the error it threw. */
let priced = 0;
let refused = 0;

function outcome(f: () => Receipt): string {
  try {
    const text = JSON.stringify(f());
    priced++;
    return text;
  } catch (e) {
    refused++;
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** The decimal reference pricer of test/reference (the pricer src/ had before the one engine). */
const reference = (t: Parameters<typeof referenceRun>[0], s: Parameters<typeof referenceRun>[1], o: Parameters<typeof referenceRun>[2] = {}) =>
  outcome(() => referenceRun(t, s, o).receipt);

describe("the engine equals the decimal reference pricer (test/reference)", () => {
  afterAll(() => {
    // The comparisons are of receipts, not of two identical refusals: most sessions price.
    expect(priced).toBeGreaterThan(refused * 4);
  });

  it("on generated tariffs of 13 markets and sessions with meter readings, thresholds, DST changes, cash and weeks (property)", () => {
    fc.assert(
      fc.property(marketTariffDoc, marketSessionDoc, (t, s) => {
        const tariff = safeParseTariff(t);
        const session = safeParseSession(s, { maxSessionDays: 10 });
        fc.pre(tariff.ok && session.ok);
        if (!tariff.ok || !session.ok) return;
        const ct = compileTariff(tariff.value);
        expect(outcome(() => priceSession(ct, session.value))).toBe(reference(ct, session.value));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("on the European arbitraries of the invariant properties (property)", () => {
    fc.assert(
      fc.property(tariffDoc({ conditions: true }), sessionDoc(), (t, s) => {
        const ct = compileTariff(parseTariff(t));
        const session = parseSession(s);
        expect(outcome(() => priceSession(ct, session))).toBe(reference(ct, session));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("billed in another currency, with every digit count (property)", () => {
    fc.assert(
      fc.property(
        tariffDoc({ conditions: false }),
        sessionDoc(),
        fc.constantFrom("USD", "JPY", "CLP", "KWD", "EUR"),
        fc.constantFrom("1.0831", "0.9", "157.25", "0.308712345678", "1"),
        (t, s, currency, rate) => {
          const ct = compileTariff(parseTariff(t));
          const session = parseSession(s);
          expect(outcome(() => priceSession(ct, session, { currency, rate }))).toBe(reference(ct, session, { currency, rate }));
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it("on every bundled tariff and session", () => {
    const manifest = JSON.parse(readFileSync(`${ROOT}tariffs/manifest.json`, "utf8")) as { tariff: string; session: string }[];
    for (const { tariff, session } of manifest) {
      const ct = compileTariff(parseTariff(JSON.parse(readFileSync(`${ROOT}tariffs/${tariff}`, "utf8"))));
      const s = parseSession(JSON.parse(readFileSync(`${ROOT}tariffs/${session}`, "utf8")));
      expect(outcome(() => priceSession(ct, s)), `${tariff} ${session}`).toBe(reference(ct, s));
    }
  });
});
