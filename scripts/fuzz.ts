/**
 * `npm run fuzz [-- count]`: runs the fuzzer of test/fuzz over 100,000 inputs (or `count`) and
 * prints how many were priced and how many refused. Exits 1 on the first input that crashes the
 * engine, with fast-check's shrunk counterexample.
 */
import fc from "fast-check";
import { fuzzProperty } from "../test/fuzz/fuzzer.js";

const count = Number(process.argv[2] ?? 100_000);
const started = Date.now();
fc.assert(fuzzProperty(), { numRuns: count, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) });
console.log(`fuzz: ${count} inputs, no crash, no unsound receipt (${((Date.now() - started) / 1000).toFixed(1)} s)`);
