/**
 * The CDR reader's fast path (issue 12): hand-written checks of a valid record, held equal to the
 * zod reader it falls back to, on valid records and on records broken in every field it reads.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Notes } from "../../src/interop/common.js";
import { ocpiDateTime, ocpiMs, readOcpiCdr, readOcpiCdrFully, utcInstant } from "../../src/interop/ocpi/model.js";
import { parseInstant } from "../../src/time/instants.js";
import { exactQ, hours4, offHours } from "../../src/interop/ocpi/cdr.js";
import { priceCdr } from "../../src/interop/index.js";
import { roundTo, plain } from "../../src/interop/common.js";
import { decimalQ, qeq } from "../../src/engine/exact.js";
import { Dec } from "../../src/money/decimal.js";

const RECORD = {
  id: "c-1",
  start_date_time: "2025-01-06T10:00:00Z",
  end_date_time: "2025-01-06T11:00:00.500+01:00",
  currency: "EUR",
  cdr_location: { country: "NLD", time_zone: "Europe/Amsterdam" },
  charging_periods: [
    { start_date_time: "2025-01-06T10:00:00", dimensions: [{ type: "ENERGY", volume: 5.25 }, { type: "TIME", volume: 0.5 }], tariff_id: "t" },
    { start_date_time: "2025-01-06T10:30:00.000Z", dimensions: [{ type: "PARKING_TIME", volume: 0.5 }] },
  ],
  total_cost: { excl_vat: 1.5, incl_vat: 1.815 },
  total_energy_cost: { before_taxes: 1.5, taxes: [{ name: "VAT", percentage: 21, amount: 0.315 }] },
  total_energy: 5.25,
  total_time: 1,
  total_parking_time: 0.5,
};

/** Both readers' answers: the record read and the errors noted. */
function both(doc: unknown) {
  const fast = new Notes("charge record");
  const full = new Notes("charge record");
  return { fast: { value: readOcpiCdr(doc, fast), errors: fast.errors }, full: { value: readOcpiCdrFully(doc, full), errors: full.errors } };
}

/** Values a field may be given: right, wrong and borderline. */
const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, "", "EUR", "eur", "EURO", 0, -1, 1e9, 1e9 + 1, -1e9, 0.1 + 0.2, 1e-7, 100, 100.5, 2 ** 53 + 2, 1.5, true, [], {}, [1], { a: null }),
  fc.constantFrom("2025-01-06T10:00:00Z", "2025-01-06t10:00:00Z", "2025-01-06T10:00:00z", "2025-02-29T10:00:00Z", "2024-02-29T10:00:00", "1969-12-31T23:59:59Z"),
  fc.constantFrom("2025-01-06T10:00:00.1234Z", "2025-01-06T10:00:00.1230Z", "2025-01-06T24:00:00Z", "2025-01-06T10:00:00+24:00", "2025-01-06T10:00:00+0100", "2200-01-01T00:00:00Z"),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4 }),
);

/** A path into RECORD to replace, with the value put there. */
const PATHS: (string | number)[][] = [
  ["id"],
  ["start_date_time"],
  ["end_date_time"],
  ["currency"],
  ["cdr_location"],
  ["cdr_location", "country"],
  ["cdr_location", "time_zone"],
  ["location"],
  ["charging_periods"],
  ["charging_periods", 0],
  ["charging_periods", 0, "start_date_time"],
  ["charging_periods", 1, "start_date_time"],
  ["charging_periods", 0, "dimensions"],
  ["charging_periods", 0, "dimensions", 0],
  ["charging_periods", 0, "dimensions", 0, "type"],
  ["charging_periods", 0, "dimensions", 1, "volume"],
  ["charging_periods", 0, "tariff_id"],
  ["charging_periods", 1, "extra"],
  ["total_cost"],
  ["total_cost", "excl_vat"],
  ["total_cost", "incl_vat"],
  ["total_energy_cost", "before_taxes"],
  ["total_energy_cost", "taxes"],
  ["total_energy_cost", "taxes", 0],
  ["total_energy_cost", "taxes", 0, "name"],
  ["total_energy_cost", "taxes", 0, "percentage"],
  ["total_energy_cost", "taxes", 0, "amount"],
  ["total_fixed_cost"],
  ["total_reservation_cost"],
  ["total_energy"],
  ["total_time"],
  ["total_parking_time"],
  ["unknown_member"],
];

