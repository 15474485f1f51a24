import { writeFileSync } from "node:fs";
import { convertTariff, FORMATS, type TariffFormat } from "../interop/convert.js";
import { TariffError } from "../schema/errors.js";
import { displayName, InputError, parseCommandArgs, readJson, UsageError } from "./io.js";
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
  --strict             exit 1 when the conversion is not exact (any warning)

The converted tariff is printed as JSON; what does not convert exactly is printed on standard
error as "file: warning: /pointer: message". Invalid input: exit 1 with "file: /pointer: message".`;

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
      });
  if (values.help) {
    io.stdout(CONVERT_HELP);
    return 0;
  }
  const from = format(values.from, "--from");
  const to = format(values.to, "--to");
  if (positionals.length !== 1) throw new UsageError("convert needs one tariff file (or - for standard input)");
  if (values["tax-date"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["tax-date"])) throw new UsageError("--tax-date must be a date YYYY-MM-DD");
  const file = positionals[0]!;
  const doc = readJson(file, io.stdin);
  let result;
  try {
    result = convertTariff(doc, from, to, {
      ...(values.market ? { market: values.market } : {}),
      ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}),
      ...(values["party-id"] ? { partyId: values["party-id"] } : {}),
      ...(values["country-code"] ? { countryCode: values["country-code"] } : {}),
      ...(values["last-updated"] ? { lastUpdated: values["last-updated"] } : {}),
      ...(values["tax-date"] ? { taxDate: values["tax-date"] } : {}),
    });
  } catch (e) {
    if (e instanceof TariffError) throw new InputError(displayName(file), e.issues);
    throw e;
  }
  printWarnings(result.warnings, (w) => (w.document === "v1" ? `${displayName(file)} (as v1)` : displayName(file)), io);
  const text = JSON.stringify(result.document, null, 2);
  if (values.output) {
    try {
      writeFileSync(values.output, text + "\n");
    } catch (e) {
      throw new InputError(values.output, [{ path: "", message: `cannot be written (${(e as NodeJS.ErrnoException).code ?? "error"})` }]);
    }
  } else io.stdout(text);
  return values.strict && result.warnings.length ? 1 : 0;
}
