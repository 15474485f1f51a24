/**
 * Issue 16, deliverable 3: `checkCdr` / `ocpi check` compare only the totals a CDR states. OCPI 2.2.1
 * (mod_cdrs.asciidoc, CDR object) gives total_fixed_cost, total_energy_cost, total_time_cost,
 * total_parking_time, total_parking_cost and total_reservation_cost cardinality `?`, "An optional
 * object. If not set, it might be `null`, or the field might be omitted" (terminology.asciidoc).
 * Issue 15, deliverable 7: the text and --json print both amounts of a mismatch alike.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkCdr } from "../../src/interop/index.js";
import { runCli } from "../helpers/cli.js";

const TARIFF = {
  country_code: "NL",
  party_id: "ABC",
  id: "t1",
  currency: "EUR",
  elements: [{ price_components: [{ type: "ENERGY", price: 0.2201, vat: 25, step_size: 1 }] }],
  last_updated: "2026-01-01T00:00:00Z",
};
/** 2 kWh at 0.2201: 0.4402 excluding VAT, 0.55025 → 0.5503 including. Only total_cost is stated. */
const ONLY_TOTAL = {
  start_date_time: "2026-01-13T14:30:00Z",
  end_date_time: "2026-01-13T15:30:00Z",
  currency: "EUR",
  cdr_location: { country: "NLD", time_zone: "Europe/Amsterdam" },
  charging_periods: [{ start_date_time: "2026-01-13T14:30:00Z", dimensions: [{ type: "ENERGY", volume: 2 }] }],
  total_cost: { excl_vat: 0.4402, incl_vat: 0.5503 },
  total_energy: 2,
  total_time: 1,
  last_updated: "2026-01-13T16:00:00Z",
};
const LEFT_OUT = ["total_fixed_cost", "total_energy_cost", "total_time_cost", "total_parking_cost", "total_reservation_cost", "total_parking_time"];

const TARIFF_FILE = join(mkdtempSync(join(tmpdir(), "ev-tariff-cdr-check-")), "ocpi-tariff.json");
writeFileSync(TARIFF_FILE, JSON.stringify(TARIFF));
afterAll(() => rmSync(dirname(TARIFF_FILE), { recursive: true, force: true }));
/** `ocpi check [flags] TARIFF_FILE -`, the CDR on standard input. */
const check = (cdr: unknown, ...flags: string[]) => runCli(["ocpi", "check", ...flags, TARIFF_FILE, "-"], JSON.stringify(cdr));

