import { Dec, ZERO } from "../../src/money/decimal.js";
import type { Session } from "../../src/schema/types.js";
import type { EnergyPoint, SessionProfile } from "../../src/price/types.js";

export type { EnergyPoint, IdleInterval, SessionProfile } from "../../src/price/types.js";
import { parseInstant } from "../../src/time/instants.js";




/**
 * The session's energy curve: meter readings when given, else a straight line from start to
 * chargingEnd. Readings after chargingEnd add nothing (the parser checks they equal the total).
 */
export function sessionProfile(session: Session): SessionProfile {
  const start = parseInstant(session.start);
  const end = parseInstant(session.end);
  const chargingEnd = session.chargingEnd ? parseInstant(session.chargingEnd) : end;
  const energyKWh = new Dec(session.energyKWh);
  const points: EnergyPoint[] = [{ at: start, kWh: ZERO }];
  for (const r of session.meter ?? []) {
    const at = parseInstant(r.at);
    if (at > start && at < chargingEnd) points.push({ at, kWh: new Dec(r.kWh) });
  }
  if (chargingEnd > start) points.push({ at: chargingEnd, kWh: energyKWh });
  return { start, chargingEnd, end, energyKWh, points, idle: end > chargingEnd ? [{ from: chargingEnd, to: end }] : [] };
}

/** Energy delivered by instant `t` (exact at points, linear between them). */
export function energyAt(p: SessionProfile, t: Dec): Dec {
  const pts = p.points;
  if (t.lte(pts[0]!.at)) return ZERO;
  const last = pts[pts.length - 1]!;
  if (t.gte(last.at)) return last.kWh;
  let lo = 0;
  let hi = pts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t.gte(pts[mid]!.at)) lo = mid;
    else hi = mid;
  }
  const a = pts[lo]!;
  const b = pts[hi]!;
  if (t.eq(a.at)) return a.kWh;
  // Fixed-point, so slice energies add up exactly (with 60 significant digits they did not: 3 kWh cut
  // at thirds summed to 3.000…001 and a 1 kWh step billed 4). The library once rounded this to
  // 1e-9 kWh; the engine keeps the exact fraction, and this reference keeps 30 decimals, which no
  // quantity shown (6 decimals) or amount can tell from the fraction: two different values of these
  // sizes differ by far more than 1e-30, so rounding to 1e-30 never crosses a half they would not.
  return a.kWh.plus(b.kWh.minus(a.kWh).times(t.minus(a.at)).div(b.at - a.at)).toDecimalPlaces(ENERGY_DECIMALS, Dec.ROUND_HALF_UP);
}

/** Decimals of kWh that energy interpolated between two points of the curve keeps. */
export const ENERGY_DECIMALS = 30;

/** The first instant at which the delivered energy reaches `kWh` (undefined if never). */
export function instantOfEnergy(p: SessionProfile, kWh: Dec): Dec | undefined {
  const pts = p.points;
  if (kWh.lte(0)) return new Dec(p.start);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (b.kWh.gte(kWh)) {
      return new Dec(a.at).plus(kWh.minus(a.kWh).times(b.at - a.at).div(b.kWh.minus(a.kWh)));
    }
  }
  return undefined;
}
