import { findMarket, resolveMarket } from "../../markets/index.js";
import { Dec, ONE } from "../../money/decimal.js";
import { TariffError } from "../../schema/errors.js";
import { safeParseTariff } from "../../schema/parse-tariff.js";
import type { Conditions, Dimension, Rate, Tariff } from "../../schema/types.js";
import { formatInstant, parseInstant } from "../../time/instants.js";
import { isTimeZone } from "../../time/zones.js";
import { decOf, jsonNumber, Notes, plain, roundTo, type Converted } from "../common.js";
import { taxesByDimension, taxesFromPercents } from "../taxes.js";
import {
  readOcpiTariff,
  utcInstant,
  type OcpiPrice221,
  type OcpiPriceLimit230,
  type OcpiRestrictions,
  type OcpiTariff,
  type OcpiTariffElement,
  type OcpiVersion,
} from "./model.js";
import { buildRates, OCPI_DAY_OF, OCPI_DIMENSION, V1_DIMENSION } from "./rates.js";

/** Options of `ocpiToTariff`. */
export interface OcpiImportOptions {
  /** Read as this version; by default detected (2.3.0 has `tax_included`). */
  readonly version?: OcpiVersion;
  /** The v1 market; by default the tariff's `country_code`. */
  readonly market?: string;
  /**
   * The zone of the tariff's local times (the Location's `time_zone`, which a tariff does not
   * carry). By default the market's zone when it has one, else UTC (with a warning).
   */
  readonly timeZone?: string;
}

const SOURCE = "OCPI price_components vat";

/** The market an OCPI tariff is read in, or an error at /country_code. */
function marketOf(t: OcpiTariff, notes: Notes, override?: string): string | undefined {
  const code = (override ?? t.country_code)?.toUpperCase();
  if (!code) {
    notes.error("/country_code", "is missing, so the market is unknown: pass a market");
    return undefined;
  }
  const { problem } = resolveMarket(code, true);
  if (problem) {
    notes.error(override ? "" : "/country_code", `${code} ${problem}`);
    return undefined;
  }
  return code;
}

/** The zone an OCPI tariff's local times are read in. */
function zoneOf(market: string, notes: Notes, override?: string): string | undefined {
  if (override !== undefined) {
    if (!isTimeZone(override)) {
      notes.error("", `the time zone ${override} is not an IANA time zone`);
      return undefined;
    }
    return override;
  }
  const listed = findMarket(market);
  if (listed?.timeZones.length === 1) return listed.timeZones[0];
  if (listed && listed.timeZones.length > 1) {
    notes.error("", `market ${market} spans several zones (${listed.timeZones.join(", ")}): pass the Location's time_zone`);
    return undefined;
  }
  notes.warn("", "an OCPI tariff carries no time zone (its Location does): local times are read in UTC; pass the Location's time_zone");
  return "UTC";
}

/** VAT percentage per v1 dimension, from the session elements' components (the first one states it). */
function vatPercents(t: OcpiTariff, notes: Notes): Partial<Record<Dimension, Dec>> {
  const first = new Map<Dimension, { vat: Dec | undefined; at: string }>();
  const out: Partial<Record<Dimension, Dec>> = {};
  t.elements.forEach((e, i) => {
    if (e.restrictions?.reservation !== undefined) return;
    e.price_components.forEach((c, j) => {
      const d = V1_DIMENSION[c.type];
      const vat = c.vat !== undefined ? decOf(c.vat) : undefined;
      const at = `/elements/${i}/price_components/${j}/vat`;
      const seen = first.get(d);
      if (!seen) {
        first.set(d, { vat, at });
        if (vat !== undefined) out[d] = vat;
      } else if ((seen.vat === undefined) !== (vat === undefined) || (vat && seen.vat && !vat.eq(seen.vat))) {
        notes.warn(
          at,
          `v1 taxes every ${c.type} rate alike: ${seen.vat !== undefined ? `VAT ${plain(seen.vat)} %` : "no VAT"} (from ${seen.at}) is used, not ${vat !== undefined ? `${plain(vat)} %` : "none"}`,
        );
      }
    });
  });
  return out;
}

