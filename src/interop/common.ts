import { Decimal } from "../money/decimal-lib.js";
import { Dec, withoutTrailingZeros } from "../money/decimal.js";
import { TariffError, toPointer, type Issue } from "../schema/errors.js";

/**
 * Something a conversion could not carry over exactly, or an assumption it made: where (a JSON
 * Pointer into the source document) and what. Conversions never lose information silently.
 */
export interface Warning {
  readonly path: string;
  readonly message: string;
  /** Which input the path points into, where a function reads several ("tariff", "cdr"). */
  readonly document?: string;
}

/** A `TariffError` that says which input document its issues point into. */
export class DocumentError extends TariffError {
  constructor(
    issues: readonly Issue[],
    readonly document: string,
  ) {
    super(issues, document);
    this.name = "DocumentError";
  }
}

/** A converted document and what did not convert exactly. */
export interface Converted<T> {
  readonly value: T;
  readonly warnings: readonly Warning[];
}

/** The most errors a document's error lists (then how many more), and warnings it lists. */
export const MAX_LISTED = 100;
export const MAX_WARNINGS = 1000;

/** Collects warnings and errors during a conversion. */
export class Notes {
  readonly warnings: Warning[] = [];
  readonly errors: Issue[] = [];
  /**
   * The warnings given, by path: its message, or the set of its messages when there are several.
   * Each warning is given once, found in constant time (a path is short to hash; a message is hashed
   * only when its path has another).
   */
  private readonly given = new Map<string, string | Set<string>>();
  /** How many different warnings were given. */
  private count = 0;
  constructor(readonly document?: string) {}
  /** Errors found past the first MAX_LISTED, counted only. */
  private unlisted = 0;
  warn(path: string, message: string): void {
    const seen = this.given.get(path);
    if (seen === message || (typeof seen === "object" && seen.has(message)) || this.count > MAX_WARNINGS) return;
    if (seen === undefined) this.given.set(path, message);
    else if (typeof seen === "string") this.given.set(path, new Set([seen, message]));
    else seen.add(message);
    this.list(path, message);
  }
  /**
   * A warning the caller gives at most once, at a path no other warning uses (a period's own
   * dimension): listed and counted as `warn` does, without the look-up.
   */
  warnOnce(path: string, message: string): void {
    if (this.count <= MAX_WARNINGS) this.list(path, message);
  }
  /** Lists a new warning, or, past MAX_WARNINGS, the one line saying the rest are not listed. */
  private list(path: string, message: string): void {
    this.warnings.push(
      ++this.count > MAX_WARNINGS
        ? { path: "", message: `more than ${MAX_WARNINGS} warnings; the rest are not listed` }
        : this.document
          ? { path, message, document: this.document }
          : { path, message },
    );
  }
  error(path: string, message: string): void {
    if (this.errors.length < MAX_LISTED) this.errors.push({ path, message });
    else this.unlisted++;
  }
  /** Throws a `TariffError` naming every error found so far (the first MAX_LISTED, and how many more), if any. */
  check(what: string): void {
    if (!this.errors.length) return;
    const errors = this.unlisted ? [...this.errors, { path: "", message: `and ${this.unlisted} more problem(s) not listed` }] : this.errors;
    throw this.document ? new DocumentError(errors, this.document) : new TariffError(errors, what);
  }
}

/** A JSON Pointer from segments. */
export const ptr = (...segments: (string | number)[]): string => toPointer(segments);

/** The exact decimal of a JSON number as written (its shortest round-trip text). */
export function decOf(n: number | string): Dec {
  return new Dec(typeof n === "number" ? String(n) : n);
}

/** A decimal's plain text ("0.25", "12"), trailing zeros dropped. */
export function plain(d: Dec): string {
  const s = d.toFixed();
  return s.includes(".") ? withoutTrailingZeros(s).replace(/\.$/, "") : s;
}

/**
 * A decimal as a JSON number. Exact for the values the formats carry (at most 15 significant
 * digits): `Number("0.3002")` prints back as 0.3002.
 */
export function jsonNumber(d: Dec): number {
  return Number(plain(d));
}

/** Rounds half away from zero to `places` decimals. */
export function roundTo(d: Dec, places: number): Dec {
  return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** The number of decimals a decimal needs. */
export function decimalsOf(d: Dec): number {
  return d.decimalPlaces();
}

/** The largest size of a number OCPI and OCPP documents are read with (prices, volumes, limits). */
export const MAX_NUMBER = 1e9;
/** The most significant digits such a number may have: more are not what the document's text said. */
export const MAX_DIGITS = 15;
/** The deepest nesting read in an OCPI document (its own structure is 5 levels deep). */
export const MAX_DEPTH = 64;

/**
 * For a double `n`: the fewest decimals k (1 to 9) at which m = round(n × 10^k) has |m| < 10^15 and
 * m / 10^k === n, or 0 when there is none. Then m / 10^k, a decimal of at most 15 significant digits,
 * is the value of n's shortest text: n × 10^k is within 1/4 of an integer there, and two decimals of at
 * most 15 significant digits never round to one double. (Most JSON numbers are found so, without a string.)
 */
export function fewDecimals(n: number): number {
  for (let k = 1; k <= 9; k++) {
    const m = Math.round(n * POW10[k]!);
    if (!(m < 1e15 && m > -1e15)) return 0;
    if (m / POW10[k]! === n) return k;
  }
  return 0;
}

/** 10^0 … 10^9, each exact as a double. */
export const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * What is wrong with a number read from an OCPI or OCPP document, or undefined. A JSON number went
 * through a binary float: beyond 15 significant digits (2^53 + 1, 0.1234567890123456789) the float
 * is not the number written, and a size past 1e9 (1e308) has no meaning for a price or a volume.
 */
export function numberProblem(n: number): string | undefined {
  if (!Number.isFinite(n) || Math.abs(n) > MAX_NUMBER) return `must be at most ${MAX_NUMBER} in size (got ${n})`;
  const digits = Math.abs(n).toExponential().replace(/e.*$/, "").replace(".", "").length;
  if (digits > MAX_DIGITS) return `has more than ${MAX_DIGITS} significant digits (read as ${n}); it cannot be read exactly`;
  return undefined;
}

/**
 * The JSON Pointer of a member nested deeper than `limit` levels, or undefined. Iterative: any
 * depth is walked without recursion.
 */
export function tooDeep(value: unknown, limit = MAX_DEPTH): string | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  const parents = new Map<unknown, { parent: unknown; key: string | number }>();
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit) {
      const segments: (string | number)[] = [];
      for (let at = parents.get(v); at; at = parents.get(at.parent)) segments.unshift(at.key);
      return ptr(...segments);
    }
    for (const [key, child] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
      if (typeof child !== "object" || child === null) continue;
      parents.set(child, { parent: v, key });
      stack.push({ v: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Text from a document as an error message quotes it: a long one cut to its first 64 characters and its length. */
export function shortText(text: string): string {
  return text.length <= 64 ? text : `${text.slice(0, 64)}…(${text.length} characters)`;
}

/** True when `value` is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
