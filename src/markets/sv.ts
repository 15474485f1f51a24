import type { Market } from "./types.js";

/** El Salvador (USD is legal tender). */
export const SV: Market = {
  code: "SV",
  name: "El Salvador",
  currencies: ["USD"],
  timeZones: ["America/El_Salvador"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-SV"],
  taxes: [
    {
      name: "IVA",
      rate: "0.13",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2000-01-01",
      validTo: null,
      source:
        "Ley de Impuesto a la Transferencia de Bienes Muebles y a la Prestación de Servicios (Decreto Legislativo N° 296 of 1992, D.O. 143 T. 316), art. 54: 13 %",
      confidence: "medium",
      note: "validFrom is a date by which 13 % certainly applied, not the date the rate began.",
    },
  ],
};
