/**
 * lintTariff (src/lint): each rule with a tariff that triggers it and one that does not, the exact
 * findings (pointer, severity, rule, source, message) where the wording matters.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findMarket, LINT_RULES, lintTariff, parseTariff, type LintFinding } from "../../src/index.js";
import { AFIR, HB44 } from "../../src/lint/rules.js";

/** A GR tariff at 0.40/kWh with `extra` members; valid through 2026 (Athens time). */
const gr = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  id: "lint-test",
  market: "GR",
  currency: "EUR",
  validFrom: "2026-01-01T00:00:00+02:00",
  validTo: "2027-01-01T00:00:00+02:00",
  energy: [{ price: "0.40" }],
  ...extra,
});
/** A Mexican tariff: no transparency rule is checked there, so only structural rules speak. */
const mx = (extra: Record<string, unknown> = {}) => ({ version: 1, id: "lint-mx", market: "MX", currency: "MXN", timeZone: "America/Mexico_City", energy: [{ price: "8.00" }], ...extra });

/** The findings, without the market's transparency-not-checked (every MX tariff has it; tested below). */
const found = (doc: unknown) => lintTariff(doc).findings.filter((f) => f.rule !== "transparency-not-checked");
/** "rule pointer" of each finding of `rule`. */
const of = (doc: unknown, rule: string) => found(doc).filter((f) => f.rule === rule).map((f) => f.pointer);

describe("invalid: a document validate refuses", () => {
  it("gives each validation issue as an error, as validate words it", () => {
    const r = lintTariff({ ...gr(), minPrice: "5", maxPrice: "2", energy: [{ price: "-1" }] });
    expect(r.valid).toBe(false);
    expect(r.errors).toBe(r.findings.length);
    expect(r.findings.map((f) => [f.pointer, f.rule, f.source])).toEqual([
      ["/energy/0/price", "invalid", "ev-tariff"],
      ["/maxPrice", "invalid", "ev-tariff"],
    ]);
    expect(r.findings[1]!.message).toBe("must not be below minPrice");
    expect(lintTariff(gr()).valid).toBe(true);
  });
  it("reads a parsed tariff as well as a document", () => {
    expect(lintTariff(parseTariff(gr({ idle: [{ price: "6" }] })))).toEqual(lintTariff(gr({ idle: [{ price: "6" }] })));
  });
  it("names the id only when the document has a string one", () => {
    expect(lintTariff(gr()).id).toBe("lint-test");
    expect(lintTariff([]).id).toBeNull();
    expect(lintTariff({ id: 5 }).id).toBeNull();
  });
});

