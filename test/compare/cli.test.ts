/**
 * `ev-tariff compare`: the report's figures are the sums of `ev-tariff batch` receipts of the same
 * generated sessions (both through the built CLI, compare on two workers), the same with any number of
 * workers; the text report; exit codes; bad input named with its file, line and JSON Pointer.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonth, writeProposed } from "../../scripts/generate-month.js";
import { runCompare } from "../../src/cli/compare.js";
import type { Comparison, Receipt } from "../../src/index.js";
import { SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli.js");

/** runCompare in-process (main thread unless the arguments say otherwise). */
async function compare(argv: readonly string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCompare(argv, { stdin: input, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const minor = (s: string) => BigInt(s.replace(".", ""));
const fmt = (m: bigint, digits: number) => {
  const neg = m < 0n;
  const t = (neg ? -m : m).toString().padStart(digits + 1, "0");
  return (neg ? "-" : "") + (digits ? `${t.slice(0, -digits)}.${t.slice(-digits)}` : t);
};
/** Local weekday (Monday 0) and hour of an instant in a zone, read with Intl (not the engine's zone code). */
function localOf(instant: string, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", hourCycle: "h23" }).formatToParts(new Date(instant));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.find((p) => p.type === "weekday")!.value);
  return { weekday, hour: Number(parts.find((p) => p.type === "hour")!.value) };
}

let dir: string;
let month: string;
let proposed: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ev-tariff-compare-"));
  month = join(dir, "month.ndjson");
  proposed = join(dir, "proposed");
  writeProposed(proposed);
  // The Athens proposal ends before the month: its sessions are refused by the proposed side.
  const athens = join(proposed, "gr", "athens-dc-150.json");
  writeFileSync(athens, JSON.stringify({ ...JSON.parse(readFileSync(athens, "utf8")), validTo: "2026-11-15T00:00:00+02:00" }));
  const bad = ['{"tariffId":"gr-athens-dc-150","start":"2026-11-03T10:00:00Z","end":"2026-11-03T09:00:00Z","energyKWh":"5"}', "{not json", '{"tariffId":"xx-none","start":"2026-11-03T10:00:00Z","end":"2026-11-03T11:00:00Z","energyKWh":"5"}'];
  const lines = generateMonth({ seed: 7, perDay: 3 }).split("\n");
  lines.splice(40, 0, ...bad);
  writeFileSync(month, lines.join("\n"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("ev-tariff compare against ev-tariff batch (built CLI)", () => {
  it("every figure of --json is the sum of the batch receipts of the sessions both sides priced", () => {
    const batch = (tariffs: string) => {
      const r = spawnSync(process.execPath, [cli, "batch", tariffs, month, "--workers", "1"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
      expect(r.status, r.stderr).toBe(1); // the bad lines are error records
      const byLine = new Map<number, Receipt>();
      for (const text of r.stdout.trim().split("\n")) {
        const rec = JSON.parse(text) as { line: number; receipt?: Receipt };
        if (rec.receipt) byLine.set(rec.line, rec.receipt);
      }
      return byLine;
    };
    const before = batch(join(root, "tariffs"));
    const after = batch(proposed);
    const r = spawnSync(process.execPath, [cli, "compare", join(root, "tariffs"), proposed, month, "--json", "--workers", "2"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
    expect(r.status).toBe(1);
    const c = JSON.parse(r.stdout) as Comparison;

    // Group the sessions priced on both sides by the current receipt's market and currency.
    interface Acc { net: bigint[]; tax: bigint[]; gross: bigint[]; changes: bigint[]; lines: number[]; energyMilli: bigint; byWeekday: bigint[]; byHour: bigint[]; digits: number }
    const groups = new Map<string, Acc>();
    const input = readFileSync(month, "utf8").split("\n");
    let refusedByProposed = 0;
    for (const [line, b] of before) {
      const a = after.get(line);
      if (!a) {
        refusedByProposed++;
        continue;
      }
      const key = `${b.market} ${b.currency}`;
      const digits = b.totals.gross.includes(".") ? b.totals.gross.split(".")[1]!.length : 0;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { net: [0n, 0n], tax: [0n, 0n], gross: [0n, 0n], changes: [], lines: [], energyMilli: 0n, byWeekday: Array(7).fill(0n), byHour: Array(24).fill(0n), digits }));
      for (const [i, r2] of [b, a].entries()) {
        g.net[i]! += minor(r2.totals.net);
        g.tax[i]! += minor(r2.totals.tax);
        g.gross[i]! += minor(r2.totals.gross);
      }
      const change = minor(a.totals.gross) - minor(b.totals.gross);
      g.changes.push(change);
      g.lines.push(line);
      g.energyMilli += BigInt(Math.round(Number(b.energyKWh) * 1000)); // the generator writes 3 decimals
      const { weekday, hour } = localOf((JSON.parse(input[line - 1]!) as { start: string }).start, b.timeZone);
      g.byWeekday[weekday]! += change;
      g.byHour[hour]! += change;
    }
    expect(refusedByProposed).toBeGreaterThan(0);
    expect(c.sessions.compared).toBe([...groups.values()].reduce((n, g) => n + g.changes.length, 0));
    expect(c.sessions.refused).toBe(refusedByProposed);
    expect(c.sessions.invalid).toBe(3);
    expect(c.markets.map((m) => `${m.market} ${m.currency}`)).toEqual([...groups.keys()].sort());
    for (const m of c.markets) {
      const g = groups.get(`${m.market} ${m.currency}`)!;
      const d = g.digits;
      expect(m.sessions.priced).toBe(g.changes.length);
      expect(m.revenue.before).toEqual({ net: fmt(g.net[0]!, d), tax: fmt(g.tax[0]!, d), gross: fmt(g.gross[0]!, d) });
      expect(m.revenue.after).toEqual({ net: fmt(g.net[1]!, d), tax: fmt(g.tax[1]!, d), gross: fmt(g.gross[1]!, d) });
      expect(m.revenue.change.gross).toBe(fmt(g.gross[1]! - g.gross[0]!, d));
      expect(BigInt(Math.round(Number(m.energyKWh) * 1000))).toBe(g.energyMilli);
      const sorted = [...g.changes].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(m.changePerSession!.min).toBe(fmt(sorted[0]!, d));
      expect(m.changePerSession!.max).toBe(fmt(sorted[sorted.length - 1]!, d));
      expect(m.changePerSession!.median).toBe(fmt(sorted[Math.ceil(sorted.length / 2) - 1]!, d));
      expect(m.byWeekday.map((b) => b.change)).toEqual(g.byWeekday.map((v) => fmt(v, d)));
      expect(m.byHour.map((b) => b.change)).toEqual(g.byHour.map((v) => fmt(v, d)));
      const top = m.largest.increases[0];
      if (top) expect(minor(top.change)).toBe(sorted[sorted.length - 1]);
      for (const s of [...m.largest.increases, ...m.largest.decreases]) {
        expect(s.before).toBe(before.get(s.line)!.totals.gross);
        expect(s.after).toBe(after.get(s.line)!.totals.gross);
        expect(s.sessionId).toBe(before.get(s.line)!.sessionId);
      }
    }
    expect(c.markets.find((m) => m.market === "GR")!.sessions.refused.proposed).toBe(refusedByProposed);
  }, 60_000);

  it("gives the same JSON in the main thread, on one worker and on two", async () => {
    const run = (w: string) => {
      const r = spawnSync(process.execPath, [cli, "compare", "tariffs", proposed, month, "--json", "--workers", w], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
      expect(r.status, r.stderr).toBe(1); // three lines are not sessions
      return r.stdout;
    };
    const main = run("0");
    expect(run("1")).toBe(main);
    expect(run("2")).toBe(main);
    const inProcess = await compare(["tariffs", proposed, month, "--json"]);
    expect(inProcess.out).toBe(main.trimEnd());
  }, 60_000);
});

describe("ev-tariff compare: the text report and exit codes", () => {
  it("prints the report per market; bad lines go to standard error with file, line and pointer; exit 1", async () => {
    const r = await compare(["tariffs", proposed, month]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^compare: \d+ session\(s\): \d+ compared, \d+ refused, 3 invalid, 0 skipped/);
    expect(r.out).toMatch(/\nGR · EUR — \d+ session\(s\) priced under both, \d+ refused \(0 by the current tariff, \d+ by the proposed, 0 by both\)/);
    expect(r.out).toMatch(/ {2}gross +\d+\.\d\d +\d+\.\d\d +[+-]\d+\.\d\d +[+-]\d+\.\d\d %/);
    expect(r.out).toContain("largest increases:");
    expect(r.err).toContain(`${month}: line 41: /end: `);
    expect(r.err).toMatch(new RegExp(`${month}: line 42: /: is not valid JSON`));
    expect(r.err).toContain(`${month}: line 43: /tariffId: names no current tariff`);
  });

  it("exits 0 when every line is a session, refusals included; one tariff on each side compares only its sessions", async () => {
    const r = await compare(["tariffs/gr/athens-dc-150.json", join(proposed, "gr", "athens-dc-150.json"), "-", "--json"], generateMonth({ seed: 3, perDay: 1 }));
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out) as Comparison;
    expect(c.markets.map((m) => m.market)).toEqual(["GR"]);
    expect(c.sessions.skipped).toBeGreaterThan(0);
    expect(c.sessions.refused).toBeGreaterThan(0); // after the proposal's validTo
    expect(c.sessions.invalid).toBe(0);
  });

  it("writes nothing but the help with --help, exit 0", async () => {
    const r = await compare(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ev-tariff compare — /);
  });

  it.each([
    [["tariffs", "tariffs"], /compare needs the current tariff .* got 2 argument/],
    [["tariffs", "tariffs", "a", "b"], /got 4 argument/],
    [["tariffs", "tariffs", "x.ndjson", "--top", "ten"], /--top must be a whole number/],
    [["tariffs", "tariffs", "x.ndjson", "--workers", "many"], /--workers must be a whole number/],
    [["tariffs", "tariffs", "x.ndjson", "--html"], /--html|argument/],
    [["tariffs", "tariffs", "x.ndjson", "--bogus"], /--bogus/],
    [["-", "tariffs", "x.ndjson"], /current tariff cannot come from standard input/],
  ])("usage error %j: exit 2 with a hint", async (argv, message) => {
    const r = await compare(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Run "ev-tariff compare --help"');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("bad files: exit 1, named with the JSON Pointer of the problem", async () => {
    const bad = join(dir, "bad-tariff.json");
    writeFileSync(bad, JSON.stringify({ ...SIMPLE_TARIFF, energy: [{ price: "-1" }] }));
    let r = await compare([bad, "tariffs", month]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${bad}: /energy/0/price: `));
    r = await compare(["tariffs", "tariffs", join(dir, "missing.ndjson")]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n").at(-1)).toBe(`${join(dir, "missing.ndjson")}: /: no such file`);
    r = await compare(["tariffs", join(dir, "nothing-here"), month]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("nothing-here");
    const empty = join(dir, "empty");
    mkdirSync(empty, { recursive: true });
    r = await compare(["tariffs", empty, month]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n").at(-1)).toBe(`${empty}: /: holds no valid tariff file`);
    r = await compare(["tariffs", "tariffs", month, "--html", join(dir, "no", "such", "folder", "r.html")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/r\.html: \/: cannot be written: its folder does not exist/);
    r = await compare([JSON.stringify(SIMPLE_TARIFF), "tariffs", month]);
    expect(r.code).toBe(1);
  });

  it("a single session file (not NDJSON lines) is read as one line", async () => {
    const one = join(dir, "one.ndjson");
    writeFileSync(one, JSON.stringify(SIMPLE_SESSION));
    const t = join(dir, "simple.json");
    writeFileSync(t, JSON.stringify(SIMPLE_TARIFF));
    const r = await compare([t, t, one, "--json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Comparison).markets[0]!.revenue.change.gross).toBe("0.00");
  });
});
