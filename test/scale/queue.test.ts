/**
 * `ev-tariff batch --redis` and `ev-tariff worker` against a real Redis (issue 13): each test starts
 * worker processes of the built CLI on a redis-server of its own (test/helpers/redis.ts) and checks the
 * output against a local `ev-tariff batch` of the same input, byte for byte: with workers killed
 * mid-job, a line that kills every worker, Redis stopped and restarted, the submitter killed and
 * resumed, the same input submitted twice, and Redis unreachable or refusing the password.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis, type RedisServer } from "../helpers/redis.js";
import { records, sessionLines } from "../helpers/batch-records.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-queue-"));
/** Short locks: a worker that dies mid-job has its job taken over within 1–2 × this many seconds. */
const LOCK = "1";

let redis: RedisServer;
const lines = sessionLines(3000);
const input = join(dir, "sessions.ndjson");
/** The local batch's output for `input`: what every run through the queue must write. */
let clean = "";

/** Worker processes started by a test, stopped after it. */
const workers = new Set<ChildProcess & { log: string }>();

function startWorker(options: { fault?: string; url?: string } = {}) {
  const env = { ...process.env };
  delete env.EV_TARIFF_BATCH_FAULT;
  if (options.fault) env.EV_TARIFF_BATCH_FAULT = options.fault;
  const child = spawn(process.execPath, [CLI, "worker", "--redis", options.url ?? redis.url, "--lock-seconds", LOCK], { env, stdio: ["ignore", "ignore", "pipe"] }) as ChildProcess & { log: string };
  child.log = "";
  child.stderr!.on("data", (d) => (child.log += d));
  child.once("exit", () => workers.delete(child));
  workers.add(child);
  return child;
}

/** Workers restarted whenever they stop, as systemd's Restart=always does; `stop()` ends them. */
function supervised(count: number, fault?: string) {
  let on = true;
  let starts = 0;
  let log = "";
  const keep = () => {
    if (!on) return;
    starts++;
    const w = startWorker(fault ? { fault } : {});
    w.once("exit", (code) => {
      log += `${w.log}(exit ${code})\n`;
      keep();
    });
  };
  for (let i = 0; i < count; i++) keep();
  return {
    get starts() {
      return starts;
    },
    get log() {
      return log;
    },
    stop() {
      on = false;
    },
  };
}

const exited = (c: ChildProcess) => new Promise<number | null>((ok) => (c.exitCode !== null ? ok(c.exitCode) : c.once("exit", (code) => ok(code))));
const until = async (what: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((ok) => setTimeout(ok, 20));
  }
};

/** Runs the built CLI's batch with --redis, to the end. */
function submit(args: readonly string[], options: { url?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; stderr: string }>((ok) => {
    const child = spawn(process.execPath, [CLI, "batch", ATHENS, ...args, "--redis", options.url ?? redis.url], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...options.env } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => ok({ code, stderr }));
  });
}

/** The same bytes as the local batch (a failure shows the first line that differs). */
function expectClean(path: string, want = clean) {
  const got = readFileSync(path, "utf8");
  if (got === want) return;
  const g = got.split("\n");
  const w = want.split("\n");
  const at = g.findIndex((l, i) => l !== w[i]);
  expect(`line ${at + 1} of ${g.length} (want ${w.length}): ${g[at]?.slice(0, 200)}`).toBe(`line ${at + 1}: ${w[at]?.slice(0, 200)}`);
}

/** Jobs of the default queue in Redis (waiting, active, done or failed), from BullMQ's keys. */
function jobsInRedis(): Promise<number> {
  return redisCommand(["EVAL", "return #redis.call('KEYS', 'bull:ev-tariff:b*')", "0"]).then(Number);
}

