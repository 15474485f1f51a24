/**
 * `ev-tariff batch <tariff|folder> <sessions.ndjson|-> [--workers N] [--out file]`: prices a stream of
 * NDJSON sessions and writes one NDJSON record per non-blank line, in input order: `{ line, receipt }`
 * or `{ line, error: { issues } }`. A bad line never stops the run. Memory stays flat: input is read
 * as it is priced (at most a few chunks per worker in flight) and output waits for the writer to drain.
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { priceLines, splitLines, tariffBook, type LinesResult, type TariffSource } from "./batch-lines.js";
import type { Chunk } from "./batch-worker.js";
import { InputError, parseCommandArgs, readText, UsageError } from "./io.js";

/** Blocks of input in flight per worker (a block is what one read of the input brings: up to 64 KiB). */
const CHUNKS_PER_WORKER = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Young-generation size of each worker, MB: smaller than V8's default, so a long run's RSS stays low. */
const YOUNG_MB = 8;

/** The streams a batch uses; tests pass their own. */
export interface BatchEnv {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

const nodeEnv = (): BatchEnv => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export const BATCH_HELP = `Usage: ev-tariff batch <tariff.json|folder> <sessions.ndjson|-> [--workers N] [--out file]

Prices one session per line (NDJSON). With a folder, every tariff file in it is loaded and each
session names its tariff by "tariffId". Writes one record per line, in input order:
  {"line":N,"receipt":{…}}   or   {"line":N,"error":{"issues":[{"path":…,"message":…}]}}
--workers N   worker threads (default: the number of CPUs; 0 prices in the main thread)
--out file    write records to a file instead of standard output
A summary (count, errors, totals per currency, sessions per second) goes to standard error, with a
progress bar on a terminal. Exit code 0 when every line was priced, 1 when some were error records.`;

/** Every *.json file under a folder, sorted, read. */
function folderSources(folder: string): TariffSource[] {
  const out: TariffSource[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) out.push({ file: path, text: readText(path, () => "") });
    }
  };
  walk(folder);
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The worker script next to this module: built JS, or the TypeScript source run through tsx (tests, tsx). */
function workerScript(): { url: URL; execArgv: string[] } {
  const js = new URL("./batch-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  return { url: new URL("./batch-worker.ts", import.meta.url), execArgv: ["--import", "tsx"] };
}

const formatMinor = (minor: bigint, digits: number) => {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  return (negative ? "-" : "") + (digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text);
};

/**
 * Runs the batch command with its arguments (after "batch"); resolves to the exit code.
 *
 * @example
 * await runBatch(["tariffs/gr/athens-dc-150.json", "sessions.ndjson", "--workers", "2", "--out", "receipts.ndjson"])
 */
export async function runBatch(argv: readonly string[], env: BatchEnv = nodeEnv()): Promise<number> {
  const say = (text: string) => env.stderr.write(text + "\n");
  try {
    return await batch(argv, env);
  } catch (e) {
    if (e instanceof InputError) {
      say(e.message);
      return 1;
    }
    if (e instanceof UsageError) {
      say(`ev-tariff: ${e.message}\nRun "ev-tariff batch --help" for usage.`);
      return 2;
    }
    say(`ev-tariff: internal error: ${(e as Error)?.message ?? String(e)} (please report this)`);
    return 3;
  }
}

async function batch(argv: readonly string[], env: BatchEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workers: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    env.stdout.write(BATCH_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError("batch needs a tariff file (or a folder of tariffs) and a sessions file (NDJSON, or - for standard input)");
  const [tariffPath, sessionsPath] = positionals as [string, string];
  if (tariffPath === "-") throw new UsageError("the tariff cannot come from standard input in a batch; the sessions can");
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 256) throw new UsageError("--workers must be a whole number from 0 to 256");

  // Tariffs: compiled here too, so a bad tariff stops the run before any session is read.
  const folder = isDirectory(tariffPath);
  const sources = folder ? folderSources(tariffPath) : [{ file: tariffPath, text: readText(tariffPath, () => "") }];
  const book = tariffBook(sources, folder);
  if (folder && book.book.byId.size === 0) throw new InputError(tariffPath, [{ path: "", message: "holds no valid tariff file" }]);
  if (book.skipped.length > 0) env.stderr.write(`batch: ${book.skipped.length} file(s) under ${tariffPath} are not tariffs and were left out (e.g. ${relative(tariffPath, book.skipped[0]!)})\n`);

  let input: Readable;
  let totalBytes = 0;
  if (sessionsPath === "-") input = env.stdin;
  else {
    try {
      totalBytes = statSync(sessionsPath).size;
    } catch {
      throw new InputError(sessionsPath, [{ path: "", message: "no such file" }]);
    }
    input = createReadStream(sessionsPath);
  }
  const output: Writable = values.out !== undefined ? createWriteStream(values.out) : env.stdout;
  const outputError = new Promise<never>((_, reject) => output.once("error", reject));
  outputError.catch(() => undefined);

  const started = performance.now();
  let lineCount = 0;
  let sessions = 0;
  let errors = 0;
  const totals = new Map<string, { digits: number; minor: bigint }>();

  // Results are written strictly in input order: `waiting` holds chunks that came back early.
  const waiting = new Map<number, Omit<LinesResult, "out"> & { out: string | Uint8Array }>();
  let nextToWrite = 0;
  const write = (result: Omit<LinesResult, "out"> & { out: string | Uint8Array }) => {
    sessions += result.sessions;
    errors += result.errors;
    for (const [code, digits, minor] of result.totals) {
      const sum = totals.get(code);
      if (sum) sum.minor += BigInt(minor);
      else totals.set(code, { digits, minor: BigInt(minor) });
    }
    if (result.out.length > 0) output.write(result.out);
  };
  const arrived = (seq: number, result: Omit<LinesResult, "out"> & { out: string | Uint8Array }) => {
    waiting.set(seq, result);
    for (let r = waiting.get(nextToWrite); r; r = waiting.get(nextToWrite)) {
      waiting.delete(nextToWrite++);
      write(r);
    }
  };
  const drained = () => (output.writableNeedDrain ? Promise.race([new Promise<void>((ok) => output.once("drain", () => ok())), outputError]) : Promise.resolve());

  // Progress on a terminal: lines so far, rate, and how much of the file was read.
  const tty = env.stderr.isTTY === true;
  const progress = tty
    ? setInterval(() => {
        const seconds = (performance.now() - started) / 1000;
        const read = (input as Partial<{ bytesRead: number }>).bytesRead ?? 0;
        const part = totalBytes > 0 ? Math.min(1, read / totalBytes) : undefined;
        const bar = part === undefined ? "" : `[${"#".repeat(Math.round(part * 30)).padEnd(30, ".")}] ${(part * 100).toFixed(0).padStart(3)}% `;
        env.stderr.write(`\r${bar}${lineCount.toLocaleString("en")} lines, ${Math.round(sessions / Math.max(seconds, 1e-3)).toLocaleString("en")} sessions/s\x1b[K`);
      }, 200)
    : undefined;

  const pool: { worker: Worker; busy: number }[] = [];
  let inFlight = 0;
  let slotFreed: (() => void) | undefined;
  let failure: Error | undefined;
  try {
    if (workers > 0) {
      const script = workerScript();
      for (let i = 0; i < workers; i++) {
        const worker = new Worker(script.url, { workerData: { sources, folder }, execArgv: script.execArgv, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
        const slot = { worker, busy: 0 };
        worker.on("message", (r: Omit<LinesResult, "out"> & { seq: number; out: Uint8Array }) => {
          slot.busy--;
          inFlight--;
          arrived(r.seq, r);
          slotFreed?.();
        });
        worker.on("error", (e) => {
          failure ??= e;
          slotFreed?.();
        });
        pool.push(slot);
      }
    }
    const limit = workers * CHUNKS_PER_WORKER;
    let seq = 0;
    /** Prices a block of whole lines (bytes ending in "\n", or the last line): here, or in the least busy worker. */
    const send = async (bytes: Uint8Array, first: number) => {
      const chunk: Chunk = { seq: seq++, first, bytes };
      if (pool.length === 0) {
        arrived(chunk.seq, priceLines(book.book, splitLines(decoder.decode(bytes)), first));
      } else {
        while (inFlight >= limit && !failure) await new Promise<void>((ok) => (slotFreed = ok));
        if (failure) throw failure;
        const slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
        slot.busy++;
        inFlight++;
        // The bytes own their buffer (copied out of the stream's), so they move to the worker without a copy.
        slot.worker.postMessage(chunk, [bytes.buffer as ArrayBuffer]);
      }
      await drained();
    };

    // The main thread only cuts the input into blocks of whole lines and counts them: parsing,
    // pricing and JSON all happen in the workers.
    let first = 1;
    let rest: Uint8Array[] = [];
    let restLength = 0;
    for await (const piece of input as AsyncIterable<Uint8Array | string>) {
      const data = typeof piece === "string" ? encoder.encode(piece) : piece;
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        rest.push(data);
        restLength += data.length;
        continue;
      }
      const block = new Uint8Array(restLength + cut + 1);
      let at = 0;
      for (const r of rest) {
        block.set(r, at);
        at += r.length;
      }
      block.set(data.subarray(0, cut + 1), at);
      let lines = 0;
      for (let i = block.indexOf(10); i >= 0; i = block.indexOf(10, i + 1)) lines++;
      lineCount += lines;
      await send(block, first);
      first += lines;
      const tail = data.subarray(cut + 1);
      rest = tail.length > 0 ? [tail.slice()] : [];
      restLength = tail.length;
    }
    if (restLength > 0) {
      // A last line without its newline.
      const block = new Uint8Array(restLength);
      let at = 0;
      for (const r of rest) {
        block.set(r, at);
        at += r.length;
      }
      lineCount++;
      await send(block, first);
    }
    while (inFlight > 0 && !failure) await new Promise<void>((ok) => (slotFreed = ok));
    if (failure) throw failure;
  } finally {
    if (progress) {
      clearInterval(progress);
      env.stderr.write("\r\x1b[K");
    }
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
  if (output !== env.stdout) await new Promise<void>((ok, fail) => output.end((e?: Error | null) => (e ? fail(e) : ok())));
  else await drained();

  const seconds = (performance.now() - started) / 1000;
  const money = [...totals].map(([code, t]) => `${code} ${formatMinor(t.minor, t.digits)}`).join("; ");
  env.stderr.write(
    `batch: ${sessions} priced, ${errors} error record(s), ${lineCount} line(s) in ${seconds.toFixed(2)} s: ${Math.round(sessions / Math.max(seconds, 1e-6))} sessions/s, ` +
      `${workers === 0 ? "main thread" : `${workers} worker(s)`}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n` +
      `batch: totals (gross): ${money || "none"}\n`,
  );
  return errors > 0 ? 1 : 0;
}
