import type { Market, TaxRule } from "./types.js";

const ALL = ["energy", "time", "idle", "flat"] as const;

function icms(rate: string, source: string, confidence: TaxRule["confidence"]): TaxRule {
  return {
    name: "ICMS",
    rate,
    method: "inside",
    appliesTo: ALL,
    validFrom: "2023-01-01",
    validTo: null,
    source: `${source}; computed 'por dentro' (LC 87/1996 art. 13 §1º I: the tax is part of its own base); electricity capped at the modal rate by LC 194/2022`,
    confidence,
    note: "Whether charging bears ICMS (the states' view) or municipal ISS (São Paulo city's view) is disputed; this table follows the state's published answer.",
  };
}

/**
 * Brazil, by state: ICMS is a state tax computed "por dentro". PIS/COFINS depend on the operator's
 * regime and the 2026 CBS/IBS test rates are offset and waived, so neither is in the table.
 */
export const BR: Market = {
  code: "BR",
  name: "Brazil",
  currencies: ["BRL"],
  timeZones: [
    "America/Sao_Paulo",
    "America/Bahia",
    "America/Fortaleza",
    "America/Recife",
    "America/Maceio",
    "America/Belem",
    "America/Araguaina",
    "America/Santarem",
    "America/Manaus",
    "America/Cuiaba",
    "America/Campo_Grande",
    "America/Porto_Velho",
    "America/Boa_Vista",
    "America/Rio_Branco",
    "America/Eirunepe",
    "America/Noronha",
  ],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["pt-BR"],
  taxes: [],
  requiresRegion: "ICMS is a state tax: use a state code such as BR-SP, or give the tariff its own `taxes`",
  regions: [
    {
      code: "BR-SP",
      name: "São Paulo",
      timeZones: ["America/Sao_Paulo"],
      taxes: [icms("0.18", "SEFAZ-SP Resposta à Consulta 30579/2024 (2025-07-08): charging is a sale of electricity subject to ICMS on the amount charged; RICMS/SP general rate 18 %", "medium")],
    },
    {
      code: "BR-SC",
      name: "Santa Catarina",
      timeZones: ["America/Sao_Paulo"],
      taxes: [icms("0.17", "SEF/SC COPAT Resposta 76/2024: ICMS at 17 % on charging, NFC-e stating kWh", "high")],
    },
    {
      code: "BR-MG",
      name: "Minas Gerais",
      timeZones: ["America/Sao_Paulo"],
      taxes: [icms("0.18", "SEF/MG Solução de Consulta 35/2025: charging is subject to ICMS; RICMS/MG modal rate 18 %", "medium")],
    },
  ],
  note: "PIS/COFINS (regime-dependent) and the 2026 CBS 0.9 % / IBS 0.1 % test (LC 214/2025, offset and waived) are not added; give the tariff its own `taxes` to show them.",
};
