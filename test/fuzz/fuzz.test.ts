import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzOne, fuzzProperty } from "./fuzzer.js";

describe("fuzzing (a small run; npm run fuzz runs 100,000 inputs)", () => {
  it("corrupted tariffs and sessions price soundly or are refused with issues", () => {
    fc.assert(fuzzProperty(), { numRuns: process.env.EXPECTED_HOST_TZ === "UTC" ? 600 : 150 });
  });

  it("refuses the known-bad inputs kept as regressions", () => {
    const tariff = { version: 1, id: "x", market: "FR", currency: "EUR", energy: [{ price: "0.5" }] };
    const session = { start: "2026-05-04T08:00:00Z", end: "2026-05-04T09:00:00Z", energyKWh: "1" };
    expect(fuzzOne(tariff, session)).toBe("priced");
    expect(fuzzOne({ ...tariff, energy: [{ price: 1e308 }] }, session)).toBe("refused");
    expect(fuzzOne({ ...tariff, energy: [{ price: "NaN" }] }, session)).toBe("refused");
    expect(fuzzOne(tariff, { ...session, energyKWh: -0 })).toBe("priced");
    expect(fuzzOne(tariff, { ...session, start: "2026-03-29T02:30:00" })).toBe("refused");
    expect(fuzzOne(JSON.parse('{"__proto__": {"x": 1}}'), session)).toBe("refused");
    expect(fuzzOne([], null)).toBe("refused");
    expect(fuzzOne({ ...tariff, energy: [{ price: "999999999999.999999" }] }, { ...session, energyKWh: "999999999999.999999" })).toBe("priced");
  });
});
