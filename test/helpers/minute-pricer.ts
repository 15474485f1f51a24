/**
 * A brute-force reference for how a session is rated: it walks the session one minute at a time,
 * asks Intl for the station's local time of each minute, picks each dimension's first rate whose
 * conditions hold, and adds the minutes (and their energy) up. No slicing, no cut instants, no zone
 * runs, no integers-or-decimals: everything the pricers do cleverly, done slowly.
 *
 * It prices what can be rated minute by minute: sessions whose instants and meter readings fall on
 * whole minutes, and tariffs without steps and without energyKWh or powerKW conditions (those change
 * inside a minute). Amounts are the exact product rounded once, half up (the European markets' mode);
 * quantities are shown to 6 decimals, half up; interpolated energy is rounded to 1e-9 kWh, half up, at
 * each minute (the contract's rule). Taxes and min/max are left to their own tests.
 */
import type { Conditions, Rate } from "../../src/index.js";

export interface MinuteSession {
  readonly start: string;
  readonly chargingEnd: string;
  readonly end: string;
  readonly energyKWh: string;
  readonly meter?: readonly { readonly at: string; readonly kWh: string }[];
}

export interface MinuteTariff {
  readonly energy: readonly Rate[];
  readonly time: readonly Rate[];
  readonly idle: readonly Rate[];
  readonly flat: readonly Rate[];
}

/** A receipt line as the reference sees it: amount in minor units (net, or gross with prices including tax). */
export interface MinuteLine {
  readonly component: "energy" | "time" | "idle" | "flat";
  readonly rate: string | null;
  readonly from: string;
  readonly to: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amountMinor: bigint;
}

const MIN = 60_000;
const NANO = 1_000_000_000n;

/** a / b rounded half up, for a >= 0 and b > 0. */
const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);

/** A decimal string as an integer and a power of ten: "0.45" → [45n, 100n]. */
function fraction(text: string): [bigint, bigint] {
  const [whole, frac = ""] = text.split(".");
  return [BigInt(whole! + frac), 10n ** BigInt(frac.length)];
}

/** An integer count of millionths as the receipts print it: trailing zeros dropped ("0.25", "1"). */
function millionths(n: bigint): string {
  const whole = n / 1_000_000n;
  const frac = (n % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}

const instant = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Local date, weekday and minute of the day of an instant, from Intl. */
function localTime(zone: string): (ms: number) => { weekday: string; minuteOfDay: number } {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (ms) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return { weekday: parts.weekday!.slice(0, 3).toLowerCase(), minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) };
  };
}

interface MinuteView {
  readonly weekday: string;
  readonly minuteOfDay: number;
  readonly sessionMinutes: number;
  readonly idleMinutes: number;
}

const inRange = (v: number, r: { min?: string; max?: string }) => (r.min === undefined || v >= Number(r.min)) && (r.max === undefined || v < Number(r.max));

function holds(when: Conditions | undefined, v: MinuteView): boolean {
  if (!when) return true;
  if (when.energyKWh || when.powerKW || when.dates) throw new Error("the minute pricer does not read energyKWh, powerKW or dates conditions");
  if (when.days && !when.days.includes(v.weekday as (typeof when.days)[number])) return false;
  if (when.timeOfDay) {
    const [fh, fm] = when.timeOfDay.from.split(":").map(Number);
    const [th, tm] = when.timeOfDay.to.split(":").map(Number);
    const from = fh! * 60 + fm!;
    const to = th! * 60 + tm!;
    const inside = to < from ? v.minuteOfDay >= from || v.minuteOfDay < to : v.minuteOfDay >= from && v.minuteOfDay < to;
    if (!inside) return false;
  }
  if (when.sessionMinutes && !inRange(v.sessionMinutes, when.sessionMinutes)) return false;
  if (when.idleMinutes && !inRange(v.idleMinutes, when.idleMinutes)) return false;
  return true;
}

const firstRate = (rates: readonly Rate[], v: MinuteView) => rates.findIndex((r) => holds(r.when, v));

