import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { ocppTariffErrors, ROOT } from "./helpers.js";

function cli(argv: readonly string[], stdin?: string) {
  const { code, out, err } = runCli(argv, stdin);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const ATHENS = join(ROOT, "tariffs/gr/athens-dc-150.json");

describe("ev-tariff ocpi", () => {
  it("usage errors exit 2", () => {
    expect(cli(["ocpi", "bill", "a", "b"]).code).toBe(2);
    expect(cli(["ocpi", "price", "a"]).code).toBe(2);
  });
});

describe("ev-tariff convert", () => {
  it("--to ocpp-2.1 writes a schema-valid TariffType, and --from ocpp-2.1 reads it back from stdin", () => {
    const r = cli(["convert", "--to", "ocpp-2.1", "--tax-date", "2026-01-01", ATHENS]);
    expect(r.code).toBe(0);
    const ocpp = JSON.parse(r.stdout);
    expect(ocppTariffErrors(ocpp)).toEqual([]);
    expect(r.stderr).toMatch(/warning: \/idle\/0\/step: OCPP 2\.1 tariffs have no billing step/);
    const back = cli(["convert", "--from", "ocpp-2.1", "--market", "GR", "-"], r.stdout);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ version: 1, id: "gr-athens-dc-150", market: "GR", timeZone: "Europe/Athens" });
  });

  it("--strict exits 1 when the conversion is not exact", () => {
    expect(cli(["convert", "--to", "ocpp-2.1", "--strict", ATHENS]).code).toBe(1);
  });

  it("errors point into the source document", () => {
    const r = cli(["convert", "--from", "ocpi-2.2.1", "-"], JSON.stringify({ id: "x", currency: "EUR", country_code: "DE", elements: [{ price_components: [{ type: "KWH", price: 1, step_size: 1 }] }] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>: \/elements\/0\/price_components\/0\/type: must be one of ENERGY, FLAT, PARKING_TIME, TIME/m);
  });

  it("an unknown format is a usage error", () => {
    expect(cli(["convert", "--to", "ocpi-3.0", ATHENS]).code).toBe(2);
  });
});
