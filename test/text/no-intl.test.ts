/**
 * A charger's small JS engine may have no Intl at all, or a partial one. Driver text then uses the
 * fixed formats shipped with the package, and never throws. Intl is taken away inside each test and
 * put back after it.
 */
import { describe, expect, it } from "vitest";
import {
  compileTariff,
  describeTariff,
  localeFormat,
  parseSession,
  parseTariff,
  priceSession,
  quote,
  renderReceipt,
  startMeter,
  tariffSentences,
  TEXT_LANGUAGES,
} from "../../src/index.js";
import { embeddedZones } from "../../src/time/embedded-zones.js";
import { makeAthens, makeAthensReceipt, makeCashReceipt, makeEveryPhrase, makeMaxReceipt } from "./fixtures.js";
import { brusselsNightDoc } from "../helpers/tariffs.js";

const NB = "\u00a0";
const NNB = "\u202f";

function withIntl<T>(replacement: unknown, f: () => T): T {
  const g = globalThis as { Intl?: unknown };
  const saved = g.Intl;
  g.Intl = replacement;
  try {
    return f();
  } finally {
    g.Intl = saved;
  }
}
const withoutIntl = <T>(f: () => T) => withIntl(undefined, f);

/** Intl objects an engine might have: constructors that throw, or formatters without formatToParts. */
const broken = {
  NumberFormat: function () {
    throw new TypeError("no ICU data");
  },
  DateTimeFormat: function () {
    throw new TypeError("no ICU data");
  },
  getCanonicalLocales: () => {
    throw new TypeError("no ICU data");
  },
};
const partial = { NumberFormat: function () {}, DateTimeFormat: function () {} };