/** The v1 `name` from `tariff_alt_text` (language codes lowercased, texts at most 200 characters). */
function nameOf(t: OcpiTariff, notes: Notes): Record<string, string> | undefined {
  if (!t.tariff_alt_text?.length) return undefined;
  const name: Record<string, string> = {};
  t.tariff_alt_text.forEach((d, i) => {
    const lang = d.language.toLowerCase();
    if (lang in name) return notes.warn(`/tariff_alt_text/${i}`, `a second text in "${lang}"; the first is kept`);
    if (d.text.trim() === "") return notes.warn(`/tariff_alt_text/${i}/text`, "is empty; left out");
    if (d.text.length > 200) notes.warn(`/tariff_alt_text/${i}/text`, "is longer than the 200 characters of a v1 name; shortened");
    name[lang] = d.text.slice(0, 200);
  });
  return Object.keys(name).length ? name : undefined;
}

/** A v1 id from an OCPI id (CiString(36)): characters v1 does not allow become "-". */
function idOf(id: string, notes: Notes): string {
  const clean = id.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 36);
  if (clean !== id) notes.warn("/id", `"${id}" has characters a v1 id does not allow; written as "${clean}"`);
  return clean;
}

/**
 * Reads an OCPI 2.2.1 or 2.3.0 Tariff as a v1 tariff. What v1 cannot hold is reported as a warning
 * naming the JSON Pointer in the OCPI document; invalid input throws a `TariffError` whose issues
 * point into it.
 *
 * @example
 * const { value, warnings } = ocpiToTariff(JSON.parse(ocpiText), { timeZone: "Europe/Amsterdam" });
 */
