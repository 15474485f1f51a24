/**
 * `lintTariff`: findings beyond validity (docs/lint.md). No Node built-ins: the preview page calls it
 * in the browser.
 */
import { findMarket } from "../markets/index.js";
import { currency as findCurrency } from "../money/currencies.js";
import { Dec } from "../money/decimal.js";
import { DEFAULT_MAX_SESSION_DAYS } from "../schema/parse-session.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import { DIMENSIONS, type Dimension, type Rate, type Tariff } from "../schema/types.js";
import { parseInstant } from "../time/instants.js";
import { intlZones, type Zone } from "../time/zones.js";
import { EU_MEMBERS, HB44, LINT_RULES, rule, US_AND_TERRITORIES } from "./rules.js";
import { boxOf, coverage, DATE_MAX, DATE_MIN, DEFAULT_BUDGET, DOMAINS, emptyAxes, reachable, RANGE_KEYS, weekGaps, weekdaysOfDates, weekSet, type Budget, type Interval } from "./sets.js";
import type { LintFinding, LintOptions, LintResult } from "./types.js";

export type { LintFinding, LintOptions, LintResult, LintRule, LintSeverity } from "./types.js";
export { LINT_RULES };

const DAY_MS = 86_400_000;
const DEFAULT_TYPICAL_KWH = "20";

/**
 * Checks a tariff document beyond validity: rates that can never apply, hours of the week a
 * time-of-use table leaves free, an idle fee without a grace period, a maximum below what every
 * session pays, a start fee above a typical session's energy cost, and the price-transparency rules
 * of the tariff's market (EU: AFIR art. 5(4); US: NIST Handbook 44 §3.40). Takes the document as
 * read from JSON (or a parsed `Tariff`); an invalid one gives its validation issues as `invalid`
 * errors.
 *
 * @example
 * const { findings } = lintTariff(JSON.parse(text));
 * for (const f of findings) console.log(`${f.pointer || "/"} ${f.severity} ${f.rule}: ${f.message}`);
 */
export function lintTariff(input: unknown, options: LintOptions = {}): LintResult {
  const id = typeof input === "object" && input !== null && typeof (input as { id?: unknown }).id === "string" ? (input as { id: string }).id : null;
  const parsed = safeParseTariff(input, options.zones ? { zones: options.zones } : {});
  const findings: LintFinding[] = [];
  if (!parsed.ok) {
    for (const issue of parsed.issues) findings.push(finding("invalid", issue.path, issue.message));
    return result(id, false, findings);
  }
  const tariff = parsed.value;
  const ctx = context(tariff, options);
  const never = new Set<string>();
  const undecided: LintFinding[] = [];
  for (const dim of DIMENSIONS) findings.push(...rateFindings(tariff, dim, ctx, never, undecided));
  for (const dim of DIMENSIONS) findings.push(...gapFindings(tariff, dim, never));
  findings.push(...idleGraceFindings(tariff, never, ctx.budget, undecided));
  findings.push(...priceLimitFindings(tariff, never, ctx.budget, undecided));
  findings.push(...startFeeFindings(tariff, never, options));
  findings.push(...marketFindings(tariff, never));
  findings.push(...undecided);
  return result(tariff.id, true, findings);
}

/** A check given up at the work limit: said, not guessed. */
function incomplete(pointer: string, what: string): LintFinding {
  return finding("check-incomplete", pointer, `not decided: ${what}; the lint stopped at its work limit (option workLimit) for this tariff`);
}

function finding(id: string, pointer: string, message: string): LintFinding {
  const r = rule(id);
  return { pointer, severity: r.severity, rule: r.id, source: r.source, message };
}

function result(id: string | null, valid: boolean, findings: LintFinding[]): LintResult {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return { id, valid, errors: count("error"), warnings: count("warning"), infos: count("info"), findings };
}

