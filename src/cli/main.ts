import { explainSession } from "../receipt/explain.js";
import { formatExplanation } from "../receipt/explain-text.js";
import { formatReceipt } from "../receipt/receipt-text.js";
import { priceSession, type PriceOptions } from "../price/price-session.js";
import { safeParseSession } from "../schema/parse-session.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import { TariffError, type Issue } from "../schema/errors.js";
import type { Session, Tariff } from "../schema/types.js";
import { renderReceipt } from "../text/render-receipt.js";
import { LANGS } from "../text/phrases.js";
import { readTariff } from "../interop/convert.js";
import { Notes } from "../interop/common.js";
import { detectOcpiVersion, readOcpiCdr } from "../interop/ocpi/model.js";
import { checkStdinOnce, displayName, exitCodeFor, InputError, jsonText, parseCommandArgs, printable, readJson, readStdin, UsageError, wrongCount } from "./io.js";
import { formatMarkets, MARKETS_HELP } from "./markets.js";
import { BATCH_HELP, runBatch } from "./batch.js";
import { COMPARE_HELP, runCompare } from "./compare.js";
import { commandLint } from "./lint.js";
import { commandOcpi, printWarnings } from "./ocpi.js";
import { commandConvert } from "./convert.js";
import { detectKind, KINDS, kindName, wrongKindHint, type DocKind } from "./kinds.js";
import { EXPLAIN_HELP, HELP, PRICE_HELP, VALIDATE_HELP } from "./help.js";
import { version } from "./version.js";
import { scaleCli, WORKER_HELP } from "./scale-load.js";
import { cliIssues, exchangeOptions, maxSessionDays } from "./pricing-options.js";

/** What the CLI needs from the outside world; tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input: its bytes (read with the size limit) or its text. */
  readonly stdin: () => string | Uint8Array;
}

const nodeIO: CliIO = {
  stdout: (t) => process.stdout.write(t + "\n"),
  stderr: (t) => process.stderr.write(t + "\n"),
  stdin: readStdin,
};

/** Everything printed goes through `printable`: no raw control bytes reach the terminal. */
function safeIO(io: CliIO): CliIO {
  return { stdout: (t) => io.stdout(printable(t, "\n\t")), stderr: (t) => io.stderr(printable(t, "\n\t")), stdin: io.stdin };
}

function wrongKind(file: string, doc: unknown, slot: Parameters<typeof wrongKindHint>[1]): void {
  const hint = wrongKindHint(doc, slot);
  if (hint) throw new InputError(displayName(file), [{ path: "", message: hint }]);
}

function loadTariff(file: string, io: CliIO): Tariff {
  const doc = readJson(file, io.stdin);
  wrongKind(file, doc, "price-tariff");
  const result = safeParseTariff(doc);
  if (!result.ok) throw new InputError(displayName(file), result.issues);
  return result.value;
}

function loadSession(file: string, io: CliIO, maxDays: number | undefined): Session {
  const doc = readJson(file, io.stdin);
  wrongKind(file, doc, "price-session");
  const result = safeParseSession(doc, maxDays === undefined ? {} : { maxSessionDays: maxDays });
  if (!result.ok) throw new InputError(displayName(file), cliIssues(result.issues, doc));
  return result.value;
}

