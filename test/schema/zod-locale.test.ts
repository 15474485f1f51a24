/**
 * zod fills an issue without a message of its own from a process-wide locale. Any copy of zod classic
 * loaded in the same process sets one (an application's own zod, or a bundled copy such as
 * playwright-core's), and the words ev-tariff gives must not change with it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { config, locales } from "zod/mini";
import { safeParseSession, safeParseTariff, type SafeParseResult } from "../../src/index.js";
import { ocpiToTariff, ocppToTariff } from "../../src/interop/index.js";

const T = { version: 1, id: "t", market: "GR", currency: "EUR", energy: [{ price: "0.45" }] };
const S = { start: "2026-03-28T23:30:00Z", end: "2026-03-29T02:30:00Z", energyKWh: "22.5" };
const thrown = (f: () => unknown) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return (e as { issues?: unknown }).issues;
  }
};
const issues = (r: SafeParseResult<unknown>) => (r.ok ? "parsed" : r.issues);
const before = config().localeError;
afterEach(() => {
  config({ localeError: before });
});

describe("issue words do not depend on zod's process-wide locale", () => {
  it("the same issues with and without the English locale set", () => {
    const cases = () => [
      issues(safeParseTariff({ ...T, energy: [5] })),
      issues(safeParseTariff({ ...T, energy: "x" })),
      issues(safeParseTariff({ ...T, name: 5 })),
      issues(safeParseSession({ ...S, meter: [null, 5, []] })),
      issues(safeParseSession({ ...S, energyKWh: 22.5 })),
      thrown(() => ocpiToTariff({ id: 5, currency: "EUR", elements: [7] })),
      thrown(() => ocppToTariff({ tariffId: 5, currency: "EUR", energy: [] })),
    ];
    config({ localeError: undefined });
    const bare = cases();
    config(locales.en());
    expect(config().localeError).toBeTypeOf("function");
    expect(cases()).toEqual(bare);
    expect(bare[0]).toEqual([{ path: "/energy/0", message: "must be a JSON object" }]);
    expect(bare[3]).toEqual(["/meter/0", "/meter/1", "/meter/2"].map((path) => ({ path, message: "must be a JSON object" })));
  });
});
