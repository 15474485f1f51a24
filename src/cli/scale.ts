/**
 * `ev-tariff batch … --redis URL` and `ev-tariff worker --redis URL` (issue 13): the batch submits its
 * lines as jobs to a BullMQ queue on Redis (src/scale/submit.ts) and writes the records in input order,
 * the same file a local batch writes; workers (src/scale/worker.ts) price them anywhere. Built as
 * dist/scale-cli.js, loaded by the CLI only when asked for (src/cli/scale-load.ts).
 */
import { createReadStream, fstatSync, statSync, type Stats } from "node:fs";
import { relative } from "node:path";
import type { Readable } from "node:stream";
import { checkRedis, describeConnection, RedisUnavailable } from "../scale/connection.js";
import { DEFAULT_QUEUE } from "../scale/protocol.js";
import { SubmitStopped, submitBatch, type BlockResult } from "../scale/submit.js";
import { createPricingWorker } from "../scale/worker.js";
import type { BatchEnv } from "./batch.js";
import { tariffBook, type LineOptions } from "./batch-lines.js";
import { finishOutput, openOutput, resumingLine } from "./batch-open.js";
import { folderSources, MAX_LINE_BYTES, writeSidecar, type Print } from "./batch-input.js";
import { failureText } from "./batch-output.js";
import { displayName, exitCodeFor, InputError, parseCommandArgs, readText, UsageError } from "./io.js";
import { exchangeOptions, maxSessionDays } from "./pricing-options.js";
import { BATCH_HINT, WORKER_HELP } from "./scale-load.js";

const encoder = new TextEncoder();

