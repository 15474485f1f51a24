/**
 * Time zones without Intl: the offsets of every market zone from data generated out of the IANA tz
 * database (src/time/zone-data.ts, written by scripts/generate-zones.ts). This is what the charger's
 * agent uses, where the JS engine has no Intl (QuickJS). The main entry does not import this module,
 * so browsers do not download the data; `ev-tariff/no-intl` does.
 */
import { packedZone, TZ_COVERAGE, TZ_VERSION, ZONE_NAMES } from "./zone-data.js";
import type { Zone, ZoneProvider } from "./zones.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
const EPOCH_1970 = 0;

/** One transition of a zone's yearly rule (see scripts/zone-data-source.ts). */
export interface RuleTransition {
  readonly month: number;
  readonly weekday: number;
  /** First weekday on or after this day; 0 = last weekday of the month. */
  readonly day: number;
  readonly minutes: number;
  readonly afterMs: number;
}

/** The UTC instant of a rule transition in `year`. Exported for its tests. @internal */
export function ruleInstant(r: RuleTransition, year: number): number {
  let date: number;
  if (r.day === 0) {
    const last = Date.UTC(year, r.month, 0);
    date = last - ((new Date(last).getUTCDay() - r.weekday + 7) % 7) * DAY;
  } else {
    const first = Date.UTC(year, r.month - 1, r.day);
    date = first + ((r.weekday - new Date(first).getUTCDay() + 7) % 7) * DAY;
  }
  return date + r.minutes * MINUTE;
}

const letterIndex = (c: string) => c.charCodeAt(0) - 65;

/**
 * The explicit changes of a zone's packed transitions: each a number of minutes in base 36
 * ([0-9a-z]+) then the letter of the offset after it ([A-Z]), read in one pass (the regular
 * expression /([0-9a-z]+)([A-Z])/g backtracks over a long run without a letter: quadratic).
 *
 * @example
 * transitionSteps("1cB2dA") // [[48, "B"], [85, "A"]]
 */
export function transitionSteps(text: string): [number, string][] {
  const steps: [number, string][] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (i > from) steps.push([parseInt(text.slice(from, i), 36), text[i]!]);
      from = i + 1;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) from = i + 1;
  }
  return steps;
}

/**
 * The `Zone` of a zone the embedded data covers, or undefined. Each call decodes its own copy of the
 * zone's transitions (a few hundred numbers at most), so there is no shared state.
 *
 * @example
 * embeddedZone("Europe/Brussels")!.offsetMs(Date.UTC(2026, 2, 29, 1, 30)) // 7_200_000 (CEST)
 */
export function embeddedZone(name: string): Zone | undefined {
  const packed = packedZone(name);
  return packed === undefined ? undefined : packedZoneOf(name, packed);
}

/**
 * The `Zone` of one zone's packed data, "offsets|initial letter and changes|rule" (see
 * scripts/zone-data-source.ts); throws on data that names an offset it does not list. Exported for
 * its tests. @internal
 */
export function packedZoneOf(name: string, packed: string): Zone {
  const [offsetText, transitionText, ruleText] = `${packed}||`.split("|") as [string, string, string];
  const offsets = offsetText.split(",").map((o) => parseInt(o, 36) * MINUTE);
  const offsetOf = (c: string) => {
    const o = offsets[letterIndex(c)];
    if (o === undefined) throw new Error(`corrupt zone data for ${name}`);
    return o;
  };
  // The first letter is the offset before the first change; transitionSteps passes over it.
  const initialMs = offsetOf(transitionText);
  // Explicit changes: at[i] is the first instant of offset after[i].
  const at: number[] = [];
  const after: number[] = [];
  let t = EPOCH_1970;
  for (const [minutes, letter] of transitionSteps(transitionText)) {
    t += minutes * MINUTE;
    at.push(t);
    after.push(offsetOf(letter));
  }
  // The yearly rule, from its first year on ("" when the zone has none: no transitions, never reached).
  const [fromYear, ...parts] = ruleText.split(";");
  const rule: RuleTransition[] = parts.map((p) => {
    const [month, weekday, day, minutes, letter] = p.split(",");
    return { month: Number(month), weekday: Number(weekday), day: Number(day), minutes: Number(minutes), afterMs: offsetOf(letter!) };
  });
  const ruleFromMs = Math.min(...rule.map((r) => ruleInstant(r, Number(fromYear))));
  // The offset after the rule's last transition at or before the instant: every transition of the year
  // before is earlier, so this year's and last year's transitions decide.
  const ruleOffset = (instant: number): number => {
    const year = new Date(instant).getUTCFullYear();
    let latest = -Infinity;
    let offset = 0;
    for (let y = year - 1; y <= year; y++)
      for (const r of rule) {
        const when = ruleInstant(r, y);
        if (when <= instant && when > latest) {
          latest = when;
          offset = r.afterMs;
        }
      }
    return offset;
  };
  return {
    name,
    offsetMs(utcMs: number): number {
      // Whole seconds, as the Intl reading does (changes are on whole minutes anyway).
      const instant = Math.floor(utcMs / 1000) * 1000;
      if (instant >= ruleFromMs) return ruleOffset(instant);
      // Binary search: the last explicit change at or before the instant.
      let lo = 0;
      let hi = at.length; // at[lo..hi) still in question
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at[mid]! <= instant) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? initialMs : after[lo - 1]!;
    },
  };
}

/** True when the embedded data covers `name` (the market zones and "UTC"). */
export function isEmbeddedZone(name: string): boolean {
  return packedZone(name) !== undefined;
}

/**
 * Zones from the embedded tz data, for runtimes without Intl (and callers who want the same offsets
 * everywhere). Pass it as `zones` to `parseTariff`, `compileTariff` and `priceSession`; the
 * `ev-tariff/no-intl` entry does so for you.
 *
 * Before 1970 the 1970 offset applies; after 2100 the zone's yearly rule recurs.
 */
export const embeddedZones: ZoneProvider = {
  zone(name: string): Zone {
    const z = embeddedZone(name);
    if (!z) throw new RangeError(`no embedded zone data for ${name}`);
    return z;
  },
  zoneProblem(name: string): string | null {
    if (isEmbeddedZone(name)) return null;
    return `${name} is not a zone this build carries: without Intl, ev-tariff knows the zones of its market table and UTC (tz ${TZ_VERSION})`;
  },
};

export { TZ_COVERAGE, TZ_VERSION, ZONE_NAMES };
