import * as z from "zod/mini";
import { decimal, instant } from "./fields.js";

/** A cumulative meter reading: energy delivered since the session started. */
export const meterReadingSchema = z.strictObject({ at: instant, kWh: decimal });

/** The v1 session file. See the README's "File formats". */
export const sessionSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(500))),
  id: z.optional(
    z
      .string({ error: "must be a string" })
      .check(z.minLength(1, { error: "must not be empty" }), z.maxLength(100, { error: "is longer than 100 characters" })),
  ),
  start: instant,
  end: instant,
  chargingEnd: z.optional(instant),
  energyKWh: decimal,
  meter: z.optional(z.array(meterReadingSchema).check(z.maxLength(100_000, { error: "has more than 100000 readings" }))),
  payment: z.optional(z.enum(["card", "app", "cash"], { error: 'must be "card", "app" or "cash"' })),
});

export type SessionInput = z.input<typeof sessionSchema>;
