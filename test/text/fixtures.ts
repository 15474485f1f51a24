import { parseSession, parseTariff, priceSession, type Receipt, type Tariff } from "../../src/index.js";
import { makeAthens } from "../helpers/tariffs.js";

/** A tariff that needs every tariff phrase: each condition form, per minute and per hour, steps, free, min/max. */
export const makeEveryPhrase = (): Tariff =>
  parseTariff({
    version: 1,
    id: "every-phrase",
    market: "BE",
    currency: "EUR",
    pricesInclude: "tax",
    energy: [
      { price: "0.25", when: { days: ["mon", "tue", "wed"], timeOfDay: { from: "22:00", to: "06:00" } } },
      { price: "0.26", when: { days: ["tue", "wed", "thu"] } },
      { price: "0.27", when: { days: ["fri", "sat", "sun"] } },
      { price: "0.28", when: { days: ["sat", "sun"] } },
      { price: "0.29", when: { days: ["mon", "tue", "wed", "fri"] } },
      { price: "0.30", when: { days: ["thu", "fri", "sat"] } },
      { price: "0.31", when: { dates: { from: "2026-06-01", to: "2026-09-01" } } },
      { price: "0.32", when: { dates: { from: "2026-06-01" } } },
      { price: "0.33", when: { dates: { to: "2026-09-01" } } },
      { price: "0.34", when: { energyKWh: { max: "20" } } },
      { price: "0.35", when: { energyKWh: { min: "20" } } },
      { price: "0.36", when: { energyKWh: { min: "20", max: "40" } } },
      { price: "0.37", when: { powerKW: { max: "22" } } },
      { price: "0.38", when: { powerKW: { min: "50" } } },
      { price: "0.39", when: { powerKW: { min: "22", max: "50" } } },
      { price: "0.40", step: "0.5", when: { sessionMinutes: { max: "60" } } },
      { price: "0.41", when: { sessionMinutes: { min: "60" } } },
      { price: "0.42", when: { sessionMinutes: { min: "60", max: "120" } } },
      { price: "0", when: { idleMinutes: { max: "5" } } },
    ],
    time: [{ price: "1.00", step: 30, when: { sessionMinutes: { min: "10" } } }, { price: "3.00", step: 900 }],
    idle: [
      { price: "0.60", when: { idleMinutes: { max: "10" } } },
      { price: "6.00", when: { idleMinutes: { min: "10", max: "60" } } },
      { price: "12.00", when: { idleMinutes: { min: "60" } } },
    ],
    flat: [{ price: "0.50" }],
    minPrice: "1.00",
    maxPrice: "60.00",
  });

/** Nothing priced, prices excluding tax. */
export const makeFreeTariff = (): Tariff =>
  parseTariff({
    version: 1,
    id: "free",
    market: "NL",
    currency: "EUR",
    pricesInclude: "none",
    energy: [],
    time: [],
    idle: [],
    flat: [],
  });

export { makeAthens };

export const makeAthensReceipt = (): Receipt =>
  priceSession(
    makeAthens(),
    parseSession({
      id: "gr-evening-1",
      start: "2026-11-20T14:40:00Z",
      chargingEnd: "2026-11-20T15:40:00Z",
      end: "2026-11-20T16:05:00Z",
      energyKWh: "48",
      meter: [{ at: "2026-11-20T15:00:00Z", kWh: "16" }],
      payment: "card",
    }),
  );

/** Prices excluding tax, a minimum, cash rounding, a time line of 1 h 0 min 30 s. */
export const makeCashReceipt = (): Receipt =>
  priceSession(
    parseTariff({
      version: 1,
      id: "be-net-min",
      market: "BE",
      currency: "EUR",
      timeZone: "Europe/Brussels",
      pricesInclude: "none",
      energy: [{ price: "0.333" }],
      time: [{ price: "1.00" }],
      idle: [],
      flat: [],
      minPrice: "5.01",
    }),
    parseSession({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:30Z", energyKWh: "3", payment: "cash" }),
  );

/** The tariff's own taxes: none; a maximum; paid in the app; billed in USD. */
export const makeMaxReceipt = (): Receipt =>
  priceSession(
    parseTariff({
      version: 1,
      id: "fr-max",
      market: "FR",
      currency: "EUR",
      energy: [{ price: "0.80" }],
      time: [],
      idle: [],
      flat: [],
      maxPrice: "10.00",
      taxes: [],
    }),
    parseSession({ start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "50", payment: "app" }),
    { currency: "USD", rate: "1.08" },
  );