describe("rate-shadowed: earlier rates apply whenever a rate's conditions hold", () => {
  it("one earlier rate without conditions shadows every later one", () => {
    expect(found(mx({ energy: [{ price: "8" }, { price: "6", when: { days: ["sat", "sun"] } }] }))).toEqual([
      { pointer: "/energy/1", severity: "warning", rule: "rate-shadowed", source: "ev-tariff", message: "never applies: /energy/0 comes first and applies whenever /energy/1's conditions hold" },
    ]);
  });
  it("a wider window shadows a narrower one; a narrower one does not shadow a wider one", () => {
    const wide = { price: "6", when: { days: ["mon", "tue", "wed", "thu", "fri"] } };
    const narrow = { price: "7", when: { days: ["mon"], timeOfDay: { from: "08:00", to: "18:00" }, energyKWh: { min: "5" } } };
    expect(of(mx({ energy: [wide, narrow, { price: "8" }] }), "rate-shadowed")).toEqual(["/energy/1"]);
    expect(of(mx({ energy: [narrow, wide, { price: "8" }] }), "rate-shadowed")).toEqual([]);
  });
  it("night and day windows together cover the general rate after them", () => {
    const doc = mx({
      energy: [
        { price: "5", when: { timeOfDay: { from: "22:00", to: "07:00" } } },
        { price: "9", when: { timeOfDay: { from: "07:00", to: "22:00" } } },
        { price: "8" },
      ],
    });
    expect(found(doc).filter((f) => f.rule === "rate-shadowed")).toEqual([
      expect.objectContaining({ pointer: "/energy/2", message: "never applies: /energy/0 and /energy/1 come first and together apply whenever /energy/2's conditions hold" }),
    ]);
    // A minute uncovered (07:00–07:01) and the general rate applies then.
    const gap = mx({ energy: [doc.energy[0], { price: "9", when: { timeOfDay: { from: "07:01", to: "22:00" } } }, { price: "8" }] });
    expect(of(gap, "rate-shadowed")).toEqual([]);
  });
  it("ranges: min 10 covers min 20, not the other way round; max is exclusive", () => {
    const at = (a: object, b: object) => of(mx({ energy: [{ price: "6", when: a }, { price: "7", when: b }] }), "rate-shadowed");
    expect(at({ energyKWh: { min: "10" } }, { energyKWh: { min: "20" } })).toEqual(["/energy/1"]);
    expect(at({ energyKWh: { min: "20" } }, { energyKWh: { min: "10" } })).toEqual([]);
    expect(at({ powerKW: { max: "50" } }, { powerKW: { min: "10", max: "50" } })).toEqual(["/energy/1"]);
    expect(at({ powerKW: { max: "50" } }, { powerKW: { min: "10", max: "50.000001" } })).toEqual([]);
    expect(at({ sessionMinutes: { min: "0" } }, { sessionMinutes: { min: "30" } })).toEqual(["/energy/1"]);
  });
  it("dates: a wider range covers a narrower one", () => {
    const at = (a: object, b: object) => of(mx({ energy: [{ price: "6", when: { dates: a } }, { price: "7", when: { dates: b } }] }), "rate-shadowed");
    expect(at({ from: "2026-06-01" }, { from: "2026-07-01", to: "2026-08-01" })).toEqual(["/energy/1"]);
    expect(at({ from: "2026-07-02" }, { from: "2026-07-01", to: "2026-08-01" })).toEqual([]);
  });
  it("a rate limited to fewer than 7 dates is read with the weekdays of those dates", () => {
    // 2026-03-07 and 2026-03-08 are a Saturday and a Sunday: a weekend rate covers them.
    const weekend = { price: "6", when: { days: ["sat", "sun"] } };
    expect(of(mx({ energy: [weekend, { price: "7", when: { dates: { from: "2026-03-07", to: "2026-03-09" } } }] }), "rate-shadowed")).toEqual(["/energy/1"]);
    expect(of(mx({ energy: [weekend, { price: "7", when: { dates: { from: "2026-03-07", to: "2026-03-10" } } }] }), "rate-shadowed")).toEqual([]);
  });
  it("idleMinutes is 0 while charging: an earlier rate for idleMinutes under 5 holds for every energy slice", () => {
    const doc = mx({ energy: [{ price: "6", when: { idleMinutes: { max: "5" } } }, { price: "7" }] });
    expect(of(doc, "rate-shadowed")).toEqual(["/energy/1"]);
    // …but not for the idle fee, where idle minutes run.
    expect(of(mx({ idle: [{ price: "0", when: { idleMinutes: { max: "5" } } }, { price: "7" }] }), "rate-shadowed")).toEqual([]);
  });
  it("the session fee is decided at the start: energyKWh 0", () => {
    const flat = [{ price: "1", when: { energyKWh: { max: "1" } } }, { price: "2" }];
    expect(of(mx({ flat }), "rate-shadowed")).toEqual(["/flat/1"]);
    expect(of(mx({ energy: flat }), "rate-shadowed")).toEqual([]);
  });
});

