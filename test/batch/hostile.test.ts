/**
 * Batch input from an attacker (issue 16): a line too long to hold, a BOM and bytes that are not
 * UTF-8 cut anywhere by the reads, an `--out` that is the input, `--resume` with another input or
 * killed, a standard output that goes away, and the pricing flags the other commands take.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch, type BatchEnv } from "../../src/cli/batch.js";
import { MAX_LINE_BYTES } from "../../src/cli/batch-input.js";
import { EARLY_SESSION, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Plain sessions, one JSON text each. */
function sessionLines(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + from;
    const start = Date.UTC(2026, 10, 1 + (i % 28), (i * 5) % 24, (i * 7) % 60);
    const minutes = 10 + ((i * 13) % 170);
    return JSON.stringify({ id: `s${i}`, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString(), energyKWh: `${(i % 90) + 0.25}` });
  });
}

type Rec = { line: number; receipt?: { currency: string; sessionId?: string }; error?: { issues: { path: string; message: string }[] }; notDone?: string };
const records = (text: string): Rec[] => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Rec);
const kinds = (text: string) => records(text).map((r) => `${r.line}:${r.receipt ? "receipt" : r.error ? "error" : "notDone"}`);

/** The batch command in this process; `input` is given as these pieces, in order. */
async function inProcess(args: readonly string[], input: readonly Uint8Array[] | AsyncIterable<Uint8Array>, extra: Partial<BatchEnv> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await runBatch(args, { stdin: Readable.from(input as Iterable<Uint8Array>), stdout, stderr, ...extra });
  return { code, stdout: out, stderr: err };
}

/** The built CLI's batch (worker threads run from dist/; in this process they would need tsx). */
function cli(args: readonly string[], options: { input?: string | Uint8Array; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env?.EV_TARIFF_BATCH_MAX_LINE) delete env.EV_TARIFF_BATCH_MAX_LINE;
  const r = spawnSync(process.execPath, [CLI, "batch", ...args], { input: options.input, env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `bytes` cut at the given offsets. */
function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => Math.min(o, bytes.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) pieces.push(bytes.slice(from, p));
    from = p;
  }
  return pieces;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const lines = sessionLines(6);

describe("batch: a line longer than the limit", () => {
  it("is listed as not done on its own (no stack trace); the lines around it are priced, whatever the reads", async () => {
    const long = JSON.stringify({ id: "x".repeat(300), start: "2026-11-01T10:00:00Z", end: "2026-11-01T11:00:00Z", energyKWh: "1" });
    const text = [lines[0], long, lines[1], long, lines[2]].join("\n"); // the last line has no newline
    const bytes = utf8(text);
    const whole = await inProcess([ATHENS, "-", "--workers", "0"], [bytes], { maxLineBytes: 200 });
    expect(whole.code).toBe(1);
    expect(records(whole.stdout)).toEqual([
      expect.objectContaining({ line: 1, receipt: expect.anything() }),
      { line: 2, notDone: "line longer than 200 bytes" },
      expect.objectContaining({ line: 3, receipt: expect.anything() }),
      { line: 4, notDone: "line longer than 200 bytes" },
      expect.objectContaining({ line: 5, receipt: expect.anything() }),
    ]);
    expect(whole.stderr).toContain("batch: 3 priced, 0 error record(s), 2 not done, 5 line(s)");
    expect(whole.stderr).toContain("batch: 2 line(s) longer than 200 bytes were skipped unread and are listed as notDone");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 12 }), async (offsets) => {
        const r = await inProcess([ATHENS, "-", "--workers", "0"], cutAt(bytes, offsets), { maxLineBytes: 200 });
        expect(r.stdout).toBe(whole.stdout);
      }),
      { numRuns: 40 },
    );
  });

  it("a line of 600 MiB (past V8's longest string) streams past without being held: bounded memory, the next line priced", async () => {
    const piece = 1 << 20;
    let peak = 0;
    const base = process.memoryUsage().arrayBuffers;
    async function* input() {
      yield utf8(lines[0] + "\n");
      for (let i = 0; i < 600; i++) {
        // A fresh buffer each time: holding them would show in arrayBuffers.
        yield new Uint8Array(piece).fill(0x20);
        if (i % 50 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
      }
      yield utf8(`\n${lines[1]}\n`);
    }
    const r = await inProcess([ATHENS, "-", "--workers", "0"], input());
    expect(r.code).toBe(1);
    expect(kinds(r.stdout)).toEqual(["1:receipt", "2:notDone", "3:receipt"]);
    expect(records(r.stdout)[1]!.notDone).toBe(`line longer than ${MAX_LINE_BYTES} bytes`);
    // At most the limit is ever held (16 MiB), with some room for buffers not collected yet.
    expect(peak).toBeLessThan(MAX_LINE_BYTES + 48 * piece);
  });

  it("through the CLI and --resume: the long line stays not done, the rest is kept, no crash", () => {
    const input = join(dir, "long.ndjson");
    writeFileSync(input, [lines[0], "{" + " ".repeat(5000) + "}", lines[1]].join("\n") + "\n");
    const out = join(dir, "long-out.ndjson");
    const env = { EV_TARIFF_BATCH_MAX_LINE: "1000" };
    const first = cli([ATHENS, input, "--workers", "1", "--out", out], { env });
    expect(first.code).toBe(1);
    expect(kinds(readFileSync(out, "utf8"))).toEqual(["1:receipt", "2:notDone", "3:receipt"]);
    expect(records(readFileSync(out, "utf8"))[1]!.notDone).toBe("line longer than 1000 bytes");
    const again = cli([ATHENS, input, "--workers", "1", "--out", out, "--resume"], { env });
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain("batch: 0 priced, 0 error record(s), 1 not done, 3 line(s) (2 done by the earlier run)");
    expect(kinds(readFileSync(out, "utf8"))).toEqual(["1:receipt", "2:notDone", "3:receipt"]);
    expect(again.stderr).not.toMatch(/at .*\(node:|internal error/);
    // The variable only lowers the limit: a larger value is the built-in one.
    const large = cli([ATHENS, input, "--workers", "0"], { env: { EV_TARIFF_BATCH_MAX_LINE: String(2 ** 40) } });
    expect(kinds(large.stdout)).toEqual(["1:receipt", "2:error", "3:receipt"]);
  });
});

