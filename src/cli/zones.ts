/**
 * The CLI build's stand-in for src/time/zones.ts (swapped in by tsup.config.ts for dist/cli.js and
 * dist/batch-worker.js only; the library and the tests use src/time/zones.ts itself).
 *
 * Why: the first Intl.DateTimeFormat a process makes loads ICU's locale and zone data, 10–20 ms of a
 * CLI run that otherwise takes about 40 ms over `node -e 0` (issue 12). The package already carries
 * the offsets of every market zone (src/time/zone-data.ts, generated from this Node's ICU through
 * Intl and checked against it). So where the running Node's tz data is the very version that data
 * was generated from (`process.versions.tz === TZ_VERSION`), a market zone is read from the embedded
 * data in the years it covers, and the answers are Intl's by construction. Everything else (another
 * tz version, a zone outside the market table, an instant before 1970 or from 2100 on) goes to Intl
 * as before, which is then warmed up only when it is needed.
 */
import * as viaIntl from "../time/zones.js";
import type { Zone, ZoneProvider } from "../time/zones.js";
import { embeddedZone, isEmbeddedZone, TZ_COVERAGE, TZ_VERSION } from "../time/embedded-zones.js";

export * from "../time/zones.js";

const SAME_TZ_DATA = typeof process !== "undefined" && process.versions?.tz === TZ_VERSION;
/** The instants the embedded data reads exactly as Intl does: 1970 up to the last covered year. */
const FROM_MS = Date.UTC(TZ_COVERAGE.from, 0, 1);
const TO_MS = Date.UTC(TZ_COVERAGE.to, 0, 1);

const embedded = (name: string): boolean => SAME_TZ_DATA && isEmbeddedZone(name);

/** Like src/time/zones.ts's isTimeZone, without Intl for the market zones. */
export function isTimeZone(name: string): boolean {
  return embedded(name) || viaIntl.isTimeZone(name);
}

/** Like src/time/zones.ts's zone: the same offsets, read from the embedded data where it covers them. */
export function zone(name: string): Zone {
  const data = embedded(name) ? embeddedZone(name) : undefined;
  if (!data) return viaIntl.zone(name);
  let intl: Zone | undefined;
  return {
    name,
    offsetMs(utcMs: number): number {
      return utcMs >= FROM_MS && utcMs < TO_MS ? data.offsetMs(utcMs) : (intl ??= viaIntl.zone(name)).offsetMs(utcMs);
    },
  };
}

/** The CLI's default zones: Intl's, as above. */
export const intlZones: ZoneProvider = {
  zone,
  zoneProblem: (name) => (embedded(name) ? null : viaIntl.intlZones.zoneProblem(name)),
};
