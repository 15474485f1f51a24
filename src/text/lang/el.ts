import { joinList, type Language, type Phrases } from "../phrases.js";

const minutes = (n: string, count: number) => `${n} ${count === 1 ? "λεπτό" : "λεπτά"}`;
/** Genitive: "περίοδος χάριτος 15 λεπτών". */
const minutesOf = (n: string, count: number) => `${n} ${count === 1 ? "λεπτού" : "λεπτών"}`;
const seconds = (n: string, count: number) => `${n} ${count === 1 ? "δευτερόλεπτο" : "δευτερόλεπτα"}`;
const list = (items: readonly string[]) => joinList(items, "και");
const dayNames = ["Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη", "Παρασκευή", "Σάββατο", "Κυριακή"] as const;
/** Days with their article in the accusative: "το Σάββατο και την Κυριακή". */
const withArticle = ["τη Δευτέρα", "την Τρίτη", "την Τετάρτη", "την Πέμπτη", "την Παρασκευή", "το Σάββατο", "την Κυριακή"] as const;

/**
 * Greek. The Greek question mark is ";", so rates are separated with the ano teleia "·".
 */
export const el: Phrases = {
  energyLabel: (t) => `Ενέργεια: ${t}.`,
  timeLabel: (t) => `Χρόνος φόρτισης: ${t}.`,
  flatLabel: (t) => `Χρέωση ανά συνεδρία: ${t}.`,
  idleLabel: (t) => `Χρέωση παραμονής (μετά το τέλος της φόρτισης): ${t}.`,
  minPrice: (p) => `Ελάχιστη χρέωση ανά συνεδρία: ${p}.`,
  maxPrice: (p) => `Μέγιστη χρέωση ανά συνεδρία: ${p}.`,
  pricesIncludeTax: "Οι τιμές περιλαμβάνουν φόρους.",
  pricesExcludeTax: "Οι τιμές δεν περιλαμβάνουν φόρους.",
  freeCharging: "Η φόρτιση είναι δωρεάν.",
  perKWh: (p) => `${p} ανά kWh`,
  perMinute: (p) => `${p} ανά λεπτό`,
  perHour: (p) => `${p} ανά ώρα`,
  free: "δωρεάν",
  otherwise: (a, b) => `${a}· διαφορετικά ${b}`,
  stepKWh: (k) => `χρέωση ανά ${k} kWh`,
  stepMinutes: (n, c) => `χρέωση ανά ${minutes(n, c)}`,
  stepSeconds: (n, c) => `χρέωση ανά ${seconds(n, c)}`,
  dayNames,
  dayRange: (a, b) => `από ${dayNames[a]} έως ${dayNames[b]}`,
  daySingles: (days) => list(days.map((d) => withArticle[d]!)),
  list,
  timeOfDay: (a, b) => `από ${a} έως ${b}`,
  datesFrom: (d) => `από ${d}`,
  datesUntil: (d) => `έως και ${d}`,
  datesBetween: (a, b) => `από ${a} έως και ${b}`,
  energyBelow: (m) => `για τις πρώτες ${m} kWh`,
  energyFrom: (m) => `μετά τις πρώτες ${m} kWh`,
  energyBetween: (a, b) => `από ${a} έως ${b} kWh`,
  powerBelow: (m) => `με ισχύ κάτω από ${m} kW`,
  powerFrom: (m) => `με ισχύ ${m} kW ή περισσότερο`,
  powerBetween: (a, b) => `με ισχύ από ${a} kW και κάτω από ${b} kW`,
  sessionBelow: (n, c) => `για τα πρώτα ${minutes(n, c)} της συνεδρίας`,
  sessionFrom: (n, c) => `μετά από ${minutes(n, c)} συνεδρίας`,
  sessionBetween: (a, b) => `από το λεπτό ${a} έως το λεπτό ${b} της συνεδρίας`,
  idleFrom: (n, c) => `μετά από περίοδο χάριτος ${minutesOf(n, c)}`,
  idleBelow: (n, c) => `για τα πρώτα ${minutes(n, c)} μετά το τέλος της φόρτισης`,
  idleBetween: (a, b) => `από το λεπτό ${a} έως το λεπτό ${b} μετά το τέλος της φόρτισης`,

  receiptTitle: "Απόδειξη φόρτισης",
  tariff: (id) => `Τιμολόγιο ${id}`,
  session: (id) => `συνεδρία ${id}`,
  labelled: (l, v) => `${l}: ${v}`,
  startLabel: "Έναρξη",
  endLabel: "Λήξη",
  timeZoneLabel: "Ζώνη ώρας",
  energyDeliveredLabel: "Ενέργεια που παρασχέθηκε",
  energyLine: "Ενέργεια",
  timeLine: "Χρόνος φόρτισης",
  idleLine: "Χρέωση παραμονής",
  flatLine: "Χρέωση ανά συνεδρία",
  minimumLine: "Προσαρμογή στην ελάχιστη χρέωση",
  maximumLine: "Προσαρμογή στη μέγιστη χρέωση",
  roundingLine: "Στρογγυλοποίηση μετρητών",
  netLabel: "Καθαρό ποσό",
  totalLabel: "Σύνολο",
  taxIncluded: (name, rate, amount, base) => `Περιλαμβάνει ${name} ${rate}: ${amount} (καθαρό ${base})`,
  taxAdded: (name, rate, base, amount) => `${name} ${rate} επί ${base}: ${amount}`,
  noTax: "Χωρίς φόρους.",
  paidByCard: "Πληρωμή με κάρτα.",
  paidByApp: "Πληρωμή μέσω εφαρμογής.",
  paidInCash: "Πληρωμή με μετρητά.",
  exchange: (from, to, rate) => `Χρέωση σε ${to}, μετατροπή από ${from} με ισοτιμία ${rate}.`,
  hourAbbr: "ώ.",
  minuteAbbr: "λ.",
  secondAbbr: "δευτ.",
  perHourShort: (p) => `${p}/ώρα`,
};

export const greek: Language = {
  code: "el",
  locale: "el",
  phrases: el,
  fixed: { decimal: ",", group: ".", minGroupDigits: 1, currency: "n ¤", minus: "start", percent: "n%" },
};
