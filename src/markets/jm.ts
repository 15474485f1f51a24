import type { Market } from "./types.js";

/** Jamaica. */
export const JM: Market = {
  code: "JM",
  name: "Jamaica",
  currencies: ["JMD"],
  timeZones: ["America/Jamaica"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["en-JM"],
  taxes: [
    {
      name: "GCT",
      rate: "0.15",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2024-01-01",
      validTo: null,
      source: "General Consumption Tax Act, standard rate 15 % (Jamaica Information Service, 2025-05-07; Prime Minister's statement, Nov 2024)",
      confidence: "medium",
      note:
        "validFrom is a date by which 15 % certainly applied. Residential electricity moved to 7 % on 2025-05-01; public charging is not a residential supply and stays at the standard rate.",
    },
  ],
};
