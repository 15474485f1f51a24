import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = run(argv, { stdout: (t) => (out += t + "\n"), stderr: (t) => (err += t + "\n"), stdin: () => "" });
  return { code, out, err };
}

describe("ev-tariff markets", () => {
  it("prints every market and region with taxes, sources and confidence", () => {
    const { code, out } = cli("markets");
    expect(code).toBe(0);
    expect(out).toContain("LU  Luxembourg");
    expect(out).toContain("TVA 7% on energy, time, flat, 2023-01-01 → 2024-01-01, confidence medium");
    expect(out).toContain("TVA 16% on idle, 2023-01-01 → 2024-01-01, confidence low");
    expect(out).toContain("US-IA  United States — Iowa");
    expect(out).toContain("Iowa electric fuel excise 0.026/kWh");
    expect(out).toContain("CLP (0 digits)");
  });

  it("prints JSON with --json", () => {
    const { code, out } = cli("markets", "--json");
    expect(code).toBe(0);
    const markets = JSON.parse(out) as { code: string; taxes: { confidence: string }[] }[];
    expect(markets.map((m) => m.code)).toContain("MX-BCN");
    expect(markets.find((m) => m.code === "GR")!.taxes.map((t) => t.confidence)).toEqual(["high", "low"]);
  });

  it("an unknown code is a usage error naming it", () => {
    const r = cli("markets", "x.json");
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown market code "X.JSON"');
  });

  it("markets GR lists Greece only", () => {
    const { code, out } = cli("markets", "GR");
    expect(code).toBe(0);
    expect(out.startsWith("GR  Greece\n")).toBe(true);
    expect(out).not.toContain("LU  Luxembourg");
  });

  it("codes are case-insensitive; a country's code lists its regions; --json filters too", () => {
    const markets = JSON.parse(cli("markets", "us", "LU", "--json").out) as { code: string }[];
    const codes = markets.map((m) => m.code);
    expect(codes).toContain("US");
    expect(codes).toContain("US-IA");
    expect(codes).toContain("LU");
    expect(codes).not.toContain("GR");
    expect(JSON.parse(cli("markets", "US-IA", "--json").out).map((m: { code: string }) => m.code)).toEqual(["US-IA"]);
  });

  it("several unknown codes are all named; a known one beside them does not hide them", () => {
    const r = cli("markets", "GR", "ZZ", "QQ");
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown market codes "ZZ", "QQ"');
    expect(r.out).toBe("");
  });

  it("--help has an example", () => {
    const r = cli("markets", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("ev-tariff markets GR");
  });

  describe("the tax facts settled for issue 16 print their sources' words and addresses", () => {
    /** The block of one tax line: from its heading to the next tax heading. */
    const block = (out: string, heading: string) => {
      const from = out.indexOf(heading);
      expect(from).toBeGreaterThanOrEqual(0);
      const next = out.slice(from + heading.length).search(/\n {4}\S/);
      return out.slice(from, next < 0 ? undefined : from + heading.length + next);
    };

    it("Luxembourg 8 %: the règlement grand-ducal's sentence and CJEU C-282/22's operative part", () => {
      const lu = block(cli("markets", "LU").out, "TVA 8% on energy, time, flat, 2024-01-01 → …, confidence medium");
      expect(lu).toContain('quote: "L\'application du taux réduit est limitée aux gaz liquéfiés ou à l\'état gazeux […] Le taux réduit s\'applique à l\'énergie électrique (N° 27.16 TD)"');
      expect(lu).toContain("http://legilux.public.lu/eli/etat/leg/rgd/1991/12/21/n3/jo");
      expect(lu).toContain("constitutes a ‘supply of goods’ within the meaning of Article 14(1) of Directive 2006/112");
      expect(lu).toContain("from CJEU C-282/22, judgment of 20 April 2023");
    });

    it("Kentucky: the statute's yearly adjustment and the Department of Revenue's $0.032 from 2025", () => {
      const out = cli("markets", "US-KY").out;
      const y2025 = block(out, "Kentucky EV power excise 0.032/kWh on energy, 2025-01-01 → 2026-01-01, confidence high");
      expect(y2025).toContain("on or before each December 1 thereafter, the department shall compare");
      expect(y2025).toContain("• Excise tax: $0.032");
      expect(y2025).toContain("https://revenue.ky.gov/Business/Pages/Electric-Vehicle-Power-Excise-Tax.aspx");
      expect(block(out, "Kentucky EV power excise 0.032/kWh on energy, 2026-01-01 → …, confidence low")).toContain("no 2026 rate was found");
      expect(block(out, "Kentucky sales tax 6%")).toContain("are not part of gross receipts subject to sales tax");
    });

    it("Utah: the rate's words, and that the effective-date section was not read", () => {
      const ut = block(cli("markets", "US-UT").out, "Utah EV charging tax 12.5% on energy, time, idle, flat, 2024-01-01 → …, confidence medium");
      expect(ut).toContain("is imposed at a rate of 12.5% for a charging station operator");
      expect(ut).toContain('quote: "This bill provides a special effective date."');
      expect(ut).toContain("https://le.utah.gov/~2023/bills/hbillenr/HB0301.htm");
    });

    it("--json gives each quote with its address; a rule without kept quotes has none", () => {
      const [lu] = JSON.parse(cli("markets", "LU", "--json").out) as { taxes: { rate: string; validFrom: string; quotes?: { quote: string; url: string; from: string }[] }[] }[];
      const reduced = lu!.taxes.find((t) => t.rate === "0.08" && t.validFrom === "2024-01-01")!;
      expect(reduced.quotes!.map((q) => q.url)).toContain("http://legilux.public.lu/eli/etat/leg/rgd/1991/12/21/n3/jo");
      for (const q of reduced.quotes!) expect(q.quote.length * q.url.length * q.from.length).toBeGreaterThan(0);
      const [gr] = JSON.parse(cli("markets", "GR", "--json").out) as { taxes: { quotes?: unknown }[] }[];
      expect(gr!.taxes.every((t) => t.quotes === undefined)).toBe(true);
    });
  });
});
