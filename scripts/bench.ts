/**
 * `npm run bench`: every performance figure of issue 7 in one run (a benchmark, never a test).
 *
 * 1. priceSession(compiled tariff, parsed session) against JSON.parse of the session's text, median
 *    time of each over interleaved rounds, and their ratio, per workload; the built library (dist/).
 * 2. `ev-tariff batch` throughput with 1 and N worker threads (N = CPUs), on generated sessions.
 * 3. Peak RSS of a 1,000,000-session batch run (`--full`; otherwise the last measured figure,
 *    from scripts/bench/last-full.json, is printed and labelled as such).
 * 4. The browser core's size, as `npm run size` measures it (scripts/size-lib.ts): esbuild bundle of
 *    parseTariff + parseSession + priceSession of the browser build, minified, gzip -9.
 *
 * Usage: npm run bench [-- --full] [-- --quick]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { browserCoreSize, SIZE_LIMIT } from "./size-lib.js";

type Lib = typeof import("../src/index.js");

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FULL = process.argv.includes("--full");
const QUICK = process.argv.includes("--quick");
const LAST_FULL = join(ROOT, "scripts/bench/last-full.json");

const lib = (await import(pathToFileURL(join(ROOT, "dist/index.js")).href)) as Lib;
// Which path priced a session: asked of the source (same code as dist), only to label the rows.
const { priceFast } = await import("../src/fast/price.js");
const src = await import("../src/index.js");

const read = (rel: string) => readFileSync(join(ROOT, rel), "utf8");
const iso = (ms: number, offsetHours = 0) =>
  offsetHours === 0
    ? new Date(ms).toISOString().replace(".000Z", "Z")
    : new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19) + `+${String(offsetHours).padStart(2, "0")}:00`;

// ---------------------------------------------------------------------------------------------
// Workloads

interface Workload {
  readonly name: string;
  readonly tariff: unknown;
  readonly text: string;
}

const ATHENS = JSON.parse(read("tariffs/gr/athens-dc-150.json")) as unknown;

/** A week plugged in at a depot in Athens across the spring DST change, with hourly clock-aligned meter values. */
function weekAcrossDst(): string {
  const start = Date.UTC(2026, 2, 25, 16); // Wed 18:00 local (+02:00); DST starts Sun 29 March 01:00Z
  const chargingEnd = start + 6 * 24 * 3_600_000;
  const meter: { at: string; kWh: string }[] = [];
  let kWh = 0;
  for (let t = start + 3_600_000; t < chargingEnd; t += 3_600_000) {
    const hour = new Date(t + 2 * 3_600_000).getUTCHours();
    kWh += hour >= 22 || hour < 6 ? 7.4 : hour % 3 === 0 ? 1.1 : 0; // nights at 7.4 kW, top-ups by day
    meter.push({ at: iso(t), kWh: kWh.toFixed(1) });
  }
  kWh += 7.4;
  return JSON.stringify({ id: "depot-week", start: iso(start), chargingEnd: iso(chargingEnd), end: iso(chargingEnd + 15 * 3_600_000), energyKWh: kWh.toFixed(1), meter, payment: "card" });
}

/** A DC session in Athens with a meter value every 10 s: 1,000 readings, across the 21:00 edge. */
function thousandReadings(): string {
  const start = Date.UTC(2026, 10, 20, 16, 30); // 18:30 local
  const meter: { at: string; kWh: string }[] = [];
  let wh = 0;
  for (let i = 1; i <= 1000; i++) {
    wh += 300 + ((i * 37) % 120); // 108-151 kW
    meter.push({ at: iso(start + i * 10_000, 2), kWh: (wh / 1000).toFixed(3) });
  }
  const chargingEnd = start + 1001 * 10_000;
  wh += 310;
  return JSON.stringify({ id: "dc-1000", start: iso(start, 2), chargingEnd: iso(chargingEnd, 2), end: iso(chargingEnd + 20 * 60_000, 2), energyKWh: (wh / 1000).toFixed(3), meter, payment: "app" });
}

