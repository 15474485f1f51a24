import { Decimal } from "../money/decimal-lib.js";
import { Dec } from "../money/decimal.js";
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

/** Collects warnings and errors during a conversion. */
export class Notes {
  readonly warnings: Warning[] = [];
  readonly errors: Issue[] = [];
  constructor(readonly document?: string) {}
  warn(path: string, message: string): void {
    if (!this.warnings.some((w) => w.path === path && w.message === message))
      this.warnings.push({ path, message, ...(this.document ? { document: this.document } : {}) });
  }
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  /** Throws a `TariffError` naming every error found so far, if any. */
  check(what: string): void {
    if (this.errors.length) throw this.document ? new DocumentError(this.errors, this.document) : new TariffError(this.errors, what);
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
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
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

/** True when `value` is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
