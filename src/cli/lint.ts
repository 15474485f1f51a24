/** `ev-tariff lint <tariff…> [--json]`: findings beyond validity (src/lint, docs/lint.md). */
import { lintTariff, type LintFinding, type LintResult } from "../lint/index.js";
import { checkStdinOnce, displayName, InputError, jsonText, parseCommandArgs, readJson, UsageError, wrongCount } from "./io.js";
import { detectKind, kindName } from "./kinds.js";

/** What the command prints through; main.ts passes its own. */
interface LintIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string | Uint8Array;
}

export const LINT_HELP = `ev-tariff lint — findings beyond validity: rates that never apply, free hours, fees, price display rules

Usage:
  ev-tariff lint <tariff…> [--json] [--typical-session-kwh N] [--max-session-days N]

Checks each v1 tariff for what validate accepts but is likely wrong or breaks a price-display rule:
  rates that can never apply (earlier rates always apply first, a condition no session meets, days
  outside the rate's dates, dates outside validFrom/validTo), hours of the week a time-of-use table
  leaves free, an idle fee without a grace period, a maximum below the session fee, a session fee
  above a typical session's energy cost, and the market's price-transparency rules (EU: AFIR,
  Regulation (EU) 2023/1804 art. 5(4); US: NIST Handbook 44 §3.40). docs/lint.md lists every rule.
One line per finding: file: pointer: severity rule: message; then a count per file.
A tariff validate refuses prints its problems as validate does (on standard error).

Options:
  --json                      every finding as exact JSON (pointer, severity, rule, source, message)
  --typical-session-kwh N     the typical session for the start-fee-high rule (default 20 kWh)
  --max-session-days N        the longest session (default 31), for rates dated after validTo

Exit codes: 0 no errors (warnings and infos do not count), 1 an error (an invalid tariff, a maximum
below the session fee) or a file that cannot be read, 2 usage error.

Example:
  ev-tariff lint tariffs/gr/athens-dc-150.json tariffs/be/*.json
  ev-tariff lint --json my-tariff.json`;

const LINT_OPTIONS = {
  json: { type: "boolean" },
  "typical-session-kwh": { type: "string" },
  "max-session-days": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** One file's result, as `--json` prints it. */
type FileResult = { readonly file: string } & LintResult;

/**
 * Runs `ev-tariff lint`; returns the exit code.
 *
 * @example
 * commandLint(["tariffs/gr/athens-dc-150.json"], io) // 0
 */
export function commandLint(argv: readonly string[], io: LintIO): number {
  const { values, positionals: files } = parseCommandArgs(argv, LINT_OPTIONS, "lint");
  if (values.help) {
    io.stdout(LINT_HELP);
    return 0;
  }
  if (files.length === 0) throw wrongCount("lint", ["tariffs"], files, true);
  const typical = values["typical-session-kwh"];
  if (typical !== undefined && (!/^(0|[1-9]\d{0,5})(\.\d{1,6})?$/.test(typical) || /^0(\.0*)?$/.test(typical)))
    throw new UsageError(`--typical-session-kwh must be a positive number of kWh with at most 6 decimals, e.g. 20 (got "${typical}")`);
  const days = values["max-session-days"];
  if (days !== undefined && (!/^[1-9]\d{0,4}$/.test(days) || Number(days) > 36_500))
    throw new UsageError(`--max-session-days must be a whole number of days from 1 to 36500 (got "${days}")`);
  checkStdinOnce(files);
  const options = { ...(typical !== undefined ? { typicalSessionKWh: typical } : {}), ...(days !== undefined ? { maxSessionDays: Number(days) } : {}) };

  const results: FileResult[] = [];
  for (const file of files) {
    const name = displayName(file);
    let result: LintResult;
    try {
      const doc = readJson(file, io.stdin);
      const kind = detectKind(doc);
      if (kind !== undefined && kind !== "tariff") {
        const convert = kind === "ocpi-tariff" || kind === "ocpp-tariff" ? "; convert it to v1 first with `ev-tariff convert --to v1`" : "";
        throw new InputError(name, [{ path: "", message: `this is ${kindName(kind, doc)}, not an ev-tariff v1 tariff; lint reads v1 tariffs${convert}` }]);
      }
      result = lintTariff(doc, options);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      result = unreadable(e);
    }
    results.push({ file: name, ...result });
    if (!values.json) printText(name, result, io);
  }
  if (values.json) {
    const total = (k: "errors" | "warnings" | "infos") => results.reduce((n, r) => n + r[k], 0);
    io.stdout(jsonText({ files: results, errors: total("errors"), warnings: total("warnings"), infos: total("infos") }));
  }
  return results.some((r) => r.errors > 0) ? 1 : 0;
}

/** A file that is not JSON, or not a tariff at all: its problems as `invalid` errors. */
function unreadable(e: InputError): LintResult {
  const findings: LintFinding[] = e.issues.map((i) => ({ pointer: i.path, severity: "error", rule: "invalid", source: "ev-tariff", message: i.message }));
  return { id: null, valid: false, errors: findings.length, warnings: 0, infos: 0, findings };
}

function printText(name: string, r: LintResult, io: LintIO): void {
  if (!r.valid) {
    // As validate prints them.
    io.stderr(r.findings.map((f) => `${name}: ${f.pointer || "/"}: ${f.message}`).join("\n"));
    return;
  }
  for (const f of r.findings) io.stdout(`${name}: ${f.pointer || "/"}: ${f.severity} ${f.rule}: ${f.message}`);
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  io.stdout(r.findings.length === 0 ? `${name}: ok, no findings` : `${name}: ${n(r.errors, "error")}, ${n(r.warnings, "warning")}, ${n(r.infos, "info")}`);
}
