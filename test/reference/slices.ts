import type { CompiledTariff } from "../../src/compile/compile.js";
import type { ConditionContext } from "../../src/compile/conditions.js";
import { Dec, floorNumber, MS_PER_HOUR, MS_PER_MINUTE, ZERO } from "../../src/money/decimal.js";
import { fromLocal, localMidnight, localParts, MS_PER_DAY, offsetChanges, toLocal } from "../../src/time/zones.js";
import { energyAt, instantOfEnergy, type SessionProfile } from "./energy-profile.js";
import type { CutReason, Slice as LibrarySlice } from "../../src/price/types.js";


/** A slice as the library shows it, without the rates the engine chose (this pricer chooses them later). */
export type Slice = Omit<LibrarySlice, "chosen">;

interface Cut {
  readonly at: Dec;
  readonly reason: CutReason;
  /** Known exact energy at the cut (thresholds), else interpolated. */
  readonly kWh?: Dec;
}

/**
 * Cuts a session wherever something a condition depends on can change: charging end, meter
 * readings, energy, session and idle minute thresholds, and (when the tariff has local-time
 * conditions) every local time-of-day edge and every UTC offset change in the tariff's zone.
 */
export function sliceSession(ct: CompiledTariff, p: SessionProfile): Slice[] {
  const { start, end, chargingEnd } = p;
  const cuts: Cut[] = [
    { at: new Dec(start), reason: "start" },
    { at: new Dec(chargingEnd), reason: "chargingEnd" },
    { at: new Dec(end), reason: "end" },
  ];
  for (const point of p.points) {
    const implicit = point.at === start || point.at === chargingEnd;
    cuts.push({ at: new Dec(point.at), reason: implicit ? (point.at === start ? "start" : "chargingEnd") : "meter", kWh: point.kWh });
  }
  for (const kWh of ct.energyThresholds) {
    if (kWh.lte(0) || kWh.gte(p.energyKWh)) continue;
    const at = instantOfEnergy(p, kWh);
    if (at) cuts.push({ at, reason: "energyKWh", kWh });
  }
  for (const minutes of ct.sessionMinuteThresholds) cuts.push({ at: minutes.times(MS_PER_MINUTE).plus(start), reason: "sessionMinutes" });
  for (const idle of p.idle) {
    if (idle.from !== chargingEnd) cuts.push({ at: new Dec(idle.from), reason: "idleStart" });
    if (idle.to !== end) cuts.push({ at: new Dec(idle.to), reason: "idleEnd" });
    for (const minutes of ct.idleMinuteThresholds) cuts.push({ at: minutes.times(MS_PER_MINUTE).plus(idle.from), reason: "idleMinutes" });
  }
  if (ct.localEdges.length > 0 && end > start) {
    const firstDay = localMidnight(toLocal(ct.zone, start)) - MS_PER_DAY;
    const lastDay = localMidnight(toLocal(ct.zone, end)) + MS_PER_DAY;
    for (let day = firstDay; day <= lastDay; day += MS_PER_DAY) {
      for (const edge of ct.localEdges) {
        for (const at of fromLocal(ct.zone, day + edge)) cuts.push({ at: new Dec(at), reason: "localTime" });
      }
    }
    for (const at of offsetChanges(ct.zone, start, end)) cuts.push({ at: new Dec(at), reason: "offsetChange" });
  }

  const inside = cuts.filter((c) => c.at.gte(start) && c.at.lte(end)).sort((a, b) => a.at.cmp(b.at));
  const merged: { at: Dec; reasons: CutReason[]; kWh?: Dec }[] = [];
  for (const c of inside) {
    const last = merged[merged.length - 1];
    if (last && last.at.eq(c.at)) {
      if (!last.reasons.includes(c.reason)) last.reasons.push(c.reason);
      if (c.kWh && !last.kWh) last.kWh = c.kWh;
    } else merged.push({ at: c.at, reasons: [c.reason], ...(c.kWh ? { kWh: c.kWh } : {}) });
  }
  const energies = merged.map((c) => c.kWh ?? energyAt(p, c.at));

  const slices: Slice[] = [];
  let idleIndex = 0;
  for (let i = 0; i + 1 < merged.length; i++) {
    const from = merged[i]!.at;
    const to = merged[i + 1]!.at;
    while (idleIndex < p.idle.length && from.gte(p.idle[idleIndex]!.to)) idleIndex++;
    const idle = p.idle[idleIndex];
    const charging = !(idle && from.gte(idle.from) && to.lte(idle.to));
    const energyFrom = energies[i]!;
    const energyTo = charging ? energies[i + 1]! : energyFrom;
    const fromMs = floorNumber(from);
    const localFrom = toLocal(ct.zone, fromMs);
    const parts = localParts(localFrom);
    const hours = to.minus(from).div(MS_PER_HOUR);
    slices.push({
      from,
      to,
      charging,
      energyFrom,
      energyTo,
      cutReasons: merged[i]!.reasons,
      localFrom,
      context: {
        date: parts.date,
        weekday: parts.weekday,
        msOfDay: parts.msOfDay,
        energyKWh: energyFrom,
        // To 30 decimals: a slice that starts at a threshold's cut (a fraction of a ms, here a 60-digit
        // decimal) would otherwise have a power 1e-58 off, and miss a bound it meets exactly (33 kW
        // against min 33). A true power is never that close to a bound without meeting it.
        powerKW: charging ? energyTo.minus(energyFrom).div(hours).toDecimalPlaces(30) : ZERO,
        sessionMinutes: from.minus(start).div(MS_PER_MINUTE),
        idleMinutes: charging || !idle ? ZERO : from.minus(idle.from).div(MS_PER_MINUTE),
      },
    });
  }
  return slices;
}

/** The conditions' view at the session start, for flat fees (and sessions of zero length). */
export function startContext(ct: CompiledTariff, p: SessionProfile, first: Slice | undefined): ConditionContext {
  if (first) return first.context;
  const parts = localParts(toLocal(ct.zone, p.start));
  return { date: parts.date, weekday: parts.weekday, msOfDay: parts.msOfDay, energyKWh: ZERO, powerKW: ZERO, sessionMinutes: ZERO, idleMinutes: ZERO };
}

export { Dec };
