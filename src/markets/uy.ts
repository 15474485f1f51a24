import type { Market } from "./types.js";

/** Uruguay. */
export const UY: Market = {
  code: "UY",
  name: "Uruguay",
  currencies: ["UYU"],
  timeZones: ["America/Montevideo"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-UY"],
  taxes: [
    {
      name: "IVA",
      rate: "0.22",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2007-07-01",
      validTo: null,
      source: "Título 10 del Texto Ordenado 1996, art. 18 (tasa básica 22 % since the 2007 tax reform, Ley 18.083)",
      confidence: "medium",
      note:
        "Ley 19.210 and Decreto 203/014 cut IVA by 2 points for final consumers paying by debit card or e-money; the receipt cannot tell debit from credit cards and the 2026 status was not confirmed, so the basic rate is applied.",
    },
  ],
};
