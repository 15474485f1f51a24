import { compiledFor, isCompiled, type CompiledTariff } from "../compile/compile.js";
import type { ConditionContext } from "../compile/conditions.js";
import type { TaxRule } from "../markets/types.js";
import { Dec, ONE, ZERO } from "../money/decimal.js";
import { currency as findCurrency, type Currency } from "../money/currencies.js";
import { TariffError } from "../schema/errors.js";
import { sessionTimes } from "../schema/session-times.js";
import { parseSession } from "../schema/parse-session.js";
import type { Session, Tariff } from "../schema/types.js";
import type { Receipt } from "../receipt/types.js";
import { decimalQ, frac, imul, isWhole, narrow, qcmp, qmul, type Q } from "../engine/exact.js";
import { contextOf, decOf } from "../engine/context.js";
import { dateText, planOf, type Ctx, type PlanRate } from "../engine/plan.js";
import { runEngine, type EngineExchange, type EngineTrace, type Profile } from "../engine/price.js";
import type { PriceOptions, PricingRun, PricedLine, SessionProfile, Slice, TaxComputation } from "./types.js";

export type * from "./types.js";

/**
 * Prices a charging session with a tariff: the receipt, exact to the minor unit.
 *
 * `tariff` may be the parsed tariff or a compiled one: a tariff `parseTariff` returned is compiled
 * once, on its first use, and reused on every later call.
 *
 * @example
 * const receipt = priceSession(parseTariff(tariffJson), parseSession(sessionJson));
 * receipt.totals.gross // "9.00"
 */
export function priceSession(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): Receipt {
  const ct = compiledFor(tariff, options.zones);
  const profile = options.profile ? engineProfile(options.profile) : sessionProfile(session);
  return runEngine(planOf(ct), profile, engineOptions(ct, session, options, false)).receipt;
}

/** Prices a session and keeps every intermediate step (what `explainSession` shows). */
export function runPricing(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): PricingRun {
  const ct = compiledFor(tariff, options.zones);
  const profile = options.profile ? engineProfile(options.profile) : sessionProfile(session);
  const o = engineOptions(ct, session, options, true);
  const { receipt, trace } = runEngine(planOf(ct), profile, o);
  return runOf(ct, options.profile ?? (() => decimalProfile(profile)), trace!, receipt, o.exchange, billingOf(ct, options));
}

/**
 * The slices of a profile as the engine cuts them, with the rate each dimension chose in each
 * (for live prices and their next change). Validity and tax dates are not checked.
 */
export function sliceProfile(ct: CompiledTariff, profile: SessionProfile): Slice[] {
  const { trace } = runEngine(planOf(ct), engineProfile(profile), {
    checkValidity: false,
    billingCode: ct.currency.code,
    digits: ct.currency.settlementDigits,
    payment: "card",
    sessionId: undefined,
    trace: true,
  });
  return trace!.slices.map((s) => sliceOf(ct, s));
}

export { isCompiled };

// ---------------------------------------------------------------------------------------------
// Input: a session as the engine reads it.

/** A decimal text of kWh beyond a safe integer of millionths, as 1e-6 kWh, exactly. */
const bigKWh = (text: string): Q => qmul(decimalQ(text)!, 1_000_000);

/** The shortest text of a decimal ("22.50" → "22.5", "007" → "7"), as receipts print energy. */
function shortest(text: string): string {
  let end = text.length;
  if (text.indexOf(".") >= 0) {
    while (text.charCodeAt(end - 1) === 48) end--; // trailing zeros
    if (text.charCodeAt(end - 1) === 46) end--; // and a point left bare
  }
  let begin = text.charCodeAt(0) === 45 ? 1 : 0;
  // Leading zeros, but the one before a point.
  while (begin < end - 1 && text.charCodeAt(begin) === 48 && text.charCodeAt(begin + 1) !== 46) begin++;
  const digits = text.slice(begin, end);
  return text.charCodeAt(0) === 45 && digits !== "0" ? "-" + digits : digits;
}

