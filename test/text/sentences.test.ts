/**
 * Full sentences, written out, in each language and market convention (Intl present: Node's ICU).
 * NB is U+00A0 (no-break space), NNB is U+202F (narrow no-break space).
 */
import { describe, expect, it } from "vitest";
import { describeTariff, parseSession, parseTariff, priceSession, renderReceipt, resolveTextLocale, tariffSentences } from "../../src/index.js";
import { makeAthens, makeAthensReceipt } from "./fixtures.js";
import { brusselsNightDoc } from "../helpers/tariffs.js";

const NB = "\u00a0";
const NNB = "\u202f";

const makeBrooklyn = () =>
  parseTariff({
    version: 1,
    id: "us-ny",
    market: "US-NY",
    currency: "USD",
    timeZone: "America/New_York",
    energy: [{ price: "0.25", when: { timeOfDay: { from: "23:00", to: "06:00" } } }, { price: "0.38" }],
    time: [],
    idle: [],
    flat: [],
  });
const makePanama = () =>
  parseTariff({
    version: 1,
    id: "pa",
    market: "PA",
    currency: "USD",
    energy: [{ price: "0.35" }],
    time: [{ price: "6.00", when: { sessionMinutes: { min: 45 } } }],
    idle: [],
    flat: [{ price: "1.00" }],
    maxPrice: "1234.50",
  });
const makeSaoPaulo = () =>
  parseTariff({
    version: 1,
    id: "br",
    market: "BR-SP",
    currency: "BRL",
    timeZone: "America/Sao_Paulo",
    energy: [{ price: "2.19", when: { days: ["sat", "sun"] } }, { price: "2.49" }],
    time: [],
    idle: [{ price: "1.20", when: { idleMinutes: { min: 1 } } }],
    flat: [],
    minPrice: "1234.56",
  });
const makeAruba = () => parseTariff({ version: 1, id: "aw", market: "AW", currency: "AWG", energy: [{ price: "0.95" }], time: [], idle: [], flat: [{ price: "2.50" }] });
const makeBrusselsNight = () => parseTariff({ ...brusselsNightDoc, maxPrice: "1234.50" });
/** The night Brussels springs forward: 23:30Z is 00:30 CET, 02:30Z is 04:30 CEST. */
const makeDstReceipt = () =>
  priceSession(
    makeBrusselsNight(),
    parseSession({ id: "dst", start: "2026-03-28T23:30:00Z", chargingEnd: "2026-03-29T02:00:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5", payment: "cash" }),
  );

