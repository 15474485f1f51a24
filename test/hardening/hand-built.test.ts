/**
 * Issue 16: the library's trust in hand-built input. Every function that takes a session or a tariff
 * prices only what parseSession / parseTariff (or compileTariff) returned, and checks anything else
 * as they check it: a hand-built object is refused with a TariffError naming its paths, never priced
 * as it stands, and never refused with a DecimalError, RangeError or TypeError.
 */
import { describe, expect, it } from "vitest";
import {
  compileTariff,
  costDetails,
  explainSession,
  findMarket,
  parseSession,
  parseTariff,
  priceSession,
  quote,
  runPricing,
  safeParseSession,
  safeParseTariff,
  startMeter,
  TariffError,
  type Session,
  type Tariff,
} from "../../src/index.js";
import { thrown } from "../helpers/issues.js";
import { Dec } from "../../src/money/decimal.js";

const tariffDoc = {
  version: 1,
  id: "t",
  market: "FR",
  currency: "EUR",
  energy: [{ price: "0.39", when: { energyKWh: { max: "10" } } }, { price: "0.59" }],
  time: [{ price: "1.2", when: { sessionMinutes: { min: "30" } } }],
  idle: [{ price: "6" }],
};
const parsedTariff = () => parseTariff(tariffDoc);
const sessionDoc = {
  start: "2026-05-01T10:00:00Z",
  chargingEnd: "2026-05-01T11:00:00Z",
  end: "2026-05-01T11:20:00Z",
  energyKWh: "48",
  meter: [{ at: "2026-05-01T10:30:00Z", kWh: "20" }],
};
const parsedSession = () => parseSession(sessionDoc);
const hand = (change: Record<string, unknown>) => ({ ...sessionDoc, ...change }) as unknown as Session;
const paths = (f: () => unknown) => thrown(f).issues.map((i) => i.path);

describe("a session built by hand is checked as parseSession checks it", () => {
  const pricers: [string, (s: Session) => unknown][] = [
    ["priceSession", (s) => priceSession(parsedTariff(), s)],
    ["runPricing", (s) => runPricing(parsedTariff(), s)],
    ["explainSession", (s) => explainSession(parsedTariff(), s)],
    ["costDetails", (s) => costDetails(parsedTariff(), s)],
  ];

  it.each(pricers)("%s refuses a negative energy (it priced -48 kWh to a negative total)", (_, price) => {
    expect(paths(() => price(hand({ energyKWh: "-48", meter: undefined })))).toEqual(["/energyKWh"]);
  });

  it.each(pricers)("%s refuses decreasing readings and an end before the start", (_, price) => {
    expect(paths(() => price(hand({ meter: [{ at: "2026-05-01T10:30:00Z", kWh: "20" }, { at: "2026-05-01T10:40:00Z", kWh: "19" }] })))).toEqual(["/meter/1/kWh"]);
    expect(paths(() => price(hand({ end: "2026-05-01T09:00:00Z", chargingEnd: undefined, meter: undefined })))).toContain("/end");
  });

  it.each(pricers)("%s refuses ill-typed members with a TariffError, not a DecimalError, RangeError or TypeError", (_, price) => {
    for (const bad of [{ energyKWh: {} }, { energyKWh: "4e1" }, { start: 5 }, { start: "yesterday" }, { meter: "many" }, { meter: [null] }, { payment: "gold" }, { id: 7 }]) {
      const e = (() => {
        try {
          price(hand(bad));
        } catch (error) {
          return error;
        }
      })();
      expect(e, `${JSON.stringify(bad)}: ${String(e)}`).toBeInstanceOf(TariffError);
    }
    for (const notASession of [null, undefined, 42, "session", []]) expect(() => price(notASession as unknown as Session)).toThrow(TariffError);
  });

  it("number-typed members price as their text: both pricers give the parsed session's receipt", () => {
    const [tariff, session] = [parsedTariff(), parsedSession()];
    const numbers = hand({ energyKWh: 48, meter: [{ at: "2026-05-01T10:30:00Z", kWh: 20 }] });
    const receipt = priceSession(tariff, session);
    expect(priceSession(tariff, numbers)).toEqual(receipt);
    expect(runPricing(tariff, numbers).receipt).toEqual(receipt);
  });

  it("a changed copy of a parsed session is checked afresh (the spread leaves what parseSession read behind)", () => {
    const [tariff, session] = [parsedTariff(), parsedSession()];
    expect(paths(() => priceSession(tariff, { ...session, energyKWh: "-1" }))).toEqual(["/energyKWh"]);
    expect(priceSession(tariff, { ...session })).toEqual(priceSession(tariff, session));
  });

  it("a hand-built session is held to 31 days like parseSession's default; a parsed one keeps its own limit", () => {
    const tariff = parsedTariff();
    const long = { start: "2026-05-01T00:00:00Z", end: "2026-06-05T00:00:00Z", energyKWh: "10" };
    expect(thrown(() => priceSession(tariff, long as Session)).issues).toEqual([{ path: "/end", message: "makes the session longer than 31 days; pass maxSessionDays to allow it" }]);
    expect(priceSession(tariff, parseSession(long, { maxSessionDays: 40 })).totals.gross).toMatch(/^\d+\.\d\d$/);
  });
});

