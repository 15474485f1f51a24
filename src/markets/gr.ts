import type { Market } from "./types.js";

const CHARGING = ["energy", "time", "flat"] as const;

/**
 * Greece. Charging an EV is a supply of electricity at the reduced 6 % rate, whatever the pricing
 * method; the standard rate is 24 %. Reduced island rates (30 % lower) need a region code and come
 * with the Markets issue.
 */
export const GR: Market = {
  code: "GR",
  name: "Greece",
  currencies: ["EUR"],
  timeZones: ["Europe/Athens"],
  pricesInclude: "tax",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["el-GR", "en"],
  taxes: [
    {
      name: "ΦΠΑ",
      rate: "0.06",
      appliesTo: CHARGING,
      validFrom: "2023-10-12",
      validTo: null,
      source:
        "AADE circular Ε.2060/12-10-2023 (VAT on charging electric vehicles: a supply of electricity, CN 2716, at 6 % 'regardless of how the price is charged: per kWh, per session etc.'), https://www.aade.gr/egkyklioi-kai-apofaseis/e-2060-12-10-2023; rates now in art. 26 of the VAT Code, Law 5144/2024",
      confidence: "high",
      note: "The circular names per-kWh and per-session pricing and says 'etc.'; per-minute charging time is read as part of the same supply.",
    },
    {
      name: "ΦΠΑ",
      rate: "0.24",
      appliesTo: ["idle"],
      validFrom: "2023-10-12",
      validTo: null,
      source:
        "Standard rate 24 % (VAT Code, Law 2859/2000 art. 21 as amended by Law 4389/2016, now art. 26 Law 5144/2024); circular Ε.2060/2023 covers the supply that includes charging and does not name fees for occupying the bay after charging ends",
      confidence: "low",
      note: "An idle (blocking) fee starts after charging has ended, so it is read as a separate parking service at the standard rate, not as part of the 6 % electricity supply. No AADE ruling on idle fees was found.",
    },
  ],
};
