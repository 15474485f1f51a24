/**
 * The CLI's way to the queue (issue 13): `ev-tariff worker` and `ev-tariff batch --redis` live in
 * dist/scale-cli.js, loaded only when asked for, so that BullMQ and ioredis never weigh on the start of
 * the other commands (dist/cli.js stays one self-contained file).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BatchEnv } from "./batch.js";

/** How to get help after a usage error of `batch` (with or without `--redis`). */
export const BATCH_HINT = `Run "ev-tariff batch --help" for usage.`;

export const WORKER_HELP = `Usage: ev-tariff worker --redis URL [--concurrency N] [--queue NAME] [--lock-seconds S]

Prices the jobs of an "ev-tariff batch --redis" (blocks of NDJSON sessions) from a BullMQ queue on
Redis, until stopped. Run any number of workers on any number of machines against the same Redis:
one per CPU core. Each job's records go back to Redis; the submitter writes the output file. One line
per job on standard error. SIGTERM (or Ctrl-C) finishes the job in hand, then exits 0.
--redis URL        redis://[:password@]host:port[/db]
--concurrency N    jobs in hand at once (default 1; pricing is CPU-bound: start a worker per core)
--queue NAME       the queue (default ev-tariff); the submitter must name the same
--lock-seconds S   a job whose worker stopped is taken over after about 1–2 × S seconds (default 30)
Redis unreachable or refusing the password at start: one line on standard error, exit 1.

Example:
  ev-tariff worker --redis redis://127.0.0.1:6379`;

/** The options `ev-tariff batch` takes with --redis, for its help. */
export const BATCH_REDIS_HELP = `--redis URL   submit the lines as jobs to a BullMQ queue on Redis instead of pricing them
              here; "ev-tariff worker --redis URL" processes price them. Writes the same records.
              With it: --queue NAME (default ev-tariff), --block N lines per job (default 1000),
              --window N jobs in flight (default 64), --redis-wait S seconds Redis may be away
              before the run stops (default 30); --resume also collects what workers priced
              after the submitter was stopped.`;

interface ScaleCli {
  runRedisBatch(argv: readonly string[], env: BatchEnv): Promise<number>;
  runWorker(argv: readonly string[]): Promise<number>;
}

/** dist/scale-cli.js next to the built CLI, or src/cli/scale.ts run through tsx (tests, tsx). */
export async function scaleCli(): Promise<ScaleCli> {
  const js = new URL("./scale-cli.js", import.meta.url);
  const url = existsSync(fileURLToPath(js)) ? js : new URL("./scale.ts", import.meta.url);
  return (await import(url.href)) as ScaleCli;
}

/** Whether a batch's arguments ask for the queue. */
export const wantsRedis = (argv: readonly string[]) => argv.some((a) => a === "--redis" || a.startsWith("--redis="));
