import type { Market } from "./types.js";

/** Belgium. */
export const BE: Market = {
  code: "BE",
  name: "Belgium",
  currencies: ["EUR"],
  timeZones: ["Europe/Brussels"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: {
    increment: "0.05",
    mode: "halfAwayFromZero",
    source:
      "Code de droit économique / Wetboek van economisch recht art. VI.7/1: cash payments rounded to the nearest 0.05 EUR (1-2 cents down, 3-4 up, 6-7 down, 8-9 up), mandatory since 2019-12-01, https://goedafgerond.belgium.be",
    confidence: "high",
  },
  languages: ["nl-BE", "fr-BE", "de-BE"],
  taxes: [
    {
      name: "BTW/TVA",
      rate: "0.21",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "1996-01-01",
      validTo: null,
      source:
        "Code TVA art. 37 §1 and Royal Decree No. 20 of 20 July 1970 (standard rate 21 %); SPF Finances circular 2021/C/113 of 20 Dec 2021 on charging stations. The 6 % rate on electricity since 2023-04-01 covers residential supply contracts only",
      confidence: "medium",
    },
  ],
};
