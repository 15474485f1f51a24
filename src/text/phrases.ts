/**
 * The words of driver text, one table per language (src/text/lang/*.ts). Numbers, prices, dates and
 * times arrive already formatted for the locale; a phrase only puts words around them.
 *
 * Counts (`n`) come with their numeric value so each language can choose singular or plural.
 */
export interface Phrases {
  // ---- tariff description (describeTariff), in the order EU AFIR asks for ad hoc prices ----
  /** "Energy: …" */
  energyLabel(text: string): string;
  /** "Charging time: …" */
  timeLabel(text: string): string;
  /** "Session fee: …" */
  flatLabel(text: string): string;
  /** "Blocking fee (after charging ends): …" */
  idleLabel(text: string): string;
  minPrice(price: string): string;
  maxPrice(price: string): string;
  pricesIncludeTax: string;
  pricesExcludeTax: string;
  /** The whole tariff charges nothing. */
  freeCharging: string;

  perKWh(price: string): string;
  perMinute(price: string): string;
  perHour(price: string): string;
  /** A rate whose price is 0. */
  free: string;
  /** Joins the rates of one dimension in first-match order: "A; otherwise B". */
  otherwise(first: string, rest: string): string;

  stepKWh(kWh: string): string;
  stepMinutes(n: string, count: number): string;
  stepSeconds(n: string, count: number): string;

  /** Monday … Sunday. */
  readonly dayNames: readonly [string, string, string, string, string, string, string];
  /** A run of three or more days, by index (0 = Monday): "Monday to Friday". */
  dayRange(from: number, to: number): string;
  /** Separate days, by index: "on Saturday and Sunday". */
  daySingles(days: readonly number[]): string;
  /** "a, b and c" */
  list(items: readonly string[]): string;
  timeOfDay(from: string, to: string): string;
  datesFrom(from: string): string;
  /** `to` is the last day included. */
  datesUntil(to: string): string;
  datesBetween(from: string, to: string): string;
  energyBelow(max: string): string;
  energyFrom(min: string): string;
  energyBetween(min: string, max: string): string;
  powerBelow(max: string): string;
  powerFrom(min: string): string;
  powerBetween(min: string, max: string): string;
  sessionBelow(max: string, count: number): string;
  sessionFrom(min: string, count: number): string;
  sessionBetween(min: string, max: string): string;
  /** Grace period: idle minutes from `min` on. */
  idleFrom(min: string, count: number): string;
  idleBelow(max: string, count: number): string;
  idleBetween(min: string, max: string): string;

  // ---- receipts (renderReceipt) ----
  receiptTitle: string;
  tariff(id: string): string;
  session(id: string): string;
  /** "Label: value" with the language's punctuation. */
  labelled(label: string, value: string): string;
  startLabel: string;
  endLabel: string;
  timeZoneLabel: string;
  energyDeliveredLabel: string;
  energyLine: string;
  timeLine: string;
  idleLine: string;
  flatLine: string;
  minimumLine: string;
  maximumLine: string;
  roundingLine: string;
  netLabel: string;
  totalLabel: string;
  /** A tax included in the prices: "includes VAT 21%: €2.37 (net €11.26)". */
  taxIncluded(name: string, rate: string, amount: string, base: string): string;
  /** A tax added to the prices: "VAT 21% on €11.26: €2.37". */
  taxAdded(name: string, rate: string, base: string, amount: string): string;
  noTax: string;
  paidByCard: string;
  paidByApp: string;
  paidInCash: string;
  exchange(from: string, to: string, rate: string): string;
  hourAbbr: string;
  minuteAbbr: string;
  secondAbbr: string;
  /** Unit price per hour on receipt lines: "€3.00/h". */
  perHourShort(price: string): string;
}

/** Fixed number formats of a language, used when the runtime has no Intl. */
export interface FixedFormat {
  readonly decimal: string;
  readonly group: string;
  /** Digits the integer part needs before it is grouped at all (2 in Spanish: "1234" but "12.345"). */
  readonly minGroupDigits: 1 | 2;
  /** "¤n", "¤ n", "n ¤" ("¤" the currency, " " a no-break space). */
  readonly currency: string;
  /** Where the minus goes: before everything, or right before the number. */
  readonly minus: "start" | "number";
  /** "n%" or "n %" with the language's space. */
  readonly percent: string;
}

/** A supported driver language: its phrases, its fixed formats, its default locale. */
export interface Language {
  readonly code: Lang;
  /** The locale used when only the language is known. */
  readonly locale: string;
  readonly phrases: Phrases;
  readonly fixed: FixedFormat;
  /** Fixed formats that differ by region ("MX": "$1,234.50" where Spain writes "1234,50 €"). */
  readonly regions?: Readonly<Record<string, Partial<FixedFormat>>>;
}

export const LANGS = ["en", "es", "pt", "el", "nl", "fr"] as const;
export type Lang = (typeof LANGS)[number];

/** Joins items as "a, b and c" with the given word for "and". */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}
