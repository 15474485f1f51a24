import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { compileTariff, parseSession, parseTariff, priceSession } from "../../src/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const dir = mkdtempSync(join(tmpdir(), "ev-tariff-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const compiledAthens = () => compileTariff(parseTariff(JSON.parse(readFileSync(ATHENS, "utf8"))));

/** Sessions of varied cost: some with many meter readings, some plain, across local-time edges. */
function sessions(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(2026, 10, 1 + (i % 28), (i * 5) % 24, (i * 7) % 60);
    const minutes = 10 + ((i * 13) % 170);
    const readings = i % 4 === 0 ? Math.min(minutes - 1, 60) : 0;
    const meter = Array.from({ length: readings }, (_, k) => ({ at: new Date(start + (k + 1) * 60_000).toISOString(), kWh: ((k + 1) * 0.4).toFixed(1) }));
    const energy = readings ? ((readings + 1) * 0.4).toFixed(1) : ((i % 90) + 0.25).toString();
    return {
      id: `s${i}`,
      start: new Date(start).toISOString(),
      chargingEnd: new Date(start + minutes * 60_000).toISOString(),
      end: new Date(start + (minutes + (i % 50)) * 60_000).toISOString(),
      energyKWh: energy,
      ...(readings ? { meter } : {}),
      ...(i % 7 === 0 ? { payment: "cash" } : {}),
    };
  });
}

const ndjson = (lines: readonly unknown[]) => lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
const records = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { line: number; receipt?: unknown; error?: { issues: { path: string; message: string }[] } });

/** Runs the built CLI's batch command. */
function cli(args: readonly string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, "batch", ...args], { input, encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the batch command in this process, with its own streams (--workers 0 unless given). */
async function inProcess(args: readonly string[], input = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await runBatch(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe("ev-tariff batch", () => {
  it("prices every line in input order with several workers, as priceSession does", () => {
    const input = sessions(700);
    const file = join(dir, "many.ndjson");
    writeFileSync(file, ndjson(input));
    const r = cli([ATHENS, file, "--workers", "3"]);
    expect(r.code, r.stderr).toBe(0);
    const out = records(r.stdout);
    const athens = compiledAthens();
    expect(out.map((x) => x.line)).toEqual(input.map((_, i) => i + 1));
    out.forEach((x, i) => expect(x.receipt).toEqual(priceSession(athens, parseSession(input[i]))));
    expect(r.stderr).toMatch(/batch: 700 priced, 0 error record\(s\), 0 not done, 700 line\(s\) in [\d.]+ s: \d+ sessions\/s, 3 worker\(s\)/);
  });

  it("turns bad lines into error records with their line numbers and keeps going; sums gross per currency", async () => {
    const good = sessions(3);
    const input = ndjson([good[0], "{not json", "", good[1], { start: "2026-11-01T10:00:00Z" }, "[1,2]", good[2]]);
    const r = await inProcess([ATHENS, "-", "--workers", "0"], input);
    expect(r.code).toBe(1);
    const out = records(r.stdout);
    expect(out.map((x) => [x.line, x.receipt ? "receipt" : "error"])).toEqual([
      [1, "receipt"],
      [2, "error"],
      [4, "receipt"],
      [5, "error"],
      [6, "error"],
      [7, "receipt"],
    ]);
    expect(out[1]!.error!.issues[0]!.message).toMatch(/^is not valid JSON/);
    expect(out[3]!.error!.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["/end", "/energyKWh"]));
    expect(out[4]!.error!.issues).toEqual([{ path: "", message: "must be a session object" }]);
    const athens = compiledAthens();
    const gross = good.map((s) => Math.round(Number(priceSession(athens, parseSession(s)).totals.gross) * 100)).reduce((a, b) => a + b, 0);
    expect(r.stderr).toContain("batch: 3 priced, 3 error record(s), 0 not done, 7 line(s)");
    expect(r.stderr).toContain(`batch: totals (gross): EUR ${(gross / 100).toFixed(2)}`);
  });

  it("with a folder, prices each session with the tariff it names by tariffId", async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "tariffs/manifest.json"), "utf8")) as { tariff: string; session: string }[];
    const pairs = manifest.slice(0, 12).map(({ tariff, session }) => {
      const t = JSON.parse(readFileSync(join(ROOT, "tariffs", tariff), "utf8")) as { id: string };
      const s = JSON.parse(readFileSync(join(ROOT, "tariffs", session), "utf8")) as Record<string, unknown>;
      delete s.$schema;
      return { tariff: t, session: s };
    });
    const input = ndjson([...pairs.map((p) => ({ ...p.session, tariffId: p.tariff.id })), { ...pairs[0]!.session, tariffId: "no-such-tariff" }, pairs[0]!.session]);
    const r = await inProcess([join(ROOT, "tariffs"), "-", "--workers", "0"], input);
    const out = records(r.stdout);
    pairs.forEach((p, i) => expect(out[i]!.receipt, `${p.tariff.id}`).toEqual(priceSession(parseTariff(p.tariff), parseSession(p.session))));
    expect(out[pairs.length]!.error!.issues[0]!.path).toBe("/tariffId");
    expect(out[pairs.length + 1]!.error!.issues[0]).toMatchObject({ path: "/tariffId", message: expect.stringMatching(/^is required/) });
    expect(r.stderr).toMatch(/are not tariffs and were left out/);
    expect(r.code).toBe(1);
  });

  it("reads standard input and writes --out, through the built CLI", () => {
    const input = sessions(20);
    const out = join(dir, "receipts.ndjson");
    const r = cli([ATHENS, "-", "--workers", "2", "--out", out], ndjson(input));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(records(readFileSync(out, "utf8")).map((x) => x.line)).toEqual(input.map((_, i) => i + 1));
    expect(r.stderr).toMatch(/batch: totals \(gross\): EUR \d+\.\d{2}\n/);
  });

  it("refuses bad usage (exit 2) and an invalid tariff (exit 1, file and pointer named)", async () => {
    expect((await inProcess([ATHENS])).code).toBe(2);
    expect((await inProcess([ATHENS, "-", "--workers", "x"])).code).toBe(2);
    const bad = join(dir, "bad-tariff.json");
    writeFileSync(bad, JSON.stringify({ version: 1, id: "x", market: "GR", currency: "EUR", energy: [{ price: "-1" }] }));
    const r = await inProcess([bad, "-"], "");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}: /energy/0/price:`);
    const help = await inProcess(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("ev-tariff batch <tariff.json|folder>");
  });
});
