import { describe, expect, it } from "vitest";
import { parseTariff, safeParseTariff, TariffError } from "../../src/index.js";
import { issueHarness } from "../helpers/issues.js";

/** A small valid tariff; each test breaks one thing. */
const BASE = {
  version: 1,
  id: "gr-test-1",
  market: "GR",
  currency: "EUR",
  energy: [{ price: "0.45" }],
} as const;

const { issuesOf, expectOneIssue } = issueHarness(safeParseTariff, "tariff");

const DECIMAL = "must be a non-negative decimal with at most 6 decimals";

function tariffWith(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...BASE, ...patch };
}

/** A tariff whose single energy rate has the given `when`. */
function withWhen(when: unknown): Record<string, unknown> {
  return tariffWith({ energy: [{ price: "0.45", when }] });
}

describe("the base fixture", () => {
  it("is valid, so every rejection below comes from the one thing each test breaks", () => {
    expect(safeParseTariff(BASE).ok).toBe(true);
  });
});

describe("safeParseTariff: not an object", () => {
  it.each([
    ["a number", 5],
    ["a string", "gr-test-1"],
    ["null", null],
    ["an array", [BASE]],
    ["a boolean", true],
    ["undefined", undefined],
  ])("rejects %s at the root pointer", (_what, input) => {
    const issues = issuesOf(input);
    expect(issues).toEqual([{ path: "", message: "must be a JSON object" }]);
  });
});

describe("safeParseTariff: missing required fields", () => {
  it.each(["version", "id", "market", "currency"])("reports /%s as required", (field) => {
    const input: Record<string, unknown> = { ...BASE };
    delete input[field];
    expect(issuesOf(input)).toEqual([{ path: `/${field}`, message: "is required" }]);
  });

  it("reports every required field of an empty object, each as required", () => {
    expect(issuesOf({})).toEqual([
      { path: "/version", message: "is required" },
      { path: "/id", message: "is required" },
      { path: "/market", message: "is required" },
      { path: "/currency", message: "is required" },
    ]);
  });

  it("reports a rate without a price as /energy/0/price required", () => {
    expect(issuesOf(tariffWith({ energy: [{ step: "1" }] }))).toEqual([{ path: "/energy/0/price", message: "is required" }]);
  });

  it("reports a timeOfDay without `to` as required", () => {
    expect(issuesOf(withWhen({ timeOfDay: { from: "07:00" } }))).toEqual([
      { path: "/energy/0/when/timeOfDay/to", message: "is required" },
    ]);
  });

  it("does not call a present but wrong value 'required'", () => {
    expectOneIssue(tariffWith({ version: 2 }), "/version", "must be 1");
    expectOneIssue(tariffWith({ version: "1" }), "/version", "must be 1");
    expectOneIssue(tariffWith({ id: 7 }), "/id", "must be a string");
    expectOneIssue(tariffWith({ market: null }), "/market", "must be a string");
  });
});

