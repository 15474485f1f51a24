/**
 * The one place that knows about time zones. Everything else asks a `Zone` for the UTC offset at
 * an instant, and converts between UTC instants and local wall-clock times through the functions
 * below. Instants are milliseconds since the Unix epoch (UTC); a "local" time is the same number
 * read as if the wall clock were UTC, so its calendar fields come from `getUTC*` and never from the
 * host's time zone.
 */

/** Offset lookup for one IANA zone. */
export interface Zone {
  readonly name: string;
  /** Milliseconds to add to a UTC instant to get the local wall-clock time at that instant. */
  offsetMs(utcMs: number): number;
}

/**
 * Where zones come from: Intl (the default, `intlZones`) or the embedded tz data
 * (`embeddedZones` in ./embedded-zones.ts, used by `ev-tariff/no-intl`). Passed down explicitly
 * (parse and price options), never set globally.
 */
export interface ZoneProvider {
  /** The offset lookup of a zone this provider knows (throws RangeError otherwise). */
  zone(name: string): Zone;
  /** Null when `name` is a zone this provider knows; otherwise the issue to report at /timeZone. */
  zoneProblem(name: string): string | null;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * True when `name` is an IANA time zone this runtime knows.
 *
 * @example
 * isTimeZone("Europe/Athens") // true
 * isTimeZone("Europe/Atlantis") // false
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the offset lookup for an IANA zone (throws RangeError for an unknown zone). Each call
 * makes its own formatter; a compiled tariff keeps one, so there is no shared state.
 *
 * @example
 * zone("Europe/Brussels").offsetMs(Date.UTC(2026, 2, 29, 1, 30)) // 7_200_000 (CEST)
 */
export function zone(name: string): Zone {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: name,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
  });
  return {
    name,
    offsetMs(utcMs: number): number {
      const wholeSecond = Math.floor(utcMs / 1000) * 1000;
      const f: Record<string, number> = {};
      // Every part by its type (the literals too, unused); "era" is "BC" before year 1.
      let bc: boolean | undefined;
      for (const part of format.formatToParts(wholeSecond)) {
        if (part.type === "era") bc = part.value === "BC";
        else f[part.type] = Number(part.value);
      }
      const year = bc ? 1 - f.year! : f.year!;
      const asUtc = new Date(0);
      asUtc.setUTCFullYear(year, f.month! - 1, f.day!);
      asUtc.setUTCHours(f.hour! % 24, f.minute!, f.second!, 0);
      return asUtc.getTime() - wholeSecond;
    },
  };
}

/** Zones from the runtime's Intl: every IANA zone it knows. The default everywhere. */
export const intlZones: ZoneProvider = {
  zone,
  zoneProblem: (name) =>
    typeof Intl === "undefined"
      ? `cannot be looked up (${name}): this runtime has no Intl; use ev-tariff/no-intl`
      : isTimeZone(name)
        ? null
        : `is not an IANA time zone (${name})`,
};

/** Local wall-clock time (as a UTC-read number) at a UTC instant. */
export function toLocal(z: Zone, utcMs: number): number {
  return utcMs + z.offsetMs(utcMs);
}

/**
 * Every UTC instant at which the wall clock shows `localMs`: none inside a spring-forward gap, two
 * inside a repeated (fall-back) hour, otherwise one. Sorted.
 *
 * @example
 * // 02:30 on the night Brussels springs forward does not exist:
 * fromLocal(zone("Europe/Brussels"), Date.UTC(2026, 2, 29, 2, 30)) // []
 */
export function fromLocal(z: Zone, localMs: number): number[] {
  const offsets = new Set([z.offsetMs(localMs - DAY), z.offsetMs(localMs), z.offsetMs(localMs + DAY)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const utc = localMs - offset;
    if (toLocal(z, utc) === localMs) found.add(utc);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Instants in (from, to] at which the zone's offset changes (DST starts and ends), found by
 * sampling every 6 hours and bisecting to the millisecond.
 */
export function offsetChanges(z: Zone, from: number, to: number): number[] {
  const changes: number[] = [];
  const stride = 6 * HOUR;
  let prev = from;
  let prevOffset = z.offsetMs(prev);
  while (prev < to) {
    const next = Math.min(prev + stride, to);
    const nextOffset = z.offsetMs(next);
    if (nextOffset !== prevOffset) {
      let lo = prev; // offset here is prevOffset
      let hi = next; // offset here differs
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (z.offsetMs(mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    prev = next;
    prevOffset = nextOffset;
  }
  return changes;
}

/** Calendar fields of a local wall-clock time. */
export interface LocalParts {
  /** "YYYY-MM-DD" */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
}

/** Splits a local wall-clock time into the fields conditions look at. */
export function localParts(localMs: number): LocalParts {
  const d = new Date(localMs);
  const msOfDay = ((localMs % DAY) + DAY) % DAY;
  return { date: isoDate(d), weekday: d.getUTCDay(), msOfDay };
}

/** Local midnight (as a UTC-read number) of the day containing `localMs`. */
export function localMidnight(localMs: number): number {
  return localMs - (((localMs % DAY) + DAY) % DAY);
}

function isoDate(d: Date): string {
  const y = d.getUTCFullYear();
  const ys = y < 0 ? "-" + String(-y).padStart(6, "0") : y > 9999 ? "+" + String(y) : String(y).padStart(4, "0");
  return `${ys}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export { DAY as MS_PER_DAY };
