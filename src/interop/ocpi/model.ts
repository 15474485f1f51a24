import * as z from "zod/mini";
import type { Issue } from "../../schema/errors.js";
import { fromZodIssues, BARE_ISSUES } from "../../schema/issues.js";
import { instantMs } from "../../engine/numbers.js";
import { instantProblem } from "../../time/instants.js";
import { fewDecimals, isObject, MAX_DEPTH, MAX_NUMBER, Notes, numberProblem, ptr, tooDeep } from "../common.js";

/** The OCPI versions read and written. */
export const OCPI_VERSIONS = ["2.2.1", "2.3.0"] as const;
export type OcpiVersion = (typeof OCPI_VERSIONS)[number];

export const OCPI_DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
export type OcpiDay = (typeof OCPI_DAYS)[number];
export const DIMENSION_TYPES = ["ENERGY", "FLAT", "PARKING_TIME", "TIME"] as const;
export type OcpiDimensionType = (typeof DIMENSION_TYPES)[number];

/** OCPI `DisplayText`. */
export interface OcpiDisplayText {
  language: string;
  text: string;
}

/** OCPI 2.2.1 `Price` (tariff limits and CDR totals). */
export interface OcpiPrice221 {
  excl_vat: number;
  incl_vat?: number;
}

/** OCPI 2.3.0 `PriceLimit` (tariff limits). */
export interface OcpiPriceLimit230 {
  before_taxes: number;
  after_taxes?: number;
}

/** OCPI 2.3.0 `TaxAmount`. */
export interface OcpiTaxAmount {
  name: string;
  account_number?: string;
  percentage?: number;
  amount: number;
}

/** OCPI 2.3.0 `Price` (CDR totals). */
export interface OcpiPrice230 {
  before_taxes: number;
  taxes?: OcpiTaxAmount[];
}

export interface OcpiPriceComponent {
  type: OcpiDimensionType;
  price: number;
  vat?: number;
  step_size: number;
}

export interface OcpiRestrictions {
  start_time?: string;
  end_time?: string;
  start_date?: string;
  end_date?: string;
  min_kwh?: number;
  max_kwh?: number;
  min_current?: number;
  max_current?: number;
  min_power?: number;
  max_power?: number;
  min_duration?: number;
  max_duration?: number;
  day_of_week?: OcpiDay[];
  reservation?: "RESERVATION" | "RESERVATION_EXPIRES";
}

export interface OcpiTariffElement {
  price_components: OcpiPriceComponent[];
  restrictions?: OcpiRestrictions;
}

/** An OCPI Tariff object, 2.2.1 or 2.3.0 (the fields of both; `min_price`/`max_price` per version). */
export interface OcpiTariff {
  country_code: string;
  party_id: string;
  id: string;
  currency: string;
  type?: "AD_HOC_PAYMENT" | "PROFILE_CHEAP" | "PROFILE_FAST" | "PROFILE_GREEN" | "REGULAR";
  tariff_alt_text?: OcpiDisplayText[];
  tariff_alt_url?: string;
  min_price?: OcpiPrice221 | OcpiPriceLimit230;
  max_price?: OcpiPrice221 | OcpiPriceLimit230;
  preauthorize_amount?: number;
  elements: OcpiTariffElement[];
  tax_included?: "YES" | "NO" | "N/A";
  start_date_time?: string;
  end_date_time?: string;
  energy_mix?: unknown;
  last_updated: string;
}

// ---------------------------------------------------------------------------------------------
// Schemas (zod/mini). Objects are loose: OCPI parties add fields of their own; unknown fields of
// restrictions and price components are reported as warnings, since ignoring them changes prices.

