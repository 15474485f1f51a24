import { compiledFor, type CompiledTariff } from "../compile/compile.js";
import { Dec, displayDecimal, MS_PER_HOUR, ZERO } from "../money/decimal.js";
import { formatMoney, moneyFromMinor } from "../money/money.js";
import { runPricing, type PricedLine } from "../price/price-session.js";
import type { Receipt } from "../receipt/types.js";
import { TariffError } from "../schema/errors.js";
import { decimalText, isDecimal } from "../schema/fields.js";
import { DEFAULT_MAX_SESSION_DAYS } from "../schema/parse-session.js";
import type { Session, Tariff } from "../schema/types.js";
import { formatInstant } from "../time/instants.js";
import type { ZoneProvider } from "../time/zones.js";
import { instantMs, type InstantInput } from "./instant-input.js";

/** What a driver plans: when, how much energy, at what power, and how long the car stays after. */
export interface QuoteInput {
  readonly start: InstantInput;
  /** Energy to deliver, kWh (decimal, at most 6 decimals). */
  readonly kWh: string | number;
  /** Constant charging power, kW (> 0 when kWh > 0). */
  readonly powerKW: string | number;
  /** Minutes plugged in after charging ends (default 0). */
  readonly idleMinutes?: string | number;
  readonly payment?: "card" | "app" | "cash";
}

/** The components a cost curve follows. */
export type CurveComponent = "energy" | "time" | "idle" | "flat" | "excise";

/** The cumulative cost at one instant of the quoted session. */
export interface CurvePoint {
  /** Minutes since the start: 0, 1, 2, …; the last point is the session end (maybe a fraction of a minute). */
  readonly minute: number;
  readonly at: string;
  /** Energy delivered by then, kWh. */
  readonly kWh: string;
  /** Cumulative amount per component (exact decimal strings, see `CostCurve`). */
  readonly cost: Readonly<Partial<Record<CurveComponent, string>>>;
  readonly total: string;
}

/**
 * Cumulative cost by minute, per component, in the tariff's currency and price basis (including
 * tax when the tariff's prices include it, else excluding it).
 *
 * Amounts are exact decimals (60 significant digits) shown rounded half away from zero to 12
 * decimals: an amount with at most 12 decimals is shown exactly. Before the last point, each
 * component is its quantity so far times the rate that applied, with no step rounding; a flat fee
 * counts from minute 0. The last point (the session end) is, per component, the sum of the exact
 * amounts of the receipt's lines of that component: metered quantities plus step rounding, before
 * each line is rounded to the minor unit, before min/max adjustments, taxes and cash rounding.
 * `subtotal` is those lines rounded (as the receipt rounds them) and added up.
 */
export interface CostCurve {
  readonly currency: string;
  readonly pricesInclude: "tax" | "none";
  readonly components: readonly CurveComponent[];
  readonly points: readonly CurvePoint[];
  /** Sum of the receipt's component lines, each rounded to the minor unit: before min/max, tax and cash rounding. */
  readonly subtotal: string;
}

/** Options of `quote`. */
export interface QuoteOptions {
  /** Where the tariff's zone comes from when `tariff` is not compiled yet: Intl (default) or `embeddedZones`. */
  readonly zones?: ZoneProvider;
}

/** A quote: the session it assumes, its receipt, and the cost curve. */
export interface Quote {
  readonly session: Session;
  readonly receipt: Receipt;
  readonly curve: CostCurve;
}

const WHAT = "quote input";
const fail = (path: string, message: string): never => {
  throw new TariffError([{ path, message }], WHAT);
};
const DECIMAL_MESSAGE = 'must be a non-negative decimal with at most 6 decimals, e.g. "0.45"';
const show = (d: Dec) => displayDecimal(d, 12);

function decimalInput(value: unknown, path: string): Dec {
  if (!isDecimal(value)) fail(path, DECIMAL_MESSAGE);
  return new Dec(decimalText(value as string | number));
}

/**
 * Prices a planned session before plugging in: charging for `kWh / powerKW` hours (rounded to the
 * millisecond, at least 1 ms when kWh > 0) with energy flowing evenly, then `idleMinutes` idle.
 * The receipt is `priceSession` of `quote.session`.
 *
 * @example
 * const { receipt, curve } = quote(tariff, { start: "2026-06-01T16:30:00Z", kWh: 30, powerKW: 60, idleMinutes: 20 });
 * curve.points[10].total // cumulative cost after 10 minutes
 */
