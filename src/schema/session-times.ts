import type { Session } from "./types.js";

/**
 * Where `parseSession` keeps the session's instants as it read them (UTC ms), so that pricing does
 * not read the same text twice. The property is a symbol and not enumerable: JSON and spreading leave
 * it behind, so a session copied and changed is read afresh.
 */
const SESSION_TIMES = Symbol("ev-tariff.sessionTimes");

/**
 * What `parseSession` read from a session, so that pricing never reads a string twice: start, end
 * and chargingEnd (end when not given) in UTC ms; energyKWh and every meter reading in millionths
 * of a kWh. The object and its arrays are frozen.
 */
export interface SessionTimes {
  readonly start: number;
  readonly end: number;
  readonly chargingEnd: number;
  /** energyKWh in millionths of a kWh, a safe integer; NaN when it does not fit in one. */
  readonly energyMicro: number;
  /** Each meter reading's instant in UTC ms, in file order (empty without a meter). */
  readonly meterAt: readonly number[];
  /** Each meter reading's kWh in millionths (NaN where one does not fit in a safe integer), in file order. */
  readonly meterMicro: readonly number[];
}

/** Attaches the instants to a session object (before it is frozen). */
export function attachTimes<T extends object>(session: T, times: SessionTimes): T {
  Object.defineProperty(session, SESSION_TIMES, { value: times });
  return session;
}

/** The instants `parseSession` read, when `session` is the object it returned. */
export function sessionTimes(session: Session): SessionTimes | undefined {
  return (session as { [SESSION_TIMES]?: SessionTimes } | undefined)?.[SESSION_TIMES];
}
