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

  it("takes no files", () => {
    expect(cli("markets", "x.json").code).toBe(2);
  });
});