export function quote(tariff: Tariff | CompiledTariff, input: QuoteInput, options: QuoteOptions = {}): Quote {
  const ct = compiledFor(tariff, options.zones);
  const start = instantMs(input.start, "/start", WHAT);
  const kWh = decimalInput(input.kWh, "/kWh");
  const power = decimalInput(input.powerKW, "/powerKW");
  const idleMinutes = input.idleMinutes === undefined ? ZERO : decimalInput(input.idleMinutes, "/idleMinutes");
  const payment = input.payment ?? "card";
  if (payment !== "card" && payment !== "app" && payment !== "cash") fail("/payment", 'must be "card", "app" or "cash"');
  if (kWh.gt(0) && power.isZero()) fail("/powerKW", "must be more than 0 when energy is delivered");

  let chargingMs = kWh.isZero() ? 0 : kWh.div(power).times(MS_PER_HOUR).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  if (kWh.gt(0) && chargingMs === 0) chargingMs = 1;
  const idleMs = idleMinutes.times(60_000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  const maxMs = DEFAULT_MAX_SESSION_DAYS * 86_400_000;
  if (chargingMs > maxMs) fail("/powerKW", `makes charging last longer than ${DEFAULT_MAX_SESSION_DAYS} days`);
  if (chargingMs + idleMs > maxMs) fail("/idleMinutes", `makes the session last longer than ${DEFAULT_MAX_SESSION_DAYS} days`);
  const chargingEnd = start + chargingMs;
  const end = chargingEnd + idleMs;
  const session: Session = {
    start: formatInstant(start),
    chargingEnd: formatInstant(chargingEnd),
    end: formatInstant(end),
    energyKWh: decimalText(input.kWh as string | number),
    payment,
  };
  const run = runPricing(ct, session);
  return { session, receipt: run.receipt, curve: costCurve(run.compiled, run, start, end) };
}

type Run = ReturnType<typeof runPricing>;

function costCurve(ct: CompiledTariff, run: Run, start: number, end: number): CostCurve {
  const { slices, lines } = run;
  const components: CurveComponent[] = [];
  for (const c of ["energy", "time", "idle", "flat"] as const) if (ct.rates[c].length > 0) components.push(c);
  const excise = lines.filter((l) => l.component === "excise");
  if (excise.length > 0) components.push("excise");
  const exciseRate = excise.reduce((acc, l) => acc.plus(l.unitPrice), ZERO);
  const flat = lines.find((l) => l.component === "flat")?.exact ?? ZERO;

  // The unit price each slice was billed at, per metered dimension, from the run's own lines.
  const priceOf = { energy: new Map<number, Dec>(), time: new Map<number, Dec>(), idle: new Map<number, Dec>() };
  for (const line of lines) {
    if (!line.segment) continue;
    for (const i of line.segment.slices) priceOf[line.segment.dimension].set(i, line.unitPrice);
  }
  /** Cost of slice `i` from its start to `t` (`t` inside it, or its end), and the energy by `t`. */
  const partial = (i: number, t: Dec) => {
    const s = slices[i]!;
    const span = s.to.minus(s.from);
    const upTo = (t.lt(s.to) ? t : s.to).minus(s.from);
    const energy = s.charging ? s.energyTo.minus(s.energyFrom).times(upTo).div(span) : ZERO;
    const price = (d: "energy" | "time" | "idle") => priceOf[d].get(i) ?? ZERO;
    return {
      kWh: s.energyFrom.plus(energy),
      energy: energy.times(price("energy")),
      time: s.charging ? upTo.times(price("time")).div(MS_PER_HOUR) : ZERO,
      idle: s.charging ? ZERO : upTo.times(price("idle")).div(MS_PER_HOUR),
    };
  };

  const points: CurvePoint[] = [];
  const done = { energy: ZERO, time: ZERO, idle: ZERO };
  let k = 0;
  const instants: number[] = [];
  for (let t = start; t < end; t += 60_000) instants.push(t);
  instants.push(end);
  for (const t of instants) {
    const at = new Dec(t);
    while (k < slices.length && slices[k]!.to.lte(at)) {
      const p = partial(k, slices[k]!.to);
      done.energy = done.energy.plus(p.energy);
      done.time = done.time.plus(p.time);
      done.idle = done.idle.plus(p.idle);
      k++;
    }
    const inSlice = k < slices.length && slices[k]!.from.lt(at) ? partial(k, at) : undefined;
    const kWh = inSlice ? inSlice.kWh : k < slices.length ? slices[k]!.energyFrom : run.profile.energyKWh;
    const values: Record<CurveComponent, Dec> =
      t === end
        ? {
            energy: sumOf(lines, "energy"),
            time: sumOf(lines, "time"),
            idle: sumOf(lines, "idle"),
            flat,
            excise: sumOf(lines, "excise"),
          }
        : {
            energy: done.energy.plus(inSlice?.energy ?? ZERO),
            time: done.time.plus(inSlice?.time ?? ZERO),
            idle: done.idle.plus(inSlice?.idle ?? ZERO),
            flat,
            excise: exciseRate.times(kWh),
          };
    const cost: Partial<Record<CurveComponent, string>> = {};
    let total = ZERO;
    for (const c of components) {
      cost[c] = show(values[c]);
      total = total.plus(values[c]);
    }
    points.push({ minute: (t - start) / 60_000, at: formatInstant(t), kWh: show(kWh), cost, total: show(total) });
  }
  const subtotalMinor = lines.filter((l) => (components as string[]).includes(l.component)).reduce((acc, l) => acc + l.amountMinor, 0n);
  return {
    currency: run.billing.code,
    pricesInclude: ct.pricesInclude,
    components,
    points,
    subtotal: formatMoney(moneyFromMinor(subtotalMinor, run.billing)),
  };
}

function sumOf(lines: readonly PricedLine[], component: CurveComponent): Dec {
  return lines.filter((l) => l.component === component).reduce((acc, l) => acc.plus(l.exact), ZERO);
}
