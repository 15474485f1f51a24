import { detectOcpiVersion } from "../interop/ocpi/model.js";

/** The documents the CLI reads. */
export const KINDS = ["tariff", "session", "ocpi-tariff", "ocpi-cdr", "ocpp-tariff"] as const;
export type DocKind = (typeof KINDS)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (doc: Record<string, unknown>, ...keys: string[]) => keys.some((k) => k in doc);

/**
 * What kind of document a parsed JSON value looks like, from the members only that kind has; none
 * when it is not an object or shows no such member (then it is read as what the command expects).
 *
 * @example
 * detectKind({ start: "2026-01-01T10:00:00Z", end: "2026-01-01T11:00:00Z", energyKWh: "10" }) // "session"
 */
export function detectKind(doc: unknown): DocKind | undefined {
  if (!isObject(doc)) return undefined;
  if (has(doc, "charging_periods", "cdr_token", "cdr_location", "auth_method", "total_energy", "total_time")) return "ocpi-cdr";
  if (has(doc, "elements", "party_id", "tariff_alt_text", "tariff_alt_url", "tax_included") || (has(doc, "country_code") && !has(doc, "market"))) return "ocpi-tariff";
  if (has(doc, "tariffId", "chargingTime", "idleTime", "fixedFee", "reservationTime", "reservationFixed", "minCost", "maxCost") || isObject(doc.energy)) return "ocpp-tariff";
  const tariffLike = has(doc, "version", "market", "currency", "energy", "time", "idle", "flat", "taxes", "pricesInclude", "validFrom", "validTo");
  if (!tariffLike && has(doc, "start", "end", "energyKWh", "chargingEnd", "meter", "payment")) return "session";
  if (tariffLike) return "tariff";
  return undefined;
}

/** How a kind is named in messages ("an OCPI 2.2.1 tariff"). */
export function kindName(kind: DocKind, doc?: unknown): string {
  switch (kind) {
    case "tariff":
      return "an ev-tariff v1 tariff";
    case "session":
      return "an ev-tariff session";
    case "ocpi-tariff":
      return `an OCPI ${detectOcpiVersion(doc)} tariff`;
    case "ocpi-cdr":
      return "an OCPI charge record (CDR)";
    case "ocpp-tariff":
      return "an OCPP 2.1 tariff";
  }
}

/** The `convert --from` format of a tariff kind. */
export function formatOf(kind: DocKind, doc?: unknown): string | undefined {
  return kind === "tariff" ? "v1" : kind === "ocpi-tariff" ? `ocpi-${detectOcpiVersion(doc)}` : kind === "ocpp-tariff" ? "ocpp-2.1" : undefined;
}

/** Where a document was given: which command, and as which of its files. */
export type Slot = "price-tariff" | "price-session" | "ocpi-tariff" | "ocpi-cdr" | "convert";

const EXPECTED: Record<Slot, DocKind[]> = {
  "price-tariff": ["tariff"],
  "price-session": ["session"],
  "ocpi-tariff": ["ocpi-tariff"],
  "ocpi-cdr": ["ocpi-cdr"],
  convert: ["tariff", "ocpi-tariff", "ocpp-tariff"],
};

/**
 * When `doc` is clearly another kind of document than the one `slot` takes, the message that says
 * so and which command or conversion to use instead; otherwise undefined (the document is then
 * checked as what the slot takes, and its own problems reported).
 *
 * @example
 * wrongKindHint(v1Tariff, "ocpi-tariff")
 * // "this is an ev-tariff v1 tariff; use `ev-tariff price` or convert it with `ev-tariff convert --from v1 --to ocpi-2.2.1`"
 */
export function wrongKindHint(doc: unknown, slot: Slot, convertFrom?: string): string | undefined {
  const kind = detectKind(doc);
  if (kind === undefined) return undefined;
  const name = kindName(kind, doc);
  const from = formatOf(kind, doc);
  if (slot === "convert") {
    if (from === undefined) return `this is ${name}, not a tariff; convert reads tariffs (${kind === "session" ? "price a session with `ev-tariff price <tariff> <session>`" : "check a charge record with `ev-tariff ocpi check <tariff> <cdr>`"})`;
    const family = (f: string) => f.replace(/-.*/, "");
    if (convertFrom !== undefined && family(from) !== family(convertFrom)) return `this is ${name}, not ${convertFrom}; pass --from ${from}`;
    return undefined;
  }
  if (EXPECTED[slot].includes(kind)) return undefined;
  const convertTo = (to: string, extra = "") => `convert it with \`ev-tariff convert --from ${from} --to ${to}${extra}\``;
  const marketFlag = kind === "ocpp-tariff" ? " --market CC" : "";
  switch (slot) {
    case "price-tariff":
      if (kind === "session") return `this is ${name}, not a tariff; the tariff comes first: \`ev-tariff price <tariff> <session>\``;
      if (kind === "ocpi-cdr") return `this is ${name}; price or check it with \`ev-tariff ocpi price|check <ocpi-tariff> <cdr>\``;
      return `this is ${name}; ${kind === "ocpi-tariff" ? "price charge records with it with `ev-tariff ocpi price <tariff> <cdr>`, or " : ""}${convertTo("v1", kind === "ocpi-tariff" ? " --time-zone Zone" : marketFlag)}`;
    case "price-session":
      if (kind === "tariff") return `this is ${name}, not a session; the session comes second: \`ev-tariff price <tariff> <session>\``;
      if (kind === "ocpi-cdr") return `this is ${name}, not an ev-tariff session; price it with \`ev-tariff ocpi price <ocpi-tariff> <cdr>\``;
      return `this is ${name}, not a session; \`ev-tariff price\` takes a v1 tariff and a session`;
    case "ocpi-tariff":
      if (kind === "tariff") return `this is ${name}; use \`ev-tariff price\` or ${convertTo("ocpi-2.2.1")}`;
      if (kind === "ocpp-tariff") return `this is ${name}; ${convertTo("ocpi-2.2.1", marketFlag)}`;
      if (kind === "ocpi-cdr") return `this is ${name}, not a tariff; the tariff comes first: \`ev-tariff ocpi price <tariff> <cdr>\``;
      return `this is ${name}; price it with \`ev-tariff price <tariff> <session>\``;
    case "ocpi-cdr":
      if (kind === "session") return `this is ${name}, not an OCPI charge record; price it with \`ev-tariff price <tariff> <session>\``;
      if (kind === "ocpi-tariff") return `this is ${name}, not a charge record; the charge record comes second: \`ev-tariff ocpi price <tariff> <cdr>\``;
      return `this is ${name}, not an OCPI charge record; \`ev-tariff ocpi\` takes an OCPI tariff and a charge record`;
  }
}
