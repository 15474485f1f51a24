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
    expect(out).toContain("TVA 16% on energy, time, idle, flat, 2023-01-01 → 2024-01-01, confidence medium");
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
});
