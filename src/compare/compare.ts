/**
 * `compareTariffs(current, proposed, sessions)`: every session priced under both tariffs by the same
 * engine (`priceSession`), and what that does, per market and currency, summed exactly in minor
 * units. A session goes in with its receipts' totals only; nothing is estimated.
 *
 * The work is split so that the CLI can price on worker threads: `compareSession` prices one session
 * under both sides and answers a plain, cloneable `Outcome`; a `ComparisonBuilder` adds outcomes up
 * and `finish()` gives the `Comparison`.
 */
import { compiledFor, type CompiledTariff } from "../compile/compile.js";
import { currency as findCurrency } from "../money/currencies.js";
import { Dec, ZERO } from "../money/decimal.js";
import { priceSession } from "../price/price-session.js";
import { TariffError, type Issue } from "../schema/errors.js";
import type { Session, Tariff } from "../schema/types.js";
import { parseInstant } from "../time/instants.js";
import { localParts, toLocal } from "../time/zones.js";
import type {
  Bucket,
  CompareOptions,
  Comparison,
  Distribution,
  HistogramBin,
  InvalidSession,
  MarketComparison,
  MoneyTotals,
  Percent,
  Refusal,
  SessionChange,
} from "./types.js";

/** A tariff as `priceSession` takes it: parsed or compiled. */
export type TariffLike = Tariff | CompiledTariff;

/**
 * One side of a comparison: one tariff (every session is priced with it) or several (each session
 * names its tariff by `tariffId`; ids must be unique).
 */
export type TariffSide = TariffLike | readonly TariffLike[];

/** A session to compare, with the id of its tariff when a side holds several. */
export interface ComparedSession {
  readonly session: Session;
  readonly tariffId?: string;
}

/** A side compiled once: its tariffs by id, and the one tariff when it is a single one. */
export interface CompiledSide {
  readonly single: CompiledTariff | undefined;
  readonly byId: ReadonlyMap<string, CompiledTariff>;
}

/** Monday first: the order of `byWeekday` and `byWeekdayHour`. */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/**
 * Compiles a side. Throws `TariffError` when two of its tariffs share an id (path `/N/id`, N the
 * position in the list).
 */
export function compileSide(side: TariffSide): CompiledSide {
  const list = Array.isArray(side) ? (side as readonly TariffLike[]) : undefined;
  const byId = new Map<string, CompiledTariff>();
  for (const [i, t] of (list ?? [side as TariffLike]).entries()) {
    const ct = compiledFor(t);
    const id = ct.tariff.id;
    if (byId.has(id)) throw new TariffError([{ path: `/${i}/id`, message: `${id} is also the id of an earlier tariff` }], "tariff list");
    byId.set(id, ct);
  }
  return { single: list ? undefined : byId.values().next().value, byId };
}

/** What comparing one session came to: plain data (it crosses from worker threads). */
export type Outcome =
  | {
      readonly kind: "pair";
      readonly line: number;
      readonly sessionId?: string;
      readonly tariffId: string;
      readonly proposedTariffId: string;
      readonly market: string;
      readonly currency: string;
      readonly energyKWh: string;
      /** "YYYY-MM-DD HH:MM" in the current tariff's zone. */
      readonly localStart: string;
      /** Local hour of the start, 0–23, and weekday, 0 = Monday … 6 = Sunday. */
      readonly hour: number;
      readonly weekday: number;
      /** The receipts' totals; null when that side refused the session (`issues` say why). */
      readonly before: MoneyTotals | null;
      readonly after: MoneyTotals | null;
      readonly issues?: readonly Issue[];
    }
  | { readonly kind: "invalid"; readonly line: number; readonly issues: readonly Issue[] }
  | { readonly kind: "skipped"; readonly line: number };

const HOUR_MS = 3_600_000;

function priced(ct: CompiledTariff, session: Session): { totals: MoneyTotals; energyKWh: string } | { issues: readonly Issue[] } {
  try {
    const r = priceSession(ct, session);
    return { totals: { net: r.totals.net, tax: r.totals.tax, gross: r.totals.gross }, energyKWh: r.energyKWh };
  } catch (e) {
    if (e instanceof TariffError) return { issues: e.issues };
    throw e;
  }
}

