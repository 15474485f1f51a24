/**
 * Issue 15, deliverables 3, 5 and 7 (CLI side): a CLI with no dead ends. Each test shows the new
 * message or flag. Fixtures are written here (no ../shared/ needed).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLY_SESSION, runCli, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";
import { jsonSyntaxError } from "../../src/cli/json-error.js";
import { invalidUtf8At, printable } from "../../src/cli/io.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const EVENING = join(ROOT, "tariffs/gr/sessions/evening-fast-charge.json");

function cli(argv: readonly string[], stdin?: string | Uint8Array) {
  const { code, out, err } = runCli(argv, stdin);
  return { code, stdout: out.map((t) => t + "\n").join(""), stderr: err.map((t) => t + "\n").join("") };
}

function cliProcess(argv: readonly string[], stdio?: { input?: string | Buffer; stdinFd?: number }) {
  const r = spawnSync(process.execPath, [CLI, ...argv], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
    ...(stdio?.stdinFd !== undefined ? { stdio: [stdio.stdinFd, "pipe", "pipe"] } : { input: stdio?.input ?? "" }),
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectNoStackTrace(r: { stdout: string; stderr: string }): void {
  expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout + r.stderr).not.toContain("internal error");
}

let dir: string;
const file = (name: string) => join(dir, name);

/** 40 days: over the default 31. */
const LONG_SESSION = { id: "s-long", start: "2026-03-01T00:00:00Z", end: "2026-04-10T00:00:00Z", energyKWh: "100" };
const BAD_SESSION = { start: "2026-05-10T10:00:00Z", end: "2026-05-10T09:00:00Z", energyKWh: "10", payment: "iou" };

