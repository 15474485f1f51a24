import * as z from "zod/mini";
import { readDate } from "./readers.js";
import { compileShape } from "./shape.js";

/** Non-negative decimal with at most 6 decimals: "0.45", "12", or the number 0.45. */
const DECIMAL_TEXT = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal with at most 6 decimals, e.g. "0.45"';

/** Prices and quantities: decimal strings (numbers accepted), >= 0, at most 6 decimals. */
export const decimal = z.union(
  [
    z.string({ error: DECIMAL_MESSAGE }).check(z.regex(DECIMAL_TEXT, { error: DECIMAL_MESSAGE })),
    z
      .number({ error: DECIMAL_MESSAGE })
      .check(
        z.nonnegative({ error: DECIMAL_MESSAGE, abort: true }),
        z.refine((n: number) => DECIMAL_TEXT.test(String(n)), { error: DECIMAL_MESSAGE }),
      ),
  ],
  { error: DECIMAL_MESSAGE },
);

/** The string of a valid `decimal` input: strings as written, numbers as their shortest decimal text. */
export function decimalText(value: string | number): string {
  return String(value);
}

/** True when a raw value is a valid `decimal` (for cross-field checks on raw input); compiled, without zod's cost. */
export const isDecimal = compileShape(decimal) as (value: unknown) => value is string | number;

/** RFC 3339 date-time with offset; the full check is `instantProblem`. */
export const instant = z
  .string({ error: "must be an RFC 3339 date-time string with offset, e.g. 2026-03-28T23:30:00Z" })
  .check(
    z.maxLength(40, { error: "is too long for a date-time", abort: true }),
    z.regex(/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/, {
      error: "must be an RFC 3339 date-time with offset (Z or ±hh:mm), e.g. 2026-03-28T23:30:00Z",
    }),
  );

/** A local calendar date "YYYY-MM-DD". */
export const localDate = z
  .string({ error: 'must be a date "YYYY-MM-DD"' })
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be a date "YYYY-MM-DD"', abort: true }),
    z.refine((s: string) => readDate(s) === readDate(s), {
      error: "is not a calendar date",
    }),
  );

/** A local time of day "HH:MM" (to may be "24:00"). */
export const timeOfDay = z
  .string({ error: 'must be a time "HH:MM"' })
  .check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'must be a time "HH:MM" from 00:00 to 24:00' }));

/** A range with inclusive `min` and exclusive `max`; at least one given. */
export const range = z.strictObject({ min: z.optional(decimal), max: z.optional(decimal) });

export type DecimalInput = z.input<typeof decimal>;