function statOf(stat: () => Stats | undefined): Stats | undefined {
  try {
    return stat();
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const formatMinor = (minor: bigint, digits: number) => {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  return (negative ? "-" : "") + (digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text);
};

const range = (from: number, to: number) => (from === to ? `line ${from}` : `lines ${from}–${to}`);

/** A whole number option within bounds, or a usage error naming it. */
function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

function seconds(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a number of seconds from ${min} to ${max} (got "${value}")`);
  return n;
}

/** Runs `batch … --redis URL`; resolves to the exit code (errors are turned into messages here). */
export async function runRedisBatch(argv: readonly string[], env: BatchEnv): Promise<number> {
  const say = (text: string) => env.stderr.write(text + "\n");
  try {
    return await redisBatch(argv, env);
  } catch (e) {
    if (e instanceof RedisUnavailable) {
      say(`ev-tariff: ${e.message}`);
      return 1;
    }
    return exitCodeFor(e, say, BATCH_HINT);
  }
}

async function redisBatch(argv: readonly string[], env: BatchEnv): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    redis: { type: "string" },
    queue: { type: "string" },
    block: { type: "string" },
    window: { type: "string" },
    "redis-wait": { type: "string" },
    out: { type: "string" },
    resume: { type: "boolean" },
    workers: { type: "string" },
    "max-session-days": { type: "string" },
    "ignore-validity": { type: "boolean" },
    currency: { type: "string" },
    rate: { type: "string" },
  }, "batch");
  if (values.workers !== undefined) throw new UsageError("--workers is for local threads; with --redis the workers are separate processes: ev-tariff worker --redis URL");
  if (positionals.length !== 2) throw new UsageError("batch needs a tariff file (or a folder of tariffs) and a sessions file (NDJSON, or - for standard input)");
  const [tariffPath, sessionsPath] = positionals as [string, string];
  if (tariffPath === "-") throw new UsageError("the tariff cannot come from standard input in a batch; the sessions can");
  const url = values.redis!;
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--redis must be a redis:// URL, e.g. redis://127.0.0.1:6379 (got "${url}")`);
  const queue = values.queue ?? DEFAULT_QUEUE;
  if (!/^[\w.-]+$/.test(queue)) throw new UsageError("--queue must be letters, digits, '.', '_' or '-'");
  const blockLines = wholeNumber("block", values.block, 1000, 1, 1_000_000);
  const window = wholeNumber("window", values.window, 64, 1, 100_000);
  const redisWait = seconds("redis-wait", values["redis-wait"], 30, 0, 86_400);
  if (values.resume && values.out === undefined) throw new UsageError("--resume needs --out: the file a run wrote, to finish");
  // The pricing flags of the local batch, carried to the workers with the tariffs.
  const maxDays = maxSessionDays(values["max-session-days"]);
  const price = { ...exchangeOptions(values), ...(values["ignore-validity"] ? { ignoreValidity: true } : {}) };
  const lineOptions: LineOptions = { ...(maxDays !== undefined ? { maxSessionDays: maxDays } : {}), ...(Object.keys(price).length > 0 ? { price } : {}) };
  const maxLine = env.maxLineBytes !== undefined && Number.isInteger(env.maxLineBytes) && env.maxLineBytes > 0 ? Math.min(env.maxLineBytes, MAX_LINE_BYTES) : MAX_LINE_BYTES;

  // Tariffs: checked here, so a bad tariff stops the run before anything reaches Redis.
  const folder = isDirectory(tariffPath);
  const sources = folder ? folderSources(tariffPath) : [{ file: tariffPath, text: readText(tariffPath, () => "") }];
  const book = tariffBook(sources, folder);
  if (folder && book.book.byId.size === 0) throw new InputError(tariffPath, [{ path: "", message: "holds no valid tariff file" }]);
  if (book.skipped.length > 0) env.stderr.write(`batch: ${book.skipped.length} file(s) under ${tariffPath} are not tariffs and were left out (e.g. ${relative(tariffPath, book.skipped[0]!)})\n`);

  let totalBytes = 0;
  if (sessionsPath !== "-") {
    try {
      totalBytes = statSync(sessionsPath).size;
    } catch {
      throw new InputError(sessionsPath, [{ path: "", message: "no such file" }]);
    }
  }
  // An output that is a file this run reads (by any name) would be emptied before it is read: refused.
  if (values.out !== undefined) {
    const outStat = statOf(() => statSync(values.out!));
    const same = (st: Stats | undefined) => outStat !== undefined && st !== undefined && st.dev === outStat.dev && st.ino === outStat.ino;
    const read = [
      { name: sessionsPath, stat: statOf(() => (sessionsPath === "-" ? (env.stdinFd === undefined ? undefined : fstatSync(env.stdinFd)) : statSync(sessionsPath))) },
      ...sources.map((s) => ({ name: s.file, stat: statOf(() => statSync(s.file)) })),
    ];
    const clash = read.find((r) => same(r.stat));
    if (clash) throw new UsageError(`--out ${values.out} is ${displayName(clash.name)}, a file this batch reads: writing there would destroy it; name another output file`);
  }
  // Redis first: unreachable, or a wrong password, is one line and exit 1, before any output is touched.
  await checkRedis(url);
  const input: Readable = sessionsPath === "-" ? env.stdin : createReadStream(sessionsPath);

  const outPath = values.out;
  // The same output rules as the local batch (OUT.resume, OUT.input.json): src/cli/batch-open.ts.
  const output = openOutput(outPath, sessionsPath, values.resume === true, env.stdout);
  const { resuming, previous, print, merge, sink } = output;
  /** Only a regular output file gets a record of its input (not /dev/null, a FIFO, a device). */
  const recordInput = outPath !== undefined && statOf(() => statSync(outPath))?.isFile() === true;
  let all: Print | undefined;
  /**
   * The input as the submitter reads it, fingerprinted on the way: nothing reaches Redis (so no record
   * is written) before its head is fingerprinted and, resuming, checked; an input that is not the one
   * the file was made from throws an InputError from here.
   */
  async function* checked(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
    let early: Uint8Array[] | undefined = [];
    const release = function* () {
      const held = early!;
      early = undefined;
      if (recordInput && !resuming) writeSidecar(outPath!, { input: displayName(sessionsPath), head: print.head! });
      yield* held;
    };
    for await (const piece of source) {
      const data = typeof piece === "string" ? encoder.encode(piece) : piece;
      print.update(data);
      if (!early) yield data;
      else {
        early.push(data);
        if (print.head !== undefined) yield* release();
      }
    }
    // Read to its end (a stopped submission returns this generator before it gets here).
    all = print.end(true);
    if (early) yield* release();
  }
  if (previous) env.stderr.write(resumingLine(outPath, previous));

  const started = performance.now();
  let sessions = 0;
  let errors = 0;
  let notDone = 0;
  let already = 0;
  let retried = 0;
  let found = 0;
  let blocks = 0;
  let longLines = 0;
  const totals = new Map<string, { digits: number; minor: bigint }>();
  let outputFailure: { line: number; why: string } | undefined;
  let stopped: string | undefined;
  let writtenTo = 0;

  const submission = submitBatch({
    connection: url,
    queue,
    tariffs: sources,
    folder,
    input: checked(input as AsyncIterable<Uint8Array | string>),
    blockLines,
    window,
    redisWaitSeconds: redisWait,
    lineOptions,
    maxLineBytes: maxLine,
    ...(previous ? { done: previous.done } : {}),
    ...(env.signal ? { signal: env.signal } : {}),
  });
  const onAbort = () => input.destroy();
  env.signal?.addEventListener("abort", onAbort);

  const tty = env.stderr.isTTY === true;
  let lastProgress = performance.now();
  let hinted = false;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (!hinted && now - lastProgress > 15_000) {
      hinted = true;
      env.stderr.write(`${tty ? "\r\x1b[K" : ""}batch: no block came back in 15 s: is a worker running? (ev-tariff worker --redis ${describeConnection(url)}${queue === DEFAULT_QUEUE ? "" : ` --queue ${queue}`})\n`);
    }
    if (!tty) return;
    const secs = (now - started) / 1000;
    const read = (input as Partial<{ bytesRead: number }>).bytesRead ?? 0;
    const part = totalBytes > 0 ? Math.min(1, read / totalBytes) : undefined;
    const bar = part === undefined ? "" : `[${"#".repeat(Math.round(part * 30)).padEnd(30, ".")}] ${(part * 100).toFixed(0).padStart(3)}% `;
    env.stderr.write(`\r${bar}${submission.linesRead.toLocaleString("en")} lines, ${Math.round(sessions / Math.max(secs, 1e-3)).toLocaleString("en")} sessions/s\x1b[K`);
  }, 200);

  const write = (r: BlockResult) => {
    try {
      if (merge) sink.write(merge.merge(r.out, r.last));
      else if (r.out.length > 0) sink.write(r.out);
    } catch (e) {
      outputFailure = { line: r.first, why: failureText(e) };
      return;
    }
    writtenTo = r.last;
    blocks++;
    sessions += r.sessions;
    errors += r.errors;
    notDone += r.notDone;
    already += r.already;
    if (r.retried) retried++;
    if (r.found) found++;
    longLines += r.tooLong;
    for (const [code, digits, minor] of r.totals) {
      const sum = totals.get(code);
      if (sum) sum.minor += BigInt(minor);
      else totals.set(code, { digits, minor: BigInt(minor) });
    }
  };

  try {
    for await (const r of submission) {
      lastProgress = performance.now();
      write(r);
      if (outputFailure) break;
      try {
        await sink.drained();
      } catch (e) {
        outputFailure ??= { line: writtenTo + 1, why: failureText(e) };
        break;
      }
    }
  } catch (e) {
    if (e instanceof SubmitStopped) stopped = e.message;
    else if (e instanceof RedisUnavailable) stopped = e.message;
    else if (e instanceof InputError || !env.signal?.aborted) {
      // Refused or unreadable input: a resumed file stays as it was, and nothing is left beside it.
      merge?.close();
      sink.abandon();
      if (e instanceof InputError) throw e;
      if ((e as NodeJS.ErrnoException)?.code !== undefined) throw new InputError(sessionsPath, [{ path: "", message: `cannot be read: ${failureText(e)}` }]);
      throw e;
    }
  } finally {
    env.signal?.removeEventListener("abort", onAbort);
    clearInterval(ticker);
    if (tty) env.stderr.write("\r\x1b[K");
  }

  outputFailure = await finishOutput(output, outputFailure, writtenTo, recordInput ? () => writeSidecar(outPath!, print.record(displayName(sessionsPath), all ?? print.end(false))) : undefined);

  const lineCount = submission.linesRead;
  const secs = (performance.now() - started) / 1000;
  const money = [...totals].map(([code, t]) => `${code} ${formatMinor(t.minor, t.digits)}`).join("; ");
  const held = writtenTo > 0 ? `the records of ${range(1, writtenTo)}` : "no record";
  const holds = outPath === undefined ? `standard output was given ${held}` : `${outPath} holds ${held}`;
  const finish = outPath === undefined ? "" : ` Finish with: ev-tariff batch … --redis ${describeConnection(url)}${queue === DEFAULT_QUEUE ? "" : ` --queue ${queue}`}${values.block ? ` --block ${blockLines}` : ""} --out ${outPath} --resume`;
  const report = [
    `batch: ${sessions} priced, ${errors} error record(s), ${notDone} not done, ${lineCount} line(s)` +
      (previous ? ` (${already} done by the earlier run)` : "") +
      ` in ${secs.toFixed(2)} s: ${Math.round(sessions / Math.max(secs, 1e-6))} sessions/s, ` +
      `queue ${queue} on ${describeConnection(url)} (${blocks} block(s) of up to ${blockLines} lines${found > 0 ? `, ${found} priced before this run` : ""}), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    `batch: totals (gross)${previous ? " of the lines priced in this run" : ""}: ${money || "none"}`,
  ];
  if (longLines > 0) report.push(`batch: ${longLines} line(s) longer than ${maxLine} bytes were skipped unread and are listed as notDone`);
  if (retried > 0) report.push(`batch: ${retried} block(s) were taken over after a worker stopped; their lines were priced again${notDone - longLines > 0 ? `, and ${notDone - longLines} line(s) that stopped a worker twice are listed as notDone` : ""}`);
  if (outputFailure) {
    const what = `batch: the output failed at input line ${outputFailure.line} (${outputFailure.why})`;
    report.push(resuming ? `${what}; ${outPath} is as it was before this run.${finish}` : `${what}: ${holds}; line ${outputFailure.line} and every line after it are not done.${finish}`);
  } else if (stopped) report.push(`batch: stopped: ${stopped}: ${holds}; the input from line ${writtenTo + 1} on is not done.${finish}`);
  else if (env.signal?.aborted) report.push(`batch: interrupted: ${holds}; the input from line ${writtenTo + 1} on was not read.${finish}`);
  env.stderr.write(report.join("\n") + "\n");
  if (env.signal?.aborted && !outputFailure && !stopped) return 130;
  return errors > 0 || notDone > 0 || outputFailure || stopped ? 1 : 0;
}

/** Runs `ev-tariff worker`; resolves to the exit code once stopped (SIGTERM/SIGINT: 0). */
export async function runWorker(argv: readonly string[]): Promise<number> {
  const say = (text: string) => process.stderr.write(text + "\n");
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      redis: { type: "string" },
      queue: { type: "string" },
      concurrency: { type: "string" },
      "lock-seconds": { type: "string" },
      help: { type: "boolean", short: "h" },
    }, "worker");
    if (values.help) {
      process.stdout.write(WORKER_HELP + "\n");
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`worker takes no file (got "${positionals[0]}")`);
    const url = values.redis;
    if (url === undefined) throw new UsageError("worker needs --redis URL, e.g. --redis redis://127.0.0.1:6379");
    if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--redis must be a redis:// URL, e.g. redis://127.0.0.1:6379 (got "${url}")`);
    const queue = values.queue ?? DEFAULT_QUEUE;
    if (!/^[\w.-]+$/.test(queue)) throw new UsageError("--queue must be letters, digits, '.', '_' or '-'");
    const concurrency = wholeNumber("concurrency", values.concurrency, 1, 1, 256);
    const lockSeconds = seconds("lock-seconds", values["lock-seconds"], 30, 0.5, 3600);
    await checkRedis(url);

    const w = createPricingWorker({ connection: url, queue, concurrency, lockSeconds, log: say, ...(process.env.EV_TARIFF_BATCH_FAULT ? { fault: process.env.EV_TARIFF_BATCH_FAULT } : {}) });
    say(`worker: pricing jobs of queue ${queue} on ${describeConnection(url)} (concurrency ${concurrency}, pid ${process.pid})`);
    await new Promise<void>((ok) => {
      const stop = (signal: string) => {
        process.off("SIGTERM", onTerm);
        process.off("SIGINT", onInt);
        // A second signal ends the process at once.
        process.once(signal, () => process.exit(130));
        say(`worker: ${signal}: finishing the job in hand`);
        ok();
      };
      const onTerm = () => stop("SIGTERM");
      const onInt = () => stop("SIGINT");
      process.on("SIGTERM", onTerm);
      process.on("SIGINT", onInt);
    });
    // Closing waits for Redis (to hand the job back); with Redis away it gives up after a while: the job
    // in hand, if any, is then taken over by another worker once its lock runs out.
    const limit = Math.max(10, 2 * lockSeconds);
    const closed = await Promise.race([w.close().then(() => true), new Promise<false>((ok) => setTimeout(() => ok(false), limit * 1000).unref())]);
    if (!closed) {
      say(`worker: Redis did not answer within ${limit} s; stopping without it (a job in hand is taken over by another worker)`);
      process.exit(1);
    }
    say(`worker: stopped after ${w.done.jobs} job(s): ${w.done.sessions} priced, ${w.done.errors} error record(s)`);
    return 0;
  } catch (e) {
    if (e instanceof RedisUnavailable) {
      say(`ev-tariff: ${e.message}`);
      return 1;
    }
    return exitCodeFor(e, say, `Run "ev-tariff worker --help" for its options and an example.`);
  }
}