const OCPI_TARIFF = {
  country_code: "NL",
  party_id: "ABC",
  id: "t1",
  currency: "EUR",
  elements: [{ price_components: [{ type: "ENERGY", price: 0.2201, vat: 25, step_size: 1 }] }],
  last_updated: "2026-01-01T00:00:00Z",
};
/** 2 kWh at 0.2201 is 0.4402 excluding VAT, 0.5503 including; the record says 0.43 and 0.55. */
const OCPI_CDR = {
  start_date_time: "2026-01-13T14:30:00Z",
  end_date_time: "2026-01-13T15:30:00Z",
  currency: "EUR",
  cdr_location: { country: "NLD", time_zone: "Europe/Amsterdam" },
  charging_periods: [{ start_date_time: "2026-01-13T14:30:00Z", dimensions: [{ type: "ENERGY", volume: 2 }] }],
  total_cost: { excl_vat: 0.43, incl_vat: 0.55 },
  total_energy: 2,
  total_energy_cost: { excl_vat: 0.43, incl_vat: 0.55 },
  total_time: 1,
  last_updated: "2026-01-13T16:00:00Z",
};
const OCPP_TARIFF = { tariffId: "o1", currency: "EUR", energy: { prices: [{ priceKwh: 0.3 }] } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ev-tariff-dead-ends-"));
  const write = (name: string, value: unknown) => writeFileSync(file(name), typeof value === "string" || value instanceof Uint8Array ? value : JSON.stringify(value, null, 2));
  write("simple.json", SIMPLE_TARIFF);
  write("session.json", SIMPLE_SESSION);
  write("early.json", EARLY_SESSION);
  write("long.json", LONG_SESSION);
  write("bad-session.json", BAD_SESSION);
  write("ocpi-tariff.json", OCPI_TARIFF);
  write("ocpi-cdr.json", OCPI_CDR);
  write("ocpp-tariff.json", OCPP_TARIFF);
  write("trailing-comma.json", '{\n  "version": 1,\n  "id": "x",\n}\n');
  write("control.json", '{ "id": "a\u001b[31mred" }');
  write("binary.json", Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x7d]));
  // Valid JSON whose member name holds ESC (written as the escape \u001b in the file).
  write("escape-key.json", '{ "\\u001b[2J": 1, "version": 1 }');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("validate recognises every document the CLI reads", () => {
  it("a session file: checked as a session, `file: ok (ev-tariff session)`", () => {
    expect(cli(["validate", file("session.json"), EVENING])).toEqual({
      code: 0,
      stdout: `${file("session.json")}: ok (ev-tariff session)\n${EVENING}: ok (ev-tariff session)\n`,
      stderr: "",
    });
  });

  it("a bad session: the session's own problems, not 8 tariff errors", () => {
    const r = cli(["validate", file("bad-session.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n").sort()).toEqual([`${file("bad-session.json")}: /end: must not be before start`, `${file("bad-session.json")}: /payment: must be "card", "app" or "cash"`]);
  });

  it("OCPI tariffs, OCPI charge records and OCPP tariffs", () => {
    const r = cli(["validate", "--time-zone", "Europe/Amsterdam", file("ocpi-tariff.json"), file("ocpi-cdr.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${file("ocpi-tariff.json")}: ok (OCPI 2.2.1 tariff)\n${file("ocpi-cdr.json")}: ok (OCPI charge record (CDR))\n`);
    const ocpp = cli(["validate", "--market", "NL", "--time-zone", "Europe/Amsterdam", file("ocpp-tariff.json")]);
    expect(ocpp.stdout).toBe(`${file("ocpp-tariff.json")}: ok (OCPP 2.1 tariff)\n`);
    expect(ocpp.code).toBe(0);
  });

  it("a bad OCPI charge record: pointer lines into it", () => {
    const r = cli(["validate", "-"], JSON.stringify({ ...OCPI_CDR, charging_periods: [], end_date_time: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>: \/end_date_time: is required$/m);
  });

  it("--kind checks every file as that kind", () => {
    const r = cli(["validate", "--kind", "tariff", file("session.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file("session.json")}: /version: is required`);
    expect(cli(["validate", "--kind", "session", file("session.json")]).code).toBe(0);
  });

  it("an unknown --kind is a usage error listing the kinds", () => {
    const r = cli(["validate", "--kind", "cdr", file("session.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind must be one of tariff, session, ocpi-tariff, ocpi-cdr, ocpp-tariff (got "cdr")');
  });
});

describe("every library option is a flag", () => {
  it("a session over 31 days names --max-session-days (and the days it needs), not maxSessionDays", () => {
    for (const argv of [["validate", file("long.json")], ["price", file("simple.json"), file("long.json")]]) {
      const r = cli(argv);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`${file("long.json")}: /end: makes the session longer than 31 days; pass --max-session-days 40 to allow it`);
      expect(r.stderr).not.toContain("maxSessionDays");
    }
  });

  it("--max-session-days N allows it (validate, price, explain)", () => {
    expect(cli(["validate", "--max-session-days", "40", file("long.json")]).code).toBe(0);
    const r = cli(["price", "--max-session-days", "40", "--json", file("simple.json"), file("long.json")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("31.00");
    expect(cli(["explain", "--max-session-days", "39", file("simple.json"), file("long.json")]).stderr).toContain("pass --max-session-days 40");
  });

  // (366 since issue 16: the library prices no longer session; 367 to 36500 went through and, refused by the library, exited 3)
  it.each(["0", "-3", "1.5", "many", "367", "36500", "99999"])("--max-session-days %s is a usage error", (n) => {
    const r = cli(["price", `--max-session-days=${n}`, file("simple.json"), file("long.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-session-days must be a whole number of days from 1 to 366");
  });

  it("--max-session-days 366 is the most: a longer session says so, without a flag to pass", () => {
    expect(cli(["validate", "--max-session-days", "366", file("long.json")]).code).toBe(0);
    const year = JSON.stringify({ start: "2026-01-01T00:00:00Z", end: "2027-01-03T00:00:00Z", energyKWh: "1" });
    const r = cli(["validate", "--max-session-days", "366", "-"], year);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("<stdin>: /end: makes the session longer than 366 days, the longest one ev-tariff prices");
  });

  it("--ignore-validity prices a session outside the tariff's validity", () => {
    expect(cli(["price", file("simple.json"), file("early.json")]).code).toBe(1);
    const r = cli(["price", "--ignore-validity", "--json", file("simple.json"), file("early.json")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("2.50");
    expect(cli(["explain", "--ignore-validity", file("simple.json"), file("early.json")]).code).toBe(0);
  });

  it("--currency C --rate R bills in another currency", () => {
    const r = cli(["price", "--currency", "USD", "--rate", "1.1", "--json", file("simple.json"), file("session.json")]);
    expect(r.code).toBe(0);
    const receipt = JSON.parse(r.stdout);
    expect(receipt.currency).toBe("USD");
    expect(receipt.totals.gross).toBe("4.40");
    expect(cli(["price", "--currency", "USD", "--rate", "1.1", file("simple.json"), file("session.json")]).stdout).toMatch(/gross 4\.40 USD$/m);
  });

  it.each([
    [["--rate", "1.1"], "--rate needs --currency"],
    [["--currency", "USD"], "--currency needs --rate"],
    [["--currency", "XYZ", "--rate", "1.1"], '--currency must be an ISO 4217 code such as EUR or USD (got "XYZ")'],
    [["--currency", "USD", "--rate", "0"], '--rate must be a positive decimal with at most 12 decimals, e.g. 1.0831 (got "0")'],
    [["--currency", "USD", "--rate", "1e3"], "--rate must be a positive decimal"],
  ])("%j is a usage error", (flags, message) => {
    const r = cli(["price", ...flags, file("simple.json"), file("session.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Run "ev-tariff price --help"');
  });

  it("--lang L prints the driver's receipt (renderReceipt) in that language", () => {
    const el = cli(["price", "--lang", "el", ATHENS, EVENING]);
    expect(el.code).toBe(0);
    expect(el.stdout).toContain("Europe/Athens");
    expect(el.stdout).toMatch(/31,22/);
    const fr = cli(["price", "--lang", "fr-BE", ATHENS, EVENING]);
    expect(fr.code).toBe(0);
    expect(fr.stdout).not.toBe(el.stdout);
  });

  it("--lang: an unsupported language, with --json, or with explain is a usage error", () => {
    expect(cli(["price", "--lang", "de", ATHENS, EVENING]).stderr).toContain('--lang must be one of en, es, pt, el, nl, fr, or a locale of one such as fr-BE (got "de")');
    expect(cli(["price", "--lang", "el", "--json", ATHENS, EVENING]).code).toBe(2);
    expect(cli(["explain", "--lang", "el", ATHENS, EVENING]).stderr).toContain("explain writes in English only");
  });

  it("options before the command belong to it", () => {
    const r = cli(["--json", "price", file("simple.json"), file("session.json")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("4.00");
    expect(cli(["--help", "markets"]).stdout).toContain("ev-tariff markets GR");
  });

  it("an unknown option names the command's options", () => {
    const r = cli(["price", "--max-days", "3", ATHENS, EVENING]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("price has no --max-days option (its options: --json, --max-session-days, --ignore-validity, --currency, --rate, --lang, --help)");
  });
});

describe("a wrong document kind says which command or conversion to use", () => {
  it("`ocpi price` given a v1 tariff", () => {
    const r = cli(["ocpi", "price", ATHENS, file("ocpi-cdr.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${ATHENS}: /: this is an ev-tariff v1 tariff; use \`ev-tariff price\` or convert it with \`ev-tariff convert --from v1 --to ocpi-2.2.1\``);
    expectNoStackTrace(r);
  });

  it("`ocpi price` given an ev-tariff session as the charge record", () => {
    const r = cli(["ocpi", "check", file("ocpi-tariff.json"), EVENING]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${EVENING}: /: this is an ev-tariff session, not an OCPI charge record; price it with \`ev-tariff price <tariff> <session>\``);
  });

  it("`price` given an OCPI tariff, an OCPP tariff, a charge record", () => {
    expect(cli(["price", file("ocpi-tariff.json"), EVENING]).stderr).toContain("this is an OCPI 2.2.1 tariff; price charge records with it with `ev-tariff ocpi price <tariff> <cdr>`, or convert it with `ev-tariff convert --from ocpi-2.2.1 --to v1 --time-zone Zone`");
    expect(cli(["price", file("ocpp-tariff.json"), EVENING]).stderr).toContain("this is an OCPP 2.1 tariff; convert it with `ev-tariff convert --from ocpp-2.1 --to v1 --market CC`");
    expect(cli(["price", ATHENS, file("ocpi-cdr.json")]).stderr).toContain("this is an OCPI charge record (CDR), not an ev-tariff session; price it with `ev-tariff ocpi price <ocpi-tariff> <cdr>`");
    expect(cli(["price", ATHENS, ATHENS]).stderr).toContain("this is an ev-tariff v1 tariff, not a session; the session comes second");
  });

  it("`convert` with the wrong --from, or given a session", () => {
    expect(cli(["convert", "--from", "ocpi-2.2.1", ATHENS]).stderr.trim()).toBe(`${ATHENS}: /: this is an ev-tariff v1 tariff, not ocpi-2.2.1; pass --from v1`);
    expect(cli(["convert", file("ocpi-tariff.json")]).stderr).toContain("this is an OCPI 2.2.1 tariff, not v1; pass --from ocpi-2.2.1");
    const r = cli(["convert", EVENING]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("this is an ev-tariff session, not a tariff; convert reads tariffs");
  });
});

describe("wrong argument counts say what was given", () => {
  it("price T S extra", () => {
    const r = cli(["price", ATHENS, EVENING, "extra"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`price takes 2 files (tariff, session); 3 were given: ${ATHENS}, ${EVENING}, extra`);
  });

  it("ocpi price with one file, convert with two", () => {
    expect(cli(["ocpi", "price", "a.json"]).stderr).toContain("ocpi price takes 2 files (OCPI tariff, charge record); 1 was given: a.json");
    expect(cli(["convert", "a.json", "b.json"]).stderr).toContain("convert takes 1 file (tariff, or - for standard input); 2 were given: a.json, b.json");
  });
});

describe("--help on every command, with an example", () => {
  it.each([["validate"], ["price"], ["explain"], ["markets"], ["ocpi"], ["convert"], ["batch"]])("%s --help", (command) => {
    const r = cli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ev-tariff ${command}`);
    expect(r.stdout).toMatch(/Examples?:\n {2}ev-tariff |e\.g\./);
    expect(r.stderr).toBe("");
  });

  it("each command's help lists its flags", () => {
    const price = cli(["price", "--help"]).stdout;
    for (const flag of ["--json", "--max-session-days", "--ignore-validity", "--currency", "--rate", "--lang"]) expect(price).toContain(flag);
    const validate = cli(["validate", "-h"]).stdout;
    for (const flag of ["--kind", "--max-session-days", "--market", "--time-zone"]) expect(validate).toContain(flag);
  });
});

describe("input: JSON errors with line and column, printable messages, the size limit", () => {
  it("a JSON syntax error gives line and column", () => {
    const r = cli(["validate", file("trailing-comma.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("trailing-comma.json")}: /: is not valid JSON (line 4, column 1): a comma must be followed by a property name, not "}" (no trailing commas in JSON)`);
  });

  it("standard input: line and column too, and the end of the text", () => {
    expect(cli(["validate", "-"], '{\n  "a": [1, 2\n').stderr.trim()).toBe('<stdin>: /: is not valid JSON (line 3, column 1): the text ends too early; expected "," or "]"');
    expect(cli(["validate", "-"], "{'a': 1}").stderr.trim()).toBe("<stdin>: /: is not valid JSON (line 1, column 2): property names need double quotes, not single quotes");
  });

  it("control characters in the input are escaped, never echoed raw", () => {
    const r = cli(["validate", file("control.json")]);
    expect(r.stderr.trim()).toBe(`${file("control.json")}: /: is not valid JSON (line 1, column 11): a string holds the control character "\\x1b"; write it as an escape such as \\n or \\u0000`);
    const key = cli(["validate", file("escape-key.json")]);
    expect(key.code).toBe(1);
    expect(key.stderr).toContain("/\\x1b[2J: is not a known field");
    expect(key.stderr).not.toContain("\u001b");
  });

  it("a binary file: not UTF-8, the first bad byte named, no raw bytes echoed", () => {
    const r = cli(["validate", file("binary.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("binary.json")}: /: is not UTF-8 text: byte 0x89 at line 1, column 6 (a binary file?)`);
  });

  it("binary standard input (bytes) is refused the same way", () => {
    const r = cli(["validate", "-"], Uint8Array.from([0x7b, 0x0a, 0xff, 0xfe]));
    expect(r.stderr.trim()).toBe("<stdin>: /: is not UTF-8 text: byte 0xff at line 2, column 1 (a binary file?)");
  });

  it("a file name with control characters is escaped", () => {
    const r = cli(["validate", join(dir, "no\u0007such\u009b.json")]);
    expect(r.stderr.trim()).toBe(`${join(dir, "no\\x07such\\x9b.json")}: /: no such file`);
  });

  it("a device that reports size 0 (/dev/zero) is read up to the limit, then refused", () => {
    if (!existsSync("/dev/zero")) return;
    const r = cli(["validate", "/dev/zero"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("/dev/zero: /: is larger than 64 MiB");
  });

  it("oversized standard input given as text is refused", () => {
    const r = cli(["validate", "-"], " ".repeat(64 * 1024 * 1024 + 1));
    expect(r.stderr.trim()).toBe("<stdin>: /: is larger than 64 MiB");
  });
});

describe("dist/cli.js as a process: standard input is limited while it is read", () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it first with \`npm run build\``);
  });

  it("an endless standard input (/dev/zero) stops at 64 MiB: exit 1, no stack trace", () => {
    if (!existsSync("/dev/zero")) return;
    const fd = openSync("/dev/zero", "r");
    try {
      const r = cliProcess(["validate", "-"], { stdinFd: fd });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe("<stdin>: /: is larger than 64 MiB");
      expectNoStackTrace(r);
    } finally {
      closeSync(fd);
    }
  });

  it("binary standard input: the bad byte named, no raw byte echoed", () => {
    const r = cliProcess(["validate", "-"], { input: Buffer.from([0x7b, 0x22, 0x1b, 0xc3, 0x28]) });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("<stdin>: /: is not UTF-8 text: byte 0xc3 at line 1, column 4 (a binary file?)");
  });

  it("standard input within the limit still reads (price tariff -)", () => {
    const r = cliProcess(["price", file("simple.json"), "-", "--json"], { input: JSON.stringify(SIMPLE_SESSION) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("4.00");
  });
});

describe("ocpi check --json: both sides of a mismatch with the same decimals", () => {
  it('"0.4300" beside "0.4402", never "0.43" beside "0.4402"', () => {
    const r = cli(["ocpi", "check", "--json", file("ocpi-tariff.json"), file("ocpi-cdr.json")]);
    expect(r.code).toBe(1);
    const { ok, mismatches } = JSON.parse(r.stdout);
    expect(ok).toBe(false);
    expect(mismatches).toContainEqual({ field: "total_cost.excl_vat", cdr: "0.4300", computed: "0.4402" });
    expect(mismatches).toContainEqual({ field: "total_cost.incl_vat", cdr: "0.5500", computed: "0.5503" });
    for (const m of mismatches) expect(m.cdr.split(".")[1]?.length).toBe(m.computed.split(".")[1]?.length);
  });

  it("a record with more than 4 decimals keeps them, and the computed side gets as many", () => {
    const cdr = { ...OCPI_CDR, total_cost: { excl_vat: 0.44031, incl_vat: 0.5503 }, total_energy_cost: { excl_vat: 0.4402, incl_vat: 0.5503 } };
    const { mismatches } = JSON.parse(cli(["ocpi", "check", "--json", file("ocpi-tariff.json"), "-"], JSON.stringify(cdr)).stdout);
    expect(mismatches).toEqual([{ field: "total_cost.excl_vat", cdr: "0.44031", computed: "0.44020" }]);
  });
});

describe("convert says when the price changes", () => {
  it("v1 → OCPI of the Athens tariff: `prices differ` with the probes, as the first line above the warnings", () => {
    const r = cli(["convert", "--to", "ocpi-2.2.1", "--tax-date", "2026-11-16", ATHENS]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${ATHENS.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: prices differ: `));
    // The idle grace period does not convert: the probes with idle time cost more after.
    expect(lines[0]).toContain("Wed 2026-11-18 12:00, 2 h 15 min, 48.25 kWh (30 min idle): 30.14 → 36.14 EUR");
    expect(lines.slice(1).every((l) => l.includes(": warning: "))).toBe(true);
    expect(lines.length).toBeGreaterThan(5);
  });

  it("--strict exits 1 when prices differ", () => {
    expect(cli(["convert", "--to", "ocpi-2.2.1", "--strict", ATHENS]).code).toBe(1);
  });

  it("an exact conversion: `prices identical`", () => {
    const r = cli(["convert", "--to", "v1", file("simple.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${file("simple.json")}: prices identical (5 probe sessions)\n`);
    const ocpp = cli(["convert", "--from", "ocpp-2.1", "--market", "NL", "--time-zone", "Europe/Amsterdam", "--tax-date", "2026-02-02", file("ocpp-tariff.json")]);
    expect(ocpp.code).toBe(0);
    expect(ocpp.stderr.split("\n")[0]).toBe(`${file("ocpp-tariff.json")}: prices identical (5 probe sessions)`);
  });

  it("the converted document on stdout is unchanged JSON", () => {
    const r = cli(["convert", "--to", "ocpi-2.2.1", "--last-updated", "2026-01-01T00:00:00Z", file("simple.json")]);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "gr-test-simple", currency: "EUR", country_code: "GR" });
  });
});

describe("helpers", () => {
  it("jsonSyntaxError agrees with JSON.parse on where texts go wrong", () => {
    for (const [text, offset] of [
      ["", 0],
      ["{", 1],
      ['{"a":}', 5],
      ["[1,]", 3],
      ["[01]", 2],
      ['"\\x"', 1],
      ["{} x", 3],
      ["nul", 0],
      ['{"a" 1}', 5],
      ["[1 2]", 3],
      [`${"[".repeat(100_000)}`, 100_000],
    ] as const) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonSyntaxError(text).offset).toBe(offset);
    }
  });

  it("invalidUtf8At finds overlong forms, surrogates and cut sequences", () => {
    expect(invalidUtf8At(Buffer.from("héllo €", "utf8"))).toBe(-1);
    expect(invalidUtf8At(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(invalidUtf8At(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(invalidUtf8At(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(invalidUtf8At(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  it("printable escapes controls, bidi overrides and lone surrogates, keeps text", () => {
    expect(printable("a\u0000b\u001b[0m\u007f\u0085\u202e\ud800 é 😀")).toBe("a\\x00b\\x1b[0m\\x7f\\x85\\u202e\\ud800 é 😀");
    expect(printable("a\nb\tc", "\n")).toBe("a\nb\\x09c");
  });
});