const WORKLOADS: Workload[] = [
  {
    name: "one energy rate, no meter readings",
    tariff: { version: 1, id: "one-rate", market: "FR", currency: "EUR", energy: [{ price: "0.45" }] },
    text: JSON.stringify({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22.5" }),
  },
  // Compact JSON, as a backend stores sessions (the file is indented for people).
  { name: "Greek DC: 3 TOU rates, idle fee after grace, flat, max; 13 readings", tariff: ATHENS, text: JSON.stringify(JSON.parse(read("scripts/bench/gr-evening-13-readings.json"))) },
  { name: "a week across the DST change (Athens, hourly readings)", tariff: ATHENS, text: weekAcrossDst() },
  { name: "1,000 meter readings (Athens DC, every 10 s)", tariff: ATHENS, text: thousandReadings() },
];

// ---------------------------------------------------------------------------------------------
// Timing: interleaved rounds of both, medians of each.

function perCall(f: () => unknown, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return ((performance.now() - t0) / n) * 1000; // µs
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function compare(w: Workload, rounds: number): { parse: number; price: number; ratio: number; reference: number; path: string } {
  const compiled = lib.compileTariff(lib.parseTariff(w.tariff));
  const session = lib.parseSession(JSON.parse(w.text));
  const parse = () => JSON.parse(w.text);
  const price = () => lib.priceSession(compiled, session);
  const path = priceFast(src.compileTariff(src.parseTariff(w.tariff)), src.parseSession(JSON.parse(w.text)), true) ? "fast" : "reference";
  // Warm up (the JIT optimises after thousands of calls), calibrate each to about 5 ms a round, then alternate.
  const warm = (f: () => unknown) => {
    const until = performance.now() + 400;
    let calls = 0;
    while (performance.now() < until || calls < 2000) calls += (f(), 1);
  };
  warm(parse);
  warm(price);
  const n = (f: () => unknown) => Math.max(1, Math.round(5000 / Math.max(0.05, perCall(f, 200))));
  const np = n(parse);
  const nq = n(price);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(perCall(parse, np));
    b.push(perCall(price, nq));
  }
  // The decimal.js reference on the same session, for scale (fewer rounds: it is slow).
  const reference = () => lib.runPricing(compiled, session);
  warm(reference);
  const nr = n(reference);
  const c: number[] = [];
  for (let r = 0; r < Math.max(5, rounds >> 2); r++) c.push(perCall(reference, nr));
  // The ratio is the median of each round's own ratio: both halves of a round see the same machine load.
  return { parse: median(a), price: median(b), ratio: median(a.map((x, i) => b[i]! / x)), reference: median(c), path };
}

const us = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)).padStart(8) + " µs";

// ---------------------------------------------------------------------------------------------
// Batch: generated sessions of the Athens tariff, as chargers report them.