export function ocpiToTariff(doc: unknown, options: OcpiImportOptions = {}): Converted<Tariff> & { readonly version: OcpiVersion } {
  const notes = new Notes();
  const parsed = readOcpiTariff(doc, notes, options.version);
  notes.check("OCPI tariff");
  const { tariff: t, version } = parsed!;
  const market = marketOf(t, notes, options.market);
  const timeZone = market ? zoneOf(market, notes, options.timeZone) : undefined;
  notes.check("OCPI tariff");

  const built = buildRates(t, notes, "convert", "session");
  t.elements.forEach((e, i) => {
    if (e.restrictions?.reservation !== undefined)
      notes.warn(`/elements/${i}/restrictions/reservation`, "v1 tariffs have no reservations: this element is left out (ocpi price prices reservation periods)");
  });
  if (t.type !== undefined) notes.warn("/type", `v1 tariffs apply to every session; the tariff type ${t.type} is not kept`);
  if (t.tariff_alt_url !== undefined) notes.warn("/tariff_alt_url", "v1 tariffs have no URL; not kept");
  if (t.energy_mix !== undefined) notes.warn("/energy_mix", "v1 tariffs have no energy mix; not kept");
  if (t.preauthorize_amount !== undefined && version === "2.3.0") notes.warn("/preauthorize_amount", "v1 tariffs have no preauthorization amount; not kept");

  // Taxes and the price basis.
  let pricesInclude: "tax" | "none" = "none";
  let taxes: Tariff["taxes"];
  const percents = vatPercents(t, notes);
  const anyVat = Object.keys(percents).length > 0;
  if (version === "2.3.0" && t.tax_included === "N/A") {
    if (anyVat) notes.warn("/tax_included", "is N/A (no taxes apply), so the components' vat values are ignored");
    taxes = [];
  } else {
    if (version === "2.3.0" && t.tax_included === "YES") pricesInclude = "tax";
    if (anyVat) taxes = taxesFromPercents(percents, "VAT", SOURCE);
    else if (version === "2.3.0" && t.tax_included === "NO" && findMarket(market!) && !findMarket(market!)!.requiresRegion) {
      notes.warn("/tax_included", `taxes are added but not stated: the taxes of market ${market} apply (its table)`);
      taxes = undefined;
    } else {
      if (version === "2.3.0" && t.tax_included !== undefined) notes.warn("/tax_included", "taxes are not stated in the tariff; the v1 tariff has none");
      taxes = [];
    }
  }
  const pricedDims = (["energy", "time", "idle", "flat"] as const).filter((d) => built.rates[d].length > 0);
  const singleRate = (() => {
    // No VAT on a component adds nothing to its price, like 0 %.
    const vals = pricedDims.map((d) => (taxes?.length ? percents[d] ?? new Dec(0) : new Dec(0)));
    return vals.length && vals.every((v) => v.eq(vals[0]!)) ? vals[0]! : undefined;
  })();

  const limit = (key: "min_price" | "max_price"): string | undefined => {
    const l = t[key] as (Partial<OcpiPrice221> & Partial<OcpiPriceLimit230>) | undefined;
    if (!l) return undefined;
    const excl = l.excl_vat ?? l.before_taxes;
    const incl = l.incl_vat ?? l.after_taxes;
    const exclKey = version === "2.2.1" ? "excl_vat" : "before_taxes";
    const inclKey = version === "2.2.1" ? "incl_vat" : "after_taxes";
    const basis = pricesInclude === "tax" ? incl : excl;
    const other = pricesInclude === "tax" ? excl : incl;
    if (basis === undefined) {
      notes.warn(`/${key}`, `has no ${inclKey}, the tariff's price basis: ${exclKey} is used`);
      return plain(roundTo(decOf(excl!), 6));
    }
    if (other !== undefined) {
      const factor = singleRate !== undefined ? ONE.plus(singleRate.div(100)) : undefined;
      const expected = factor ? (pricesInclude === "tax" ? decOf(basis).div(factor) : decOf(basis).times(factor)) : undefined;
      if (!expected || !roundTo(expected, 4).eq(roundTo(decOf(other), 4)))
        notes.warn(
          `/${key}/${pricesInclude === "tax" ? exclKey : inclKey}`,
          `v1 keeps one limit on the price basis and taxes it like the session's lines; ${plain(decOf(other))} is not kept${expected ? ` (v1 gives ${plain(roundTo(expected, 4))})` : ""}`,
        );
    }
    const d = decOf(basis);
    if (d.decimalPlaces() > 6) notes.warn(`/${key}`, "has more than 6 decimals; rounded");
    return plain(roundTo(d, 6));
  };
  const minPrice = limit("min_price");
  const maxPrice = limit("max_price");

  const name = nameOf(t, notes);
  const v1: Record<string, unknown> = {
    version: 1,
    id: idOf(t.id, notes),
    ...(name ? { name } : {}),
    market,
    currency: t.currency,
    timeZone,
    pricesInclude,
    ...(t.start_date_time ? { validFrom: formatInstant(parseInstant(utcInstant(t.start_date_time))) } : {}),
    ...(t.end_date_time ? { validTo: formatInstant(parseInstant(utcInstant(t.end_date_time))) } : {}),
    energy: built.rates.energy,
    time: built.rates.time,
    idle: built.rates.idle,
    flat: built.rates.flat,
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    ...(taxes !== undefined ? { taxes } : {}),
  };
  if (minPrice !== undefined && maxPrice !== undefined && new Dec(minPrice).gt(maxPrice)) notes.error("/max_price", "is below min_price");
  const flatWithLaterConditions = built.rates.flat.some((r) => r.when?.energyKWh || r.when?.sessionMinutes || r.when?.powerKW);
  if (flatWithLaterConditions)
    notes.warn("/elements", "a FLAT component has kWh, duration or power restrictions: v1 checks a flat fee's conditions at the session start only");
  notes.check("OCPI tariff");
  const result = safeParseTariff(v1);
  if (!result.ok) throw new TariffError(result.issues.map((i) => ({ path: "", message: `the v1 tariff it makes is invalid at ${i.path}: ${i.message}` })), "OCPI tariff");
  return { value: result.value, warnings: notes.warnings, version };
}