/**
 * Prices one session under both sides. `line` is its 1-based position (the NDJSON line).
 *
 * Which tariffs: a current side of one tariff prices every session that names no tariff or names
 * it; a session naming another is `skipped`. A current side of several prices the session with the
 * one its `tariffId` names (none: `invalid`). The proposed side: one tariff prices every session
 * when the current side is one tariff too, else the sessions whose tariff has its id (the others are
 * `skipped`); several: the one with the current tariff's id (none: refused by the proposed side).
 */
export function compareSession(current: CompiledSide, proposed: CompiledSide, item: ComparedSession, line: number): Outcome {
  const { session, tariffId } = item;
  let ct: CompiledTariff | undefined;
  if (current.single) {
    if (tariffId !== undefined && tariffId !== current.single.tariff.id) return { kind: "skipped", line };
    ct = current.single;
  } else {
    ct = tariffId === undefined ? undefined : current.byId.get(tariffId);
    if (!ct) {
      const known = [...current.byId.keys()];
      const message =
        tariffId === undefined
          ? "is required: the session must name its tariff"
          : `names no current tariff (known: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""})`;
      return { kind: "invalid", line, issues: [{ path: "/tariffId", message }] };
    }
  }
  const id = ct.tariff.id;
  let pt: CompiledTariff | undefined;
  let proposedIssue: Issue | undefined;
  if (proposed.single) {
    if (!current.single && proposed.single.tariff.id !== id) return { kind: "skipped", line };
    pt = proposed.single;
  } else {
    pt = proposed.byId.get(id);
    if (!pt) proposedIssue = { path: "/tariffId", message: `the proposed tariffs hold no tariff ${id}` };
  }
  if (pt && pt.currency.code !== ct.currency.code) {
    proposedIssue = { path: "/tariffId", message: `the proposed tariff ${pt.tariff.id} bills in ${pt.currency.code}, the current one in ${ct.currency.code}: they cannot be compared` };
    pt = undefined;
  }

  const local = localParts(toLocal(ct.zone, parseInstant(session.start)));
  const hour = Math.floor(local.msOfDay / HOUR_MS);
  const minute = Math.floor((local.msOfDay % HOUR_MS) / 60_000);
  const before = priced(ct, session);
  const after = pt ? priced(pt, session) : { issues: [proposedIssue!] };
  const issues = [...("issues" in before ? before.issues : []), ...("issues" in after ? after.issues : [])];
  return {
    kind: "pair",
    line,
    ...(session.id !== undefined ? { sessionId: session.id } : {}),
    tariffId: id,
    proposedTariffId: pt?.tariff.id ?? (proposed.single?.tariff.id ?? id),
    market: ct.market.code,
    currency: ct.currency.code,
    energyKWh: "energyKWh" in before ? before.energyKWh : "energyKWh" in after ? after.energyKWh : session.energyKWh,
    localStart: `${local.date} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
    hour,
    weekday: (local.weekday + 6) % 7,
    before: "totals" in before ? before.totals : null,
    after: "totals" in after ? after.totals : null,
    ...(issues.length > 0 ? { issues } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Exact arithmetic on minor units (bigint): sums, differences, and the two divisions (percent,
// price per kWh), each rounded once, half away from zero.

/** Minor units of a money string ("-4.99" → -499n, "7990" → 7990n). */
const minorOf = (money: string): bigint => BigInt(money.replace(".", ""));

/** `minor` as a money string with `digits` decimals. */
export function formatMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}

/** num ÷ den rounded to a whole number, half away from zero (`halfAwayFromZero`); den ≠ 0. */
function divHalfAway(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/** The change in percent of `before`, 2 decimals, half away from zero; null when `before` is 0. */
function percent(change: bigint, before: bigint): Percent {
  if (before === 0n) return null;
  return formatMinor(divHalfAway(change * 10_000n, before), 2);
}

/** Decimals of price per kWh. */
const PPK_DIGITS = 4;

/** An energy string as a scaled integer: "48.250" → { value: 48250n, decimals: 3 }. */
function scaled(text: string): { value: bigint; decimals: number } {
  const dot = text.indexOf(".");
  return dot < 0 ? { value: BigInt(text), decimals: 0 } : { value: BigInt(text.slice(0, dot) + text.slice(dot + 1)), decimals: text.length - dot - 1 };
}

/** Gross ÷ energy in units of 10^-4 of the currency, rounded once half away from zero; undefined for 0 kWh. */
function pricePerKWh(grossMinor: bigint, digits: number, energyKWh: string): bigint | undefined {
  const e = scaled(energyKWh);
  if (e.value === 0n) return undefined;
  return divHalfAway(grossMinor * 10n ** BigInt(e.decimals + PPK_DIGITS), e.value * 10n ** BigInt(digits));
}

/** A growable list of 64-bit integers (minor units), sorted at the end. */
class IntList {
  private data = new BigInt64Array(64);
  length = 0;
  push(v: bigint): void {
    if (this.length === this.data.length) {
      const grown = new BigInt64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  sorted(): BigInt64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** Nearest-rank percentile p (0 < p ≤ 100) of sorted values. */
const rank = (sorted: BigInt64Array, p: number): bigint => sorted[Math.max(0, Math.floor((p * sorted.length + 99) / 100) - 1)]!;

function distribution(sorted: BigInt64Array, digits: number): Distribution | null {
  if (sorted.length === 0) return null;
  const f = (v: bigint) => formatMinor(v, digits);
  return { min: f(sorted[0]!), p10: f(rank(sorted, 10)), median: f(rank(sorted, 50)), p90: f(rank(sorted, 90)), max: f(sorted[sorted.length - 1]!) };
}

/** The smallest of 1, 2, 5 × 10^k at least `raw` (≥ 1). */
function niceWidth(raw: bigint): bigint {
  for (let power = 1n; ; power *= 10n) for (const m of [1n, 2n, 5n]) if (m * power >= raw) return m * power;
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** About 20 bins of a round width covering min … max; each holds the values from ≤ v < to. */
function histogram(sorted: BigInt64Array, digits: number): HistogramBin[] {
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const width = niceWidth((max - min + 19n) / 20n || 1n);
  const bins: HistogramBin[] = [];
  let i = 0;
  for (let from = floorDiv(min, width) * width; from <= max; from += width) {
    const to = from + width;
    let n = 0;
    while (i < sorted.length && sorted[i]! < to) {
      i++;
      n++;
    }
    bins.push({ from: formatMinor(from, digits), to: formatMinor(to, digits), sessions: n });
  }
  return bins;
}

interface Cell {
  sessions: number;
  before: bigint;
  after: bigint;
}

interface Ranked {
  readonly change: bigint;
  readonly line: number;
  readonly outcome: Extract<Outcome, { kind: "pair" }>;
}

/** Keeps the `k` entries with the largest |change| (ties: the earlier line). */
function keepTop(list: Ranked[], entry: Ranked, k: number): void {
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const better = (a: Ranked, b: Ranked) => abs(a.change) > abs(b.change) || (abs(a.change) === abs(b.change) && a.line < b.line);
  if (k <= 0) return;
  if (list.length === k && !better(entry, list[k - 1]!)) return;
  let at = list.length;
  while (at > 0 && better(entry, list[at - 1]!)) at--;
  list.splice(at, 0, entry);
  if (list.length > k) list.pop();
}

class Group {
  readonly digits: number;
  readonly tariffs = new Set<string>();
  priced = 0;
  readonly refused = { current: 0, proposed: 0, both: 0 };
  energy: Dec = ZERO;
  readonly before = [0n, 0n, 0n];
  readonly after = [0n, 0n, 0n];
  readonly changes = new IntList();
  readonly ppkBefore = new IntList();
  readonly ppkAfter = new IntList();
  readonly cells: Cell[] = Array.from({ length: 7 * 24 }, () => ({ sessions: 0, before: 0n, after: 0n }));
  readonly increases: Ranked[] = [];
  readonly decreases: Ranked[] = [];

  constructor(
    readonly market: string,
    readonly currency: string,
  ) {
    this.digits = findCurrency(currency)?.settlementDigits ?? 2;
  }
}

const bucket = (c: Cell, digits: number): Bucket => ({
  sessions: c.sessions,
  before: formatMinor(c.before, digits),
  after: formatMinor(c.after, digits),
  change: formatMinor(c.after - c.before, digits),
  changePercent: percent(c.after - c.before, c.before),
});

const addCells = (cells: readonly Cell[]): Cell =>
  cells.reduce((a, c) => ({ sessions: a.sessions + c.sessions, before: a.before + c.before, after: a.after + c.after }), { sessions: 0, before: 0n, after: 0n });

/**
 * Adds outcomes up. Give them in input order for the listed refusals and invalid sessions to be the
 * first ones; every sum and distribution is the same in any order.
 */
export class ComparisonBuilder {
  private readonly groups = new Map<string, Group>();
  private read = 0;
  private compared = 0;
  private refusedCount = 0;
  private invalidCount = 0;
  private skipped = 0;
  private readonly refusals: Refusal[] = [];
  private readonly invalid: InvalidSession[] = [];
  private readonly top: number;
  private readonly examples: number;

  constructor(
    private readonly currentIds: readonly string[],
    private readonly proposedIds: readonly string[],
    options: CompareOptions = {},
  ) {
    this.top = options.top ?? 10;
    this.examples = options.examples ?? 20;
  }

  add(o: Outcome): void {
    this.read++;
    if (o.kind === "skipped") {
      this.skipped++;
      return;
    }
    if (o.kind === "invalid") {
      this.invalidCount++;
      if (this.invalid.length < this.examples) this.invalid.push({ line: o.line, issues: o.issues });
      return;
    }
    const key = `${o.market} ${o.currency}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new Group(o.market, o.currency)));
    g.tariffs.add(o.tariffId);
    if (!o.before || !o.after) {
      const side = !o.before && !o.after ? "both" : !o.before ? "current" : "proposed";
      g.refused[side]++;
      this.refusedCount++;
      if (this.refusals.length < this.examples)
        this.refusals.push({ line: o.line, ...(o.sessionId !== undefined ? { sessionId: o.sessionId } : {}), tariffId: o.tariffId, side, issues: o.issues ?? [] });
      return;
    }
    this.compared++;
    g.priced++;
    g.energy = g.energy.plus(new Dec(o.energyKWh));
    const b = [minorOf(o.before.net), minorOf(o.before.tax), minorOf(o.before.gross)] as const;
    const a = [minorOf(o.after.net), minorOf(o.after.tax), minorOf(o.after.gross)] as const;
    for (let i = 0; i < 3; i++) {
      g.before[i] = g.before[i]! + b[i]!;
      g.after[i] = g.after[i]! + a[i]!;
    }
    const change = a[2] - b[2];
    g.changes.push(change);
    const pb = pricePerKWh(b[2], g.digits, o.energyKWh);
    const pa = pricePerKWh(a[2], g.digits, o.energyKWh);
    if (pb !== undefined && pa !== undefined) {
      g.ppkBefore.push(pb);
      g.ppkAfter.push(pa);
    }
    const cell = g.cells[o.weekday * 24 + o.hour]!;
    cell.sessions++;
    cell.before += b[2];
    cell.after += a[2];
    if (change > 0n) keepTop(g.increases, { change, line: o.line, outcome: o }, this.top);
    else if (change < 0n) keepTop(g.decreases, { change, line: o.line, outcome: o }, this.top);
  }

  finish(): Comparison {
    const markets: MarketComparison[] = [...this.groups.values()]
      .sort((x, y) => (x.market < y.market ? -1 : x.market > y.market ? 1 : x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0))
      .map((g) => this.market(g));
    return {
      current: this.currentIds,
      proposed: this.proposedIds,
      sessions: { read: this.read, compared: this.compared, refused: this.refusedCount, invalid: this.invalidCount, skipped: this.skipped },
      markets,
      refusals: this.refusals,
      invalid: this.invalid,
    };
  }

  private market(g: Group): MarketComparison {
    const d = g.digits;
    const totals = (v: readonly bigint[]): MoneyTotals => ({ net: formatMinor(v[0]!, d), tax: formatMinor(v[1]!, d), gross: formatMinor(v[2]!, d) });
    const change = g.after.map((v, i) => v - g.before[i]!);
    const changes = g.changes.sorted();
    const session = (r: Ranked): SessionChange => {
      const o = r.outcome;
      const before = minorOf(o.before!.gross);
      return {
        line: o.line,
        ...(o.sessionId !== undefined ? { sessionId: o.sessionId } : {}),
        tariffId: o.tariffId,
        proposedTariffId: o.proposedTariffId,
        localStart: o.localStart,
        energyKWh: o.energyKWh,
        before: o.before!.gross,
        after: o.after!.gross,
        change: formatMinor(r.change, d),
        changePercent: percent(r.change, before),
      };
    };
    const rows = WEEKDAYS.map((_, w) => g.cells.slice(w * 24, w * 24 + 24));
    return {
      market: g.market,
      currency: g.currency,
      tariffs: [...g.tariffs].sort(),
      sessions: { priced: g.priced, refused: { ...g.refused } },
      energyKWh: g.energy.toFixed(),
      revenue: {
        before: totals(g.before),
        after: totals(g.after),
        change: totals(change),
        changePercent: { net: percent(change[0]!, g.before[0]!), tax: percent(change[1]!, g.before[1]!), gross: percent(change[2]!, g.before[2]!) },
      },
      changePerSession: distribution(changes, d),
      histogram: histogram(changes, d),
      pricePerKWh: { sessions: g.ppkBefore.length, before: distribution(g.ppkBefore.sorted(), PPK_DIGITS), after: distribution(g.ppkAfter.sorted(), PPK_DIGITS) },
      byHour: Array.from({ length: 24 }, (_, h) => bucket(addCells(rows.map((r) => r[h]!)), d)),
      byWeekday: rows.map((r) => bucket(addCells(r), d)),
      byWeekdayHour: rows.map((r) => r.map((c) => bucket(c, d))),
      largest: { increases: g.increases.map(session), decreases: g.decreases.map(session) },
    };
  }
}

