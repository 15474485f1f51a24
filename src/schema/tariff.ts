import * as z from "zod/mini";
import { decimal, instant, localDate, range, timeOfDay } from "./fields.js";

export const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type DayName = (typeof DAY_NAMES)[number];

const text = (max: number) =>
  z.string({ error: "must be a string" }).check(z.minLength(1, { error: "must not be empty" }), z.maxLength(max, { error: `is longer than ${max} characters` }));

/** Conditions of a rate; all present ones must hold. */
export const conditionsSchema = z.strictObject({
  days: z.optional(
    z
      .array(z.enum(DAY_NAMES, { error: `must be one of ${DAY_NAMES.join(", ")}` }))
      .check(z.minLength(1, { error: "must name at least one day" }), z.maxLength(7, { error: "names more than 7 days" })),
  ),
  timeOfDay: z.optional(z.strictObject({ from: timeOfDay, to: timeOfDay })),
  dates: z.optional(z.strictObject({ from: z.optional(localDate), to: z.optional(localDate) })),
  energyKWh: z.optional(range),
  powerKW: z.optional(range),
  sessionMinutes: z.optional(range),
  idleMinutes: z.optional(range),
});

/** A price in one dimension, with an optional billing step and conditions. */
export const rateSchema = z.strictObject({
  price: decimal,
  step: z.optional(decimal),
  when: z.optional(conditionsSchema),
});

const rates = z.optional(z.array(rateSchema).check(z.maxLength(100, { error: "has more than 100 rates" })));

/** Components a tariff's own tax may apply to. */
export const TAXED = ["energy", "time", "idle", "flat", "excise"] as const;

/**
 * A tax the tariff states itself, for a place the market table does not cover (or an OCPI tariff's
 * VAT): either a percentage `rate` or an excise `perKWh`. The list replaces the market's taxes.
 */
export const taxSchema = z.strictObject({
  name: text(80),
  rate: z.optional(decimal),
  perKWh: z.optional(decimal),
  appliesTo: z
    .array(z.enum(TAXED, { error: `must be one of ${TAXED.join(", ")}` }))
    .check(z.minLength(1, { error: "must name at least one component" }), z.maxLength(TAXED.length, { error: "names a component twice" })),
  method: z.optional(z.enum(["added", "compound", "inside"], { error: 'must be "added", "compound" or "inside"' })),
  source: z.optional(z.string({ error: "must be a string" }).check(z.maxLength(500, { error: "is longer than 500 characters" }))),
});

/** The v1 tariff file. See the README's "File formats". */
export const tariffSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(500))),
  version: z.literal(1, { error: "must be 1" }),
  id: z
    .string({ error: "must be a string" })
    .check(z.regex(/^[A-Za-z0-9._-]{1,36}$/, { error: "must be 1-36 characters of A-Z, a-z, 0-9, '.', '_' or '-'" })),
  name: z.optional(
    z.record(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "must be a language tag such as en or pt-BR" })), text(200)),
  ),
  market: z
    .string({ error: "must be a string" })
    .check(z.regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { error: 'must be an ISO 3166-1 alpha-2 code ("GR") or ISO 3166-2 code ("US-IA")' })),
  currency: z.string({ error: "must be a string" }).check(z.regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' })),
  timeZone: z.optional(z.string({ error: "must be an IANA time zone name" }).check(z.maxLength(64, { error: "is too long" }))),
  pricesInclude: z.optional(z.enum(["tax", "none"], { error: 'must be "tax" or "none"' })),
  validFrom: z.optional(z.nullable(instant)),
  validTo: z.optional(z.nullable(instant)),
  energy: rates,
  time: rates,
  idle: rates,
  flat: rates,
  minPrice: z.optional(z.nullable(decimal)),
  maxPrice: z.optional(z.nullable(decimal)),
  taxes: z.optional(z.array(taxSchema).check(z.maxLength(20, { error: "has more than 20 taxes" }))),
});

export type TariffInput = z.input<typeof tariffSchema>;