/** What every rule reads besides the tariff: the local dates sessions can reach. */
interface Context {
  /** Local dates a metered slice can fall on (sessions start within the validity, last at most maxSessionDays). */
  readonly meteredDates: Interval<string>;
  /** Local dates a session can start on (the session fee is decided then). */
  readonly startDates: Interval<string>;
  /** The last local date a session can start on, when validTo is set. */
  readonly lastStartDate: string | undefined;
  readonly maxSessionDays: number;
  /** Coverage work left, shared by every check of this lint. */
  readonly budget: Budget;
}

function context(tariff: Tariff, options: LintOptions): Context {
  const maxSessionDays = options.maxSessionDays ?? DEFAULT_MAX_SESSION_DAYS;
  const zone = zoneOf(tariff, options);
  let first = DATE_MIN;
  let lastStart: string | undefined;
  let lastMetered: string | undefined;
  if (zone && tariff.validFrom) {
    const t = parseInstant(tariff.validFrom);
    // The earliest local date at or after t: an offset can fall back within the next hours (one change per 48 h at most).
    first = localDate(t + Math.min(zone.offsetMs(t), zone.offsetMs(t + 2 * DAY_MS)));
  }
  if (zone && tariff.validTo) {
    const last = parseInstant(tariff.validTo) - 1;
    lastStart = localDate(last + Math.max(zone.offsetMs(last), zone.offsetMs(last - 2 * DAY_MS)));
    const end = last + maxSessionDays * DAY_MS;
    lastMetered = localDate(end + Math.max(zone.offsetMs(end), zone.offsetMs(end - 2 * DAY_MS)));
  }
  return {
    meteredDates: { lo: first, hi: lastMetered ? nextDate(lastMetered) : DATE_MAX },
    startDates: { lo: first, hi: lastStart ? nextDate(lastStart) : DATE_MAX },
    lastStartDate: lastStart,
    maxSessionDays,
    budget: { left: options.workLimit ?? DEFAULT_BUDGET },
  };
}

function zoneOf(tariff: Tariff, options: LintOptions): Zone | undefined {
  const name = tariff.timeZone ?? findMarket(tariff.market)?.timeZones[0];
  if (!name) return undefined;
  const zones = options.zones ?? intlZones;
  return zones.zoneProblem(name) ? undefined : zones.zone(name);
}

