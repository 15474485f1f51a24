/**
 * Builds the text of src/time/zone-data.ts: the UTC offsets of every market zone, from the IANA tz
 * database as compiled into this Node's ICU, read through `Intl.DateTimeFormat` (never typed by
 * hand). `npm run zones` writes the file; test/time/zone-data.test.ts checks it is current.
 *
 * Per zone, the data holds every offset change from 1970 until the zone's yearly rule takes over,
 * and that rule (month, "weekday on or after day D" or "last weekday", UTC minutes from that
 * day's UTC midnight, offset after). The rule is derived from the zone's transitions in 2070–2100 and
 * extended backwards as far as it reproduces Intl exactly, so explicit transitions plus rule equal
 * Intl's transitions 1970–2100 (checked here before anything is written); beyond 2100 the rule
 * recurs, as ICU's own final rule does. A zone without DST at the end has no rule: its last offset
 * holds.
 *
 * Encoding of one zone (see src/time/embedded-zones.ts for the decoder):
 *   "<offsets>|<initial><transitions>|<rule>"
 *   offsets     base-36 signed minutes, comma-separated, e.g. "-8c,-6o" (-300, -240)
 *   initial     the offset at 1970-01-01T00:00Z, as a letter: A = offsets[0], B = offsets[1], …
 *   transitions per change: minutes since the previous change (the first: since 1970-01-01T00:00Z)
 *               in base 36, then the letter of the offset after it
 *   rule        "" (no DST), or "Y0;M,W,D,MIN,L;M,W,D,MIN,L": from the first of the two transitions
 *               in year Y0 on; month M 1-12, weekday W 0-6 (0 = Sunday), day D 1-31 (first W on or
 *               after day D) or 0 (last W of the month), MIN minutes after UTC midnight of that
 *               day (may be negative or past 1440), L the offset letter after it.
 */
import { describeMarkets } from "../src/markets/listing.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
export const FIRST_YEAR = 1970;
/** Exclusive: transitions are read up to 2101-01-01T00:00Z. */
export const END_YEAR = 2101;
/** Years the yearly rule is derived from (and must reproduce exactly). */
const RULE_PROBE_FROM = 2070;
/**
 * Intl is sampled at this stride, and bisected to the millisecond where the offset changed. The
 * shortest stretch between two changes of any market zone since 1970 is 6.96 days (Boa Vista's DST of
 * October 2000), so every stretch gets at least three samples; a stretch shorter than two strides
 * stops the generator, since a shorter one could then hide between two samples.
 */
export const STRIDE = 2 * DAY;

/** Every zone of every market and region, and UTC, sorted. */
export function marketZones(): string[] {
  const names = new Set<string>(["UTC"]);
  for (const m of describeMarkets()) for (const z of m.timeZones) names.add(z);
  return [...names].sort();
}

/**
 * A fast Intl offset reader for one zone (minutes): ICU's own offset, as the "GMT-05:00" of a
 * `longOffset` zone name. The test cross-checks it with src/time/zones.ts at every change.
 */
export function intlOffsetMinutes(name: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: name, hour: "numeric", timeZoneName: "longOffset" });
  return (utcMs) => {
    const text = format.format(utcMs);
    const m = /GMT(?:([+-])(\d\d):(\d\d)(:\d\d)?)?$/.exec(text);
    if (!m) throw new Error(`unexpected Intl output for ${name}: ${text}`);
    if (m[4]) throw new Error(`${name}: offset ${text} at ${new Date(utcMs).toISOString()} is not whole minutes`);
    return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
}

export interface Transition {
  /** UTC instant (ms) of the first millisecond with the new offset. */
  readonly at: number;
  /** Offset after it, in minutes. */
  readonly after: number;
}

/** Intl's offset changes in [from, to), by sampling every `stride` and bisecting. */
export function intlTransitions(offset: (utcMs: number) => number, from: number, to: number, stride = STRIDE): Transition[] {
  const out: Transition[] = [];
  let t = from;
  let current = offset(t);
  while (t < to) {
    const next = Math.min(t + stride, to);
    const o = offset(next);
    if (o === current) {
      t = next;
      continue;
    }
    // Find the first instant in (t, next] whose offset differs from `current`, then go on from there
    // (a second change inside the same stride is found on the next round).
    let lo = t;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid) === current) lo = mid;
      else hi = mid;
    }
    current = offset(hi);
    if (hi % MINUTE !== 0) throw new Error(`transition at ${new Date(hi).toISOString()} is not on a whole minute`);
    out.push({ at: hi, after: current });
    t = hi;
  }
  return out;
}

