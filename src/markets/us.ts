import type { Market, TaxedComponent } from "./types.js";

const CHARGING: readonly TaxedComponent[] = ["energy", "time", "idle", "flat"];
const CHICAGO = ["America/Chicago"];

/**
 * The United States, by state. Sales tax on charging is a state (and local) matter and several
 * states levy a per-kWh excise on charging, so a tariff names its state ("US-IA"). States not
 * listed here are refused: give the tariff a `taxes` list for them. Local sales taxes vary by city
 * and are not in the table: add them with `taxes` too.
 */
export const US: Market = {
  code: "US",
  name: "United States",
  currencies: ["USD"],
  timeZones: [
    "America/New_York",
    "America/Detroit",
    "America/Indiana/Indianapolis",
    "America/Kentucky/Louisville",
    "America/Chicago",
    "America/Denver",
    "America/Boise",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
  ],
  pricesInclude: "none",
  rounding: "halfAwayFromZero",
  cashRounding: null,
  languages: ["en-US", "es-US"],
  taxes: [],
  requiresRegion: "US taxes charging by state: use a state code such as US-IA, or give the tariff its own `taxes`",
  regions: [
    {
      code: "US-IA",
      name: "Iowa",
      timeZones: CHICAGO,
      taxes: [
        {
          name: "Iowa electric fuel excise",
          perKWh: "0.026",
          appliesTo: ["energy"],
          validFrom: "2023-07-01",
          validTo: null,
          source:
            "Iowa Code §452A.41(1): 2.6 cents 'on each kilowatt hour of electric fuel delivered or placed into the battery … at a location in this state other than a residence', from 2023-07-01 (HF 767, 2019); Iowa Admin. Code r. 701—262.2",
          confidence: "high",
          note: "Imposed on the licensed electric fuel dealer even when charging is free; shown as its own line. Iowa sales tax on charging fees is not in the table.",
        },
      ],
    },
    {
      code: "US-KY",
      name: "Kentucky",
      timeZones: ["America/New_York", "America/Kentucky/Louisville", "America/Chicago"],
      taxes: [
        {
          name: "Kentucky EV power excise",
          perKWh: "0.03",
          appliesTo: ["energy"],
          validFrom: "2024-01-01",
          validTo: "2025-01-01",
          source: "KRS 138.477 (HB 8, 2022): 3 cents per kWh delivered by an electric vehicle charging station, from 2024-01-01 (Kentucky Department of Revenue, 'Electric Vehicle Power Excise Tax')",
          confidence: "high",
        },
        {
          name: "Kentucky EV power excise",
          perKWh: "0.0315",
          appliesTo: ["energy"],
          validFrom: "2025-01-01",
          validTo: null,
          source: "KRS 138.477: the rate is indexed yearly (at most ±5 %); Department of Revenue projected +5 % from 2025-01-01 (WUKY, 2024-11-06)",
          confidence: "low",
          note: "The published 2025 and 2026 rates were not found; 3.15 cents is the projected 5 % increase.",
        },
        {
          name: "Kentucky sales tax",
          rate: "0.06",
          appliesTo: CHARGING,
          validFrom: "2024-01-01",
          validTo: null,
          source: "KRS 139.200 (6 % sales and use tax); paid charging sessions are collected on by networks in Kentucky (ChargePoint tax policy, 2025)",
          confidence: "medium",
        },
      ],
    },
    {
      code: "US-OK",
      name: "Oklahoma",
      timeZones: CHICAGO,
      taxes: [
        {
          name: "Oklahoma EV charging tax",
          perKWh: "0.03",
          appliesTo: ["energy"],
          validFrom: "2024-01-01",
          validTo: null,
          source: "68 O.S. §6504 (Drive Act of 2021): 3 cents per kWh from 2024-01-01; OAC 710:55-8-4(c): to be stated separately on the invoice",
          confidence: "high",
          note: "Applies to stations of 50 kW or more; for slower public stations give the tariff its own `taxes`.",
        },
      ],
    },
    {
      code: "US-WI",
      name: "Wisconsin",
      timeZones: CHICAGO,
      taxes: [
        {
          name: "Wisconsin EV charging excise",
          perKWh: "0.03",
          appliesTo: ["energy"],
          validFrom: "2025-01-01",
          validTo: null,
          source: "2023 Wisconsin Act 121: 3 cents per kWh delivered by public charging stations from 2025-01-01 (Wisconsin DOR announcement, Nov 2024)",
          confidence: "medium",
        },
      ],
    },
    {
      code: "US-UT",
      name: "Utah",
      timeZones: ["America/Denver"],
      taxes: [
        {
          name: "Utah EV charging tax",
          rate: "0.125",
          appliesTo: CHARGING,
          validFrom: "2024-01-01",
          validTo: null,
          source: "Utah Code 59-30-102 (HB 301, 2023): 12.5 % of the amount charged for electric vehicle charging, from 2024",
          confidence: "medium",
          note: "Utah sales tax on charging is not in the table.",
        },
      ],
    },
    {
      code: "US-NY",
      name: "New York",
      timeZones: ["America/New_York"],
      taxes: [
        {
          name: "New York State sales tax",
          rate: "0.04",
          appliesTo: CHARGING,
          validFrom: "2013-01-01",
          validTo: null,
          source: "Tax Law §1105(b); TSB-A-13(18)S: fees for charging an electric vehicle are taxable sales of electricity; state rate 4 %",
          confidence: "medium",
          note: "Local sales tax (up to 4.875 %) depends on the city: add it with the tariff's `taxes`.",
        },
      ],
    },
    {
      code: "US-TX",
      name: "Texas",
      timeZones: ["America/Chicago", "America/Denver"],
      taxes: [
        {
          name: "Texas state sales tax",
          rate: "0.0625",
          appliesTo: CHARGING,
          validFrom: "2020-01-01",
          validTo: null,
          source: "Texas Tax Code §151.051 (6.25 % state rate); paid charging is collected on in Texas (ChargePoint tax policy, 2025)",
          confidence: "medium",
          note: "Local sales tax (up to 2 %) depends on the city: add it with the tariff's `taxes`.",
        },
      ],
    },
    {
      code: "US-FL",
      name: "Florida",
      timeZones: ["America/New_York", "America/Chicago"],
      taxes: [
        {
          name: "Florida state sales tax",
          rate: "0.06",
          appliesTo: CHARGING,
          validFrom: "2020-01-01",
          validTo: null,
          source: "Florida Statutes §212.05 (6 % state rate); paid charging is collected on in Florida (ChargePoint tax policy, 2025)",
          confidence: "medium",
          note: "County discretionary surtax depends on the county: add it with the tariff's `taxes`.",
        },
      ],
    },
  ],
  note: "Montana's 3 cents/kWh (MCA 15-70-802) is billed by the utility to the station owner, not per session, so it is not a receipt line. Pennsylvania's Alternative Fuels Tax scope for public chargers after Act 85 of 2024 is unclear and is not in the table.",
};
