/**
 * The quoted sources of tax rules (issue 16, deliverable 4): each belongs to a rule of the table, and
 * the browser core (parse + price) does not carry their text.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findMarket } from "../../src/markets/index.js";
import { LU_EVIDENCE } from "../../src/markets/lu.js";
import { US_EVIDENCE } from "../../src/markets/us.js";

const ALL = [...LU_EVIDENCE, ...US_EVIDENCE];

describe("tax evidence", () => {
  it("every entry names a rule of the table (market, name, validFrom, and rate or perKWh when given)", () => {
    for (const e of ALL) {
      const rules = findMarket(e.market)!.taxes.filter(
        (t) => t.name === e.name && t.validFrom === e.validFrom && (e.rate === undefined || t.rate === e.rate) && (e.perKWh === undefined || t.perKWh === e.perKWh),
      );
      expect(rules.length, `${e.market} ${e.name} ${e.validFrom} ${e.rate ?? ""}`).toBeGreaterThan(0);
      for (const s of e.sources) {
        expect(s.url).toMatch(/^https?:\/\/\S+$/);
        expect(s.quote.trim().length).toBeGreaterThan(20);
      }
    }
  });

  it("every LU, US-KY and US-UT rule checked for issue 16 has at least one quote", () => {
    const checked = [
      ...findMarket("LU")!.taxes.map((t) => ["LU", t] as const),
      ...findMarket("US-KY")!.taxes.filter((t) => t.name.startsWith("Kentucky")).map((t) => ["US-KY", t] as const),
      ...findMarket("US-UT")!.taxes.filter((t) => t.name.startsWith("Utah")).map((t) => ["US-UT", t] as const),
    ];
    for (const [market, t] of checked)
      expect(
        ALL.some((e) => e.market === market && e.name === t.name && e.validFrom === t.validFrom && (e.rate === undefined || e.rate === t.rate)),
        `${market} ${t.name} ${t.validFrom}`,
      ).toBe(true);
  });

  it("the browser core does not carry the quotes", async () => {
    const result = await build({
      stdin: { contents: 'export { parseTariff, parseSession, priceSession } from "./src/index.ts";', resolveDir: fileURLToPath(new URL("../..", import.meta.url)), loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("C-282/22"); // the rule's short source is there …
    for (const url of ["legilux.public.lu", "revenue.ky.gov", "le.utah.gov", "paperjam.lu"]) expect(code).not.toContain(url); // … its quotes are not
  });
});