/** The session's energy curve: meter readings when given, else a straight line from start to chargingEnd. */
function sessionProfile(s: Session): Profile {
  // What parseSession read; a session it did not return (built by hand, or a changed copy) is checked as it checks one.
  const times = sessionTimes(s) ?? sessionTimes((s = parseSession(s)))!;
  const { start, end, chargingEnd, meterAt, meterMicro } = times;
  const total = times.energyMicro === times.energyMicro ? times.energyMicro : bigKWh(s.energyKWh);
  const at: number[] = [start];
  const e: Q[] = [0];
  // Readings after chargingEnd add nothing (the parser checks they equal the total).
  for (let i = 0; i < meterAt.length; i++) {
    const t = meterAt[i]!;
    if (t > start && t < chargingEnd) {
      at.push(t);
      const k = meterMicro[i]!;
      e.push(k === k ? k : bigKWh(s.meter![i]!.kWh));
    }
  }
  if (chargingEnd > start) {
    at.push(chargingEnd);
    e.push(total);
  }
  return {
    start,
    chargingEnd,
    end,
    total,
    totalText: shortest(s.energyKWh),
    at,
    e,
    idle: end > chargingEnd ? [{ from: chargingEnd, to: end }] : [],
    texts: { start: s.start, end: s.end, chargingEnd: s.chargingEnd },
  };
}

const BAD_PROFILE =
  "is not a session profile: whole UTC ms with start <= chargingEnd <= end; points from (start, 0) in time order, energy never decreasing, to (chargingEnd, energyKWh); idle intervals in order inside the session";

/**
 * An adapter's profile (decimal energies) as the engine reads it, checked: a profile is built by
 * hand, and one out of order would price as it stands (negative energy, time running backwards).
 */
function engineProfile(p: SessionProfile): Profile {
  const kWh = (d: unknown): Q => {
    const q = typeof (d as Dec | undefined)?.toFixed == "function" ? decimalQ((d as Dec).toFixed()) : undefined;
    return q === undefined ? bad() : qmul(q, 1_000_000);
  };
  const bad = (): never => {
    throw new TariffError([{ path: "/profile", message: BAD_PROFILE }], "session profile");
  };
  const { start, chargingEnd, end, points, idle } = p ?? bad();
  const at = (Array.isArray(points) ? points : bad()).map((x) => x?.at);
  const e = points.map((x) => kWh(x?.kWh));
  const total = kWh(p.energyKWh);
  const n = at.length;
  let ok = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start <= chargingEnd && chargingEnd <= end && n > 0 && at[0] === start && e[0] === 0;
  for (let i = 1; ok && i < n; i++) ok = Number.isSafeInteger(at[i]) && at[i]! > at[i - 1]! && at[i]! <= chargingEnd && qcmp(e[i]!, e[i - 1]!) >= 0;
  ok &&= chargingEnd === start ? qcmp(total, e[n - 1]!) === 0 : at[n - 1] === chargingEnd && qcmp(total, e[n - 1]!) === 0;
  let last = start;
  for (const x of ok && Array.isArray(idle) ? idle : bad()) ok &&= Number.isSafeInteger(x?.from) && x.from >= last && x.to > x.from && x.to <= end && ((last = x.to), true);
  if (!ok) bad();
  return { start, chargingEnd, end, total, totalText: p.energyKWh.toFixed(), at: at as number[], e, idle };
}

function decimalProfile(p: Profile): SessionProfile {
  return {
    start: p.start,
    chargingEnd: p.chargingEnd,
    end: p.end,
    energyKWh: kWhDec(p.total),
    points: p.at.map((at, i) => ({ at, kWh: kWhDec(p.e[i]!) })),
    idle: p.idle,
  };
}

// ---------------------------------------------------------------------------------------------
// Options

function billingOf(ct: CompiledTariff, options: PriceOptions): Currency {
  return options.currency !== undefined ? (findCurrency(options.currency) ?? ct.currency) : ct.currency;
}

