import { TariffError } from "../schema/errors.js";
import { instantProblem, parseInstant } from "../time/instants.js";

const LAST_MS = Date.UTC(2200, 0, 1);

/** An instant as callers hold it: RFC 3339 with offset, UTC milliseconds, or a Date. */
export type InstantInput = string | number | Date;

/**
 * UTC milliseconds of an instant input; throws a `TariffError` at `path` when it is not one (a
 * string without offset, a non-integer number of milliseconds, an invalid Date).
 */
export function instantMs(value: InstantInput, path: string, what: string): number {
  if (typeof value === "string") {
    const problem = instantProblem(value);
    if (problem) throw new TariffError([{ path, message: problem }], what);
    return parseInstant(value);
  }
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms))
    throw new TariffError([{ path, message: "must be an RFC 3339 string with offset, whole UTC milliseconds or a valid Date" }], what);
  if (ms < 0 || ms >= LAST_MS) throw new TariffError([{ path, message: "must be between the years 1970 and 2199" }], what);
  return ms;
}