describe("describeTariff: full sentences", () => {
  it("en: AFIR order, time of use in words, the idle fee per minute with its grace period", () => {
    const athens = makeAthens();
    const brooklyn = makeBrooklyn();
    expect(tariffSentences(athens, "en-GB")).toEqual([
      "DC 150 kW, time of use",
      "Energy: €0.59 per kWh from 17:00 to 21:00; otherwise €0.39 per kWh from 23:00 to 07:00; otherwise €0.49 per kWh.",
      "Session fee: €0.50.",
      "Blocking fee (after charging ends): €0.40 per minute (billed in steps of 1 minute) after a grace period of 15 minutes; otherwise free.",
      "Maximum price per session: €90.00.",
      "Prices include taxes.",
    ]);
    // US English: 12-hour clock, dollars, prices before tax
    expect(describeTariff(brooklyn, "en-US")).toBe("Energy: $0.25 per kWh from 11:00 PM to 6:00 AM; otherwise $0.38 per kWh.\nPrices exclude taxes.");
  });

  it("es: Spain, the US and Panama (where Intl writes USD)", () => {
    const athens = makeAthens();
    const brooklyn = makeBrooklyn();
    const panama = makePanama();
    expect(tariffSentences(athens, "es-ES").slice(1, 4)).toEqual([
      `Energía: 0,59${NB}€ por kWh de 17:00 a 21:00; en otro caso, 0,39${NB}€ por kWh de 23:00 a 7:00; en otro caso, 0,49${NB}€ por kWh.`,
      `Cargo por sesión: 0,50${NB}€.`,
      `Tarifa por ocupación (tras finalizar la carga): 0,40${NB}€ por minuto (facturado en tramos de 1 minuto) tras un periodo de gracia de 15 minutos; en otro caso, gratis.`,
    ]);
    expect(tariffSentences(brooklyn, "es-US")[0]).toBe("Energía: $0.25 por kWh de 11:00 p.m. a 6:00 a.m.; en otro caso, $0.38 por kWh.");
    expect(tariffSentences(panama, "es-PA")).toEqual([
      `Energía: USD${NB}0.35 por kWh.`,
      `Tiempo de carga: USD${NB}0.10 por minuto después de 45 minutos de sesión; en otro caso, gratis.`,
      `Cargo por sesión: USD${NB}1.00.`,
      `Precio máximo por sesión: USD${NB}1,234.50.`,
      "Los precios incluyen impuestos.",
    ]);
  });

  it("pt: Brazilian reais, days as habits, a singular minute", () => {
    const saoPaulo = makeSaoPaulo();
    expect(tariffSentences(saoPaulo, "pt-BR")).toEqual([
      `Energia: R$${NB}2,19 por kWh aos sábados e aos domingos; caso contrário, R$${NB}2,49 por kWh.`,
      `Taxa de ocupação (após o fim do carregamento): R$${NB}0,02 por minuto após um período de tolerância de 1 minuto; caso contrário, grátis.`,
      `Preço mínimo por sessão: R$${NB}1.234,56.`,
      "Os preços incluem impostos.",
    ]);
  });

  it("el: the Greek name, 12-hour times as CLDR has them, rates separated by the ano teleia", () => {
    const athens = makeAthens();
    expect(tariffSentences(athens, "el-GR").slice(0, 2)).toEqual([
      "DC 150 kW, χρονοχρέωση",
      `Ενέργεια: 0,59${NB}€ ανά kWh από 5:00 μ.μ. έως 9:00 μ.μ.· διαφορετικά 0,39${NB}€ ανά kWh από 11:00 μ.μ. έως 7:00 π.μ.· διαφορετικά 0,49${NB}€ ανά kWh.`,
    ]);
    expect(tariffSentences(athens, "el-GR")[3]).toBe(
      `Χρέωση παραμονής (μετά το τέλος της φόρτισης): 0,40${NB}€ ανά λεπτό (χρέωση ανά 1 λεπτό) μετά από περίοδο χάριτος 15 λεπτών· διαφορετικά δωρεάν.`,
    );
  });

  it("nl: Belgium and Aruba (pap-AW has no Intl data: Dutch of Aruba, florins)", () => {
    const aruba = makeAruba();
    const brusselsNight = makeBrusselsNight();
    expect(describeTariff(brusselsNight, "nl-BE")).toBe(
      [
        `Energie: €${NB}0,25 per kWh van 22:00 tot 03:00; anders €${NB}0,40 per kWh.`,
        `Blokkeertarief (na het laden): €${NB}0,20 per minuut (afgerekend per 1 minuut) na een gratieperiode van 10 minuten; anders gratis.`,
        `Maximumprijs per sessie: €${NB}1.234,50.`,
        "Prijzen zijn inclusief belastingen.",
      ].join("\n"),
    );
    expect(describeTariff(aruba, "pap-AW")).toBe(`Energie: Afl.${NB}0,95 per kWh.\nStarttarief: Afl.${NB}2,50.\nPrijzen zijn inclusief belastingen.`);
    expect(resolveTextLocale("pap-AW", "AW")).toEqual({ lang: "nl", locale: "nl-AW" });
    // German in Belgium is not one of the six: the market's first language; no locale: the same.
    expect(describeTariff(brusselsNight, "de-BE")).toBe(describeTariff(brusselsNight, "nl-BE"));
    expect(describeTariff(brusselsNight)).toBe(describeTariff(brusselsNight, "nl-BE"));
  });

  it("fr: Belgian French groups with U+202F, sets € apart with U+00A0, and spaces before : and ;", () => {
    const brusselsNight = makeBrusselsNight();
    expect(tariffSentences(brusselsNight, "fr-BE")).toEqual([
      `Énergie${NB}: 0,25${NB}€ par kWh de 22:00 à 03:00${NNB}; sinon 0,40${NB}€ par kWh.`,
      `Frais d’occupation (après la fin de la charge)${NB}: 0,20${NB}€ par minute (facturé par tranches de 1 minute) après un délai de grâce de 10 minutes${NNB}; sinon gratuit.`,
      `Prix maximum par session${NB}: 1${NNB}234,50${NB}€.`,
      "Les prix incluent les taxes.",
    ]);
  });
});

