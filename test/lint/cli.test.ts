/**
 * `ev-tariff lint` in-process: one line per finding, exit 0 without errors, 1 with errors or an
 * invalid tariff (printed as validate prints it), 2 for usage; `--json` is exactly lintTariff's result.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintTariff } from "../../src/index.js";
import { runCli, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "ev-tariff-lint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === "string" ? doc : JSON.stringify(doc));
  return path;
};

/** GR with a shadowed rate (warning) and a time price with no exact price per minute (warning). */
const WARNED = { ...SIMPLE_TARIFF, id: "warned", energy: [{ price: "0.30" }, { price: "0.25", when: { days: ["sun"] } }], time: [{ price: "1.00" }] };
/** A maximum below the session fee: an error. */
const CAPPED = { ...SIMPLE_TARIFF, id: "capped", flat: [{ price: "5.00" }], maxPrice: "4.00" };
const INVALID = { ...SIMPLE_TARIFF, energy: [{ price: "0.30", step: "0" }] };

describe("ev-tariff lint", () => {
  it("a clean tariff: ok, exit 0", () => {
    const r = runCli(["lint", file("simple.json", { ...SIMPLE_TARIFF, flat: [] })]);
    expect(r).toEqual({ code: 0, out: [`${join(dir, "simple.json")}: ok, no findings`], err: [] });
  });

  it("one line per finding (pointer, severity, rule), then the counts; warnings and infos exit 0", () => {
    const path = file("warned.json", WARNED);
    const r = runCli(["lint", path]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([
      `${path}: /energy/1: warning rate-shadowed: never applies: /energy/0 comes first and applies whenever /energy/1's conditions hold`,
      `${path}: /time/0/price: warning afir-price-per-minute: 1.00 per hour is 0.016666… per minute: no exact price per minute in 4 decimals, and AFIR art. 5(4) lists the ad hoc price per minute; a price per hour divisible by 60 (e.g. 0.6 or 1.2) can be shown as charged`,
      `${path}: /: info afir-display-order: AFIR art. 5(4) lists the ad hoc price components to display in this order: price per kWh (/energy), then price per minute (/time), then price per session (/flat). The tariff file cannot show how a station displays them; describeTariff prints them in this order`,
      `${path}: 0 errors, 2 warnings, 1 info`,
    ]);
  });

  it("an error finding exits 1; every file is still linted", () => {
    const capped = file("capped.json", CAPPED);
    const warned = file("warned.json", WARNED);
    const r = runCli(["lint", capped, warned]);
    expect(r.code).toBe(1);
    expect(r.out.filter((l) => l.includes(" error "))).toEqual([
      `${capped}: /maxPrice: error max-below-min: 4.00 is below the session fee every session pays (at least 5.00, /flat/0): every session costs 4.00`,
    ]);
    expect(r.out).toContain(`${warned}: 0 errors, 2 warnings, 1 info`);
  });

  it("an invalid tariff prints its problems as validate does, exit 1", () => {
    const path = file("invalid.json", INVALID);
    const lint = runCli(["lint", path]);
    const validate = runCli(["validate", path]);
    expect(lint.code).toBe(1);
    expect(lint.err).toEqual(validate.err);
    expect(lint.err).toEqual([`${path}: /energy/0/step: must be greater than 0 (omit it for no step)`]);
    expect(lint.out).toEqual([]);
  });

  it("a file that is not JSON, or not a tariff: exit 1 with the problem", () => {
    const notJson = runCli(["lint", file("broken.json", "{ nope")]);
    expect(notJson.code).toBe(1);
    expect(notJson.err.join("\n")).toMatch(/broken\.json: .*JSON/);
    const session = runCli(["lint", file("session.json", SIMPLE_SESSION)]);
    expect(session.code).toBe(1);
    expect(session.err).toEqual([`${join(dir, "session.json")}: /: this is an ev-tariff session, not an ev-tariff v1 tariff; lint reads v1 tariffs`]);
    const missing = runCli(["lint", join(dir, "nowhere.json")]);
    expect(missing.code).toBe(1);
    expect(missing.err.join("\n")).toContain("nowhere.json");
  });

  it("--json: exactly lintTariff's result per file, with the totals", () => {
    const warned = file("warned.json", WARNED);
    const invalid = file("invalid.json", INVALID);
    const r = runCli(["lint", "--json", warned, invalid]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    const json = JSON.parse(r.out.join("\n"));
    expect(json).toEqual({
      files: [
        { file: warned, ...lintTariff(WARNED) },
        { file: invalid, ...lintTariff(INVALID) },
      ],
      errors: 1,
      warnings: 2,
      infos: 1,
    });
    expect(json.files[1].findings).toEqual([
      { pointer: "/energy/0/step", severity: "error", rule: "invalid", source: "ev-tariff", message: "must be greater than 0 (omit it for no step)" },
    ]);
  });

  it("reads standard input for -", () => {
    const r = runCli(["lint", "--json", "-"], JSON.stringify(WARNED));
    expect(JSON.parse(r.out.join("\n")).files[0]).toEqual({ file: "<stdin>", ...lintTariff(WARNED) });
  });

  it("--typical-session-kwh and --max-session-days reach the rules", () => {
    const fee = file("fee.json", { ...SIMPLE_TARIFF, flat: [{ price: "5.00" }] });
    expect(runCli(["lint", fee]).out.some((l) => l.includes("start-fee-high"))).toBe(false);
    expect(runCli(["lint", fee, "--typical-session-kwh", "10"]).out.some((l) => l.includes("start-fee-high"))).toBe(true);
    const late = file("late.json", { ...SIMPLE_TARIFF, flat: [], energy: [{ price: "0.2", when: { dates: { from: "2027-02-15" } } }, { price: "0.3" }] });
    expect(runCli(["lint", late]).out[0]).toContain("it never applies");
    expect(runCli(["lint", late, "--max-session-days", "60"]).out[0]).toContain("still running");
  });

  it("usage errors exit 2", () => {
    for (const argv of [["lint"], ["lint", "a.json", "--xml"], ["lint", "a.json", "--typical-session-kwh", "0"], ["lint", "a.json", "--max-session-days", "x"], ["lint", "-", "-"]]) {
      const r = runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err.join("\n")).toContain('Run "ev-tariff lint --help"');
    }
  });

  it("--help has an example; the main help names lint", () => {
    const r = runCli(["lint", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain("Example:\n  ev-tariff lint tariffs/gr/athens-dc-150.json");
    expect(runCli(["--help"]).out.join("\n")).toContain("ev-tariff lint <tariff…> [--json]");
  });
});
