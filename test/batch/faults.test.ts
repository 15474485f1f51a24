/**
 * Batch runs that lose nothing: a worker killed mid-run, a line that kills every worker, a truncated
 * last line, an unwritable output, a reader that goes away, and Ctrl-C each end with every input line
 * accounted for exactly once (a receipt, an error record, or listed as not done), and `--resume`
 * prices only what is missing. All through the built CLI, as an operator runs it.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { records, sessionLines, type BatchRecord } from "../helpers/batch-records.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[], options: { input?: string; fault?: string } = {}) {
  const env = { ...process.env };
  delete env.EV_TARIFF_BATCH_FAULT;
  if (options.fault) env.EV_TARIFF_BATCH_FAULT = options.fault;
  const r = spawnSync(process.execPath, [CLI, "batch", ...args], { input: options.input, env, encoding: "utf8", maxBuffer: 256 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same records as the clean run, compared line by line (a failure shows the first line that differs). */
function expectClean(path: string) {
  const got = readFileSync(path, "utf8").split("\n");
  const want = clean.split("\n");
  const differs = got.findIndex((l, i) => l !== want[i]);
  expect(differs === -1 ? undefined : `line ${differs + 1}: ${got[differs]?.slice(0, 200)}`).toBeUndefined();
  expect(got.length).toBe(want.length);
}

