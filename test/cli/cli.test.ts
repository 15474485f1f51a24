import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLY_SESSION, runCli, SIMPLE_SESSION, SIMPLE_TARIFF } from "../helpers/cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");
const EVENING = join(ROOT, "tariffs/gr/sessions/evening-fast-charge.json");
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process. Without `stdin`, reading standard input is an error the test would see. */
function cli(argv: readonly string[], stdin?: string): Result {
  const { code, out, err } = runCli(argv, stdin);
  return { code, stdout: out.map((t) => t + "\n").join(""), stderr: err.map((t) => t + "\n").join("") };
}

/** Runs the built CLI as a real process, with the host TZ of this test project. */
function cliProcess(argv: readonly string[], stdin?: string): Result {
  const r = spawnSync(process.execPath, [CLI, ...argv], { cwd: ROOT, input: stdin ?? "", encoding: "utf8", timeout: 20_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 1 or 2 output must never be a stack trace. */
function expectNoStackTrace(r: Result): void {
  const all = r.stdout + r.stderr;
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toContain("    at ");
  expect(all).not.toContain("internal error");
  expect(all).not.toMatch(/\b(TypeError|RangeError|SyntaxError|InputError|TariffError|UsageError)\b/);
}

/** Cents of a money string "12.34" (no floating point sums). */
function cents(money: string): number {
  expect(money).toMatch(/^-?\d+\.\d{2}$/);
  const negative = money.startsWith("-");
  const [whole, frac] = money.replace("-", "").split(".") as [string, string];
  const c = Number(whole) * 100 + Number(frac);
  return negative ? -c : c;
}

// ---- fixtures, written to a temp dir --------------------------------------------------------

let dir: string;
const file = (name: string) => join(dir, name);

const LATE_SESSION = { id: "s-late", start: "2026-12-31T22:00:00Z", end: "2026-12-31T23:00:00Z", energyKWh: "5" };

const BAD_TARIFF = {
  version: 1,
  id: "gr-test-bad",
  market: "GR",
  currency: "USD",
  energy: [{ price: "-0.30", prize: "1" }],
};
const BAD_SESSION = { start: "2026-05-10T10:00:00Z", end: "2026-05-10T09:00:00Z", energyKWh: "10", payment: "iou" };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ev-tariff-cli-"));
  const write = (name: string, value: unknown) => writeFileSync(file(name), typeof value === "string" ? value : JSON.stringify(value, null, 2));
  write("simple.json", SIMPLE_TARIFF);
  write("session.json", SIMPLE_SESSION);
  write("early.json", EARLY_SESSION);
  write("late.json", LATE_SESSION);
  write("bad-tariff.json", BAD_TARIFF);
  write("bad-session.json", BAD_SESSION);
  write("empty.json", "");
  write("blank.json", "  \n\t\n");
  write("malformed.json", '{ "version": 1, "id": "x", ');
  write("trailing-comma.json", '{ "version": 1, }');
  write("bom.json", "\uFEFF" + JSON.stringify(SIMPLE_TARIFF));
  write("array.json", "[]");
  write("with space.json", SIMPLE_TARIFF);
  mkdirSync(file("a-directory.json"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- in-process --------------------------------------------------------------------------------

describe("ev-tariff --help and --version", () => {
  it.each([["--help"], ["-h"]])("%s prints usage naming every command, exit 0", (flag) => {
    const r = cli([flag]);
    expect(r.code).toBe(0);
    for (const command of ["validate", "price", "explain"]) expect(r.stdout).toContain(`ev-tariff ${command}`);
    expect(r.stdout).toContain("--json");
    expect(r.stderr).toBe("");
  });

  it("--help wins over a command", () => {
    const r = cli(["price", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage:");
  });

  it.each([["--version"], ["-v"]])("%s prints the package.json version, exit 0", (flag) => {
    const r = cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(PACKAGE_VERSION);
    expect(r.stderr).toBe("");
  });
});

describe("usage errors: exit 2", () => {
  const usage = (argv: string[], fragment: string) => {
    const r = cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(fragment);
    expect(r.stderr).toContain("ev-tariff --help");
    expectNoStackTrace(r);
    return r;
  };

  it("no command", () => usage([], "no command given"));
  it("unknown command", () => usage(["quote", ATHENS, EVENING], 'unknown command "quote"'));
  it("unknown option", () => usage(["price", ATHENS, EVENING, "--xml"], "--xml"));
  it("an option that takes no value given one", () => usage(["price", ATHENS, EVENING, "--json=yes"], "--json"));
  // Issue 15: a wrong argument count says what was given.
  it("price with one file", () => usage(["price", ATHENS], `price takes 2 files (tariff, session); 1 was given: ${ATHENS}`));
  it("price with three files", () => usage(["price", ATHENS, EVENING, EVENING], `price takes 2 files (tariff, session); 3 were given: ${ATHENS}, ${EVENING}, ${EVENING}`));
  it("explain with no file", () => usage(["explain"], "explain takes 2 files (tariff, session); none was given"));
  it("validate with no file", () => usage(["validate"], "validate takes at least 1 file"));
  it("validate --json", () => usage(["validate", ATHENS, "--json"], "validate has no --json option"));
  it("two - arguments", () => usage(["price", "-", "-"], "standard input"));
  it("two - arguments to validate", () => usage(["validate", "-", ATHENS, "-"], "standard input"));

  it("a usage error does not read any file", () => {
    // The tariff does not exist; a usage error must win over an input error.
    const r = cli(["price", file("nope.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("no such file");
  });
});

describe("validate", () => {
  it("a valid file: exit 0, `file: ok` on stdout", () => {
    const r = cli(["validate", ATHENS]);
    expect(r).toEqual({ code: 0, stdout: `${ATHENS}: ok\n`, stderr: "" });
  });

  it("several valid files: one ok line each", () => {
    const r = cli(["validate", ATHENS, file("simple.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${ATHENS}: ok\n${file("simple.json")}: ok\n`);
  });

  it("a bad file: exit 1, one `file: /pointer: message` line per problem", () => {
    const r = cli(["validate", file("bad-tariff.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    const f = file("bad-tariff.json");
    expect(lines).toHaveLength(3);
    expect(lines).toContain(`${f}: /energy/0/prize: is not a known field`);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(f)}: /energy/0/price: must be a non-negative decimal`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(f)}: /currency: USD is not a currency of market GR`)));
    expectNoStackTrace(r);
  });

  it("a good and a bad file: both checked, exit 1, ok on stdout and problems on stderr", () => {
    const r = cli(["validate", file("bad-tariff.json"), ATHENS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${ATHENS}: ok\n`);
    expect(r.stderr).toContain(`${file("bad-tariff.json")}: /currency:`);
  });

  it("a missing file: exit 1, `no such file`, no stack trace", () => {
    const r = cli(["validate", file("nope.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("nope.json")}: /: no such file`);
    expectNoStackTrace(r);
  });

  it("a directory: exit 1, says it is a directory", () => {
    const r = cli(["validate", file("a-directory.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file("a-directory.json"));
    expect(r.stderr).toContain("is a directory");
    expectNoStackTrace(r);
  });

  it.each(["empty.json", "blank.json"])("an empty file (%s): exit 1, says it is empty", (name) => {
    const r = cli(["validate", file(name)]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file(name)}: /: is empty; expected a JSON object`);
    expectNoStackTrace(r);
  });

  it.each(["malformed.json", "trailing-comma.json"])("malformed JSON (%s): exit 1, names the file, no stack trace", (name) => {
    const r = cli(["validate", file(name)]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`${file(name)}: /: is not valid JSON`)).toBe(true);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expectNoStackTrace(r);
  });

  it("JSON that is not an object: exit 1 at the root pointer", () => {
    const r = cli(["validate", file("array.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("array.json")}: /: must be a JSON object`);
  });

  it("a file that starts with a UTF-8 byte order mark is read as JSON", () => {
    const r = cli(["validate", file("bom.json")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("a file name with a space", () => {
    expect(cli(["validate", file("with space.json")]).stdout).toBe(`${file("with space.json")}: ok\n`);
  });

  // root reads any file whatever its mode, so this can only be checked as another user.
  it.skipIf(process.getuid?.() === 0)("a file that cannot be read: exit 1, no stack trace", () => {
    const locked = file("locked.json");
    writeFileSync(locked, JSON.stringify(SIMPLE_TARIFF));
    chmodSync(locked, 0o000);
    const r = cli(["validate", locked]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${locked}: /: permission denied`);
    expectNoStackTrace(r);
  });
});

describe("standard input", () => {
  it("`validate -` reads the tariff from standard input and calls it <stdin>", () => {
    const r = cli(["validate", "-"], readFileSync(ATHENS, "utf8"));
    expect(r).toEqual({ code: 0, stdout: "<stdin>: ok\n", stderr: "" });
  });

  it("problems in standard input are named <stdin>", () => {
    const r = cli(["validate", "-"], JSON.stringify(BAD_TARIFF));
    expect(r.code).toBe(1);
    for (const line of r.stderr.trimEnd().split("\n")) expect(line).toMatch(/^<stdin>: \/\S+: /);
  });

  it("empty and malformed standard input are named <stdin> too", () => {
    expect(cli(["validate", "-"], "").stderr.trim()).toBe("<stdin>: /: is empty; expected a JSON object");
    expect(cli(["validate", "-"], "{").stderr).toMatch(/^<stdin>: \/: is not valid JSON/);
  });

  it("`price tariff -` reads the session from standard input", () => {
    const r = cli(["price", file("simple.json"), "-", "--json"], JSON.stringify(SIMPLE_SESSION));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("4.00");
  });

  it("`price - session` reads the tariff from standard input", () => {
    const r = cli(["price", "-", file("session.json"), "--json"], JSON.stringify(SIMPLE_TARIFF));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tariffId).toBe("gr-test-simple");
  });
});

describe("price", () => {
  it("prints a table with the lines and the totals of the bundled example", () => {
    const r = cli(["price", ATHENS, EVENING]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("gr-athens-dc-150");
    expect(r.stdout).toContain("gr-evening-1");
    expect(r.stdout).toMatch(/^energy\s.*\s16 kWh\s+0\.49\s.*7\.84$/m);
    expect(r.stdout).toMatch(/^energy\s.*\s32 kWh\s+0\.59\s.*18\.88$/m);
    expect(r.stdout).toMatch(/^flat\s.*0\.50$/m);
    expect(r.stdout).toMatch(/^Total net \d+\.\d\d\s+tax \d+\.\d\d\s+gross 31\.22 EUR$/m);
  });

  it("the table's totals are the JSON receipt's totals", () => {
    const json = JSON.parse(cli(["price", ATHENS, EVENING, "--json"]).stdout);
    const table = cli(["price", ATHENS, EVENING]).stdout;
    expect(table).toContain(`Total net ${json.totals.net}  tax ${json.totals.tax}  gross ${json.totals.gross} EUR`);
  });

  it("--json prints one JSON receipt with lines and totals that add up", () => {
    const r = cli(["price", ATHENS, EVENING, "--json"]);
    expect(r.code).toBe(0);
    const receipt = JSON.parse(r.stdout);
    expect(receipt.tariffId).toBe("gr-athens-dc-150");
    expect(receipt.currency).toBe("EUR");
    expect(receipt.totals.gross).toBe("31.22");
    expect(Array.isArray(receipt.lines)).toBe(true);
    expect(receipt.lines.length).toBeGreaterThan(0);
    for (const line of receipt.lines) {
      expect(["energy", "time", "idle", "flat", "minimum", "maximum", "rounding", "excise"]).toContain(line.component);
      expect(line.from).toMatch(/Z$/);
      expect(line.to).toMatch(/Z$/);
    }
    const sumNet = receipt.lines.reduce((s: number, l: { net: string }) => s + cents(l.net), 0);
    const sumTax = receipt.taxes.reduce((s: number, t: { amount: string }) => s + cents(t.amount), 0);
    expect(sumNet).toBe(cents(receipt.totals.net));
    expect(sumTax).toBe(cents(receipt.totals.tax));
    expect(cents(receipt.totals.net) + cents(receipt.totals.tax)).toBe(cents(receipt.totals.gross));
  });

  it("--json may come before the files", () => {
    const r = cli(["price", "--json", file("simple.json"), file("session.json")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.gross).toBe("4.00");
  });

  it("prices a tariff and session of our own exactly", () => {
    const receipt = JSON.parse(cli(["price", file("simple.json"), file("session.json"), "--json"]).stdout);
    expect(receipt.totals.gross).toBe("4.00");
    const energy = receipt.lines.find((l: { component: string }) => l.component === "energy");
    expect(energy).toMatchObject({ quantity: "10", unit: "kWh", unitPrice: "0.30", gross: "3.00", from: "2026-05-10T10:00:00Z", to: "2026-05-10T11:00:00Z" });
    expect(receipt.lines.find((l: { component: string }) => l.component === "flat")).toMatchObject({ gross: "1.00" });
  });

  it("a session before the tariff's validFrom: exit 1, names the session file and /start", () => {
    const r = cli(["price", file("simple.json"), file("early.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(`${file("early.json")}: /start: is before the tariff's validFrom (2026-01-01T00:00:00+02:00)`);
    expectNoStackTrace(r);
  });

  it("a session at the tariff's validTo: exit 1, names the session file", () => {
    const r = cli(["price", file("simple.json"), file("late.json"), "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${file("late.json")}: /start: is at or after the tariff's validTo`);
  });

  it("a bad session: exit 1, every problem named with the session file", () => {
    const r = cli(["price", file("simple.json"), file("bad-session.json")]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines).toContain(`${file("bad-session.json")}: /payment: must be "card", "app" or "cash"`);
    expect(lines).toContain(`${file("bad-session.json")}: /end: must not be before start`);
  });

  it("a bad tariff: exit 1, named with the tariff file, the session not blamed", () => {
    const r = cli(["price", file("bad-tariff.json"), file("session.json")]);
    expect(r.code).toBe(1);
    for (const line of r.stderr.trimEnd().split("\n")) expect(line.startsWith(`${file("bad-tariff.json")}: /`)).toBe(true);
  });

  it("a missing session file: exit 1, no such file", () => {
    const r = cli(["price", ATHENS, file("nope.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("nope.json")}: /: no such file`);
  });

  // Issue 15: a document of another kind says which command to use instead of its schema problems.
  it("tariff and session swapped: exit 1, says the session is not a tariff and which order to use, no crash", () => {
    const r = cli(["price", EVENING, ATHENS]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${EVENING}: /: this is an ev-tariff session, not a tariff; the tariff comes first: \`ev-tariff price <tariff> <session>\``);
    expectNoStackTrace(r);
  });
});

describe("explain", () => {
  it("text: which rate applied when, the skipped rates and why, the rounding", () => {
    const r = cli(["explain", ATHENS, EVENING]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Europe/Athens");
    expect(r.stdout).toContain("energy: /energy/2 at 0.49");
    expect(r.stdout).toContain("energy: /energy/0 at 0.59");
    expect(r.stdout).toMatch(/\/energy\/0 skipped: timeOfDay 17:00.21:00: local time was 16:40/);
    expect(r.stdout).toContain("Flat fee at session start: /flat/0");
    expect(r.stdout).toMatch(/Rounding: halfAwayFromZero/);
  });

  it("--json: the receipt and the trace", () => {
    const r = cli(["explain", ATHENS, EVENING, "--json"]);
    expect(r.code).toBe(0);
    const explanation = JSON.parse(r.stdout);
    expect(explanation.receipt.totals.gross).toBe("31.22");
    expect(explanation.timeZone).toBe("Europe/Athens");
    expect(explanation.taxDate).toBe("2026-11-20");
    expect(Array.isArray(explanation.intervals)).toBe(true);
    expect(explanation.intervals.length).toBeGreaterThan(0);
    expect(explanation.receipt).toEqual(JSON.parse(cli(["price", ATHENS, EVENING, "--json"]).stdout));
  });

  it("a session outside the tariff's validity: exit 1, session file named", () => {
    const r = cli(["explain", file("simple.json"), file("early.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file("early.json")}: /start: is before the tariff's validFrom`);
    expectNoStackTrace(r);
  });
});

// ---- as a real process -------------------------------------------------------------------------

describe("dist/cli.js as a process", () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it first with \`npm run build\` (or \`npx tsup\`)`);
  });

  it("--version prints the package version", () => {
    const r = cliProcess(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  });

  it("price prints the same table as the in-process CLI, whatever the host TZ", () => {
    const r = cliProcess(["price", ATHENS, EVENING]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(cli(["price", ATHENS, EVENING]).stdout);
    expect(r.stdout).toContain("gross 31.22 EUR");
  });

  it("price --json reads the session from standard input", () => {
    const r = cliProcess(["price", file("simple.json"), "-", "--json"], JSON.stringify(SIMPLE_SESSION));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals).toMatchObject({ gross: "4.00" });
  });

  it("malformed JSON: exit 1, file named, no stack trace", () => {
    const r = cliProcess(["validate", file("malformed.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^${escape(file("malformed.json"))}: /: is not valid JSON`));
    expectNoStackTrace(r);
  });

  it("a missing file: exit 1, no stack trace", () => {
    const r = cliProcess(["price", file("nope.json"), EVENING]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file("nope.json")}: /: no such file`);
    expectNoStackTrace(r);
  });

  it("a bad tariff: exit 1 with pointer lines", () => {
    const r = cliProcess(["validate", file("bad-tariff.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file("bad-tariff.json")}: /energy/0/prize: is not a known field`);
  });

  it("a session outside validity: exit 1, session file named", () => {
    const r = cliProcess(["price", file("simple.json"), file("late.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file("late.json")}: /start:`);
    expectNoStackTrace(r);
  });

  it("usage errors exit 2", () => {
    expect(cliProcess([]).code).toBe(2);
    expect(cliProcess(["frobnicate"]).code).toBe(2);
    const r = cliProcess(["price", "-", "-"]);
    expect(r.code).toBe(2);
    expectNoStackTrace(r);
  });
});

/** Escapes a string for use inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
