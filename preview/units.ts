/**
 * Plain units for the preview page's driver view: durations as "1 h 25 min", energy to the Wh. Pure
 * functions of decimal strings and whole numbers (no DOM), tested in test/preview/units.test.ts.
 */

/** The words of a duration: the library's phrases give them per language (hourAbbr, minuteAbbr, secondAbbr). */
export interface DurationUnits {
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

export const EN_UNITS: DurationUnits = { hour: "h", minute: "min", second: "s" };

/** A decimal string without trailing zeros after the point ("1.50" → "1.5", "2.0" → "2"). */
export function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/**
 * Whole seconds as "5 min", "54 min 30 s", "1 h 25 min": under an hour to the second, from an hour on to
 * the nearest minute (half a minute up). `number` formats each count for the locale.
 */
export function durationText(seconds: number, units: DurationUnits = EN_UNITS, number: (n: string) => string = String): string {
  if (seconds >= 3600) {
    const minutes = Math.floor((seconds + 30) / 60);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return [`${number(String(h))} ${units.hour}`, ...(m ? [`${number(String(m))} ${units.minute}`] : [])].join(" ");
  }
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const parts = [...(m ? [`${number(String(m))} ${units.minute}`] : []), ...(s ? [`${number(String(s))} ${units.second}`] : [])];
  return parts.length ? parts.join(" ") : `0 ${units.minute}`;
}

/** A receipt's hours (a non-negative decimal string, at most 6 decimals) as whole seconds, half up: "0.083333" → 300. */
export function hoursToSeconds(hours: string): number {
  const [whole = "0", frac = ""] = hours.split(".");
  const micro = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, "0").slice(0, 6));
  return Number((micro * 36n + 5_000n) / 10_000n); // a micro-hour is 0.0036 s
}

/** A non-negative decimal string rounded half up to at most `digits` (≥ 1) decimals, trailing zeros dropped. */
export function roundDecimal(value: string, digits: number): string {
  const [whole = "0", frac = ""] = value.split(".");
  if (frac.length <= digits) return trimZeros(value);
  const scaled = BigInt(whole + frac.slice(0, digits)) + (Number(frac[digits]) >= 5 ? 1n : 0n);
  const text = scaled.toString().padStart(digits + 1, "0");
  return trimZeros(`${text.slice(0, -digits)}.${text.slice(-digits)}`);
}

/** b − a for two decimal strings (money as a receipt writes it), exactly: "35.10" − "31.72" → "3.38". */
export function differenceText(b: string, a: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  const diff = scaled(b, scale) - scaled(a, scale);
  const sign = diff < 0n ? "-" : "";
  const digits = (diff < 0n ? -diff : diff).toString().padStart(scale + 1, "0");
  return scale ? `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}` : `${sign}${digits}`;
}

function decimals(v: string): number {
  const dot = v.indexOf(".");
  return dot < 0 ? 0 : v.length - dot - 1;
}

function scaled(v: string, scale: number): bigint {
  const negative = v.startsWith("-");
  const [whole = "0", frac = ""] = (negative ? v.slice(1) : v).split(".");
  const n = BigInt(whole + frac.padEnd(scale, "0"));
  return negative ? -n : n;
}

/** (b − a) / a as a percentage with one decimal, rounded half away from zero, exactly ("+10.7", "-3.0", "0.0"); undefined when a is 0. */
export function changePercent(b: string, a: string): string | undefined {
  const scale = Math.max(decimals(a), decimals(b));
  const base = scaled(a, scale);
  if (base === 0n) return undefined;
  const diff = scaled(b, scale) - base;
  const num = diff * 1000n * (base < 0n ? -1n : 1n);
  const den = base < 0n ? -base : base;
  const tenths = (num < 0n ? -1n : 1n) * (((num < 0n ? -num : num) * 2n + den) / (2n * den));
  const abs = (tenths < 0n ? -tenths : tenths).toString().padStart(2, "0");
  return `${tenths < 0n ? "-" : tenths > 0n ? "+" : ""}${abs.slice(0, -1)}.${abs.slice(-1)}`;
}