describe("a tariff built by hand is checked as parseTariff checks it", () => {
  const many = (n: number) => ({ ...tariffDoc, energy: Array.from({ length: n }, (_, i) => ({ price: "0.3", when: { sessionMinutes: { min: String(i) } } })) });

  it("1,000 rates are refused before any work, by every entry point (it priced them, 0.9 s; 10,000 took 25 s)", () => {
    const session = parsedSession();
    const t = many(1000) as unknown as Tariff;
    const expected = [{ path: "/energy", message: "has more than 100 rates" }];
    expect(thrown(() => priceSession(t, session)).issues).toEqual(expected);
    expect(thrown(() => explainSession(t, session)).issues).toEqual(expected);
    expect(thrown(() => compileTariff(t)).issues).toEqual(expected);
    expect(thrown(() => quote(t, { start: "2026-05-01T10:00:00Z", kWh: 10, powerKW: 11 })).issues).toEqual(expected);
    expect(thrown(() => startMeter(t, { start: "2026-05-01T10:00:00Z" })).issues).toEqual(expected);
    expect(thrown(() => costDetails(t, session)).issues).toEqual(expected);
  });

  it("ill-typed members are refused with paths; a valid hand-built tariff prices as the parsed one", () => {
    const [tariff, session] = [parsedTariff(), parsedSession()];
    expect(paths(() => priceSession({ ...tariffDoc, energy: [{ price: -1 }] } as unknown as Tariff, session))).toEqual(["/energy/0/price"]);
    expect(paths(() => priceSession({ ...tariffDoc, energy: [{ price: "0.3", when: { timeOfDay: { from: "25:00", to: "01:00" } } }] } as unknown as Tariff, session))).toEqual([
      "/energy/0/when/timeOfDay/from",
    ]);
    for (const notATariff of [null, undefined, 42, "tariff", []]) expect(() => priceSession(notATariff as unknown as Tariff, session)).toThrow(TariffError);
    expect(priceSession(tariffDoc as unknown as Tariff, session)).toEqual(priceSession(tariff, session));
  });

  it("a compiled tariff not made by compileTariff is compiled afresh from its (checked) tariff", () => {
    const [tariff, session] = [parsedTariff(), parsedSession()];
    const ct = compileTariff(tariff);
    expect(priceSession({ ...ct }, session)).toEqual(priceSession(ct, session));
    const forged = { ...ct, tariff: many(101) as unknown as Tariff };
    expect(thrown(() => priceSession(forged, session)).issues).toEqual([{ path: "/energy", message: "has more than 100 rates" }]);
  });
});

describe("options that would turn a limit off are refused", () => {
  it("maxSessionDays must be a whole number of days from 1 to 366 (NaN turned the limit off)", () => {
    const long = { start: "2026-01-01T00:00:00Z", end: "2027-06-01T00:00:00Z", energyKWh: "1" };
    const refusal = { issues: [{ path: "/maxSessionDays", message: "must be a whole number of days from 1 to 366" }], message: "invalid session options: /maxSessionDays: must be a whole number of days from 1 to 366" };
    for (const bad of [NaN, Infinity, -Infinity, 0, -1, 1.5, 367, 36_500, "31"]) {
      expect(thrown(() => safeParseSession(long, { maxSessionDays: bad as number })), String(bad)).toEqual(refusal);
      expect(thrown(() => parseSession(long, { maxSessionDays: bad as number })), String(bad)).toEqual(refusal);
    }
    expect(safeParseSession(long, { maxSessionDays: 366 }).ok).toBe(false);
    expect(safeParseSession({ ...long, end: "2027-01-02T00:00:00Z" }, { maxSessionDays: 366 }).ok).toBe(true);
    expect(safeParseSession({ ...long, end: "2027-01-02T00:00:00Z" }, { maxSessionDays: undefined }).ok).toBe(false);
  });
});