/** NDJSON sessions: 70 % with clock-aligned 15-minute meter values, 30 % without readings. */
async function writeSessions(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const base = Date.UTC(2026, 0, 1);
  let chunk = "";
  for (let i = 0; i < count; i++) {
    const quarter = 15 * 60_000;
    const start = base + Math.floor(rnd() * 360 * 96) * quarter + Math.floor(rnd() * 15) * 60_000;
    const quarters = 1 + Math.floor(rnd() * 8);
    const chargingEnd = start + quarters * quarter;
    const end = chargingEnd + Math.floor(rnd() * 90) * 60_000;
    const withMeter = rnd() < 0.7;
    let wh = 0;
    const meter: { at: string; kWh: string }[] = [];
    for (let q = 1; q < quarters; q++) {
      wh += Math.floor(5000 + rnd() * 30_000);
      if (withMeter) meter.push({ at: iso(start + q * quarter), kWh: (wh / 1000).toFixed(3) });
    }
    wh += Math.floor(5000 + rnd() * 30_000);
    const session = { id: `s${i}`, start: iso(start), chargingEnd: iso(chargingEnd), end: iso(end), energyKWh: (wh / 1000).toFixed(3), ...(meter.length ? { meter } : {}), payment: rnd() < 0.1 ? "cash" : "card" };
    chunk += JSON.stringify(session) + "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((ok) => out.once("drain", () => ok()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((ok) => out.once("finish", () => ok()));
}

interface BatchRun {
  readonly seconds: number;
  readonly sessions: number;
  readonly perSecond: number;
  /** The rate the batch itself reports: from its first read to its last write, without process start. */
  readonly ownPerSecond: number;
  readonly peakMB: number;
}

function runBatch(file: string, workers: number): BatchRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, "dist/cli.js"), "batch", join(ROOT, "tariffs/gr/athens-dc-150.json"), file, "--workers", String(workers), "--out", "/dev/null"], {
    encoding: "utf8",
  });
  const seconds = (performance.now() - t0) / 1000;
  const m = /batch: (\d+) priced.* (\d+) sessions\/s, .*peak RSS (\d+) MB/.exec(r.stderr);
  if (!m) throw new Error(`batch failed: ${r.stderr}`);
  const sessions = Number(m[1]);
  return { seconds, sessions, perSecond: sessions / seconds, ownPerSecond: Number(m[2]), peakMB: Number(m[3]) };
}

/** Share of a file's sessions the fast path prices (first `n` lines). */
function fastShare(file: string, n: number): number {
  const ct = src.compileTariff(src.parseTariff(ATHENS));
  const lines = readFileSync(file, "utf8").split("\n", n);
  return lines.filter((l) => priceFast(ct, src.parseSession(JSON.parse(l)), true)).length / lines.length;
}

/**
 * The machine's own scaling, for comparison: the same fixed work (JSON.parse of a small session, in a
 * loop: it allocates as pricing does, and shares nothing) in 1 and in N worker threads at once, best
 * of `rounds`. A batch cannot scale better than this.
 */
async function controlScaling(workers: number, rounds: number): Promise<{ one: number; many: number }> {
  const { Worker } = await import("node:worker_threads");
  const code = `
    const { parentPort } = require("node:worker_threads");
    const text = ${JSON.stringify(JSON.stringify({ id: "s1", start: "2026-03-28T23:30:00Z", chargingEnd: "2026-03-29T01:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5", payment: "card" }))};
    let n = 0;
    for (let i = 0; i < 1500000; i++) n += JSON.parse(text).energyKWh.length;
    parentPort.postMessage(n);`;
  const run = async (n: number) => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((ok) => new Worker(code, { eval: true }).once("message", ok))));
    return performance.now() - t0;
  };
  let one = Infinity;
  let many = Infinity;
  for (let r = 0; r < rounds; r++) {
    one = Math.min(one, await run(1));
    many = Math.min(many, await run(workers));
  }
  // Throughput ratio: N times the work in `many` ms against one time the work in `one` ms.
  return { one, many };
}

// ---------------------------------------------------------------------------------------------

const cpu = /model name\s*:\s*(.*)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1] ?? "unknown CPU";
const cores = availableParallelism();
console.log(`ev-tariff bench — ${cores} CPU(s) (nproc), ${cpu}, Node ${process.version}; load average at start ${loadavg()[0]!.toFixed(2)}`);
console.log("");
console.log(`priceSession(compiled tariff, parsed session) against JSON.parse(session text): medians of ${QUICK ? 9 : 31} interleaved rounds`);
console.log(`${"workload".padEnd(62)}${"JSON.parse".padStart(11)}${"priceSession".padStart(13)}  ratio  path  ${"reference".padStart(11)}`);
const rounds = QUICK ? 9 : 31;
for (const w of WORKLOADS) {
  const r = compare(w, rounds);
  console.log(`${w.name.padEnd(62)}${us(r.parse)}${us(r.price)}${r.ratio.toFixed(2).padStart(6)}×  ${r.path}${us(r.reference)}`);
}
console.log("(ratio: median of the rounds' ratios; reference: runPricing, the decimal pricer priceSession falls back to; path: which one priced it)");

