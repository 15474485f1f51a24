/**
 * The worked examples of OCPI 2.2.1 mod_tariffs ("Tariff examples", step_size and restriction
 * examples), as charge records built from the prose, priced with the example tariffs (read in place
 * from the conformance data). Amounts are compared at 4 decimals; where the spec prints cents, the
 * exact 4-decimal amount is asserted and the cent amount noted.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { priceCdr, type CdrPricing, type OcpiPrice221 } from "../../src/interop/index.js";
import { cdr, CONFORMANCE } from "../interop/helpers.js";

const tariff = (name: string) => JSON.parse(readFileSync(join(CONFORMANCE, name, "tariff.json"), "utf8")) as Record<string, unknown>;
const total = (p: CdrPricing, field: keyof CdrPricing["totals"] = "total_cost") => p.totals[field] as OcpiPrice221;

describe("OCPI 2.2.1 tariff examples, priced from charge records", () => {
  it("0.25 per kWh: 20 kWh cost 5.00 excl. / 5.50 incl. VAT", () => {
    const p = priceCdr(tariff("simple_025kwh"), cdr([["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"));
    expect(total(p)).toEqual({ excl_vat: 5, incl_vat: 5.5 });
  });

  it("0.25 per kWh + start fee: 5.50 / 6.10", () => {
    const p = priceCdr(tariff("025kwh_start"), cdr([["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"));
    expect(total(p)).toEqual({ excl_vat: 5.5, incl_vat: 6.1 });
    expect(total(p, "total_fixed_cost")).toEqual({ excl_vat: 0.5, incl_vat: 0.6 });
  });

  it("minimum price: 20 kWh cost 5.00 / 5.50, under 2 kWh 0.50 / 0.55", () => {
    const t = tariff("025kwh_min_price");
    expect(total(priceCdr(t, cdr([["2024-03-04T10:00:00Z", { ENERGY: 20 }]], "2024-03-04T11:00:00Z")))).toEqual({ excl_vat: 5, incl_vat: 5.5 });
    const small = priceCdr(t, cdr([["2024-03-04T10:00:00Z", { ENERGY: 1.2 }]], "2024-03-04T11:00:00Z"));
    expect(total(small)).toEqual({ excl_vat: 0.5, incl_vat: 0.55 });
    expect(small.limit).toBe("min_price");
    expect(total(small, "total_energy_cost")).toEqual({ excl_vat: 0.3, incl_vat: 0.33 });
  });

  it("0.25 per kWh + parking + start fee: 20 kWh and 40 min parking cost 7.00 / 7.90 (45 min billed)", () => {
    const p = priceCdr(
      tariff("025kwh_parking_start"),
      cdr([["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }], ["2024-03-04T11:00:00Z", { PARKING_TIME: 0.6667 }]], "2024-03-04T11:40:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 7, incl_vat: 7.9 });
    expect(total(p, "total_parking_cost")).toEqual({ excl_vat: 1.5, incl_vat: 1.8 });
  });

  it("max price: 50 kWh cost 10.00 / 11.00 (limited), 30 kWh 8.00 / 8.85", () => {
    const t = tariff("025kwh_start_max_price");
    const big = priceCdr(t, cdr([["2019-03-04T10:00:00Z", { ENERGY: 50 }]], "2019-03-04T12:00:00Z"));
    expect(total(big)).toEqual({ excl_vat: 10, incl_vat: 11 });
    expect(big.limit).toBe("max_price");
    expect(total(priceCdr(t, cdr([["2019-03-04T10:00:00Z", { ENERGY: 30 }]], "2019-03-04T12:00:00Z")))).toEqual({ excl_vat: 8, incl_vat: 8.85 });
  });

  it("the max-price tariff's end date (2019-06-30) is enforced", () => {
    expect(() => priceCdr(tariff("025kwh_start_max_price"), cdr([["2020-03-04T10:00:00Z", { ENERGY: 30 }]], "2020-03-04T12:00:00Z"))).toThrow(/end_date_time/);
  });

  it("2 per hour: 2.5 hours cost 5.00 / 5.50", () => {
    const p = priceCdr(tariff("simple_2hour"), cdr([["2024-03-04T10:00:00Z", { TIME: 2.5 }]], "2024-03-04T12:30:00Z"));
    expect(total(p)).toEqual({ excl_vat: 5, incl_vat: 5.5 });
  });

  it("3 per hour, 5 per hour parking: 150 min + 42 min parking cost 11.25 / 12.75", () => {
    const p = priceCdr(
      tariff("simple_3hour_5parking"),
      cdr([["2024-03-04T10:00:00Z", { TIME: 2.5 }], ["2024-03-04T12:30:00Z", { PARKING_TIME: 0.7 }]], "2024-03-04T13:12:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 11.25, incl_vat: 12.75 });
  });

  it("ad hoc 1.90 per hour, 5.2 % VAT: 2.5 hours cost 4.75 / 4.997 (the spec's 5.00 is 4.997 to the cent)", () => {
    const p = priceCdr(tariff("alt_text"), cdr([["2024-03-04T10:00:00Z", { TIME: 2.5 }]], "2024-03-04T12:30:00Z"));
    expect(total(p)).toEqual({ excl_vat: 4.75, incl_vat: 4.997 });
  });

  it("alt URL: 20.45 kWh billed as 20.5 kWh: energy 5.125 / 5.6375, total 5.625 / 6.2375 (5.13 / 5.64 and 5.63 / 6.24 to the cent)", () => {
    const p = priceCdr(tariff("alt_url"), cdr([["2024-03-04T10:00:00Z", { ENERGY: 20.45 }]], "2024-03-04T11:00:00Z"));
    expect(total(p, "total_energy_cost")).toEqual({ excl_vat: 5.125, incl_vat: 5.6375 });
    expect(total(p)).toEqual({ excl_vat: 5.625, incl_vat: 6.2375 });
  });

  it("complex, Monday 09:30: 165 min at 16 A and 42 min parking cost 9.00 / 10.30 (no step on charging time)", () => {
    // 2024-03-04 is a Monday.
    const p = priceCdr(
      tariff("complex"),
      cdr([["2024-03-04T09:30:00Z", { TIME: 2.75, MAX_CURRENT: 16, MIN_CURRENT: 6 }], ["2024-03-04T12:15:00Z", { PARKING_TIME: 0.7 }]], "2024-03-04T12:57:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 9, incl_vat: 10.3 });
    expect(total(p, "total_time_cost")).toEqual({ excl_vat: 2.75, incl_vat: 3.3 });
    expect(total(p, "total_parking_cost")).toEqual({ excl_vat: 3.75, incl_vat: 4.125 });
  });

  it("complex, Saturday 13:30: 114 min at 43 A and 71 min parking cost 12.375 / 13.975", () => {
    // 2024-03-09 is a Saturday.
    const p = priceCdr(
      tariff("complex"),
      cdr([["2024-03-09T13:30:00Z", { TIME: 1.9, MIN_CURRENT: 43, MAX_CURRENT: 43 }], ["2024-03-09T15:24:00Z", { PARKING_TIME: 1.1833 }]], "2024-03-09T16:35:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 12.375, incl_vat: 13.975 });
    expect(total(p, "total_parking_cost")).toEqual({ excl_vat: 7.5, incl_vat: 8.25 });
  });

  it("free of charge", () => {
    const p = priceCdr(tariff("free_of_charge"), cdr([["2024-03-04T10:00:00Z", { ENERGY: 12, TIME: 1 }]], "2024-03-04T11:00:00Z"));
    expect(total(p)).toEqual({ excl_vat: 0, incl_vat: 0 });
  });

  it("reservation 5 per hour: 15 min reservation, then 20 kWh: 6.75 / 7.60", () => {
    const p = priceCdr(
      tariff("reservation_5_euro_per_hour"),
      cdr([["2024-03-04T09:45:00Z", { RESERVATION_TIME: 0.25 }], ["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 6.75, incl_vat: 7.6 });
    expect(total(p, "total_reservation_cost")).toEqual({ excl_vat: 1.25, incl_vat: 1.5 });
    expect(total(p, "total_time_cost")).toEqual({ excl_vat: 0, incl_vat: 0 });
  });

  it("reservation fee 2 + 5 per hour: 13 min reservation billed as 15, then 20 kWh: 8.75 / 10.00", () => {
    const p = priceCdr(
      tariff("reservation_2_euro_fee_5_euro_per_hour"),
      cdr([["2024-03-04T09:47:00Z", { RESERVATION_TIME: 0.2167 }], ["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"),
    );
    expect(total(p)).toEqual({ excl_vat: 8.75, incl_vat: 10 });
    expect(total(p, "total_reservation_cost")).toEqual({ excl_vat: 3.25, incl_vat: 3.9 });
  });

  it("reservation with expire fee: 22 min then 20 kWh: 6.50 / 7.30; expired after 1 hour: 6.00 / 7.20", () => {
    const t = tariff("reservation_with_expire_fee");
    const used = priceCdr(t, cdr([["2024-03-04T09:38:00Z", { RESERVATION_TIME: 0.3667 }], ["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"));
    expect(total(used)).toEqual({ excl_vat: 6.5, incl_vat: 7.3 });
    const expired = priceCdr(t, cdr([["2024-03-04T09:00:00Z", { RESERVATION_TIME: 1 }]], "2024-03-04T10:00:00Z"));
    expect(total(expired)).toEqual({ excl_vat: 6, incl_vat: 7.2 });
  });

  it("reservation with expire time: 22 min then 20 kWh: 7.00 / 7.90; expired after 1.5 hours: 9.00 / 10.80", () => {
    const t = tariff("reservation_with_expire_time");
    const used = priceCdr(t, cdr([["2024-03-04T09:38:00Z", { RESERVATION_TIME: 0.3667 }], ["2024-03-04T10:00:00Z", { ENERGY: 20, TIME: 1 }]], "2024-03-04T11:00:00Z"));
    expect(total(used)).toEqual({ excl_vat: 7, incl_vat: 7.9 });
    const expired = priceCdr(t, cdr([["2024-03-04T09:00:00Z", { RESERVATION_TIME: 1.5 }]], "2024-03-04T10:30:00Z"));
    expect(total(expired)).toEqual({ excl_vat: 9, incl_vat: 10.8 });
  });

  it("max_power: 1 kWh at 6 kW, 40 kWh at 48 kW, 0.5 kWh at 4 kW cost 20.30 excl. VAT", () => {
    const p = priceCdr(
      tariff("restriction_example_max_power"),
      cdr(
        [
          ["2024-03-04T10:00:00Z", { ENERGY: 1, TIME: 0.1667 }],
          ["2024-03-04T10:10:00Z", { ENERGY: 40, TIME: 0.8333 }],
          ["2024-03-04T11:00:00Z", { ENERGY: 0.5, TIME: 0.125 }],
        ],
        "2024-03-04T11:07:30Z",
      ),
    );
    expect(total(p).excl_vat).toBe(20.3);
  });

  it("max_power read from the record's MAX_POWER dimension when it gives one", () => {
    const p = priceCdr(
      tariff("restriction_example_max_power"),
      cdr([["2024-03-04T10:00:00Z", { ENERGY: 10, MAX_POWER: 20 }]], "2024-03-04T11:00:00Z"),
    );
    // 10 kWh in an hour is 10 kW on average, but the record says the power reached 20 kW: 0.35.
    expect(total(p).excl_vat).toBe(3.5);
  });

  it("max_duration: 5 kWh in the first 30 min free, 1.2 kWh in the next 10 min at 0.25: 0.30 excl. VAT", () => {
    const p = priceCdr(
      tariff("restriction_example_max_duration"),
      cdr([["2024-03-04T10:00:00Z", { ENERGY: 5 }], ["2024-03-04T10:30:00Z", { ENERGY: 1.2 }]], "2024-03-04T10:40:00Z"),
    );
    expect(total(p).excl_vat).toBe(0.3);
  });

  it("step_size #1 (as OCPI 2.3.0 states it): 16:55, 10 min charging, 2 min parking: 0.10 + 0.20 + 0.25 = 0.55", () => {
    const p = priceCdr(
      tariff("step_size"),
      cdr(
        [
          ["2024-03-04T16:55:00Z", { TIME: 0.0833 }],
          ["2024-03-04T17:00:00Z", { TIME: 0.0833 }],
          ["2024-03-04T17:05:00Z", { PARKING_TIME: 0.0333 }],
        ],
        "2024-03-04T17:07:00Z",
      ),
    );
    expect(total(p, "total_time_cost").excl_vat).toBe(0.3);
    expect(total(p, "total_parking_cost").excl_vat).toBe(0.25);
    expect(total(p).excl_vat).toBe(0.55);
  });

  it("step_size #2: 16:35, 35 min charging, rounded to 45 min on the last element: 0.50 + 0.80 = 1.30", () => {
    const p = priceCdr(tariff("step_size"), cdr([["2024-03-04T16:35:00Z", { TIME: 0.4167 }], ["2024-03-04T17:00:00Z", { TIME: 0.1667 }]], "2024-03-04T17:10:00Z"));
    expect(total(p).excl_vat).toBe(1.3);
  });

  it("step_size, switching to free parking at 20:00: 12 min charging 0.48, 18 min parking billed 0.30: 0.78 (OCPI 2.2.1)", () => {
    const p = priceCdr(
      tariff("step_size"),
      cdr([["2024-03-04T19:40:00Z", { TIME: 0.2 }], ["2024-03-04T19:52:00Z", { PARKING_TIME: 0.1333 }], ["2024-03-04T20:00:00Z", { PARKING_TIME: 0.2 }]], "2024-03-04T20:12:00Z"),
    );
    expect(total(p, "total_time_cost").excl_vat).toBe(0.48);
    expect(total(p, "total_parking_cost").excl_vat).toBe(0.3);
    expect(total(p).excl_vat).toBe(0.78);
  });

  it("mod_cdrs step_size: 21 min charging then 7 min parking, both per 5 min: charging 21 min, parking 10 min", () => {
    const t = { ...tariff("simple_3hour_5parking"), elements: [{ price_components: [{ type: "TIME", price: 3, step_size: 300 }, { type: "PARKING_TIME", price: 6, step_size: 300 }] }] };
    const p = priceCdr(t, cdr([["2024-03-04T10:00:00Z", { TIME: 0.35 }], ["2024-03-04T10:21:00Z", { PARKING_TIME: 0.1167 }]], "2024-03-04T10:28:00Z"));
    expect(total(p, "total_time_cost").excl_vat).toBe(1.05); // 21 min × 3/h, not 25 min
    expect(total(p, "total_parking_cost").excl_vat).toBe(1); // 10 min × 6/h
  });

  it("the zone comes from the CDR's location, else the option, else UTC", () => {
    const t = tariff("step_size");
    // 15:55Z is 16:55 in Amsterdam (CET): the same example as above, read in local time.
    const periods: [string, Record<string, number>][] = [
      ["2024-03-04T15:55:00Z", { TIME: 0.0833 }],
      ["2024-03-04T16:00:00Z", { TIME: 0.0833 }],
      ["2024-03-04T16:05:00Z", { PARKING_TIME: 0.0333 }],
    ];
    const inLocation = priceCdr(t, cdr(periods, "2024-03-04T16:07:00Z", { cdr_location: { country: "NLD", time_zone: "Europe/Amsterdam" } }));
    expect(inLocation.timeZone).toBe("Europe/Amsterdam");
    expect(total(inLocation).excl_vat).toBe(0.55);
    const byOption = priceCdr(t, cdr(periods, "2024-03-04T16:07:00Z"), { timeZone: "Europe/Amsterdam" });
    expect(total(byOption).excl_vat).toBe(0.55);
    const utc = priceCdr(t, cdr(periods, "2024-03-04T16:07:00Z"));
    expect(utc.timeZone).toBe("UTC");
    // Read in UTC it is all before 17:00: 10 min at 1.20 (no step: parking is billed) + 0.25 parking.
    expect(total(utc).excl_vat).toBe(0.45);
  });
});
