/**
 * `npm run fuzz [-- count [interop]]`: runs the fuzzer of test/fuzz over `count` v1 tariff + session
 * pairs (100,000 by default), then `interop` OCPI tariff + charge record + OCPP tariff triples
 * (a quarter of `count` by default). Exits 1 on the first input that crashes the
 * engine, with fast-check's shrunk counterexample.
 */
import fc from "fast-check";
import { fuzzProperty } from "../test/fuzz/fuzzer.js";
import { fuzzInteropProperty } from "../test/fuzz/fuzz-interop.js";

const count = Number(process.argv[2] ?? 100_000);
const started = Date.now();
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
fc.assert(fuzzProperty(), { numRuns: count, seed });
console.log(`fuzz: ${count} v1 tariff + session pairs, no crash, no unsound receipt (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
const interop = Number(process.argv[3] ?? Math.max(1, Math.round(count / 4)));
fc.assert(fuzzInteropProperty(), { numRuns: interop, seed });
console.log(`fuzz: ${interop} OCPI tariff + charge record + OCPP tariff triples, no crash (${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