describe("checkCdr compares only the totals the CDR states", () => {
  it("a CDR with only total_cost, right: no mismatch; the left-out totals are named as not compared", () => {
    const { mismatches, notCompared } = checkCdr(TARIFF, ONLY_TOTAL);
    expect(mismatches).toEqual([]);
    expect(notCompared).toEqual(LEFT_OUT);
  });

  it("a CDR with only total_cost, wrong: a mismatch on total_cost", () => {
    const { mismatches } = checkCdr(TARIFF, { ...ONLY_TOTAL, total_cost: { excl_vat: 0.43, incl_vat: 0.5503 } });
    expect(mismatches).toEqual([{ field: "total_cost.excl_vat", cdr: "0.43", computed: "0.4402" }]);
  });

  it("a breakdown total the CDR states is compared: a wrong total_energy_cost fails", () => {
    const { mismatches, notCompared } = checkCdr(TARIFF, { ...ONLY_TOTAL, total_energy_cost: { excl_vat: 0.4, incl_vat: 0.5503 } });
    expect(mismatches).toEqual([{ field: "total_energy_cost.excl_vat", cdr: "0.4", computed: "0.4402" }]);
    expect(notCompared).not.toContain("total_energy_cost");
  });

  it("a stated total of 0 is compared (0 is not the same as absent)", () => {
    const { mismatches } = checkCdr(TARIFF, { ...ONLY_TOTAL, total_energy_cost: { excl_vat: 0, incl_vat: 0 } });
    expect(mismatches.map((m) => m.field)).toEqual(["total_energy_cost.excl_vat", "total_energy_cost.incl_vat"]);
  });

  it("null is the same as left out (OCPI: 'it might be null, or the field might be omitted')", () => {
    const { mismatches, notCompared } = checkCdr(TARIFF, { ...ONLY_TOTAL, total_energy_cost: null, total_parking_time: null });
    expect(mismatches).toEqual([]);
    expect(notCompared).toEqual(LEFT_OUT);
  });

  it("a price without incl_vat: excl_vat compared, incl_vat named as not compared", () => {
    const { mismatches, notCompared } = checkCdr(TARIFF, { ...ONLY_TOTAL, total_cost: { excl_vat: 0.4402 } });
    expect(mismatches).toEqual([]);
    expect(notCompared).toEqual(["total_cost.incl_vat", ...LEFT_OUT]);
  });

  it("absentAsZero: a left-out cost total is expected to be 0 (the conformance data's convention)", () => {
    const { mismatches, notCompared } = checkCdr(TARIFF, ONLY_TOTAL, { absentAsZero: true });
    expect(mismatches).toEqual([
      { field: "total_energy_cost.excl_vat", cdr: "0", computed: "0.4402" },
      { field: "total_energy_cost.incl_vat", cdr: "0", computed: "0.5503" },
    ]);
    expect(notCompared).toEqual([]);
  });

  it("absentAsZero: a left-out total_parking_time is expected to be 0 too", () => {
    const parked = {
      ...ONLY_TOTAL,
      charging_periods: [...ONLY_TOTAL.charging_periods, { start_date_time: "2026-01-13T15:00:00Z", dimensions: [{ type: "PARKING_TIME", volume: 0.5 }] }],
      total_energy_cost: { excl_vat: 0.4402, incl_vat: 0.5503 },
    };
    expect(checkCdr(TARIFF, parked).mismatches).toEqual([]);
    expect(checkCdr(TARIFF, parked, { absentAsZero: true }).mismatches).toEqual([{ field: "total_parking_time", cdr: "0", computed: "0.5" }]);
  });
});

describe("ocpi check on the command line", () => {
  it("only total_cost, right: exit 0, ok, and the totals not compared", () => {
    const r = check(ONLY_TOTAL);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      "<stdin>: ok (the totals it states agree with tariff t1 at 4 decimals)",
      `<stdin>: not compared (the CDR does not state them): ${LEFT_OUT.join(", ")}`,
    ]);
    expect(r.err).toEqual([]);
  });

  it("only total_cost, wrong: exit 1; both amounts at the same decimals, as --json prints them", () => {
    const wrong = { ...ONLY_TOTAL, total_cost: { excl_vat: 0.43, incl_vat: 0.5503 } };
    const r = check(wrong);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["<stdin>: /total_cost/excl_vat: the CDR says 0.4300, the tariff gives 0.4402"]);
    const json = check(wrong, "--json");
    expect(json.code).toBe(1);
    const { ok, mismatches, notCompared } = JSON.parse(json.out.join("\n"));
    expect(ok).toBe(false);
    expect(mismatches).toEqual([{ field: "total_cost.excl_vat", cdr: "0.4300", computed: "0.4402" }]);
    expect(notCompared).toEqual(LEFT_OUT);
  });

  it("a CDR amount with more than 4 decimals is printed whole, and the tariff's with as many", () => {
    const r = check({ ...ONLY_TOTAL, total_cost: { excl_vat: 0.44031, incl_vat: 0.5503 } });
    expect(r.err).toEqual(["<stdin>: /total_cost/excl_vat: the CDR says 0.44031, the tariff gives 0.44020"]);
  });

  it("--absent-as-zero: the left-out total_energy_cost is expected to be 0", () => {
    const r = check(ONLY_TOTAL, "--absent-as-zero");
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "<stdin>: /total_energy_cost/excl_vat: the CDR says 0.0000, the tariff gives 0.4402",
      "<stdin>: /total_energy_cost/incl_vat: the CDR says 0.0000, the tariff gives 0.5503",
    ]);
    expect(r.out).toEqual([]);
  });

  it("--absent-as-zero belongs to check: with price it is a usage error", () => {
    const r = runCli(["ocpi", "price", "--absent-as-zero", TARIFF_FILE, "-"], JSON.stringify(ONLY_TOTAL));
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("--absent-as-zero is an option of ocpi check");
  });
});
