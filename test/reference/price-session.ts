import { compileTariff, type CompiledRate, type CompiledTariff } from "../../src/compile/compile.js";
import type { ConditionContext } from "../../src/compile/conditions.js";
import type { TaxRule, TaxedComponent } from "../../src/markets/types.js";
import { Dec, displayDecimal, floorNumber, MS_PER_HOUR, ZERO } from "../../src/money/decimal.js";
import { allocateMinor, formatMoney, moneyFromMinor } from "../../src/money/money.js";
import { roundCash, toMinorUnits } from "./round.js";
import { currency as findCurrency, type Currency } from "../../src/money/currencies.js";
import { TariffError } from "../../src/schema/errors.js";
import type { Session, Tariff } from "../../src/schema/types.js";
import { applyTax, type TaxComputation } from "./apply-tax.js";
import { excisesFor, marketCoversDate, taxesFor, taxKey } from "../../src/tax/rules.js";
import { formatInstant } from "../../src/time/instants.js";
import { localParts, toLocal, type ZoneProvider } from "../../src/time/zones.js";
import type { Receipt, ReceiptLine } from "../../src/receipt/types.js";
import type { CapAdjustment, Exchange, PricedLine, PriceOptions, PricingRun as LibraryRun } from "../../src/price/types.js";
import { firstMatch, meterDimension, METERED, type Segment, type StepRounding } from "./dimensions.js";
import { sessionProfile, type SessionProfile } from "./energy-profile.js";
import { sliceSession, startContext, type Slice } from "./slices.js";



/** Everything pricing worked out, as the library's `PricingRun`, with this pricer's own slices. */
export type PricingRun = Omit<LibraryRun, "slices"> & { readonly slices: readonly Slice[] };



function exchangeOf(ct: CompiledTariff, options: PriceOptions): { exchange: Exchange | undefined; billing: Currency } {
  if (options.currency === undefined && options.rate === undefined) return { exchange: undefined, billing: ct.currency };
  const issues = [];
  const billing = options.currency !== undefined ? findCurrency(options.currency) : undefined;
  if (!billing)
    issues.push({ path: "/currency", message: options.currency === undefined ? "is required with a rate: the currency to bill in" : `is not an ISO 4217 currency (${options.currency})` });
  const rateOk = typeof options.rate === "string" && /^(0|[1-9]\d{0,11})(\.\d{1,12})?$/.test(options.rate) && !new Dec(options.rate).isZero();
  if (!rateOk) issues.push({ path: "/rate", message: "must be a positive decimal string with at most 12 decimals, e.g. \"1.0831\"" });
  if (!billing || !rateOk) throw new TariffError(issues, "exchange options");
  return { exchange: { from: ct.currency.code, to: billing.code, rate: new Dec(options.rate!) }, billing };
}

/**
 * Prices a charging session with a tariff: the receipt, exact to the minor unit.
 *
 * @example
 * const receipt = priceSession(parseTariff(tariffJson), parseSession(sessionJson));
 * receipt.totals.gross // "9.00"
 */
export function priceSession(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): Receipt {
  const ct = isCompiled(tariff) ? tariff : compileTariff(tariff, { zones: options.zones });
  return runPricing(ct, session, options).receipt;
}

function isCompiled(t: Tariff | CompiledTariff): t is CompiledTariff {
  return "rates" in t && "zone" in t;
}

