/**
 * `ev-tariff batch <tariff|folder> <sessions.ndjson|-> [--workers N] [--out file]`: prices a stream of
 * NDJSON sessions and writes one NDJSON record per non-blank line, in input order: `{ line, receipt }`
 * or `{ line, error: { issues } }`. A bad line never stops the run. Memory stays flat: input is read
 * as it is priced (at most a few chunks per worker in flight) and output waits for the writer to drain.
 */
import { createReadStream, existsSync, fstatSync, statSync, type Stats } from "node:fs";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { blockLines, priceBlock, splitLines, tariffBook, type BlockResult, type LineOptions } from "./batch-lines.js";
import { finishOutput, openOutput, resumingLine } from "./batch-open.js";
import { blankDone, folderSources, LineCutter, MAX_LINE_BYTES, writeSidecar, type Cut, type Print } from "./batch-input.js";
import { failureText } from "./batch-output.js";
import { BATCH_HINT, BATCH_REDIS_HELP, scaleCli, wantsRedis } from "./scale-load.js";
import type { Chunk, WorkerSetup } from "./batch-worker.js";
import { displayName, exitCodeFor, InputError, parseCommandArgs, readText, UsageError } from "./io.js";
import { exchangeOptions, maxSessionDays } from "./pricing-options.js";
import { tuneWorkerJit } from "./worker-jit.js";

/** Blocks of input in flight per worker (a block is what one read of the input brings: up to 64 KiB). */
const CHUNKS_PER_WORKER = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Young-generation size of each worker, MB: smaller than V8's default, so a long run's RSS stays low. */
const YOUNG_MB = 8;
/** Workers that may die (and be replaced) in one run, beyond two per worker asked for. */
const MAX_DEATHS = 16;
/** Input bytes in flight (sent to workers, not answered) past which reading waits. */
const MAX_INFLIGHT_BYTES = 64 * 1024 * 1024;

/** The streams a batch uses; tests pass their own. */
export interface BatchEnv {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Aborting it (the CLI does on SIGINT) stops the reading; what was read is finished and written. */
  readonly signal?: AbortSignal;
  /**
   * For the fault tests (the CLI reads it from EV_TARIFF_BATCH_FAULT): "exit-on:TEXT" makes the
   * first workers exit when a block holds TEXT, as a worker killed mid-run would (their replacements
   * do not); "always-exit-on:TEXT" makes every worker do so, as a line that always kills would.
   */
  readonly fault?: string;
  /**
   * The longest input line read, in bytes (MAX_LINE_BYTES when not given; a larger value is not
   * taken). The CLI reads it from EV_TARIFF_BATCH_MAX_LINE, for tests that cannot write 16 MiB lines.
   */
  readonly maxLineBytes?: number;
  /** The file descriptor behind `stdin`, when there is one: an `--out` that is that file is refused. */
  readonly stdinFd?: number;
  /** Set V8's flags for the workers' compiler in this process (the CLI does; see worker-jit.ts). */
  readonly tuneWorkerJit?: boolean;
}

const nodeEnv = (signal: AbortSignal): BatchEnv => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signal,
  fault: process.env.EV_TARIFF_BATCH_FAULT,
  ...(process.env.EV_TARIFF_BATCH_MAX_LINE ? { maxLineBytes: Number(process.env.EV_TARIFF_BATCH_MAX_LINE) } : {}),
  stdinFd: 0,
  tuneWorkerJit: true,
});

