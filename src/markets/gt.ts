import type { Market } from "./types.js";

/** Guatemala. */
export const GT: Market = {
  code: "GT",
  name: "Guatemala",
  currencies: ["GTQ"],
  timeZones: ["America/Guatemala"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-GT"],
  taxes: [
    {
      name: "IVA",
      rate: "0.12",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2002-01-01",
      validTo: null,
      source: "Ley del Impuesto al Valor Agregado, Decreto 27-92 del Congreso, art. 10 (tarifa única 12 %)",
      confidence: "medium",
      note: "validFrom is a date by which 12 % certainly applied, not the date the rate began.",
    },
  ],
};
