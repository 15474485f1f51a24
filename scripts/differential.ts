/**
 * `npm run differential [-- count [seed]]`: the engine against the decimal reference pricer of
 * test/reference on `count` generated tariffs and sessions of 13 markets (the arbitraries of
 * test/engine: meter readings, thresholds, DST changes, cash, weeks, more than 64 readings), many more
 * than the test suite's property makes. Each pair must give the same receipt (JSON text: values and
 * key order) or the same refusal, and the explanation must carry the receipt. Exits 1 on the first
 * difference, with fast-check's shrunk counterexample.
 */
import fc from "fast-check";
import { compileTariff, explainSession, priceSession, safeParseSession, safeParseTariff } from "../src/index.js";
import { runPricing as referenceRun } from "../test/reference/price-session.js";
import { marketSessionDoc, marketTariffDoc } from "../test/engine/arbitraries.js";

const count = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const outcome = (f: () => unknown): string => {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
};
let priced = 0;
let refused = 0;
let invalid = 0;
const started = Date.now();
fc.assert(
  fc.property(marketTariffDoc, marketSessionDoc, (t, s) => {
    const tariff = safeParseTariff(t);
    const session = safeParseSession(s, { maxSessionDays: 10 });
    if (!tariff.ok || !session.ok) {
      invalid++;
      return true;
    }
    const ct = compileTariff(tariff.value);
    const engine = outcome(() => priceSession(ct, session.value));
    if (engine !== outcome(() => referenceRun(ct, session.value).receipt)) return false;
    if (engine.startsWith("throws")) {
      refused++;
      return true;
    }
    priced++;
    return JSON.stringify(explainSession(ct, session.value).receipt) === engine;
  }),
  { numRuns: count, seed },
);
console.log(
  `differential: ${count} generated pairs (seed ${seed}): ${priced} priced and ${refused} refused alike by the engine and the reference, ` +
    `${invalid} not valid input; every explanation carries its receipt (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