const VALIDATE_OPTIONS = {
  kind: { type: "string" },
  "max-session-days": { type: "string" },
  market: { type: "string" },
  "time-zone": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Checks one document as `kind`; returns the warnings to print (errors are thrown). */
function validateDocument(file: string, doc: unknown, kind: DocKind, options: { maxDays?: number; market?: string; timeZone?: string }): readonly { path: string; message: string }[] {
  const fail = (issues: readonly Issue[]) => {
    throw new InputError(displayName(file), issues);
  };
  const read = { ...(options.market ? { market: options.market } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  try {
    switch (kind) {
      case "tariff": {
        const r = safeParseTariff(doc);
        if (!r.ok) fail(r.issues);
        return [];
      }
      case "session": {
        const r = safeParseSession(doc, options.maxDays === undefined ? {} : { maxSessionDays: options.maxDays });
        if (!r.ok) fail(cliIssues(r.issues, doc));
        return [];
      }
      case "ocpi-tariff":
        return readTariff(doc, detectOcpiVersion(doc) === "2.3.0" ? "ocpi-2.3.0" : "ocpi-2.2.1", read).warnings;
      case "ocpp-tariff":
        return readTariff(doc, "ocpp-2.1", read).warnings;
      case "ocpi-cdr": {
        const notes = new Notes("charge record");
        readOcpiCdr(doc, notes);
        notes.check("charge record");
        return notes.warnings;
      }
    }
  } catch (e) {
    if (e instanceof TariffError) fail(e.issues);
    throw e;
  }
}

function commandValidate(argv: readonly string[], io: CliIO): number {
  const { values, positionals: files } = parseCommandArgs(argv, VALIDATE_OPTIONS, "validate");
  if (values.help) return help(VALIDATE_HELP, io);
  if (files.length === 0) throw wrongCount("validate", ["tariffs, sessions, OCPI or OCPP documents"], files, true);
  const forced = values.kind;
  if (forced !== undefined && !(KINDS as readonly string[]).includes(forced)) throw new UsageError(`--kind must be one of ${KINDS.join(", ")} (got "${forced}")`);
  const maxDays = maxSessionDays(values["max-session-days"]);
  checkStdinOnce(files);
  let bad = 0;
  for (const file of files) {
    try {
      const doc = readJson(file, io.stdin);
      const kind = (forced as DocKind | undefined) ?? detectKind(doc) ?? "tariff";
      const warnings = validateDocument(file, doc, kind, { ...(maxDays !== undefined ? { maxDays } : {}), ...(values.market ? { market: values.market } : {}), ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}) });
      printWarnings(warnings, () => displayName(file), io);
      io.stdout(`${displayName(file)}: ok${kind === "tariff" ? "" : ` (${kindName(kind, doc).replace(/^an? /, "")})`}`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      io.stderr(e.message);
    }
  }
  return bad ? 1 : 0;
}

const PRICE_OPTIONS = {
  json: { type: "boolean" },
  "max-session-days": { type: "string" },
  "ignore-validity": { type: "boolean" },
  currency: { type: "string" },
  rate: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** `--lang L`: a language (or locale) the driver receipt is written in. */
function langOption(lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(lang)[0];
  } catch {
    tag = undefined;
  }
  const base = tag?.split("-")[0]?.toLowerCase();
  if (!tag || !base || !(LANGS as readonly string[]).includes(base)) throw new UsageError(`--lang must be one of ${LANGS.join(", ")}, or a locale of one such as fr-BE (got "${lang}")`);
  return tag;
}

function commandPrice(kind: "price" | "explain", argv: readonly string[], io: CliIO): number {
  const { values, positionals: files } = parseCommandArgs(argv, PRICE_OPTIONS, kind);
  if (values.help) return help(kind === "price" ? PRICE_HELP : EXPLAIN_HELP, io);
  if (files.length !== 2) throw wrongCount(kind, ["tariff", "session"], files);
  const maxDays = maxSessionDays(values["max-session-days"]);
  const options: PriceOptions = { ...exchangeOptions(values), ...(values["ignore-validity"] ? { ignoreValidity: true } : {}) };
  const lang = langOption(values.lang);
  if (lang !== undefined && kind === "explain") throw new UsageError("explain writes in English only; --lang is for the driver receipt of `ev-tariff price`");
  if (lang !== undefined && values.json) throw new UsageError("--lang renders the driver receipt as text; --json prints the exact receipt, which has no language");
  checkStdinOnce(files);
  const [tariffFile, sessionFile] = files as [string, string];
  const tariff = loadTariff(tariffFile, io);
  const session = loadSession(sessionFile, io, maxDays);
  try {
    if (kind === "price") {
      const receipt = priceSession(tariff, session, options);
      io.stdout(values.json ? jsonText(receipt) : lang !== undefined ? renderReceipt(receipt, lang) : formatReceipt(receipt));
    } else {
      const explanation = explainSession(tariff, session, options);
      io.stdout(values.json ? jsonText(explanation) : formatExplanation(explanation));
    }
  } catch (e) {
    if (e instanceof TariffError) {
      if (/^invalid exchange options/.test(e.message)) throw new UsageError(e.issues.map((i) => `--${i.path.slice(1)} ${i.message}`).join("; "));
      throw new InputError(displayName(sessionFile), e.issues);
    }
    throw e;
  }
  return 0;
}

function commandMarkets(argv: readonly string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, "markets");
  if (values.help) return help(MARKETS_HELP, io);
  io.stdout(formatMarkets(values.json ?? false, positionals));
  return 0;
}

function help(text: string, io: CliIO): number {
  io.stdout(text);
  return 0;
}

/**
 * Runs any command, `batch` included (it streams, so it answers with a promise of the exit code).
 *
 * @example
 * await runCli(["batch", "tariffs/gr/athens-dc-150.json", "sessions.ndjson"])
 */
export function runCli(argv: readonly string[], io: CliIO = nodeIO): number | Promise<number> {
  if (argv[0] === "compare") return runCompare(argv.slice(1));
  if (argv[0] === "worker" && !argv.includes("--help") && !argv.includes("-h")) return scaleCli().then((m) => m.runWorker(argv.slice(1)));
  return argv[0] === "batch" ? runBatch(argv.slice(1)) : run(argv, io);
}

/**
 * Runs the CLI with arguments (without node and script) and returns the exit code: 0 ok, 1 bad
 * input (file, JSON pointer and problem printed), 2 usage error.
 *
 * @example
 * run(["price", "tariffs/gr/athens-dc-150.json", "tariffs/gr/sessions/evening-fast-charge.json"])
 */
const COMMANDS = ["validate", "lint", "price", "explain", "markets", "batch", "worker", "ocpi", "convert", "compare"];

export function run(args: readonly string[], rawIO: CliIO = nodeIO): number {
  const io = safeIO(rawIO);
  // Options before the command (`ev-tariff --json price t s`) belong to it.
  const at = args.findIndex((a) => COMMANDS.includes(a));
  const argv = at > 0 && args.slice(0, at).every((a) => a.startsWith("-") && a !== "--version" && a !== "-v") ? [args[at]!, ...args.slice(0, at), ...args.slice(at + 1)] : args;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "ocpi":
        return commandOcpi(rest, io);
      case "convert":
        return commandConvert(rest, io);
      case "validate":
        return commandValidate(rest, io);
      case "lint":
        return commandLint(rest, io);
      case "price":
      case "explain":
        return commandPrice(command, rest, io);
      case "markets":
        return commandMarkets(rest, io);
      case "compare":
        if (rest.includes("--help") || rest.includes("-h")) return help(COMPARE_HELP, io);
        throw new UsageError("compare streams its input: run it through the ev-tariff binary (runCli)");
      case "batch":
        if (rest.includes("--help") || rest.includes("-h")) return help(BATCH_HELP, io);
        throw new UsageError("batch streams its input: run it through the ev-tariff binary (runCli)");
      case "worker":
        if (rest.includes("--help") || rest.includes("-h")) return help(WORKER_HELP, io);
        throw new UsageError("worker runs until stopped: run it through the ev-tariff binary (runCli)");
    }
    const { values, positionals } = parseCommandArgs(argv, { help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } });
    if (values.help) return help(HELP, io);
    if (values.version) return help(version(), io);
    if (positionals[0] === undefined) throw new UsageError("no command given");
    throw new UsageError(`unknown command "${positionals[0]}" (validate, lint, price, explain, markets, batch, worker, ocpi, convert, compare)`);
  } catch (e) {
    const known = COMMANDS.includes(command ?? "");
    return exitCodeFor(e, io.stderr, `Run "${known ? `ev-tariff ${command} --help" for its options and an example, or "` : ""}ev-tariff --help" for usage.`);
  }
}
