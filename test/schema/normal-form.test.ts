/**
 * parseTariff's normal form on a tariff that uses every optional member: decimals given as numbers come
 * back as text, absent members stay absent, and nothing of the input is frozen or shared with the result.
 */
import { describe, expect, it } from "vitest";
import { parseTariff } from "../../src/index.js";

const full = () => ({
  version: 1,
  id: "every-member",
  name: { en: "Every member", el: "Κάθε πεδίο" },
  market: "GR",
  currency: "EUR",
  taxes: [
    { name: "VAT", rate: 0.24, appliesTo: ["energy", "time"], source: "test" },
    { name: "Excise", perKWh: 0.0105, appliesTo: ["energy"] },
  ],
  energy: [
    { price: 0.35, step: 0.001, when: { days: ["sat", "sun"], timeOfDay: { from: "22:00", to: "06:00" }, dates: { from: "2026-01-01", to: "2027-01-01" }, energyKWh: { max: 20 } } },
    { price: "0.45" },
  ],
  time: [{ price: "0.05", when: { powerKW: { min: "50" } } }],
  idle: [{ price: "0.4", when: { idleMinutes: { min: 10, max: "600" } } }],
  flat: [{ price: "1.5" }],
  minPrice: 2,
  maxPrice: "80",
});

/** Every object and array inside `v`, `v` included. */
function objects(v: unknown, out: object[] = []): object[] {
  if (typeof v === "object" && v !== null) {
    out.push(v);
    for (const x of Object.values(v)) objects(x, out);
  }
  return out;
}

describe("parseTariff's normal form", () => {
  it("decimals given as numbers come back as text, in the schema's order, absent members absent", () => {
    const t = parseTariff(full());
    expect(t.taxes).toEqual([
      { name: "VAT", rate: "0.24", appliesTo: ["energy", "time"], source: "test" },
      { name: "Excise", perKWh: "0.0105", appliesTo: ["energy"] },
    ]);
    expect(Object.keys(t.taxes![0]!)).toEqual(["name", "rate", "appliesTo", "source"]);
    expect(Object.keys(t.taxes![1]!)).toEqual(["name", "perKWh", "appliesTo"]);
    expect(t.energy[0]).toEqual({
      price: "0.35",
      step: "0.001",
      when: { days: ["sat", "sun"], timeOfDay: { from: "22:00", to: "06:00" }, dates: { from: "2026-01-01", to: "2027-01-01" }, energyKWh: { max: "20" } },
    });
    expect(t.energy[1]).toEqual({ price: "0.45" });
    expect(t.idle[0]!.when).toEqual({ idleMinutes: { min: "10", max: "600" } });
    expect([t.minPrice, t.maxPrice]).toEqual(["2", "80"]);
    expect(t.name).toEqual({ en: "Every member", el: "Κάθε πεδίο" });
    const bare = parseTariff({ version: 1, id: "bare", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] });
    expect(Object.keys(bare)).toEqual(["version", "id", "market", "currency", "energy", "time", "idle", "flat"]);
  });

  it("freezes the result all the way down and leaves the input as it was, sharing no object with it", () => {
    const input = full();
    const before = JSON.stringify(input);
    const t = parseTariff(input);
    expect(JSON.stringify(input)).toBe(before);
    const mine = objects(input);
    expect(mine.filter((o) => Object.isFrozen(o))).toEqual([]);
    const theirs = objects(t);
    expect(theirs.filter((o) => !Object.isFrozen(o))).toEqual([]);
    const shared = new Set(mine);
    expect(theirs.filter((o) => shared.has(o))).toEqual([]);
  });
});