describe("condition-never-holds and empty-window", () => {
  it("idleMinutes above 0 while charging, powerKW above 0 while idle, energy at the start, a max of 0", () => {
    expect(found(mx({ energy: [{ price: "6", when: { idleMinutes: { min: "5" } } }, { price: "8" }] }))).toEqual([
      {
        pointer: "/energy/0/when/idleMinutes",
        severity: "warning",
        rule: "condition-never-holds",
        source: "ev-tariff",
        message: "never holds (min 5: while charging idleMinutes is 0), so /energy/0 never applies",
      },
    ]);
    expect(of(mx({ idle: [{ price: "6", when: { powerKW: { min: "1" } } }] }), "condition-never-holds")).toEqual(["/idle/0/when/powerKW"]);
    expect(of(mx({ flat: [{ price: "1", when: { sessionMinutes: { min: "1" } } }] }), "condition-never-holds")).toEqual(["/flat/0/when/sessionMinutes"]);
    expect(of(mx({ energy: [{ price: "6", when: { powerKW: { max: "0" } } }, { price: "8" }] }), "condition-never-holds")).toEqual(["/energy/0/when/powerKW"]);
  });
  it("the same conditions where they can hold", () => {
    expect(of(mx({ idle: [{ price: "6", when: { idleMinutes: { min: "5" } } }] }), "condition-never-holds")).toEqual([]);
    expect(of(mx({ energy: [{ price: "6", when: { powerKW: { min: "1" } } }, { price: "8" }] }), "condition-never-holds")).toEqual([]);
    expect(of(mx({ flat: [{ price: "1", when: { sessionMinutes: { min: "0" } } }] }), "condition-never-holds")).toEqual([]);
  });
  it("days none of which fall within the dates", () => {
    // 2026-03-02 is a Monday.
    const only = (days: string[]) => mx({ energy: [{ price: "6", when: { days, dates: { from: "2026-03-02", to: "2026-03-04" } } }, { price: "8" }] });
    expect(found(only(["sat", "sun"]))).toEqual([
      {
        pointer: "/energy/0/when",
        severity: "warning",
        rule: "empty-window",
        source: "ev-tariff",
        message: "days sat, sun never fall within dates 2026-03-02 to 2026-03-04 (to exclusive: mon, tue), so /energy/0 never applies",
      },
    ]);
    expect(found(only(["tue", "sun"]))).toEqual([]);
  });
});

describe("rate-outside-validity", () => {
  it("dates ending before validFrom (local date) never apply", () => {
    const before = (to: string) => gr({ energy: [{ price: "0.3", when: { dates: { to } } }, { price: "0.4" }] });
    expect(found(before("2026-01-01"))).toEqual([
      expect.objectContaining({
        pointer: "/energy/0/when/dates/to",
        severity: "warning",
        rule: "rate-outside-validity",
        message:
          "/energy/0 is dated before 2026-01-01 (exclusive), but the tariff is valid from 2026-01-01T00:00:00+02:00 (local date 2026-01-01): it never applies (a session outside validFrom–validTo is refused unless priced with ignoreValidity)",
      }),
    ]);
    expect(of(before("2026-01-02"), "rate-outside-validity")).toEqual([]);
  });
  it("dates after validTo: never beyond the longest session, else only for sessions still running", () => {
    const after = (from: string, dim = "energy") => gr({ energy: [{ price: "0.4" }], [dim]: [{ price: "0.3", when: { dates: { from } } }, { price: "0.4" }] });
    const still = found(after("2027-01-05"));
    expect(still.map((f) => [f.pointer, f.message])).toEqual([
      [
        "/energy/0/when/dates/from",
        "/energy/0 is dated from 2027-01-05, after validTo 2027-01-01T00:00:00+02:00 (last local date 2026-12-31): it applies only to sessions started before validTo and still running then (a session outside validFrom–validTo is refused unless priced with ignoreValidity)",
      ],
    ]);
    // 31 days after the last instant before validTo (2026-12-31T23:59:59.999 Athens) is 2027-01-31.
    expect(found(after("2027-02-01")).map((f) => f.message)).toEqual([
      "/energy/0 is dated from 2027-02-01, after validTo 2027-01-01T00:00:00+02:00 and after the end of the longest session (31 days) started before it: it never applies (a session outside validFrom–validTo is refused unless priced with ignoreValidity)",
    ]);
    expect(of(after("2027-01-31"), "rate-outside-validity")).toEqual(["/energy/0/when/dates/from"]);
    expect(lintTariff(after("2027-01-31")).findings[0]!.message).toContain("still running");
    expect(lintTariff(after("2027-02-01"), { maxSessionDays: 60 }).findings[0]!.message).toContain("still running");
    // A session fee is decided at the start, which is before validTo.
    expect(found(after("2027-01-01", "flat")).filter((f) => f.rule === "rate-outside-validity").map((f) => f.message)).toEqual([
      "/flat/0 is dated from 2027-01-01, but sessions start before validTo 2027-01-01T00:00:00+02:00 (last local date 2026-12-31) and the session fee is decided at the start: it never applies (a session outside validFrom–validTo is refused unless priced with ignoreValidity)",
    ]);
    expect(of(after("2026-12-31", "flat"), "rate-outside-validity")).toEqual([]);
    expect(of(after("2026-12-31"), "rate-outside-validity")).toEqual([]);
  });
});

