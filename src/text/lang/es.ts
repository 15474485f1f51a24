import { joinList, type Language, type Phrases } from "../phrases.js";

const minutes = (n: string, count: number) => `${n} ${count === 1 ? "minuto" : "minutos"}`;
const seconds = (n: string, count: number) => `${n} ${count === 1 ? "segundo" : "segundos"}`;
const list = (items: readonly string[]) => joinList(items, "y");
const dayNames = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"] as const;
/** Days as habits: "los sábados y domingos". */
const plural = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábados", "domingos"] as const;

/** Spanish. */
export const es: Phrases = {
  energyLabel: (t) => `Energía: ${t}.`,
  timeLabel: (t) => `Tiempo de carga: ${t}.`,
  flatLabel: (t) => `Cargo por sesión: ${t}.`,
  idleLabel: (t) => `Tarifa por ocupación (tras finalizar la carga): ${t}.`,
  minPrice: (p) => `Precio mínimo por sesión: ${p}.`,
  maxPrice: (p) => `Precio máximo por sesión: ${p}.`,
  pricesIncludeTax: "Los precios incluyen impuestos.",
  pricesExcludeTax: "Los precios no incluyen impuestos.",
  freeCharging: "La carga es gratuita.",
  perKWh: (p) => `${p} por kWh`,
  perMinute: (p) => `${p} por minuto`,
  perHour: (p) => `${p} por hora`,
  free: "gratis",
  otherwise: (a, b) => `${a}; en otro caso, ${b}`,
  stepKWh: (k) => `facturado en tramos de ${k} kWh`,
  stepMinutes: (n, c) => `facturado en tramos de ${minutes(n, c)}`,
  stepSeconds: (n, c) => `facturado en tramos de ${seconds(n, c)}`,
  dayNames,
  dayRange: (a, b) => `de ${dayNames[a]} a ${dayNames[b]}`,
  daySingles: (days) => `los ${list(days.map((d) => plural[d]!))}`,
  list,
  timeOfDay: (a, b) => `de ${a} a ${b}`,
  datesFrom: (d) => `desde el ${d}`,
  datesUntil: (d) => `hasta el ${d} inclusive`,
  datesBetween: (a, b) => `del ${a} al ${b}`,
  energyBelow: (m) => `en los primeros ${m} kWh`,
  energyFrom: (m) => `a partir de ${m} kWh`,
  energyBetween: (a, b) => `de ${a} a ${b} kWh entregados`,
  powerBelow: (m) => `con potencia inferior a ${m} kW`,
  powerFrom: (m) => `con potencia de ${m} kW o más`,
  powerBetween: (a, b) => `con potencia de ${a} kW o más e inferior a ${b} kW`,
  sessionBelow: (n, c) => `durante los primeros ${minutes(n, c)} de la sesión`,
  sessionFrom: (n, c) => `después de ${minutes(n, c)} de sesión`,
  sessionBetween: (a, b) => `del minuto ${a} al minuto ${b} de la sesión`,
  idleFrom: (n, c) => `tras un periodo de gracia de ${minutes(n, c)}`,
  idleBelow: (n, c) => `durante los primeros ${minutes(n, c)} tras finalizar la carga`,
  idleBetween: (a, b) => `del minuto ${a} al minuto ${b} tras finalizar la carga`,

  receiptTitle: "Recibo de carga",
  tariff: (id) => `Tarifa ${id}`,
  session: (id) => `sesión ${id}`,
  labelled: (l, v) => `${l}: ${v}`,
  startLabel: "Inicio",
  endLabel: "Fin",
  timeZoneLabel: "Zona horaria",
  energyDeliveredLabel: "Energía entregada",
  energyLine: "Energía",
  timeLine: "Tiempo de carga",
  idleLine: "Tarifa por ocupación",
  flatLine: "Cargo por sesión",
  minimumLine: "Ajuste al precio mínimo",
  maximumLine: "Ajuste al precio máximo",
  roundingLine: "Redondeo por pago en efectivo",
  netLabel: "Importe neto",
  totalLabel: "Total",
  taxIncluded: (name, rate, amount, base) => `Incluye ${name} ${rate}: ${amount} (base ${base})`,
  taxAdded: (name, rate, base, amount) => `${name} ${rate} sobre ${base}: ${amount}`,
  noTax: "Sin impuestos.",
  paidByCard: "Pagado con tarjeta.",
  paidByApp: "Pagado con la aplicación.",
  paidInCash: "Pagado en efectivo.",
  exchange: (from, to, rate) => `Facturado en ${to}, convertido desde ${from} al tipo ${rate}.`,
  hourAbbr: "h",
  minuteAbbr: "min",
  secondAbbr: "s",
  perHourShort: (p) => `${p}/h`,
};

const dotDecimal = { decimal: ".", group: ",", minGroupDigits: 1, currency: "¤n" } as const;
const commaDecimal = { decimal: ",", group: ".", minGroupDigits: 1, currency: "¤n" } as const;

export const spanish: Language = {
  code: "es",
  locale: "es",
  phrases: es,
  // Spain; the Americas differ by country (CLDR): "$1,234.50" in Mexico, "$1.234,50" in Chile.
  fixed: { decimal: ",", group: ".", minGroupDigits: 2, currency: "n ¤", minus: "start", percent: "n %" },
  regions: {
    MX: { ...dotDecimal, percent: "n%" },
    US: { ...dotDecimal, percent: "n%" },
    PR: { ...dotDecimal, percent: "n%" },
    SV: { ...dotDecimal, percent: "n%" },
    PA: { ...dotDecimal, percent: "n%" },
    GT: { ...dotDecimal, currency: "¤ n", percent: "n%" },
    CL: { ...commaDecimal, percent: "n%" },
    UY: { ...commaDecimal, currency: "¤ n", percent: "n%" },
    CO: { ...commaDecimal, currency: "¤ n", percent: "n%" },
    CR: { ...commaDecimal, group: "\u00a0", percent: "n%" },
  },
};
