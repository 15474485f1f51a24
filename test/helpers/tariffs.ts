import { parseTariff, type Tariff } from "../../src/index.js";

/** Athens DC (prices include tax): energy, free and paid idle, a flat fee; paid by card. */
export const makeAthens = (): Tariff =>
  parseTariff({
    version: 1,
    id: "gr-athens-dc-150",
    name: { en: "DC 150 kW, time of use", el: "DC 150 kW, χρονοχρέωση" },
    market: "GR",
    currency: "EUR",
    energy: [
      { price: "0.59", when: { timeOfDay: { from: "17:00", to: "21:00" } } },
      { price: "0.39", when: { timeOfDay: { from: "23:00", to: "07:00" } } },
      { price: "0.49" },
    ],
    time: [],
    idle: [{ price: "24.00", step: 60, when: { idleMinutes: { min: 15 } } }],
    flat: [{ price: "0.50" }],
    maxPrice: "90.00",
  });

/** Brussels, energy 0.25 from 22:00 to 03:00 local and 0.40 otherwise; an idle fee of 12.00/h after 10 minutes. */
export const brusselsNightDoc = {
  version: 1,
  id: "be-night",
  market: "BE",
  currency: "EUR",
  energy: [{ price: "0.25", when: { timeOfDay: { from: "22:00", to: "03:00" } } }, { price: "0.40" }],
  time: [],
  idle: [{ price: "12.00", step: 60, when: { idleMinutes: { min: 10 } } }],
  flat: [],
};