const opt = <T extends z.core.SomeType>(t: T) => z.optional(z.nullable(t));
/** A JSON number read exactly: at most 1e9 in size and 15 significant digits (see numberProblem). */
const exact = z.superRefine((n: number, ctx) => {
  const problem = numberProblem(n);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: n });
});
const num = z.number({ error: "must be a number" }).check(exact);
const nonNegative = num.check(z.nonnegative({ error: "must not be negative" }));
const wholeNonNegative = z.int({ error: "must be a whole number" }).check(z.nonnegative({ error: "must not be negative" }), exact);
/** A VAT or tax percentage: 0 to 100. */
const percent = nonNegative.check(z.lte(100, { error: "must be a percentage from 0 to 100" }));
const hhmm = z.string({ error: 'must be a time "HH:MM"' }).check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'must be a time "HH:MM" (00:00 to 23:59)' }));
const date = z
  .string({ error: 'must be a date "YYYY-MM-DD"' })
  .check(z.regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { error: 'must be a date "YYYY-MM-DD"' }));
/** OCPI DateTime: RFC 3339 in UTC; without a designator it is UTC. */
export const ocpiDateTime = z
  .string({ error: "must be an OCPI DateTime string, e.g. 2015-06-29T20:39:09Z" })
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/, { error: "must be an OCPI DateTime, e.g. 2015-06-29T20:39:09Z" }),
    z.refine((s: string) => instantProblem(utcInstant(s)) === null, { error: "is not a valid date-time" }),
  );

const restrictionsSchema = z.looseObject({
  start_time: opt(hhmm),
  end_time: opt(hhmm),
  start_date: opt(date),
  end_date: opt(date),
  min_kwh: opt(nonNegative),
  max_kwh: opt(nonNegative),
  min_current: opt(nonNegative),
  max_current: opt(nonNegative),
  min_power: opt(nonNegative),
  max_power: opt(nonNegative),
  min_duration: opt(wholeNonNegative),
  max_duration: opt(wholeNonNegative),
  day_of_week: opt(z.array(z.enum(OCPI_DAYS, { error: `must be one of ${OCPI_DAYS.join(", ")}` }))),
  reservation: opt(z.enum(["RESERVATION", "RESERVATION_EXPIRES"], { error: "must be RESERVATION or RESERVATION_EXPIRES" })),
});
const RESTRICTION_KEYS = Object.keys(restrictionsSchema.def.shape);

const componentSchema = z.looseObject({
  type: z.enum(DIMENSION_TYPES, { error: `must be one of ${DIMENSION_TYPES.join(", ")}` }),
  price: nonNegative,
  vat: opt(percent),
  step_size: opt(wholeNonNegative),
});
const COMPONENT_KEYS = Object.keys(componentSchema.def.shape);

const limitSchema = z.looseObject({
  excl_vat: opt(nonNegative),
  incl_vat: opt(nonNegative),
  before_taxes: opt(nonNegative),
  after_taxes: opt(nonNegative),
});

