/**
 * The submitter of a queued batch (issue 13): cuts NDJSON input into blocks of whole lines, adds each
 * block as a BullMQ job whose id comes from its content and position, follows the jobs, and hands
 * back each block's records in input order, the same records a local `ev-tariff batch` writes.
 *
 * Nothing is lost or written twice: a block is handed back once, from the job that priced it; a job
 * whose workers died twice (BullMQ's stalled-job limit) has its lines priced one job each, and a line
 * that kills twice becomes `{"line":N,"notDone":"why"}`; a job missing from Redis (lost in a restart)
 * is added again. Records stay in Redis until the block is handed back, so a submitter killed mid-run
 * is resumed by submitting the same input again: jobs that exist are not added twice, and what is
 * already priced is collected, not priced again.
 */
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { splitLines, tariffBook, type LineOptions, type TariffSource } from "../cli/batch-lines.js";
import { blankDone, LineCutter, MAX_LINE_BYTES, type Cut } from "../cli/batch-input.js";
import { connect, describeConnection, type Connection } from "./connection.js";
import { DEFAULT_PREFIX, DEFAULT_QUEUE, JOB_NAME, KEEP_SECONDS, keys, redisProblem, sha256, type JobAnswer, type JobData, type TariffSet } from "./protocol.js";

export interface SubmitOptions {
  /** Redis: a URL (redis://[:password@]host:port[/db]) or ioredis options. */
  readonly connection: Connection;
  /** The queue's name (default "ev-tariff"); the workers must use the same. */
  readonly queue?: string;
  /** BullMQ's key prefix (default "bull"). */
  readonly prefix?: string;
  /** Tariff files as read: one (every session uses it), or, with `folder`, many that sessions name by "tariffId". */
  readonly tariffs: readonly TariffSource[];
  /** Sessions name their tariff by "tariffId" (as with a folder); default: when there is more than one tariff. */
  readonly folder?: boolean;
  /** NDJSON sessions: bytes or text, in pieces of any size. */
  readonly input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Lines per job (default 1000). The same input with the same block size gives the same job ids. */
  readonly blockLines?: number;
  /** Jobs in flight at most (default 64): blocks and records waiting in Redis are bounded by it. */
  readonly window?: number;
  /** Lines already done (index = line number, 1 = done), as `--resume` reads them from an output: skipped. */
  readonly done?: Uint8Array;
  /** Aborting it stops reading; the blocks already submitted are still collected. */
  readonly signal?: AbortSignal;
  /** How long Redis may stay unreachable before the submission stops with SubmitStopped (default 30). */
  readonly redisWaitSeconds?: number;
  /** What every line is priced with: maxSessionDays, and priceSession's options (currency and rate, ignoreValidity). */
  readonly lineOptions?: LineOptions;
  /** The longest line read, in bytes (default and at most 16 MiB, as the local batch); a longer one is notDone unread. */
  readonly maxLineBytes?: number;
}

/** One block's records, handed back in input order. */
export interface BlockResult {
  /** The input lines it covers (blank lines included: they have no record). */
  readonly first: number;
  readonly last: number;
  /** NDJSON records, one per non-blank line not done before, each ending in "\n". */
  readonly out: string;
  readonly sessions: number;
  readonly errors: number;
  readonly notDone: number;
  /** Gross totals per currency: [code, settlement digits, minor units as a decimal string]. */
  readonly totals: readonly (readonly [string, number, string])[];
  /** Lines skipped as done (`done`). */
  readonly already: number;
  /** A worker stopped while pricing (part of) it; its lines were priced again. */
  readonly retried: boolean;
  /** Its job was priced before this submission (found done in Redis). */
  readonly found: boolean;
  /** Lines longer than the limit, skipped unread (each a notDone record). */
  readonly tooLong: number;
}

/** The submission stopped before the end of its input (Redis unreachable too long); what was handed back stands. */
export class SubmitStopped extends Error {
  override readonly name = "SubmitStopped";
}

