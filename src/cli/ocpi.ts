import { DocumentError, type Warning } from "../interop/common.js";
import { checkCdr, priceCdr, COST_FIELDS, type CdrMismatch, type CdrPricing, type CostField } from "../interop/ocpi/cdr.js";
import type { OcpiPrice221, OcpiPrice230 } from "../interop/ocpi/model.js";
import { TariffError } from "../schema/errors.js";
import { Dec } from "../money/decimal.js";
import { checkStdinOnce, displayName, InputError, jsonText, parseCommandArgs, readJson, UsageError, wrongCount } from "./io.js";
import { wrongKindHint } from "./kinds.js";
import type { CliIO } from "./main.js";

export const OCPI_HELP = `ev-tariff ocpi — price and check OCPI charge records (CDRs)

Usage:
  ev-tariff ocpi price <tariff.json> <cdr.json> [--json] [--time-zone Zone] [--market CC]
  ev-tariff ocpi check <tariff.json> <cdr.json> [--json] [--time-zone Zone] [--market CC] [--absent-as-zero]

price computes the CDR's total_cost, total_energy_cost, total_time_cost, total_parking_cost,
total_fixed_cost and total_reservation_cost from its charging periods with the OCPI tariff
(2.2.1 or 2.3.0), rounded to 4 decimals. check also compares them with the totals the CDR states
and exits 1 on a mismatch, naming the field and both amounts at the same decimals (4, or more when
the CDR gives more): "the CDR says 0.4300, the tariff gives 0.4402".
A total the CDR leaves out (optional in OCPI: the breakdown costs, total_parking_time, incl_vat)
is not compared, and check says which; --absent-as-zero expects 0 for a left-out cost total or
total_parking_time instead.
The tariff's local times are read in the CDR location's time_zone, else --time-zone, else UTC.

Examples:
  ev-tariff ocpi price ocpi-tariff.json cdr.json --time-zone Europe/Amsterdam
  ev-tariff ocpi check ocpi-tariff.json cdr.json --json`;

/**
 * Both amounts of a mismatch with the same number of decimals, for the text and --json alike: the 4
 * the comparison is made at, or the charge record's own when it gives more (nothing it wrote is
 * hidden or rounded).
 *
 * @example
 * sameDecimals({ field: "total_cost.excl_vat", cdr: "0.43", computed: "0.5502" })
 * // { field: "total_cost.excl_vat", cdr: "0.4300", computed: "0.5502" }
 */
export function sameDecimals(m: CdrMismatch): CdrMismatch {
  const a = new Dec(m.cdr);
  const b = new Dec(m.computed);
  const places = Math.max(4, a.decimalPlaces(), b.decimalPlaces());
  return { ...m, cdr: a.toFixed(places), computed: b.toFixed(places) };
}

/** Prints warnings as `file: warning: /pointer: message`. */
export function printWarnings(warnings: readonly Warning[], fileOf: (w: Warning) => string, io: CliIO): void {
  for (const w of warnings) io.stderr(`${fileOf(w)}: warning: ${w.path || "/"}: ${w.message}`);
}

function amounts(p: OcpiPrice221 | OcpiPrice230): [string, string] {
  if ("excl_vat" in p) return [p.excl_vat.toFixed(4), (p.incl_vat ?? p.excl_vat).toFixed(4)];
  const taxes = (p.taxes ?? []).reduce((acc, t) => acc + Math.round(t.amount * 10_000), 0);
  return [p.before_taxes.toFixed(4), ((Math.round(p.before_taxes * 10_000) + taxes) / 10_000).toFixed(4)];
}

