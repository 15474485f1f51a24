/**
 * Round trips over generated tariffs: v1 → OCPI (2.2.1, 2.3.0) → v1 and v1 → OCPP 2.1 → v1 price
 * generated sessions exactly as the original, where the mapping is exact; every OCPI and OCPP
 * document produced is validated (OCPP against the official SetDefaultTariffRequest schema).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, type Receipt, type Tariff } from "../../src/index.js";
import { costDetails, ocpiToTariff, ocppToTariff, tariffToOcpi, tariffToOcpp } from "../../src/interop/index.js";
import { Notes } from "../../src/interop/common.js";
import { readOcpiTariff } from "../../src/interop/ocpi/model.js";
import { conditions, decimalText, sessionDoc, tariffDoc } from "../properties/arbitraries.js";
import { costDetailsErrors, ocppTariffErrors } from "./helpers.js";
import { runs } from "../helpers/runs.js";

const RUNS = runs(50);
const vat = fc.constantFrom("0.21", "0.06", "0.2", "0.1", "0.17", "0");

/** Tariffs whose every feature both formats hold: own per-dimension VAT, prices excluding it. */
const exactTariff = (o: { steps: boolean; idleMinutes: boolean }) => {
  const when = (flat: boolean) =>
    conditions().map((c) => {
      const { idleMinutes, energyKWh, powerKW, sessionMinutes, ...rest } = c;
      if (flat) return rest;
      return { ...rest, ...(energyKWh ? { energyKWh } : {}), ...(powerKW ? { powerKW } : {}), ...(sessionMinutes ? { sessionMinutes } : {}), ...(o.idleMinutes && idleMinutes ? { idleMinutes } : {}) };
    });
  const rate = (d: "energy" | "time" | "idle" | "flat") =>
    fc.record(
      {
        price: decimalText(d === "energy" ? 2 : 30, d === "energy" ? 4 : 2),
        ...(o.steps && d !== "flat" ? { step: d === "energy" ? fc.constantFrom("0.1", "0.5", "1", "0.001") : fc.constantFrom("1", "60", "300", "900") } : {}),
        when: when(d === "flat"),
      },
      { requiredKeys: ["price"] },
    );
  return fc
    .record({
      market: fc.constantFrom("FR", "BE", "NL", "GR", "LU"),
      energy: fc.array(rate("energy"), { maxLength: 3 }),
      time: fc.array(rate("time"), { maxLength: 2 }),
      idle: fc.array(rate("idle"), { maxLength: 2 }),
      flat: fc.array(rate("flat"), { maxLength: 2 }),
      vats: fc.record({ energy: fc.option(vat), time: fc.option(vat), idle: fc.option(vat), flat: fc.option(vat) }),
      minPrice: fc.option(decimalText(5, 2)),
      maxPrice: fc.option(fc.integer({ min: 500, max: 20_500 }).map((c) => (c / 100).toFixed(2))),
    })
    .filter((t) => t.energy.length + t.time.length + t.idle.length + t.flat.length > 0)
    .map(({ vats, minPrice, maxPrice, ...t }) => {
      const groups = new Map<string, string[]>();
      // A VAT only where the dimension has rates: the standards carry VAT on price components.
      for (const [d, r] of Object.entries(vats)) if (r !== null && t[d as "energy"].length) groups.set(r, [...(groups.get(r) ?? []), d]);
      return {
        version: 1,
        id: "generated",
        currency: "EUR",
        pricesInclude: "none",
        ...t,
        ...(minPrice !== null ? { minPrice } : {}),
        ...(maxPrice !== null ? { maxPrice } : {}),
        taxes: [...groups].map(([rate, appliesTo]) => ({ name: "VAT", rate, appliesTo })),
      };
    });
};

/** What two receipts must share to be the same price: every line's amounts and the totals. */
function amounts(r: Receipt) {
  return {
    lines: r.lines.map((l) => [l.component, l.from, l.to, l.quantity, l.net, l.gross]),
    taxes: r.taxes.map((t) => [t.rate, t.base, t.amount]),
    totals: r.totals,
  };
}

function samePrices(a: Tariff, b: Tariff, sessions: readonly Record<string, unknown>[]) {
  for (const s of sessions) {
    const session = parseSession(s);
    expect(amounts(priceSession(b, session))).toEqual(amounts(priceSession(a, session)));
  }
}