export const BATCH_HELP = `Usage: ev-tariff batch <tariff.json|folder> <sessions.ndjson|-> [--workers N] [--out file [--resume]] [options]

Prices one session per line (NDJSON). With a folder, every tariff file in it is loaded and each
session names its tariff by "tariffId". Writes one record per non-blank line, in input order:
  {"line":N,"receipt":{…}}   or   {"line":N,"error":{"issues":[{"path":…,"message":…}]}}
or, for a line a worker died on twice or a line longer than 16 MiB, {"line":N,"notDone":"why"}.
--workers N   worker threads (default: the number of CPUs; 0 prices in the main thread)
--out file    write records to a file instead of standard output
--resume      with --out: keep the receipts and errors the file already holds and price only the
              lines it lacks (or lists as notDone); the same input must be given (FILE.input.json
              records it, and another input is refused)
--max-session-days N   accept sessions of up to N days (default 31)
--ignore-validity      price sessions outside the tariff's validFrom/validTo anyway
--currency C --rate R  bill in currency C at R units of C per unit of the tariff's currency
${BATCH_REDIS_HELP}
A summary (count, errors, not done, totals per currency, sessions per second) goes to standard
error, with a progress bar on a terminal. Ctrl-C stops reading, writes what was read, and says from
which line to resume. Exit code 0 when every line was priced, 1 when some were error records or not
done (or the output failed), 130 when interrupted.

Examples:
  ev-tariff batch tariffs/gr/athens-dc-150.json sessions.ndjson --out receipts.ndjson
  ev-tariff batch tariffs/ - --workers 2 < sessions.ndjson
  ev-tariff batch tariffs/gr/athens-dc-150.json sessions.ndjson --redis redis://127.0.0.1:6379 --out receipts.ndjson`;

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
export async function runBatch(argv: readonly string[], env?: BatchEnv): Promise<number> {
  // From the CLI: the first Ctrl-C ends the run in order; a second one ends the process at once.
  const controller = new AbortController();
  const onSigint = () => (controller.signal.aborted ? process.exit(130) : controller.abort());
  if (!env) process.on("SIGINT", onSigint);
  const streams = env ?? nodeEnv(controller.signal);
  const say = (text: string) => streams.stderr.write(text + "\n");
  try {
    return await batch(argv, streams);
  } catch (e) {
    return exitCodeFor(e, say, BATCH_HINT);
  } finally {
    process.off("SIGINT", onSigint);
  }
}


/** A block of whole input lines, as cut from the input (or one line of a block split after two failures). */
interface Block {
  /** Unique per block and part; what a worker's answer names. */
  readonly id: number;
  /** Position in the output order (a part carries its parent's). */
  readonly seq: number;
  readonly first: number;
  readonly count: number;
  readonly bytes: Uint8Array;
  /** How many workers died pricing it. */
  failures: number;
  readonly parent?: Split;
  readonly index?: number;
}

/** A block priced line by line after killing two workers: its parts' results, put back together in order. */
interface Split {
  readonly block: Block;
  readonly results: (Outcome | undefined)[];
  remaining: number;
}

/** What a block comes to: its records and what the summary adds up. */
interface Outcome {
  readonly out: string | Uint8Array;
  readonly sessions: number;
  readonly errors: number;
  readonly notDone: number;
  readonly totals: readonly (readonly [string, number, string])[];
}

interface Slot {
  readonly worker: Worker;
  /** Blocks sent and not answered, in the order sent (a worker answers in that order). */
  readonly pending: Block[];
  reason?: string;
  closing: boolean;
}

/** A worker that dies twice on the same block gets its lines one by one; a line that kills twice is not done. */
const TRIES = 2;

/** Line records for a block nobody could price. */
function notDoneOutcome(block: Block, reason: string): Outcome {
  let out = "";
  let notDone = 0;
  splitLines(decoder.decode(block.bytes)).forEach((text, i) => {
    if (text.trim() === "") return;
    out += `{"line":${block.first + i},"notDone":${JSON.stringify(reason)}}\n`;
    notDone++;
  });
  return { out, sessions: 0, errors: 0, notDone, totals: [] };
}

/** The parts of a block, one line each (with the newline), numbered on from its first line. */
function lineParts(block: Block, split: Split, nextId: () => number): Block[] {
  const parts: Block[] = [];
  let from = 0;
  for (let i = 0; i < block.count; i++) {
    const nl = block.bytes.indexOf(10, from);
    const to = nl < 0 ? block.bytes.length : nl + 1;
    parts.push({ id: nextId(), seq: block.seq, first: block.first + i, count: 1, bytes: block.bytes.slice(from, to), failures: 1, parent: split, index: i });
    from = to;
  }
  return parts;
}

