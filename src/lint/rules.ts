/**
 * The lint rules and the sources they come from. Data only: src/lint/index.ts applies them.
 * docs/lint.md lists the same rules; a test holds the two together.
 */
import type { LintRule } from "./types.js";

const EV_TARIFF = "ev-tariff";

/** Regulation (EU) 2023/1804 (AFIR), as published in the Official Journal. */
export const AFIR = "Regulation (EU) 2023/1804 (AFIR), art. 5(4); OJ L 234, 22.9.2023, p. 1; https://eur-lex.europa.eu/eli/reg/2023/1804/oj";
/** NIST Handbook 44, the EVSE code. */
export const HB44 =
  "NIST Handbook 44, §3.40 Electric Vehicle Fueling Systems (user requirements on the unit price per kWh and on additional fees); https://www.nist.gov/pml/owm/publications/nist-handbooks/handbook-44";

/** Every rule `lintTariff` applies, by id. */
export const LINT_RULES: readonly LintRule[] = [
  { id: "invalid", severity: "error", source: EV_TARIFF, summary: "the document is not a valid tariff; one finding per problem, as `ev-tariff validate` prints it" },
  { id: "condition-never-holds", severity: "warning", source: EV_TARIFF, summary: "a condition no session meets in that dimension (idleMinutes above 0 while charging or for the session fee, powerKW above 0 while idle, energyKWh or sessionMinutes above 0 for the session fee, a max of 0), so the rate never applies" },
  { id: "empty-window", severity: "warning", source: EV_TARIFF, summary: "a rate's dates hold none of its days, so the rate never applies" },
  { id: "rate-outside-validity", severity: "warning", source: EV_TARIFF, summary: "a rate's dates end before validFrom or start after validTo (beyond the longest session), so it never applies; or start after validTo, so it applies only to sessions still running then" },
  { id: "rate-shadowed", severity: "warning", source: EV_TARIFF, summary: "earlier rates of the same dimension apply whenever this rate's conditions hold, so it never applies" },
  { id: "tou-gap", severity: "warning", source: EV_TARIFF, summary: "a time-of-use table (two or more rates with days or timeOfDay) leaves hours of the week in which no rate of that dimension can apply: it is free then" },
  { id: "idle-no-grace", severity: "warning", source: EV_TARIFF, summary: "an idle fee charged from the first idle minute (no idleMinutes min, and no earlier free rate)" },
  { id: "max-below-min", severity: "error", source: EV_TARIFF, summary: "maxPrice is below the session fee every session pays, so every session costs maxPrice (maxPrice below minPrice is refused by validation: rule invalid)" },
  { id: "start-fee-high", severity: "info", source: EV_TARIFF, summary: "a session fee above a typical session's energy cost: 20 kWh (typicalSessionKWh) at the tariff's dearest energy price" },
  { id: "afir-price-per-kwh", severity: "info", source: AFIR, summary: "EU: the tariff has no price per kWh, which the ad hoc price of a recharging point of 50 kW or more needs; the file does not say the station's power or whether the tariff is its ad hoc price" },
  { id: "afir-price-per-minute", severity: "warning", source: AFIR, summary: "EU: a time or idle price per hour that is no exact price per minute (in the currency's minor unit and two more digits), so the price per minute AFIR lists cannot be shown as charged" },
  { id: "afir-display-order", severity: "info", source: AFIR, summary: "EU: the order in which the tariff's components are to be shown (per kWh, per minute, per session, other); the file cannot show how a station displays them" },
  { id: "nist-unit-price", severity: "warning", source: HB44, summary: "US: the tariff has no unit price per kWh" },
  { id: "nist-additional-fees", severity: "info", source: HB44, summary: "US: fees besides the unit price per kWh (time, idle, session fee, minimum, maximum) that are to be disclosed; the file cannot show the disclosure or whether the state has adopted §3.40" },
  { id: "check-incomplete", severity: "info", source: EV_TARIFF, summary: "an exact check (rate-shadowed, idle-no-grace, max-below-min) stopped at the lint's work limit for this tariff, so it was not decided" },
  { id: "transparency-not-checked", severity: "info", source: EV_TARIFF, summary: "no price-transparency rule is checked for this market (only EU member states and the US and its territories have rules here)" },
];

/** A rule by id. */
export function rule(id: string): LintRule {
  const r = LINT_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no lint rule ${id}`);
  return r;
}

/** EU member states (ISO 3166-1), where AFIR applies. Source: https://european-union.europa.eu/principles-countries-history/eu-countries_en (27 countries since 2020-02-01). */
export const EU_MEMBERS: ReadonlySet<string> = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
);

/**
 * The United States and its territories with ISO 3166-1 codes of their own (also ISO 3166-2 US-PR,
 * US-GU, …), where NIST Handbook 44 is the model weights-and-measures code.
 */
export const US_AND_TERRITORIES: ReadonlySet<string> = new Set(["US", "PR", "GU", "VI", "AS", "MP", "UM"]);
