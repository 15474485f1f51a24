import type { Market, Region } from "./types.js";
import { isCountryCode } from "./iso3166.js";
import { BE } from "./be.js";
import { FR } from "./fr.js";
import { GR } from "./gr.js";
import { LU } from "./lu.js";
import { NL } from "./nl.js";
import { AW } from "./aw.js";
import { BR } from "./br.js";
import { CL } from "./cl.js";
import { CO } from "./co.js";
import { CR } from "./cr.js";
import { GT } from "./gt.js";
import { JM } from "./jm.js";
import { MX } from "./mx.js";
import { PA } from "./pa.js";
import { PR } from "./pr.js";
import { SV } from "./sv.js";
import { US } from "./us.js";
import { UY } from "./uy.js";

/** Every country the engine knows, by ISO 3166-1 code. Data only. */
const COUNTRIES: readonly Market[] = [US, PR, GR, BE, NL, LU, FR, MX, CL, SV, GT, UY, CR, PA, CO, BR, JM, AW];
const BY_CODE: ReadonlyMap<string, Market> = new Map(COUNTRIES.map((m) => [m.code, m]));

/** A region's market: the country's rules with the region's name, zones and taxes added. */
function regionMarket(country: Market, region: Region): Market {
  return {
    ...country,
    code: region.code,
    name: `${country.name} — ${region.name}`,
    timeZones: region.timeZones ?? country.timeZones,
    taxes: [...country.taxes, ...region.taxes],
    regions: [],
    requiresRegion: undefined,
    note: region.note ?? country.note,
  };
}

/**
 * The market for a tariff's `market` code: a country ("GR") or one of its regions ("US-IA").
 *
 * @example
 * findMarket("GR")?.currencies // ["EUR"]
 * findMarket("XX") // undefined
 */
export function findMarket(code: string): Market | undefined {
  const country = BY_CODE.get(code.slice(0, 2));
  if (!country) return undefined;
  if (code.length === 2) return country;
  const region = country.regions?.find((r) => r.code === code);
  return region ? regionMarket(country, region) : undefined;
}

/**
 * The market a tariff prices in. A region the table does not list, or a country whose tax is a
 * regional matter (`requiresRegion`), is accepted only when the tariff brings its own taxes.
 *
 * @example
 * resolveMarket("US-CA", false) // { problem: "US-CA is not in the market table: …" }
 * resolveMarket("US-CA", true).market?.timeZones // the US zones
 */
export function resolveMarket(code: string, ownTaxes: boolean): { market?: Market; problem?: string } {
  const country = BY_CODE.get(code.slice(0, 2));
  // A country outside the table (an OCPI tariff's "DE") is accepted only with the tariff's own taxes,
  // as an open market: any currency, any zone (timeZone then required), prices excluding tax.
  if (!country && ownTaxes && code.length === 2 && isCountryCode(code)) return { market: unlistedMarket(code) };
  if (!country) return { problem: `is not a market the engine knows (${code}); known: ${COUNTRIES.map((m) => m.code).join(", ")}` };
  const known = findMarket(code);
  if (known && !(known.requiresRegion && !ownTaxes)) return { market: known };
  if (ownTaxes) {
    return { market: { ...country, code, name: `${country.name} — ${code}`, taxes: [], regions: [], requiresRegion: undefined } };
  }
  if (known?.requiresRegion) return { problem: `needs a region: ${known.requiresRegion}` };
  const regions = (country.regions ?? []).map((r) => r.code).join(", ") || "none";
  return { problem: `${code} is not in the market table (regions of ${country.code}: ${regions}); give the tariff its own \`taxes\`` };
}

/**
 * An ISO 3166-1 country the table does not list, for a tariff that states its own taxes. Its empty
 * `currencies` and `timeZones` mean "any": the tariff names its zone.
 */
function unlistedMarket(code: string): Market {
  return {
    code,
    name: `${code} (not in the market table: the tariff's own taxes)`,
    currencies: [],
    timeZones: [],
    pricesInclude: "none",
    rounding: "halfAwayFromZero",
    cashRounding: null,
    languages: [],
    taxes: [],
    note: "Not in the market table; taxes come from the tariff itself.",
  };
}

/** Every country, in code order (regions are listed inside each). */
export function listMarkets(): Market[] {
  return [...COUNTRIES].sort((a, b) => a.code.localeCompare(b.code));
}

export type { Market, Region, TaxRule, CashRounding, Confidence, TaxedComponent, TaxMethod } from "./types.js";
