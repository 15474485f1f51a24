import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { iso4217Source } from "../../scripts/iso4217-source.js";
import { currency } from "../../src/money/currencies.js";

describe("generated ISO 4217 table", () => {
  it("is current with its source (run `npm run currencies`)", () => {
    expect(readFileSync(new URL("../../src/money/iso4217.ts", import.meta.url), "utf8")).toBe(iso4217Source());
  });

  it("gives ISO digits and the settlement overrides", () => {
    expect(currency("EUR")).toEqual({ code: "EUR", isoDigits: 2, settlementDigits: 2 });
    expect(currency("CLP")!.settlementDigits).toBe(0);
    expect(currency("BHD")!.settlementDigits).toBe(3);
    expect(currency("COP")).toEqual({ code: "COP", isoDigits: 2, settlementDigits: 0 });
    expect(currency("XYZ")).toBeUndefined();
  });
});