describe("renderReceipt: full receipts", () => {
  it("nl-BE on the night of the DST change: local times in the station's zone, whatever the host's", () => {
    const dstReceipt = makeDstReceipt();
    expect(renderReceipt(dstReceipt, "nl-BE").split("\n")).toEqual([
      "Laadbon",
      "Tarief be-night, sessie dst",
      "Begin: 29 mrt 2026, 00:30",
      "Einde: 29 mrt 2026, 04:30",
      "Tijdzone: Europe/Brussels",
      "Geleverde energie: 22,5 kWh",
      `Energie 00:30–03:00: 13,5 kWh × €${NB}0,25/kWh = €${NB}3,38`,
      `Energie 03:00–04:00: 9 kWh × €${NB}0,40/kWh = €${NB}3,60`,
      `Blokkeertarief 04:00–04:10: 10 min × €${NB}0,00/u = €${NB}0,00`,
      `Blokkeertarief 04:10–04:30: 20 min × €${NB}12,00/u = €${NB}4,00`,
      `Afronding contante betaling: €${NB}0,02`,
      `Totaal: €${NB}11,00`,
      `Inclusief BTW/TVA 21%: €${NB}1,91 (netto €${NB}9,07)`,
      "Contant betaald.",
    ]);
  });

  it("fr-BE", () => {
    const dstReceipt = makeDstReceipt();
    const lines = renderReceipt(dstReceipt, "fr-BE").split("\n");
    expect(lines.slice(2, 4)).toEqual([`Début${NB}: 29 mars 2026, 00:30`, `Fin${NB}: 29 mars 2026, 04:30`]);
    expect(lines[6]).toBe(`Énergie 00:30–03:00${NB}: 13,5 kWh × 0,25${NB}€/kWh = 3,38${NB}€`);
    expect(lines.slice(-3)).toEqual([`Total${NB}: 11,00${NB}€`, `Dont BTW/TVA 21${NB}%${NB}: 1,91${NB}€ (HT 9,07${NB}€)`, "Payé en espèces."]);
  });

  it("el-GR and en-GB", () => {
    const athensReceipt = makeAthensReceipt();
    const el = renderReceipt(athensReceipt, "el-GR").split("\n");
    expect(el.slice(0, 3)).toEqual(["Απόδειξη φόρτισης", "Τιμολόγιο gr-athens-dc-150, συνεδρία gr-evening-1", "Έναρξη: 20 Νοε 2026, 4:40 μ.μ."]);
    expect(el[9]).toBe(`Χρέωση παραμονής 5:55 μ.μ.–6:05 μ.μ.: 10 λ. × 24,00${NB}€/ώρα = 4,00${NB}€`);
    expect(el.slice(-3)).toEqual([`Περιλαμβάνει ΦΠΑ 6%: 1,54${NB}€ (καθαρό 25,68${NB}€)`, `Περιλαμβάνει ΦΠΑ 24%: 0,77${NB}€ (καθαρό 3,23${NB}€)`, "Πληρωμή με κάρτα."]);
    expect(renderReceipt(athensReceipt, "en-GB").split("\n")).toEqual([
      "Charging receipt",
      "Tariff gr-athens-dc-150, session gr-evening-1",
      "Start: 20 Nov 2026, 16:40",
      "End: 20 Nov 2026, 18:05",
      "Time zone: Europe/Athens",
      "Energy delivered: 48 kWh",
      "Energy 16:40–17:00: 16 kWh × €0.49/kWh = €7.84",
      "Energy 17:00–17:40: 32 kWh × €0.59/kWh = €18.88",
      "Blocking fee 17:40–17:55: 15 min × €0.00/h = €0.00",
      "Blocking fee 17:55–18:05: 10 min × €24.00/h = €4.00",
      "Session fee: €0.50",
      "Total: €31.22",
      "Includes ΦΠΑ 6%: €1.54 (net €25.68)",
      "Includes ΦΠΑ 24%: €0.77 (net €3.23)",
      "Paid by card.",
    ]);
  });

  it("es and pt", () => {
    const athensReceipt = makeAthensReceipt();
    const es = renderReceipt(athensReceipt, "es-ES").split("\n");
    expect(es.slice(6, 7)).toEqual([`Energía 16:40–17:00: 16 kWh × 0,49${NB}€/kWh = 7,84${NB}€`]);
    expect(es.slice(-4)).toEqual([`Total: 31,22${NB}€`, `Incluye ΦΠΑ 6${NB}%: 1,54${NB}€ (base 25,68${NB}€)`, `Incluye ΦΠΑ 24${NB}%: 0,77${NB}€ (base 3,23${NB}€)`, "Pagado con tarjeta."]);
    const pt = renderReceipt(athensReceipt, "pt-BR").split("\n");
    expect(pt.slice(2, 3)).toEqual(["Início: 20 de nov. de 2026, 16:40"]);
    expect(pt[9]).toBe(`Taxa de ocupação 17:55–18:05: 10 min × €${NB}24,00/h = €${NB}4,00`);
  });

  it("keeps every digit of amounts too long for a binary float", () => {
    const big = parseTariff({ version: 1, id: "big", market: "FR", currency: "EUR", energy: [], time: [], idle: [], flat: [], minPrice: "123456789012.345678" });
    expect(tariffSentences(big, "en-GB")[1]).toBe("Minimum price per session: €123,456,789,012.345678.");
    expect(tariffSentences(big, "fr-FR")[1]).toBe(`Prix minimum par session${NB}: 123${NNB}456${NNB}789${NNB}012,345678${NB}€.`);
  });
});
