/**
 * A batch worker thread: compiles the batch's tariffs once, then prices the chunks of lines the
 * main thread sends, answering each with its records and sums (src/cli/batch.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { priceLines, tariffBook, type TariffSource } from "./batch-lines.js";

/** A chunk of input lines to price. */
export interface Chunk {
  readonly seq: number;
  readonly first: number;
  readonly lines: readonly string[];
}

const { sources, folder } = workerData as { sources: TariffSource[]; folder: boolean };
const { book } = tariffBook(sources, folder);
parentPort!.on("message", (chunk: Chunk) => {
  parentPort!.postMessage({ seq: chunk.seq, ...priceLines(book, chunk.lines, chunk.first) });
});