describe("without Intl", () => {
  it("the test really removes Intl, and puts it back", () => {
    withoutIntl(() => expect(typeof Intl).toBe("undefined"));
    expect(typeof Intl.NumberFormat).toBe("function");
  });

  it("describes a tariff in each language with fixed formats: separators, symbol placement, 24-hour times", () => {
    const athens = makeAthens();
    const everyPhrase = makeEveryPhrase();
    const energy = withoutIntl(() => Object.fromEntries(TEXT_LANGUAGES.map((lang) => [lang, tariffSentences(athens, lang)[1]])));
    expect(energy).toEqual({
      en: "Energy: €0.59 per kWh from 17:00 to 21:00; otherwise €0.39 per kWh from 23:00 to 07:00; otherwise €0.49 per kWh.",
      es: `Energía: 0,59${NB}€ por kWh de 17:00 a 21:00; en otro caso, 0,39${NB}€ por kWh de 23:00 a 07:00; en otro caso, 0,49${NB}€ por kWh.`,
      pt: `Energia: €${NB}0,59 por kWh das 17:00 às 21:00; caso contrário, €${NB}0,39 por kWh das 23:00 às 07:00; caso contrário, €${NB}0,49 por kWh.`,
      el: `Ενέργεια: 0,59${NB}€ ανά kWh από 17:00 έως 21:00· διαφορετικά 0,39${NB}€ ανά kWh από 23:00 έως 07:00· διαφορετικά 0,49${NB}€ ανά kWh.`,
      nl: `Energie: €${NB}0,59 per kWh van 17:00 tot 21:00; anders €${NB}0,39 per kWh van 23:00 tot 07:00; anders €${NB}0,49 per kWh.`,
      fr: `Énergie${NB}: 0,59${NB}€ par kWh de 17:00 à 21:00${NNB}; sinon 0,39${NB}€ par kWh de 23:00 à 07:00${NNB}; sinon 0,49${NB}€ par kWh.`,
    });
    // Dates fall back to ISO 8601.
    expect(withoutIntl(() => tariffSentences(everyPhrase, "en")[0])).toContain("from 2026-06-01 to 2026-08-31; otherwise");
  });

  it("formats money exactly, per language and the market's own conventions", () => {
    const text = withoutIntl(() => {
      const f = (locale: string, market?: string) => localeFormat(locale, market);
      return [
        f("en").money("-1234567.5", "EUR"),
        f("es").money("1234.5", "EUR"),
        f("es").money("12345.5", "EUR"),
        f("es").money("-0.05", "EUR"),
        f("es-MX", "MX").money("1234.5", "MXN"),
        f("es-PA", "PA").money("1234.5", "USD"),
        f("es-CL", "CL").money("1235", "CLP"),
        f("pt-BR", "BR").money("1234.5", "BRL"),
        f("el", "GR").money("1234.5", "USD"),
        f("nl").money("-0.45", "EUR"),
        f("pap-AW", "AW").money("1234.5", "AWG"),
        f("fr-BE").money("1234.5", "EUR"),
        f("fr-LU").money("1234.5", "EUR"),
        f("en").money("0.026", "USD"),
        f("fr").money("123456789012.345678", "EUR"),
      ];
    });
    expect(text).toEqual([
      "-€1,234,567.50",
      `1234,50${NB}€`,
      `12.345,50${NB}€`,
      `-0,05${NB}€`,
      "$1,234.50",
      `USD${NB}1,234.50`,
      "$1.235",
      `R$${NB}1.234,50`,
      `1.234,50${NB}USD`,
      `€${NB}-0,45`,
      `Afl.${NB}1.234,50`,
      `1${NNB}234,50${NB}€`,
      `1.234,50${NB}€`,
      "$0.026",
      `123${NNB}456${NNB}789${NNB}012,345678${NB}€`,
    ]);
    const misc = withoutIntl(() => {
      const en = localeFormat("en");
      const fr = localeFormat("fr");
      return [en.percent("0.21"), localeFormat("es").percent("0.105"), fr.percent("0.2"), en.number("1234.5"), fr.number("22.5"), en.time(7 * 3_600_000 + 5 * 60_000), en.date("2026-06-01"), en.dateTime(Date.UTC(2026, 2, 28, 23, 30, 15))];
    });
    expect(misc).toEqual(["21%", `10,5${NB}%`, `20${NB}%`, "1,234.5", "22,5", "07:05", "2026-06-01", "2026-03-28 23:30:15"]);
  });

  it("renders receipts in the station's zone with the embedded zone data, else in UTC and says so", () => {
    const dst = priceSession(
      parseTariff(brusselsNightDoc),
      parseSession({ id: "dst", start: "2026-03-28T23:30:00Z", chargingEnd: "2026-03-29T02:00:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5", payment: "cash" }),
    );
    const [local, utc] = withoutIntl(() => [renderReceipt(dst, "nl-BE", { zones: embeddedZones }), renderReceipt(dst, "nl-BE")]);
    const head = ["Laadbon", "Tarief be-night, sessie dst"];
    const tail = [`Afronding contante betaling: €${NB}0,02`, `Totaal: €${NB}11,00`, `Inclusief BTW/TVA 21%: €${NB}1,91 (netto €${NB}9,07)`, "Contant betaald."];
    // 23:30Z is 00:30 CET; at 01:00Z the clock jumps from 02:00 to 03:00; 02:30Z is 04:30 CEST.
    expect(local!.split("\n")).toEqual([
      ...head,
      "Begin: 2026-03-29 00:30",
      "Einde: 2026-03-29 04:30",
      "Tijdzone: Europe/Brussels",
      "Geleverde energie: 22,5 kWh",
      `Energie 00:30–03:00: 13,5 kWh × €${NB}0,25/kWh = €${NB}3,38`,
      `Energie 03:00–04:00: 9 kWh × €${NB}0,40/kWh = €${NB}3,60`,
      `Blokkeertarief 04:00–04:10: 10 min × €${NB}0,00/u = €${NB}0,00`,
      `Blokkeertarief 04:10–04:30: 20 min × €${NB}12,00/u = €${NB}4,00`,
      ...tail,
    ]);
    // No zone at all: UTC, named so; the session then crosses midnight, so lines show dates.
    expect(utc!.split("\n")).toEqual([
      ...head,
      "Begin: 2026-03-28 23:30",
      "Einde: 2026-03-29 02:30",
      "Tijdzone: UTC",
      "Geleverde energie: 22,5 kWh",
      `Energie 2026-03-28 23:30 – 2026-03-29 01:00: 13,5 kWh × €${NB}0,25/kWh = €${NB}3,38`,
      `Energie 2026-03-29 01:00 – 2026-03-29 02:00: 9 kWh × €${NB}0,40/kWh = €${NB}3,60`,
      `Blokkeertarief 2026-03-29 02:00 – 2026-03-29 02:10: 10 min × €${NB}0,00/u = €${NB}0,00`,
      `Blokkeertarief 2026-03-29 02:10 – 2026-03-29 02:30: 20 min × €${NB}12,00/u = €${NB}4,00`,
      ...tail,
    ]);
  });

  it("meter and quote run without Intl on a tariff compiled with the embedded zones", () => {
    const athens = makeAthens();
    const receipts = withoutIntl(() => {
      const tariff = compileTariff(athens, { zones: embeddedZones });
      const meter = startMeter(tariff, { start: "2026-06-01T13:50:00Z" });
      meter.update({ at: "2026-06-01T14:00:00Z", kWh: "10" });
      const change = meter.nextChange();
      meter.stopCharging("2026-06-01T14:20:00Z", "30");
      const live = meter.stop("2026-06-01T14:40:00Z");
      const q = quote(athens, { start: "2026-06-01T13:50:00Z", kWh: 30, powerKW: 60, idleMinutes: 20 }, { zones: embeddedZones });
      return { change: change?.at, live: live.totals.gross, quoted: q.receipt.totals.gross, last: q.curve.points.at(-1)!.total };
    });
    expect(receipts).toEqual({ change: "2026-06-01T18:00:00Z", live: "19.20", quoted: "19.20", last: "19.2" });
  });

  it("never throws, and writes no 'undefined' or 'NaN', with no Intl, a throwing Intl or one without formatToParts", () => {
    const athens = makeAthens();
    const athensReceipt = makeAthensReceipt();
    const cashReceipt = makeCashReceipt();
    const everyPhrase = makeEveryPhrase();
    const maxReceipt = makeMaxReceipt();
    for (const replacement of [undefined, broken, partial]) {
      for (const lang of [...TEXT_LANGUAGES, "pap-AW", "de-BE", "xx", "not a locale", undefined]) {
        const texts = withIntl(replacement, () => [
          describeTariff(everyPhrase, lang),
          describeTariff(athens, lang),
          renderReceipt(athensReceipt, lang),
          renderReceipt(cashReceipt, lang),
          renderReceipt(maxReceipt, lang),
        ]);
        for (const t of texts) {
          expect(t).not.toMatch(/undefined|NaN|null/);
          expect(t.length).toBeGreaterThan(20);
        }
      }
    }
    // The same text as with no Intl at all.
    expect(withIntl(broken, () => describeTariff(everyPhrase, "fr-BE"))).toBe(withoutIntl(() => describeTariff(everyPhrase, "fr-BE")));
    expect(withIntl(partial, () => renderReceipt(cashReceipt, "es-ES"))).toBe(withoutIntl(() => renderReceipt(cashReceipt, "es-ES")));
  });
});