describe("batch: the same bytes give the same records however they are read", () => {
  it("a byte order mark is removed at the very start of the input only; one at the start of a later line is an error there", async () => {
    const bytes = utf8("\uFEFF" + [lines[0], lines[1], "\uFEFF" + lines[2], lines[3]].join("\n") + "\n");
    const whole = await inProcess([ATHENS, "-", "--workers", "0"], [bytes]);
    expect(kinds(whole.stdout)).toEqual(["1:receipt", "2:receipt", "3:error", "4:receipt"]);
    expect(records(whole.stdout)[2]!.error!.issues[0]!.message).toMatch(/^is not valid JSON/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 10 }), async (offsets) => {
        const r = await inProcess([ATHENS, "-", "--workers", "0"], cutAt(bytes, [1, 2, ...offsets]));
        expect(r.stdout).toBe(whole.stdout);
      }),
      { numRuns: 40 },
    );
  });

  it("a line that is not UTF-8 is an error record naming the byte, never priced with a replacement character", async () => {
    const bad = utf8(lines[1]!);
    const at = lines[1]!.indexOf("s1") + 1; // inside the session id
    bad[at] = 0xff;
    const bytes = new Uint8Array([...utf8(lines[0] + "\n"), ...bad, 10, ...utf8(lines[2] + "\r\n")]);
    const whole = await inProcess([ATHENS, "-", "--workers", "0"], [bytes]);
    expect(kinds(whole.stdout)).toEqual(["1:receipt", "2:error", "3:receipt"]);
    expect(records(whole.stdout)[1]!.error!.issues).toEqual([{ path: "", message: `is not UTF-8 text: byte 0xff at byte ${at + 1} of the line` }]);
    for (const offsets of [[1], [at + lines[0]!.length + 1], [5, 40, 90]]) {
      expect((await inProcess([ATHENS, "-", "--workers", "0"], cutAt(bytes, offsets))).stdout).toBe(whole.stdout);
    }
    // In worker threads too.
    expect(cli([ATHENS, "-", "--workers", "1"], { input: bytes }).stdout).toBe(whole.stdout);
  });
});