/** Prices a session and keeps every intermediate step (what `explainSession` shows). */
export function runPricing(tariff: Tariff | CompiledTariff, session: Session, options: PriceOptions = {}): PricingRun {
  const ct = isCompiled(tariff) ? tariff : compileTariff(tariff, { zones: options.zones });
  const profile = options.profile ?? sessionProfile(session);
  const { exchange, billing } = exchangeOf(ct, options);
  const digits = billing.settlementDigits;
  const mode = ct.rounding;
  /** An exact amount in the tariff's currency, in the billing currency (still exact). */
  const bill = (amount: Dec) => (exchange ? amount.times(exchange.rate) : amount);
  const money = (minor: bigint) => formatMoney(moneyFromMinor(minor, billing));

  if (!options.ignoreValidity) {
    if (ct.validFrom !== undefined && profile.start < ct.validFrom)
      throw new TariffError([{ path: "/start", message: `is before the tariff's validFrom (${ct.tariff.validFrom})` }], "session");
    if (ct.validTo !== undefined && profile.start >= ct.validTo)
      throw new TariffError([{ path: "/start", message: `is at or after the tariff's validTo (${ct.tariff.validTo})` }], "session");
  }
  const taxDate = localParts(toLocal(ct.zone, profile.start)).date;
  // A tariff that states its own taxes (even none: `taxes: []`) covers every date.
  if (ct.tariff.taxes === undefined && !marketCoversDate(ct.market, taxDate))
    throw new TariffError(
      [{ path: "/start", message: `no tax rule of market ${ct.market.code} is known for ${taxDate} (station's local date)` }],
      "session",
    );
  const taxes = (component: TaxedComponent) => taxesFor(ct.market, component, taxDate);

  const slices = sliceSession(ct, profile);
  const lines: PricedLine[] = [];
  const steps: StepRounding[] = [];
  for (const dimension of METERED) {
    const { segments, step } = meterDimension(ct, dimension, slices);
    if (step) steps.push(step);
    for (const segment of segments) {
      const price = bill(segment.rate?.price ?? ZERO);
      const exact = dimension === "energy" ? segment.billed.times(price) : segment.billed.times(price).div(MS_PER_HOUR);
      lines.push({
        component: dimension,
        rate: segment.rate,
        from: segment.from,
        to: segment.to,
        quantity: segment.billed,
        unitPrice: price,
        exact,
        amountMinor: toMinorUnits(exact, digits, mode),
        taxes: taxes(dimension),
        segment,
      });
    }
  }
  const flatContext = startContext(ct, profile, slices[0]);
  const flat = firstMatch(ct.rates.flat, flatContext);
  if (flat) {
    const price = bill(flat.price);
    lines.push({
      component: "flat",
      rate: flat,
      from: new Dec(profile.start),
      to: new Dec(profile.end),
      quantity: new Dec(1),
      unitPrice: price,
      exact: price,
      amountMinor: toMinorUnits(price, digits, mode),
      taxes: taxes("flat"),
    });
  }

  const cap = capAdjustment(ct, lines, digits, bill);
  if (cap) lines.push(...adjustmentLines(cap, lines, profile, taxes("energy"), digits));

  // Excises per kWh delivered: lines of their own, on top of the tariff's prices and outside min/max.
  for (const excise of excisesFor(ct.market, taxDate)) {
    const perKWh = bill(new Dec(excise.perKWh!));
    const exact = profile.energyKWh.times(perKWh);
    lines.push({
      component: "excise",
      rate: null,
      from: new Dec(profile.start),
      to: new Dec(profile.chargingEnd),
      quantity: profile.energyKWh,
      unitPrice: perKWh,
      exact,
      amountMinor: toMinorUnits(exact, digits, mode),
      taxes: taxes("excise"),
      excise,
    });
  }

  const taxed = applyTax(lines, digits, ct.pricesInclude, mode);
  const receiptLines: ReceiptLine[] = lines.map((line, i) => ({
    component: line.component,
    ...(line.excise ? { name: line.excise.name } : {}),
    rate: line.rate?.pointer ?? null,
    from: formatInstant(floorNumber(line.from)),
    to: formatInstant(floorNumber(line.to)),
    quantity: displayQuantity(line),
    unit: line.component === "energy" || line.component === "excise" ? "kWh" : line.component === "time" || line.component === "idle" ? "h" : "session",
    unitPrice: unitPriceText(line, exchange, money),
    net: money(taxed.lines[i]!.netMinor),
    gross: money(taxed.lines[i]!.grossMinor),
  }));
  let netMinor = taxed.lines.reduce((acc, l) => acc + l.netMinor, 0n);
  const taxMinor = taxed.taxes.reduce((acc, t) => acc + t.amountMinor, 0n);
  let grossMinor = netMinor + taxMinor;

  let cash: PricingRun["cash"];
  const cr = ct.market.cashRounding;
  // Cash rounding is a rule of the market's own currency: billed in another one, it does not apply.
  if (session.payment === "cash" && cr && billing.code === ct.currency.code) {
    const afterMinor = roundCash(moneyFromMinor(grossMinor, billing), new Dec(cr.increment), cr.mode).minor;
    cash = { beforeMinor: grossMinor, afterMinor };
    const diff = afterMinor - grossMinor;
    if (diff !== 0n) {
      receiptLines.push({
        component: "rounding",
        rate: null,
        from: formatInstant(profile.end),
        to: formatInstant(profile.end),
        quantity: "1",
        unit: "session",
        unitPrice: money(diff),
        net: money(diff),
        gross: money(diff),
      });
      netMinor += diff;
      grossMinor += diff;
    }
  }

  const receipt: Receipt = {
    tariffId: ct.tariff.id,
    ...(session.id !== undefined ? { sessionId: session.id } : {}),
    market: ct.market.code,
    currency: billing.code,
    ...(exchange ? { exchange: { from: exchange.from, to: exchange.to, rate: exchange.rate.toFixed() } } : {}),
    timeZone: ct.zone.name,
    pricesInclude: ct.pricesInclude,
    payment: session.payment ?? "card",
    energyKWh: profile.energyKWh.toFixed(),
    lines: receiptLines,
    taxes: mergeTaxes(taxed.taxes).map((t) => ({
      name: t.rule.name,
      rate: t.rule.rate!,
      base: money(t.baseMinor),
      amount: money(t.amountMinor),
      source: t.rule.source,
    })),
    totals: { net: money(netMinor), tax: money(taxMinor), gross: money(grossMinor) },
  };
  return { compiled: ct, profile, slices, flatContext, steps, lines, cap, taxes: taxed.taxes, taxDate, cash, exchange, billing, receipt };
}

