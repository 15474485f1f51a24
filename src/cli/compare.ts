/**
 * `ev-tariff compare <current> <proposed> <sessions.ndjson|-> [--json] [--html report.html]`: prices
 * every session under both tariffs (each side a tariff file or a folder, matched by `tariffId`) and
 * prints what the change does per market and currency (src/compare). Sessions are read as a stream
 * and compared in blocks, on worker threads when there are enough of them; outcomes are added up in
 * input order, so the report is the same with any number of workers.
 */
import { closeSync, createReadStream, existsSync, openSync, statSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ComparisonBuilder, type CompiledSide, type Outcome } from "../compare/compare.js";
import { comparisonHtml } from "../compare/html.js";
import { formatComparison } from "../compare/text.js";
import { folderSources } from "./batch-input.js";
import { failureText } from "./batch-output.js";
import { compareLines, sideOf, type SideSources } from "./compare-lines.js";
import type { CompareChunk, CompareWorkerSetup } from "./compare-worker.js";
import { exitCodeFor, InputError, jsonText, parseCommandArgs, printable, readText, UsageError } from "./io.js";
import { tuneWorkerJit } from "./worker-jit.js";

export const COMPARE_HELP = `ev-tariff compare — what a proposed tariff does to revenue and to what drivers pay

Usage:
  ev-tariff compare <current> <proposed> <sessions.ndjson|-> [--json] [--html report.html]
                    [--top N] [--workers N]

Prices every session (NDJSON, one per line) under the current and the proposed tariff with the same
engine, and reports per market and currency: sessions priced and refused, energy, revenue before
and after (net, tax, gross; exact sums) with the change in money and percent, the distribution of
the per-session change and of the price per kWh, the change by local hour and weekday of the start,
and the sessions that change most (with their ids and lines, to explain them).
Each side is a tariff file or a folder of tariffs; with folders, each session names its tariff by
"tariffId" and the proposed tariff with the same id is used. A current side of one tariff compares
only the sessions of that tariff (the others are skipped).

Options:
  --json         the exact comparison as JSON
  --html FILE    also write a self-contained HTML report with charts (no network needed)
  --top N        the N largest increases and decreases per market (default 10)
  --workers N    worker threads (default: the number of CPUs for inputs over 1 MiB, else 0: the
                 main thread)

Exit codes: 0 the report was made and every line was a session; 1 some lines were not sessions (they
are listed on standard error, the report leaves them out), a tariff file is invalid, or a file cannot
be read or written; 2 usage error. A session a tariff refuses (outside its validity, say) is counted
in the report as refused; it does not change the exit code.

Examples:
  npm run generate:month -- --out month.ndjson --proposed proposed/
  ev-tariff compare tariffs/ proposed/ month.ndjson --html report.html
  ev-tariff compare tariffs/gr/athens-dc-150.json proposed/gr/athens-dc-150.json month.ndjson --json`;

/** What compare writes to; tests pass their own. */
export interface CompareEnv {
  readonly stdin: Readable;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Set V8's flags for the workers' compiler in this process (the CLI does; see worker-jit.ts). */
  readonly tuneWorkerJit?: boolean;
}

const nodeEnv: CompareEnv = {
  stdin: process.stdin,
  stdout: (t) => process.stdout.write(t + "\n"),
  stderr: (t) => process.stderr.write(t + "\n"),
  tuneWorkerJit: true,
};

