/**
 * compileTariff worked by hand: resolution errors for tariffs built without parseTariff, the
 * tariff's own taxes as market rules, sorted edges and thresholds, and a frozen result.
 */
import { describe, expect, it } from "vitest";
import { compileTariff, parseSession, parseTariff, priceSession, type Tariff } from "../../src/index.js";
import { compileChecked, compiledFor, isCompiled } from "../../src/compile/compile.js";
import { embeddedZones } from "../../src/time/embedded-zones.js";
import { clockText, compileConditions, localEdges } from "../../src/compile/conditions.js";
import { Dec } from "../../src/money/decimal.js";
import { thrown } from "../helpers/issues.js";

const baseTariff = () => parseTariff({ version: 1, id: "t", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] });

const issuesOf = (f: () => unknown) => thrown(f).issues;

describe("compileTariff", () => {
  it("checks a tariff object made by hand as parseTariff does, naming the field", () => {
    const base = baseTariff();
    // (Issue 16: it was compiled as it stood, and only what could not be resolved was refused.)
    expect(issuesOf(() => compileTariff({ ...base, market: "XX" } as Tariff))).toEqual([{ path: "/market", message: expect.stringMatching(/^is not a market the engine knows \(XX\)/) }]);
    expect(issuesOf(() => compileTariff({ ...base, currency: "XYZ" } as Tariff))).toEqual([{ path: "/currency", message: "is not an ISO 4217 currency (XYZ)" }]);
    expect(issuesOf(() => compileTariff({ ...base, market: "US-TX", currency: "USD" } as Tariff))).toEqual([
      { path: "/timeZone", message: "is required: market US-TX spans several zones (America/Chicago, America/Denver)" },
    ]);
    expect(compileTariff({ ...base, market: "US-TX", currency: "USD", timeZone: "America/Chicago" } as Tariff).zone.name).toBe("America/Chicago");
    expect(issuesOf(() => compileTariff({ ...base, timeZone: "Europe/Atlantis" } as Tariff))).toEqual([{ path: "/timeZone", message: "is not an IANA time zone (Europe/Atlantis)" }]);
  });

  it("turns a tariff's own taxes into market rules, with the tariff as their source", () => {
    const base = baseTariff();
    const t = parseTariff({
      ...base,
      taxes: [
        { name: "VAT", rate: "0.24", appliesTo: ["energy", "flat"] },
        { name: "Levy", perKWh: "0.01", appliesTo: ["energy"], source: "Gazette 12" },
        { name: "Inside", rate: "0.05", method: "inside", appliesTo: ["idle"] },
      ],
    });
    expect(compileTariff(t).market.taxes).toStrictEqual([
      { name: "VAT", rate: "0.24", appliesTo: ["energy", "flat"], validFrom: "0000-01-01", validTo: null, source: "tariff t /taxes/0 (no source given)", confidence: "tariff" },
      { name: "Levy", perKWh: "0.01", appliesTo: ["energy"], validFrom: "0000-01-01", validTo: null, source: "tariff t /taxes/1: Gazette 12", confidence: "tariff" },
      { name: "Inside", rate: "0.05", method: "inside", appliesTo: ["idle"], validFrom: "0000-01-01", validTo: null, source: "tariff t /taxes/2 (no source given)", confidence: "tariff" },
    ]);
    // Without taxes of its own, the market table's rules stay.
    expect(compileTariff(base).market.taxes.some((r) => r.source.startsWith("AADE"))).toBe(true);
  });

  it("sorts local edges and thresholds, each once", () => {
    const base = baseTariff();
    const ct = compileTariff(
      parseTariff({
        ...base,
        energy: [
          { price: "0.5", when: { timeOfDay: { from: "17:00", to: "21:00" }, energyKWh: { min: "20" } } },
          { price: "0.4", when: { timeOfDay: { from: "07:00", to: "17:00" }, energyKWh: { min: "5", max: "20" }, sessionMinutes: { min: "90" } } },
          { price: "0.3", when: { idleMinutes: { min: "10" }, sessionMinutes: { max: "30.5" } } },
        ],
      }),
    );
    expect(ct.localEdges).toEqual([0, 7, 17, 21].map((h) => h * 3_600_000));
    expect(ct.energyThresholds.map(String)).toEqual(["5", "20"]);
    expect(ct.sessionMinuteThresholds.map(String)).toEqual(["30.5", "90"]);
    expect(ct.idleMinuteThresholds.map(String)).toEqual(["10"]);
  });

  it("is frozen, its rate lists and rates too", () => {
    const base = baseTariff();
    const ct = compileTariff(base);
    expect(Object.isFrozen(ct)).toBe(true);
    expect(Object.isFrozen(ct.rates)).toBe(true);
    expect(Object.isFrozen(ct.rates.energy)).toBe(true);
    expect(Object.isFrozen(ct.rates.energy[0])).toBe(true);
    expect(Object.isFrozen(ct.localEdges)).toBe(true);
  });
});