function exchangeOf(ct: CompiledTariff, options: PriceOptions): EngineExchange | undefined {
  if (options.currency === undefined && options.rate === undefined) return undefined;
  const issues = [];
  const billing = options.currency !== undefined ? findCurrency(options.currency) : undefined;
  if (!billing)
    issues.push({ path: "/currency", message: options.currency === undefined ? "is required with a rate: the currency to bill in" : `is not an ISO 4217 currency (${options.currency})` });
  const rateOk = typeof options.rate === "string" && /^(0|[1-9]\d{0,11})(\.\d{1,12})?$/.test(options.rate) && /[1-9]/.test(options.rate);
  if (!rateOk) issues.push({ path: "/rate", message: "must be a positive decimal string with at most 12 decimals, e.g. \"1.0831\"" });
  if (!billing || !rateOk) throw new TariffError(issues, "exchange options");
  const text = shortest(options.rate!);
  const dot = text.indexOf(".");
  const rateDecimals = dot < 0 ? 0 : text.length - dot - 1;
  const rateInt = narrow(BigInt(text.replace(".", "")));
  // Amounts are worked out in the tariff currency's minor units: × rate × 10^(billing digits − tariff digits).
  const shift = billing.settlementDigits - ct.currency.settlementDigits;
  const q = frac(imul(rateInt, narrow(10n ** BigInt(Math.max(shift, 0)))), narrow(10n ** BigInt(rateDecimals + Math.max(-shift, 0))));
  const [n, d] = isWhole(q) ? [q, 1] : [q.n, q.d];
  return { from: ct.currency.code, to: billing.code, n, d, rateInt, rateDecimals, rateText: text };
}

function engineOptions(ct: CompiledTariff, session: Session, options: PriceOptions, trace: boolean) {
  const exchange = exchangeOf(ct, options);
  const billing = billingOf(ct, options);
  return {
    checkValidity: !options.ignoreValidity,
    ...(exchange ? { exchange } : {}),
    billingCode: billing.code,
    digits: billing.settlementDigits,
    payment: session.payment ?? "card",
    sessionId: session.id,
    trace,
  } as const;
}

// ---------------------------------------------------------------------------------------------
// The trace as decimals (explain, quotes, charge records).

const dec = decOf;
const MILLION = /* @__PURE__ */ new Dec(1_000_000);
const kWhDec = (q: Q): Dec => dec(q).div(MILLION);

const compiledRate = (r: PlanRate | null | undefined) => (r === undefined ? undefined : r === null ? null : r.compiled);

function sliceOf(_ct: CompiledTariff, s: EngineTrace["slices"][number]): Slice {
  const chosen: { energy?: PlanRate["compiled"] | null; time?: PlanRate["compiled"] | null; idle?: PlanRate["compiled"] | null } = {};
  for (const d of ["energy", "time", "idle"] as const) {
    const r = compiledRate(s.chosen[d]);
    if (r !== undefined) chosen[d] = r;
  }
  return {
    from: dec(s.from),
    to: dec(s.to),
    charging: s.charging,
    energyFrom: kWhDec(s.energyFrom),
    energyTo: kWhDec(s.energyTo),
    cutReasons: s.reasons,
    context: contextOf(s.ctx as Ctx),
    localFrom: s.localFrom,
    chosen,
  };
}

/** gross = net × factor for a set of taxes: (1 + added)(1 + compound) / (1 − inside). */
function grossFactor(rules: readonly TaxRule[]): Dec {
  const of = (m: string) => rules.filter((r) => (r.method ?? "added") === m).reduce((a, r) => a.plus(r.rate ?? "0"), ZERO);
  return ONE.plus(of("added")).times(ONE.plus(of("compound"))).div(ONE.minus(of("inside")));
}

