import { readFileSync } from "node:fs";
import { explainSession } from "../receipt/explain.js";
import { formatExplanation } from "../receipt/explain-text.js";
import { formatReceipt } from "../receipt/receipt-text.js";
import { priceSession } from "../price/price-session.js";
import { safeParseSession } from "../schema/parse-session.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import { TariffError } from "../schema/errors.js";
import type { Session, Tariff } from "../schema/types.js";
import { checkStdinOnce, displayName, InputError, parseCommandArgs, readJson, UsageError } from "./io.js";
import { formatMarkets } from "./markets.js";
import { runBatch } from "./batch.js";
import { commandOcpi } from "./ocpi.js";
import { commandConvert } from "./convert.js";

declare const __VERSION__: string | undefined;

const HELP = `ev-tariff — exact, explainable prices for EV charging sessions

Usage:
  ev-tariff validate <tariff.json…>              check tariff files; one line per problem
  ev-tariff price <tariff> <session> [--json]    print the receipt (a table, or exact JSON)
  ev-tariff explain <tariff> <session> [--json]  show which rate applied when, and every rounding
  ev-tariff markets [--json]                     every market and region: currency, zones, taxes and sources
  ev-tariff batch <tariff|folder> <sessions.ndjson|-> [--workers N] [--out file]
                                                 price NDJSON sessions in bulk (see batch --help)
  ev-tariff ocpi price|check <tariff> <cdr>      price an OCPI charge record / compare with its totals
  ev-tariff convert --from F --to F <tariff>     v1, ocpi-2.2.1, ocpi-2.3.0, ocpp-2.1 (see convert --help)
  ev-tariff --help | --version

A file argument of "-" reads standard input (at most one per command).
Exit codes: 0 ok, 1 invalid input (file, JSON pointer and problem printed), 2 usage error.`;

/** What the CLI needs from the outside world; tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
}

const nodeIO: CliIO = {
  stdout: (t) => process.stdout.write(t + "\n"),
  stderr: (t) => process.stderr.write(t + "\n"),
  stdin: () => readFileSync(0, "utf8"),
};

function version(): string {
  if (typeof __VERSION__ === "string") return __VERSION__;
  // dist/cli.js is one level below package.json; src/cli/main.ts (tsx, tests) is two.
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "ev-tariff" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next place
    }
  }
  return "unknown";
}

function loadTariff(file: string, io: CliIO): Tariff {
  const result = safeParseTariff(readJson(file, io.stdin));
  if (!result.ok) throw new InputError(displayName(file), result.issues);
  return result.value;
}

function loadSession(file: string, io: CliIO): Session {
  const result = safeParseSession(readJson(file, io.stdin));
  if (!result.ok) throw new InputError(displayName(file), result.issues);
  return result.value;
}

function commandValidate(files: readonly string[], io: CliIO): number {
  if (files.length === 0) throw new UsageError("validate needs at least one tariff file");
  checkStdinOnce(files);
  let bad = 0;
  for (const file of files) {
    try {
      loadTariff(file, io);
      io.stdout(`${displayName(file)}: ok`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      io.stderr(e.message);
    }
  }
  return bad ? 1 : 0;
}

function commandPrice(kind: "price" | "explain", files: readonly string[], json: boolean, io: CliIO): number {
  if (files.length !== 2) throw new UsageError(`${kind} needs a tariff file and a session file`);
  checkStdinOnce(files);
  const [tariffFile, sessionFile] = files as [string, string];
  const tariff = loadTariff(tariffFile, io);
  const session = loadSession(sessionFile, io);
  try {
    if (kind === "price") {
      const receipt = priceSession(tariff, session);
      io.stdout(json ? JSON.stringify(receipt, null, 2) : formatReceipt(receipt));
    } else {
      const explanation = explainSession(tariff, session);
      io.stdout(json ? JSON.stringify(explanation, null, 2) : formatExplanation(explanation));
    }
  } catch (e) {
    if (e instanceof TariffError) throw new InputError(displayName(sessionFile), e.issues);
    throw e;
  }
  return 0;
}

/**
 * Runs the CLI with arguments (without node and script) and returns the exit code.
 *
 * @example
 * run(["price", "tariffs/gr/athens-dc-150.json", "tariffs/gr/sessions/evening-fast-charge.json"])
 */
/**
 * Runs any command, `batch` included (it streams, so it answers with a promise of the exit code).
 *
 * @example
 * await runCli(["batch", "tariffs/gr/athens-dc-150.json", "sessions.ndjson"])
 */
export function runCli(argv: readonly string[], io: CliIO = nodeIO): number | Promise<number> {
  return argv[0] === "batch" ? runBatch(argv.slice(1)) : run(argv, io);
}

export function run(argv: readonly string[], io: CliIO = nodeIO): number {
  try {
    if (argv[0] === "ocpi") return commandOcpi(argv.slice(1), io);
    if (argv[0] === "convert") return commandConvert(argv.slice(1), io);
    const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version) {
      io.stdout(version());
      return 0;
    }
    const [command, ...rest] = positionals;
    switch (command) {
      case "validate":
        if (values.json) throw new UsageError("validate has no --json option");
        return commandValidate(rest, io);
      case "price":
      case "explain":
        return commandPrice(command, rest, values.json ?? false, io);
      case "batch":
        throw new UsageError("batch streams its input: run it through the ev-tariff binary (runCli)");
      case "markets":
        if (rest.length) throw new UsageError("markets takes no files");
        io.stdout(formatMarkets(values.json ?? false));
        return 0;
      case undefined:
        throw new UsageError("no command given");
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(e.message);
      return 1;
    }
    if (e instanceof UsageError) {
      io.stderr(`ev-tariff: ${e.message}\nRun "ev-tariff --help" for usage.`);
      return 2;
    }
    io.stderr(`ev-tariff: internal error: ${(e as Error)?.message ?? String(e)} (please report this)`);
    return 3;
  }
}
