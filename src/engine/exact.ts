/**
 * Exact arithmetic for the pricing engine, fast where values are small.
 *
 * - `Int`: an integer, held as a JS number while it is a safe integer (|n| <= 2^53 − 1) and as a
 *   BigInt beyond. Every operation checks its result and widens to BigInt instead of losing a digit,
 *   and narrows back to a number when the result fits. Results are the same whichever form the
 *   arguments came in.
 * - `Q`: a rational number: an `Int` when whole, otherwise `{ n, d }` reduced with d >= 2. Instants
 *   (ms), energies (1e-6 kWh) and quantities are Qs: an energy threshold can be crossed between two
 *   milliseconds, and energy cut inside a linear stretch of the meter curve is a fraction of a
 *   microwatt-hour. Nothing is rounded until money is, once, with a named mode.
 */
import type { RoundingMode } from "../money/round.js";

export type Int = number | bigint;

/** A fraction that is not whole: d >= 2, gcd(n, d) = 1. */
export interface Frac {
  readonly n: Int;
  readonly d: Int;
}

export type Q = Int | Frac;

export const MAX = Number.MAX_SAFE_INTEGER;
const MAXB = BigInt(MAX);

const big = (x: Int): bigint => (typeof x === "bigint" ? x : BigInt(x));

/** A BigInt as an `Int`: a number when it is safe. */
export function narrow(x: bigint): Int {
  return x <= MAXB && x >= -MAXB ? Number(x) : x;
}

export function iadd(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const s = a + b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return narrow(big(a) + big(b));
}

export function isub(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const s = a - b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return narrow(big(a) - big(b));
}

export function imul(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const p = a * b + 0; // + 0: never -0
    if (p <= MAX && p >= -MAX) return p;
  }
  return narrow(big(a) * big(b));
}

export function icmp(a: Int, b: Int): number {
  // Mixed number/BigInt comparisons are exact in JS.
  return a < b ? -1 : a > b ? 1 : 0;
}

const isign = (a: Int): number => (a > 0 ? 1 : a < 0 ? -1 : 0);
const iabs = (a: Int): Int => (a < 0 ? (typeof a === "number" ? -a : -a) : a);

export function igcd(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    let x = a < 0 ? -a : a;
    let y = b < 0 ? -b : b;
    while (y !== 0) {
      const r = x % y;
      x = y;
      y = r;
    }
    return x;
  }
  let x = big(a);
  let y = big(b);
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  while (y !== 0n) {
    const r: bigint = x % y;
    x = y;
    y = r;
  }
  return narrow(x);
}

/** Truncated quotient and remainder (remainder takes n's sign), exactly. */
function idivmod(n: Int, d: Int): [Int, Int] {
  if (typeof n === "number" && typeof d === "number") {
    const r = n % d;
    return [(n - r) / d, r + 0];
  }
  const bn = big(n);
  const bd = big(d);
  return [narrow(bn / bd), narrow(bn % bd)];
}

/**
 * n / d rounded to an integer with a named mode (d > 0), exactly.
 *
 * @example
 * divRound(25, 10, "halfAwayFromZero") // 3
 * divRound(-25, 10, "halfTowardZero") // -2
 * divRound(25, 10, "halfEven") // 2
 */
export function divRound(n: Int, d: Int, mode: RoundingMode): Int {
  const [q, r] = idivmod(n, d);
  if (r === 0 || r === 0n) return q;
  const twice = imul(iabs(r), 2);
  const c = icmp(twice, d);
  const odd = typeof q === "number" ? q % 2 !== 0 : q % 2n !== 0n;
  const away =
    mode === "awayFromZero" ||
    (mode !== "towardZero" && (c > 0 || (c === 0 && (mode === "halfAwayFromZero" || (mode === "halfEven" && odd)))));
  return away ? iadd(q, isign(n)) : q;
}

/** Floor of n / d (d > 0). */
export function divFloor(n: Int, d: Int): Int {
  const [q, r] = idivmod(n, d);
  return r < 0 ? isub(q, 1) : q;
}

// ---------------------------------------------------------------------------------------------
// Rationals

/** n / d as a Q (d > 0), reduced. */
export function frac(n: Int, d: Int): Q {
  if (d === 1 || d === 1n) return n;
  const g = igcd(n, d);
  if (g !== 1 && g !== 1n) {
    n = idivmod(n, g)[0];
    d = idivmod(d, g)[0];
  }
  return d === 1 || d === 1n ? n : { n, d };
}

const num = (q: Q): Int => (typeof q === "object" ? q.n : q);
const den = (q: Q): Int => (typeof q === "object" ? q.d : 1);

export const isWhole = (q: Q): q is Int => typeof q !== "object";

// A fraction plus or minus an integer needs no reduction: gcd(n ± k·d, d) = gcd(n, d) = 1.

export function qadd(a: Q, b: Q): Q {
  if (typeof a !== "object") return typeof b !== "object" ? iadd(a, b) : { n: iadd(imul(a, b.d), b.n), d: b.d };
  if (typeof b !== "object") return { n: iadd(a.n, imul(b, a.d)), d: a.d };
  const ad = den(a);
  const bd = den(b);
  if (ad === bd) return frac(iadd(num(a), num(b)), ad);
  return frac(iadd(imul(num(a), bd), imul(num(b), ad)), imul(ad, bd));
}

