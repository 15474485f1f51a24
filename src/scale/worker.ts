/**
 * A pricing worker of the queue (issue 13): takes jobs (blocks of NDJSON session lines), prices them
 * with the same engine as `ev-tariff batch` (src/cli/batch-lines.ts: compileTariff + priceSession,
 * one record per non-blank line) and stores each block's records in Redis. Tariffs are read from
 * Redis by content hash and compiled once per worker.
 */
import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { compileTariff, type CompiledTariff } from "../compile/compile.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import { blockLines, priceBlock, type LineOptions, type TariffBook } from "../cli/batch-lines.js";
import { connect, type Connection } from "./connection.js";
import { DEFAULT_PREFIX, DEFAULT_QUEUE, KEEP_SECONDS, keys, redisProblem, type JobAnswer, type JobData, type TariffSet } from "./protocol.js";

export interface PricingWorkerOptions {
  /** Redis: a URL (redis://[:password@]host:port[/db]) or ioredis options. */
  readonly connection: Connection;
  /** The queue's name (default "ev-tariff"); the submitter must use the same. */
  readonly queue?: string;
  /** BullMQ's key prefix (default "bull"). */
  readonly prefix?: string;
  /** Jobs in hand at once (default 1): pricing is CPU-bound, so run one worker process per core. */
  readonly concurrency?: number;
  /**
   * Seconds a job stays locked to this worker without a renewal (default 30): a worker that dies
   * mid-job has its job taken over by another after about 1–2 times this. A job whose workers died
   * twice fails ("stalled more than allowable limit"); the submitter then prices its lines one by one.
   */
  readonly lockSeconds?: number;
  /** One line per job (and a line when Redis goes away or comes back); default: none. */
  readonly log?: (line: string) => void;
  /**
   * For the fault tests only (the CLI reads it from EV_TARIFF_BATCH_FAULT): "always-exit-on:TEXT"
   * ends the process (exit code 70) on a block that holds TEXT, as a line that kills would;
   * "hold-on:TEXT" keeps such a block in hand for ever (the test then kills the worker mid-job).
   */
  readonly fault?: string;
}

export interface PricingWorker {
  /** The BullMQ worker (events, pause, …). */
  readonly worker: Worker<JobData, JobAnswer>;
  /** Jobs and sessions priced so far. */
  readonly done: { jobs: number; sessions: number; errors: number };
  /** Stops taking jobs, finishes the ones in hand, and closes the connections. */
  close(): Promise<void>;
}


/**
 * Starts a worker on the queue.
 *
 * @example
 * const w = createPricingWorker({ connection: "redis://127.0.0.1:6379", log: console.error });
 * process.once("SIGTERM", () => void w.close().then(() => process.exit(0)));
 */
export function createPricingWorker(options: PricingWorkerOptions): PricingWorker {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const k = keys(queue, prefix);
  const log = options.log ?? (() => {});
  const fault = /^(always-exit|hold)-on:(.+)$/s.exec(options.fault ?? "");
  const lockMs = Math.round((options.lockSeconds ?? 30) * 1000);

  // Redis going away is said once, and its coming back once.
  let away = false;
  const onError = (e: Error) => {
    if (away) return;
    away = true;
    log(`worker: Redis: ${redisProblem(e)}; waiting for it to come back`);
  };
  const client: Redis = connect(options.connection, {}, onError);
  const onReady = () => {
    if (!away) return;
    away = false;
    log("worker: Redis is back");
  };
  client.on("ready", onReady);
  const bullClient: Redis = connect(options.connection, {}, onError);

  // Tariffs by content hash, compiled once; books by tariff set.
  const compiled = new Map<string, CompiledTariff>();
  const books = new Map<string, Promise<{ book: TariffBook; options: LineOptions }>>();
  const tariff = async (hash: string): Promise<CompiledTariff> => {
    const known = compiled.get(hash);
    if (known) return known;
    const text = await client.get(k.tariff(hash));
    if (text === null) throw new Error(`tariff ${hash} is not in Redis (expired?): submit the batch again`);
    const parsed = safeParseTariff(JSON.parse(text.replace(/^\uFEFF/, "")));
    if (!parsed.ok) throw new Error(`tariff ${hash} is not valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    const c = compileTariff(parsed.value);
    compiled.set(hash, c);
    return c;
  };
  const book = (set: string): Promise<{ book: TariffBook; options: LineOptions }> => {
    let b = books.get(set);
    if (!b) {
      b = (async () => {
        const text = await client.get(k.set(set));
        if (text === null) throw new Error(`tariff set ${set} is not in Redis (expired?): submit the batch again`);
        const { folder, tariffs, options } = JSON.parse(text) as TariffSet;
        const all = await Promise.all(tariffs.map(tariff));
        return { book: { single: folder ? undefined : all[0], byId: new Map(all.map((c) => [c.tariff.id, c])) }, options: options ?? {} };
      })();
      b.catch(() => books.delete(set));
      books.set(set, b);
    }
    return b;
  };

  const done = { jobs: 0, sessions: 0, errors: 0 };
  const processor = async (job: Job<JobData, JobAnswer>): Promise<JobAnswer> => {
    const started = performance.now();
    const id = job.id!;
    const { first, count, set } = job.data;
    const [bytes, b] = await Promise.all([client.getBuffer(k.input(id)), book(set)]);
    if (bytes === null) throw new Error(`its lines are no longer in Redis (${k.input(id)}): submit the batch again`);
    if (fault && bytes.includes(fault[2]!)) {
      if (fault[1] === "always-exit") process.exit(70);
      log(`worker: holding job ${id} (fault test)`);
      await new Promise(() => {});
    }
    // The same reading and pricing as the local batch's threads (src/cli/batch-worker.ts).
    const r = priceBlock(b.book, blockLines(bytes), first, b.options);
    await client.set(k.output(id), Buffer.from(r.out.buffer, r.out.byteOffset, r.out.byteLength), "EX", KEEP_SECONDS);
    done.jobs++;
    done.sessions += r.sessions;
    done.errors += r.errors;
    const lines = count === 1 ? `line ${first}` : `lines ${first}–${first + count - 1}`;
    log(`worker: job ${id}: ${lines}: ${r.sessions} priced, ${r.errors} error record(s) in ${Math.round(performance.now() - started)} ms${job.stalledCounter > 0 ? ` (taken over after ${job.stalledCounter} stopped worker(s))` : ""}`);
    return { sessions: r.sessions, errors: r.errors, totals: r.totals };
  };

  const worker = new Worker<JobData, JobAnswer>(queue, processor, {
    connection: bullClient,
    prefix,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    maxStalledCount: 1,
    name: `ev-tariff-worker-${process.pid}`,
  });
  worker.on("error", onError);
  worker.on("ready", onReady);

  return {
    worker,
    done,
    async close() {
      await worker.close();
      client.disconnect();
      bullClient.disconnect();
    },
  };
}
