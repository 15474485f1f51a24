/**
 * `npm run bench`'s queue section (issue 13): `ev-tariff batch --redis` with 1, 2 and 4 worker processes
 * (`ev-tariff worker`), on a redis-server of its own (a free loopback port, a temporary folder,
 * append-only file on, as the tests run it), over the same generated sessions as the local batch.
 * Besides sessions/s it reads from Redis's INFO what each session costs Redis: CPU time and bytes in
 * and out, the figures docs/scaling.md plans shards with.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface QueueRun {
  readonly workers: number;
  readonly block: number;
  readonly sessions: number;
  /** Wall time of the submitter, from its start to its exit (workers already running). */
  readonly seconds: number;
  readonly perSecond: number;
  /** Redis's CPU time (user + system) per 1,000 sessions, ms. */
  readonly redisCpuMsPer1000: number;
  /** Bytes into and out of Redis per session. */
  readonly redisInPerSession: number;
  readonly redisOutPerSession: number;
  /** The submitter's peak RSS, MB. */
  readonly submitterMB: number;
  /** The submitter's CPU time (user + system) per session, µs (measured with /usr/bin/time when there is one). */
  readonly submitterCpuUs?: number;
}

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** redis-server's path, or undefined when it is not installed. */
export function redisServer(): string | undefined {
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

async function info(redis: Redis) {
  const text = await redis.info();
  const num = (key: string) => Number(new RegExp(`^${key}:([\\d.]+)`, "m").exec(text)?.[1] ?? NaN);
  return { cpu: num("used_cpu_user") + num("used_cpu_sys"), inBytes: num("total_net_input_bytes"), outBytes: num("total_net_output_bytes") };
}

/**
 * Runs the submitter once per (workers, block) pair, each with its own fresh worker processes; the
 * worker processes are started (and warm: they have priced a small batch) before the clock starts.
 */
export async function measureQueue(cli: string, tariff: string, file: string, runs: readonly { workers: number; block: number }[]): Promise<QueueRun[]> {
  const bin = redisServer();
  if (!bin) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const dir = mkdtempSync(join(tmpdir(), "ev-tariff-bench-redis-"));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const server = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--logfile", "", "--loglevel", "warning"], { stdio: "ignore" });
  // Commands wait (retrying every 50 ms) until the server listens.
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (n) => (n > 200 ? null : 50) });
  redis.on("error", () => {});
  const out: QueueRun[] = [];
  try {
    await redis.ping();
    for (const { workers, block } of runs) {
      const pool: ChildProcess[] = Array.from({ length: workers }, () => spawn(process.execPath, [cli, "worker", "--redis", url], { stdio: "ignore" }));
      try {
        // Warm-up: a small batch through the pool, so that process start is not in the figure.
        spawnSync(process.execPath, ["-e", `require("node:child_process").execFileSync(process.execPath, [${JSON.stringify(cli)}, "batch", ${JSON.stringify(tariff)}, "-", "--redis", ${JSON.stringify(url)}, "--block", "50", "--out", "/dev/null"], { input: require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8").split("\\n").slice(0, 2000).join("\\n") + "\\n", stdio: ["pipe", "ignore", "ignore"] })`]);
        const before = await info(redis);
        const t0 = performance.now();
        const args = [cli, "batch", tariff, file, "--redis", url, "--block", String(block), "--out", "/dev/null"];
        const timed = existsSync("/usr/bin/time");
        const r = timed ? spawnSync("/usr/bin/time", ["-f", "cpu %U %S", process.execPath, ...args], { encoding: "utf8" }) : spawnSync(process.execPath, args, { encoding: "utf8" });
        const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(r.stderr);
        const seconds = (performance.now() - t0) / 1000;
        const after = await info(redis);
        const m = /batch: (\d+) priced.*peak RSS (\d+) MB/.exec(r.stderr);
        if (r.status !== 0 || !m) throw new Error(`batch --redis failed: ${r.stderr}`);
        const sessions = Number(m[1]);
        out.push({
          workers,
          block,
          sessions,
          seconds,
          perSecond: sessions / seconds,
          redisCpuMsPer1000: ((after.cpu - before.cpu) * 1000 * 1000) / sessions,
          redisInPerSession: (after.inBytes - before.inBytes) / sessions,
          redisOutPerSession: (after.outBytes - before.outBytes) / sessions,
          submitterMB: Number(m[2]),
          ...(cpu ? { submitterCpuUs: ((Number(cpu[1]) + Number(cpu[2])) * 1e6) / sessions } : {}),
        });
      } finally {
        for (const w of pool) w.kill("SIGTERM");
        await Promise.all(pool.map((w) => new Promise((ok) => (w.exitCode !== null ? ok(0) : w.once("exit", ok)))));
      }
      await redis.flushall();
    }
  } finally {
    redis.disconnect();
    server.kill("SIGTERM");
    await new Promise((ok) => (server.exitCode !== null ? ok(0) : server.once("exit", ok)));
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