describe("batch --out and --resume", () => {
  const input = join(dir, "in.ndjson");
  const text = sessionLines(40).join("\n") + "\n";
  beforeAll(() => writeFileSync(input, text));

  it("refuses an --out that is the input, by its name, a symlink, a hard link or standard input; the input stays whole", () => {
    const link = join(dir, "link.ndjson");
    const hard = join(dir, "hard.ndjson");
    symlinkSync(input, link);
    linkSync(input, hard);
    for (const out of [input, link, hard]) {
      for (const extra of [[], ["--resume"]]) {
        const r = cli([ATHENS, input, "--out", out, ...extra]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`--out ${out} is ${input}, a file this batch reads: writing there would destroy it`);
        expect(readFileSync(input, "utf8")).toBe(text);
      }
    }
    const tariff = cli([ATHENS, input, "--out", ATHENS]);
    expect(tariff.code).toBe(2);
    expect(tariff.stderr).toContain("a file this batch reads");
    // Standard input redirected from the file named by --out.
    const fd = openSync(input, "r");
    try {
      const r = spawnSync(process.execPath, [CLI, "batch", ATHENS, "-", "--out", link], { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--out ${link} is <stdin>, a file this batch reads`);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(input, "utf8")).toBe(text);
  });

  it("--resume with another input is refused, and the output is left as it was", () => {
    const out = join(dir, "resume-other.ndjson");
    expect(cli([ATHENS, input, "--workers", "1", "--out", out]).code).toBe(0);
    const made = readFileSync(out, "utf8");
    expect(JSON.parse(readFileSync(`${out}.input.json`, "utf8"))).toMatchObject({ input, head: { bytes: text.length }, read: { bytes: text.length } });
    const other = join(dir, "other.ndjson");
    writeFileSync(other, sessionLines(40, 1000).join("\n") + "\n");
    const r = cli([ATHENS, other, "--workers", "1", "--out", out, "--resume"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${other}: /: is not the input ${out} was made from`);
    expect(readFileSync(out, "utf8")).toBe(made);
    expect(readdirSync(dir).filter((f) => f.startsWith("resume-other.ndjson.resume"))).toEqual([]);
    // The same input, cut short, is another input too; the same input finishes.
    writeFileSync(other, text.slice(0, 500));
    expect(cli([ATHENS, other, "--out", out, "--resume"]).stderr).toContain("is not the input");
    expect(cli([ATHENS, input, "--out", out, "--resume"]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(made);
  });

  it("--resume with an input that differs only past its first 64 KiB is refused once the difference is read", () => {
    const big = join(dir, "big.ndjson");
    const bigText = sessionLines(1200).join("\n") + "\n";
    expect(bigText.length).toBeGreaterThan(100_000);
    writeFileSync(big, bigText);
    const out = join(dir, "big-out.ndjson");
    expect(cli([ATHENS, big, "--workers", "1", "--out", out]).code).toBe(0);
    const made = readFileSync(out, "utf8");
    // Drop the last 200 records, as if the first run had been stopped, and change a late line.
    writeFileSync(out, made.split("\n").slice(0, 1000).join("\n") + "\n");
    writeFileSync(big, bigText.replace('"id":"s1100"', '"id":"s9999"'));
    const r = cli([ATHENS, big, "--workers", "1", "--out", out, "--resume"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is not the input ${out} was made from (its first ${bigText.length} bytes differ`);
    expect(readFileSync(out, "utf8")).toBe(made.split("\n").slice(0, 1000).join("\n") + "\n");
    expect(existsSync(`${out}.resume`)).toBe(false);
  });

  it("--resume of an output without its input record is refused", () => {
    const out = join(dir, "no-record.ndjson");
    expect(cli([ATHENS, input, "--out", out]).code).toBe(0);
    rmSync(`${out}.input.json`);
    const r = cli([ATHENS, input, "--out", out, "--resume"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`has no record of the input it was made from (${out}.input.json is missing)`);
  });

  it("a --resume killed mid-run leaves no file of its own behind that the next one does not reuse", async () => {
    const many = join(dir, "kill.ndjson");
    const manyText = sessionLines(20_000).join("\n") + "\n";
    writeFileSync(many, manyText);
    const out = join(dir, "kill-out.ndjson");
    expect(cli([ATHENS, many, "--workers", "2", "--out", out]).code).toBe(0);
    const clean = readFileSync(out, "utf8");
    writeFileSync(out, clean.slice(0, clean.indexOf('{"line":11,')));
    for (let kill = 0; kill < 2; kill++) {
      const child = spawn(process.execPath, [CLI, "batch", ATHENS, many, "--workers", "1", "--out", out, "--resume"], { stdio: "ignore" });
      const closed = new Promise((ok) => child.on("close", ok));
      // Killed once its file beside the output (whatever its name) has records in it.
      const started = () => readdirSync(dir).some((f) => f.startsWith("kill-out.ndjson.resume") && statSync(join(dir, f)).size > 10_000);
      for (let i = 0; i < 2000 && !started(); i++) await new Promise((ok) => setTimeout(ok, 5));
      child.kill("SIGKILL");
      await closed;
      expect(readdirSync(dir).filter((f) => /^kill-out\.ndjson\.resume-/.test(f))).toEqual([]);
      expect(readFileSync(out, "utf8")).toBe(clean.slice(0, clean.indexOf('{"line":11,')));
    }
    const r = cli([ATHENS, many, "--workers", "2", "--out", out, "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(clean);
    expect(readdirSync(dir).filter((f) => f.startsWith("kill-out.ndjson.resume"))).toEqual([]);
  }, 60_000);
});

describe("batch: a standard output that fails", () => {
  it("the summary counts only the records the output took, not those it was handed and lost", async () => {
    let got = "";
    let writes = 0;
    // Takes two writes, then fails every later one (a reader that went away), each answered later.
    const stdout = new Writable({
      highWaterMark: 1 << 30,
      write(chunk, _enc, done) {
        setTimeout(() => {
          if (++writes <= 2) {
            got += chunk;
            done();
          } else done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        }, 2);
      },
    });
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (d) => (err += d));
    // Four reads of 1,000 lines each (more than the 64 KiB head each): four blocks, four writes.
    const all = sessionLines(4000);
    const pieces = [0, 1, 2, 3].map((k) => utf8(all.slice(k * 1000, (k + 1) * 1000).join("\n") + "\n"));
    const code = await runBatch([ATHENS, "-", "--workers", "0"], { stdin: Readable.from(pieces), stdout, stderr });
    expect(code).toBe(1);
    const last = records(got).at(-1)!.line;
    expect(last).toBe(2000);
    expect(err).toContain(`the output failed at input line ${last + 1} (the reader closed it): standard output took the records of lines 1–${last} (a reader that closed it may not have read the last of them); line ${last + 1} and every line after it are not done.`);
  });
});

describe("batch takes the pricing flags of price", () => {
  const tariff = join(dir, "simple.json");
  beforeAll(() => writeFileSync(tariff, JSON.stringify(SIMPLE_TARIFF)));
  const long = { id: "long", start: "2026-05-01T10:00:00Z", end: "2026-06-10T10:00:00Z", energyKWh: "10" };
  const input = [JSON.stringify(SIMPLE_SESSION), JSON.stringify(EARLY_SESSION), JSON.stringify(long)].join("\n") + "\n";

  it.each([0, 1])("--max-session-days, --ignore-validity, --currency with --rate (%i workers)", async (workers) => {
    // Worker threads through the built CLI.
    const run = async (args: string[]) => (workers === 0 ? await inProcess([tariff, "-", "--workers", "0", ...args], [utf8(input)]) : cli([tariff, "-", "--workers", "1", ...args], { input }));
    const plain = await run([]);
    expect(kinds(plain.stdout)).toEqual(["1:receipt", "2:error", "3:error"]);
    expect(records(plain.stdout)[2]!.error!.issues[0]!.message).toMatch(/pass --max-session-days 40 to allow it$/);
    const flags = await run(["--max-session-days", "40", "--ignore-validity", "--currency", "USD", "--rate", "1.5"]);
    expect(flags.code, flags.stderr).toBe(0);
    const got = records(flags.stdout);
    expect(got.map((r) => r.receipt?.currency)).toEqual(["USD", "USD", "USD"]);
    expect(flags.stderr).toContain("batch: totals (gross): USD ");
  });

  it("refuses bad flag values before reading anything (exit 2)", async () => {
    for (const args of [["--rate", "1.1"], ["--currency", "USD"], ["--currency", "XXY", "--rate", "1"], ["--max-session-days", "0"], ["--currency", "USD", "--rate", "-1"]]) {
      const r = await inProcess([tariff, "-", ...args], [utf8(input)]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });
});

describe("batch with a folder of tariffs", () => {
  it("a file that is a v1 tariff by its members but invalid is reported with its problems (exit 1), not left out", async () => {
    const folder = join(dir, "tariffs");
    mkdirSync(folder);
    writeFileSync(join(folder, "good.json"), JSON.stringify(SIMPLE_TARIFF));
    writeFileSync(join(folder, "bad.json"), JSON.stringify({ ...SIMPLE_TARIFF, id: "bad", energy: [{ price: "-1" }] }));
    writeFileSync(join(folder, "session.json"), JSON.stringify(SIMPLE_SESSION));
    const r = await inProcess([folder, "-"], [utf8(JSON.stringify({ ...SIMPLE_SESSION, tariffId: "gr-test-simple" }) + "\n")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(folder, "bad.json")}: /energy/0/price:`);
    expect(r.stdout).toBe("");
  });
});
