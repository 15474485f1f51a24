/**
 * The input types for tariffs and sessions written in TypeScript (`TariffInput`, `SessionInput`):
 * type-checked by `npm run typecheck` (tsconfig.json includes test/) and by vitest's expectTypeOf.
 * A tariff literal without `time`, `idle` or `flat` must compile; the hand-written types must accept
 * exactly what the parser's zod schemas accept (both directions); wrong shapes must not compile.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import {
  parseSession,
  parseTariff,
  priceSession,
  type ConditionsInput,
  type DecimalInput,
  type RateInput,
  type SessionInput,
  type TariffInput,
  type TariffTaxInput,
} from "../../src/index.js";
import type { sessionSchema } from "../../src/schema/session.js";
import type { tariffSchema } from "../../src/schema/tariff.js";

/** Removes `readonly` at every depth, to compare with zod's (mutable) input types. */
type Writable<T> = T extends readonly (infer E)[] ? Writable<E>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

/** A tariff written in code: energy only, no `time`, `idle` or `flat` members. */
const energyOnly: TariffInput = {
  version: 1,
  id: "fr-dc-code",
  market: "FR",
  currency: "EUR",
  energy: [{ price: "0.49", when: { timeOfDay: { from: "22:00", to: "07:00" } } }, { price: 0.59 }],
};

/** Every member, as a literal kept `as const` (readonly arrays are accepted). */
const everything = {
  $schema: "https://example.invalid/tariff.schema.json",
  version: 1,
  id: "xx-full",
  name: { en: "Full", "pt-BR": "Completa" },
  market: "DE",
  currency: "EUR",
  timeZone: "Europe/Berlin",
  pricesInclude: "none",
  validFrom: "2026-01-01T00:00:00+01:00",
  validTo: null,
  energy: [{ price: "0.39", step: "0.1", when: { days: ["mon", "tue"], energyKWh: { max: "50" }, powerKW: { min: 50 } } }],
  time: [{ price: "1.20", step: 60, when: { sessionMinutes: { min: "60" }, dates: { from: "2026-01-01", to: "2027-01-01" } } }],
  idle: [{ price: "6", when: { idleMinutes: { min: 15 } } }],
  flat: [{ price: "0.50" }],
  minPrice: "1.00",
  maxPrice: null,
  taxes: [{ name: "MwSt", rate: "0.19", appliesTo: ["energy", "time", "idle", "flat"], method: "added", source: "UStG §12" }],
} as const satisfies TariffInput;

const session: SessionInput = { start: "2026-05-04T18:00:00Z", chargingEnd: "2026-05-04T19:00:00Z", end: "2026-05-04T19:20:00Z", energyKWh: 42.5, payment: "card" };

describe("TariffInput and SessionInput", () => {
  it("match the parser's accepted shapes (z.input of the zod schemas), in both directions", () => {
    expectTypeOf<z.input<typeof tariffSchema>>().toExtend<TariffInput>();
    expectTypeOf<Writable<TariffInput>>().toExtend<z.input<typeof tariffSchema>>();
    expectTypeOf<z.input<typeof sessionSchema>>().toExtend<SessionInput>();
    expectTypeOf<Writable<SessionInput>>().toExtend<z.input<typeof sessionSchema>>();
    expectTypeOf<RateInput["price"]>().toEqualTypeOf<DecimalInput>();
    expectTypeOf<ConditionsInput["days"]>().toEqualTypeOf<readonly ("sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat")[] | undefined>();
    expectTypeOf<TariffTaxInput["appliesTo"][number]>().toEqualTypeOf<"energy" | "time" | "idle" | "flat" | "excise">();
  });

  it("refuse wrong shapes at compile time", () => {
    // @ts-expect-error: version must be 1
    const v2: TariffInput = { version: 2, id: "x", market: "FR", currency: "EUR" };
    // @ts-expect-error: a price is a decimal string or number, not a boolean
    const badPrice: RateInput = { price: true };
    // @ts-expect-error: unknown member (the schema is strict)
    const extra: TariffInput = { version: 1, id: "x", market: "FR", currency: "EUR", energi: [] };
    // @ts-expect-error: energyKWh is required
    const noEnergy: SessionInput = { start: "2026-05-04T18:00:00Z", end: "2026-05-04T19:00:00Z" };
    // @ts-expect-error: "weekend" is not a day
    const badDay: ConditionsInput = { days: ["weekend"] };
    expect([v2, badPrice, extra, noEnergy, badDay]).toHaveLength(5);
  });

  it("a tariff written in code parses and prices", () => {
    const receipt = priceSession(parseTariff(energyOnly), parseSession(session));
    expect(receipt.totals.gross).toBe("25.08"); // 18:00Z is 20:00 in Paris: 42.5 kWh at 0.59 incl. VAT = 25.075
    expect(parseTariff(everything).time).toHaveLength(1);
  });

  it("the package exports the JSON Schemas of both shapes (ev-tariff/tariff.schema.json, ev-tariff/session.schema.json)", () => {
    const require = createRequire(import.meta.url);
    for (const name of ["tariff", "session"]) {
      const file = require.resolve(`ev-tariff/${name}.schema.json`); // the package's own "exports", by self-reference
      expect(file).toBe(fileURLToPath(new URL(`../../schema/${name}.schema.json`, import.meta.url)));
      expect((require(file) as { type: string }).type).toBe("object");
    }
  });

  it("the built declarations export both types (npm test builds first)", () => {
    const dts = readFileSync(new URL("../../dist/index.d.ts", import.meta.url), "utf8");
    for (const name of ["TariffInput", "SessionInput", "RateInput", "ConditionsInput", "RangeInput", "TariffTaxInput", "DecimalInput"]) expect(dts).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
