/**
 * One problem found in an input file: where (a JSON Pointer into the document) and what.
 *
 * @example
 * { path: "/energy/0/price", message: "must be a decimal with at most 6 decimals" }
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * The only error type the library throws for input a caller can get wrong. `issues` lists every
 * problem found, not only the first.
 *
 * @example
 * try { parseTariff(json) } catch (e) { if (e instanceof TariffError) console.log(e.issues) }
 */
export class TariffError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], what = "input") {
    const first = issues[0];
    const summary = first ? `${first.path || "/"}: ${first.message}` : "invalid";
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`invalid ${what}: ${summary}${more}`);
    this.name = "TariffError";
    this.issues = issues;
  }
}

/** A parse that does not throw: the value, or every issue found. */
export type SafeParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Builds an RFC 6901 JSON Pointer from path segments.
 *
 * @example
 * toPointer(["energy", 0, "price"]) // "/energy/0/price"
 * toPointer([]) // ""
 */
export function toPointer(segments: readonly PropertyKey[]): string {
  return segments
    .map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("");
}
