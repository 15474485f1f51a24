/**
 * Error lists stay bounded whatever the input (issue 16): millions of unknown members are counted,
 * not listed; a session with too many readings says so before reading any; a long string is not
 * echoed back.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch.js";
import { safeParseSession } from "../../src/schema/parse-session.js";
import { safeParseTariff } from "../../src/schema/parse-tariff.js";
import { runCli, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

/** SIMPLE_TARIFF with `n` members no tariff has. */
function withUnknownKeys(n: number): Record<string, unknown> {
  const t: Record<string, unknown> = { ...SIMPLE_TARIFF };
  for (let i = 0; i < n; i++) t[`k${i}`] = 1;
  return t;
}

describe("error lists with a cap", () => {
  it("a tariff with 300,000 unknown members: the first 100 listed, the rest counted", () => {
    const r = safeParseTariff(withUnknownKeys(300_000));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.length).toBe(101);
    expect(r.issues[0]).toEqual({ path: "/k0", message: "is not a known field" });
    expect(r.issues[100]).toEqual({ path: "", message: "and 299900 more issue(s) not listed" });
  });

  it("the same through validate (101 lines) and as a batch line (one bounded record)", async () => {
    const text = JSON.stringify(withUnknownKeys(300_000));
    const v = runCli(["validate", "-"], text);
    expect(v.code).toBe(1);
    expect(v.err.join("\n").split("\n").length).toBe(101);
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (d) => (out += d));
    const line = JSON.stringify({ ...SIMPLE_SESSION, ...Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, 1])) });
    const dir = mkdtempSync(join(tmpdir(), "ev-tariff-caps-"));
    try {
      writeFileSync(`${dir}/t.json`, JSON.stringify(SIMPLE_TARIFF));
      const code = await runBatch([`${dir}/t.json`, "-", "--workers", "0"], { stdin: Readable.from([Buffer.from(line + "\n")]), stdout, stderr: new PassThrough() });
      expect(code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(out.length).toBeLessThan(10_000);
    const record = JSON.parse(out) as { error: { issues: { path: string; message: string }[] } };
    expect(record.error.issues.length).toBe(101);
    expect(record.error.issues[100]).toEqual({ path: "", message: "and 299900 more issue(s) not listed" });
  });

  it("a session with more than 100,000 readings is refused before any reading is looked at", () => {
    const meter: unknown[] = new Array(100_001).fill({ at: "not an instant", kWh: "x" });
    let read = 0;
    for (const i of [0, 1, 50_000, 100_000]) Object.defineProperty(meter, i, { get: () => (read++, { at: "x", kWh: "y" }) });
    const r = safeParseSession({ start: "2026-05-10T10:00:00Z", end: "2026-05-10T11:00:00Z", energyKWh: "1", meter });
    expect(r).toEqual({ ok: false, issues: [{ path: "/meter", message: "has more than 100000 readings" }] });
    expect(read).toBe(0);
  });

  it("a 10 MB timeZone is not echoed back", () => {
    const r = safeParseTariff({ ...SIMPLE_TARIFF, timeZone: "A".repeat(10 << 20) });
    expect(r).toEqual({ ok: false, issues: [{ path: "/timeZone", message: "is too long" }] });
  });
});
