/**
 * A batch worker thread: compiles the batch's tariffs once, then prices the blocks of NDJSON lines the
 * main thread sends, answering each with its records (as UTF-8 bytes, moved back without a copy) and
 * sums (src/cli/batch.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { blockLines, priceBlock, tariffBook, type LineOptions, type TariffSource } from "./batch-lines.js";

/** A block of whole input lines to price, the first being line number `first`. */
export interface Chunk {
  readonly seq: number;
  readonly first: number;
  readonly bytes: Uint8Array;
}

/** What the main thread gives a worker. `exitOn` is for the fault tests only (see batch.ts). */
export interface WorkerSetup {
  readonly sources: TariffSource[];
  readonly folder: boolean;
  readonly options: LineOptions;
  readonly exitOn?: string;
}

const { sources, folder, options, exitOn } = workerData as WorkerSetup;
const { book } = tariffBook(sources, folder);
const exitBytes = exitOn === undefined ? undefined : Buffer.from(exitOn);
parentPort!.on("message", (chunk: Chunk) => {
  // The fault tests' stand-in for a worker that dies (out of memory, a native crash) on some input.
  if (exitBytes !== undefined && Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength).includes(exitBytes)) process.exit(70);
  const result = priceBlock(book, blockLines(chunk.bytes), chunk.first, options);
  parentPort!.postMessage({ ...result, seq: chunk.seq }, [result.out.buffer as ArrayBuffer]);
});
