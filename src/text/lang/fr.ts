import { joinList, type Language, type Phrases } from "../phrases.js";

/** French typography: a no-break space before ":" and a narrow no-break space before ";". */
const COLON = "\u00a0:";
const SEMICOLON = "\u202f;";
/** French keeps the singular below 2: "1,5 minute". */
const minutes = (n: string, count: number) => `${n} ${count < 2 ? "minute" : "minutes"}`;
const seconds = (n: string, count: number) => `${n} ${count < 2 ? "seconde" : "secondes"}`;
const list = (items: readonly string[]) => joinList(items, "et");
const dayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;
const firstMinutes = (n: string, count: number) => (count === 1 ? "la première minute" : `les ${n} premières minutes`);

/** French. */
export const fr: Phrases = {
  energyLabel: (t) => `Énergie${COLON} ${t}.`,
  timeLabel: (t) => `Temps de charge${COLON} ${t}.`,
  flatLabel: (t) => `Frais par session${COLON} ${t}.`,
  idleLabel: (t) => `Frais d’occupation (après la fin de la charge)${COLON} ${t}.`,
  minPrice: (p) => `Prix minimum par session${COLON} ${p}.`,
  maxPrice: (p) => `Prix maximum par session${COLON} ${p}.`,
  pricesIncludeTax: "Les prix incluent les taxes.",
  pricesExcludeTax: "Les prix s’entendent hors taxes.",
  freeCharging: "La recharge est gratuite.",
  perKWh: (p) => `${p} par kWh`,
  perMinute: (p) => `${p} par minute`,
  perHour: (p) => `${p} par heure`,
  free: "gratuit",
  otherwise: (a, b) => `${a}${SEMICOLON} sinon ${b}`,
  stepKWh: (k) => `facturé par tranches de ${k} kWh`,
  stepMinutes: (n, c) => `facturé par tranches de ${minutes(n, c)}`,
  stepSeconds: (n, c) => `facturé par tranches de ${seconds(n, c)}`,
  dayNames,
  dayRange: (a, b) => `du ${dayNames[a]} au ${dayNames[b]}`,
  daySingles: (days) => list(days.map((d) => `le ${dayNames[d]}`)),
  list,
  timeOfDay: (a, b) => `de ${a} à ${b}`,
  datesFrom: (d) => `à partir du ${d}`,
  datesUntil: (d) => `jusqu’au ${d} inclus`,
  datesBetween: (a, b) => `du ${a} au ${b}`,
  energyBelow: (m) => `pour les ${m} premiers kWh`,
  energyFrom: (m) => `au-delà des ${m} premiers kWh`,
  energyBetween: (a, b) => `de ${a} à ${b} kWh délivrés`,
  powerBelow: (m) => `à une puissance inférieure à ${m} kW`,
  powerFrom: (m) => `à une puissance de ${m} kW ou plus`,
  powerBetween: (a, b) => `à une puissance d’au moins ${a} kW et inférieure à ${b} kW`,
  sessionBelow: (n, c) => `pendant ${firstMinutes(n, c)} de la session`,
  sessionFrom: (n, c) => `après ${minutes(n, c)} de session`,
  sessionBetween: (a, b) => `de la minute ${a} à la minute ${b} de la session`,
  idleFrom: (n, c) => `après un délai de grâce de ${minutes(n, c)}`,
  idleBelow: (n, c) => `pendant ${firstMinutes(n, c)} après la fin de la charge`,
  idleBetween: (a, b) => `de la minute ${a} à la minute ${b} après la fin de la charge`,

  receiptTitle: "Reçu de recharge",
  tariff: (id) => `Tarif ${id}`,
  session: (id) => `session ${id}`,
  labelled: (l, v) => `${l}${COLON} ${v}`,
  startLabel: "Début",
  endLabel: "Fin",
  timeZoneLabel: "Fuseau horaire",
  energyDeliveredLabel: "Énergie fournie",
  energyLine: "Énergie",
  timeLine: "Temps de charge",
  idleLine: "Frais d’occupation",
  flatLine: "Frais par session",
  minimumLine: "Ajustement au prix minimum",
  maximumLine: "Ajustement au prix maximum",
  roundingLine: "Arrondi du paiement en espèces",
  netLabel: "Hors taxes",
  totalLabel: "Total",
  taxIncluded: (name, rate, amount, base) => `Dont ${name} ${rate}${COLON} ${amount} (HT ${base})`,
  taxAdded: (name, rate, base, amount) => `${name} ${rate} sur ${base}${COLON} ${amount}`,
  noTax: "Aucune taxe.",
  paidByCard: "Payé par carte.",
  paidByApp: "Payé via l’application.",
  paidInCash: "Payé en espèces.",
  exchange: (from, to, rate) => `Facturé en ${to}, converti depuis ${from} au taux de ${rate}.`,
  hourAbbr: "h",
  minuteAbbr: "min",
  secondAbbr: "s",
  perHourShort: (p) => `${p}/h`,
};

export const french: Language = {
  code: "fr",
  locale: "fr",
  phrases: fr,
  fixed: { decimal: ",", group: "\u202f", minGroupDigits: 1, currency: "n ¤", minus: "start", percent: "n %" },
  regions: { LU: { group: "." } },
};