const isCompared = (s: Session | ComparedSession): s is ComparedSession => "session" in s && typeof (s as ComparedSession).session === "object";

/**
 * Prices every session under the current and the proposed tariffs and compares, per market and
 * currency: revenue before and after (net, tax, gross; exact sums) and its change in money and
 * percent, the distribution of the per-session change and of the price per kWh, the change by local
 * hour and weekday of the start, and the sessions that change most. A session a tariff refuses
 * (outside its validity, say) is counted as refused, not compared. Throws `TariffError` when a side
 * repeats a tariff id.
 *
 * @example
 * const c = compareTariffs(parseTariff(current), parseTariff(proposed), sessions.map(parseSession));
 * c.markets[0].revenue.change.gross // "412.30"
 * // Several tariffs on a side: sessions name theirs.
 * compareTariffs([a, b], [a2, b2], [{ tariffId: "gr-athens-dc-150", session }]);
 */
export function compareTariffs(current: TariffSide, proposed: TariffSide, sessions: Iterable<Session | ComparedSession>, options: CompareOptions = {}): Comparison {
  const cur = compileSide(current);
  const prop = compileSide(proposed);
  const builder = new ComparisonBuilder([...cur.byId.keys()], [...prop.byId.keys()], options);
  let line = 0;
  for (const s of sessions) builder.add(compareSession(cur, prop, isCompared(s) ? s : { session: s }, ++line));
  return builder.finish();
}