function replaced(doc: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = Array.isArray(doc) ? [...doc] : typeof doc === "object" && doc !== null ? { ...doc } : {};
  (base as Record<string | number, unknown>)[head!] = replaced((base as Record<string | number, unknown>)[head!], rest, value);
  return base;
}

describe("the CDR reader's fast path", () => {
  it("takes a valid record as it is (no copy), and a record with null members as the zod reader does", () => {
    expect(readOcpiCdr(RECORD, new Notes())).toBe(RECORD);
    // and gives its instants as read
    const times = { start: NaN, end: NaN, periods: [] as number[] };
    readOcpiCdr(RECORD, new Notes(), times);
    expect(times).toEqual({ start: Date.UTC(2025, 0, 6, 10), end: Date.UTC(2025, 0, 6, 10, 0, 0, 500), periods: [Date.UTC(2025, 0, 6, 10), Date.UTC(2025, 0, 6, 10, 30)] });
    // none when the zod reader read the record
    readOcpiCdr({ ...RECORD, currency: "eur" }, new Notes(), times);
    expect(times.periods).toEqual([]);
    const withNulls = { ...RECORD, id: null, location: null, total_cost: { excl_vat: 1.5, incl_vat: null }, x: { y: [null, { z: null }] } };
    const { fast, full } = both(withNulls);
    expect(fast).toEqual(full);
    expect(fast.value).not.toHaveProperty("id");
    expect((fast.value as unknown as { x: unknown }).x).toEqual({ y: [null, {}] });
  });

  it("reads every record as the zod reader does: the same record, or the same issues with their paths", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), (changes) => {
        const doc = changes.reduce<unknown>((d, [path, value]) => replaced(d, path, value), RECORD);
        const { fast, full } = both(doc);
        expect(fast).toEqual(full);
      }),
      { numRuns: 600 },
    );
  });

  it("refuses nesting deeper than 64 levels as the zod reader does", () => {
    let deep: unknown = {};
    for (let i = 0; i < 70; i++) deep = { a: deep };
    const { fast, full } = both({ ...RECORD, x: deep });
    expect(fast).toEqual(full);
    expect(fast.errors[0]?.message).toBe("is nested more than 64 levels deep");
  });

  it("ocpiMs accepts exactly the DateTimes ocpiDateTime accepts, at the instant parseInstant reads", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const text = fc
      .tuple(
        fc.oneof(digits(4), fc.constantFrom("1970", "2199", "2200", "1969", "2024")),
        digits(2),
        digits(2),
        fc.constantFrom("T", "t", " "),
        digits(2),
        digits(2),
        digits(2),
        fc.oneof(fc.constant(""), fc.stringMatching(/^\.[0-9]{0,10}$/), fc.constantFrom(".000", ".1230000", ".0001")),
        fc.oneof(fc.constantFrom("", "Z", "z", "+01:00", "-23:59", "+24:00", "+0100", "Z "), fc.stringMatching(/^[+-][0-9]{2}:[0-9]{2}$/)),
      )
      .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 30 })), (s) => {
        const ok = ocpiDateTime.safeParse(s).success;
        const ms = ocpiMs(s);
        expect(!Number.isNaN(ms)).toBe(ok);
        if (ok) expect(ms).toBe(parseInstant(utcInstant(s)));
      }),
      { numRuns: 3000 },
    );
    expect(ocpiMs("2025-01-06T10:00:00")).toBe(Date.UTC(2025, 0, 6, 10));
    expect(ocpiMs("2024-02-29T23:00:00.123000000-01:00")).toBe(Date.UTC(2024, 2, 1, 0, 0, 0, 123));
  });

  it("exactQ is the exact value of a number's shortest text, for any double and for decimals of up to 15 digits", () => {
    const exact = (n: number) => decimalQ(new Dec(String(n)).toFixed())!;
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(qeq(exactQ(n), exact(n))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 20 }), fc.boolean())
      .map(([digits, scale, negative]) => (negative ? -1 : 1) * Number(`${digits}e-${scale}`));
    fc.assert(
      fc.property(decimal, (n) => {
        expect(qeq(exactQ(n), exact(n))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(exactQ(0.167)).toEqual({ n: 167, d: 1000 });
    expect(exactQ(0.1 + 0.2)).toEqual({ n: 7_500_000_000_000_001, d: 25_000_000_000_000_000n }); // 0.30000000000000004
    expect(exactQ(1.5e-7)).toEqual({ n: 3, d: 20_000_000 });
  });

  it("Notes give each warning once, several messages at one path included", () => {
    const notes = new Notes("charge record");
    for (const [path, message] of [["/a", "x"], ["/a", "y"], ["/a", "x"], ["/a", "y"], ["/b", "x"], ["/a", "z"], ["/a", "z"]]) notes.warn(path!, message!);
    expect(notes.warnings.map((w) => `${w.path} ${w.message} ${w.document}`)).toEqual(["/a x charge record", "/a y charge record", "/b x charge record", "/a z charge record"]);
    // warnOnce (a warning unique by its path) counts toward the same 1,000
    for (let i = 0; i < 1000; i++) notes.warnOnce(`/p/${i}`, "m");
    notes.warn("/c", "m");
    expect(notes.warnings).toHaveLength(1001);
    expect(notes.warnings[1000]).toEqual({ path: "", message: "more than 1000 warnings; the rest are not listed" });
  });

  it("a time volume more than 0.0001 h off its period's length is named, exactly (offHours, hours4 against decimals)", () => {
    const hours = (ms: number) => new Dec(ms).div(3_600_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e10 }), fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 1e9 }).map((n) => n / 1000)), (ms, volume) => {
        const v = new Dec(String(volume));
        expect(offHours(exactQ(volume), ms)).toBe(v.minus(hours(ms)).abs().gt("0.0001"));
        expect(hours4(ms)).toBe(plain(roundTo(hours(ms), 4)));
      }),
      { numRuns: 3000 },
    );
    for (const [ms, volume, off] of [[600_000, 0.1667, false], [600_000, 0.167, true], [600_360, 0.1667, false], [601_560, 0.1672, false], [601_559, 0.1672, true], [602_280, 0.1672, false], [602_281, 0.1672, true]] as const)
      expect(offHours(exactQ(volume), ms)).toBe(off);
    const tariff = { country_code: "NL", party_id: "X", id: "t", currency: "EUR", elements: [{ price_components: [{ type: "TIME", price: 2, step_size: 1 }] }], last_updated: "2025-01-01T00:00:00Z" };
    const record = {
      ...RECORD,
      end_date_time: "2025-01-06T10:50:00.000Z",
      charging_periods: [
        { start_date_time: "2025-01-06T10:00:00Z", dimensions: [{ type: "TIME", volume: 0.167 }] },
        { start_date_time: "2025-01-06T10:10:00.000+00:00", dimensions: [{ type: "TIME", volume: 0.6667 }] },
      ],
      total_cost: undefined,
      total_energy_cost: undefined,
    };
    expect(priceCdr(tariff, record).warnings.filter((w) => w.path.startsWith("/charging_periods"))).toEqual([
      {
        path: "/charging_periods/0/dimensions/0/volume",
        message: 'TIME 0.167 h, but the period lasts 0.1667 h (2025-01-06T10:00:00Z to 2025-01-06T10:10:00Z); priced by the timestamps (OCPI: "A period ends when the next period starts")',
        document: "charge record",
      },
    ]);
  });
});