describe("tou-gap: hours of the week a time-of-use table leaves free", () => {
  it("names the free hours, days with the same hours together", () => {
    const doc = mx({
      energy: [
        { price: "5", when: { timeOfDay: { from: "22:00", to: "07:00" } } },
        { price: "9", when: { days: ["mon", "tue", "wed", "thu", "fri"], timeOfDay: { from: "07:00", to: "21:00" } } },
      ],
    });
    expect(found(doc)).toEqual([
      {
        pointer: "/energy",
        severity: "warning",
        rule: "tou-gap",
        source: "ev-tariff",
        message:
          "time-of-use table with a gap: no rate of energy can apply on mon, tue, wed, thu, fri 21:00–22:00; sat, sun 07:00–22:00 (local time), so energy is free then",
      },
    ]);
  });
  it("no gap when the windows meet or a rate without time conditions follows", () => {
    const night = { price: "5", when: { timeOfDay: { from: "22:00", to: "07:00" } } };
    expect(of(mx({ energy: [night, { price: "9", when: { timeOfDay: { from: "07:00", to: "22:00" } } }] }), "tou-gap")).toEqual([]);
    expect(of(mx({ energy: [night, { price: "9", when: { days: ["sat"] } }, { price: "8" }] }), "tou-gap")).toEqual([]);
    // One window alone is a choice (an idle fee by day only), not a table with a gap.
    expect(of(mx({ idle: [{ price: "6", when: { timeOfDay: { from: "08:00", to: "20:00" }, idleMinutes: { min: "10" } } }] }), "tou-gap")).toEqual([]);
  });
  it("a rate that never applies does not fill a gap", () => {
    const doc = mx({
      energy: [
        { price: "5", when: { timeOfDay: { from: "22:00", to: "07:00" } } },
        { price: "9", when: { timeOfDay: { from: "07:00", to: "22:00" } } },
        { price: "9", when: { timeOfDay: { from: "00:00", to: "24:00" }, idleMinutes: { min: "1" } } },
      ],
    });
    expect(of(doc, "tou-gap")).toEqual([]);
    const gap = mx({ energy: [doc.energy[0], { ...doc.energy[2] }] });
    expect(found(gap).map((f) => f.rule)).toEqual(["condition-never-holds", "tou-gap"]);
  });
});

describe("idle-no-grace", () => {
  it("an idle fee from the first minute", () => {
    expect(found(mx({ idle: [{ price: "12" }] }))).toEqual([
      {
        pointer: "/idle/0",
        severity: "warning",
        rule: "idle-no-grace",
        source: "ev-tariff",
        message: 'charges 12 per hour from the first minute after charging ends: no grace period (give it when.idleMinutes.min, e.g. { "min": "15" })',
      },
    ]);
    // A grace period for daytime only leaves the night without one.
    const byDay = mx({ idle: [{ price: "0", when: { idleMinutes: { max: "15" }, timeOfDay: { from: "08:00", to: "20:00" } } }, { price: "12" }] });
    expect(of(byDay, "idle-no-grace")).toEqual(["/idle/1"]);
  });
  it("a grace period by idleMinutes.min, or by an earlier free rate", () => {
    expect(of(mx({ idle: [{ price: "12", when: { idleMinutes: { min: "15" } } }] }), "idle-no-grace")).toEqual([]);
    expect(of(mx({ idle: [{ price: "0", when: { idleMinutes: { max: "15" } } }, { price: "12" }] }), "idle-no-grace")).toEqual([]);
    expect(of(mx({ idle: [{ price: "0" }] }), "idle-no-grace")).toEqual([]);
  });
});

