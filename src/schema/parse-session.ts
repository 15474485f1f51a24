import { Dec } from "../money/decimal.js";
import { instantProblem } from "../time/instants.js";
import { TariffError, type Issue, type SafeParseResult } from "./errors.js";
import { decimal, decimalText, instant, isDecimal } from "./fields.js";
import { fromZodIssues, BARE_ISSUES } from "./issues.js";
import { compareDecimals, decimalMicros, readInstant } from "./readers.js";
import { compileShape } from "./shape.js";
import { sessionSchema, type SessionInput } from "./session.js";
import { attachTimes, type SessionTimes } from "./session-times.js";
import type { Session } from "./types.js";

type Raw = Record<string, unknown>;

/**
 * The session schema as one boolean check (shape.ts). Instants and decimals are only typed here: the
 * cross-field checks read each of them, and the fast path is taken only when all could be read.
 */
export const sessionShapeOk = compileShape(
  sessionSchema,
  new Map<unknown, (v: unknown) => boolean>([
    [instant, (v) => typeof v == "string"],
    [decimal, (v) => typeof v == "string" || typeof v == "number"],
  ]),
);

const { freeze } = Object;
const NONE: readonly number[] = freeze([]);

/** Sessions longer than this many days are refused unless the caller allows more. */
export const DEFAULT_MAX_SESSION_DAYS = 31;
/** The most `maxSessionDays` may allow: a year and a day (the work of pricing grows with the session's days). */
export const MAX_SESSION_DAYS = 366;

/** Options of `parseSession` and `safeParseSession`. */
export interface SessionParseOptions {
  /** The longest session accepted, in whole days from 1 to 366 (default 31): a longer one is most likely a stuck connector or a bad clock. */
  readonly maxSessionDays?: number;
}
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks a session document: its shape, and that its times and meter readings agree
 * (start <= chargingEnd <= end; readings in time order, never decreasing, within the session).
 * Throws a `TariffError` at `/maxSessionDays` for an option that is not a whole number of days from 1 to 366.
 *
 * @example
 * safeParseSession({ start: "2026-03-28T23:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5" }).ok // true
 */
export function safeParseSession(input: unknown, options: SessionParseOptions = {}): SafeParseResult<Session> {
  const maxSessionDays = options.maxSessionDays ?? DEFAULT_MAX_SESSION_DAYS;
  // NaN or Infinity would turn the limit off: only whole days within the limit.
  if (!(Number.isInteger(maxSessionDays) && maxSessionDays > 0 && maxSessionDays <= MAX_SESSION_DAYS))
    throw new TariffError([{ path: "/maxSessionDays", message: `must be a whole number of days from 1 to ${MAX_SESSION_DAYS}` }], "session options");
  // Too many readings is said before any is read.
  if (isObject(input) && Array.isArray(input.meter) && input.meter.length > 1e5) return { ok: false, issues: [{ path: "/meter", message: "has more than 100000 readings" }] };
  // A valid session skips zod: the schema compiled to one boolean check (shape.ts), then the same
  // cross-field checks, which read every instant and decimal once. Anything in doubt goes to the full checker.
  if (sessionShapeOk(input)) {
    const cross = crossFieldIssues(input as Raw, maxSessionDays);
    if (cross.complete && cross.issues.length === 0) return { ok: true, value: build(input as SessionInput, cross.read) };
  }
  return checkSession(input, maxSessionDays);
}

/** The full checker: zod for the shape, then the cross-field checks. It words every issue. */
export function checkSession(input: unknown, maxSessionDays: number): SafeParseResult<Session> {
  const parsed = sessionSchema.safeParse(input, BARE_ISSUES);
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, input);
  const cross = isObject(input) ? crossFieldIssues(input, maxSessionDays) : undefined;
  if (cross) issues.push(...cross.issues);
  if (!parsed.success || !cross || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: build(parsed.data, cross.read) };
}

/**
 * The session as parseSession returns it, from zod's output or from raw input that passed the same
 * checks: members in the schema's order, decimals as text, new frozen objects (the input is never
 * frozen), and what was read attached for the pricer.
 */
function build(p: SessionInput, read: SessionTimes): Session {
  const s: { -readonly [K in keyof Session]: Session[K] } = {} as Session;
  if (p.id !== undefined) s.id = p.id;
  s.start = p.start;
  s.end = p.end;
  if (p.chargingEnd !== undefined) s.chargingEnd = p.chargingEnd;
  if (p.payment !== undefined) s.payment = p.payment;
  s.energyKWh = decimalText(p.energyKWh);
  if (p.meter) s.meter = freeze(p.meter.map((r) => freeze({ at: r.at, kWh: decimalText(r.kWh) })));
  return freeze(attachTimes(s, read)) as unknown as Session;
}

/** Like `safeParseSession`, but throws a `TariffError` listing every issue. */
export function parseSession(input: unknown, options: SessionParseOptions = {}): Session {
  const result = safeParseSession(input, options);
  if (!result.ok) throw new TariffError(result.issues, "session");
  return result.value;
}

