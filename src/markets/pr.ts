import type { Market } from "./types.js";

const ALL = ["energy", "time", "idle", "flat"] as const;
const NOTE = "Whether IVU applies to a charge point operator's fees was not confirmed; read as a taxable sale of a service or of electricity at retail.";

/** Puerto Rico (also ISO 3166-2 US-PR). Prices are shown before IVU, as in the US. */
export const PR: Market = {
  code: "PR",
  name: "Puerto Rico",
  currencies: ["USD"],
  timeZones: ["America/Puerto_Rico"],
  pricesInclude: "none",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-PR", "en-PR"],
  taxes: [
    {
      name: "IVU estatal",
      rate: "0.105",
      appliesTo: ALL,
      validFrom: "2015-07-01",
      validTo: null,
      source: "Código de Rentas Internas de 2011 (Ley 1-2011), sec. 4020.01, as raised to 10.5 % by Ley 72-2015 from 2015-07-01",
      confidence: "medium",
      note: NOTE,
    },
    {
      name: "IVU municipal",
      rate: "0.01",
      appliesTo: ALL,
      validFrom: "2015-07-01",
      validTo: null,
      source: "Código de Rentas Internas de 2011, sec. 4020.02 and Código Municipal sec. 6080.14: 1 % municipal IVU",
      confidence: "medium",
      note: NOTE,
    },
  ],
};
