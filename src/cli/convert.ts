import { writeFileSync } from "node:fs";
import { checkConversion, convertTariff, FORMATS, type ConversionCheck, type ConvertOptions, type ConvertResult, type TariffFormat } from "../interop/convert.js";
import { TariffError } from "../schema/errors.js";
import { displayName, InputError, jsonText, parseCommandArgs, readJson, UsageError, wrongCount } from "./io.js";
import { wrongKindHint } from "./kinds.js";
import type { CliIO } from "./main.js";
import { printWarnings } from "./ocpi.js";

export const CONVERT_HELP = `ev-tariff convert — convert a tariff between v1, OCPI 2.2.1, OCPI 2.3.0 and OCPP 2.1

Usage:
  ev-tariff convert [--from F] [--to F] [options] <tariff.json | ->

Formats (F): ${FORMATS.join(", ")} (each defaults to v1).
Options:
  --market CC          market for formats that name none (OCPP) or instead of OCPI's country_code
  --time-zone Zone     zone of the tariff's local times (OCPI and OCPP tariffs carry none)
  --party-id ID        OCPI party_id to write (default XXX)
  --country-code CC    OCPI country_code to write (default: the market's country)
  --last-updated T     OCPI last_updated to write (default: now)
  --tax-date D         local date whose market-table taxes are written (v1 tariffs without taxes)
  -o, --output FILE    write there instead of standard output
  --strict             exit 1 when the conversion is not exact (any warning, or a price that changes)

The converted tariff is printed as JSON. On standard error, first one line says whether the price
changes: five probe sessions (night, morning, midday, evening, an overnight weekend stay; from
--tax-date, else the tariff's validFrom, else today) are priced with the tariff as read and with
the converted document read back, "file: prices identical (5 probe sessions)" or
"file: prices differ: <probe>: <before> → <after>; …". Then what does not convert exactly, as
"file: warning: /pointer: message". Invalid input: exit 1 with "file: /pointer: message".

Examples:
  ev-tariff convert --to ocpi-2.2.1 tariffs/gr/athens-dc-150.json -o athens.ocpi.json
  ev-tariff convert --from ocpi-2.2.1 --time-zone Europe/Athens athens.ocpi.json`;

/** The one line that says whether the conversion changes prices. */
export function priceSummary(check: ConversionCheck): string {
  if (check.identical) return `prices identical (${check.probes.length} probe sessions)`;
  const changed = check.probes.filter((p) => p.before !== p.after);
  const change = (before: string, after: string) => {
    const unit = / [A-Z]{3}$/.exec(before)?.[0];
    return unit && after.endsWith(unit) ? `${before.slice(0, -unit.length)} → ${after}` : `${before} → ${after}`;
  };
  return `prices differ: ${changed.map((p) => `${p.probe}: ${change(p.before, p.after)}`).join("; ")}`;
}

function probeLine(result: ConvertResult, to: TariffFormat, options: ConvertOptions): { line: string; differ: boolean } {
  try {
    const check = checkConversion(result, to, options);
    return { line: priceSummary(check), differ: !check.identical };
  } catch (e) {
    const why = e instanceof TariffError ? `${e.issues[0]?.path || "/"}: ${e.issues[0]?.message}` : (e as Error).message;
    return { line: `prices not compared: the converted tariff does not read back (${why})`, differ: true };
  }
}

function format(value: string | undefined, flag: string): TariffFormat {
  if (value === undefined) return "v1";
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${FORMATS.join(", ")} (got "${value}")`);
  return value as TariffFormat;
}

/** `ev-tariff convert`. */
export function commandConvert(argv: readonly string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(argv, {
        from: { type: "string" },
        to: { type: "string" },
        market: { type: "string" },
        "time-zone": { type: "string" },
        "party-id": { type: "string" },
        "country-code": { type: "string" },
        "last-updated": { type: "string" },
        "tax-date": { type: "string" },
        output: { type: "string", short: "o" },
        strict: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      }, "convert");
  if (values.help) {
    io.stdout(CONVERT_HELP);
    return 0;
  }
  const from = format(values.from, "--from");
  const to = format(values.to, "--to");
  if (positionals.length !== 1) throw wrongCount("convert", ["tariff, or - for standard input"], positionals);
  if (values["tax-date"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["tax-date"])) throw new UsageError("--tax-date must be a date YYYY-MM-DD");
  const file = positionals[0]!;
  const doc = readJson(file, io.stdin);
  const hint = wrongKindHint(doc, "convert", from);
  if (hint) throw new InputError(displayName(file), [{ path: "", message: hint }]);
  const options: ConvertOptions = {
    ...(values.market ? { market: values.market } : {}),
    ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}),
    ...(values["party-id"] ? { partyId: values["party-id"] } : {}),
    ...(values["country-code"] ? { countryCode: values["country-code"] } : {}),
    ...(values["last-updated"] ? { lastUpdated: values["last-updated"] } : {}),
    ...(values["tax-date"] ? { taxDate: values["tax-date"] } : {}),
  };
  let result;
  try {
    result = convertTariff(doc, from, to, options);
  } catch (e) {
    if (e instanceof TariffError) throw new InputError(displayName(file), e.issues);
    throw e;
  }
  const probe = probeLine(result, to, options);
  io.stderr(`${displayName(file)}: ${probe.line}`);
  printWarnings(result.warnings, (w) => (w.document === "v1" ? `${displayName(file)} (as v1)` : displayName(file)), io);
  const text = jsonText(result.document);
  if (values.output) {
    try {
      writeFileSync(values.output, text + "\n");
    } catch (e) {
      throw new InputError(values.output, [{ path: "", message: `cannot be written (${(e as NodeJS.ErrnoException).code ?? "error"})` }]);
    }
  } else io.stdout(text);
  return values.strict && (result.warnings.length || probe.differ) ? 1 : 0;
}
