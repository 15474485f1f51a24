import type { Market } from "./types.js";

/** Panama (the balboa circulates at par with the US dollar, which is what is billed). */
export const PA: Market = {
  code: "PA",
  name: "Panama",
  currencies: ["USD", "PAB"],
  timeZones: ["America/Panama"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-PA"],
  taxes: [
    {
      name: "ITBMS",
      rate: "0.07",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2010-07-01",
      validTo: null,
      source: "Código Fiscal art. 1057-V (general rate 7 % from 2010-07-01, Ley 8 de 2010)",
      confidence: "medium",
      note: "Whether a charging fee is an exempt supply of electricity was not confirmed; read as a taxable service at the general rate.",
    },
  ],
};