function runOf(ct: CompiledTariff, profile: SessionProfile | (() => SessionProfile), t: EngineTrace, receipt: Receipt, x: EngineExchange | undefined, billing: Currency): PricingRun {
  const digits = billing.settlementDigits;
  const unit = new Dec(10).pow(digits);
  const money = (q: Q) => dec(q).div(unit);
  const inclusive = ct.pricesInclude === "tax";
  const segmentOf = (s: NonNullable<EngineTrace["lines"][number]["segment"]>) => {
    const q = s.dimension === "energy" ? kWhDec : dec;
    return { dimension: s.dimension, rate: s.rate ? s.rate.compiled : null, from: dec(s.from), to: dec(s.to), metered: q(s.metered), billed: q(s.billed), slices: s.slices };
  };
  const lines: PricedLine[] = t.lines.map((l) => {
    const adjustment = l.component === "minimum" || l.component === "maximum";
    const quantity = l.component === "energy" || l.component === "excise" ? kWhDec(l.quantity) : dec(l.quantity);
    return {
      component: l.component,
      rate: l.rate ? l.rate.compiled : null,
      from: dec(l.from),
      to: dec(l.to),
      quantity,
      unitPrice: adjustment ? money(l.amount) : x ? dec(l.unitMicro).times(x.rateText).div(MILLION) : dec(l.unitMicro).div(MILLION),
      exact: money(l.exact),
      amountMinor: BigInt(l.amount),
      taxes: l.group.rules,
      ...(l.segment ? { segment: segmentOf(l.segment) } : {}),
      ...(l.excise ? { excise: l.excise } : {}),
    };
  });
  const show = (d: Dec) => d.toSignificantDigits(15).toFixed();
  const taxes = (): TaxComputation[] => t.taxes.map((c) => {
    const rules = c.group.rules;
    const amountDec = money(c.groupAmount);
    const factor = grossFactor(rules);
    const net = inclusive ? amountDec.div(factor) : amountDec;
    const gross = inclusive ? amountDec : amountDec.times(factor);
    const added = rules.filter((r) => (r.method ?? "added") === "added").reduce((a, r) => a.plus(r.rate ?? "0"), ZERO);
    const netText = inclusive ? `net = gross ${amountDec.toFixed(digits)} ÷ ${show(factor)} = ${show(net)}` : `net ${amountDec.toFixed(digits)}`;
    const method = c.rule.method ?? "added";
    const formula =
      method === "inside"
        ? `gross ${show(gross)} × ${c.rule.rate} (inside its own base)`
        : method === "compound"
          ? `(${netText}) × (1 + ${added.toFixed()}) × ${c.rule.rate} (on net plus added taxes)`
          : `(${netText}) × ${c.rule.rate}`;
    return { rule: c.rule, baseMinor: BigInt(c.base), amountMinor: BigInt(c.amount), exact: money(c.exact), groupAmountMinor: BigInt(c.groupAmount), factor, formula };
  });
  const stepUnit = (d: string) => (d === "energy" ? kWhDec : dec);
  // What only explanations read is worked out when first read (then kept): pricing charge records
  // and quotes need the lines alone.
  let slices: Slice[] | undefined;
  let flatContext: ConditionContext | undefined;
  let taxList: TaxComputation[] | undefined;
  let decimalProfileOf: SessionProfile | undefined;
  const run: PricingRun & { [TRACE]?: EngineTrace } = {
    compiled: ct,
    get profile() {
      return (decimalProfileOf ??= typeof profile === "function" ? profile() : profile);
    },
    get slices() {
      return (slices ??= t.slices.map((s) => sliceOf(ct, s)));
    },
    get flatContext() {
      return (flatContext ??= contextOf(t.flatCtx as Ctx));
    },
    steps: t.steps.map((s) => ({ dimension: s.dimension, rate: s.rate.compiled, step: stepUnit(s.dimension)(s.step), total: stepUnit(s.dimension)(s.total), billedTotal: stepUnit(s.dimension)(s.billedTotal) })),
    lines,
    cap: t.cap
      ? { kind: t.cap.kind, limit: (t.cap.kind === "minimum" ? ct.minPrice : ct.maxPrice)!, limitMinor: BigInt(t.cap.limitMinor), beforeMinor: BigInt(t.cap.beforeMinor) }
      : undefined,
    get taxes() {
      return (taxList ??= taxes());
    },
    taxDate: dateText(t.taxDay),
    cash: t.cash ? { beforeMinor: BigInt(t.cash.before), afterMinor: BigInt(t.cash.after) } : undefined,
    exchange: x ? { from: x.from, to: x.to, rate: new Dec(x.rateText) } : undefined,
    billing,
    receipt,
  };
  return Object.defineProperty(run, TRACE, { value: t });
}

const TRACE = /* @__PURE__ */ Symbol("ev-tariff.trace");

/** The first `n` slices of a run as decimals, and how many it made (explain lists a bounded number). */
export function firstSlices(run: PricingRun, n: number): { slices: readonly Slice[]; count: number } {
  const t = (run as { [TRACE]?: EngineTrace })[TRACE];
  return t ? { slices: t.slices.slice(0, n).map((s) => sliceOf(run.compiled, s)), count: t.slices.length } : { slices: run.slices.slice(0, n), count: run.slices.length };
}