// ---------------------------------------------------------------------------------------------
// v1 → OCPI

/** Options of `tariffToOcpi`. */
export interface OcpiExportOptions {
  readonly version?: OcpiVersion;
  /** CPO country (default: the market's country). */
  readonly countryCode?: string;
  /** CPO party id (default "XXX"). */
  readonly partyId?: string;
  /** `last_updated` (default: now). */
  readonly lastUpdated?: string;
  /** Local date on which market-table taxes are read (default: validFrom's date, else today). */
  readonly taxDate?: string;
}

/** OCPI restrictions of v1 conditions. */
function restrictionsOf(when: Conditions | undefined, at: string, notes: Notes, dimension: Dimension): OcpiRestrictions | undefined {
  if (!when) return undefined;
  const r: OcpiRestrictions = {};
  if (when.days) r.day_of_week = (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).filter((d) => when.days!.includes(d)).map((d) => OCPI_DAY_OF[d]);
  if (when.timeOfDay && !(when.timeOfDay.from === "00:00" && when.timeOfDay.to === "24:00")) {
    if (when.timeOfDay.from !== "00:00") r.start_time = when.timeOfDay.from;
    r.end_time = when.timeOfDay.to === "24:00" ? "00:00" : when.timeOfDay.to;
  }
  if (when.dates?.from) r.start_date = when.dates.from;
  if (when.dates?.to) r.end_date = when.dates.to;
  if (when.energyKWh?.min !== undefined) r.min_kwh = jsonNumber(new Dec(when.energyKWh.min));
  if (when.energyKWh?.max !== undefined) r.max_kwh = jsonNumber(new Dec(when.energyKWh.max));
  if (when.powerKW?.min !== undefined) r.min_power = jsonNumber(new Dec(when.powerKW.min));
  if (when.powerKW?.max !== undefined) r.max_power = jsonNumber(new Dec(when.powerKW.max));
  for (const [key, value] of [
    ["min_duration", when.sessionMinutes?.min],
    ["max_duration", when.sessionMinutes?.max],
  ] as const) {
    if (value === undefined) continue;
    const seconds = new Dec(value).times(60);
    if (!seconds.isInteger()) notes.warn(`${at}/when/sessionMinutes`, `${value} min is not a whole number of seconds; OCPI durations are whole seconds, rounded up`);
    r[key] = seconds.toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber();
  }
  if (when.idleMinutes)
    notes.warn(
      `${at}/when/idleMinutes`,
      dimension === "idle"
        ? "OCPI has no restriction on parking time so far (min/max_duration count from the session start): the grace period is dropped, so parking is priced from its first minute"
        : "OCPI has no restriction on parking time so far: dropped",
    );
  return Object.keys(r).length ? r : undefined;
}

/**
 * Writes a v1 tariff as an OCPI 2.2.1 or 2.3.0 Tariff: one element per v1 rate, in order, so that
 * OCPI's first matching element per dimension is v1's first matching rate. What OCPI cannot hold
 * is reported as a warning naming the JSON Pointer in the v1 tariff.
 *
 * @example
 * const { value } = tariffToOcpi(parseTariff(json), { version: "2.2.1", partyId: "ABC" });
 */
