import type { Market } from "./types.js";

/** Colombia. COP settles in whole pesos (see money/currencies.ts). */
export const CO: Market = {
  code: "CO",
  name: "Colombia",
  currencies: ["COP"],
  timeZones: ["America/Bogota"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["es-CO"],
  taxes: [
    {
      name: "IVA (excluido)",
      rate: "0",
      appliesTo: ["energy", "time", "flat"],
      validFrom: "2025-06-05",
      validTo: null,
      source:
        "DIAN Concepto 840 (radicado 007354) of 2025-06-05: electricity sold to recharge electric vehicles is excluded from IVA under Estatuto Tributario art. 424, whatever its use or source",
      confidence: "high",
      note: "The concept covers the sale of electricity; charging-time and session fees are read as the price of that same sale.",
    },
    {
      name: "IVA",
      rate: "0.19",
      appliesTo: ["idle"],
      validFrom: "2025-06-05",
      validTo: null,
      source: "Estatuto Tributario art. 468 (19 % since 2017-01-01, Ley 1819 de 2016); parking services are taxed (DIAN Oficio 083850 of 2008)",
      confidence: "low",
      note: "An idle fee is read as a parking service at the general rate; no DIAN ruling on EV idle fees was found.",
    },
  ],
};
