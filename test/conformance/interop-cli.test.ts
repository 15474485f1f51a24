/**
 * The CLI's OCPI commands and conversions on the peer conformance documents
 * (OCPI_CONFORMANCE_DIR, default ../shared/conformance/ocpi). The CLI interop tests that need no
 * peer data stay in test/interop/cli.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { CONFORMANCE } from "../interop/helpers.js";

function cli(argv: readonly string[], stdin?: string) {
  const { code, out, err } = runCli(argv, stdin);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const caseFile = (name: string, file: string) => join(CONFORMANCE, name, file);

describe("ev-tariff ocpi (conformance documents)", () => {
  it("price --json prints the six totals", () => {
    const r = cli(["ocpi", "price", caseFile("025kwh_start", "tariff.json"), caseFile("025kwh_start", "cdr1.json"), "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total_cost).toEqual({ excl_vat: 5.5, incl_vat: 6.1 });
    expect(j.total_fixed_cost).toEqual({ excl_vat: 0.5, incl_vat: 0.6 });
    for (const f of ["total_energy_cost", "total_time_cost", "total_parking_cost", "total_reservation_cost"]) expect(j[f]).toBeDefined();
  });

  it("price prints a table", () => {
    const r = cli(["ocpi", "price", caseFile("simple_3hour_5parking", "tariff.json"), caseFile("simple_3hour_5parking", "cdr1.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/total_cost\s+11\.2500\s+12\.7500/);
  });

  it("check exits 0 when the totals agree", () => {
    const r = cli(["ocpi", "check", caseFile("grace_period_parking_time", "tariff.json"), caseFile("grace_period_parking_time", "cdr.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok/);
  });

  it("check exits 1 on a mismatch, naming the field and both amounts", () => {
    const cdr = JSON.parse(readFileSync(caseFile("simple_025kwh", "cdr1.json"), "utf8"));
    cdr.total_cost.excl_vat = 5.01;
    const r = cli(["ocpi", "check", caseFile("simple_025kwh", "tariff.json"), "-"], JSON.stringify(cdr));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toContain("<stdin>: /total_cost/excl_vat: the CDR says 5.0100, the tariff gives 5.0000");
  });

  it("--time-zone is used when the location names none", () => {
    const r = cli(["ocpi", "price", caseFile("step_size", "tariff.json"), caseFile("step_size", "cdr1.json"), "--json", "--time-zone", "Europe/Amsterdam"]);
    expect(JSON.parse(r.stdout).timeZone).toBe("Europe/Amsterdam");
  });

  it("invalid input: exit 1 with the file and a JSON pointer", () => {
    const r = cli(["ocpi", "price", caseFile("simple_025kwh", "tariff.json"), "-"], JSON.stringify({ start_date_time: "2022-01-13T14:30:00Z", currency: "EUR", charging_periods: [] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>: \/end_date_time: is required/m);
    expect(r.stderr).toMatch(/^<stdin>: \/charging_periods: needs at least one charging period/m);
  });
});

describe("ev-tariff convert (conformance documents)", () => {
  it("OCPI 2.2.1 to v1 to OCPI 2.3.0", () => {
    const v1 = cli(["convert", "--from", "ocpi-2.2.1", "--time-zone", "Europe/Berlin", caseFile("complex", "tariff.json")]);
    expect(v1.code).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({ market: "DE", timeZone: "Europe/Berlin", pricesInclude: "none" });
    expect(v1.stderr).toContain("/elements/1/restrictions/max_current");
    const ocpi = cli(["convert", "--to", "ocpi-2.3.0", "--last-updated", "2024-01-01T00:00:00Z", "-"], v1.stdout);
    expect(ocpi.code).toBe(0);
    expect(JSON.parse(ocpi.stdout)).toMatchObject({ country_code: "DE", tax_included: "NO", last_updated: "2024-01-01T00:00:00Z" });
  });
});