/** One Redis command over RESP (no redis-cli needed); the first line of the answer. */
async function redisCommand(args: readonly string[]): Promise<string> {
  const { connect } = await import("node:net");
  return new Promise((ok, fail) => {
    const s = connect(redis.port, "127.0.0.1");
    s.once("connect", () => s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`));
    s.once("data", (d) => {
      s.destroy();
      ok(d.toString().split("\r\n")[0]!.replace(/^[:+$]/, ""));
    });
    s.once("error", fail);
  });
}

beforeAll(async () => {
  redis = await startRedis();
  writeFileSync(input, lines.join("\n") + "\n");
  const out = join(dir, "clean.ndjson");
  const r = spawnSync(process.execPath, [CLI, "batch", ATHENS, input, "--workers", "1", "--out", out], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  clean = readFileSync(out, "utf8");
}, 30_000);

afterEach(async () => {
  for (const w of [...workers]) {
    w.kill("SIGKILL");
    await exited(w);
  }
  // Each test starts from an empty Redis.
  await redisCommand(["FLUSHALL"]);
});

afterAll(async () => {
  await redis?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("batch --redis", () => {
  it("writes the same bytes as the local batch; workers log a line per job; SIGTERM finishes the job in hand and exits 0", async () => {
    const a = startWorker();
    const b = startWorker();
    const out = join(dir, "plain.ndjson");
    const r = await submit([input, "--out", out, "--block", "250"]);
    expect(r.code, r.stderr).toBe(0);
    expectClean(out);
    expect(r.stderr).toContain("batch: 3000 priced, 0 error record(s), 0 not done, 3000 line(s)");
    expect(r.stderr).toMatch(/queue ev-tariff on redis:\/\/127\.0\.0\.1:\d+ \(12 block\(s\) of up to 250 lines\)/);
    const jobLines = (a.log + b.log).split("\n").filter((l) => /^worker: job b\d+-L\d+-\w+: lines \d+–\d+: \d+ priced, 0 error record\(s\) in \d+ ms$/.test(l));
    expect(jobLines).toHaveLength(12);
    // Collected jobs leave Redis.
    expect(await jobsInRedis()).toBe(0);
    a.kill("SIGTERM");
    expect(await exited(a)).toBe(0);
    expect(a.log).toMatch(/worker: SIGTERM: finishing the job in hand\nworker: stopped after \d+ job\(s\)/);
  }, 30_000);

  it("odd input as the local batch reads it: a byte order mark, blank lines, a line that is not UTF-8, a line over the limit, no last newline, pricing flags", async () => {
    startWorker();
    const odd = join(dir, "odd.ndjson");
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(lines.slice(0, 5).join("\n") + "\n\n   \n"),
      Buffer.from('{"id":"x","start":"\xff"}\n', "latin1"),
      Buffer.from(`{"id":"long","pad":"${"x".repeat(5000)}"}\n`),
      Buffer.from(lines.slice(5, 300).join("\r\n") + "\r\n"),
      Buffer.from(lines[300]!.slice(0, 50)),
    ]);
    writeFileSync(odd, bytes);
    const flags = ["--currency", "USD", "--rate", "1.0831", "--ignore-validity"];
    const env = { EV_TARIFF_BATCH_MAX_LINE: "4096" };
    const local = join(dir, "odd-local.ndjson");
    const l = spawnSync(process.execPath, [CLI, "batch", ATHENS, odd, "--workers", "1", "--out", local, ...flags], { encoding: "utf8", env: { ...process.env, ...env } });
    expect(l.status).toBe(1);
    const out = join(dir, "odd-queue.ndjson");
    const r = await submit([odd, "--out", out, "--block", "64", ...flags], { env });
    expect(r.code, r.stderr).toBe(1);
    expectClean(out, readFileSync(local, "utf8"));
    expect(readFileSync(out, "utf8")).toContain('"notDone":"line longer than 4096 bytes"');
    expect(readFileSync(out, "utf8")).toContain('"currency":"USD"');
    expect(r.stderr).toContain("batch: 1 line(s) longer than 4096 bytes were skipped unread and are listed as notDone");
    expect(spawnSync(process.execPath, [CLI, "batch", ATHENS, odd, "--redis", redis.url, "--out", odd]).stderr.toString()).toContain("a file this batch reads");
  }, 30_000);

  it("a worker SIGKILLed in the middle of a job: another takes the job over (stalled-job recovery), and the output is the same", async () => {
    const doomed = startWorker({ fault: 'hold-on:"id":"s1700"' });
    const out = join(dir, "killed.ndjson");
    const run = submit([input, "--out", out, "--block", "250"]);
    await until(() => doomed.log.includes("worker: holding job"));
    startWorker();
    doomed.kill("SIGKILL");
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("batch: 1 block(s) were taken over after a worker stopped; their lines were priced again");
    expectClean(out);
  }, 30_000);

  it("a line that kills every worker that prices it: {line, notDone} for it alone, the rest as the local batch", async () => {
    const pool = supervised(2, 'always-exit-on:"id":"s2222"');
    const out = join(dir, "poison.ndjson");
    const r = await submit([input, "--out", out, "--block", "100"]);
    pool.stop();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("batch: 2999 priced, 0 error record(s), 1 not done, 3000 line(s)");
    expect(r.stderr).toMatch(/1 line\(s\) that stopped a worker twice are listed as notDone/);
    const got = records(readFileSync(out, "utf8"));
    expect(got.map((x) => x.line)).toEqual(lines.map((_, i) => i + 1));
    expect(got.filter((x) => x.notDone !== undefined)).toEqual([{ line: 2223, notDone: "the workers pricing it stopped (job stalled more than allowable limit)" }]);
    expectClean(out, clean.split("\n").map((l) => (l.startsWith('{"line":2223,') ? JSON.stringify(got[2222]) : l)).join("\n"));
    // Four workers died: twice on its block, twice on the line alone.
    expect(pool.starts, pool.log).toBe(2 + 4);
  }, 45_000);

  it("Redis stopped and restarted mid-run (append-only file on): the run goes on, and the output is the same", async () => {
    startWorker();
    startWorker();
    const many = join(dir, "many.ndjson");
    writeFileSync(many, Array.from({ length: 4 }, () => lines.join("\n") + "\n").join(""));
    const out = join(dir, "restart.ndjson");
    const run = submit([many, "--out", out, "--block", "250", "--window", "8"]);
    await until(() => existsSync(out) && statSync(out).size > 1_000_000);
    await redis.stop();
    await new Promise((ok) => setTimeout(ok, 1000));
    await redis.start();
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("batch: 12000 priced, 0 error record(s), 0 not done, 12000 line(s)");
    const local = join(dir, "many-local.ndjson");
    expect(spawnSync(process.execPath, [CLI, "batch", ATHENS, many, "--workers", "1", "--out", local]).status).toBe(0);
    expectClean(out, readFileSync(local, "utf8"));
  }, 45_000);

  it("Redis gone longer than --redis-wait: the run stops with what it wrote and the command to resume, which finishes it", async () => {
    startWorker();
    const out = join(dir, "gone.ndjson");
    const run = submit([input, "--out", out, "--block", "100", "--window", "2", "--redis-wait", "1"]);
    await until(() => existsSync(out) && statSync(out).size > 200_000);
    await redis.stop();
    const r = await run;
    expect(r.code).toBe(1);
    const m = new RegExp(`batch: stopped: Redis at redis://127\\.0\\.0\\.1:${redis.port} was unreachable for 1 s \\(([^)]*)\\): ${out} holds the records of lines 1–(\\d+); the input from line (\\d+) on is not done\\. Finish with: ev-tariff batch … --redis redis://127\\.0\\.0\\.1:${redis.port} --block 100 --out ${out} --resume`).exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(Number(m![3])).toBe(Number(m![2]) + 1);
    expect(records(readFileSync(out, "utf8")).map((x) => x.line)).toEqual(Array.from({ length: Number(m![2]) }, (_, i) => i + 1));
    await redis.start();
    const again = await submit([input, "--out", out, "--block", "100", "--resume"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`(${m![2]} done by the earlier run)`);
    expectClean(out);
  }, 45_000);

  it("the same input submitted twice adds no job twice, and --resume after the submitter was killed collects what was priced meanwhile", async () => {
    const out = join(dir, "twice.ndjson");
    // No worker yet: the first submitter adds every block (12 fit in its window), then is killed.
    const first = spawn(process.execPath, [CLI, "batch", ATHENS, input, "--redis", redis.url, "--out", out, "--block", "250"], { stdio: "ignore" });
    for (const end = Date.now() + 15_000; (await jobsInRedis()) < 12 && Date.now() < end; ) await new Promise((ok) => setTimeout(ok, 20));
    first.kill("SIGKILL");
    await exited(first);
    const added = await jobsInRedis();
    expect(added).toBe(12);
    // A worker prices them all while no submitter runs.
    const w = startWorker();
    await until(() => (w.log.match(/^worker: job /gm) ?? []).length === 12);
    // A second submitter with --resume adds nothing (the same ids) and collects the twelve priced blocks.
    const r = await submit([input, "--out", out, "--block", "250", "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\(12 block\(s\) of up to 250 lines, 12 priced before this run\)/);
    expect((w.log.match(/^worker: job /gm) ?? []).length).toBe(12);
    expectClean(out);
  }, 30_000);

  it("a --resume killed mid-run leaves only OUT.resume, which the next --resume reuses: no file per process", async () => {
    const out = join(dir, "killed-resume.ndjson");
    // The first half of the clean output stands for a run that stopped halfway, with its input record.
    const local = spawnSync(process.execPath, [CLI, "batch", ATHENS, input, "--workers", "1", "--out", out], { encoding: "utf8" });
    expect(local.status, local.stderr).toBe(0);
    writeFileSync(out, clean.split("\n").slice(0, 1500).join("\n") + "\n");
    const leftovers = () => readdirSync(dir).filter((f) => f.startsWith("killed-resume.ndjson.resume"));
    for (let round = 0; round < 2; round++) {
      // No worker: the submitter waits for its blocks, and is killed meanwhile.
      const s = spawn(process.execPath, [CLI, "batch", ATHENS, input, "--redis", redis.url, "--out", out, "--block", "250", "--resume"], { stdio: "ignore" });
      for (const end = Date.now() + 15_000; (await jobsInRedis()) < 6 && Date.now() < end; ) await new Promise((ok) => setTimeout(ok, 20));
      s.kill("SIGKILL");
      await exited(s);
      expect(leftovers()).toEqual(["killed-resume.ndjson.resume"]);
    }
    startWorker();
    const r = await submit([input, "--out", out, "--block", "250", "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expectClean(out);
    expect(leftovers()).toEqual([]);
  }, 40_000);

  it("100,000 sessions through 3 worker processes, one SIGKILLed mid-run: the same file as the local batch", async () => {
    const big = join(dir, "100k.ndjson");
    writeFileSync(big, sessionLines(100_000).join("\n") + "\n");
    const local = join(dir, "100k-local.ndjson");
    const l = spawnSync(process.execPath, [CLI, "batch", ATHENS, big, "--workers", "2", "--out", local], { encoding: "utf8" });
    expect(l.status, l.stderr).toBe(0);
    const pool = [startWorker(), startWorker(), startWorker()];
    const out = join(dir, "100k-queue.ndjson");
    const run = submit([big, "--out", out]);
    // Killed once a third of the records are written: it holds a job then (each one prices all the time).
    await until(() => existsSync(out) && statSync(out).size > 50_000_000, 60_000);
    const jobsBefore = (pool[1]!.log.match(/^worker: job /gm) ?? []).length;
    pool[1]!.kill("SIGKILL");
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("batch: 100000 priced, 0 error record(s), 0 not done, 100000 line(s)");
    expect(r.stderr).toMatch(/\(100 block\(s\) of up to 1000 lines\)/);
    expect(jobsBefore).toBeGreaterThan(0);
    expectClean(out, readFileSync(local, "utf8"));
    rmSync(big);
    rmSync(local);
    rmSync(out);
  }, 90_000);

  it("Redis unreachable, or refusing the password: one line, exit 1, no stack trace (batch and worker)", async () => {
    const port = await freePort();
    const refused = `ev-tariff: cannot use Redis at redis://127.0.0.1:${port}: connection refused: is redis-server running there?\n`;
    const batch = spawnSync(process.execPath, [CLI, "batch", ATHENS, input, "--redis", `redis://127.0.0.1:${port}`, "--out", join(dir, "never.ndjson")], { encoding: "utf8" });
    expect([batch.status, batch.stderr]).toEqual([1, refused]);
    expect(existsSync(join(dir, "never.ndjson"))).toBe(false);
    const worker = spawnSync(process.execPath, [CLI, "worker", "--redis", `redis://127.0.0.1:${port}`], { encoding: "utf8" });
    expect([worker.status, worker.stderr]).toEqual([1, refused]);

    const locked = await startRedis({ password: "right" });
    try {
      const url = `redis://:wrong@127.0.0.1:${locked.port}`;
      const wrong = `ev-tariff: cannot use Redis at redis://:***@127.0.0.1:${locked.port}: it refused the password\n`;
      const b = spawnSync(process.execPath, [CLI, "batch", ATHENS, input, "--redis", url, "--out", join(dir, "never.ndjson")], { encoding: "utf8" });
      expect([b.status, b.stderr]).toEqual([1, wrong]);
      const w = spawnSync(process.execPath, [CLI, "worker", "--redis", url], { encoding: "utf8" });
      expect([w.status, w.stderr]).toEqual([1, wrong]);
      const none = spawnSync(process.execPath, [CLI, "worker", "--redis", `redis://127.0.0.1:${locked.port}`], { encoding: "utf8" });
      expect([none.status, none.stderr]).toEqual([1, `ev-tariff: cannot use Redis at redis://127.0.0.1:${locked.port}: it needs a password: give it in the URL, redis://:PASSWORD@host:port\n`]);
    } finally {
      await locked.close();
    }
  }, 30_000);
});

describe("batch --redis --out: the record of its input (OUT.input.json), as the local batch's", () => {
  /** 500 sessions (about 90 KB: past the 64 KiB head the first fingerprint covers). */
  const small = join(dir, "small.ndjson");
  const smallText = lines.slice(0, 500).join("\n") + "\n";
  const sidecar = (out: string) => readFileSync(`${out}.input.json`, "utf8");
  /** The local batch of `file` to `out` (exit code and stderr). */
  const local = (file: string, out: string, ...more: string[]) => spawnSync(process.execPath, [CLI, "batch", ATHENS, file, "--workers", "1", "--out", out, ...more], { encoding: "utf8" });
  /** The first `n` records of a finished output, as a killed run leaves it (its record kept). */
  const cut = (out: string, n: number) => writeFileSync(out, readFileSync(out, "utf8").split("\n").slice(0, n).join("\n") + "\n");
  let want = "";
  let wantSidecar = "";

  beforeAll(() => {
    writeFileSync(small, smallText);
    expect(Buffer.byteLength(smallText)).toBeGreaterThan(64 * 1024);
    const out = join(dir, "small-local.ndjson");
    expect(local(small, out).status).toBe(0);
    want = readFileSync(out, "utf8");
    wantSidecar = sidecar(out);
  });

  it("a --redis run writes the same record of its input as a local run (and a fresh run replaces an old one)", async () => {
    startWorker();
    const out = join(dir, "small-redis.ndjson");
    writeFileSync(`${out}.input.json`, '{"input":"old"}\n');
    const r = await submit([small, "--out", out, "--block", "100"]);
    expect(r.code, r.stderr).toBe(0);
    expectClean(out, want);
    expect(JSON.parse(sidecar(out)).input).toBe(small);
    expect(sidecar(out)).toBe(wantSidecar);
  }, 30_000);

  it("--resume with another input (its head, its tail, or shorter) or of records without their record: refused, exit 1, the file and its record untouched, another head never reaches Redis", async () => {
    const out = join(dir, "small-refused.ndjson");
    expect(local(small, out).status).toBe(0);
    cut(out, 200);
    const before = readFileSync(out, "utf8");
    const record = sidecar(out);
    const other = join(dir, "small-other.ndjson");
    const others = [
      smallText.replace('"id":"s3"', '"id":"S3"'),
      smallText.replace('"id":"s499"', '"id":"S499"'),
      lines.slice(0, 499).join("\n") + "\n",
    ];
    for (const text of others) {
      writeFileSync(other, text);
      const r = await submit([other, "--out", out, "--block", "100", "--resume"]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`\n${other}: /: is not the input ${out} was made from (`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(out, "utf8")).toBe(before);
      expect(sidecar(out)).toBe(record);
      expect(readdirSync(dir).filter((f) => f.startsWith("small-refused.ndjson.resume"))).toEqual([]);
      // Another head is refused before any of it reaches Redis (a later difference once it is read).
      if (text === others[0]) expect(await jobsInRedis()).toBe(0);
    }
    rmSync(`${out}.input.json`);
    const r = await submit([small, "--out", out, "--resume"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${out}: /: has no record of the input it was made from (${out}.input.json is missing)`);
    expect(readFileSync(out, "utf8")).toBe(before);
  }, 30_000);

  it("one file, one rule: a local batch's output is resumed with --redis, and a --redis output locally, with the same input only", async () => {
    startWorker();
    const out = join(dir, "small-mixed.ndjson");
    expect(local(small, out).status).toBe(0);
    cut(out, 150);
    const r = await submit([small, "--out", out, "--block", "100", "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("(150 done by the earlier run)");
    expectClean(out, want);
    expect(sidecar(out)).toBe(wantSidecar);
    cut(out, 300);
    const other = join(dir, "small-mixed-other.ndjson");
    writeFileSync(other, smallText.replace('"id":"s7"', '"id":"S7"'));
    const refused = local(other, out, "--resume");
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`is not the input ${out} was made from`);
    const l = local(small, out, "--resume");
    expect(l.status, l.stderr).toBe(0);
    expectClean(out, want);
  }, 30_000);
});
