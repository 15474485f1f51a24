import { z } from "zod";
import { decimal, instant } from "./fields.js";

/** A cumulative meter reading: energy delivered since the session started. */
export const meterReadingSchema = z.strictObject({ at: instant, kWh: decimal });

/** The v1 session file. See the README's "File formats". */
export const sessionSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  id: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(100, { error: "is longer than 100 characters" }).optional(),
  start: instant,
  end: instant,
  chargingEnd: instant.optional(),
  energyKWh: decimal,
  meter: z.array(meterReadingSchema).max(100_000, { error: "has more than 100000 readings" }).optional(),
  payment: z.enum(["card", "app", "cash"], { error: 'must be "card", "app" or "cash"' }).optional(),
});

export type SessionInput = z.input<typeof sessionSchema>;
