import { Dec } from "../money/decimal.js";
import type { Receipt, ReceiptLine } from "../receipt/types.js";
import { parseInstant } from "../time/instants.js";
import { intlZones, type ZoneProvider } from "../time/zones.js";
import type { TextOptions } from "./describe.js";
import { localeFormat, type LocaleFormat } from "./format.js";

const DAY = 86_400_000;

/** The station's zone, or UTC (and named so) when this runtime can resolve no zone data at all. */
function stationZone(name: string, zones: ZoneProvider): { name: string; offsetMs(utc: number): number } {
  try {
    const z = zones.zone(name);
    z.offsetMs(0);
    return z;
  } catch {
    return { name: "UTC", offsetMs: () => 0 };
  }
}

/**
 * A receipt for drivers, in a locale: amounts and numbers in the locale's format, local dates and
 * times in the station's zone (`receipt.timeZone`), converted from the UTC instants through
 * `options.zones` (Intl by default, `embeddedZones` without Intl), never through the host's zone.
 * Line amounts are shown in the tariff's price basis: gross when prices include tax (then the taxes
 * included), net otherwise (then the taxes added). Without Intl, fixed formats are used; if the
 * zone cannot be had (no Intl and no `zones` given), times are shown in UTC and labelled so. Never
 * throws on a valid receipt.
 *
 * @example
 * renderReceipt(priceSession(tariff, session), "fr-BE")
 * renderReceipt(receipt, "el-GR", { zones: embeddedZones }) // a runtime without Intl
 */
export function renderReceipt(receipt: Receipt, locale?: string, options: TextOptions = {}): string {
  const fmt = localeFormat(locale, receipt.market, options.phrases);
  const P = fmt.phrases;
  const z = stationZone(receipt.timeZone, options.zones ?? intlZones);
  const local = (iso: string) => {
    const utc = parseInstant(iso);
    return utc + z.offsetMs(utc);
  };
  const money = (amount: string) => fmt.money(amount, receipt.currency);
  const out: string[] = [P.receiptTitle, [P.tariff(receipt.tariffId), ...(receipt.sessionId !== undefined ? [P.session(receipt.sessionId)] : [])].join(", ")];

  const instants = receipt.lines.filter((l) => l.component !== "rounding").flatMap((l) => [parseInstant(l.from), parseInstant(l.to)]);
  let multiDay = false;
  if (instants.length) {
    const start = Math.min(...instants);
    const end = Math.max(...instants);
    const localStart = start + z.offsetMs(start);
    const localEnd = end + z.offsetMs(end);
    multiDay = Math.floor(localStart / DAY) !== Math.floor(localEnd / DAY);
    out.push(P.labelled(P.startLabel, fmt.dateTime(localStart)), P.labelled(P.endLabel, fmt.dateTime(localEnd)));
  }
  out.push(P.labelled(P.timeZoneLabel, z.name), P.labelled(P.energyDeliveredLabel, `${fmt.number(receipt.energyKWh)} kWh`));

  const period = (l: ReceiptLine) => {
    const from = local(l.from);
    const to = local(l.to);
    return multiDay ? `${fmt.dateTime(from)} – ${fmt.dateTime(to)}` : `${fmt.time(from % DAY)}–${fmt.time(to % DAY)}`;
  };
  for (const l of receipt.lines) out.push(lineText(l, receipt, fmt, period, money));

  const pct = (rate: string) => fmt.percent(rate);
  if (receipt.pricesInclude === "none") {
    out.push(P.labelled(P.netLabel, money(receipt.totals.net)));
    for (const t of receipt.taxes) out.push(P.taxAdded(t.name, pct(t.rate), money(t.base), money(t.amount)));
    out.push(P.labelled(P.totalLabel, money(receipt.totals.gross)));
  } else {
    out.push(P.labelled(P.totalLabel, money(receipt.totals.gross)));
    for (const t of receipt.taxes) out.push(P.taxIncluded(t.name, pct(t.rate), money(t.amount), money(t.base)));
  }
  if (receipt.taxes.length === 0) out.push(P.noTax);
  if (receipt.exchange) out.push(P.exchange(receipt.exchange.from, receipt.exchange.to, fmt.number(receipt.exchange.rate)));
  out.push(receipt.payment === "cash" ? P.paidInCash : receipt.payment === "app" ? P.paidByApp : P.paidByCard);
  return out.join("\n");
}

function lineText(l: ReceiptLine, r: Receipt, fmt: LocaleFormat, period: (l: ReceiptLine) => string, money: (a: string) => string): string {
  const P = fmt.phrases;
  const amount = money(r.pricesInclude === "tax" ? l.gross : l.net);
  switch (l.component) {
    case "energy":
    case "excise": {
      const label = l.component === "energy" ? P.energyLine : (l.name ?? "excise");
      return P.labelled(`${label} ${period(l)}`, `${fmt.number(l.quantity)} kWh × ${money(l.unitPrice)}/kWh = ${amount}`);
    }
    case "time":
    case "idle": {
      const label = l.component === "time" ? P.timeLine : P.idleLine;
      return P.labelled(`${label} ${period(l)}`, `${duration(l.quantity, fmt)} × ${P.perHourShort(money(l.unitPrice))} = ${amount}`);
    }
    case "flat":
      return P.labelled(P.flatLine, amount);
    case "minimum":
      return P.labelled(P.minimumLine, amount);
    case "maximum":
      return P.labelled(P.maximumLine, amount);
    case "rounding":
      return P.labelled(P.roundingLine, amount);
  }
}

/** Hours (as a receipt shows them, ≤ 6 decimals) as "1 h 30 min", to the nearest second. */
function duration(hours: string, fmt: LocaleFormat): string {
  const P = fmt.phrases;
  const total = new Dec(hours).times(3600).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [
    ...(h ? [`${fmt.number(String(h))} ${P.hourAbbr}`] : []),
    ...(m ? [`${fmt.number(String(m))} ${P.minuteAbbr}`] : []),
    ...(s ? [`${fmt.number(String(s))} ${P.secondAbbr}`] : []),
  ];
  return parts.length ? parts.join(" ") : `0 ${P.minuteAbbr}`;
}
