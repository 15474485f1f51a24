import type { Market } from "./types.js";

/** Costa Rica. */
export const CR: Market = {
  code: "CR",
  name: "Costa Rica",
  currencies: ["CRC"],
  timeZones: ["America/Costa_Rica"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-CR"],
  taxes: [
    {
      name: "IVA",
      rate: "0.13",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2019-07-01",
      validTo: null,
      source:
        "Ley N° 9635 (Fortalecimiento de las Finanzas Públicas), Título I Ley del Impuesto sobre el Valor Agregado, general rate 13 % from 2019-07-01; electricity tariffs carry 13 % (the residential exemption of art. 8 does not cover public charging)",
      confidence: "high",
    },
  ],
};