/** A submission: iterate it for the results; `linesRead` counts the input lines cut so far. */
export interface Submission extends AsyncIterable<BlockResult> {
  readonly linesRead: number;
  /** Blocks added as jobs, and blocks whose job already existed. */
  readonly jobs: { added: number; existing: number };
}

/** A job this submission follows: a block, or one line of a block split after its workers died twice. */
interface Pending {
  readonly id: string;
  readonly first: number;
  readonly count: number;
  readonly bytes: Uint8Array;
  readonly already: number;
  readonly part: boolean;
  /** Times added again after a failure that was not a stall. */
  tries: number;
  existed: boolean;
  /** Added as a job (a blank block or line never is). */
  added: boolean;
  checking: boolean;
  recheck: boolean;
  parts?: Pending[];
  result?: Omit<BlockResult, "first" | "last" | "already" | "tooLong">;
  tooLong?: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const STALLED = /stalled more than allowable limit/;
/** Failures other than stalls (a Redis error in a worker) are retried this many times. */
const TRIES = 3;

/** Only spaces, tabs, CR and LF: no record for any of its lines. */
const blank = (bytes: Uint8Array) => bytes.every((b) => b === 32 || b === 9 || b === 10 || b === 13);

function notDoneResult(p: Pending, reason: string): NonNullable<Pending["result"]> {
  let out = "";
  let notDone = 0;
  splitLines(decoder.decode(p.bytes)).forEach((text, i) => {
    if (text.trim() === "") return;
    out += `{"line":${p.first + i},"notDone":${JSON.stringify(reason)}}\n`;
    notDone++;
  });
  return { out, sessions: 0, errors: 0, notDone, totals: [], retried: true, found: false };
}

const EMPTY = { out: "", sessions: 0, errors: 0, notDone: 0, totals: [], retried: false, found: false } as const;

/**
 * Submits NDJSON sessions to the queue and hands back each block's records in input order. Tariffs
 * are checked here first (an invalid one throws, naming its file), then stored once in Redis by
 * content hash. Workers (`createPricingWorker`, or `ev-tariff worker`) price the blocks.
 *
 * @example
 * for await (const block of submitBatch({ connection: "redis://127.0.0.1:6379", tariffs: [{ file, text }], input: createReadStream("sessions.ndjson") }))
 *   out.write(block.out);
 */
export function submitBatch(options: SubmitOptions): Submission {
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const k = keys(queueName, prefix);
  const blockLines = options.blockLines ?? 1000;
  const window = options.window ?? 64;
  if (!Number.isInteger(blockLines) || blockLines < 1) throw new RangeError("blockLines must be a whole number ≥ 1");
  if (!Number.isInteger(window) || window < 1) throw new RangeError("window must be a whole number ≥ 1");
  const folder = options.folder ?? options.tariffs.length > 1;
  // Checked before anything is sent: a bad tariff throws InputError naming its file.
  const { skipped } = tariffBook(options.tariffs, folder);
  const sources = options.tariffs.filter((s) => !skipped.includes(s.file));
  const tariffHashes = sources.map((s) => sha256(s.text));
  const lineOptions = options.lineOptions ?? {};
  const maxLine = Math.min(options.maxLineBytes ?? MAX_LINE_BYTES, MAX_LINE_BYTES);
  const tariffSet: TariffSet = { folder, tariffs: tariffHashes, ...(Object.keys(lineOptions).length > 0 ? { options: lineOptions } : {}) };
  const setText = JSON.stringify(tariffSet);
  const setHash = sha256(setText);
  const waitMs = (options.redisWaitSeconds ?? 30) * 1000;

  let linesRead = 0;
  const jobs = { added: 0, existing: 0 };

  async function* run(): AsyncGenerator<BlockResult> {
    let problem: Error | undefined;
    const onError = (e: Error) => (problem = e);
    const client: Redis = connect(options.connection, {}, onError);
    // BullMQ does not close connections it is given: they are closed at the end, with the client.
    const connections = [client, connect(options.connection, {}, onError), connect(options.connection, {}, onError)];
    const queue = new Queue<JobData, JobAnswer>(queueName, { connection: connections[1]!, prefix });
    queue.on("error", onError);
    const events = new QueueEvents(queueName, { connection: connections[2]!, prefix });
    events.on("error", onError);

    const byId = new Map<string, Pending>();
    const inFlight: Pending[] = [];
    let readerDone = false;
    let readerError: unknown;
    let stopped: SubmitStopped | undefined;

    // The reader (waiting for room) and the collector (waiting for the next block) sleep until something changes.
    const waiters = new Set<() => void>();
    const notify = () => {
      const all = [...waiters];
      waiters.clear();
      for (const w of all) w();
    };
    /** Resolves true when something changed, false after `ms`. */
    const changed = (ms: number) =>
      new Promise<boolean>((ok) => {
        const w = () => {
          clearTimeout(t);
          ok(true);
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          ok(false);
        }, ms);
        waiters.add(w);
      });

    /** Stores a job's lines and adds the job (a job that exists already is not added twice). */
    const add = async (p: Pending, first = false) => {
      const data: JobData = { v: 1, set: setHash, first: p.first, count: p.count };
      const [, [, exists]] = (await client.multi().set(k.input(p.id), Buffer.from(p.bytes), "EX", KEEP_SECONDS).exists(k.job(p.id)).exec()) as [unknown, [unknown, number]];
      // A block added again, or a line of a split block, goes to the front of the queue: the output waits for it.
      await queue.add(JOB_NAME, data, { jobId: p.id, lifo: p.part || !first, removeOnComplete: false, removeOnFail: false });
      if (first) {
        if (exists) jobs.existing++;
        else jobs.added++;
      }
      p.existed = exists === 1;
      p.added = true;
      byId.set(p.id, p);
      if (exists) void check(p);
    };

    /** Looks at a job in Redis and acts on what it finds: records to collect, a failure, a lost job. */
    const check = async (p: Pending): Promise<void> => {
      if (p.result || p.parts) return;
      if (p.checking) {
        p.recheck = true;
        return;
      }
      p.checking = true;
      try {
        do {
          p.recheck = false;
          const state = await queue.getJobState(p.id);
          if (state === "completed") {
            const [[, out], [, answer], [, stc]] = (await client.multi().getBuffer(k.output(p.id)).hget(k.job(p.id), "returnvalue").hget(k.job(p.id), "stc").exec()) as [[unknown, Buffer | null], [unknown, string | null], [unknown, string | null]];
            if (out === null || answer === null) {
              // Its records are gone (a Redis restart lost them): priced again.
              await queue.remove(p.id);
              await add(p);
              continue;
            }
            const a = JSON.parse(answer) as JobAnswer;
            p.result = { out: decoder.decode(out), sessions: a.sessions, errors: a.errors, notDone: 0, totals: a.totals, retried: Number(stc ?? 0) > 0, found: p.existed };
          } else if (state === "failed") {
            const reason = (await client.hget(k.job(p.id), "failedReason")) ?? "failed";
            if (STALLED.test(reason) && p.count > 1) await split(p);
            else if (STALLED.test(reason)) p.result = notDoneResult(p, `the workers pricing it stopped (${reason})`);
            else if (p.tries < TRIES) {
              p.tries++;
              await queue.remove(p.id);
              await add(p);
              continue;
            } else p.result = notDoneResult(p, `not priced: ${reason}`);
          } else if (state === "unknown") {
            // Lost (a Redis restart before its append-only file had it): added again.
            await add(p);
          }
        } while (p.recheck);
      } finally {
        p.checking = false;
      }
      if (p.result || p.parts) notify();
    };

    /** A block whose workers died twice: one job per non-blank line. */
    const split = async (p: Pending) => {
      const parts: Pending[] = [];
      let from = 0;
      for (let i = 0; i < p.count; i++) {
        const nl = p.bytes.indexOf(10, from);
        const to = nl < 0 ? p.bytes.length : nl + 1;
        const bytes = p.bytes.slice(from, to);
        from = to;
        const part: Pending = { id: `${p.id}.L${p.first + i}`, first: p.first + i, count: 1, bytes, already: 0, part: true, tries: 0, existed: false, added: false, checking: false, recheck: false };
        if (blank(bytes)) part.result = EMPTY;
        parts.push(part);
      }
      p.parts = parts;
      for (const part of parts) if (!part.result) await add(part);
    };

    /** A block's result when it (and all its parts) are done. */
    const resultOf = (p: Pending): BlockResult | undefined => {
      const base = { first: p.first, last: p.first + p.count - 1, already: p.already, tooLong: p.tooLong ?? 0 };
      if (p.result) return { ...base, ...p.result };
      if (!p.parts || p.parts.some((x) => !x.result)) return undefined;
      const r = p.parts.map((x) => x.result!);
      return {
        ...base,
        out: r.map((x) => x.out).join(""),
        sessions: r.reduce((n, x) => n + x.sessions, 0),
        errors: r.reduce((n, x) => n + x.errors, 0),
        notDone: r.reduce((n, x) => n + x.notDone, 0),
        totals: r.flatMap((x) => x.totals),
        retried: true,
        found: false,
      };
    };

    const onEvent = ({ jobId }: { jobId: string }) => {
      const p = byId.get(jobId);
      if (p) void check(p).catch(() => {});
    };
    events.on("completed", onEvent);
    events.on("failed", onEvent);

    // Redis unreachable for longer than waitMs stops the submission: whatever waits on Redis then
    // gives up (commands otherwise wait for a reconnect for ever).
    let giveUp!: (e: SubmitStopped) => void;
    const gaveUp = new Promise<never>((_, fail) => (giveUp = fail));
    gaveUp.catch(() => {});
    const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, gaveUp]);
    let downSince: number | undefined;
    const watchdog = setInterval(() => {
      if (client.status === "ready") downSince = undefined;
      else downSince ??= Date.now();
      if (downSince !== undefined && Date.now() - downSince > waitMs && !stopped) {
        stopped = new SubmitStopped(
          `Redis at ${describeConnection(options.connection)} was unreachable for ${Math.round(waitMs / 1000)} s (${problem ? redisProblem(problem) : "no answer"})`,
        );
        giveUp(stopped);
        notify();
      }
    }, 250);

    const startReader = () =>
      (async () => {
      let seq = 0;
      let first = 1;
      let pieces: Uint8Array[] = [];
      let length = 0;
      let lines = 0;
      /** Queues a block (or a line too long to read), waiting for room in the window. */
      const queue = async (p: Pending) => {
        while (inFlight.length >= window && !stopped) await changed(1000);
        if (stopped) return;
        inFlight.push(p);
        if (!p.result) await add(p, true);
        notify();
      };
      /** The lines held so far, as one block (a job, unless every line is blank). */
      const cut = async () => {
        if (lines === 0) return;
        const bytes = new Uint8Array(length);
        let at = 0;
        for (const piece of pieces) {
          bytes.set(piece, at);
          at += piece.length;
        }
        const count = lines;
        pieces = [];
        length = 0;
        lines = 0;
        const block = seq++;
        const already = options.done ? blankDone(bytes, first, options.done) : 0;
        const id = `b${block}-L${first}-${sha256(Buffer.concat([encoder.encode(`${setHash}\n${first}\n${count}\n`), bytes])).slice(0, 24)}`;
        const p: Pending = { id, first, count, bytes, already, part: false, tries: 0, existed: false, added: false, checking: false, recheck: false };
        first += count;
        if (blank(bytes)) p.result = EMPTY;
        await queue(p);
      };
      /** Whole lines from the cutter, regrouped into blocks of `blockLines` (the same blocks for any chunking). */
      const take = async (c: Cut) => {
        if ("tooLong" in c) {
          linesRead++;
          await cut();
          const line = first++;
          const already = options.done && line < options.done.length && options.done[line] === 1;
          await queue({
            id: `b${seq++}-L${line}-too-long`, first: line, count: 1, bytes: new Uint8Array(0), already: already ? 1 : 0, part: false, tries: 0, existed: false, added: false, checking: false, recheck: false,
            result: already ? EMPTY : { ...EMPTY, out: `{"line":${line},"notDone":"line longer than ${maxLine} bytes"}\n`, notDone: 1 },
            tooLong: already ? 0 : 1,
          });
          return;
        }
        linesRead += c.count;
        let from = 0;
        let remaining = c.count;
        while (remaining > 0 && !stopped) {
          const need = blockLines - lines;
          if (remaining <= need) {
            pieces.push(c.bytes.subarray(from));
            length += c.bytes.length - from;
            lines += remaining;
            remaining = 0;
          } else {
            let at = from;
            for (let n = 0; n < need; n++) at = c.bytes.indexOf(10, at) + 1;
            pieces.push(c.bytes.subarray(from, at));
            length += at - from;
            lines += need;
            remaining -= need;
            from = at;
          }
          if (lines === blockLines) await cut();
        }
      };
      const cutter = new LineCutter(maxLine);
      for await (const piece of options.input) {
        if (options.signal?.aborted || stopped) break;
        for (const c of cutter.push(typeof piece === "string" ? encoder.encode(piece) : piece)) await take(c);
        if (stopped) return;
      }
      if (stopped || options.signal?.aborted) {
        await cut();
        return;
      }
      for (const c of cutter.end()) await take(c);
      await cut();
    })().then(
      () => {
        readerDone = true;
        notify();
      },
      (e: unknown) => {
        readerError = e;
        readerDone = true;
        notify();
      },
    );

    try {
      await guard(client.set(k.set(setHash), setText, "EX", KEEP_SECONDS));
      for (let i = 0; i < sources.length; i++) await guard(client.set(k.tariff(tariffHashes[i]!), sources[i]!.text, "EX", KEEP_SECONDS));
      await guard(events.waitUntilReady());
      // Jobs are added only once their tariffs are in Redis.
      startReader();
      for (;;) {
        if (stopped) throw stopped;
        // Aborting destroys the input, which ends its reading with an error: that one is not a failure.
        if (readerError !== undefined && !options.signal?.aborted) throw readerError;
        const head = inFlight[0];
        if (!head) {
          if (readerDone) break;
          await changed(1000);
          continue;
        }
        const result = resultOf(head);
        if (result) {
          yield result;
          // Written by the caller: its job, lines and records leave Redis.
          inFlight.shift();
          const ids = [head, ...(head.parts ?? [])].filter((x) => x.added).map((x) => x.id);
          for (const id of ids) byId.delete(id);
          if (ids.length > 0) {
            await guard(Promise.all(ids.map((id) => queue.remove(id).catch(() => 0))));
            await guard(client.del(...ids.flatMap((id) => [k.input(id), k.output(id)])));
          }
          notify();
          continue;
        }
        // Events say when a job is done; a look at every job followed now and then catches the rest.
        if (!(await changed(500))) await guard(Promise.all([...byId.values()].map((p) => check(p).catch(() => {}))));
      }
    } finally {
      clearInterval(watchdog);
      await Promise.race([Promise.allSettled([events.close(), queue.close()]), new Promise((ok) => setTimeout(ok, 1000))]);
      for (const c of connections) c.disconnect();
      // Stops a reader still waiting for room.
      stopped ??= new SubmitStopped("closed");
      notify();
    }
  }

  return {
    get linesRead() {
      return linesRead;
    },
    jobs,
    [Symbol.asyncIterator]: run,
  };
}