describe("compiled conditions", () => {
  // Compiled inside each test, not when the file loads, so that mutation testing sees which tests run it.
  const compiled = () => compileConditions({
    days: ["sat", "sun"],
    timeOfDay: { from: "22:00", to: "06:00" },
    dates: { from: "2026-01-01", to: "2026-02-01" },
    energyKWh: { min: "10", max: "20" },
    powerKW: { min: "50" },
    sessionMinutes: { max: "30" },
    idleMinutes: { min: "5", max: "60" },
  });
  const context = () => ({
    date: "2026-01-31",
    weekday: 6,
    msOfDay: (23 * 3600 + 5 * 60 + 7) * 1000,
    energyKWh: new Dec("12.345678"),
    powerKW: new Dec("50"),
    sessionMinutes: new Dec("29.99999"),
    idleMinutes: new Dec("0"),
  });

  it("describe themselves and what they saw, for explain", () => {
    const checks = compiled();
    const ctx = context();
    expect(checks.map((c) => [c.name, c.describe, c.observed(ctx)])).toEqual([
      ["days", "days sat, sun", "local day was sat"],
      ["timeOfDay", "timeOfDay 22:00–06:00 (across midnight)", "local time was 23:05:07"],
      ["dates", "dates 2026-01-01 to 2026-02-01 (to exclusive)", "local date was 2026-01-31"],
      ["energyKWh", "energyKWh >= 10 and < 20", "energyKWh was 12.3457 kWh"],
      ["powerKW", "powerKW >= 50", "powerKW was 50 kW"],
      ["sessionMinutes", "sessionMinutes < 30", "sessionMinutes was 30 min"],
      ["idleMinutes", "idleMinutes >= 5 and < 60", "idleMinutes was 0 min"],
    ]);
    expect(checks.map((c) => c.holds(ctx))).toEqual([true, true, true, true, true, true, false]);
    expect(compileConditions({ timeOfDay: { from: "08:00", to: "08:30" } })[0]!.describe).toBe("timeOfDay 08:00–08:30");
    expect(compileConditions({ dates: { from: "2026-01-01" } })[0]!.describe).toBe("dates 2026-01-01 to … (to exclusive)");
    expect(compileConditions({ dates: { to: "2026-01-01" } })[0]!.describe).toBe("dates … to 2026-01-01 (to exclusive)");
    expect(compileConditions(undefined)).toEqual([]);
  });

  it("dates include from and exclude to; either end may be open", () => {
    const ctx = context();
    const [dates] = compileConditions({ dates: { from: "2026-01-01", to: "2026-02-01" } });
    const on = (date: string) => dates!.holds({ ...ctx, date });
    expect([on("2025-12-31"), on("2026-01-01"), on("2026-01-31"), on("2026-02-01")]).toEqual([false, true, true, false]);
    expect(compileConditions({ dates: { from: "2026-01-01" } })[0]!.holds({ ...ctx, date: "2099-01-01" })).toBe(true);
    expect(compileConditions({ dates: { to: "2026-01-01" } })[0]!.holds({ ...ctx, date: "1999-01-01" })).toBe(true);
    expect(compileConditions({ dates: { to: "2026-01-01" } })[0]!.holds({ ...ctx, date: "2026-01-01" })).toBe(false);
  });

  it("time of day: from included, to excluded, on both sides of midnight", () => {
    const ctx = context();
    const at = (when: { from: string; to: string }, h: number, m: number) => compileConditions({ timeOfDay: when })[0]!.holds({ ...ctx, msOfDay: (h * 60 + m) * 60_000 });
    const day = { from: "08:00", to: "08:30" };
    expect([at(day, 7, 59), at(day, 8, 0), at(day, 8, 29), at(day, 8, 30)]).toEqual([false, true, true, false]);
    const night = { from: "22:00", to: "06:00" };
    expect([at(night, 21, 59), at(night, 22, 0), at(night, 0, 0), at(night, 5, 59), at(night, 6, 0)]).toEqual([false, true, true, true, false]);
  });

  it("clock text and local edges", () => {
    expect(clockText((23 * 3600 + 5 * 60) * 1000)).toBe("23:05");
    expect(clockText((9 * 3600 + 7) * 1000 + 999)).toBe("09:00:07");
    expect(localEdges(undefined)).toEqual([]);
    expect(localEdges({ energyKWh: { min: "1" } })).toEqual([]);
    expect(localEdges({ days: ["mon"] })).toEqual([0]);
    expect(localEdges({ dates: { from: "2026-01-01" } })).toEqual([0]);
    expect(localEdges({ timeOfDay: { from: "07:30", to: "24:00" } })).toEqual([0, 27_000_000, 0]);
  });
});