describe("max-below-min", () => {
  it("a maximum below the session fee every session pays", () => {
    expect(found(mx({ flat: [{ price: "30" }], maxPrice: "20" }))).toEqual([
      {
        pointer: "/maxPrice",
        severity: "error",
        rule: "max-below-min",
        source: "ev-tariff",
        message: "20 is below the session fee every session pays (at least 30, /flat/0): every session costs 20",
      },
    ]);
    // Fees that together cover every session: the least of them.
    const split = mx({ flat: [{ price: "25", when: { days: ["sat", "sun"] } }, { price: "30", when: { days: ["mon", "tue", "wed", "thu", "fri"] } }], maxPrice: "20" });
    expect(found(split).filter((f) => f.rule === "max-below-min").map((f) => f.message)).toEqual([
      "20 is below the session fee every session pays (at least 25, /flat/0): every session costs 20",
    ]);
    expect(lintTariff(split).errors).toBe(1);
  });
  it("not when some session pays no fee or the fee is within the maximum", () => {
    expect(of(mx({ flat: [{ price: "30", when: { days: ["sat"] } }], maxPrice: "20" }), "max-below-min")).toEqual([]);
    expect(of(mx({ flat: [{ price: "20" }], maxPrice: "20" }), "max-below-min")).toEqual([]);
  });
});

describe("start-fee-high (info)", () => {
  it("a session fee above 20 kWh at the dearest energy price", () => {
    expect(found(mx({ energy: [{ price: "6" }], flat: [{ price: "120.01" }] }))).toEqual([
      {
        pointer: "/flat/0/price",
        severity: "info",
        rule: "start-fee-high",
        source: "ev-tariff",
        message: "session fee 120.01 is more than a typical session's energy cost: 20 kWh at the dearest energy price 6 (/energy/0) is 120 (typical: 20 kWh, option typicalSessionKWh)",
      },
    ]);
    expect(of(mx({ energy: [{ price: "6" }], flat: [{ price: "120" }] }), "start-fee-high")).toEqual([]);
    expect(of(mx({ energy: [{ price: "6" }], flat: [{ price: "100" }] }), "start-fee-high")).toEqual([]);
    expect(lintTariff(mx({ energy: [{ price: "6" }], flat: [{ price: "100" }] }), { typicalSessionKWh: "10" }).findings.map((f) => f.rule)).toEqual(["start-fee-high", "transparency-not-checked"]);
  });
  it("says nothing without an energy price to compare with", () => {
    expect(of(mx({ energy: [], time: [{ price: "60" }], flat: [{ price: "500" }] }), "start-fee-high")).toEqual([]);
  });
});