const joinOutcomes = (parts: readonly Outcome[]): Outcome => ({
  out: parts.map((p) => (typeof p.out === "string" ? p.out : decoder.decode(p.out))).join(""),
  sessions: parts.reduce((n, p) => n + p.sessions, 0),
  errors: parts.reduce((n, p) => n + p.errors, 0),
  notDone: parts.reduce((n, p) => n + p.notDone, 0),
  totals: parts.flatMap((p) => p.totals),
});

const range = (from: number, to: number) => (from === to ? `line ${from}` : `lines ${from}–${to}`);

/** A file's status, or undefined when it cannot be had. */
function statOf(stat: () => Stats | undefined): Stats | undefined {
  try {
    return stat();
  } catch {
    return undefined;
  }
}

async function batch(argv: readonly string[], env: BatchEnv): Promise<number> {
  // Through a queue on Redis (issue 13): src/cli/scale.ts, loaded only then.
  if (wantsRedis(argv) && !argv.includes("--help") && !argv.includes("-h")) return (await scaleCli()).runRedisBatch(argv, env);
  const { values, positionals } = parseCommandArgs(argv, {
    workers: { type: "string" },
    out: { type: "string" },
    resume: { type: "boolean" },
    "max-session-days": { type: "string" },
    "ignore-validity": { type: "boolean" },
    currency: { type: "string" },
    rate: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    env.stdout.write(BATCH_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError("batch needs a tariff file (or a folder of tariffs) and a sessions file (NDJSON, or - for standard input)");
  const [tariffPath, sessionsPath] = positionals as [string, string];
  if (tariffPath === "-") throw new UsageError("the tariff cannot come from standard input in a batch; the sessions can");
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 256) throw new UsageError("--workers must be a whole number from 0 to 256");
  if (values.resume && values.out === undefined) throw new UsageError("--resume needs --out: the file a run wrote, to finish");
  const maxDays = maxSessionDays(values["max-session-days"]);
  const price = { ...exchangeOptions(values), ...(values["ignore-validity"] ? { ignoreValidity: true } : {}) };
  const options: LineOptions = { ...(maxDays !== undefined ? { maxSessionDays: maxDays } : {}), ...(Object.keys(price).length > 0 ? { price } : {}) };
  const maxLine = env.maxLineBytes !== undefined && Number.isInteger(env.maxLineBytes) && env.maxLineBytes > 0 ? Math.min(env.maxLineBytes, MAX_LINE_BYTES) : MAX_LINE_BYTES;
  const fault = /^(always-)?exit-on:(.+)$/s.exec(env.fault ?? "");

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

  // An output that is a file this run reads (by any name: a symlink, a hard link) would be emptied
  // before it is read: refused, whatever --resume says.
  const outPath = values.out;
  if (outPath !== undefined) {
    const out = statOf(() => statSync(outPath));
    const same = (st: Stats | undefined) => out !== undefined && st !== undefined && st.dev === out.dev && st.ino === out.ino;
    const read = [
      { name: sessionsPath, stat: statOf(() => (sessionsPath === "-" ? (env.stdinFd === undefined ? undefined : fstatSync(env.stdinFd)) : statSync(sessionsPath))) },
      ...sources.map((s) => ({ name: s.file, stat: statOf(() => statSync(s.file)) })),
    ];
    const clash = read.find((r) => same(r.stat));
    if (clash) throw new UsageError(`--out ${outPath} is ${displayName(clash.name)}, a file this batch reads: writing there would destroy it; name another output file`);
  }

  // The output, opened before any input is read (an unwritable one is refused at once). A resumed
  // file is read for what is done, and rewritten beside itself (OUT.resume, reused by the next
  // resume if this one is killed), then moved over it. OUT.input.json records which input it is of.
  const output = openOutput(outPath, sessionsPath, values.resume === true, env.stdout);
  const { resuming, previous, print, merge, sink } = output;
  /** Only a regular output file gets a record of its input (not /dev/null, a FIFO, a device). */
  const recordInput = outPath !== undefined && statOf(() => statSync(outPath))?.isFile() === true;
  if (previous) env.stderr.write(resumingLine(outPath, previous));

  const started = performance.now();
  let lineCount = 0;
  let already = 0;
  let sessions = 0;
  let errors = 0;
  let notDone = 0;
  const totals = new Map<string, { digits: number; minor: bigint }>();

  // Why the run stopped early, if it did.
  let outputFailure: { line: number; why: string } | undefined;
  let gaveUp: string | undefined;
  const stopped = () => env.signal?.aborted === true || outputFailure !== undefined || gaveUp !== undefined;

  // Outcomes are written strictly in input order: `waiting` holds blocks that came back early.
  const waiting = new Map<number, { outcome: Outcome; first: number; last: number }>();
  let nextToWrite = 0;
  /** The last input line whose record (if any) is in the output. */
  let writtenTo = 0;
  const write = ({ outcome, first, last }: { outcome: Outcome; first: number; last: number }) => {
    if (outputFailure) return;
    // The records count as written once the sink says so (a stream may take them and fail later).
    const done = () => (writtenTo = Math.max(writtenTo, last));
    try {
      if (merge) sink.write(merge.merge(typeof outcome.out === "string" ? outcome.out : decoder.decode(outcome.out), last), done);
      else sink.write(outcome.out, done);
    } catch (e) {
      outputFailure = { line: Math.min(first, writtenTo + 1), why: failureText(e) };
      return;
    }
    sessions += outcome.sessions;
    errors += outcome.errors;
    notDone += outcome.notDone;
    for (const [code, digits, minor] of outcome.totals) {
      const sum = totals.get(code);
      if (sum) sum.minor += BigInt(minor);
      else totals.set(code, { digits, minor: BigInt(minor) });
    }
  };
  const arrived = (block: Block, outcome: Outcome) => {
    inflight -= block.bytes.length;
    waiting.set(block.seq, { outcome, first: block.first, last: block.first + block.count - 1 });
    for (let r = waiting.get(nextToWrite); r; r = waiting.get(nextToWrite)) {
      waiting.delete(nextToWrite++);
      write(r);
    }
  };

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

  // Blocks waiting for a worker, the workers, and what changed while the reader waits.
  const queue: Block[] = [];
  const slots: Slot[] = [];
  let outstanding = 0;
  /** Input bytes sent and not yet written out. */
  let inflight = 0;
  let deaths = 0;
  let ids = 0;
  const nextId = () => ids++;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const changed = () => new Promise<void>((ok) => (wake = ok));
  const onAbort = () => {
    input.destroy();
    notify();
  };
  env.signal?.addEventListener("abort", onAbort);

  const complete = (block: Block, outcome: Outcome) => {
    outstanding--;
    const split = block.parent;
    if (!split) return arrived(block, outcome);
    split.results[block.index!] = outcome;
    if (--split.remaining === 0) arrived(split.block, joinOutcomes(split.results as Outcome[]));
  };

  const dispatch = () => {
    while (queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of slots) if (s.pending.length < CHUNKS_PER_WORKER && (!slot || s.pending.length < slot.pending.length)) slot = s;
      if (!slot) return;
      const block = queue.shift()!;
      slot.pending.push(block);
      // The worker gets its own copy (moved, not cloned): the block is kept in case the worker dies.
      const bytes = block.bytes.slice();
      const chunk: Chunk = { seq: block.id, first: block.first, bytes };
      slot.worker.postMessage(chunk, [bytes.buffer as ArrayBuffer]);
    }
  };

  const script = workers > 0 ? workerScript() : undefined;
  if (script && env.tuneWorkerJit) tuneWorkerJit();
  const spawn = (generation: number) => {
    const exitOn = fault && (fault[1] || generation === 0) ? fault[2] : undefined;
    const worker = new Worker(script!.url, {
      workerData: { sources, folder, options, exitOn } satisfies WorkerSetup,
      execArgv: script!.execArgv,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
    });
    const slot: Slot = { worker, pending: [], closing: false };
    worker.on("message", (r: BlockResult & { seq: number }) => {
      const block = slot.pending.shift()!;
      complete(block, { ...r, notDone: 0 });
      dispatch();
      notify();
    });
    worker.on("error", (e) => (slot.reason ??= e.message));
    worker.on("exit", (code) => {
      if (slot.closing) return;
      slots.splice(slots.indexOf(slot), 1);
      deaths++;
      const reason = `the worker pricing it stopped (${slot.reason ?? `exit code ${code}`})`;
      // The block it was pricing is the first it had not answered; the others go back as they were.
      const [suspect, ...others] = slot.pending;
      queue.unshift(...others);
      if (suspect) {
        suspect.failures++;
        if (suspect.failures < TRIES) queue.unshift(suspect);
        else if (suspect.count > 1) {
          const split: Split = { block: suspect, results: [], remaining: suspect.count };
          const parts = lineParts(suspect, split, nextId);
          outstanding += parts.length - 1;
          queue.unshift(...parts);
        } else complete(suspect, notDoneOutcome(suspect, reason));
      }
      if (deaths <= MAX_DEATHS + 2 * workers) spawn(generation + 1);
      else if (slots.length === 0) {
        gaveUp = `${deaths} workers stopped; no more are started`;
        for (const block of queue.splice(0)) complete(block, notDoneOutcome(block, `not priced: ${gaveUp}`));
      }
      dispatch();
      notify();
    });
    slots.push(slot);
  };

  const limit = workers * CHUNKS_PER_WORKER;
  let seq = 0;
  /**
   * Prices a block of whole lines: here (--workers 0), or in the least busy worker; a block whose
   * outcome is known (a line too long to read) goes straight to the output, in its place.
   */
  const send = async (bytes: Uint8Array, first: number, count: number, known?: Outcome) => {
    const block: Block = { id: nextId(), seq: seq++, first, count, bytes, failures: 0 };
    outstanding++;
    inflight += bytes.length;
    if (known) complete(block, known);
    else if (workers === 0) complete(block, { ...priceBlock(book.book, blockLines(bytes), first, options), notDone: 0 });
    else {
      queue.push(block);
      dispatch();
      while ((outstanding >= limit || inflight > MAX_INFLIGHT_BYTES) && outstanding > 0 && !stopped()) await changed();
    }
    try {
      await sink.drained();
    } catch (e) {
      outputFailure ??= { line: writtenTo + 1, why: failureText(e) };
    }
  };
  const tooLong = (line: number): Outcome => ({ out: `{"line":${line},"notDone":"line longer than ${maxLine} bytes"}\n`, sessions: 0, errors: 0, notDone: 1, totals: [] });
  let first = 1;
  let longLines = 0;
  /** Cuts read before the input's head was fingerprinted (and, resuming, checked): nothing is written before. */
  let early: Cut[] | undefined = [];
  const take = async (cuts: readonly Cut[]) => {
    if (early) {
      early.push(...cuts);
      const head = print.head;
      if (head === undefined) return;
      cuts = early;
      early = undefined;
      if (recordInput && !resuming) writeSidecar(outPath!, { input: displayName(sessionsPath), head });
    }
    for (const cut of cuts) {
      if ("tooLong" in cut) {
        const line = first++;
        lineCount++;
        if (previous && line < previous.done.length && previous.done[line] === 1) already++;
        else {
          longLines++;
          await send(new Uint8Array(0), line, 1, tooLong(line));
        }
        continue;
      }
      lineCount += cut.count;
      if (previous) already += blankDone(cut.bytes, first, previous.done);
      await send(cut.bytes, first, cut.count);
      first += cut.count;
    }
  };
  const cutter = new LineCutter(maxLine);
  let all: Print | undefined;

  try {
  try {
    for (let i = 0; i < workers; i++) spawn(0);
    // The main thread only cuts the input into blocks of whole lines and counts them: parsing,
    // pricing and JSON all happen in the workers.
    try {
      let whole = true;
      for await (const piece of input as AsyncIterable<Uint8Array | string>) {
        if (stopped()) {
          whole = false;
          break;
        }
        const data = typeof piece === "string" ? encoder.encode(piece) : piece;
        print.update(data);
        await take(cutter.push(data));
      }
      all = print.end(whole && !stopped());
      // A last line without its newline (a truncated input ends so): priced like any other.
      if (!stopped()) await take(cutter.end());
    } catch (e) {
      if (e instanceof InputError) throw e;
      // Destroying the input on Ctrl-C ends the loop with an error; any other is the input's.
      if (!env.signal?.aborted) throw new InputError(sessionsPath, [{ path: "", message: `cannot be read: ${failureText(e)}` }]);
    }
    // Whatever was read is finished, unless the output failed.
    while (outstanding > 0 && outputFailure === undefined && gaveUp === undefined) await changed();
  } finally {
    env.signal?.removeEventListener("abort", onAbort);
    if (progress) {
      clearInterval(progress);
      env.stderr.write("\r\x1b[K");
    }
    for (const slot of slots) slot.closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
  } catch (e) {
    // Refused or unreadable input: a resumed file stays as it was, and nothing is left beside it.
    merge?.close();
    sink.abandon();
    throw e;
  }

  outputFailure = await finishOutput(output, outputFailure, writtenTo, recordInput ? () => writeSidecar(outPath!, print.record(displayName(sessionsPath), all ?? print.end(false))) : undefined);

  const seconds = (performance.now() - started) / 1000;
  const money = [...totals].map(([code, t]) => `${code} ${formatMinor(t.minor, t.digits)}`).join("; ");
  // Standard output: what it took (a write that succeeded); a reader that closed it may not have read
  // the last of those (they were in the pipe), and what it never took is not counted.
  if (outputFailure && outPath === undefined) outputFailure = { ...outputFailure, line: writtenTo + 1 };
  const held = writtenTo > 0 ? `the records of ${range(1, writtenTo)}` : "no record";
  const holds =
    outPath !== undefined
      ? `${outPath} holds ${held}`
      : outputFailure
        ? `standard output took ${held}${writtenTo > 0 ? " (a reader that closed it may not have read the last of them)" : ""}`
        : `standard output was given ${held}`;
  const finish = outPath === undefined ? "" : ` Finish with: ev-tariff batch … --out ${outPath} --resume`;
  const report = [
    `batch: ${sessions} priced, ${errors} error record(s), ${notDone} not done, ${lineCount} line(s)` +
      (previous ? ` (${already} done by the earlier run)` : "") +
      ` in ${seconds.toFixed(2)} s: ${Math.round(sessions / Math.max(seconds, 1e-6))} sessions/s, ` +
      `${workers === 0 ? "main thread" : `${workers} worker(s)`}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    `batch: totals (gross)${previous ? " of the lines priced in this run" : ""}: ${money || "none"}`,
  ];
  if (deaths > 0) report.push(`batch: ${deaths} worker(s) stopped and were replaced; their lines were priced again${notDone - longLines > 0 ? `, and ${notDone - longLines} line(s) that stopped a worker twice are listed as notDone` : ""}`);
  if (longLines > 0) report.push(`batch: ${longLines} line(s) longer than ${maxLine} bytes were skipped unread and are listed as notDone`);
  if (outputFailure) {
    const what = `batch: the output failed at input line ${outputFailure.line} (${outputFailure.why})`;
    report.push(
      resuming
        ? `${what}; ${outPath} is as it was before this run.${finish}`
        : `${what}: ${holds}; line ${outputFailure.line} and every line after it are not done.${finish}`,
    );
  } else if (gaveUp) report.push(`batch: stopped: ${gaveUp}: ${holds}; the input from line ${writtenTo + 1} on is not done.${finish}`);
  else if (env.signal?.aborted) report.push(`batch: interrupted: ${holds}; the input from line ${writtenTo + 1} on was not read.${finish}`);
  env.stderr.write(report.join("\n") + "\n");
  if (env.signal?.aborted && !outputFailure) return 130;
  return errors > 0 || notDone > 0 || outputFailure || gaveUp ? 1 : 0;
}