export function qsub(a: Q, b: Q): Q {
  if (typeof a !== "object") return typeof b !== "object" ? isub(a, b) : { n: isub(imul(a, b.d), b.n), d: b.d };
  if (typeof b !== "object") return { n: isub(a.n, imul(b, a.d)), d: a.d };
  const ad = den(a);
  const bd = den(b);
  if (ad === bd) return frac(isub(num(a), num(b)), ad);
  return frac(isub(imul(num(a), bd), imul(num(b), ad)), imul(ad, bd));
}

/** a × n / d (d > 0). */
export function qscale(a: Q, n: Int, d: Int): Q {
  return frac(imul(num(a), n), imul(den(a), d));
}

export function qmul(a: Q, b: Q): Q {
  if (typeof a !== "object" && typeof b !== "object") return imul(a, b);
  return frac(imul(num(a), num(b)), imul(den(a), den(b)));
}

/** a / b (b > 0). */
export function qdiv(a: Q, b: Q): Q {
  return frac(imul(num(a), den(b)), imul(den(a), num(b)));
}

export function qcmp(a: Q, b: Q): number {
  if (typeof a !== "object" && typeof b !== "object") return a < b ? -1 : a > b ? 1 : 0;
  return icmp(imul(num(a), den(b)), imul(num(b), den(a)));
}

export const qeq = (a: Q, b: Q): boolean => qcmp(a, b) === 0;
export const qsign = (a: Q): number => isign(num(a));

/** The largest integer <= q. */
export function qfloor(q: Q): Int {
  return typeof q === "object" ? divFloor(q.n, q.d) : q;
}

/** The smallest integer >= q. */
export function qceil(q: Q): Int {
  return typeof q === "object" ? iadd(divFloor(q.n, q.d), 1) : q;
}

/** q rounded to an integer with a named mode. */
export function qround(q: Q, mode: RoundingMode): Int {
  return typeof q === "object" ? divRound(q.n, q.d, mode) : q;
}

/** q as a number (for instants: whole or not, a safe integer part). */
export function qnumber(q: Q): number {
  return typeof q === "object" ? Number(q.n) / Number(q.d) : Number(q);
}

/** Sign of a × b − c × d, exactly. */
export function cmpProducts(a: Q, b: Q, c: Q, d: Q): number {
  return qcmp(qmul(a, b), qmul(c, d));
}

// ---------------------------------------------------------------------------------------------
// Decimal text

/**
 * A decimal string of the files ("0.45", "12", "-3.5") as a Q, exactly; undefined when it is not one.
 *
 * @example
 * decimalQ("0.45") // { n: 9, d: 20 }
 */
export function decimalQ(text: string): Q | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const digits = (m[2] ?? "") + (m[3] ?? "");
  const scale = (m[3] ?? "").length;
  const n = narrow(BigInt(m[1] + digits));
  return frac(n, narrow(10n ** BigInt(scale)));
}

/**
 * The millionths of a decimal string ("0.45" → 450000) as an Int, or undefined when it has more
 * than 6 decimals or is not a decimal.
 */
export function microsOf(text: string): Int | undefined {
  const q = decimalQ(text);
  if (q === undefined) return undefined;
  const m = qmul(q, 1_000_000);
  return isWhole(m) ? m : undefined;
}

const POW10: Int[] = /* @__PURE__ */ Array.from({ length: 40 }, (_, k) => narrow(10n ** BigInt(k)));
const POW10_NUM = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/** 10^k as an Int. */
export const pow10 = (k: number): Int => POW10[k] ?? narrow(10n ** BigInt(k));

/**
 * A Q as decimal text with at most `decimals` decimals, rounded half away from zero, trailing zeros
 * removed ("0" for zero).
 *
 * @example
 * qText({ n: 1, d: 3 }, 6) // "0.333333"
 */
export function qText(q: Q, decimals: number): string {
  return scaledText(qround(qmul(q, pow10(decimals)), "halfAwayFromZero"), decimals);
}

/** An integer of 10^-k units as the shortest decimal text ("1500000", 6 → "1.5"). */
export function scaledText(n: Int, k: number): string {
  if (typeof n === "number" && k === 6 && n >= 0 && n <= 0x7fffffff) {
    // The common case (quantities of receipts), in int32 arithmetic.
    let frac6 = n % 1_000_000;
    const whole = (n - frac6) / 1_000_000;
    if (frac6 === 0) return "" + whole;
    let places = 6;
    while (frac6 % 10 === 0) {
      frac6 /= 10;
      places--;
    }
    return whole + "." + ("" + (POW10_NUM[places]! + frac6)).slice(1);
  }
  const neg = n < 0;
  let digits = (neg ? -n : n).toString();
  if (k > 0) {
    if (digits.length <= k) digits = "0".repeat(k + 1 - digits.length) + digits;
    let end = digits.length;
    const point = end - k;
    while (end > point && digits.charCodeAt(end - 1) === 48) end--;
    digits = end > point ? `${digits.slice(0, point)}.${digits.slice(point, end)}` : digits.slice(0, point);
  }
  return neg && digits !== "0" ? "-" + digits : digits;
}

/** Minor units as money text with exactly `digits` decimals ("9.00", "-0.05", "1250"). */
export function moneyText(minor: Int, digits: number): string {
  if (typeof minor === "number" && digits === 2 && minor >= 0 && minor <= 0x7fffffff) {
    const cents = minor % 100;
    return (minor - cents) / 100 + (cents < 10 ? ".0" : ".") + cents;
  }
  const neg = minor < 0;
  let s = (neg ? -minor : minor).toString();
  if (digits > 0) {
    if (s.length <= digits) s = "0".repeat(digits + 1 - s.length) + s;
    s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  }
  return neg ? "-" + s : s;
}