/** Inputs above this size are compared on worker threads by default. */
const WORKERS_FROM_BYTES = 1 << 20;
/** Blocks in flight per worker. */
const CHUNKS_PER_WORKER = 4;
/** Invalid lines printed on standard error (all are counted). */
const SHOWN_INVALID = 20;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The worker script next to this module: built JS, or the TypeScript source run through tsx. */
function workerScript(): { url: URL; execArgv: string[] } {
  const js = new URL("./compare-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  return { url: new URL("./compare-worker.ts", import.meta.url), execArgv: ["--import", "tsx"] };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readSide(path: string, env: CompareEnv, role: string): SideSources & { side: CompiledSide } {
  if (path === "-") throw new UsageError(`the ${role} tariff cannot come from standard input; the sessions can`);
  const folder = isDirectory(path);
  const sources = folder ? folderSources(path) : [{ file: path, text: readText(path, () => "") }];
  const { side, skipped } = sideOf({ sources, folder });
  if (folder && side.byId.size === 0) throw new InputError(path, [{ path: "", message: "holds no valid tariff file" }]);
  if (skipped.length > 0) env.stderr(`compare: ${skipped.length} file(s) under ${path} are not tariffs and were left out (e.g. ${relative(path, skipped[0]!)})`);
  return { sources, folder, side };
}

/**
 * Runs the compare command with its arguments (after "compare"); resolves to the exit code.
 *
 * @example
 * await runCompare(["tariffs/", "proposed/", "month.ndjson", "--html", "report.html"])
 */
export async function runCompare(argv: readonly string[], env: CompareEnv = nodeEnv): Promise<number> {
  const say = (t: string) => env.stderr(printable(t, "\n\t"));
  try {
    return await compare(argv, env);
  } catch (e) {
    return exitCodeFor(e, say, `Run "ev-tariff compare --help" for its options and an example, or "ev-tariff --help" for usage.`);
  }
}

async function compare(argv: readonly string[], env: CompareEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { json: { type: "boolean" }, html: { type: "string" }, top: { type: "string" }, workers: { type: "string" }, help: { type: "boolean", short: "h" } },
    "compare",
  );
  if (values.help) {
    env.stdout(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 3) throw new UsageError(`compare needs the current tariff (file or folder), the proposed tariff (file or folder) and a sessions file (NDJSON, or - for standard input); got ${positionals.length} argument(s)`);
  const [currentPath, proposedPath, sessionsPath] = positionals as [string, string, string];
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!/^\d+$/.test(values.top ?? "10") || top > 1000) throw new UsageError(`--top must be a whole number from 0 to 1000 (got "${values.top}")`);
  if (values.workers !== undefined && (!/^\d+$/.test(values.workers) || Number(values.workers) > 256)) throw new UsageError(`--workers must be a whole number from 0 to 256 (got "${values.workers}")`);
  if (values.html === "" || values.html === "-") throw new UsageError("--html needs a file name to write the report to");

  const { side: current, ...currentSources } = readSide(currentPath, env, "current");
  const { side: proposed, ...proposedSources } = readSide(proposedPath, env, "proposed");

  let input: Readable;
  let size = 0;
  if (sessionsPath === "-") input = env.stdin;
  else {
    try {
      const st = statSync(sessionsPath);
      if (st.isDirectory()) throw new InputError(sessionsPath, [{ path: "", message: "is a folder; give a sessions file (NDJSON)" }]);
      size = st.size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(sessionsPath, [{ path: "", message: "no such file" }]);
    }
    input = createReadStream(sessionsPath);
  }
  // The report file is opened before any session is read: an unwritable one is refused at once.
  let htmlFd: number | undefined;
  if (values.html !== undefined) {
    try {
      htmlFd = openSync(values.html, "w");
    } catch (e) {
      throw new InputError(values.html, [{ path: "", message: `cannot be written: ${failureText(e)}` }]);
    }
  }

  const workers = values.workers !== undefined ? Number(values.workers) : size > WORKERS_FROM_BYTES ? availableParallelism() : 0;
  const builder = new ComparisonBuilder([...current.byId.keys()], [...proposed.byId.keys()], { top });
  const shownName = sessionsPath === "-" ? "standard input" : sessionsPath;
  let invalidShown = 0;
  const add = (outcomes: readonly Outcome[]) => {
    for (const o of outcomes) {
      builder.add(o);
      if (o.kind === "invalid" && invalidShown++ < SHOWN_INVALID) for (const i of o.issues) env.stderr(printable(`${shownName}: line ${o.line}: ${i.path || "/"}: ${i.message}`, "\n\t"));
    }
  };

  // Blocks come back in any order; they are added in input order.
  const waiting = new Map<number, readonly Outcome[]>();
  let nextToAdd = 0;
  const arrived = (seq: number, outcomes: readonly Outcome[]) => {
    waiting.set(seq, outcomes);
    for (let o = waiting.get(nextToAdd); o; o = waiting.get(nextToAdd)) {
      waiting.delete(nextToAdd++);
      add(o);
    }
  };

  const pool: { worker: Worker; pending: number }[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const changed = () => new Promise<void>((ok) => (wake = ok));
  let outstanding = 0;
  if (workers > 0) {
    const script = workerScript();
    if (env.tuneWorkerJit) tuneWorkerJit();
    const workerData: CompareWorkerSetup = { current: currentSources, proposed: proposedSources };
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(script.url, { workerData, execArgv: script.execArgv });
      const slot = { worker, pending: 0 };
      worker.on("message", (r: { seq: number; outcomes: Outcome[] }) => {
        slot.pending--;
        outstanding--;
        arrived(r.seq, r.outcomes);
        notify();
      });
      worker.on("error", (e) => {
        failure ??= e;
        notify();
      });
      worker.on("exit", (code) => {
        if (code !== 0) failure ??= new Error(`a worker stopped (exit code ${code})`);
        notify();
      });
      pool.push(slot);
    }
  }

  let seq = 0;
  const send = async (bytes: Uint8Array, first: number) => {
    const s = seq++;
    if (workers === 0) {
      arrived(s, compareLines(current, proposed, decoder.decode(bytes), first));
      return;
    }
    const slot = pool.reduce((a, b) => (b.pending < a.pending ? b : a));
    slot.pending++;
    outstanding++;
    slot.worker.postMessage({ seq: s, first, bytes } satisfies CompareChunk, [bytes.buffer as ArrayBuffer]);
    while (outstanding >= workers * CHUNKS_PER_WORKER && !failure) await changed();
  };

  try {
    let first = 1;
    let rest: Uint8Array = new Uint8Array(0);
    try {
      for await (const piece of input as AsyncIterable<Uint8Array | string>) {
        if (failure) break;
        const data = typeof piece === "string" ? encoder.encode(piece) : piece;
        const cut = data.lastIndexOf(10);
        if (cut < 0) {
          rest = concat(rest, data);
          continue;
        }
        const block = concat(rest, data.subarray(0, cut + 1));
        let lines = 0;
        for (let i = block.indexOf(10); i >= 0; i = block.indexOf(10, i + 1)) lines++;
        await send(block, first);
        first += lines;
        rest = concat(new Uint8Array(0), data.subarray(cut + 1));
      }
      if (rest.length > 0 && !failure) await send(rest, first);
    } catch (e) {
      throw new InputError(shownName, [{ path: "", message: `cannot be read: ${failureText(e)}` }]);
    }
    while (outstanding > 0 && !failure) await changed();
    if (failure) throw failure;
  } catch (e) {
    if (htmlFd !== undefined) closeSync(htmlFd);
    throw e;
  } finally {
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }

  const comparison = builder.finish();
  const invalid = comparison.sessions.invalid;
  if (invalid > SHOWN_INVALID) env.stderr(`${printable(shownName)}: … and ${invalid - SHOWN_INVALID} more line(s) that are not sessions`);
  env.stdout(values.json ? jsonText(comparison) : printable(formatComparison(comparison), "\n\t"));
  if (htmlFd !== undefined) {
    const html = comparisonHtml(comparison, { inputs: { current: currentPath, proposed: proposedPath, sessions: shownName } });
    try {
      const bytes = encoder.encode(html);
      for (let at = 0; at < bytes.length; ) at += writeSync(htmlFd, bytes, at, bytes.length - at);
    } catch (e) {
      throw new InputError(values.html!, [{ path: "", message: `cannot be written: ${failureText(e)}` }]);
    } finally {
      closeSync(htmlFd);
    }
    env.stderr(`compare: wrote ${printable(values.html!)}`);
  }
  return invalid > 0 ? 1 : 0;
}

/** A new array (its own buffer, which may be moved to a worker) holding a then b. */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