describe("members named __proto__ and markets named after Object's own properties", () => {
  it("a __proto__ key in name is refused with its path (zod's record left it out)", () => {
    const doc = JSON.parse('{"version":1,"id":"x","market":"FR","currency":"EUR","name":{"en":"A","__proto__":{"x":1}},"energy":[{"price":"0.3"}]}');
    const r = safeParseTariff(doc);
    expect(r.ok ? r.value : r.issues).toEqual([{ path: "/name/__proto__", message: "must be a language tag such as en or pt-BR" }]);
    const only = JSON.parse('{"version":1,"id":"x","market":"FR","currency":"EUR","name":{"__proto__":"x"},"energy":[{"price":"0.3"}]}');
    expect(safeParseTariff(only).ok).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("every other member named __proto__ is refused where it stands", () => {
    for (const [json, path] of [
      ['{"version":1,"id":"x","market":"FR","currency":"EUR","__proto__":{},"energy":[{"price":"0.3"}]}', "/__proto__"],
      ['{"version":1,"id":"x","market":"FR","currency":"EUR","energy":[{"price":"0.3","when":{"__proto__":{}}}]}', "/energy/0/when/__proto__"],
      ['{"version":1,"id":"x","market":"FR","currency":"EUR","taxes":[{"name":"V","rate":"0.2","appliesTo":["energy"],"__proto__":{}}]}', "/taxes/0/__proto__"],
    ] as const) {
      const r = safeParseTariff(JSON.parse(json));
      expect(r.ok ? [] : r.issues.map((i) => i.path)).toContain(path);
    }
    const s = safeParseSession(JSON.parse('{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T01:00:00Z","energyKWh":"1","meter":[{"at":"2026-01-01T00:30:00Z","kWh":"0.5","__proto__":{}}]}'));
    expect(s.ok ? [] : s.issues.map((i) => i.path)).toEqual(["/meter/0/__proto__"]);
  });

  it("market codes constructor, __proto__ and toString name no market (the lookup is by own key)", () => {
    for (const code of ["constructor", "__proto__", "toString", "hasOwnProperty", "COnstructor", "CO-constructor"]) {
      expect(findMarket(code), code).toBeUndefined();
      const r = safeParseTariff({ ...tariffDoc, market: code });
      expect(r.ok ? [] : r.issues.map((i) => i.path), code).toEqual(["/market"]);
    }
    for (const code of ["constructor", "__proto__"]) {
      const r = safeParseTariff({ ...tariffDoc, market: code, taxes: [{ name: "VAT", rate: "0.2", appliesTo: ["energy"] }] });
      expect(r.ok, code).toBe(false);
    }
  });
});

describe("an adapter's profile (PriceOptions.profile) is checked too", () => {
  const start = Date.parse("2026-05-01T10:00:00Z");
  const h = 3_600_000;
  const goodProfile = () => ({
    start,
    chargingEnd: start + h,
    end: start + 2 * h,
    energyKWh: new Dec("20"),
    points: [
      { at: start, kWh: new Dec(0) },
      { at: start + h / 2, kWh: new Dec("5") },
      { at: start + h, kWh: new Dec("20") },
    ],
    idle: [{ from: start + h, to: start + 2 * h }],
  });
  type Profile = ReturnType<typeof goodProfile>;
  const refusal = { path: "/profile", message: expect.stringMatching(/^is not a session profile: /) };

  it("a valid profile prices as the session it describes", () => {
    const s = parseSession({ start: "2026-05-01T10:00:00Z", chargingEnd: "2026-05-01T11:00:00Z", end: "2026-05-01T12:00:00Z", energyKWh: "20", meter: [{ at: "2026-05-01T10:30:00Z", kWh: "5" }] });
    const tariff = parsedTariff();
    expect(priceSession(tariff, s, { profile: goodProfile() })).toEqual(priceSession(tariff, s));
  });

  it.each([
    ["energy decreasing", (good: Profile) => ({ points: [good.points[0], { at: start + h / 2, kWh: new Dec("25") }, good.points[2]] })],
    ["negative energy", (good: Profile) => ({ energyKWh: new Dec("-20"), points: [good.points[0], { at: start + h / 2, kWh: new Dec("-5") }, { at: start + h, kWh: new Dec("-20") }] })],
    ["time running backwards", (good: Profile) => ({ points: [good.points[0], { at: start + h + 1, kWh: new Dec("5") }, good.points[2]] })],
    ["end before start", () => ({ end: start - 1 })],
    ["a fractional or NaN instant", () => ({ start: start + 0.5 })],
    ["NaN", () => ({ end: NaN })],
    ["the total not the last point's", () => ({ energyKWh: new Dec("21") })],
    ["energy as a string", () => ({ energyKWh: "20" })],
    ["points not an array", () => ({ points: "many" })],
    ["the first point not at the start", (good: Profile) => ({ points: good.points.slice(1) })],
    ["idle outside the session", () => ({ idle: [{ from: start + h, to: start + 3 * h }] })],
    ["idle intervals out of order", () => ({ idle: [{ from: start + h + 10, to: start + 2 * h }, { from: start + h, to: start + h + 5 }] })],
  ])("%s is refused with a TariffError at /profile", (_, change) => {
    const [tariff, session] = [parsedTariff(), parsedSession()];
    const good = goodProfile();
    const profile = { ...good, ...change(good) } as unknown as Profile;
    expect(thrown(() => priceSession(tariff, session, { profile })).issues).toEqual([refusal]);
    expect(thrown(() => runPricing(tariff, session, { profile })).issues).toEqual([refusal]);
  });
});