describe("EU: AFIR art. 5(4)", () => {
  it("afir-price-per-kwh: no price per kWh is reported as what the file cannot decide", () => {
    const f = found(gr({ energy: [], time: [{ price: "6.00" }] }));
    expect(f.filter((x) => x.rule === "afir-price-per-kwh")).toEqual([
      {
        pointer: "/energy",
        severity: "info",
        rule: "afir-price-per-kwh",
        source: AFIR,
        message:
          "has no price per kWh. AFIR art. 5(4): the ad hoc price at a publicly accessible recharging point with a power output of 50 kW or more is based on the price per kWh. The tariff file does not say the station's power output, nor whether this is its ad hoc price; if both hold, the tariff needs an energy rate",
      },
    ]);
    expect(of(gr(), "afir-price-per-kwh")).toEqual([]);
    // A free energy rate is no price per kWh.
    expect(of(gr({ energy: [{ price: "0" }], time: [{ price: "6" }] }), "afir-price-per-kwh")).toEqual(["/energy"]);
  });
  it("afir-price-per-minute: a price per hour with no exact price per minute", () => {
    expect(found(gr({ time: [{ price: "1.00" }] })).filter((x) => x.rule === "afir-price-per-minute")).toEqual([
      {
        pointer: "/time/0/price",
        severity: "warning",
        rule: "afir-price-per-minute",
        source: AFIR,
        message:
          "1.00 per hour is 0.016666… per minute: no exact price per minute in 4 decimals, and AFIR art. 5(4) lists the ad hoc price per minute; a price per hour divisible by 60 (e.g. 0.6 or 1.2) can be shown as charged",
      },
    ]);
    expect(of(gr({ time: [{ price: "3.00" }], idle: [{ price: "0.30", when: { idleMinutes: { min: "10" } } }] }), "afir-price-per-minute")).toEqual([]);
    expect(of(gr({ idle: [{ price: "10", when: { idleMinutes: { min: "10" } } }] }), "afir-price-per-minute")).toEqual(["/idle/0/price"]);
  });
  it("afir-display-order: the order to show two or more components in", () => {
    const all = gr({ time: [{ price: "3" }], flat: [{ price: "1" }], idle: [{ price: "6", when: { idleMinutes: { min: "10" } } }], maxPrice: "90" });
    expect(found(all).filter((x) => x.rule === "afir-display-order")).toEqual([
      {
        pointer: "",
        severity: "info",
        rule: "afir-display-order",
        source: AFIR,
        message:
          "AFIR art. 5(4) lists the ad hoc price components to display in this order: price per kWh (/energy), then price per minute (/time), then price per session (/flat), then other components (/idle, /maxPrice). The tariff file cannot show how a station displays them; describeTariff prints them in this order",
      },
    ]);
    expect(found(gr())).toEqual([]);
  });
  it("applies to every EU member state, also one outside the market table", () => {
    const de = { version: 1, id: "de", market: "DE", currency: "EUR", timeZone: "Europe/Berlin", time: [{ price: "1" }], taxes: [] };
    expect(found(de).map((f) => f.rule)).toEqual(["afir-price-per-kwh", "afir-price-per-minute"]);
  });
});

describe("US: NIST Handbook 44 §3.40", () => {
  const us = (extra: Record<string, unknown> = {}) => ({ version: 1, id: "us", market: "US-IA", currency: "USD", energy: [{ price: "0.45" }], ...extra });
  it("nist-unit-price: no unit price per kWh", () => {
    expect(found(us({ energy: [], time: [{ price: "12" }] })).filter((f) => f.rule === "nist-unit-price")).toEqual([
      {
        pointer: "/energy",
        severity: "warning",
        rule: "nist-unit-price",
        source: HB44,
        message: "has no unit price per kWh, which NIST Handbook 44 §3.40 requires the EVSE to show for electricity sold (NIST Handbook 44, §3.40 Electric Vehicle Fueling Systems (user requirements on the unit price per kWh and on additional fees))",
      },
    ]);
    expect(found(us())).toEqual([]);
  });
  it("nist-additional-fees: fees besides the unit price, to be disclosed", () => {
    const f = found(us({ flat: [{ price: "1" }], idle: [{ price: "0.30", when: { idleMinutes: { min: "10" } } }], minPrice: "2" }));
    expect(f).toEqual([
      {
        pointer: "",
        severity: "info",
        rule: "nist-additional-fees",
        source: HB44,
        message:
          "fees besides the unit price per kWh, to be disclosed to the customer under NIST Handbook 44 §3.40: /idle/0 (per hour idle), /flat/0 (per session), /minPrice 2. The tariff file cannot show how the station discloses them, nor whether the state or territory (US-IA) has adopted §3.40",
      },
    ]);
    const pr = { version: 1, id: "pr", market: "PR", currency: "USD", energy: [], time: [{ price: "6" }] };
    expect(found(pr).map((x) => x.rule)).toEqual(["nist-unit-price", "nist-additional-fees"]);
  });
});