function validOcpi(doc: unknown, version: "2.2.1" | "2.3.0") {
  const notes = new Notes();
  readOcpiTariff(doc, notes, version);
  expect(notes.errors).toEqual([]);
}

describe("v1 → OCPI → v1", () => {
  for (const version of ["2.2.1", "2.3.0"] as const) {
    it(`OCPI ${version}: same prices for generated sessions; documents valid`, () => {
      fc.assert(
        fc.property(exactTariff({ steps: true, idleMinutes: false }), fc.array(sessionDoc(), { minLength: 1, maxLength: 3 }), (doc, sessions) => {
          const tariff = parseTariff(doc);
          const out = tariffToOcpi(tariff, { version, lastUpdated: "2024-01-01T00:00:00Z" });
          validOcpi(out.value, version);
          // The only note an exact tariff may get: OCPI's rule for the charging-time step with parking.
          expect(out.warnings.filter((w) => !/step_size when the session also pays for parking|flat fee's conditions/.test(w.message))).toEqual([]);
          const back = ocpiToTariff(JSON.parse(JSON.stringify(out.value)), { version });
          expect(back.warnings).toEqual([]);
          samePrices(tariff, back.value, sessions);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("any tariff (market taxes, prices including tax, grace periods) exports to a valid OCPI document and reads back", () => {
    fc.assert(
      fc.property(tariffDoc(), fc.constantFrom("2.2.1" as const, "2.3.0" as const), (doc, version) => {
        const out = tariffToOcpi(parseTariff(doc), { version, taxDate: "2025-06-01", lastUpdated: "2024-01-01T00:00:00Z" });
        validOcpi(out.value, version);
        expect(() => ocpiToTariff(out.value, { version })).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  it("a grace period (idleMinutes) cannot go to OCPI: the warning names it", () => {
    const t = parseTariff({ version: 1, id: "g", market: "NL", currency: "EUR", idle: [{ price: "6", when: { idleMinutes: { min: 15 } } }], taxes: [] });
    const { warnings } = tariffToOcpi(t);
    expect(warnings).toContainEqual(expect.objectContaining({ path: "/idle/0/when/idleMinutes" }));
  });
});

describe("v1 → OCPP 2.1 → v1", () => {
  it("same prices for generated sessions; every TariffType valid against SetDefaultTariffRequest", () => {
    fc.assert(
      fc.property(exactTariff({ steps: false, idleMinutes: true }), fc.array(sessionDoc(), { minLength: 1, maxLength: 3 }), (doc, sessions) => {
        const tariff = parseTariff(doc);
        const out = tariffToOcpp(tariff);
        expect(ocppTariffErrors(out.value)).toEqual([]);
        expect(out.warnings.filter((w) => !/per minute|fixed fee has only/.test(w.message))).toEqual([]);
        const back = ocppToTariff(JSON.parse(JSON.stringify(out.value)), { market: tariff.market });
        expect(back.warnings.filter((w) => !/names no tax rates/.test(w.message))).toEqual([]);
        samePrices(tariff, back.value, sessions);
      }),
      { numRuns: RUNS },
    );
  });

  it("any tariff exports to a valid TariffType and reads back", () => {
    fc.assert(
      fc.property(tariffDoc(), (doc) => {
        const t = parseTariff(doc);
        const out = tariffToOcpp(t, { taxDate: "2025-06-01" });
        expect(ocppTariffErrors(out.value)).toEqual([]);
        expect(() => ocppToTariff(out.value, { market: t.market })).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  it("billing steps do not exist in OCPP: the warning names the step", () => {
    const t = parseTariff({ version: 1, id: "s", market: "FR", currency: "EUR", time: [{ price: "3", step: 300 }] });
    expect(tariffToOcpp(t, { taxDate: "2025-06-01" }).warnings).toContainEqual(expect.objectContaining({ path: "/time/0/step" }));
  });

  it("cost details: valid CostDetailsType whose total is the receipt's", () => {
    fc.assert(
      fc.property(tariffDoc(), sessionDoc(), (doc, s) => {
        const tariff = parseTariff(doc);
        const session = parseSession(s);
        const details = costDetails(tariff, session);
        expect(costDetailsErrors(details)).toEqual([]);
        const receipt = priceSession(tariff, session);
        expect(details.totalCost.total).toEqual({ exclTax: Number(receipt.totals.net), inclTax: Number(receipt.totals.gross) });
        expect(details.totalCost.currency).toBe(receipt.currency);
      }),
      { numRuns: RUNS },
    );
  });
});
