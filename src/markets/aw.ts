import type { Market } from "./types.js";

const ALL = ["energy", "time", "idle", "flat"] as const;
const SOURCE = "Landsverordening BBO/BAVP/BAZV: BBO 2.5 %, BAVP 1.5 %, BAZV 3 % on turnover, 7 % in all since 2023-01-01 (BDO Aruba, 'Turnover taxes')";

/** Aruba. Three turnover taxes on the same base (not VAT), normally included in prices. */
export const AW: Market = {
  code: "AW",
  name: "Aruba",
  currencies: ["AWG"],
  timeZones: ["America/Aruba"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["nl-AW", "pap", "en", "es"],
  taxes: [
    { name: "BBO", rate: "0.025", appliesTo: ALL, validFrom: "2023-01-01", validTo: null, source: SOURCE, confidence: "high" },
    { name: "BAVP", rate: "0.015", appliesTo: ALL, validFrom: "2023-01-01", validTo: null, source: SOURCE, confidence: "high" },
    { name: "BAZV", rate: "0.03", appliesTo: ALL, validFrom: "2023-01-01", validTo: null, source: SOURCE, confidence: "high" },
  ],
  note: "Papiamento (pap) has no Intl locale data: driver text falls back to nl, en or es.",
};