/** One transition of a yearly rule. */
export interface RuleTransition {
  /** 1-12 */
  readonly month: number;
  /** 0 = Sunday … 6 */
  readonly weekday: number;
  /** First `weekday` on or after this day of the month; 0 = the last `weekday` of the month. */
  readonly day: number;
  /** Minutes after UTC midnight of that day (may be negative or more than a day). */
  readonly minutes: number;
  /** Offset after it, minutes. */
  readonly after: number;
}

/** The UTC instant of a rule transition in `year`. */
export function ruleInstant(r: RuleTransition, year: number): number {
  let date: number;
  if (r.day === 0) {
    const last = Date.UTC(year, r.month, 0); // last day of month r.month (1-based)
    date = last - ((new Date(last).getUTCDay() - r.weekday + 7) % 7) * DAY;
  } else {
    const first = Date.UTC(year, r.month - 1, r.day);
    date = first + ((r.weekday - new Date(first).getUTCDay() + 7) % 7) * DAY;
  }
  return date + r.minutes * MINUTE;
}

/** The rule's transitions in [from, to), sorted. */
function ruleTransitions(rule: readonly RuleTransition[], from: number, to: number): Transition[] {
  const y0 = new Date(from).getUTCFullYear() - 1;
  const y1 = new Date(to).getUTCFullYear() + 1;
  const out: Transition[] = [];
  for (let y = y0; y <= y1; y++) for (const r of rule) out.push({ at: ruleInstant(r, y), after: r.after });
  return out.filter((t) => t.at >= from && t.at < to).sort((a, b) => a.at - b.at);
}

const same = (a: readonly Transition[], b: readonly Transition[]) =>
  a.length === b.length && a.every((t, i) => t.at === b[i]!.at && t.after === b[i]!.after);

/** Candidate rule transitions that put `t` where it is, preferred first. */
function candidates(t: Transition): RuleTransition[] {
  const out: RuleTransition[] = [];
  for (const shift of [0, -1, 1]) {
    const base = new Date(t.at - shift * DAY);
    const year = base.getUTCFullYear();
    const month = base.getUTCMonth() + 1;
    const dom = base.getUTCDate();
    const weekday = base.getUTCDay();
    const minutes = (t.at - Date.UTC(year, month - 1, dom)) / MINUTE;
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const days: number[] = [];
    if (dom + 7 > daysInMonth) days.push(0);
    const lowest = Math.max(1, dom - 6);
    const canonical = lowest + ((((1 - lowest) % 7) + 7) % 7);
    if (canonical <= dom) days.push(canonical);
    for (let d = dom; d >= lowest; d--) if (!days.includes(d)) days.push(d);
    for (const day of days) out.push({ month, weekday, day, minutes, after: t.after });
  }
  return out;
}

export interface ZoneRecord {
  readonly name: string;
  /** Offset at 1970-01-01T00:00Z, minutes. */
  readonly initial: number;
  /** Changes before the rule takes over (all of them when there is no rule). */
  readonly explicit: readonly Transition[];
  /** Year from whose first rule transition on the rule applies; undefined: no rule. */
  readonly ruleFrom?: number;
  readonly rule: readonly RuleTransition[];
}

/** Reads one zone from Intl and splits it into explicit changes and a yearly rule. */
export function readZone(name: string): ZoneRecord {
  const offset = intlOffsetMinutes(name);
  const from = Date.UTC(FIRST_YEAR, 0, 1);
  const to = Date.UTC(END_YEAR, 0, 1);
  const all = intlTransitions(offset, from, to);
  const initial = offset(from);
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.at - all[i - 1]!.at < 2 * STRIDE)
      throw new Error(`${name}: offsets change twice within ${(2 * STRIDE) / DAY} days (${new Date(all[i]!.at).toISOString()}); lower STRIDE`);
  }
  const probeFrom = Date.UTC(RULE_PROBE_FROM, 0, 1);
  const late = all.filter((t) => t.at >= probeFrom);
  if (late.length === 0) return { name, initial, explicit: all, rule: [] };
  const years = END_YEAR - RULE_PROBE_FROM;
  if (late.length !== 2 * years) throw new Error(`${name}: ${late.length} transitions in ${RULE_PROBE_FROM}–${END_YEAR - 1}, expected 2 a year`);
  // Derive each of the two yearly transitions from the last year, and keep the first candidate
  // that reproduces every late transition of its kind.
  const last = late.slice(-2);
  const rule = last.map((t) => {
    const found = candidates(t).find((c) => {
      const predicted = ruleTransitions([c], probeFrom, to);
      return predicted.length === years && predicted.every((p) => late.some((l) => l.at === p.at && l.after === p.after));
    });
    if (!found) throw new Error(`${name}: no yearly rule reproduces the transition at ${new Date(t.at).toISOString()}`);
    return found;
  });
  if (!same(ruleTransitions(rule, probeFrom, to), late)) throw new Error(`${name}: the derived rule does not reproduce ${RULE_PROBE_FROM}–${END_YEAR - 1}`);
  // Extend the rule backwards while it still reproduces Intl exactly (and the offset before its first
  // transition is the one the rule implies).
  const reproducesFrom = (year: number) => {
    const start = Math.min(...rule.map((r) => ruleInstant(r, year)));
    if (start < from) return false;
    const actual = all.filter((t) => t.at >= start);
    const predicted = ruleTransitions(rule, start, to);
    const before = offset(start - 1);
    const impliedBefore = predicted.length > 1 ? rule.find((r) => r.after !== predicted[0]!.after)?.after : undefined;
    return same(actual, predicted) && before === impliedBefore;
  };
  let ruleFrom = RULE_PROBE_FROM;
  if (!reproducesFrom(ruleFrom)) throw new Error(`${name}: the rule does not hold from ${RULE_PROBE_FROM}`);
  while (ruleFrom > FIRST_YEAR && reproducesFrom(ruleFrom - 1)) ruleFrom--;
  const start = Math.min(...rule.map((r) => ruleInstant(r, ruleFrom)));
  return { name, initial, explicit: all.filter((t) => t.at < start), ruleFrom, rule };
}

