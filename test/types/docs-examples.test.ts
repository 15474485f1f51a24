/**
 * The documents shown in README.md and docs/tariffs.md are real: every JSON tariff parses, and the
 * amounts the text states are what pricing gives.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, safeParseTariff } from "../../src/index.js";

const page = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), "utf8");
const jsonBlocks = (md: string) => [...md.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
const tariffs = (md: string) => jsonBlocks(md).filter((d) => d.version === 1);

describe("examples in the documentation", () => {
  it("every JSON tariff in README.md and docs/tariffs.md parses", () => {
    const all = [...tariffs(page("README.md")), ...tariffs(page("docs/tariffs.md"))];
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const t of all) expect(safeParseTariff(t)).toMatchObject({ ok: true });
  });

  it("the annotated tariff prices the guide's session as the guide says", () => {
    const md = page("docs/tariffs.md");
    const [ghent] = tariffs(md);
    const session = jsonBlocks(md).find((d) => d.id === "ghent-1")!;
    const r = priceSession(parseTariff(ghent), parseSession(session));
    expect(r.totals).toEqual({ net: "23.45", tax: "4.93", gross: "28.38" });
    expect(r.lines.map((l) => [l.component, l.gross])).toEqual([["energy", "25.03"], ["time", "0.00"], ["idle", "0.00"], ["idle", "3.00"], ["flat", "0.35"]]);
    for (const stated of ["25.03", "3.00", "0.35", "28.38", "4.93"]) expect(md).toContain(stated);
  });

  it("a place outside the table: 20 kWh cost net 11.80, tax 2.24, gross 14.04 (README and guide)", () => {
    const session = parseSession({ start: "2026-05-04T18:00:00+02:00", end: "2026-05-04T21:00:00+02:00", energyKWh: "20" });
    for (const md of [page("README.md"), page("docs/tariffs.md")]) {
      const de = tariffs(md).find((t) => t.market === "DE")!;
      expect(priceSession(parseTariff(de), session).totals).toEqual({ net: "11.80", tax: "2.24", gross: "14.04" });
      expect(md).toMatch(/net 11\.80.*2\.24.*gross 14\.04/s);
      const { taxes: _taxes, ...untaxed } = de;
      expect(safeParseTariff(untaxed)).toMatchObject({ ok: false, issues: [{ path: "/market" }] });
    }
  });
});