console.log("");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-bench-"));
try {
  const count = QUICK ? 20_000 : 100_000;
  const file = join(dir, "sessions.ndjson");
  await writeSessions(file, count);
  console.log(`ev-tariff batch, Athens DC tariff, ${count.toLocaleString("en")} generated sessions (${Math.round(fastShare(file, 5000) * 100)} % on the fast path), --out /dev/null, best of ${QUICK ? 1 : 3}:`);
  const counts = [...new Set([1, Math.max(2, cores)])];
  const runs = counts.map((w) => {
    return { workers: w, best: undefined as BatchRun | undefined };
  });
  // Alternate the worker counts, three runs each, and keep each count's best: other load on the
  // machine then weighs on both alike.
  for (let round = 0; round < (QUICK ? 1 : 3); round++) {
    for (const r of runs) {
      const run = runBatch(file, r.workers);
      if (!r.best || run.perSecond > r.best.perSecond) r.best = run;
    }
  }
  for (const { workers, best } of runs) {
    const one = runs[0]!.best!;
    console.log(
      `  ${String(workers).padStart(2)} worker(s): ${Math.round(best!.perSecond).toLocaleString("en").padStart(9)} sessions/s (${best!.seconds.toFixed(2)} s, process start and tariff compile included), ${(best!.perSecond / one.perSecond).toFixed(2)}× one worker; ` +
        `by the batch's own clock ${best!.ownPerSecond.toLocaleString("en")} sessions/s, ${(best!.ownPerSecond / one.ownPerSecond).toFixed(2)}×`,
    );
  }

  const control = await controlScaling(Math.max(2, cores), QUICK ? 2 : 5);
  console.log(
    `  control, this machine: JSON.parse of a session in a loop, ${Math.max(2, cores)} worker threads against 1 (the same work each, best of ${QUICK ? 2 : 5}): ${((Math.max(2, cores) * control.one) / control.many).toFixed(2)}×`,
  );

  console.log("");
  if (FULL) {
    const big = join(dir, "million.ndjson");
    await writeSessions(big, 1_000_000);
    const r = runBatch(big, cores);
    const figure = { date: new Date().toISOString().slice(0, 10), sessions: r.sessions, workers: cores, seconds: Number(r.seconds.toFixed(1)), perSecond: Math.round(r.perSecond), peakRssMB: r.peakMB, machine: `${cores} × ${cpu}, Node ${process.version}` };
    writeFileSync(LAST_FULL, JSON.stringify(figure, null, 2) + "\n");
    console.log(`1,000,000-session batch (${cores} workers): peak RSS ${r.peakMB} MB, ${r.seconds.toFixed(1)} s, ${Math.round(r.perSecond).toLocaleString("en")} sessions/s`);
  } else if (existsSync(LAST_FULL)) {
    const f = JSON.parse(readFileSync(LAST_FULL, "utf8")) as { date: string; workers: number; peakRssMB: number; seconds: number; perSecond: number; machine: string };
    console.log(
      `1,000,000-session batch: LAST MEASURED with --full on ${f.date} (${f.machine}): peak RSS ${f.peakRssMB} MB, ${f.seconds} s, ${f.perSecond.toLocaleString("en")} sessions/s, ${f.workers} workers (not re-run: npm run bench -- --full)`,
    );
  } else console.log("1,000,000-session batch: not measured yet (npm run bench -- --full)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log("");
const size = await browserCoreSize();
console.log(
  `browser core (parseTariff + parseSession + priceSession of the browser build; esbuild, minified, gzip -9): ${(size.gzip / 1000).toFixed(1)} kB gzip (${size.gzip.toLocaleString("en")} B; ${(size.bytes / 1000).toFixed(1)} kB minified), limit ${SIZE_LIMIT / 1000} kB; with the fast engine in: ${((await browserCoreSize({ fastEngine: true })).gzip / 1000).toFixed(1)} kB`,
);
