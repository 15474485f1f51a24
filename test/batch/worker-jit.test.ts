/**
 * The CLI's `batch` and `compare` set V8's compiler flags for their worker threads (src/cli/worker-jit.ts);
 * a library caller's process is left alone, and so is a run without workers.
 */
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";

const setFlags = vi.hoisted(() => vi.fn());
vi.mock("node:v8", async (original) => ({ ...(await original<typeof import("node:v8")>()), setFlagsFromString: setFlags }));

const { runBatch } = await import("../../src/cli/batch.js");
const { runCompare } = await import("../../src/cli/compare.js");
const { WORKER_JIT_FLAGS } = await import("../../src/cli/worker-jit.js");

const ATHENS = fileURLToPath(new URL("../../tariffs/gr/athens-dc-150.json", import.meta.url));
const SESSION = JSON.stringify({ id: "s1", start: "2026-03-28T23:30:00Z", end: "2026-03-29T01:30:00Z", energyKWh: "22.5" });

async function batch(workers: number, tune?: boolean) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  stdout.on("data", (d) => (out += d));
  stderr.resume();
  const code = await runBatch([ATHENS, "-", "--workers", String(workers)], {
    stdin: Readable.from([Buffer.from(SESSION + "\n")]),
    stdout,
    stderr,
    ...(tune === undefined ? {} : { tuneWorkerJit: tune }),
  });
  return { code, out };
}

async function compare(workers: number, tune?: boolean) {
  const out: string[] = [];
  const code = await runCompare([ATHENS, ATHENS, "-", "--workers", String(workers)], {
    stdin: Readable.from([Buffer.from(SESSION + "\n")]),
    stdout: (t) => out.push(t),
    stderr: () => {},
    ...(tune === undefined ? {} : { tuneWorkerJit: tune }),
  });
  return { code, out };
}

describe("the workers' compiler flags", () => {
  beforeEach(() => setFlags.mockClear());

  // Worker threads started here cannot load the TypeScript sources (the built CLI's tests run them),
  // so a run with workers writes notDone records: what counts here is only whether the flags were set.
  it("are not set for a library caller, nor when pricing in the main thread", async () => {
    await batch(1);
    await compare(1);
    const main = await batch(0, true);
    expect(main.code).toBe(0);
    expect(main.out).toContain('"receipt"');
    expect((await compare(0, true)).code).toBe(0);
    expect(setFlags).not.toHaveBeenCalled();
  }, 60_000);

  it("are set by the CLI's batch before its workers start, once per process", async () => {
    await batch(1, true);
    expect(setFlags.mock.calls.map((c) => c[0])).toEqual([...WORKER_JIT_FLAGS]);
    expect(WORKER_JIT_FLAGS).toEqual(["--no-concurrent-recompilation", "--interrupt-budget=30000"]);
    await batch(1, true);
    await compare(1, true);
    expect(setFlags).toHaveBeenCalledTimes(WORKER_JIT_FLAGS.length);
  }, 60_000);
});