/** Energy delivered by the end of each minute of charging, in 1e-9 kWh: linear between meter points, rounded half up. */
function energyByMinute(s: MinuteSession, start: number, minutes: number): bigint[] {
  const points: [number, bigint][] = [[0, 0n]];
  for (const r of s.meter ?? []) {
    const m = (Date.parse(r.at) - start) / MIN;
    if (m > 0 && m < minutes) points.push([m, fraction(r.kWh)[0] * (NANO / fraction(r.kWh)[1])]);
  }
  const [e, scale] = fraction(s.energyKWh);
  points.push([minutes, e * (NANO / scale)]);
  const out: bigint[] = [0n];
  let k = 0;
  for (let m = 1; m <= minutes; m++) {
    while (points[k + 1]![0] < m) k++;
    const [m0, e0] = points[k]!;
    const [m1, e1] = points[k + 1]!;
    out.push(e0 + halfUp((e1 - e0) * BigInt(m - m0), BigInt(m1 - m0)));
  }
  return out;
}

/**
 * The lines of energy, time, idle and flat a session comes to under a tariff, minute by minute.
 *
 * @example
 * minuteLines({ energy: [{ price: "0.45" }], time: [], idle: [], flat: [] }, session, "Europe/Paris", 2)
 */
export function minuteLines(t: MinuteTariff, s: MinuteSession, zone: string, digits: number): MinuteLine[] {
  const start = Date.parse(s.start);
  const chargingEnd = Date.parse(s.chargingEnd);
  const end = Date.parse(s.end);
  const charging = (chargingEnd - start) / MIN;
  const total = (end - start) / MIN;
  const local = localTime(zone);
  const energy = energyByMinute(s, start, charging);
  const scale = 10n ** BigInt(digits);

  const lines: MinuteLine[] = [];
  for (const component of ["energy", "time", "idle"] as const) {
    const rates = t[component];
    if (rates.length === 0) continue;
    // Consecutive minutes at one rate (or at none) make one line.
    let open: { rate: number; from: number; to: number; quantity: bigint } | undefined;
    const close = () => {
      if (!open || open.quantity === 0n) return;
      const rate = open.rate >= 0 ? rates[open.rate]! : undefined;
      const [price, priceScale] = fraction(rate?.price ?? "0");
      // Energy in 1e-9 kWh; time in minutes.
      const amountMinor = component === "energy" ? halfUp(open.quantity * price * scale, NANO * priceScale) : halfUp(open.quantity * price * scale, 60n * priceScale);
      lines.push({
        component,
        rate: rate ? `/${component}/${open.rate}` : null,
        from: instant(open.from),
        to: instant(open.to),
        quantity: millionths(component === "energy" ? halfUp(open.quantity, 1000n) : halfUp(open.quantity * 1_000_000n, 60n)),
        unitPrice: rate ? rate.price : digits ? "0." + "0".repeat(digits) : "0",
        amountMinor,
      });
    };
    const [first, last] = component === "idle" ? [charging, total] : [0, charging];
    for (let m = first; m < last; m++) {
      const at = start + m * MIN;
      const view = { ...local(at), sessionMinutes: m, idleMinutes: component === "idle" ? m - charging : 0 };
      const rate = firstRate(rates, view);
      const quantity = component === "energy" ? energy[m + 1]! - energy[m]! : 1n;
      if (open && open.rate === rate) {
        open.to = at + MIN;
        open.quantity += quantity;
      } else {
        close();
        open = { rate, from: at, to: at + MIN, quantity };
      }
    }
    close();
  }
  if (t.flat.length > 0) {
    const rate = firstRate(t.flat, { ...local(start), sessionMinutes: 0, idleMinutes: 0 });
    if (rate >= 0) {
      const [price, priceScale] = fraction(t.flat[rate]!.price);
      lines.push({ component: "flat", rate: `/flat/${rate}`, from: instant(start), to: instant(end), quantity: "1", unitPrice: t.flat[rate]!.price, amountMinor: halfUp(price * scale, priceScale) });
    }
  }
  return lines;
}

