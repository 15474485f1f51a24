import type { Market, TaxedComponent, TaxEvidence } from "./types.js";

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
          source: "KRS 138.477(2)(a) (HB 8, 2022): 3 cents per kWh from 2024-01-01",
          confidence: "high",
        },
        {
          name: "Kentucky EV power excise",
          perKWh: "0.032",
          appliesTo: ["energy"],
          validFrom: "2025-01-01",
          validTo: "2026-01-01",
          source: "KRS 138.477(3) (yearly NHCCI adjustment); Dept. of Revenue: $0.032 from 2025-01-01",
          confidence: "high",
        },
        {
          name: "Kentucky EV power excise",
          perKWh: "0.032",
          appliesTo: ["energy"],
          validFrom: "2026-01-01",
          validTo: null,
          source: "KRS 138.477(3); the 2025 rate carried on",
          confidence: "low",
          note: "The 2026 rate was not found. Stations under 20 kW are not taxed.",
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
          source: "Utah Code 59-30-102 (HB 301, 2023, special effective date): 12.5 % of the amount charged for electric vehicle charging",
          confidence: "medium",
          note: "Start date from a 2023 report; HB 301's effective-date section was not read. Utah sales tax is not in the table.",
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

const KRS_URL = "https://library.partnertax.ai/us-ky/stat/138.477";
const KRS_FROM = "KRS 138.477 as codified (apps.legislature.ky.gov could not be reached from here; lawserver.com gives the same text)";
const KY_DOR = "https://revenue.ky.gov/Business/Pages/Electric-Vehicle-Power-Excise-Tax.aspx";

/**
 * Where the US rules checked for issue 16 were read, quoted (kept apart from the rules:
 * `ev-tariff markets US-KY US-UT` prints them). Checked 2026-12-03.
 */
export const US_EVIDENCE: readonly TaxEvidence[] = [
  {
    market: "US-KY",
    name: "Kentucky EV power excise",
    validFrom: "2024-01-01",
    sources: [
      {
        url: KRS_URL,
        from: KRS_FROM,
        quote:
          "(2) On or after January 1, 2024: (a) An excise tax with an initial base rate of three cents ($0.03) per kilowatt hour is imposed on electric vehicle power distributed in this state by an electric vehicle power dealer for the purpose of charging electric vehicles in this state",
      },
    ],
  },
  {
    market: "US-KY",
    name: "Kentucky EV power excise",
    validFrom: "2025-01-01",
    sources: [
      {
        url: KRS_URL,
        from: KRS_FROM,
        quote:
          "(3) (a) On or before December 1, 2024, and on or before each December 1 thereafter, the department shall compare the most current quarterly National Highway Construction Cost Index 2.0 (NHCCI 2.0) value and determine the percentage change in relation to the NHCCI 2.0 value from the same quarter for the previous year.",
      },
      {
        quote: "The statutorily mandated $0.002 increases in the excise tax and surtax rates per kilowatt hour are as follows: • Excise tax: $0.032 • Surtax: $0.032",
        url: KY_DOR,
        from: "Kentucky Department of Revenue, Electric Vehicle Power Excise Tax, under \"Effective January 1, 2025\" (the surtax applies on state property only and is not in the table)",
      },
    ],
  },
  {
    market: "US-KY",
    name: "Kentucky EV power excise",
    validFrom: "2026-01-01",
    sources: [
      {
        quote: "The statutorily mandated $0.002 increases in the excise tax and surtax rates per kilowatt hour are as follows: • Excise tax: $0.032",
        url: KY_DOR,
        from: "Kentucky Department of Revenue, under \"Effective January 1, 2025\": the latest rate its page gave when read; no 2026 rate was found",
      },
      {
        quote:
          "House Bill 122, passed during the 2024 Kentucky legislative session, changed the definition of electric vehicle power dealer to exclude level 1 and 2 charging stations from taxation. This change applies retroactively to January 1, 2024.",
        url: KY_DOR,
        from: "Kentucky Department of Revenue, same page",
      },
    ],
  },
  {
    market: "US-KY",
    name: "Kentucky sales tax",
    validFrom: "2024-01-01",
    sources: [
      {
        quote: "Separately stated EV charging station excise taxes collected from the customer are not part of gross receipts subject to sales tax. See KRS 139.010(17)(c)3.",
        url: "https://taxanswers.ky.gov/Sales-and-Excise-Taxes/Pages/Electric-Vehicle-Power-Tax.aspx",
        from: "Kentucky Department of Revenue, Tax Answers: why the sales tax is not on the excise line",
      },
    ],
  },
  {
    market: "US-UT",
    name: "Utah EV charging tax",
    validFrom: "2024-01-01",
    sources: [
      {
        quote: "(2) The tax levied under Subsection (1) is imposed at a rate of 12.5% for a charging station operator that charges: (a) per kilowatt hour […]; (b) per hour […]; (c) a subscription fee for charging services […]; or (d) a combination",
        url: "https://codes.findlaw.com/ut/title-59-revenue-and-taxation/ut-code-sect-59-30-102/",
        from: "Utah Code 59-30-102 as codified (le.utah.gov could not be reached from here)",
      },
      {
        quote: "This bill provides a special effective date.",
        url: "https://le.utah.gov/~2023/bills/hbillenr/HB0301.htm",
        from: "H.B. 301 (2023), enrolled, under \"Other Special Clauses\": its effective-date section, at the end of the bill, could not be read here",
      },
      {
        quote: "Beginning in January, individuals powering up electrical automobiles at industrial charging stations in Utah must pay a 12.5% tax",
        url: "https://www.loadzpro.com/utah-to-decrease-fuel-tax-impose-ev-charging-tax/",
        from: "a reworded copy of a Transport Topics report of April 2023 (the bill was signed in March 2023): January 2024; a secondary source, hence medium",
      },
    ],
  },
];
