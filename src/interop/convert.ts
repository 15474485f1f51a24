import { findMarket } from "../markets/index.js";
import { priceSession } from "../price/price-session.js";
import { TariffError } from "../schema/errors.js";
import { safeParseSession } from "../schema/parse-session.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import type { Session, Tariff } from "../schema/types.js";
import { formatInstant, parseInstant } from "../time/instants.js";
import { fromLocal, zone as intlZone } from "../time/zones.js";
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

/** A session priced before and after a conversion, and what it cost each time. */
export interface ProbeOutcome {
  /** The probe, as a driver would say it: "Mon 2026-11-23 17:45, 70 min, 48 kWh (20 min idle)". */
  readonly probe: string;
  readonly session: Session;
  /** Gross total and currency ("31.22 EUR"), or why it could not be priced ("error: …"). */
  readonly before: string;
  readonly after: string;
}

/** The probes of `checkConversion` and whether every one cost the same before and after. */
export interface ConversionCheck {
  readonly identical: boolean;
  readonly probes: readonly ProbeOutcome[];
}

const DAY_MS = 86_400_000;
const duration = (minutes: number) => (minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`);
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/**
 * Five probe sessions for a tariff: night, morning, midday with idle time, evening peak and an
 * overnight weekend stay with long idle time, on five different days from `date` (local, YYYY-MM-DD;
 * default: the day after the tariff's validFrom, else today), moved back so they end before validTo.
 */
export function probeSessions(tariff: Tariff, date?: string): { readonly label: string; readonly session: Session }[] {
  const zoneName = tariff.timeZone ?? findMarket(tariff.market)?.timeZones[0] ?? "UTC";
  const z = intlZone(zoneName);
  const dayOf = (iso: string) => {
    const utc = parseInstant(iso);
    return Math.floor((utc + z.offsetMs(utc)) / DAY_MS) * DAY_MS;
  };
  let base = date ? Date.parse(`${date}T00:00:00Z`) : Math.floor(Date.now() / DAY_MS) * DAY_MS;
  if (!date && tariff.validFrom) base = dayOf(tariff.validFrom) + DAY_MS;
  if (tariff.validTo && base + 8 * DAY_MS > dayOf(tariff.validTo)) base = dayOf(tariff.validTo) - 8 * DAY_MS;
  if (tariff.validFrom && base < dayOf(tariff.validFrom) + DAY_MS) base = dayOf(tariff.validFrom) + DAY_MS;
  // Four days in a row, then the first Saturday after them: weekdays and a weekend day.
  const saturday = 4 + ((6 - new Date(base + 4 * DAY_MS).getUTCDay() + 7) % 7);
  const shapes = [
    { day: 0, at: "03:10", minutes: 25, kWh: "6.5", idle: 0 },
    { day: 1, at: "08:30", minutes: 50, kWh: "22", idle: 0 },
    { day: 2, at: "12:00", minutes: 135, kWh: "48.25", idle: 30 },
    { day: 3, at: "17:45", minutes: 70, kWh: "48", idle: 20 },
    { day: saturday, at: "21:30", minutes: 600, kWh: "35", idle: 240 },
  ];
  return shapes.map((p, i) => {
    const [h, m] = p.at.split(":").map(Number) as [number, number];
    const local = base + p.day * DAY_MS + (h * 60 + m) * 60_000;
    const start = fromLocal(z, local)[0] ?? local - z.offsetMs(local);
    const end = start + p.minutes * 60_000;
    const raw = {
      id: `probe-${i + 1}`,
      start: formatInstant(start),
      end: formatInstant(end),
      ...(p.idle ? { chargingEnd: formatInstant(end - p.idle * 60_000) } : {}),
      energyKWh: p.kWh,
    };
    const parsed = safeParseSession(raw);
    if (!parsed.ok) throw new Error(`probe session ${raw.id} is invalid: ${parsed.issues[0]?.message}`);
    const session = parsed.value;
    const day = new Date(local).toISOString().slice(0, 10);
    const label = `${WEEKDAYS[new Date(local).getUTCDay()]} ${day} ${p.at}, ${duration(p.minutes)}, ${p.kWh} kWh${p.idle ? ` (${duration(p.idle)} idle)` : ""}`;
    return { label, session };
  });
}

function gross(tariff: Tariff, session: Session): string {
  try {
    const receipt = priceSession(tariff, session, { ignoreValidity: true });
    return `${receipt.totals.gross} ${receipt.currency}`;
  } catch (e) {
    const issue = e instanceof TariffError ? e.issues[0] : undefined;
    return `error: ${issue ? `${issue.path || "/"}: ${issue.message}` : (e as Error).message}`;
  }
}

/**
 * Prices probe sessions (`probeSessions`) with a tariff before a conversion and with the converted
 * document read back as v1 (the library's own readers), so a conversion that changes what a driver
 * pays says so. Validity is ignored for the probes (a change of validity is a warning of its own).
 *
 * @example
 * const result = convertTariff(v1Json, "v1", "ocpi-2.2.1");
 * const check = checkConversion(result, "ocpi-2.2.1");
 * check.identical // false when some probe costs differently after the conversion
 */
export function checkConversion(result: ConvertResult, to: TariffFormat, options: ConvertOptions = {}): ConversionCheck {
  const before = result.tariff;
  const zoneName = before.timeZone ?? findMarket(before.market)?.timeZones[0];
  const after = readTariff(result.document, to, { market: options.market ?? before.market, ...(zoneName ? { timeZone: zoneName } : {}) }).tariff;
  const probes = probeSessions(before, options.taxDate).map(({ label, session }) => ({ probe: label, session, before: gross(before, session), after: gross(after, session) }));
  return { identical: probes.every((p) => p.before === p.after), probes };
}