describe("transparency-not-checked: Latin America and elsewhere", () => {
  it("says no rule is checked, for every market outside the EU and the US", () => {
    for (const market of ["MX", "CL", "BR-SP", "CO", "UY", "CR", "PA", "SV", "GT", "JM", "AW"]) {
      const m = findMarket(market)!;
      const doc = { version: 1, id: "x", market, currency: m.currencies[0], timeZone: m.timeZones[0], energy: [{ price: "1" }] };
      const f = lintTariff(doc).findings;
      expect(f.map((x) => [x.pointer, x.rule, x.severity]), market).toEqual([["/market", "transparency-not-checked", "info"]]);
      expect(f[0]!.message).toMatch(new RegExp(`^no price-transparency rule is checked for ${market} \\(`));
    }
    expect(of(gr(), "transparency-not-checked")).toEqual([]);
  });
});

describe("check-incomplete: an exact check given up at the work limit is said, not guessed", () => {
  const doc = mx({
    energy: [
      { price: "5", when: { timeOfDay: { from: "22:00", to: "07:00" } } },
      { price: "9", when: { timeOfDay: { from: "07:00", to: "22:00" } } },
      { price: "8" },
    ],
    idle: [{ price: "12" }],
  });
  it("with a tiny work limit, each check that ran out is named", () => {
    expect(lintTariff(doc, { workLimit: 3 }).findings.filter((f) => f.rule !== "transparency-not-checked")).toEqual([
      {
        pointer: "/energy/1",
        severity: "info",
        rule: "check-incomplete",
        source: "ev-tariff",
        message: "not decided: whether earlier rates cover /energy/1 (rate-shadowed); the lint stopped at its work limit (option workLimit) for this tariff",
      },
      expect.objectContaining({ pointer: "/energy/2", rule: "check-incomplete" }),
      expect.objectContaining({ pointer: "/idle/0", rule: "check-incomplete", message: expect.stringContaining("(idle-no-grace)") }),
    ]);
  });
  it("with the default limit, the same tariff is decided", () => {
    expect(found(doc).map((f) => `${f.rule} ${f.pointer}`)).toEqual(["rate-shadowed /energy/2", "idle-no-grace /idle/0"]);
  });
  it("the worst tariff of 100 rates is linted within the default limit, and what ran out is named", () => {
    const nested = Array.from({ length: 60 }, (_, i) => ({
      price: "6",
      when: { timeOfDay: { from: `${String(i % 24).padStart(2, "0")}:00`, to: `${String((i + 12) % 24).padStart(2, "0")}:30` }, energyKWh: { min: String(i) }, powerKW: { min: String(i) }, sessionMinutes: { min: String(i) } },
    }));
    const r = lintTariff(mx({ energy: [...nested, { price: "1" }], time: nested }));
    expect(r.findings.some((f) => f.rule === "check-incomplete")).toBe(true);
    expect(r.errors).toBe(0);
  });
});

describe("the rule table", () => {
  it("every finding names a rule of LINT_RULES with its severity and source", () => {
    const docs = [gr({ time: [{ price: "1" }], flat: [{ price: "30" }], maxPrice: "20", idle: [{ price: "12" }] }), mx({ energy: [{ price: "6", when: { idleMinutes: { min: "1" } } }] })];
    const all: LintFinding[] = docs.flatMap(found);
    expect(all.length).toBeGreaterThan(4);
    for (const f of all) expect(LINT_RULES.find((r) => r.id === f.rule)).toMatchObject({ severity: f.severity, source: f.source });
    expect(new Set(LINT_RULES.map((r) => r.id)).size).toBe(LINT_RULES.length);
  });
});

describe("docs/lint.md", () => {
  const doc = readFileSync(fileURLToPath(new URL("../../docs/lint.md", import.meta.url)), "utf8");
  const rows = doc
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| /, "").trim()));
  it("lists every rule with its severity and the start of its source, and no other", () => {
    expect(rows.map((r) => r[0])).toEqual(LINT_RULES.map((r) => `\`${r.id}\``));
    for (const [id, severity, source] of rows) {
      const r = LINT_RULES.find((x) => `\`${x.id}\`` === id)!;
      expect(severity, id).toBe(r.severity);
      expect(r.source.startsWith(source!), `${id}: ${source}`).toBe(true);
    }
  });
});