/** Each non-blank line of `count` has exactly one record, in order. */
function expectEveryLineOnce(out: readonly BatchRecord[], count: number) {
  expect(out.map((r) => r.line)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
}

const lines = sessionLines(3000);
const input = join(dir, "sessions.ndjson");
/** The records of an undisturbed run: what every fault and resume must end up equal to. */
let clean = "";

beforeAll(() => {
  writeFileSync(input, lines.join("\n") + "\n");
  const out = join(dir, "clean.ndjson");
  const r = cli([ATHENS, input, "--workers", "2", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  clean = readFileSync(out, "utf8");
  expectEveryLineOnce(records(clean), lines.length);
});

describe("batch faults", () => {
  it("a worker killed mid-run: its blocks go to a new worker, and the output is as if nothing happened", () => {
    const out = join(dir, "killed.ndjson");
    const r = cli([ATHENS, input, "--workers", "2", "--out", out], { fault: 'exit-on:"id":"s1700"' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/batch: [12] worker\(s\) stopped and were replaced; their lines were priced again\n/);
    expect(r.stderr).toContain("batch: 3000 priced, 0 error record(s), 0 not done, 3000 line(s)");
    expectClean(out);
  });

  it("a line that kills every worker is listed as not done, alone; --resume then prices only it", () => {
    const out = join(dir, "poison.ndjson");
    const r = cli([ATHENS, input, "--workers", "2", "--out", out], { fault: 'always-exit-on:"id":"s2222"' });
    expect(r.code).toBe(1);
    const got = records(readFileSync(out, "utf8"));
    expectEveryLineOnce(got, lines.length);
    expect(got.filter((x) => x.notDone !== undefined)).toEqual([{ line: 2223, notDone: "the worker pricing it stopped (exit code 70)" }]);
    expect(r.stderr).toContain("batch: 2999 priced, 0 error record(s), 1 not done, 3000 line(s)");
    expect(r.stderr).toMatch(/1 line\(s\) that stopped a worker twice are listed as notDone/);

    const again = cli([ATHENS, input, "--workers", "2", "--out", out, "--resume"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("resuming");
    expect(again.stderr).toContain("batch: 1 priced, 0 error record(s), 0 not done, 3000 line(s) (2999 done by the earlier run)");
    expectClean(out);
  });

  it("without workers left to start, the lines not priced are listed as not done and the run says where it stopped", () => {
    const out = join(dir, "all-die.ndjson");
    // Every block has a session id starting "s": every worker dies on every block.
    const r = cli([ATHENS, input, "--workers", "1", "--out", out], { fault: 'always-exit-on:"id":"s' });
    expect(r.code).toBe(1);
    const got = records(readFileSync(out, "utf8"));
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((x) => x.notDone !== undefined)).toBe(true);
    expectEveryLineOnce(got, got.length);
    expect(r.stderr).toMatch(new RegExp(`batch: stopped: \\d+ workers stopped; no more are started: ${out} holds the records of lines 1–${got.length}; the input from line ${got.length + 1} on is not done`));
  });

  it("a truncated last line (no newline, cut JSON) becomes an error record; the lines before it are priced", () => {
    const cut = lines.slice(0, 5).join("\n") + "\n" + lines[5]!.slice(0, 40);
    const r = cli([ATHENS, "-", "--workers", "1"], { input: cut });
    expect(r.code).toBe(1);
    const got = records(r.stdout);
    expectEveryLineOnce(got, 6);
    expect(got.slice(0, 5).every((x) => x.receipt)).toBe(true);
    expect(got[5]!.error).toEqual({ issues: [{ path: "", message: expect.stringMatching(/^is not valid JSON/) }] });
  });

  it("an output file cut short in a record is resumed: the cut record is priced again, the rest kept", () => {
    const out = join(dir, "cut.ndjson");
    // The first ~40% of a clean run's bytes, ending inside a record.
    writeFileSync(out, clean.slice(0, Math.floor(clean.length * 0.4) + 17));
    copyFileSync(join(dir, "clean.ndjson.input.json"), `${out}.input.json`);
    const r = cli([ATHENS, input, "--workers", "2", "--out", out, "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming .*: \d+ line\(s\) done, 0 listed as not done, and a last record cut short \(priced again\)/);
    expectClean(out);
    // --resume on a finished file prices nothing and leaves it as it was.
    const done = cli([ATHENS, input, "--workers", "2", "--out", out, "--resume"]);
    expect(done.stderr).toContain("batch: 0 priced, 0 error record(s), 0 not done, 3000 line(s) (3000 done by the earlier run)");
    expectClean(out);
  });

  it("--resume refuses a file that is not a batch output, and needs --out", () => {
    const out = join(dir, "not-records.ndjson");
    writeFileSync(out, '{"line":1,"receipt":{}}\n{"hello":"world"}\n');
    const r = cli([ATHENS, input, "--out", out, "--resume"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${out}: /: line 2 is not a batch record; cannot resume from this file`);
    expect(readFileSync(out, "utf8")).toBe('{"line":1,"receipt":{}}\n{"hello":"world"}\n');
    writeFileSync(out, '{"line":2,"receipt":{}}\n{"line":1,"receipt":{}}\n');
    expect(cli([ATHENS, input, "--out", out, "--resume"]).stderr).toContain("records are out of order (input line 1 after 2)");
    expect(cli([ATHENS, input, "--resume"]).code).toBe(2);
  });

  it("an output that cannot be opened is refused before any input is read", () => {
    const r = cli([ATHENS, input, "--out", join(dir, "no-such-folder", "out.ndjson")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("out.ndjson: /: cannot be written: its folder does not exist");
    expect(r.stderr).not.toContain("priced");
  });

  it.runIf(existsSync("/dev/full"))("an output that fails while writing (a full disk) says which lines it holds and which are not done", () => {
    const r = cli([ATHENS, input, "--workers", "1", "--out", "/dev/full"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "batch: the output failed at input line 1 (no space left on the device): /dev/full holds no record; line 1 and every line after it are not done. Finish with: ev-tariff batch … --out /dev/full --resume",
    );
  });

  it("a reader that goes away (a closed pipe): the summary says up to which line standard output took records", async () => {
    const child = spawn(process.execPath, [CLI, "batch", ATHENS, input, "--workers", "1"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    let got = "";
    await new Promise<void>((ok) =>
      child.stdout.on("data", (d) => {
        got += d;
        if (got.length > 20_000) {
          child.stdout.destroy();
          ok();
        }
      }),
    );
    const code = await new Promise<number | null>((ok) => child.on("close", ok));
    expect(code).toBe(1);
    const m = /the output failed at input line (\d+) \(the reader closed it\): standard output took (no record|the records of lines 1–(\d+) \(a reader that closed it may not have read the last of them\)); line \d+ and every line after it are not done\./.exec(err);
    expect(m, err).not.toBeNull();
    if (m![3]) expect(Number(m![1])).toBe(Number(m![3]) + 1);
  });

  it("Ctrl-C: what was read is written, the summary says from which line to resume, and --resume finishes it", async () => {
    const many = join(dir, "many.ndjson");
    writeFileSync(many, Array.from({ length: 10 }, () => lines.join("\n") + "\n").join(""));
    const out = join(dir, "interrupted.ndjson");
    const child = spawn(process.execPath, [CLI, "batch", ATHENS, many, "--workers", "1", "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    // Interrupt once the first records are on disk.
    while (!existsSync(out) || statSync(out).size === 0) await new Promise((ok) => setTimeout(ok, 10));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((ok) => child.on("close", ok));
    expect(code, err).toBe(130);
    const got = records(readFileSync(out, "utf8"));
    expect(got.length).toBeLessThan(30_000);
    expectEveryLineOnce(got, got.length);
    expect(err).toContain(`batch: interrupted: ${out} holds the records of lines 1–${got.length}; the input from line ${got.length + 1} on was not read. Finish with`);

    const r = cli([ATHENS, many, "--workers", "2", "--out", out, "--resume"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`batch: ${30_000 - got.length} priced, 0 error record(s), 0 not done, 30000 line(s) (${got.length} done by the earlier run)`);
    const full = records(readFileSync(out, "utf8"));
    expectEveryLineOnce(full, 30_000);
    // Line n's record is the clean run's record for the same session (the input repeats every 3000 lines).
    const cleanRecords = clean.split("\n");
    const text = readFileSync(out, "utf8").split("\n");
    for (const n of [1, got.length, got.length + 1, 29_999, 30_000]) {
      expect(text[n - 1]!.replace(/^\{"line":\d+,/, "")).toBe(cleanRecords[(n - 1) % 3000]!.replace(/^\{"line":\d+,/, ""));
    }
  });
});
