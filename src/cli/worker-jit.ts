/**
 * V8's compiler settings for a CLI run that prices in worker threads (`batch`, `compare`).
 *
 * Each worker starts cold: its first few thousand sessions run in V8's interpreter and baseline code
 * until the optimizing compiler (TurboFan) has compiled the pricer. By default that compiler runs on
 * background threads; with as many busy workers as cores (the usual `--workers`), those threads wait
 * for a core, the optimized code comes late, and a worker took about 8,000 sessions to reach its
 * speed instead of about 4,000 when alone (scratch measurements in docs/performance.md, "Worker
 * warm-up"). Two flags change that, and only that (no result can differ: they pick when code is
 * optimized, not what it does):
 * - `--no-concurrent-recompilation`: a worker compiles its hot functions itself, at once;
 * - `--interrupt-budget=30000`: a function is considered for optimizing after about half the
 *   work it takes by default (V8's default is 67,584), so the pricer is optimized sooner.
 *
 * V8's flags belong to the process (a Worker's `execArgv` takes none), so they are set here, in the
 * CLI's process, before its workers start: a library caller's process is never changed (`runBatch`
 * and `runCompare` called with their own streams leave the flags alone).
 */
import { setFlagsFromString } from "node:v8";

/** The flags, as set. */
export const WORKER_JIT_FLAGS = ["--no-concurrent-recompilation", "--interrupt-budget=30000"] as const;

let tuned = false;

/** Sets WORKER_JIT_FLAGS once per process; call before the first worker starts. */
export function tuneWorkerJit(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of WORKER_JIT_FLAGS) setFlagsFromString(flag);
}