const tariffSchema = z.looseObject({
  country_code: opt(z.string({ error: "must be a string" }).check(z.regex(/^[A-Za-z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code" }))),
  party_id: opt(z.string({ error: "must be a string" }).check(z.maxLength(3, { error: "is longer than 3 characters" }))),
  id: z.string({ error: "must be a string" }).check(z.minLength(1, { error: "must not be empty" }), z.maxLength(36, { error: "is longer than 36 characters" })),
  currency: z.string({ error: "must be a string" }).check(z.regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' })),
  type: opt(z.enum(["AD_HOC_PAYMENT", "PROFILE_CHEAP", "PROFILE_FAST", "PROFILE_GREEN", "REGULAR"], { error: "is not an OCPI TariffType" })),
  tariff_alt_text: opt(
    z.array(
      z.looseObject({
        language: z.string({ error: "must be a string" }).check(z.regex(/^[A-Za-z]{2,3}$/, { error: "must be an ISO 639-1 language code" })),
        text: z.string({ error: "must be a string" }).check(z.maxLength(512, { error: "is longer than 512 characters" })),
      }),
    ),
  ),
  tariff_alt_url: opt(z.string({ error: "must be a string" })),
  min_price: opt(limitSchema),
  max_price: opt(limitSchema),
  preauthorize_amount: opt(nonNegative),
  elements: z
    .array(z.looseObject({ price_components: z.array(componentSchema).check(z.minLength(1, { error: "needs at least one price component" })), restrictions: opt(restrictionsSchema) }))
    .check(z.minLength(1, { error: "needs at least one element" })),
  tax_included: opt(z.enum(["YES", "NO", "N/A"], { error: "must be YES, NO or N/A" })),
  start_date_time: opt(ocpiDateTime),
  end_date_time: opt(ocpiDateTime),
  energy_mix: opt(z.unknown()),
  last_updated: opt(ocpiDateTime),
});

/** An OCPI DateTime as an RFC 3339 instant the core reads ("…Z" added when no designator). */
export function utcInstant(text: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : text + "Z";
}

/**
 * OCPI objects are loose (parties add members of their own), so a member may nest anything: deeper
 * than MAX_DEPTH levels is refused, naming where, before anything walks the document.
 */
function shallowEnough(doc: unknown, notes: Notes): boolean {
  const at = tooDeep(doc);
  if (at === undefined) return true;
  notes.error(at, `is nested more than ${MAX_DEPTH} levels deep`);
  return false;
}

/** Drops `null` members (OCPI parties send them for absent optional fields). */
function withoutNulls<T>(value: T): T {
  // Copies only what changes: a document without nulls (the usual case) comes back as it is.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const w = withoutNulls(value[i]);
      if (w !== value[i]) (out ??= value.slice())[i] = w;
    }
    return (out ?? value) as T;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    let out: [string, unknown][] | undefined;
    for (let i = 0; i < keys.length; i++) {
      const v = value[keys[i]!];
      const w = v === null ? v : withoutNulls(v);
      if (out === undefined && (v === null || w !== v)) out = keys.slice(0, i).map((k) => [k, value[k]]);
      if (out !== undefined && v !== null) out.push([keys[i]!, w]);
    }
    // Object.fromEntries defines each member as data, a "__proto__" key included.
    return (out ? Object.fromEntries(out) : value) as T;
  }
  return value;
}

/** Which OCPI version a tariff document looks like: 2.3.0 has `tax_included` and `before_taxes`. */
export function detectOcpiVersion(doc: unknown): OcpiVersion {
  if (!isObject(doc)) return "2.2.1";
  const limit = (v: unknown) => isObject(v) && ("before_taxes" in v || "after_taxes" in v);
  return "tax_included" in doc || limit(doc.min_price) || limit(doc.max_price) ? "2.3.0" : "2.2.1";
}

/** A parsed OCPI tariff, its version and the notes made while reading it. */
export interface ParsedOcpiTariff {
  readonly tariff: OcpiTariff;
  readonly version: OcpiVersion;
}

/**
 * Checks an OCPI Tariff document (2.2.1 or 2.3.0). Errors (JSON Pointers into the document) are
 * added to `notes.errors`; anything read leniently (missing metadata, unknown fields) to
 * `notes.warnings`.
 */
export function readOcpiTariff(doc: unknown, notes: Notes, version?: OcpiVersion): ParsedOcpiTariff | undefined {
  const v = version ?? detectOcpiVersion(doc);
  if (!shallowEnough(doc, notes)) return undefined;
  const parsed = tariffSchema.safeParse(doc, BARE_ISSUES);
  if (!parsed.success) {
    for (const i of fromZodIssues(parsed.error.issues, doc)) notes.error(i.path, i.message);
    return undefined;
  }
  const t = withoutNulls(parsed.data) as unknown as OcpiTariff & Record<string, unknown>;
  const raw = doc as Record<string, unknown>;
  if (t.country_code === undefined) notes.warn("/country_code", "is missing (required by OCPI); the market is taken from elsewhere");
  if (t.party_id === undefined) notes.warn("/party_id", "is missing (required by OCPI)");
  if (t.last_updated === undefined) notes.warn("/last_updated", "is missing (required by OCPI)");
  for (const key of ["min_price", "max_price"] as const) {
    const limit = t[key] as Record<string, unknown> | undefined;
    if (!limit) continue;
    if (v === "2.2.1") {
      if (limit.excl_vat === undefined) notes.error(`/${key}/excl_vat`, "is required (an OCPI 2.2.1 Price)");
      for (const k of ["before_taxes", "after_taxes"]) if (k in limit) notes.error(`/${key}/${k}`, "is an OCPI 2.3.0 field; a 2.2.1 Price has excl_vat and incl_vat");
    } else {
      if (limit.before_taxes === undefined) notes.error(`/${key}/before_taxes`, "is required (an OCPI 2.3.0 PriceLimit)");
      for (const k of ["excl_vat", "incl_vat"]) if (k in limit) notes.error(`/${key}/${k}`, "is an OCPI 2.2.1 field; a 2.3.0 PriceLimit has before_taxes and after_taxes");
    }
  }
  if (v === "2.3.0" && t.tax_included === undefined) notes.error("/tax_included", "is required in OCPI 2.3.0");
  if (v === "2.2.1") {
    if ("tax_included" in raw) notes.error("/tax_included", "is an OCPI 2.3.0 field");
    if ("preauthorize_amount" in raw) notes.warn("/preauthorize_amount", "is an OCPI 2.3.0 field; ignored");
  }
  t.elements.forEach((element, i) => {
    const rawElement = (raw.elements as unknown[])[i] as Record<string, unknown>;
    if (isObject(rawElement.restrictions)) {
      for (const key of Object.keys(rawElement.restrictions))
        if (!RESTRICTION_KEYS.includes(key)) notes.warn(ptr("elements", i, "restrictions", key), "is not an OCPI restriction; ignored");
    }
    element.price_components.forEach((c, j) => {
      const rawComponent = (rawElement.price_components as Record<string, unknown>[])[j]!;
      for (const key of Object.keys(rawComponent))
        if (!COMPONENT_KEYS.includes(key)) notes.warn(ptr("elements", i, "price_components", j, key), "is not an OCPI price component field; ignored");
      if (c.step_size === undefined) {
        notes.warn(ptr("elements", i, "price_components", j, "step_size"), "is missing (required by OCPI); read as 0, no step");
        c.step_size = 0;
      }
    });
  });
  if (t.start_date_time && t.end_date_time && Date.parse(utcInstant(t.start_date_time)) >= Date.parse(utcInstant(t.end_date_time)))
    notes.error("/end_date_time", "must be after start_date_time");
  return { tariff: t, version: v };
}

// ---------------------------------------------------------------------------------------------
// Charge records

/** A CDR dimension. */
export interface OcpiCdrDimension {
  type: string;
  volume: number;
}

export interface OcpiChargingPeriod {
  start_date_time: string;
  dimensions: OcpiCdrDimension[];
  tariff_id?: string;
}

/** The parts of an OCPI CDR (2.2.1 or 2.3.0) that pricing reads. */
export interface OcpiCdr {
  id?: string;
  start_date_time: string;
  end_date_time: string;
  currency: string;
  charging_periods: OcpiChargingPeriod[];
  cdr_location?: { country?: string; time_zone?: string };
  location?: { country?: string; time_zone?: string };
  total_cost?: Record<string, unknown>;
  total_energy?: number;
  total_time?: number;
  total_parking_time?: number;
  [key: string]: unknown;
}

const cdrPriceSchema = z.looseObject({
  excl_vat: opt(num),
  incl_vat: opt(num),
  before_taxes: opt(num),
  taxes: opt(z.array(z.looseObject({ name: z.string({ error: "must be a string" }), percentage: opt(percent), amount: num }))),
});

const cdrSchema = z.looseObject({
  id: opt(z.string({ error: "must be a string" })),
  start_date_time: ocpiDateTime,
  end_date_time: ocpiDateTime,
  currency: z.string({ error: "must be a string" }).check(z.regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' })),
  charging_periods: z
    .array(
      z.looseObject({
        start_date_time: ocpiDateTime,
        dimensions: z.array(z.looseObject({ type: z.string({ error: "must be a CdrDimensionType" }), volume: num })),
        tariff_id: opt(z.string({ error: "must be a string" })),
      }),
    )
    .check(z.minLength(1, { error: "needs at least one charging period" })),
  cdr_location: opt(z.looseObject({ country: opt(z.string({ error: "must be a string" })), time_zone: opt(z.string({ error: "must be a string" })) })),
  location: opt(z.looseObject({ country: opt(z.string({ error: "must be a string" })), time_zone: opt(z.string({ error: "must be a string" })) })),
  total_cost: opt(cdrPriceSchema),
  total_fixed_cost: opt(cdrPriceSchema),
  total_energy_cost: opt(cdrPriceSchema),
  total_time_cost: opt(cdrPriceSchema),
  total_parking_cost: opt(cdrPriceSchema),
  total_reservation_cost: opt(cdrPriceSchema),
  total_energy: opt(num),
  total_time: opt(num),
  total_parking_time: opt(num),
});

// The fast path of a valid CDR: hand-written checks that accept what cdrSchema accepts or less (never
// more); anything else goes through cdrSchema, which words every issue with its JSON Pointer.

/** A JSON number `num` accepts: finite, at most 1e9 in size, at most 15 significant digits (numberProblem). */
function okNumber(v: unknown): v is number {
  if (typeof v !== "number") return false;
  if (Number.isInteger(v)) return v <= MAX_NUMBER && v >= -MAX_NUMBER;
  // A decimal of at most 15 digits found without a string, else numberProblem's own count.
  return (v < MAX_NUMBER && v > -MAX_NUMBER && fewDecimals(v) > 0) || numberProblem(v) === undefined;
}

const okPercent = (v: unknown): boolean => okNumber(v) && v >= 0 && v <= 100;
const absent = (v: unknown): boolean => v === undefined || v === null;
const okText = (v: unknown): boolean => absent(v) || typeof v === "string";

/**
 * UTC ms of an OCPI DateTime as `ocpiDateTime` accepts it (RFC 3339 with an upper-case T, Z or an
 * offset or no designator; at most millisecond precision; years 1970-2199), else NaN.
 */
export function ocpiMs(v: unknown): number {
  if (typeof v !== "string") return NaN;
  const len = v.length;
  if (len < 19 || v.charCodeAt(10) !== 84) return NaN;
  let i = 19;
  if (v.charCodeAt(19) === 46) {
    // 1-9 fraction digits, zeros after the third
    i = 20;
    while (i < len && ((v.charCodeAt(i) - 48) >>> 0) <= 9) if (i++ >= 23 && v.charCodeAt(i - 1) !== 48) return NaN;
    if (i === 20 || i > 29) return NaN;
  }
  const rest = len - i;
  if (rest === 0) return instantMs(v + "Z");
  if (rest === 6 || (rest === 1 && v.charCodeAt(i) === 90)) return instantMs(v);
  return NaN;
}

/** A record's instants in UTC ms, as the fast path read them (pricing then reads no instant twice). */
export interface CdrTimes {
  start: number;
  end: number;
  /** Each charging period's start_date_time. */
  readonly periods: number[];
}

function okPrice(v: unknown): boolean {
  if (absent(v)) return true;
  if (!isObject(v)) return false;
  for (const k of ["excl_vat", "incl_vat", "before_taxes"]) if (!absent(v[k]) && !okNumber(v[k])) return false;
  const taxes = v.taxes;
  if (absent(taxes)) return true;
  if (!Array.isArray(taxes)) return false;
  for (const t of taxes) if (!isObject(t) || typeof t.name !== "string" || !okNumber(t.amount) || !(absent(t.percentage) || okPercent(t.percentage))) return false;
  return true;
}

const okPlace = (v: unknown): boolean => absent(v) || (isObject(v) && okText(v.country) && okText(v.time_zone));

function okPeriods(v: unknown, starts: number[]): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const p of v) {
    if (!isObject(p)) return false;
    const at = ocpiMs(p.start_date_time);
    if (at !== at || !okText(p.tariff_id) || !Array.isArray(p.dimensions)) return false;
    starts.push(at);
    for (const d of p.dimensions) if (!isObject(d) || typeof d.type !== "string" || !okNumber(d.volume)) return false;
  }
  return true;
}

/** Whether cdrSchema accepts `doc` (false: maybe not; then it is asked). */
function okCdr(doc: unknown, times: CdrTimes): doc is Record<string, unknown> {
  if (!isObject(doc)) return false;
  const c = doc.currency;
  if (!(typeof c === "string" && c.length === 3 && /^[A-Z]{3}$/.test(c))) return false;
  times.start = ocpiMs(doc.start_date_time);
  times.end = ocpiMs(doc.end_date_time);
  if (times.start !== times.start || times.end !== times.end) return false;
  if (!okText(doc.id) || !okPeriods(doc.charging_periods, times.periods) || !okPlace(doc.cdr_location) || !okPlace(doc.location)) return false;
  for (const k of CDR_PRICES) if (!okPrice(doc[k])) return false;
  for (const k of CDR_QUANTITIES) if (!absent(doc[k]) && !okNumber(doc[k])) return false;
  return true;
}
const CDR_PRICES = ["total_cost", "total_fixed_cost", "total_energy_cost", "total_time_cost", "total_parking_cost", "total_reservation_cost"];
const CDR_QUANTITIES = ["total_energy", "total_time", "total_parking_time"];

/** What one walk of a document finds: 0 nothing, 1 a member that is null, 2 nesting deeper than MAX_DEPTH. */
function walk(v: unknown, depth: number): number {
  if (typeof v !== "object" || v === null) return 0;
  if (depth >= MAX_DEPTH) return 2;
  let found = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) found |= walk(v[i], depth + 1);
  } else {
    for (const k in v) {
      const m = (v as Record<string, unknown>)[k];
      found |= m === null ? 1 : walk(m, depth + 1);
    }
  }
  return found;
}

