import type { Market } from "./types.js";

const ALL = ["energy", "time", "idle", "flat"] as const;
const BORDER_DECREE =
  "Decreto de estímulos fiscales región fronteriza norte (DOF 2018-12-31), art. 1 and the 50 % IVA credit; extended by DOF 2020-12-30 to 2024-12-31 and DOF 2024-12-24 to 2025-12-31";

/** Mexico. Baja California lies wholly in the northern border region (IVA effectively 8 %). */
export const MX: Market = {
  code: "MX",
  name: "Mexico",
  currencies: ["MXN"],
  timeZones: [
    "America/Mexico_City",
    "America/Cancun",
    "America/Merida",
    "America/Monterrey",
    "America/Matamoros",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Ojinaga",
    "America/Hermosillo",
    "America/Mazatlan",
    "America/Bahia_Banderas",
    "America/Tijuana",
  ],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-MX"],
  taxes: [
    {
      name: "IVA",
      rate: "0.16",
      appliesTo: ALL,
      validFrom: "2010-01-01",
      validTo: null,
      source: "Ley del Impuesto al Valor Agregado, art. 1 (16 % since 2010-01-01)",
      confidence: "high",
    },
  ],
  regions: [
    {
      code: "MX-BCN",
      name: "Baja California",
      timeZones: ["America/Tijuana"],
      taxes: [
        {
          name: "IVA región fronteriza",
          rate: "0.08",
          appliesTo: ALL,
          validFrom: "2019-01-01",
          validTo: "2026-01-01",
          source: BORDER_DECREE,
          confidence: "high",
          replaces: ["IVA"],
        },
        {
          name: "IVA región fronteriza",
          rate: "0.08",
          appliesTo: ALL,
          validFrom: "2026-01-01",
          validTo: null,
          source: BORDER_DECREE + "; a 2026 extension was not found in the DOF",
          confidence: "low",
          note: "The decree has been renewed every time since 2019; reading: renewed for 2026. Check the DOF.",
          replaces: ["IVA"],
        },
      ],
      note: "The other border municipalities (Sonora, Chihuahua, Coahuila, Nuevo León, Tamaulipas, and the southern border) are parts of states, which ISO 3166-2 cannot name: give those tariffs their own `taxes`.",
    },
  ],
};
