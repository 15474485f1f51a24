/**
 * A batch worker thread: compiles the batch's tariffs once, then prices the blocks of NDJSON lines the
 * main thread sends, answering each with its records (as UTF-8 bytes, moved back without a copy) and
 * sums (src/cli/batch.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { priceLines, splitLines, tariffBook, type TariffSource } from "./batch-lines.js";

/** A block of whole input lines to price, the first being line number `first`. */
export interface Chunk {
  readonly seq: number;
  readonly first: number;
  readonly bytes: Uint8Array;
}

const { sources, folder } = workerData as { sources: TariffSource[]; folder: boolean };
const { book } = tariffBook(sources, folder);
const decoder = new TextDecoder();
const encoder = new TextEncoder();
parentPort!.on("message", (chunk: Chunk) => {
  const result = priceLines(book, splitLines(decoder.decode(chunk.bytes)), chunk.first);
  const out = encoder.encode(result.out);
  parentPort!.postMessage({ ...result, seq: chunk.seq, out }, [out.buffer as ArrayBuffer]);
});
