import type { Market } from "./types.js";

const ALL = ["energy", "time", "idle", "flat"] as const;
const NOTE =
  "Read as the standard rate. Luxembourg taxes supplies of electricity at the reduced 8 % rate and CJEU C-282/22 treats charging as a supply of electricity; no AED position on public charging was found, so 17 % stays the reading until one is.";

/** Luxembourg. */
export const LU: Market = {
  code: "LU",
  name: "Luxembourg",
  currencies: ["EUR"],
  timeZones: ["Europe/Luxembourg"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["fr-LU", "de-LU", "lb", "en"],
  taxes: [
    {
      name: "TVA",
      rate: "0.17",
      appliesTo: ALL,
      validFrom: "2015-01-01",
      validTo: "2023-01-01",
      source: "Loi modifiée du 12 février 1979 concernant la TVA, art. 39 (standard rate 17 % from 2015-01-01, loi du 19 décembre 2014)",
      confidence: "medium",
      note: NOTE,
    },
    {
      name: "TVA",
      rate: "0.16",
      appliesTo: ALL,
      validFrom: "2023-01-01",
      validTo: "2024-01-01",
      source: "Loi du 26 octobre 2022 (bill n° 8083): temporary 1-point cut of the VAT rates, standard 17 % → 16 % from 2023-01-01 to 2023-12-31",
      confidence: "medium",
      note: NOTE,
    },
    {
      name: "TVA",
      rate: "0.17",
      appliesTo: ALL,
      validFrom: "2024-01-01",
      validTo: null,
      source: "Loi modifiée du 12 février 1979 concernant la TVA, art. 39 (standard rate back to 17 % from 2024-01-01)",
      confidence: "medium",
      note: NOTE,
    },
  ],
};
