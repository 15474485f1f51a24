import type { Market } from "./types.js";

/** France (metropolitan; Corsica and the overseas departments have other rates). */
export const FR: Market = {
  code: "FR",
  name: "France",
  currencies: ["EUR"],
  timeZones: ["Europe/Paris"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["fr-FR", "en"],
  taxes: [
    {
      name: "TVA",
      rate: "0.20",
      appliesTo: ["energy", "time", "idle", "flat"],
      validFrom: "2014-01-01",
      validTo: null,
      source:
        "Code général des impôts, art. 278 (taux normal 20 % from 2014-01-01, loi n° 2012-1510 art. 68); public charging has no reduced rate (the 5.5 % of art. 278-0 bis covers installing chargers in dwellings)",
      confidence: "medium",
    },
  ],
};
