/**
 * priceSession's options (billing in another currency, validity) and why each slice starts, as
 * explain shows it: every kind of cut in one session across the spring DST change in Paris.
 */
import { describe, expect, it } from "vitest";
import { compileTariff, explainSession, parseSession, parseTariff, priceSession, runPricing } from "../../src/index.js";
import { thrown } from "../helpers/issues.js";

const issuesOf = thrown;

const tariff = () =>
  parseTariff({
    version: 1,
    id: "x",
    market: "FR",
    currency: "EUR",
    energy: [{ price: "0.3", when: { energyKWh: { max: "10" } } }, { price: "0.4", when: { timeOfDay: { from: "02:30", to: "04:00" } } }, { price: "0.5" }],
    time: [{ price: "1", when: { sessionMinutes: { min: "60" } } }],
    idle: [{ price: "6", when: { idleMinutes: { min: "20" } } }],
  });
// 01:00 to 04:00 local on the night Paris springs forward (02:00 → 03:00), 30 kWh with two readings.
const session = () =>
  parseSession({
    start: "2026-03-29T00:00:00Z",
    chargingEnd: "2026-03-29T02:00:00Z",
    end: "2026-03-29T03:00:00Z",
    energyKWh: "30",
    meter: [
      { at: "2026-03-29T00:30:00Z", kWh: "5" },
      { at: "2026-03-29T01:30:00Z", kWh: "25" },
    ],
  });