/**
 * Checks an OCPI CDR document; errors go to `notes.errors`. `times`, when given, gets the record's
 * instants in UTC ms if the fast path read it (else its `periods` stay empty).
 */
export function readOcpiCdr(doc: unknown, notes: Notes, times: CdrTimes = { start: NaN, end: NaN, periods: [] }): OcpiCdr | undefined {
  // A valid record, as most are: checked by hand, no copy made unless it has null members.
  const found = walk(doc, 0);
  if (found < 2 && okCdr(doc, times)) return (found ? withoutNulls(doc) : doc) as unknown as OcpiCdr;
  times.periods.length = 0;
  return readOcpiCdrFully(doc, notes);
}

/** `readOcpiCdr` without its fast path: zod checks every record (what the fast path is held equal to). */
export function readOcpiCdrFully(doc: unknown, notes: Notes): OcpiCdr | undefined {
  if (!shallowEnough(doc, notes)) return undefined;
  const parsed = cdrSchema.safeParse(doc, BARE_ISSUES);
  if (!parsed.success) {
    for (const i of fromZodIssues(parsed.error.issues, doc) as Issue[]) notes.error(i.path, i.message);
    return undefined;
  }
  return withoutNulls(parsed.data) as unknown as OcpiCdr;
}

/** Which OCPI version a CDR looks like: 2.3.0 totals have `before_taxes`. */
export function detectCdrVersion(cdr: OcpiCdr): OcpiVersion {
  const total = cdr.total_cost;
  return isObject(total) && "before_taxes" in total ? "2.3.0" : "2.2.1";
}