/** The unit price a receipt shows: as written in the tariff, or converted exactly when billed in another currency; 0 in settlement digits when free. */
function unitPriceText(line: PricedLine, exchange: Exchange | undefined, money: (minor: bigint) => string): string {
  if (isAdjustment(line)) return money(line.amountMinor);
  if (line.rate && !exchange) return line.rate.priceText;
  if (line.excise && !exchange) return line.excise.perKWh!;
  // No rate, or a free rate converted: 0 in the settlement digits, like the money beside it.
  if (!exchange || line.unitPrice.isZero()) return money(0n);
  return line.unitPrice.toFixed();
}

function isAdjustment(line: PricedLine): boolean {
  return line.component === "minimum" || line.component === "maximum";
}

function displayQuantity(line: PricedLine): string {
  if (line.component === "time" || line.component === "idle") return displayDecimal(line.quantity.div(MS_PER_HOUR), 6);
  return displayDecimal(line.quantity, 6);
}

/** The receipt shows one entry per tax (name and rate), adding up the groups it was computed in. */
function mergeTaxes(taxes: readonly TaxComputation[]): TaxComputation[] {
  const byKey = new Map<string, TaxComputation>();
  for (const t of taxes) {
    const key = taxKey([t.rule]);
    const prev = byKey.get(key);
    byKey.set(
      key,
      prev
        ? { ...prev, baseMinor: prev.baseMinor + t.baseMinor, amountMinor: prev.amountMinor + t.amountMinor, exact: prev.exact.plus(t.exact) }
        : t,
    );
  }
  return [...byKey.values()];
}

function capAdjustment(ct: CompiledTariff, lines: readonly PricedLine[], digits: number, bill: (d: Dec) => Dec): CapAdjustment | undefined {
  const before = lines.reduce((acc, l) => acc + l.amountMinor, 0n);
  if (ct.minPrice) {
    const limitMinor = toMinorUnits(bill(ct.minPrice), digits, ct.rounding);
    if (before < limitMinor) return { kind: "minimum", limit: ct.minPrice, limitMinor, beforeMinor: before };
  }
  if (ct.maxPrice) {
    const limitMinor = toMinorUnits(bill(ct.maxPrice), digits, ct.rounding);
    if (before > limitMinor) return { kind: "maximum", limit: ct.maxPrice, limitMinor, beforeMinor: before };
  }
  return undefined;
}

/**
 * The min/max adjustment as lines: one per group of lines with the same taxes, in proportion to
 * the groups' amounts, so each part is taxed like what it adjusts. A minimum on a session that
 * cost nothing is taxed like energy.
 */
function adjustmentLines(
  cap: CapAdjustment,
  lines: readonly PricedLine[],
  p: SessionProfile,
  energyTaxes: readonly TaxRule[],
  digits: number,
): PricedLine[] {
  const diff = cap.limitMinor - cap.beforeMinor;
  const groups = new Map<string, { taxes: readonly TaxRule[]; amount: bigint }>();
  for (const l of lines) {
    const key = taxKey(l.taxes);
    const g = groups.get(key);
    if (g) g.amount += l.amountMinor;
    else groups.set(key, { taxes: l.taxes, amount: l.amountMinor });
  }
  const parts = [...groups.values()].filter((g) => g.amount !== 0n);
  const targets = parts.length > 0 ? parts : [{ taxes: energyTaxes, amount: 1n }];
  const shares = allocateMinor(diff, targets.map((g) => g.amount));
  return targets.map((g, i) => {
    const amountMinor = shares[i]!;
    const exact = new Dec(amountMinor.toString()).div(new Dec(10).pow(digits));
    return {
      component: cap.kind,
      rate: null,
      from: new Dec(p.start),
      to: new Dec(p.end),
      quantity: new Dec(1),
      unitPrice: exact,
      exact,
      amountMinor,
      taxes: g.taxes,
    };
  });
}