/**
 * An instant read, in UTC ms; NaN when it cannot be read. A string the schema accepts as an instant but
 * that cannot be read (a day that does not exist, a year out of range, …) gets its problem reported at
 * /key, or at /meter/{reading}/at; the shape check reports the rest. (readInstant reads exactly what the
 * schema and instantProblem accept: test/schema/readers.test.ts.)
 */
function instantOf(raw: Raw, key: string, issues: Issue[], reading = -1): number {
  const v = raw[key];
  if (typeof v !== "string") return NaN;
  const ms = readInstant(v);
  if (ms !== ms && instant.safeParse(v).success) issues.push({ path: reading < 0 ? `/${key}` : `/meter/${reading}/at`, message: instantProblem(v)! });
  return ms;
}

/**
 * The checks across fields, and what they read: the session's instants and decimals (UTC ms,
 * millionths). An instant that could not be read is NaN, which every comparison below finds false:
 * its own problem is reported once, where it is read.
 */
function crossFieldIssues(s: Raw, maxSessionDays: number): { issues: Issue[]; read: SessionTimes; complete: boolean } {
  const issues: Issue[] = [];
  const start = instantOf(s, "start", issues);
  const end = instantOf(s, "end", issues);
  if (end - start > maxSessionDays * 86_400_000)
    issues.push({
      path: "/end",
      message:
        end - start > MAX_SESSION_DAYS * 86_400_000
          ? `makes the session longer than ${MAX_SESSION_DAYS} days, the longest one ev-tariff prices`
          : `makes the session longer than ${maxSessionDays} days; pass maxSessionDays to allow it`,
    });
  const chargingEndGiven = s.chargingEnd !== undefined;
  const chargingEnd = chargingEndGiven ? instantOf(s, "chargingEnd", issues) : end;
  if (end < start) issues.push({ path: "/end", message: "must not be before start" });
  if (chargingEndGiven) {
    if (chargingEnd < start) issues.push({ path: "/chargingEnd", message: "must not be before start" });
    if (chargingEnd > end) issues.push({ path: "/chargingEnd", message: "must not be after end" });
  }
  const energyRaw = s.energyKWh;
  const energyMicro = decimalMicros(energyRaw);
  const energy = energyMicro === energyMicro || isDecimal(energyRaw);
  if (energy && chargingEnd === start && compareDecimals(energyRaw, energyMicro, 0, 0) > 0)
    issues.push({ path: "/energyKWh", message: "energy was delivered, but charging time (start to chargingEnd) is zero" });

  // Whether every instant and decimal was there and could be read (then zod accepts them too).
  let complete = start === start && end === end && chargingEnd === chargingEnd && energy;
  const meterAt: number[] = [];
  const meterMicro: number[] = [];
  if (Array.isArray(s.meter)) {
    let prevAt = NaN;
    let prevKWh: unknown;
    let prevMicro = NaN;
    const n = s.meter.length;
    for (let i = 0; i < n; i++) {
      const reading: unknown = s.meter[i];
      if (!isObject(reading)) continue;
      const at = instantOf(reading, "at", issues, i);
      const kWhRaw = reading.kWh;
      const micro = decimalMicros(kWhRaw);
      const kWh = micro === micro || isDecimal(kWhRaw);
      if (at < start) issues.push({ path: `/meter/${i}/at`, message: "is before the session start" });
      if (at > end) issues.push({ path: `/meter/${i}/at`, message: "is after the session end" });
      if (at <= prevAt) issues.push({ path: `/meter/${i}/at`, message: "must be later than the reading before it (readings in time order, one per instant)" });
      if (kWh) {
        if (prevKWh !== undefined && compareDecimals(kWhRaw, micro, prevKWh, prevMicro) < 0)
          issues.push({ path: `/meter/${i}/kWh`, message: "must not be less than the reading before it (readings are cumulative)" });
        if (energy && compareDecimals(kWhRaw, micro, energyRaw, energyMicro) > 0)
          issues.push({ path: `/meter/${i}/kWh`, message: `is more than the session's energyKWh (${new Dec(decimalText(energyRaw as string)).toFixed()})` });
        if (at === start && compareDecimals(kWhRaw, micro, 0, 0) !== 0)
          issues.push({ path: `/meter/${i}/kWh`, message: "must be 0 at the session start (readings count energy since start)" });
        if (energy && at >= chargingEnd && compareDecimals(kWhRaw, micro, energyRaw, energyMicro) !== 0)
          issues.push({ path: `/meter/${i}/kWh`, message: `must equal energyKWh (${new Dec(decimalText(energyRaw as string)).toFixed()}) from chargingEnd on: no energy flows while idle` });
      }
      if (at !== at || !kWh) complete = false;
      // A reading whose instant or energy cannot be read leaves the one before it as the one to compare with.
      if (at === at) prevAt = at;
      if (kWh) {
        prevKWh = kWhRaw;
        prevMicro = micro;
      }
      meterAt.push(at);
      meterMicro.push(micro);
    }
  }
  const read: SessionTimes = freeze({
    start,
    end,
    chargingEnd,
    energyMicro,
    meterAt: meterAt.length ? freeze(meterAt) : NONE,
    meterMicro: meterMicro.length ? freeze(meterMicro) : NONE,
  });
  return { issues, read, complete };
}