describe("explain: why each slice starts", () => {
  it("start, a reading, an energy threshold, a session-minute threshold with the offset change, chargingEnd with a local edge, an idle threshold", () => {
    const [t, s] = [tariff(), session()];
    expect(explainSession(t, s).intervals.map((i) => [i.localFrom, i.utcOffset, i.phase, i.cutBy])).toEqual([
      ["2026-03-29 01:00", "+01:00", "charging", ["start"]],
      ["2026-03-29 01:30", "+01:00", "charging", ["meter"]],
      ["2026-03-29 01:45", "+01:00", "charging", ["energyKWh"]],
      ["2026-03-29 03:00", "+02:00", "charging", ["sessionMinutes", "offsetChange"]],
      ["2026-03-29 03:30", "+02:00", "charging", ["meter"]],
      ["2026-03-29 04:00", "+02:00", "idle", ["chargingEnd", "localTime"]],
      ["2026-03-29 04:20", "+02:00", "idle", ["idleMinutes"]],
    ]);
  });

  it("a reading at a session-minute threshold, an energy threshold and a local edge: one slice, its reasons in the order they were added", () => {
    // 09:00 to 11:00 local (+02:00); at 10:00 the reading (10 kWh), 60 session minutes, 10 kWh and the 10:00 edge meet.
    const t = parseTariff({
      version: 1,
      id: "tie",
      market: "FR",
      currency: "EUR",
      energy: [{ price: "0.3", when: { energyKWh: { max: "10" } } }, { price: "0.4", when: { timeOfDay: { from: "10:00", to: "12:00" } } }, { price: "0.5" }],
      time: [{ price: "1", when: { sessionMinutes: { min: "60" } } }],
    });
    const s = parseSession({ start: "2026-05-04T07:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "22", meter: [{ at: "2026-05-04T08:00:00Z", kWh: "10" }] });
    expect(explainSession(t, s).intervals.map((i) => [i.localFrom, i.cutBy])).toEqual([
      ["2026-05-04 09:00", ["start"]],
      ["2026-05-04 10:00", ["meter", "energyKWh", "sessionMinutes", "localTime"]],
    ]);
    expect(priceSession(t, s).lines.map((l) => [l.component, l.rate, l.quantity])).toEqual([
      ["energy", "/energy/0", "10"],
      ["energy", "/energy/1", "12"],
      ["time", null, "1"],
      ["time", "/time/0", "1"],
    ]);
  });

  it("both pricers agree on it", () => {
    const [t, s] = [tariff(), session()];
    expect(priceSession(t, s)).toEqual(runPricing(t, s).receipt);
  });
});

describe("billing in another currency", () => {
  it("converts every amount at the given rate and says so", () => {
    const [t, s] = [tariff(), session()];
    const r = priceSession(t, s, { currency: "USD", rate: "1.1" });
    expect(r.exchange).toEqual({ from: "EUR", to: "USD", rate: "1.1" });
    expect(r.currency).toBe("USD");
    expect(r.lines[0]!.unitPrice).toBe("0.33");
    expect(r).toEqual(runPricing(t, s, { currency: "USD", rate: "1.1" }).receipt);
  });

  it("needs both a known currency and a positive rate of at most 12 decimals", () => {
    const [t, s] = [tariff(), session()];
    const rate = { path: "/rate", message: 'must be a positive decimal string with at most 12 decimals, e.g. "1.0831"' };
    expect(issuesOf(() => priceSession(t, s, { currency: "USD" }))).toEqual({ issues: [rate], message: `invalid exchange options: /rate: ${rate.message}` });
    expect(issuesOf(() => priceSession(t, s, { rate: "1.1" })).issues).toEqual([{ path: "/currency", message: "is required with a rate: the currency to bill in" }]);
    expect(issuesOf(() => priceSession(t, s, { currency: "XYZ", rate: "1.1" })).issues).toEqual([{ path: "/currency", message: "is not an ISO 4217 currency (XYZ)" }]);
    for (const bad of ["1.10.", "0", "0.0", "01.1", "1.", "1.1234567890123", "-1", " 1.1"]) expect(issuesOf(() => priceSession(t, s, { currency: "USD", rate: bad })).issues, bad).toEqual([rate]);
    expect(issuesOf(() => priceSession(t, s, { currency: "USD", rate: 1.1 as unknown as string })).issues).toEqual([rate]);
    expect(priceSession(t, s, { currency: "USD", rate: "0.000000000001" }).currency).toBe("USD");
    expect(priceSession(t, s, { currency: "USD", rate: "123456789012" }).currency).toBe("USD");
  });
});

describe("validity", () => {
  const validTariff = () => compileTariff(parseTariff({ version: 1, id: "v", market: "FR", currency: "EUR", validFrom: "2026-03-29T00:00:00Z", validTo: "2026-03-30T00:00:00Z", energy: [{ price: "0.3" }] }));
  const at = (start: string) => parseSession({ start, end: "2026-03-31T01:00:00Z", energyKWh: "1" });
  const before = { issues: [{ path: "/start", message: "is before the tariff's validFrom (2026-03-29T00:00:00Z)" }], message: "invalid session: /start: is before the tariff's validFrom (2026-03-29T00:00:00Z)" };
  const after = { issues: [{ path: "/start", message: "is at or after the tariff's validTo (2026-03-30T00:00:00Z)" }], message: "invalid session: /start: is at or after the tariff's validTo (2026-03-30T00:00:00Z)" };

  it("from validFrom included to validTo excluded, by the session's start, in both pricers", () => {
    const tv = validTariff();
    for (const price of [(x: ReturnType<typeof at>) => priceSession(tv, x), (x: ReturnType<typeof at>) => runPricing(tv, x)]) {
      expect(issuesOf(() => price(at("2026-03-28T23:59:59Z")))).toEqual(before);
      expect(() => price(at("2026-03-29T00:00:00Z"))).not.toThrow();
      expect(() => price(at("2026-03-29T23:59:59Z"))).not.toThrow();
      expect(issuesOf(() => price(at("2026-03-30T00:00:00Z")))).toEqual(after);
    }
  });

  it("ignoreValidity prices outside the window", () => {
    const tv = validTariff();
    expect(priceSession(tv, at("2026-03-30T00:00:00Z"), { ignoreValidity: true }).totals.gross).toBe(runPricing(tv, at("2026-03-30T00:00:00Z"), { ignoreValidity: true }).receipt.totals.gross);
  });

  it("a tariff without validity prices at any date", () => {
    const t = tariff();
    expect(() => priceSession(t, at("2026-03-30T00:00:00Z"))).not.toThrow();
  });
});
