import { z } from "zod";
import { decimal, instant, localDate, range, timeOfDay } from "./fields.js";

export const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type DayName = (typeof DAY_NAMES)[number];

/** Conditions of a rate; all present ones must hold. */
export const conditionsSchema = z.strictObject({
  days: z
    .array(z.enum(DAY_NAMES, { error: `must be one of ${DAY_NAMES.join(", ")}` }))
    .min(1, { error: "must name at least one day" })
    .max(7, { error: "names more than 7 days" })
    .optional(),
  timeOfDay: z.strictObject({ from: timeOfDay, to: timeOfDay }).optional(),
  dates: z.strictObject({ from: localDate.optional(), to: localDate.optional() }).optional(),
  energyKWh: range.optional(),
  powerKW: range.optional(),
  sessionMinutes: range.optional(),
  idleMinutes: range.optional(),
});

/** A price in one dimension, with an optional billing step and conditions. */
export const rateSchema = z.strictObject({
  price: decimal,
  step: decimal.optional(),
  when: conditionsSchema.optional(),
});

const rates = z.array(rateSchema).max(100, { error: "has more than 100 rates" }).optional();

/** Components a tariff's own tax may apply to. */
export const TAXED = ["energy", "time", "idle", "flat", "excise"] as const;

/**
 * A tax the tariff states itself, for a place the market table does not cover (or an OCPI tariff's
 * VAT): either a percentage `rate` or an excise `perKWh`. The list replaces the market's taxes.
 */
export const taxSchema = z.strictObject({
  name: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(80, { error: "is longer than 80 characters" }),
  rate: decimal.optional(),
  perKWh: decimal.optional(),
  appliesTo: z
    .array(z.enum(TAXED, { error: `must be one of ${TAXED.join(", ")}` }))
    .min(1, { error: "must name at least one component" })
    .max(TAXED.length, { error: "names a component twice" }),
  method: z.enum(["added", "compound", "inside"], { error: 'must be "added", "compound" or "inside"' }).optional(),
  source: z.string({ error: "must be a string" }).max(500, { error: "is longer than 500 characters" }).optional(),
});

/** The v1 tariff file. See the README's "File formats". */
export const tariffSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  version: z.literal(1, { error: "must be 1" }),
  id: z
    .string({ error: "must be a string" })
    .regex(/^[A-Za-z0-9._-]{1,36}$/, { error: "must be 1-36 characters of A-Z, a-z, 0-9, '.', '_' or '-'" }),
  name: z
    .record(
      z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "must be a language tag such as en or pt-BR" }),
      z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(200, { error: "is longer than 200 characters" }),
    )
    .optional(),
  market: z
    .string({ error: "must be a string" })
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { error: 'must be an ISO 3166-1 alpha-2 code ("GR") or ISO 3166-2 code ("US-IA")' }),
  currency: z.string({ error: "must be a string" }).regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' }),
  timeZone: z.string({ error: "must be an IANA time zone name" }).max(64, { error: "is too long" }).optional(),
  pricesInclude: z.enum(["tax", "none"], { error: 'must be "tax" or "none"' }).optional(),
  validFrom: instant.nullable().optional(),
  validTo: instant.nullable().optional(),
  energy: rates,
  time: rates,
  idle: rates,
  flat: rates,
  minPrice: decimal.nullable().optional(),
  maxPrice: decimal.nullable().optional(),
  taxes: z.array(taxSchema).max(20, { error: "has more than 20 taxes" }).optional(),
});

export type TariffInput = z.input<typeof tariffSchema>;
