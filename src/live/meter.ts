import { compiledFor, type CompiledTariff } from "../compile/compile.js";
import { Dec, MS_PER_HOUR, ZERO } from "../money/decimal.js";
import { priceSession, sliceProfile, type PriceOptions } from "../price/price-session.js";
import type { CutReason, EnergyPoint, MeteredDimension, SessionProfile, Slice } from "../price/types.js";
import type { Receipt } from "../receipt/types.js";
import { TariffError } from "../schema/errors.js";
import { MAX_SESSION_DAYS, parseSession } from "../schema/parse-session.js";
import { decimalText, isDecimal } from "../schema/fields.js";
import type { Session, Tariff } from "../schema/types.js";
import { formatInstant } from "../time/instants.js";
import type { ZoneProvider } from "../time/zones.js";
import { instantMs, type InstantInput } from "./instant-input.js";

/** Options of `startMeter`. */
export interface MeterOptions {
  /** When the session started (plug-in). */
  readonly start: InstantInput;
  readonly payment?: "card" | "app" | "cash";
  /** The session id receipts carry. */
  readonly id?: string;
  /** Passed to `priceSession` for every cost (e.g. `ignoreValidity`, or billing in another currency). */
  readonly priceOptions?: Omit<PriceOptions, "profile">;
  /** Where the tariff's zone comes from when `tariff` is not compiled yet: Intl (default) or `embeddedZones`. */
  readonly zones?: ZoneProvider;
}

/** A cumulative meter reading: kWh delivered since the session start. */
export interface MeterReadingInput {
  readonly at: InstantInput;
  readonly kWh: string | number;
}

export type MeterState = "charging" | "idle" | "stopped";

/**
 * A unit price in force: per kWh (energy) or per hour (time, idle), as the tariff writes it; when no
 * rate applies (free), 0 in the currency's settlement digits ("0.00" for EUR, "0" for CLP).
 */
export interface UnitPrice {
  readonly price: string;
  /** JSON Pointer of the rate that applies, or null when none does (free). */
  readonly rate: string | null;
}

/**
 * The unit prices in force at an instant. Only the dimensions billed in that phase and priced by
 * the tariff appear: energy and time while charging, idle while idle.
 */
export interface UnitPrices {
  readonly phase: "charging" | "idle";
  readonly energy?: UnitPrice;
  readonly time?: UnitPrice;
  readonly idle?: UnitPrice;
}

/** The next instant at which a unit price changes, if the session goes on as it is. */
export interface PriceChange {
  /** The first whole millisecond at which the new prices apply, RFC 3339 UTC. */
  readonly at: string;
  readonly atMs: number;
  /** Why the price changes there: "localTime", "offsetChange" (DST), "energyKWh", "sessionMinutes", "idleMinutes", … */
  readonly reasons: readonly CutReason[];
  readonly before: UnitPrices;
  readonly after: UnitPrices;
  /** The power the projection assumed for the rest of the charging ("0" while idle). */
  readonly assumedPowerKW: string;
}

/** Options of `nextChange` and `prices`. */
export interface ProjectionOptions {
  /**
   * Power to assume from the last reading on while charging, in kW. Default: the average power
   * between the last two readings (the session start counts as a reading of 0 kWh); 0 before the
   * first reading.
   */
  readonly powerKW?: string | number;
  /** How far ahead to look, in hours (default 168: a week). */
  readonly horizonHours?: number;
}

/** A running session: takes readings and state changes, answers the cost so far and what comes next. */
export interface Meter {
  readonly state: MeterState;
  readonly tariff: CompiledTariff;
  /** A cumulative reading (kWh since start). Readings come in time order and never decrease. */
  update(reading: MeterReadingInput): void;
  /** Energy stopped flowing at `at` (optionally with the final reading); idle time starts. */
  stopCharging(at: InstantInput, kWh?: string | number): void;
  /** The vehicle left at `at` (stops charging too, if it had not): the final receipt. */
  stop(at: InstantInput, kWh?: string | number): Receipt;
  /**
   * The receipt of the session so far, as if it ended at `at` (default: the last event): energy as
   * last read (no extrapolation), charging time or idle time up to `at`. After `stop`, the final receipt.
   */
  cost(at?: InstantInput): Receipt;
  /** The unit prices in force at `at` (default: the last event). */
  prices(at?: InstantInput, options?: ProjectionOptions): UnitPrices;
  /**
   * The next instant after `at` (default: the last event) at which a unit price (per kWh, per hour
   * of charging, per hour of idle) changes if the session goes on in its current phase, or null
   * when none does within the horizon (and after `stop`). See `ProjectionOptions` for the power it assumes.
   */
  nextChange(at?: InstantInput, options?: ProjectionOptions): PriceChange | null;
  /** The session so far as a session document, ending at `at` (default: the last event). */
  session(at?: InstantInput): Session;
  /** The final receipt; throws before `stop`. */
  receipt(): Receipt;
}

interface Reading {
  readonly at: number;
  readonly kWh: Dec;
  readonly text: string;
}

const WHAT = "meter input";
const fail = (path: string, message: string): never => {
  throw new TariffError([{ path, message }], WHAT);
};

