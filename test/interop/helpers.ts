import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject } from "ajv";
import formats from "ajv-formats";
import { OCPP21 } from "typed-ocpp";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * The peer OCPI conformance cases (read in place, never copied): OCPI_CONFORMANCE_DIR, relative to
 * the repository's root or absolute; by default ../shared/conformance/ocpi beside the clone. Only
 * `npm run test:conformance` (test/conformance/) reads them; it fails at once when the folder is missing.
 */
export const CONFORMANCE = resolve(ROOT, process.env.OCPI_CONFORMANCE_DIR || "../shared/conformance/ocpi");

const schemas = OCPP21.schemas as unknown as Record<string, { definitions: Record<string, unknown> }>;
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export arrives as the module under NodeNext.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as unknown as (a: Ajv) => void;
addFormats(ajv);
const setDefaultTariff = ajv.compile(schemas.SetDefaultTariffRequest!);
const costDetailsSchema = ajv.compile({ $ref: "#/definitions/CostDetailsType", definitions: schemas.TransactionEventRequest!.definitions });

/** Errors of an OCPP 2.1 TariffType, validated as the tariff of a SetDefaultTariffRequest (official schema). */
export function ocppTariffErrors(tariff: unknown): string[] {
  return setDefaultTariff({ evseId: 0, tariff }) ? [] : (setDefaultTariff.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
}

/** Errors of an OCPP 2.1 CostDetailsType (official schema). */
export function costDetailsErrors(details: unknown): string[] {
  return costDetailsSchema(details) ? [] : (costDetailsSchema.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
}

/** A CDR from periods: [start, dimensions] pairs, and the session end. */
export function cdr(periods: [string, Record<string, number>][], end: string, extra: Record<string, unknown> = {}) {
  return {
    start_date_time: periods[0]![0],
    end_date_time: end,
    currency: "EUR",
    cdr_location: { country: "NLD" },
    charging_periods: periods.map(([start, dims]) => ({ start_date_time: start, dimensions: Object.entries(dims).map(([type, volume]) => ({ type, volume })) })),
    ...extra,
  };
}
