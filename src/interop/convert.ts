import { TariffError } from "../schema/errors.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import type { Tariff } from "../schema/types.js";
import type { Warning } from "./common.js";
import { ocpiToTariff, tariffToOcpi } from "./ocpi/tariff.js";
import { ocppToTariff, tariffToOcpp } from "./ocpp/tariff.js";

/** The tariff formats `convert` reads and writes. */
export const FORMATS = ["v1", "ocpi-2.2.1", "ocpi-2.3.0", "ocpp-2.1"] as const;
export type TariffFormat = (typeof FORMATS)[number];

/** Options of `convertTariff`. */
export interface ConvertOptions {
  /** Market for formats that name none (OCPP) or to override OCPI's country_code. */
  readonly market?: string;
  /** Zone of the tariff's local times, for formats that carry none (OCPI, OCPP). */
  readonly timeZone?: string;
  /** OCPI: CPO party id and country code; `last_updated`. */
  readonly partyId?: string;
  readonly countryCode?: string;
  readonly lastUpdated?: string;
  /** Local date on which market-table taxes are read when a v1 tariff has none of its own. */
  readonly taxDate?: string;
}

/** A converted tariff document; warnings name `document` "source" (the input) or "v1" (the v1 form in between). */
export interface ConvertResult {
  readonly document: unknown;
  /** The tariff in v1 form, as read from the source. */
  readonly tariff: Tariff;
  readonly warnings: readonly Warning[];
}

/** Reads a tariff in any format as a v1 tariff. Throws `TariffError` with pointers into `doc`. */
export function readTariff(doc: unknown, from: TariffFormat, options: ConvertOptions = {}): { tariff: Tariff; warnings: readonly Warning[] } {
  switch (from) {
    case "v1": {
      const r = safeParseTariff(doc);
      if (!r.ok) throw new TariffError(r.issues, "tariff");
      return { tariff: r.value, warnings: [] };
    }
    case "ocpi-2.2.1":
    case "ocpi-2.3.0": {
      const r = ocpiToTariff(doc, { version: from === "ocpi-2.2.1" ? "2.2.1" : "2.3.0", ...(options.market ? { market: options.market } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
      return { tariff: r.value, warnings: r.warnings };
    }
    case "ocpp-2.1": {
      const r = ocppToTariff(doc, { ...(options.market ? { market: options.market } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
      return { tariff: r.value, warnings: r.warnings };
    }
  }
}

/** Writes a v1 tariff in a format. */
export function writeTariff(tariff: Tariff, to: TariffFormat, options: ConvertOptions = {}): { document: unknown; warnings: readonly Warning[] } {
  switch (to) {
    case "v1":
      return { document: v1Document(tariff), warnings: [] };
    case "ocpi-2.2.1":
    case "ocpi-2.3.0": {
      const r = tariffToOcpi(tariff, {
        version: to === "ocpi-2.2.1" ? "2.2.1" : "2.3.0",
        ...(options.partyId ? { partyId: options.partyId } : {}),
        ...(options.countryCode ? { countryCode: options.countryCode } : {}),
        ...(options.lastUpdated ? { lastUpdated: options.lastUpdated } : {}),
        ...(options.taxDate ? { taxDate: options.taxDate } : {}),
      });
      return { document: r.value, warnings: r.warnings };
    }
    case "ocpp-2.1": {
      const r = tariffToOcpp(tariff, { ...(options.taxDate ? { taxDate: options.taxDate } : {}) });
      return { document: r.value, warnings: r.warnings };
    }
  }
}

/** A v1 tariff as a file would hold it: empty rate lists left out. */
function v1Document(t: Tariff): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    if (Array.isArray(v) && v.length === 0 && k !== "taxes") continue;
    out[k] = v;
  }
  return out;
}

/**
 * Converts a tariff document between v1, OCPI 2.2.1, OCPI 2.3.0 and OCPP 2.1, through v1. Invalid
 * input throws a `TariffError` whose issues point into `doc`; what does not convert exactly is in
 * `warnings`.
 *
 * @example
 * const { document, warnings } = convertTariff(ocpiJson, "ocpi-2.2.1", "ocpp-2.1", { timeZone: "Europe/Amsterdam" });
 */
export function convertTariff(doc: unknown, from: TariffFormat, to: TariffFormat, options: ConvertOptions = {}): ConvertResult {
  const read = readTariff(doc, from, options);
  const written = writeTariff(read.tariff, to, options);
  return {
    document: written.document,
    tariff: read.tariff,
    warnings: [...read.warnings.map((w) => ({ ...w, document: "source" })), ...written.warnings.map((w) => ({ ...w, document: from === "v1" ? "source" : "v1" }))],
  };
}
