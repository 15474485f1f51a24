/**
 * Fuzzing of the standards' documents: OCPI tariffs and charge records (the conformance cases,
 * read in place, corrupted) and OCPP 2.1 tariffs (made from generated v1 tariffs, corrupted). Each
 * must convert and price, or be refused with a TariffError (DocumentError) listing issues.
 */
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { ocpiToTariff, ocppToTariff, parseTariff, priceCdr, TariffError, tariffToOcpp } from "../../src/index.js";
import { tariffDoc } from "../properties/arbitraries.js";
import { CONFORMANCE as conformance } from "../interop/helpers.js";
import { corruption } from "./fuzzer.js";

/** The conformance tariffs and charge records, read in place. */
export function conformanceDocs(): { tariffs: unknown[]; cdrs: unknown[] } {
  if (!existsSync(conformance)) return { tariffs: [], cdrs: [] };
  const tariffs: unknown[] = [];
  const cdrs: unknown[] = [];
  for (const dir of readdirSync(conformance, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(`${conformance}/${dir.name}`)) {
      const doc = JSON.parse(readFileSync(`${conformance}/${dir.name}/${file}`, "utf8"));
      if (file === "tariff.json") tariffs.push(doc);
      else if (file.startsWith("cdr")) cdrs.push(doc);
    }
  }
  return { tariffs, cdrs };
}

/** Every number in an output must be finite (strings such as an id "NaN" are the input's own). */
function finiteNumbers(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object") return true;
  return Object.values(value).every(finiteNumbers);
}

function refusedOrSound(f: () => unknown): void {
  try {
    const out = f();
    if (!finiteNumbers(out)) throw new Error(`unsound output: ${JSON.stringify(out)}`);
  } catch (e) {
    if (!(e instanceof TariffError) || e.issues.length === 0) throw e;
  }
}

/** The property over OCPI and OCPP documents. */
export function fuzzInteropProperty() {
  const { tariffs, cdrs } = conformanceDocs();
  const ocpiTariff = tariffs.length ? fc.constantFrom(...tariffs) : fc.constant({});
  const ocpiCdr = cdrs.length ? fc.constantFrom(...cdrs) : fc.constant({});
  const ocpp = tariffDoc().map((t) => {
    try {
      return tariffToOcpp(parseTariff(t)).value as unknown;
    } catch {
      return {};
    }
  });
  return fc.property(
    fc.oneof(corruption(ocpiTariff), ocpiTariff),
    fc.oneof(corruption(ocpiCdr), ocpiCdr),
    fc.oneof(corruption(ocpp), ocpp),
    (t, cdr, o) => {
      refusedOrSound(() => ocpiToTariff(t, { timeZone: "UTC" }));
      refusedOrSound(() => priceCdr(t, cdr));
      refusedOrSound(() => ocppToTariff(o));
    },
  );
}
