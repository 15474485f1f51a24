import type { Market, TaxEvidence } from "./types.js";

const CHARGING = ["energy", "time", "flat"] as const;
const REDUCED = "RGD du 21.12.1991 art. 1 (reduced rate on électricité, TD 27.16; loi TVA art. 40); CJEU C-282/22: charging is a supply of goods, the electricity";
const STANDARD = "Loi TVA du 12.2.1979 art. 39 (standard rate); an idle fee read as a parking service";
const IDLE = "An idle fee starts when charging has ended: read as a parking service, not part of the supply of electricity. No AED position found.";

/**
 * Luxembourg. Public charging is a supply of electricity (CJEU C-282/22), which Luxembourg taxes at
 * the reduced rate: 8 %, 7 % in 2023. Idle fees at the standard rate, 17 % (16 % in 2023).
 */
export const LU: Market = {
  code: "LU",
  name: "Luxembourg",
  currencies: ["EUR"],
  timeZones: ["Europe/Luxembourg"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["fr-LU", "de-LU", "lb", "en"],
  taxes: [
    { name: "TVA", rate: "0.08", appliesTo: CHARGING, validFrom: "2015-01-01", validTo: "2023-01-01", source: REDUCED, confidence: "medium" },
    { name: "TVA", rate: "0.17", appliesTo: ["idle"], validFrom: "2015-01-01", validTo: "2023-01-01", source: STANDARD, confidence: "low", note: IDLE },
    { name: "TVA", rate: "0.07", appliesTo: CHARGING, validFrom: "2023-01-01", validTo: "2024-01-01", source: `${REDUCED}; 8 % → 7 % in 2023 (loi du 26.10.2022)`, confidence: "medium" },
    { name: "TVA", rate: "0.16", appliesTo: ["idle"], validFrom: "2023-01-01", validTo: "2024-01-01", source: `${STANDARD}; 17 % → 16 % in 2023 (loi du 26.10.2022)`, confidence: "low", note: IDLE },
    { name: "TVA", rate: "0.08", appliesTo: CHARGING, validFrom: "2024-01-01", validTo: null, source: REDUCED, confidence: "medium" },
    { name: "TVA", rate: "0.17", appliesTo: ["idle"], validFrom: "2024-01-01", validTo: null, source: STANDARD, confidence: "low", note: IDLE },
  ],
};

const RGD_1991 = {
  quote:
    "L'application du taux réduit est limitée aux gaz liquéfiés ou à l'état gazeux […] Le taux réduit s'applique à l'énergie électrique (N° 27.16 TD)",
  url: "http://legilux.public.lu/eli/etat/leg/rgd/1991/12/21/n3/jo",
  from: "Règlement grand-ducal du 21 décembre 1991 déterminant les limites et les conditions d'application des taux réduit, super-réduit et intermédiaire de la TVA, art. 1 (text read up to this sentence; the gas rule is limited, electrical energy is not)",
};
const C_282_22 = {
  quote:
    "a single complex supply which encompasses: – access to recharging devices for electric vehicles (including integration of the charger with the vehicle operating system); – the supply of electricity, within duly adjusted parameters, to the batteries of that vehicle; – the necessary technical support for the users concerned; and – the provision of IT applications […] constitutes a ‘supply of goods’ within the meaning of Article 14(1) of Directive 2006/112",
  url: "https://www.doganasostenibile.it/2023/04/28/european-court-of-justice-vat-and-device-for-charging-electric-vehicles/",
  from: "CJEU C-282/22, judgment of 20 April 2023, operative part, as quoted there (curia.europa.eu itself could not be reached from here)",
};
const RATES_2023 = {
  quote: "Le taux normal doit alors passer, au 1er janvier 2023, de 17 à 16%; le taux intermédiaire, de 14 à 13%, et le taux réduit, de 8 à 7%.",
  url: "https://paperjam.lu/article/quelle-tva-par-produit-au-luxe",
  from: "Paperjam on the government's bill for the 2023 cut (loi du 26 octobre 2022), a news report, not the law",
};
const TEMPORARY = {
  quote: "Le conseil de gouvernement a marqué son accord, lundi 10 octobre, avec l’avant-projet de loi pour une diminution temporaire de la taxe sur la valeur ajoutée (TVA).",
  url: "https://paperjam.lu/article/quelle-tva-par-produit-au-luxe",
  from: "Paperjam, same report: the 2023 cut was temporary, the rates of 2022 return on 2024-01-01",
};
const ILR = {
  quote: "il faut comprendre que le service de recharge n'est pas une fourniture d'électricité au sens de la loi",
  url: "https://www.myilr.lu/questions/y-a-t-il-une-liste-des-tarifs-en-vigueur-pour-les-bornes-de-charge/",
  from: "ILR, the energy regulator, on the electricity-market law (loi du 1er août 2007), not on VAT: why the reading is medium, not high",
};

/**
 * Where Luxembourg's rates were read, quoted (kept apart from the rules: `ev-tariff markets LU`
 * prints them; the pricing core does not carry them). Checked 2026-12-03.
 */
export const LU_EVIDENCE: readonly TaxEvidence[] = [
  { market: "LU", name: "TVA", validFrom: "2015-01-01", rate: "0.08", sources: [RGD_1991, C_282_22, RATES_2023, ILR] },
  { market: "LU", name: "TVA", validFrom: "2015-01-01", rate: "0.17", sources: [RATES_2023] },
  { market: "LU", name: "TVA", validFrom: "2023-01-01", rate: "0.07", sources: [RATES_2023, RGD_1991, C_282_22] },
  { market: "LU", name: "TVA", validFrom: "2023-01-01", rate: "0.16", sources: [RATES_2023] },
  { market: "LU", name: "TVA", validFrom: "2024-01-01", rate: "0.08", sources: [RGD_1991, C_282_22, TEMPORARY] },
  { market: "LU", name: "TVA", validFrom: "2024-01-01", rate: "0.17", sources: [RATES_2023, TEMPORARY] },
];