describe("safeParseTariff: unknown fields", () => {
  it("reports an unknown top-level field by its pointer", () => {
    expect(issuesOf(tariffWith({ prices: [] }))).toEqual([{ path: "/prices", message: "is not a known field" }]);
  });

  it("reports a misspelt field inside a rate: /energy/0/prize", () => {
    expect(issuesOf(tariffWith({ energy: [{ price: "0.45", prize: "0.45" }] }))).toEqual([
      { path: "/energy/0/prize", message: "is not a known field" },
    ]);
  });

  it("reports unknown fields deeper down, in the right list and index", () => {
    const input = tariffWith({
      energy: [{ price: "0.45" }],
      idle: [{ price: "1" }, { price: "2", when: { idleMinutes: { min: 15, minimum: 10 }, weekdays: ["mon"] } }],
    });
    expect(issuesOf(input)).toEqual([
      { path: "/idle/1/when/idleMinutes/minimum", message: "is not a known field" },
      { path: "/idle/1/when/weekdays", message: "is not a known field" },
    ]);
  });

  it("reports each of several unknown keys of one object", () => {
    const issues = issuesOf(tariffWith({ foo: 1, bar: 2 }));
    expect(issues.map((i) => i.path).sort()).toEqual(["/bar", "/foo"]);
    for (const i of issues) expect(i.message).toBe("is not a known field");
  });

  it("escapes '/' and '~' in a key as RFC 6901 requires", () => {
    expect(issuesOf(tariffWith({ "a/b~c": 1 }))).toEqual([{ path: "/a~1b~0c", message: "is not a known field" }]);
  });

  it("accepts $schema and drops it from the value", () => {
    const r = safeParseTariff(tariffWith({ $schema: "../../schema/tariff.schema.json" }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).not.toHaveProperty("$schema");
  });
});

describe("safeParseTariff: prices", () => {
  it.each([
    ["negative string", "-0.45"],
    ["negative number", -0.45],
    ["non-numeric string", "abc"],
    ["empty string", ""],
    ["boolean", true],
    ["null", null],
    ["object", { amount: "0.45" }],
    ["string with 7 decimals", "0.1234567"],
    ["exponent notation string", "1e3"],
    ["leading zeros", "007"],
    ["trailing dot", "1."],
    ["leading dot", ".5"],
    ["padded with a space", " 1"],
    ["a comma as decimal separator", "0,45"],
    ["more than 12 integer digits", "1234567890123"],
    ["number with too many decimals", 0.1234567],
    ["number that is a binary fraction artefact", 0.1 + 0.2],
    ["number too small to print without an exponent", 1e-7],
    ["number too large to print without an exponent", 1e21],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("rejects a price that is a %s at /energy/0/price", (_what, price) => {
    expectOneIssue(tariffWith({ energy: [{ price }] }), "/energy/0/price", DECIMAL);
  });

  it("points at the rate that is wrong, not the first one", () => {
    expectOneIssue(tariffWith({ time: [{ price: "1" }, { price: "1" }, { price: "-1" }] }), "/time/2/price", DECIMAL);
  });

  it.each([
    [0.45, "0.45"],
    [12, "12"],
    [0, "0"],
    [0.000001, "0.000001"],
    [999999999999.5, "999999999999.5"],
  ])("accepts the number %s and normalises it to the string %j", (price, text) => {
    const r = safeParseTariff(tariffWith({ energy: [{ price }] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.energy[0]!.price).toBe(text);
  });

  it("accepts exactly 6 decimals as a string", () => {
    const r = safeParseTariff(tariffWith({ energy: [{ price: "0.123456" }] }));
    expect(r.ok && r.value.energy[0]!.price).toBe("0.123456");
  });

  it("checks minPrice and maxPrice like prices", () => {
    expectOneIssue(tariffWith({ minPrice: "-1" }), "/minPrice", DECIMAL);
    expectOneIssue(tariffWith({ maxPrice: "1.0000001" }), "/maxPrice", DECIMAL);
  });

  it("checks range bounds like prices", () => {
    expectOneIssue(withWhen({ idleMinutes: { min: -5 } }), "/energy/0/when/idleMinutes/min", DECIMAL);
    expectOneIssue(withWhen({ powerKW: { max: "fast" } }), "/energy/0/when/powerKW/max", DECIMAL);
  });
});

describe("safeParseTariff: id", () => {
  it.each([
    ["with a space", "gr test"],
    ["with a slash", "gr/test"],
    ["empty", ""],
    ["37 characters long", "x".repeat(37)],
    ["non-ASCII", "τιμή"],
  ])("rejects an id %s", (_what, id) => {
    expectOneIssue(tariffWith({ id }), "/id", "1-36 characters");
  });

  it("accepts an id of exactly 36 characters of the allowed kinds", () => {
    expect(safeParseTariff(tariffWith({ id: "Ab0._-".repeat(6) })).ok).toBe(true);
  });
});

describe("safeParseTariff: market, currency and time zone", () => {
  it("rejects an unknown but well-formed market, saying which markets are known", () => {
    expectOneIssue(tariffWith({ market: "XX" }), "/market", "is not a market the engine knows", "XX", "GR");
  });

  it("does not point users at a command the CLI does not have", () => {
    const [issue] = issuesOf(tariffWith({ market: "XX" }));
    expect(issue!.message).not.toContain("ev-tariff markets");
  });

  it("rejects a malformed market code with the expected format", () => {
    expectOneIssue(tariffWith({ market: "gr" }), "/market", "ISO 3166-1");
    expectOneIssue(tariffWith({ market: "GRC" }), "/market", "ISO 3166-1");
  });

  it("rejects an unknown currency", () => {
    expectOneIssue(tariffWith({ currency: "XYZ" }), "/currency", "is not an ISO 4217 currency", "XYZ");
  });

  it("rejects a malformed currency code", () => {
    expectOneIssue(tariffWith({ currency: "eur" }), "/currency", "ISO 4217");
    expectOneIssue(tariffWith({ currency: "EURO" }), "/currency", "ISO 4217");
  });

  it("rejects a real currency that is not the market's (GR with USD)", () => {
    expectOneIssue(tariffWith({ currency: "USD" }), "/currency", "USD is not a currency of market GR", "EUR");
  });

  it("rejects a zone that does not exist", () => {
    expectOneIssue(tariffWith({ timeZone: "Europe/Atlantis" }), "/timeZone", "is not an IANA time zone", "Europe/Atlantis");
    expectOneIssue(tariffWith({ timeZone: "Europe/Athens " }), "/timeZone", "is not an IANA time zone");
    expectOneIssue(tariffWith({ timeZone: "+02:00" }), "/timeZone", "is not an IANA time zone");
  });

  it("rejects a real zone that is not the market's (GR with Europe/Paris)", () => {
    expectOneIssue(tariffWith({ timeZone: "Europe/Paris" }), "/timeZone", "Europe/Paris is not a zone of market GR", "Europe/Athens");
  });

  it("rejects UTC as the zone of a market that has its own", () => {
    expectOneIssue(tariffWith({ timeZone: "UTC" }), "/timeZone", "not a zone of market GR");
  });

  it("accepts the market's own zone", () => {
    expect(safeParseTariff(tariffWith({ timeZone: "Europe/Athens" })).ok).toBe(true);
  });

  it("rejects a pricesInclude that is neither tax nor none", () => {
    expectOneIssue(tariffWith({ pricesInclude: "vat" }), "/pricesInclude", '"tax" or "none"');
  });
});

describe("safeParseTariff: validity window", () => {
  it("rejects validFrom without a UTC offset, once, mentioning the offset", () => {
    expectOneIssue(tariffWith({ validFrom: "2026-01-01T00:00:00" }), "/validFrom", "offset");
  });

  it("rejects a validFrom that is a date only", () => {
    expectOneIssue(tariffWith({ validFrom: "2026-01-01" }), "/validFrom", "RFC 3339");
  });

  it("rejects a validTo on a day that does not exist", () => {
    expectOneIssue(tariffWith({ validTo: "2026-02-30T00:00:00Z" }), "/validTo", "no day 30");
  });

  it("rejects an out-of-range offset and time of day", () => {
    expectOneIssue(tariffWith({ validFrom: "2026-01-01T00:00:00+25:00" }), "/validFrom", "offset out of range");
    expectOneIssue(tariffWith({ validFrom: "2026-01-01T24:00:00Z" }), "/validFrom", "time of day out of range");
  });

  it("rejects validTo before validFrom, at /validTo", () => {
    expectOneIssue(
      tariffWith({ validFrom: "2026-06-01T00:00:00+03:00", validTo: "2026-01-01T00:00:00+02:00" }),
      "/validTo",
      "must be after validFrom",
    );
  });

  it("rejects validTo equal to validFrom, comparing instants, not text", () => {
    expectOneIssue(
      tariffWith({ validFrom: "2026-06-01T00:00:00+03:00", validTo: "2026-05-31T21:00:00Z" }),
      "/validTo",
      "must be after validFrom",
    );
  });

  it("accepts validTo after validFrom, and null for either", () => {
    expect(safeParseTariff(tariffWith({ validFrom: "2026-01-01T00:00:00+02:00", validTo: "2026-01-01T00:00:00+01:00" })).ok).toBe(true);
    expect(safeParseTariff(tariffWith({ validFrom: null, validTo: null })).ok).toBe(true);
  });
});

describe("safeParseTariff: minPrice and maxPrice", () => {
  it("rejects minPrice above maxPrice, at /maxPrice", () => {
    expectOneIssue(tariffWith({ minPrice: "10.00", maxPrice: "5.00" }), "/maxPrice", "must not be below minPrice");
  });

  it("compares as decimals, not as text, and mixes numbers and strings", () => {
    // "9" > "10.5" as text, but 9 < 10.5.
    expect(safeParseTariff(tariffWith({ minPrice: 9, maxPrice: "10.5" })).ok).toBe(true);
    expectOneIssue(tariffWith({ minPrice: "10.5", maxPrice: 9 }), "/maxPrice", "must not be below minPrice");
  });

  it("accepts minPrice equal to maxPrice (a fixed session price)", () => {
    expect(safeParseTariff(tariffWith({ minPrice: "5", maxPrice: "5.00" })).ok).toBe(true);
  });
});

describe("safeParseTariff: steps", () => {
  it.each(["energy", "time", "idle"])("rejects step 0 in %s", (list) => {
    expectOneIssue(tariffWith({ [list]: [{ price: "1", step: 0 }] }), `/${list}/0/step`, "must be greater than 0");
  });

  it("rejects a step on a flat fee", () => {
    expectOneIssue(tariffWith({ flat: [{ price: "1", step: 60 }] }), "/flat/0/step", "flat fee", "no step");
  });

  it.each([
    ["time", "1.5"],
    ["idle", 90.5],
  ])("rejects a non-integer step for %s (seconds)", (list, step) => {
    expectOneIssue(tariffWith({ [list]: [{ price: "1", step }] }), `/${list}/0/step`, "whole seconds");
  });

  it("accepts a fractional kWh step for energy", () => {
    const r = safeParseTariff(tariffWith({ energy: [{ price: "1", step: 0.5 }] }));
    expect(r.ok && r.value.energy[0]!.step).toBe("0.5");
  });

  it("rejects a negative step", () => {
    expectOneIssue(tariffWith({ time: [{ price: "1", step: -60 }] }), "/time/0/step", DECIMAL);
  });
});

describe("safeParseTariff: days", () => {
  it("rejects an invalid day name, pointing at the element", () => {
    expectOneIssue(withWhen({ days: ["mon", "Tuesday"] }), "/energy/0/when/days/1", "must be one of", "mon");
  });

  it("rejects capitalised day names", () => {
    expectOneIssue(withWhen({ days: ["Mon"] }), "/energy/0/when/days/0", "must be one of");
  });

  it("rejects a duplicated day", () => {
    expectOneIssue(withWhen({ days: ["mon", "tue", "mon"] }), "/energy/0/when/days", "names a day twice");
  });

  it("rejects an empty day list", () => {
    expectOneIssue(withWhen({ days: [] }), "/energy/0/when/days", "at least one day");
  });

  it("rejects days that is not a list", () => {
    const issues = issuesOf(withWhen({ days: "mon" }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("/energy/0/when/days");
  });
});

describe("safeParseTariff: timeOfDay", () => {
  it.each([
    ["no leading zero", "7:00"],
    ["hour 25", "25:00"],
    ["minute 60", "07:60"],
    ["seconds", "07:00:00"],
    ["a number", 700],
    ["am/pm", "7am"],
  ])("rejects a from with %s", (_what, from) => {
    expectOneIssue(withWhen({ timeOfDay: { from, to: "23:00" } }), "/energy/0/when/timeOfDay/from", '"HH:MM"');
  });

  it("rejects a bad `to` at its own pointer", () => {
    expectOneIssue(withWhen({ timeOfDay: { from: "07:00", to: "24:30" } }), "/energy/0/when/timeOfDay/to", '"HH:MM"');
  });

  it("rejects from == to", () => {
    expectOneIssue(withWhen({ timeOfDay: { from: "07:00", to: "07:00" } }), "/energy/0/when/timeOfDay/to", "equals from");
  });

  it("rejects from 24:00", () => {
    expectOneIssue(withWhen({ timeOfDay: { from: "24:00", to: "07:00" } }), "/energy/0/when/timeOfDay/from", "before 24:00");
  });

  it("accepts to 24:00 and a window that wraps midnight", () => {
    expect(safeParseTariff(withWhen({ timeOfDay: { from: "17:00", to: "24:00" } })).ok).toBe(true);
    expect(safeParseTariff(withWhen({ timeOfDay: { from: "23:00", to: "07:00" } })).ok).toBe(true);
  });
});

describe("safeParseTariff: dates", () => {
  it("rejects from after to", () => {
    expectOneIssue(withWhen({ dates: { from: "2026-09-01", to: "2026-06-01" } }), "/energy/0/when/dates/to", "must be after from");
  });

  it("rejects from == to (to is exclusive, so the window is empty)", () => {
    expectOneIssue(withWhen({ dates: { from: "2026-09-01", to: "2026-09-01" } }), "/energy/0/when/dates/to", "must be after from");
  });

  it("rejects 2026-02-30 as not a calendar date", () => {
    expectOneIssue(withWhen({ dates: { from: "2026-02-30" } }), "/energy/0/when/dates/from", "not a calendar date");
  });

  it("rejects 29 February outside leap years but accepts it in one", () => {
    expectOneIssue(withWhen({ dates: { to: "2026-02-29" } }), "/energy/0/when/dates/to", "not a calendar date");
    expect(safeParseTariff(withWhen({ dates: { from: "2028-02-29" } })).ok).toBe(true);
  });

  it.each(["2026-13-01", "2026-6-1", "01/06/2026", "2026-06-01T00:00:00Z"])("reports the malformed date %j once", (from) => {
    expectOneIssue(withWhen({ dates: { from } }), "/energy/0/when/dates/from", '"YYYY-MM-DD"');
  });

  it("rejects an empty dates object", () => {
    expectOneIssue(withWhen({ dates: {} }), "/energy/0/when/dates", "needs from, to or both");
  });
});

describe("safeParseTariff: ranges", () => {
  it.each(["energyKWh", "powerKW", "sessionMinutes", "idleMinutes"])("rejects min > max in %s", (key) => {
    expectOneIssue(withWhen({ [key]: { min: "20", max: "10" } }), `/energy/0/when/${key}/max`, "must be greater than min");
  });

  it("rejects min == max (max is exclusive, so nothing matches)", () => {
    expectOneIssue(withWhen({ powerKW: { min: 22, max: "22.0" } }), "/energy/0/when/powerKW/max", "must be greater than min");
  });

  it("compares as decimals, not text", () => {
    // "9" > "10" as text, but 9 < 10.
    expect(safeParseTariff(withWhen({ energyKWh: { min: "9", max: "10" } })).ok).toBe(true);
    expectOneIssue(withWhen({ energyKWh: { min: 10, max: "9.5" } }), "/energy/0/when/energyKWh/max", "must be greater than min");
  });

  it.each(["energyKWh", "powerKW", "sessionMinutes", "idleMinutes"])("rejects an empty %s range", (key) => {
    expectOneIssue(withWhen({ [key]: {} }), `/energy/0/when/${key}`, "needs min, max or both");
  });

  it("accepts a range with only min or only max", () => {
    expect(safeParseTariff(withWhen({ idleMinutes: { min: 15 } })).ok).toBe(true);
    expect(safeParseTariff(withWhen({ energyKWh: { max: "20" } })).ok).toBe(true);
  });
});

describe("safeParseTariff: wrong container types", () => {
  it("reports a rate list that is not a list", () => {
    const issues = issuesOf(tariffWith({ energy: { price: "0.45" } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("/energy");
    expect(issues[0]!.message).toContain("array");
  });

  it("reports a rate that is not an object", () => {
    const issues = issuesOf(tariffWith({ energy: ["0.45"] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("/energy/0");
    expect(issues[0]!.message).toContain("object");
  });

  it("reports a bad language tag in name with the tag's rule, not zod's generic text", () => {
    expectOneIssue(tariffWith({ name: { English: "DC" } }), "/name/English", "language tag");
  });

  it("reports an empty name", () => {
    expectOneIssue(tariffWith({ name: { en: "" } }), "/name/en", "must not be empty");
  });
});

describe("safeParseTariff: several problems", () => {
  it("reports every problem of a file, not only the first", () => {
    const input = {
      version: 2,
      id: "bad id",
      market: "GR",
      currency: "USD",
      timeZone: "Europe/Paris",
      validFrom: "2026-06-01T00:00:00Z",
      validTo: "2026-01-01T00:00:00Z",
      energy: [
        { price: "-1", prize: "1" },
        { price: "0.45", step: 0, when: { days: ["mon", "mon"], timeOfDay: { from: "7:00", to: "23:00" } } },
      ],
      flat: [{ price: "1", step: 1 }],
      minPrice: "10",
      maxPrice: "5",
      colour: "green",
    };
    const issues = issuesOf(input);
    const expected: Array<[string, string]> = [
      ["/version", "must be 1"],
      ["/id", "1-36 characters"],
      ["/energy/0/price", DECIMAL],
      ["/energy/0/prize", "is not a known field"],
      ["/energy/1/when/timeOfDay/from", '"HH:MM"'],
      ["/colour", "is not a known field"],
      ["/currency", "USD is not a currency of market GR"],
      ["/timeZone", "Europe/Paris is not a zone of market GR"],
      ["/validTo", "must be after validFrom"],
      ["/maxPrice", "must not be below minPrice"],
      ["/energy/1/step", "must be greater than 0"],
      ["/energy/1/when/days", "names a day twice"],
      ["/flat/0/step", "no step"],
    ];
    expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(expected.length);
    for (const [path, fragment] of expected) {
      expect(
        issues.some((i) => i.path === path && i.message.includes(fragment)),
        `missing ${path}: …${fragment}… in ${JSON.stringify(issues, null, 1)}`,
      ).toBe(true);
    }
  });

  it("never reports the same problem twice", () => {
    const issues = issuesOf({ version: 2, market: "XX", currency: "XYZ", validFrom: "2026-01-01T00:00:00", energy: [{ price: "x" }] });
    const keys = issues.map((i) => `${i.path} ${i.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(issues.map((i) => i.path).sort()).toEqual(["/currency", "/energy/0/price", "/id", "/market", "/validFrom", "/version"]);
  });

  it("every path is a JSON Pointer", () => {
    const issues = issuesOf({ version: 2, energy: [{ price: "x", when: { days: ["x"] } }], foo: 1 });
    for (const i of issues) expect(i.path).toMatch(/^(\/[^/]*)*$/);
    for (const i of issues) expect(i.path.startsWith("/")).toBe(true);
  });
});

describe("parseTariff", () => {
  it("throws a TariffError carrying every issue", () => {
    const input = tariffWith({ currency: "USD", foo: 1 });
    let caught: unknown;
    try {
      parseTariff(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TariffError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as TariffError;
    expect(err.name).toBe("TariffError");
    expect(err.issues).toEqual(issuesOf(input));
    expect(err.issues).toHaveLength(2);
    expect(err.message).toMatch(/^invalid tariff: \/\S+: .+ \(and 1 more\)$/);
  });

  it("names the root as / in the message when the input is not an object", () => {
    expect(() => parseTariff("nope")).toThrow("invalid tariff: /: must be a JSON object");
  });

  it("returns the normalised tariff for valid input", () => {
    const t = parseTariff(BASE);
    expect(t.id).toBe("gr-test-1");
    expect(t.energy).toEqual([{ price: "0.45" }]);
  });
});

describe("a valid tariff", () => {
  const input = {
    $schema: "../../schema/tariff.schema.json",
    version: 1,
    id: "gr-full",
    name: { en: "Full", el: "Πλήρες" },
    market: "GR",
    currency: "EUR",
    timeZone: "Europe/Athens",
    pricesInclude: "tax",
    validFrom: "2026-01-01T00:00:00+02:00",
    validTo: null,
    energy: [{ price: 0.45, step: 0.5, when: { energyKWh: { min: 0, max: 20 }, days: ["mon", "sat"] } }, { price: "0.39" }],
    time: [{ price: 3, step: 60, when: { timeOfDay: { from: "23:00", to: "07:00" }, sessionMinutes: { max: 90 } } }],
    idle: [{ price: "24.00", step: 60, when: { idleMinutes: { min: 15 }, dates: { from: "2026-06-01", to: "2026-09-01" } } }],
    flat: [{ price: 0.5 }],
    minPrice: 1,
    maxPrice: "60.00",
  };

  it("parses, with every number turned into its decimal string", () => {
    const r = safeParseTariff(input);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      version: 1,
      id: "gr-full",
      name: { en: "Full", el: "Πλήρες" },
      market: "GR",
      currency: "EUR",
      timeZone: "Europe/Athens",
      pricesInclude: "tax",
      validFrom: "2026-01-01T00:00:00+02:00",
      validTo: null,
      energy: [
        { price: "0.45", step: "0.5", when: { days: ["mon", "sat"], energyKWh: { min: "0", max: "20" } } },
        { price: "0.39" },
      ],
      time: [{ price: "3", step: "60", when: { timeOfDay: { from: "23:00", to: "07:00" }, sessionMinutes: { max: "90" } } }],
      idle: [{ price: "24.00", step: "60", when: { idleMinutes: { min: "15" }, dates: { from: "2026-06-01", to: "2026-09-01" } } }],
      flat: [{ price: "0.5" }],
      minPrice: "1",
      maxPrice: "60.00",
    });
  });

  it("fills absent rate lists with empty ones", () => {
    const r = safeParseTariff({ version: 1, id: "x", market: "GR", currency: "EUR" });
    expect(r.ok && [r.value.energy, r.value.time, r.value.idle, r.value.flat]).toEqual([[], [], [], []]);
  });

  it("is frozen, and parsing does not change the input", () => {
    const copy = JSON.parse(JSON.stringify(input));
    const t = parseTariff(input);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.energy[0])).toBe(true);
    expect(input).toEqual(copy);
  });

  it("the bundled Athens tariff parses", async () => {
    const { readFileSync } = await import("node:fs");
    const json = JSON.parse(readFileSync(new URL("../../tariffs/gr/athens-dc-150.json", import.meta.url), "utf8"));
    const r = safeParseTariff(json);
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issues)).toBe(true);
  });
});
