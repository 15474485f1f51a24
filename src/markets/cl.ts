import type { Market } from "./types.js";

/** Chile. CLP has no minor unit; cash totals round to 10 pesos with 5 rounding down. */
export const CL: Market = {
  code: "CL",
  name: "Chile",
  currencies: ["CLP"],
  timeZones: ["America/Santiago", "America/Punta_Arenas", "Pacific/Easter"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: {
    increment: "10",
    mode: "halfTowardZero",
    source:
      "Ley N° 20.956 (2016), in force 2017-11-01: cash totals ending in $1-$5 round down to the lower ten, $6-$9 up; cash only, the boleta keeps the unrounded price (Banco Central de Chile)",
    confidence: "high",
  },
  languages: ["es-CL"],
  taxes: [
    {
      name: "IVA",
      rate: "0.19",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2003-10-01",
      validTo: null,
      source: "Decreto Ley N° 825 (Ley sobre Impuesto a las Ventas y Servicios), art. 14: 19 % since 2003-10-01",
      confidence: "medium",
    },
  ],
};