describe("a parsed tariff remembers its compiled form", () => {
  const doc = { version: 1, id: "memo", market: "FR", currency: "EUR", energy: [{ price: "0.45" }] };
  const session = () => parseSession({ start: "2026-05-04T06:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22.5" });

  it("compiles once: priceSession(parseTariff(t), s) in a loop reuses the first compilation", () => {
    const s = session();
    const parsed = parseTariff(doc);
    const first = compiledFor(parsed);
    expect(compiledFor(parsed)).toBe(first);
    expect(priceSession(parsed, s)).toEqual(priceSession(first, s));
    // One compiled form per zone provider: the embedded zones get their own.
    expect(compiledFor(parsed, embeddedZones)).not.toBe(first);
    expect(compiledFor(parsed, embeddedZones)).toBe(compiledFor(parsed, embeddedZones));
  });

  it("is not carried by a copy (a changed copy is compiled afresh) nor shown by JSON", () => {
    const s = session();
    const parsed = parseTariff(doc);
    const copy = { ...parsed, energy: [{ price: "0.5" }] };
    expect(compiledFor(copy)).not.toBe(compiledFor(copy));
    expect(priceSession(copy, s).lines[0]!.unitPrice).toBe("0.5");
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(copy).replace('"0.5"', '"0.45"'));
  });
});

describe("compileChecked (tariffs the library built itself) and isCompiled", () => {
  // A tariff in parseTariff's normal form, changed by hand: compileChecked does not check it again.
  const own = baseTariff;
  const refusal = (t: object) => {
    const e = thrown(() => compileChecked({ ...own(), ...t } as Tariff));
    return [e.message, e.issues];
  };

  it("names the member it cannot resolve, in the order market, currency, time zone", () => {
    expect(refusal({ market: "XX" })).toEqual(["invalid tariff: /market: cannot be resolved", [{ path: "/market", message: "cannot be resolved" }]]);
    expect(refusal({ market: "XX", currency: "XXX" })).toEqual(["invalid tariff: /market: cannot be resolved", [{ path: "/market", message: "cannot be resolved" }]]);
    expect(refusal({ currency: "XXX" })).toEqual(["invalid tariff: /currency: cannot be resolved", [{ path: "/currency", message: "cannot be resolved" }]]);
    // Texas has two zones: a tariff must name one.
    expect(refusal({ market: "US-TX", currency: "USD" })).toEqual(["invalid tariff: /timeZone: cannot be resolved", [{ path: "/timeZone", message: "cannot be resolved" }]]);
    expect(refusal({ timeZone: "Mars/Base" })).toEqual(["invalid tariff: /timeZone: is not an IANA time zone (Mars/Base)", [{ path: "/timeZone", message: "is not an IANA time zone (Mars/Base)" }]]);
  });

  it("compiles a valid tariff it is given without parsing it", () => {
    const tariff = own();
    expect(compileChecked(tariff).rates.energy).toHaveLength(1);
    expect(compileChecked({ ...tariff, market: "US-TX", currency: "USD", timeZone: "America/Denver" } as Tariff).zone.name).toBe("America/Denver");
  });

  it("compileTariff of something that is not an object is a TariffError, not a TypeError", () => {
    expect(thrown(() => compileTariff(undefined as unknown as Tariff)).issues).toEqual([{ path: "", message: "must be a JSON object" }]);
  });

  it("isCompiled tells a compiled tariff by its rates and zone together", () => {
    const base = baseTariff();
    const ct = compileTariff(base);
    expect([isCompiled(ct), isCompiled(base)]).toEqual([true, false]);
    expect(isCompiled({ ...base, rates: ct.rates } as unknown as Tariff)).toBe(false);
    expect(isCompiled({ ...base, zone: ct.zone } as unknown as Tariff)).toBe(false);
  });
});