export function tariffToOcpi(tariff: Tariff, options: OcpiExportOptions = {}): Converted<OcpiTariff> {
  const notes = new Notes();
  const version = options.version ?? "2.2.1";
  const dimTaxes = taxesByDimension(tariff, notes, options.taxDate);
  const taxIncluded = tariff.pricesInclude ?? resolveMarket(tariff.market, tariff.taxes !== undefined).market?.pricesInclude ?? "none";
  const noTaxes = (["energy", "time", "idle", "flat"] as const).every((d) => dimTaxes[d].vatPercent === undefined);
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    const rules = dimTaxes[d].rules;
    if (rules.length > 1 || rules.some((r) => (r.method ?? "added") !== "added"))
      if (tariff[d].length)
        notes.warn(
          tariff.taxes ? "/taxes" : "/market",
          `OCPI states one VAT percentage per component: the ${d} taxes (${rules.map((r) => `${r.name} ${plain(new Dec(r.rate!).times(100))} %${r.method && r.method !== "added" ? ` ${r.method}` : ""}`).join(", ")}) are written as one vat of ${plain(roundTo(dimTaxes[d].vatPercent!, 4))} %`,
        );
  }
  /** Price in the OCPI basis (excl. VAT in 2.2.1; the tariff's basis in 2.3.0). */
  const priceOf = (price: string, d: Dimension, at: string): number => {
    let p = new Dec(price);
    if (taxIncluded === "tax" && version === "2.2.1") {
      const vat = dimTaxes[d].vatPercent;
      if (vat && !vat.isZero()) {
        const excl = p.div(ONE.plus(vat.div(100)));
        if (excl.decimalPlaces() > 6) notes.warn(at, `OCPI 2.2.1 prices exclude VAT: ${price} including ${plain(vat)} % is written as ${plain(roundTo(excl, 6))}, rounded`);
        else notes.warn(at, `OCPI 2.2.1 prices exclude VAT: ${price} including ${plain(vat)} % is written as ${plain(excl)}; totals may round differently`);
        p = roundTo(excl, 6);
      }
    }
    if (p.decimalPlaces() > 4) notes.warn(at, `${plain(p)} has more than the 4 decimals OCPI numbers use by default`);
    return jsonNumber(p);
  };
  const vatOf = (d: Dimension): number | undefined => {
    if (version === "2.3.0" && noTaxes) return undefined;
    const v = dimTaxes[d].vatPercent;
    return v === undefined ? undefined : jsonNumber(roundTo(v, 6));
  };
  const elements: OcpiTariffElement[] = [];
  for (const d of ["energy", "time", "idle", "flat"] as const) {
    tariff[d].forEach((rate: Rate, i) => {
      const at = `/${d}/${i}`;
      let step_size = 0;
      if (rate.step !== undefined) {
        if (d === "energy") {
          const wh = new Dec(rate.step).times(1000);
          if (!wh.isInteger()) notes.warn(`${at}/step`, `${rate.step} kWh is not a whole number of Wh; OCPI steps are whole Wh, rounded up`);
          step_size = wh.toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber();
        } else step_size = Number(rate.step);
      }
      if (d === "time" && rate.step !== undefined && tariff.idle.length > 0)
        notes.warn(
          `${at}/step`,
          "OCPI does not round charging time to its step_size when the session also pays for parking (mod_cdrs, step_size); v1 rounds both",
        );
      const vat = vatOf(d);
      const restrictions = restrictionsOf(rate.when, at, notes, d);
      if (d === "flat" && rate.when && (rate.when.energyKWh || rate.when.sessionMinutes || rate.when.powerKW || rate.when.idleMinutes))
        notes.warn(`${at}/when`, "v1 checks a flat fee's conditions at the session start; OCPI applies a FLAT component once its element becomes active");
      elements.push({
        price_components: [{ type: OCPI_DIMENSION[d], price: priceOf(rate.price, d, `${at}/price`), ...(vat !== undefined ? { vat } : {}), step_size }],
        ...(restrictions ? { restrictions } : {}),
      });
    });
  }
  if (elements.length === 0) {
    // OCPI needs at least one element: a free-of-charge tariff is a FLAT 0 (mod_tariffs).
    notes.warn("", "a tariff without rates is written as OCPI's free-of-charge tariff: one FLAT component of price 0");
    elements.push({ price_components: [{ type: "FLAT", price: 0, step_size: 0 }] });
  }
  const single = (() => {
    const priced = (["energy", "time", "idle", "flat"] as const).filter((d) => tariff[d].length);
    const vals = priced.map((d) => dimTaxes[d].vatPercent ?? new Dec(0));
    return vals.length && vals.every((v) => v.eq(vals[0]!)) ? vals[0]! : undefined;
  })();
  const limitOf = (value: string | null | undefined, key: "minPrice" | "maxPrice"): OcpiPrice221 | OcpiPriceLimit230 | undefined => {
    if (value == null) return undefined;
    const v = new Dec(value);
    let excl: Dec | undefined = v;
    let incl: Dec | undefined;
    if (single) incl = taxIncluded === "tax" ? v : v.times(ONE.plus(single.div(100)));
    if (taxIncluded === "tax") excl = single ? v.div(ONE.plus(single.div(100))) : undefined;
    if (excl === undefined) {
      notes.warn(`/${key}`, "the taxes differ between components, so the limit excluding tax is not known: written as is");
      excl = v;
    } else if (excl.decimalPlaces() > 4) notes.warn(`/${key}`, `excluding tax it is ${plain(roundTo(excl, 6))}, rounded to 4 decimals`);
    const e = jsonNumber(roundTo(excl, 4));
    const inc = incl !== undefined ? jsonNumber(roundTo(incl, 4)) : undefined;
    return version === "2.2.1"
      ? { excl_vat: e, ...(inc !== undefined ? { incl_vat: inc } : {}) }
      : { before_taxes: e, ...(inc !== undefined ? { after_taxes: inc } : {}) };
  };
  const altText = Object.entries(tariff.name ?? {}).flatMap(([lang, text]) => {
    const language = lang.slice(0, 2);
    if (language !== lang) notes.warn(`/name/${lang}`, `OCPI languages are ISO 639-1 codes: written as "${language}"`);
    return [{ language, text }];
  });
  const minLimit = limitOf(tariff.minPrice, "minPrice");
  const maxLimit = limitOf(tariff.maxPrice, "maxPrice");
  const out: OcpiTariff = {
    country_code: (options.countryCode ?? tariff.market.slice(0, 2)).toUpperCase(),
    party_id: options.partyId ?? "XXX",
    id: tariff.id,
    currency: tariff.currency,
    ...(altText.length ? { tariff_alt_text: altText } : {}),
    ...(minLimit ? { min_price: minLimit } : {}),
    ...(maxLimit ? { max_price: maxLimit } : {}),
    elements,
    ...(version === "2.3.0" ? { tax_included: noTaxes && tariff.taxes !== undefined ? ("N/A" as const) : taxIncluded === "tax" ? ("YES" as const) : ("NO" as const) } : {}),
    ...(tariff.validFrom ? { start_date_time: formatInstant(parseInstant(tariff.validFrom)) } : {}),
    ...(tariff.validTo ? { end_date_time: formatInstant(parseInstant(tariff.validTo)) } : {}),
    last_updated: options.lastUpdated ?? formatInstant(Math.floor(Date.now() / 1000) * 1000),
  };
  const zones = findMarket(tariff.market)?.timeZones ?? [];
  const zoneName = tariff.timeZone ?? (zones.length === 1 ? zones[0] : undefined);
  const local = [...tariff.energy, ...tariff.time, ...tariff.idle, ...tariff.flat].some((r) => r.when?.days || r.when?.timeOfDay || r.when?.dates);
  if (local && !(zones.length === 1 && zoneName === zones[0]))
    notes.warn(
      tariff.timeZone ? "/timeZone" : "",
      `OCPI reads local times in the Location's time_zone, which a tariff does not carry${zoneName ? `: read it back with the time zone ${zoneName}` : ""}`,
    );
  // The result must read back as OCPI.
  const check = new Notes();
  readOcpiTariff(out, check, version);
  if (check.errors.length) throw new TariffError(check.errors.map((e) => ({ path: "", message: `internal: the OCPI tariff written is invalid at ${e.path}: ${e.message}` })), "tariff");
  return { value: out, warnings: notes.warnings };
}