/**
 * Starts pricing a session live: what a charger's display or an app shows while charging. Every
 * cost is `priceSession` of the session so far, so the final receipt is exactly `priceSession` of
 * the same session.
 *
 * Limits of `nextChange`: it projects the current phase only (a charging session is not assumed to
 * stop, an idle one not to resume); energy thresholds depend on future power, taken as constant
 * (see `ProjectionOptions.powerKW`); flat fees, steps and min/max caps are not unit prices and do
 * not count as changes; a change of rate at the same price is not a change.
 *
 * @example
 * const meter = startMeter(tariff, { start: "2026-03-28T23:30:00Z", payment: "card" });
 * meter.update({ at: "2026-03-28T23:45:00Z", kWh: "11.2" });
 * meter.cost().totals.gross;           // the cost so far
 * meter.nextChange()?.at;              // when the price per kWh or per hour changes next
 * meter.stopCharging("2026-03-29T00:40:00Z", "40.1");
 * const receipt = meter.stop("2026-03-29T01:00:00Z");
 */
export function startMeter(tariff: Tariff | CompiledTariff, options: MeterOptions): Meter {
  const ct = compiledFor(tariff, options.zones);
  const start = instantMs(options.start, "/start", WHAT);
  const payment = options.payment ?? "card";
  if (payment !== "card" && payment !== "app" && payment !== "cash") fail("/payment", 'must be "card", "app" or "cash"');
  const priceOptions = options.priceOptions ?? {};

  const readings: Reading[] = [];
  let chargingEnd: number | undefined;
  let end: number | undefined;
  let lastEvent = start;
  let final: Receipt | undefined;

  const state = (): MeterState => (end !== undefined ? "stopped" : chargingEnd !== undefined ? "idle" : "charging");
  const lastKWh = () => readings[readings.length - 1]?.kWh ?? ZERO;
  const lastText = () => readings[readings.length - 1]?.text ?? "0";

  /** An instant at or after the last event (default: the last event). */
  const when = (at: InstantInput | undefined, path: string): number => {
    if (at === undefined) return lastEvent;
    const ms = instantMs(at, path, WHAT);
    if (ms < lastEvent) fail(path, `is before the meter's last event (${formatInstant(lastEvent)}): events come in time order`);
    return ms;
  };

  // Parsed (priceSession checks any other session), up to the longest session the library prices.
  const sessionAt = (t: number): Session =>
    parseSession(
      {
        ...(options.id !== undefined ? { id: options.id } : {}),
        start: formatInstant(start),
        end: formatInstant(end ?? t),
        chargingEnd: formatInstant(chargingEnd ?? t),
        energyKWh: lastText(),
        ...(readings.length ? { meter: readings.map((r) => ({ at: formatInstant(r.at), kWh: r.text })) } : {}),
        payment,
      },
      { maxSessionDays: MAX_SESSION_DAYS },
    );

  const update = (reading: MeterReadingInput): void => {
    if (state() === "stopped") fail("/at", "comes after the session stopped");
    const at = instantMs(reading.at, "/at", WHAT);
    if (!isDecimal(reading.kWh)) fail("/kWh", 'must be a non-negative decimal with at most 6 decimals, e.g. "12.5"');
    const text = decimalText(reading.kWh as string | number);
    const kWh = new Dec(text);
    const last = readings[readings.length - 1];
    if (at < start) fail("/at", "is before the session start");
    if (at === start) {
      if (!kWh.isZero()) fail("/kWh", "must be 0 at the session start (readings count energy since start)");
      return;
    }
    if (last && at === last.at && kWh.eq(last.kWh)) return; // the same reading again
    if (at < lastEvent || (last && at === last.at))
      fail("/at", `must be later than the meter's last event (${formatInstant(lastEvent)}): readings in time order, one per instant`);
    if (kWh.lt(lastKWh())) fail("/kWh", `must not be less than the previous reading (${lastKWh().toFixed()}): readings are cumulative`);
    if (chargingEnd !== undefined) {
      if (!kWh.eq(lastKWh())) fail("/kWh", `must equal ${lastKWh().toFixed()} kWh: no energy flows after charging stopped`);
      return;
    }
    readings.push({ at, kWh, text });
    lastEvent = at;
  };

  const stopCharging = (at: InstantInput, kWh?: string | number): void => {
    if (state() !== "charging") fail("/at", `cannot stop charging: the session is ${state()}`);
    if (kWh !== undefined) update({ at, kWh });
    const ms = when(at, "/at");
    if (lastKWh().gt(0) && ms === start) fail("/at", "energy was delivered, so charging cannot end at the session start");
    chargingEnd = ms;
    lastEvent = ms;
  };

  const stop = (at: InstantInput, kWh?: string | number): Receipt => {
    if (state() === "stopped") fail("/at", "the session has already stopped");
    if (state() === "charging") stopCharging(at, kWh);
    else if (kWh !== undefined) update({ at, kWh });
    const ms = when(at, "/at");
    end = ms;
    lastEvent = ms;
    final = priceSession(ct, sessionAt(ms), priceOptions);
    return final;
  };

  const cost = (at?: InstantInput): Receipt => {
    const t = when(at, "/at");
    if (final) return final;
    return priceSession(ct, sessionAt(t), priceOptions);
  };

  /** The session from its start to `horizon`, going on in its current phase. */
  const projection = (power: Dec, horizon: number): SessionProfile => {
    const points: EnergyPoint[] = [{ at: start, kWh: ZERO }, ...readings.map((r) => ({ at: r.at, kWh: r.kWh }))];
    if (chargingEnd === undefined) {
      const last = points[points.length - 1]!;
      const energy = last.kWh.plus(power.times(horizon - last.at).div(MS_PER_HOUR));
      if (horizon > last.at) points.push({ at: horizon, kWh: energy });
      return { start, chargingEnd: horizon, end: horizon, energyKWh: energy, points, idle: [] };
    }
    const inside = points.filter((p) => p.at < chargingEnd!);
    if (chargingEnd > start) inside.push({ at: chargingEnd, kWh: lastKWh() });
    return { start, chargingEnd, end: horizon, energyKWh: lastKWh(), points: inside, idle: horizon > chargingEnd ? [{ from: chargingEnd, to: horizon }] : [] };
  };

  const assumedPower = (o: ProjectionOptions): Dec => {
    if (chargingEnd !== undefined) return ZERO;
    if (o.powerKW !== undefined) {
      if (!isDecimal(o.powerKW)) fail("/powerKW", 'must be a non-negative decimal with at most 6 decimals, e.g. "50"');
      return new Dec(decimalText(o.powerKW));
    }
    const last = readings[readings.length - 1];
    if (!last) return ZERO;
    const prev = readings[readings.length - 2] ?? { at: start, kWh: ZERO };
    return last.kWh.minus(prev.kWh).times(MS_PER_HOUR).div(last.at - prev.at);
  };

  // A dimension no rate prices costs 0, in the currency's settlement digits ("0.00" beside "24.00"), as receipts print it.
  const freePrice = ZERO.toFixed(ct.currency.settlementDigits);
  const unitPrices = (slice: Slice): UnitPrices => {
    const dims: MeteredDimension[] = slice.charging ? ["energy", "time"] : ["idle"];
    const out: { phase: "charging" | "idle"; energy?: UnitPrice; time?: UnitPrice; idle?: UnitPrice } = {
      phase: slice.charging ? "charging" : "idle",
    };
    for (const d of dims) {
      if (ct.rates[d].length === 0) continue;
      // The rate the engine applied in this slice.
      const rate = slice.chosen[d] ?? null;
      out[d] = { price: rate ? rate.priceText : freePrice, rate: rate ? rate.pointer : null };
    }
    return out;
  };

  const samePrices = (a: UnitPrices, b: UnitPrices): boolean =>
    a.phase === b.phase &&
    (["energy", "time", "idle"] as const).every((d) => new Dec(a[d]?.price ?? "0").eq(b[d]?.price ?? "0"));

  /** The projected slices and the index of the one in force at `now`. */
  const project = (at: InstantInput | undefined, o: ProjectionOptions) => {
    const now = when(at, "/at");
    const hours = o.horizonHours ?? 168;
    if (!(hours > 0 && hours <= 24 * 366)) fail("/horizonHours", "must be more than 0 and at most a year (8784 hours)");
    const power = assumedPower(o);
    const horizon = now + Math.ceil(hours * 3_600_000);
    const slices = sliceProfile(ct, projection(power, horizon));
    const index = slices.findIndex((s) => s.from.lte(now) && s.to.gt(now));
    return { now, power, slices, index };
  };

  const prices = (at?: InstantInput, o: ProjectionOptions = {}): UnitPrices => {
    if (state() === "stopped") fail("/at", "the session has stopped");
    const { slices, index } = project(at, o);
    return unitPrices(slices[index]!);
  };

  const nextChange = (at?: InstantInput, o: ProjectionOptions = {}): PriceChange | null => {
    if (state() === "stopped") {
      when(at, "/at");
      return null;
    }
    const { power, slices, index } = project(at, o);
    const before = unitPrices(slices[index]!);
    for (let j = index + 1; j < slices.length; j++) {
      const after = unitPrices(slices[j]!);
      if (samePrices(before, after)) continue;
      const atMs = slices[j]!.from.toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber();
      return { at: formatInstant(atMs), atMs, reasons: slices[j]!.cutReasons, before, after, assumedPowerKW: power.toSignificantDigits(15).toFixed() };
    }
    return null;
  };

  // Fail now, not at the first cost, when the tariff cannot price a session starting here
  // (outside validFrom/validTo, or a date the market's tax table does not cover).
  priceSession(ct, sessionAt(start), priceOptions);

  return {
    get state() {
      return state();
    },
    tariff: ct,
    update,
    stopCharging,
    stop,
    cost,
    prices,
    nextChange,
    session: (at?: InstantInput) => (end !== undefined ? sessionAt(end) : sessionAt(when(at, "/at"))),
    receipt: () => final ?? fail("", "the session has not stopped yet: call stop(at) first"),
  };
}
