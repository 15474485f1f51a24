/**
 * A worker thread of `ev-tariff compare`: compiles both sides once, then compares the blocks of
 * NDJSON lines the main thread sends, answering each with its outcomes (src/cli/compare.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { compareLines, sideOf, type SideSources } from "./compare-lines.js";

/** A block of whole input lines, the first being line number `first`. */
export interface CompareChunk {
  readonly seq: number;
  readonly first: number;
  readonly bytes: Uint8Array;
}

/** What the main thread gives a worker. */
export interface CompareWorkerSetup {
  readonly current: SideSources;
  readonly proposed: SideSources;
}

const setup = workerData as CompareWorkerSetup;
const current = sideOf(setup.current).side;
const proposed = sideOf(setup.proposed).side;
const decoder = new TextDecoder();
parentPort!.on("message", (chunk: CompareChunk) => {
  const outcomes = compareLines(current, proposed, decoder.decode(chunk.bytes), chunk.first);
  parentPort!.postMessage({ seq: chunk.seq, outcomes });
});