const localDate = (localMs: number) => new Date(Math.floor(localMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

const pointerOf = (dim: Dimension, i: number) => `/${dim}/${i}`;

// ---------------------------------------------------------------------------------------------
// Rates that can never apply

function rateFindings(tariff: Tariff, dim: Dimension, ctx: Context, never: Set<string>, undecided: LintFinding[]): LintFinding[] {
  const out: LintFinding[] = [];
  const rates = tariff[dim];
  const boxes = rates.map((r) => boxOf(r.when));
  const window = dim === "flat" ? ctx.startDates : ctx.meteredDates;
  rates.forEach((rate, i) => {
    const at = pointerOf(dim, i);
    const when = rate.when;
    // A condition no session meets in this dimension.
    const own = reachable(boxes[i]!, [], DOMAINS[dim]);
    const impossible = RANGE_KEYS.filter((k) => when?.[k] && own[k].length === 0);
    if (impossible.length > 0) {
      never.add(at);
      for (const k of impossible) out.push(finding("condition-never-holds", `${at}/when/${k}`, `never holds ${whyNever(dim, k, when![k]!)}, so ${at} never applies`));
      return;
    }
    if (own.week.length === 0) {
      never.add(at);
      const wd = [...(weekdaysOfDates(when?.dates) ?? [])].map((d) => DAY_LABEL[d]).join(", ");
      out.push(finding("empty-window", `${at}/when`, `days ${when!.days!.join(", ")} never fall within dates ${when!.dates!.from} to ${when!.dates!.to} (to exclusive: ${wd}), so ${at} never applies`));
      return;
    }
    const validity = validityFinding(tariff, dim, rate, at, ctx);
    if (validity) {
      out.push(validity.finding);
      if (validity.never) {
        never.add(at);
        return;
      }
    }
    if (i === 0) return;
    const earlier = boxes.slice(0, i);
    const sets = reachable(boxes[i]!, earlier, DOMAINS[dim], window);
    if (emptyAxes(sets).length > 0) return; // (outside the window: reported above)
    const c = coverage(sets, earlier, ctx.budget);
    if (c.result === "unknown") undecided.push(incomplete(at, `whether earlier rates cover ${at} (rate-shadowed)`));
    if (c.result !== "covered") return;
    never.add(at);
    const by = c.by.map((j) => pointerOf(dim, j));
    out.push(
      finding(
        "rate-shadowed",
        at,
        by.length === 1
          ? `never applies: ${by[0]} comes first and applies whenever ${at}'s conditions hold`
          : `never applies: ${by.slice(0, -1).join(", ")} and ${by[by.length - 1]} come first and together apply whenever ${at}'s conditions hold`,
      ),
    );
  });
  return out;
}

const DAY_LABEL = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function whyNever(dim: Dimension, key: string, r: { min?: string; max?: string }): string {
  if (r.max !== undefined && new Dec(r.max).isZero()) return `(max 0: ${key} is never below 0)`;
  const what = dim === "flat" ? "the session fee is decided at the session start, where" : dim === "idle" ? "while idle" : "while charging";
  return `(min ${r.min}: ${what} ${key} is 0)`;
}

function validityFinding(tariff: Tariff, dim: Dimension, rate: Rate, at: string, ctx: Context): { finding: LintFinding; never: boolean } | undefined {
  const dates = rate.when?.dates;
  if (!dates) return undefined;
  const note = "(a session outside validFrom–validTo is refused unless priced with ignoreValidity)";
  if (dates.to !== undefined && tariff.validFrom && dates.to <= ctx.meteredDates.lo)
    return {
      never: true,
      finding: finding("rate-outside-validity", `${at}/when/dates/to`, `${at} is dated before ${dates.to} (exclusive), but the tariff is valid from ${tariff.validFrom} (local date ${ctx.meteredDates.lo}): it never applies ${note}`),
    };
  if (dates.from === undefined || !tariff.validTo || ctx.lastStartDate === undefined || dates.from <= ctx.lastStartDate) return undefined;
  if (dim === "flat" || dates.from >= ctx.meteredDates.hi)
    return {
      never: true,
      finding: finding(
        "rate-outside-validity",
        `${at}/when/dates/from`,
        dim === "flat"
          ? `${at} is dated from ${dates.from}, but sessions start before validTo ${tariff.validTo} (last local date ${ctx.lastStartDate}) and the session fee is decided at the start: it never applies ${note}`
          : `${at} is dated from ${dates.from}, after validTo ${tariff.validTo} and after the end of the longest session (${ctx.maxSessionDays} days) started before it: it never applies ${note}`,
      ),
    };
  return {
    never: false,
    finding: finding(
      "rate-outside-validity",
      `${at}/when/dates/from`,
      `${at} is dated from ${dates.from}, after validTo ${tariff.validTo} (last local date ${ctx.lastStartDate}): it applies only to sessions started before validTo and still running then ${note}`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Hours of the week a time-of-use table leaves free

function gapFindings(tariff: Tariff, dim: Dimension, never: Set<string>): LintFinding[] {
  const rates = tariff[dim];
  const timed = rates.filter((r) => r.when?.days || r.when?.timeOfDay);
  if (timed.length < 2) return [];
  const sets = rates.flatMap((r, i) => (never.has(pointerOf(dim, i)) ? [] : [weekSet(r.when, weekdaysOfDates(r.when?.dates))]));
  const gaps = weekGaps(sets);
  if (!gaps) return [];
  const what = dim === "flat" ? "no session fee for a session started" : `${dim} is free`;
  return [finding("tou-gap", `/${dim}`, `time-of-use table with a gap: no rate of ${dim} can apply on ${gaps} (local time), so ${what} then`)];
}

// ---------------------------------------------------------------------------------------------
// Fees

function idleGraceFindings(tariff: Tariff, never: Set<string>, budget: Budget, undecided: LintFinding[]): LintFinding[] {
  const rates = tariff.idle;
  const boxes = rates.map((r) => boxOf(r.when));
  const atFirstMinute = { ...DOMAINS.idle, idleMinutes: "zero" as const };
  const out: LintFinding[] = [];
  rates.forEach((rate, i) => {
    const at = pointerOf("idle", i);
    if (never.has(at) || new Dec(rate.price).isZero()) return;
    const earlier = boxes.slice(0, i);
    const sets = reachable(boxes[i]!, earlier, atFirstMinute);
    if (emptyAxes(sets).length > 0) return;
    const c = coverage(sets, earlier, budget);
    if (c.result === "unknown") undecided.push(incomplete(at, `whether ${at} charges from the first idle minute (idle-no-grace)`));
    if (c.result !== "open") return;
    out.push(
      finding(
        "idle-no-grace",
        at,
        `charges ${rate.price} per hour from the first minute after charging ends: no grace period (give it when.idleMinutes.min, e.g. { "min": "15" })`,
      ),
    );
  });
  return out;
}

/** The least session fee every session pays (0 when some session pays none). */
function leastSessionFee(tariff: Tariff, never: Set<string>, budget: Budget, undecided: LintFinding[]): { amount: Dec; text: string; rates: string[] } {
  const rates = tariff.flat;
  const boxes = rates.map((r) => boxOf(r.when));
  const everything = reachable(boxOf(undefined), boxes, DOMAINS.flat);
  const c = rates.length === 0 ? undefined : coverage(everything, boxes, budget);
  if (c?.result === "unknown") undecided.push(incomplete("/maxPrice", "whether every session pays a session fee above maxPrice (max-below-min)"));
  if (c?.result !== "covered") return { amount: new Dec(0), text: "0", rates: [] };
  const live = rates.map((r, i) => ({ r, at: pointerOf("flat", i) })).filter((x) => !never.has(x.at));
  if (live.length === 0) return { amount: new Dec(0), text: "0", rates: [] };
  const least = live.reduce((m, x) => (new Dec(x.r.price).lt(m) ? new Dec(x.r.price) : m), new Dec(live[0]!.r.price));
  const at = live.filter((x) => new Dec(x.r.price).eq(least));
  return { amount: least, text: at[0]!.r.price, rates: at.map((x) => x.at) };
}

function priceLimitFindings(tariff: Tariff, never: Set<string>, budget: Budget, undecided: LintFinding[]): LintFinding[] {
  if (tariff.maxPrice == null) return [];
  const fee = leastSessionFee(tariff, never, budget, undecided);
  if (!new Dec(tariff.maxPrice).lt(fee.amount)) return [];
  return [
    finding(
      "max-below-min",
      "/maxPrice",
      `${tariff.maxPrice} is below the session fee every session pays (at least ${fee.text}, ${fee.rates.join(", ")}): every session costs ${tariff.maxPrice}`,
    ),
  ];
}

function startFeeFindings(tariff: Tariff, never: Set<string>, options: LintOptions): LintFinding[] {
  const typical = new Dec(String(options.typicalSessionKWh ?? DEFAULT_TYPICAL_KWH));
  const energy = tariff.energy.map((r, i) => ({ price: new Dec(r.price), at: pointerOf("energy", i) })).filter((x) => !never.has(x.at) && x.price.gt(0));
  if (energy.length === 0) return [];
  const dearest = energy.reduce((m, x) => (x.price.gt(m.price) ? x : m));
  const cost = dearest.price.times(typical);
  return tariff.flat.flatMap((rate, i) => {
    const at = pointerOf("flat", i);
    if (never.has(at) || !new Dec(rate.price).gt(cost)) return [];
    return [
      finding(
        "start-fee-high",
        `${at}/price`,
        `session fee ${rate.price} is more than a typical session's energy cost: ${typical.toFixed()} kWh at the dearest energy price ${dearest.price.toFixed()} (${dearest.at}) is ${cost.toFixed()} (typical: ${typical.toFixed()} kWh, option typicalSessionKWh)`,
      ),
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// Price transparency by market

/** The rates of a dimension that can apply and charge something. */
function charging(tariff: Tariff, dim: Dimension, never: Set<string>): { rate: Rate; at: string }[] {
  return tariff[dim].map((rate, i) => ({ rate, at: pointerOf(dim, i) })).filter((x) => !never.has(x.at) && new Dec(x.rate.price).gt(0));
}

function marketFindings(tariff: Tariff, never: Set<string>): LintFinding[] {
  const country = tariff.market.slice(0, 2);
  const perKWh = charging(tariff, "energy", never);
  const time = charging(tariff, "time", never);
  const idle = charging(tariff, "idle", never);
  const flat = charging(tariff, "flat", never);
  const out: LintFinding[] = [];
  if (EU_MEMBERS.has(country)) {
    if (perKWh.length === 0)
      out.push(
        finding(
          "afir-price-per-kwh",
          "/energy",
          "has no price per kWh. AFIR art. 5(4): the ad hoc price at a publicly accessible recharging point with a power output of 50 kW or more is based on the price per kWh. The tariff file does not say the station's power output, nor whether this is its ad hoc price; if both hold, the tariff needs an energy rate",
        ),
      );
    const digits = findCurrency(tariff.currency)?.settlementDigits ?? 2;
    for (const { rate, at } of [...time, ...idle]) {
      const price = new Dec(rate.price);
      const perMinute = price.div(60);
      if (perMinute.toDecimalPlaces(digits + 2).times(60).eq(price)) continue;
      out.push(
        finding(
          "afir-price-per-minute",
          `${at}/price`,
          `${rate.price} per hour is ${perMinute.toDecimalPlaces(digits + 4, 1).toFixed()}… per minute: no exact price per minute in ${digits + 2} decimals, and AFIR art. 5(4) lists the ad hoc price per minute; a price per hour divisible by 60 (e.g. ${price.div(60).toDecimalPlaces(digits, 1).times(60).toFixed()} or ${price.div(60).toDecimalPlaces(digits, 0).times(60).toFixed()}) can be shown as charged`,
        ),
      );
    }
    const components = [
      perKWh.length ? "price per kWh (/energy)" : "",
      time.length ? "price per minute (/time)" : "",
      flat.length ? "price per session (/flat)" : "",
      [idle.length ? "/idle" : "", tariff.minPrice != null ? "/minPrice" : "", tariff.maxPrice != null ? "/maxPrice" : ""].filter(Boolean).join(", "),
    ];
    const shown = components.map((c, i) => (i === 3 && c ? `other components (${c})` : c)).filter(Boolean);
    if (shown.length >= 2)
      out.push(
        finding(
          "afir-display-order",
          "",
          `AFIR art. 5(4) lists the ad hoc price components to display in this order: ${shown.join(", then ")}. The tariff file cannot show how a station displays them; describeTariff prints them in this order`,
        ),
      );
    return out;
  }
  if (US_AND_TERRITORIES.has(country)) {
    if (perKWh.length === 0) out.push(finding("nist-unit-price", "/energy", `has no unit price per kWh, which NIST Handbook 44 §3.40 requires the EVSE to show for electricity sold (${HB44.split(";")[0]})`));
    const fees = [...time.map((x) => `${x.at} (per hour charging)`), ...idle.map((x) => `${x.at} (per hour idle)`), ...flat.map((x) => `${x.at} (per session)`)];
    if (tariff.minPrice != null) fees.push(`/minPrice ${tariff.minPrice}`);
    if (tariff.maxPrice != null) fees.push(`/maxPrice ${tariff.maxPrice}`);
    if (fees.length > 0)
      out.push(
        finding(
          "nist-additional-fees",
          "",
          `fees besides the unit price per kWh, to be disclosed to the customer under NIST Handbook 44 §3.40: ${fees.join(", ")}. The tariff file cannot show how the station discloses them, nor whether the state or territory (${tariff.market}) has adopted §3.40`,
        ),
      );
    return out;
  }
  const name = findMarket(tariff.market)?.name ?? tariff.market;
  out.push(finding("transparency-not-checked", "/market", `no price-transparency rule is checked for ${tariff.market} (${name}): ev-tariff has rules for EU member states (AFIR) and the US and its territories (NIST Handbook 44) only`));
  return out;
}

