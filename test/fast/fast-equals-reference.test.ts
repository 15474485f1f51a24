import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, runPricing, safeParseSession, safeParseTariff, type Receipt } from "../../src/index.js";
import { priceFast } from "../../src/fast/price.js";
import { sessionDoc, tariffDoc } from "../properties/arbitraries.js";
import { fastSessionDoc, fastTariffDoc } from "./arbitraries.js";
import { runs as propertyRuns } from "../helpers/runs.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The reference receipt as JSON, or the error it throws. */
function reference(t: Parameters<typeof runPricing>[0], s: Parameters<typeof runPricing>[1]): string {
  try {
    return JSON.stringify(runPricing(t, s).receipt);
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
}

function outcome(f: () => Receipt): string {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe("the fast path equals the reference pricer", () => {
  it("on generated tariffs of 13 markets and sessions with meter readings, DST changes, cash and weeks (property)", () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fastTariffDoc, fastSessionDoc, (t, s) => {
        const tariff = safeParseTariff(t);
        const session = safeParseSession(s, { maxSessionDays: 10 });
        fc.pre(tariff.ok && session.ok);
        if (!tariff.ok || !session.ok) return;
        runs++;
        const ct = compileTariff(tariff.value);
        const expected = reference(ct, session.value);
        const fast = priceFast(ct, session.value, true);
        if (fast) {
          taken++;
          // Byte-identical JSON: same values, same key order.
          expect(JSON.stringify(fast)).toBe(expected);
        }
        // And through the public API, whichever path it takes (errors included).
        expect(outcome(() => priceSession(ct, session.value))).toBe(expected);
      }),
      { numRuns: propertyRuns(150) },
    );
    // The property is about the fast path: it must have priced a fair share itself.
    expect(taken).toBeGreaterThan(runs * 0.1);
  });

  it("on the European arbitraries of the invariant properties, where it prices most sessions (property)", () => {
    let taken = 0;
    fc.assert(
      fc.property(tariffDoc({ conditions: false }), sessionDoc(), (t, s) => {
        const ct = compileTariff(parseTariff(t));
        const session = parseSession(s);
        const fast = priceFast(ct, session, true);
        if (fast) taken++;
        if (fast) expect(JSON.stringify(fast)).toBe(reference(ct, session));
      }),
      { numRuns: propertyRuns(150) },
    );
    expect(taken).toBeGreaterThan(propertyRuns(150) * 0.93);
  });

  it("on every bundled tariff and session", () => {
    const manifest = JSON.parse(readFileSync(`${ROOT}tariffs/manifest.json`, "utf8")) as { tariff: string; session: string }[];
    let taken = 0;
    for (const { tariff, session } of manifest) {
      const ct = compileTariff(parseTariff(JSON.parse(readFileSync(`${ROOT}tariffs/${tariff}`, "utf8"))));
      const s = parseSession(JSON.parse(readFileSync(`${ROOT}tariffs/${session}`, "utf8")));
      const fast = priceFast(ct, s, true);
      if (fast) {
        taken++;
        expect(JSON.stringify(fast), `${tariff} ${session}`).toBe(reference(ct, s));
      }
    }
    expect(taken).toBeGreaterThanOrEqual(manifest.length * 0.75);
  });
});
