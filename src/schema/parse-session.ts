import { Dec } from "../money/decimal.js";
import { instantProblem, parseInstant } from "../time/instants.js";
import { TariffError, type Issue, type SafeParseResult } from "./errors.js";
import { decimalText, isDecimal } from "./fields.js";
import { fromZodIssues } from "./issues.js";
import { deepFreeze } from "./parse-tariff.js";
import { sessionSchema } from "./session.js";
import { attachTimes, type SessionTimes } from "./session-times.js";
import type { Session } from "./types.js";

type Raw = Record<string, unknown>;

/** Sessions longer than this many days are refused unless the caller allows more. */
export const DEFAULT_MAX_SESSION_DAYS = 31;

/** Options of `parseSession` and `safeParseSession`. */
export interface SessionParseOptions {
  /** The longest session accepted, in days (default 31): a longer one is most likely a stuck connector or a bad clock. */
  readonly maxSessionDays?: number;
}
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks a session document: its shape, and that its times and meter readings agree
 * (start <= chargingEnd <= end; readings in time order, never decreasing, within the session).
 *
 * @example
 * safeParseSession({ start: "2026-03-28T23:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5" }).ok // true
 */
export function safeParseSession(input: unknown, options: SessionParseOptions = {}): SafeParseResult<Session> {
  const parsed = sessionSchema.safeParse(input);
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, input);
  const cross = isObject(input) ? crossFieldIssues(input, options.maxSessionDays ?? DEFAULT_MAX_SESSION_DAYS) : undefined;
  if (cross) issues.push(...cross.issues);
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const { $schema: _schema, energyKWh, meter, ...rest } = parsed.data;
  const session = {
    ...rest,
    energyKWh: decimalText(energyKWh),
    ...(meter ? { meter: meter.map((r) => ({ at: r.at, kWh: decimalText(r.kWh) })) } : {}),
  };
  // The instants were read for the checks above; the pricer reuses them.
  return { ok: true, value: deepFreeze(cross?.times ? attachTimes(session, cross.times) : session) };
}

/** Like `safeParseSession`, but throws a `TariffError` listing every issue. */
export function parseSession(input: unknown, options: SessionParseOptions = {}): Session {
  const result = safeParseSession(input, options);
  if (!result.ok) throw new TariffError(result.issues, "session");
  return result.value;
}

function instantOf(raw: Raw, key: string, issues: Issue[], path = `/${key}`): number | undefined {
  const v = raw[key];
  if (typeof v !== "string") return undefined;
  const problem = instantProblem(v);
  if (problem) {
    // The shape check already reports strings that are not RFC 3339 at all.
    if (/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/.test(v)) issues.push({ path, message: problem });
    return undefined;
  }
  return parseInstant(v);
}

/** The checks across fields, and the session's instants when they could be read. */
function crossFieldIssues(s: Raw, maxSessionDays: number): { issues: Issue[]; times?: SessionTimes } {
  const issues: Issue[] = [];
  const start = instantOf(s, "start", issues);
  const end = instantOf(s, "end", issues);
  if (start !== undefined && end !== undefined && end - start > maxSessionDays * 86_400_000)
    issues.push({ path: "/end", message: `makes the session longer than ${maxSessionDays} days; pass maxSessionDays to allow it` });
  const chargingEndGiven = s.chargingEnd !== undefined;
  const chargingEnd = chargingEndGiven ? instantOf(s, "chargingEnd", issues) : end;
  if (start !== undefined && end !== undefined && end < start) issues.push({ path: "/end", message: "must not be before start" });
  if (chargingEndGiven && chargingEnd !== undefined) {
    if (start !== undefined && chargingEnd < start) issues.push({ path: "/chargingEnd", message: "must not be before start" });
    if (end !== undefined && chargingEnd > end) issues.push({ path: "/chargingEnd", message: "must not be after end" });
  }
  const energy = isDecimal(s.energyKWh) ? new Dec(decimalText(s.energyKWh)) : undefined;
  if (energy && energy.gt(0) && start !== undefined && chargingEnd !== undefined && chargingEnd === start)
    issues.push({ path: "/energyKWh", message: "energy was delivered, but charging time (start to chargingEnd) is zero" });

  const times = start !== undefined && end !== undefined && chargingEnd !== undefined ? { start, end, chargingEnd } : undefined;
  if (!Array.isArray(s.meter)) return { issues, times };
  let prevAt: number | undefined;
  let prevKWh: Dec | undefined;
  s.meter.forEach((reading, i) => {
    if (!isObject(reading)) return;
    const at = instantOf(reading, "at", issues, `/meter/${i}/at`);
    const kWh = isDecimal(reading.kWh) ? new Dec(decimalText(reading.kWh)) : undefined;
    if (at !== undefined) {
      if (start !== undefined && at < start) issues.push({ path: `/meter/${i}/at`, message: "is before the session start" });
      if (end !== undefined && at > end) issues.push({ path: `/meter/${i}/at`, message: "is after the session end" });
      if (prevAt !== undefined && at <= prevAt)
        issues.push({ path: `/meter/${i}/at`, message: "must be later than the reading before it (readings in time order, one per instant)" });
    }
    if (kWh) {
      if (prevKWh && kWh.lt(prevKWh)) issues.push({ path: `/meter/${i}/kWh`, message: "must not be less than the reading before it (readings are cumulative)" });
      if (energy && kWh.gt(energy)) issues.push({ path: `/meter/${i}/kWh`, message: `is more than the session's energyKWh (${energy.toFixed()})` });
      if (at !== undefined && at === start && !kWh.isZero())
        issues.push({ path: `/meter/${i}/kWh`, message: "must be 0 at the session start (readings count energy since start)" });
      if (at !== undefined && chargingEnd !== undefined && at >= chargingEnd && energy && !kWh.eq(energy))
        issues.push({ path: `/meter/${i}/kWh`, message: `must equal energyKWh (${energy.toFixed()}) from chargingEnd on: no energy flows while idle` });
    }
    if (at !== undefined) prevAt = at;
    if (kWh) prevKWh = kWh;
  });
  return { issues, times };
}