const b36 = (n: number) => (n < 0 ? "-" + (-n).toString(36) : n.toString(36));
const letter = (i: number) => {
  if (i > 25) throw new Error("more than 26 distinct offsets in one zone");
  return String.fromCharCode(65 + i);
};

/** The packed string of one zone (format in this file's header). */
export function encodeZone(z: ZoneRecord): string {
  const offsets: number[] = [];
  const index = (o: number) => {
    if (!offsets.includes(o)) offsets.push(o);
    return letter(offsets.indexOf(o));
  };
  let text = index(z.initial);
  let prev = Date.UTC(FIRST_YEAR, 0, 1);
  for (const t of z.explicit) {
    text += ((t.at - prev) / MINUTE).toString(36) + index(t.after);
    prev = t.at;
  }
  const rule = z.ruleFrom === undefined ? "" : [String(z.ruleFrom), ...z.rule.map((r) => `${r.month},${r.weekday},${r.day},${r.minutes},${index(r.after)}`)].join(";");
  return `${offsets.map(b36).join(",")}|${text}|${rule}`;
}

/** The tz database version this Node's ICU carries, e.g. "2025c". */
export function tzVersion(): string {
  return (process.versions as Record<string, string | undefined>).tz ?? "unknown";
}

/** The source text of src/time/zone-data.ts. */
export function zoneDataSource(): string {
  const names = marketZones();
  const packed = names.map((n) => [n, encodeZone(readZone(n))] as const);
  // Zones with identical data (links such as Europe/Amsterdam → Europe/Brussels) share one string.
  const unique: string[] = [];
  for (const [, p] of packed) if (!unique.includes(p)) unique.push(p);
  const lines = [
    `// Generated by scripts/generate-zones.ts (\`npm run zones\`). Do not edit.`,
    `// Source: the IANA tz database ${tzVersion()}, as compiled into the ICU ${process.versions.icu ?? "?"} of Node ${process.versions.node},`,
    `// read through Intl.DateTimeFormat at generation time. Covers every zone of the market table and UTC:`,
    `// every offset change from ${FIRST_YEAR} to ${END_YEAR - 1} (checked against Intl), and each zone's yearly rule`,
    `// after that. Format: scripts/zone-data-source.ts; decoder: src/time/embedded-zones.ts.`,
    ``,
    `/** The tz database version the data was generated from. */`,
    `export const TZ_VERSION = ${JSON.stringify(tzVersion())};`,
    ``,
    `/** First and last years whose offset changes were read from the tz database. */`,
    `export const TZ_COVERAGE = { from: ${FIRST_YEAR}, to: ${END_YEAR - 1} } as const;`,
    ``,
    `/** Packed zone data, shared by zones with identical rules. */`,
    `const D = [`,
    ...unique.map((p) => `  ${JSON.stringify(p)},`),
    `] as const;`,
    ``,
    `/** Zone name → index into D. */`,
    `const NAMES: Readonly<Record<string, number>> = {`,
    ...packed.map(([n, p]) => `  ${JSON.stringify(n)}: ${unique.indexOf(p)},`),
    `};`,
    ``,
    `/** The packed data of a zone, or undefined when the build has none. */`,
    `export function packedZone(name: string): string | undefined {`,
    `  return Object.prototype.hasOwnProperty.call(NAMES, name) ? D[NAMES[name]!] : undefined;`,
    `}`,
    ``,
    `/** Every zone the data covers, sorted. */`,
    `export const ZONE_NAMES: readonly string[] = Object.keys(NAMES);`,
    ``,
  ];
  return lines.join("\n");
}
