import type { Market } from "./types.js";

const CHARGING = ["energy", "time", "flat"] as const;

/** The Netherlands (European part). */
export const NL: Market = {
  code: "NL",
  name: "Netherlands",
  currencies: ["EUR"],
  timeZones: ["Europe/Amsterdam"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: {
    increment: "0.05",
    mode: "halfAwayFromZero",
    source:
      "Nationwide voluntary rounding of cash totals to 5 cents since 2004-09-01 (Maatschappelijk Overleg Betalingsverkeer): 1-2 down, 3-4 up, 6-7 down, 8-9 up; card payments are not rounded",
    confidence: "medium",
  },
  languages: ["nl-NL", "en"],
  taxes: [
    {
      name: "BTW",
      rate: "0.21",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2012-10-01",
      validTo: "2022-07-01",
      source: "Wet op de omzetbelasting 1968, art. 9 lid 1 (general rate 21 % since 2012-10-01)",
      confidence: "high",
    },
    {
      name: "BTW",
      rate: "0.09",
      appliesTo: CHARGING,
      validFrom: "2022-07-01",
      validTo: "2023-01-01",
      source:
        "Wet aanvullende fiscale koopkrachtmaatregelen 2022 (Kamerstuk 36 088): 'verlaging van de btw op energie van 21% naar 9% per 1 juli 2022' until 2022-12-31; reported to cover public charging sessions",
      confidence: "medium",
    },
    {
      name: "BTW",
      rate: "0.21",
      appliesTo: ["idle"],
      validFrom: "2022-07-01",
      validTo: "2023-01-01",
      source: "Wet op de omzetbelasting 1968, art. 9 lid 1: an idle fee is not a supply of energy, so it kept the 21 % rate",
      confidence: "medium",
    },
    {
      name: "BTW",
      rate: "0.21",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2023-01-01",
      validTo: null,
      source: "Wet op de omzetbelasting 1968, art. 9 lid 1 (general rate 21 %; the 9 % energy rate ended 2022-12-31)",
      confidence: "high",
    },
  ],
};