function formatPricing(p: CdrPricing): string {
  const rows: CostField[] = [...COST_FIELDS.filter((f) => f !== "total_cost"), "total_cost"];
  const head = p.version === "2.2.1" ? ["excl_vat", "incl_vat"] : ["before_taxes", "after_taxes"];
  const lines = [
    `OCPI ${p.version} totals for tariff ${p.tariffId} (${p.currency}), local times in ${p.timeZone}`,
    `${"".padEnd(24)}${head[0]!.padStart(14)}${head[1]!.padStart(14)}`,
    ...rows.map((f) => {
      const [e, i] = amounts(p.totals[f]);
      return `${f.padEnd(24)}${e.padStart(14)}${i.padStart(14)}`;
    }),
    `total_energy ${p.total_energy} kWh, total_time ${p.total_time} h, total_parking_time ${p.total_parking_time} h`,
  ];
  if (p.limit) lines.push(`total_cost is limited by the tariff's ${p.limit}`);
  return lines.join("\n");
}

/** `ev-tariff ocpi price|check`. */
export function commandOcpi(argv: readonly string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(argv, {
        json: { type: "boolean" },
        "time-zone": { type: "string" },
        market: { type: "string" },
        "absent-as-zero": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      }, "ocpi");
  if (values.help) {
    io.stdout(OCPI_HELP);
    return 0;
  }
  const [sub, ...files] = positionals;
  if (sub !== "price" && sub !== "check") throw new UsageError(sub ? `unknown ocpi command "${sub}" (price or check)` : "ocpi needs a command: price or check");
  if (files.length !== 2) throw wrongCount(`ocpi ${sub}`, ["OCPI tariff", "charge record"], files);
  if (values["absent-as-zero"] && sub !== "check") throw new UsageError("--absent-as-zero is an option of ocpi check");
  checkStdinOnce(files);
  const [tariffFile, cdrFile] = files as [string, string];
  const tariff = readJson(tariffFile, io.stdin);
  const tariffHint = wrongKindHint(tariff, "ocpi-tariff");
  if (tariffHint) throw new InputError(displayName(tariffFile), [{ path: "", message: tariffHint }]);
  const cdr = readJson(cdrFile, io.stdin);
  const cdrHint = wrongKindHint(cdr, "ocpi-cdr");
  if (cdrHint) throw new InputError(displayName(cdrFile), [{ path: "", message: cdrHint }]);
  const options = { ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}), ...(values.market ? { market: values.market } : {}) };
  const fileOf = (doc: string | undefined) => displayName(doc === "tariff" ? tariffFile : cdrFile);
  try {
    if (sub === "price") {
      const p = priceCdr(tariff, cdr, options);
      printWarnings(p.warnings, (w) => fileOf(w.document), io);
      if (values.json) {
        const { totals, warnings, ...rest } = p;
        io.stdout(jsonText({ ...rest, ...totals, warnings }));
      } else io.stdout(formatPricing(p));
      return 0;
    }
    const { pricing, mismatches, notCompared } = checkCdr(tariff, cdr, { ...options, ...(values["absent-as-zero"] ? { absentAsZero: true } : {}) });
    printWarnings(pricing.warnings, (w) => fileOf(w.document), io);
    const shown = mismatches.map(sameDecimals);
    if (values.json) io.stdout(jsonText({ ok: mismatches.length === 0, mismatches: shown, notCompared, pricing }));
    else {
      const name = displayName(cdrFile);
      if (!mismatches.length) io.stdout(`${name}: ok (the totals it states agree with tariff ${pricing.tariffId} at 4 decimals)`);
      if (notCompared.length) io.stdout(`${name}: not compared (the CDR does not state them): ${notCompared.join(", ")}`);
    }
    for (const m of shown) io.stderr(`${displayName(cdrFile)}: /${m.field.replace(".", "/")}: the CDR says ${m.cdr}, the tariff gives ${m.computed}`);
    return mismatches.length ? 1 : 0;
  } catch (e) {
    if (e instanceof DocumentError) throw new InputError(fileOf(e.document), e.issues);
    if (e instanceof TariffError) throw new InputError(displayName(tariffFile), e.issues);
    throw e;
  }
}
