/**
 * The charger's agent runs a small JS engine without Intl. These tests build the no-Intl entry as one
 * bundle (scripts/firmware-bundle.ts, what `npm run build:firmware` writes), run it in QuickJS
 * (quickjs-emscripten), which has no Intl at all, and in Node contexts whose Intl is deleted or
 * booby-trapped, and require receipts (and refusals) identical to Node's `priceSession` with Intl.
 */
import { createContext, runInContext } from "node:vm";
import { getQuickJS, type QuickJSContext, type QuickJSWASMModule } from "quickjs-emscripten";
import { beforeAll, describe, expect, it } from "vitest";
import { firmwareBundle } from "../../scripts/firmware-bundle.js";
import * as main from "../../src/index.js";
import * as noIntl from "../../src/no-intl.js";
import { bundledCases, dstCases, invalidCases, type FirmwareCase } from "./cases.js";

/** Prices every case with a library object; the same source runs in QuickJS, in vm contexts and here. */
const RUNNER = `
globalThis.__priceAll = function (json) {
  var lib = globalThis.EvTariff;
  return JSON.stringify(JSON.parse(json).map(function (c) {
    try {
      return { receipt: lib.priceSession(lib.parseTariff(c.tariff), lib.parseSession(c.session)) };
    } catch (e) {
      return { error: e && e.name, issues: e && e.issues };
    }
  }));
};`;

type Lib = Pick<typeof main, "parseTariff" | "parseSession" | "priceSession">;

/** Node's reference answers, through the same runner. */
function priceAllInNode(lib: Lib, cases: readonly FirmwareCase[]): string {
  const scope = { EvTariff: lib } as { EvTariff: Lib; __priceAll?: (json: string) => string };
  new Function("globalThis", RUNNER)(scope);
  return scope.__priceAll!(JSON.stringify(cases));
}

function priceAllInQuickJS(vm: QuickJSContext, cases: readonly FirmwareCase[]): string {
  const fn = vm.getProp(vm.global, "__priceAll");
  const arg = vm.newString(JSON.stringify(cases));
  const result = vm.unwrapResult(vm.callFunction(fn, vm.undefined, arg));
  const text = vm.getString(result);
  for (const h of [fn, arg, result]) h.dispose();
  return text;
}

/** Names of the cases whose answers differ, for a readable failure. */
function differing(cases: readonly FirmwareCase[], expected: string, actual: string): string[] {
  const e = JSON.parse(expected) as unknown[];
  const a = JSON.parse(actual) as unknown[];
  return cases.filter((_, i) => JSON.stringify(e[i]) !== JSON.stringify(a[i])).map((c) => c.name);
}

/** Built in beforeAll, not when the file loads, like the answers (the case builders call src/). */
let cases: FirmwareCase[] = [];
let iife = "";
let esm = "";
let QuickJS: QuickJSWASMModule;
let expected = "";

beforeAll(async () => {
  cases = [...bundledCases(), ...dstCases(), ...invalidCases()];
  [iife, esm, QuickJS] = await Promise.all([firmwareBundle("iife"), firmwareBundle("esm"), getQuickJS()]);
  expected = priceAllInNode(main, cases);
});

describe("firmware bundle (ev-tariff/no-intl)", () => {
  it("covers every market and region, with DST changes where the zone has them", () => {
    const names = cases.map((c) => c.name);
    for (const m of main.describeMarkets()) {
      if (m.requiresRegion) continue;
      for (const z of m.timeZones) expect(names.some((n) => n.startsWith(`${m.code} ${z} midnight`))).toBe(true);
    }
    for (const z of ["America/Santiago", "America/New_York", "Europe/Brussels", "Europe/Athens", "America/Tijuana", "Pacific/Easter"])
      expect(names.filter((n) => n.includes(`${z} DST change`)).length).toBeGreaterThanOrEqual(2);
    // Mexico City has had no DST since 2022; Santiago's and Easter Island's changes are at local midnight.
    expect(names.some((n) => n.includes("America/Mexico_City DST change"))).toBe(false);
    // Every valid case prices in Node.
    const answers = JSON.parse(expected) as { receipt?: unknown }[];
    const refused = cases.filter((_, i) => !answers[i]!.receipt).map((c) => c.name);
    expect(refused).toEqual(invalidCases().map((c) => c.name));
  });

  it("prices in QuickJS, which has no Intl, exactly as Node does with Intl", () => {
    const vm = QuickJS.newContext();
    try {
      expect(vm.dump(vm.unwrapResult(vm.evalCode("typeof Intl")))).toBe("undefined");
      vm.unwrapResult(vm.evalCode(iife, "ev-tariff-no-intl.js")).dispose();
      vm.unwrapResult(vm.evalCode(RUNNER, "runner.js")).dispose();
      const actual = priceAllInQuickJS(vm, cases);
      expect(differing(cases, expected, actual)).toEqual([]);
      expect(actual === expected).toBe(true);
    } finally {
      vm.dispose();
    }
  });

  it("loads as an ES module in QuickJS too", () => {
    const runtime = QuickJS.newRuntime();
    runtime.setModuleLoader((name) => (name === "ev-tariff/no-intl" ? esm : { error: new Error(`no module ${name}`) }));
    const vm = runtime.newContext();
    try {
      const loaded = vm.evalCode(`import * as lib from "ev-tariff/no-intl"; globalThis.EvTariff = lib;`, "main.mjs", { type: "module" });
      vm.unwrapResult(loaded).dispose();
      vm.runtime.executePendingJobs();
      vm.unwrapResult(vm.evalCode(RUNNER, "runner.js")).dispose();
      const some = bundledCases();
      const actual = priceAllInQuickJS(vm, some);
      const reference = priceAllInNode(main, some);
      expect(differing(some, reference, actual)).toEqual([]);
      expect(actual === reference).toBe(true);
    } finally {
      vm.dispose();
      runtime.dispose();
    }
  });

  it("prices in Node contexts whose Intl is deleted, or throws when touched, exactly as with Intl", () => {
    for (const removeIntl of [
      "delete globalThis.Intl;",
      'Object.defineProperty(globalThis, "Intl", { get() { throw new Error("Intl was used"); }, configurable: true });',
    ]) {
      const context = createContext({});
      runInContext(removeIntl, context);
      runInContext(iife, context, { filename: "ev-tariff-no-intl.js" });
      runInContext(RUNNER, context);
      const actual = runInContext(`__priceAll(${JSON.stringify(JSON.stringify(cases))})`, context) as string;
      expect(differing(cases, expected, actual)).toEqual([]);
      expect(actual === expected).toBe(true);
    }
  });

  it("gives the same answers as src/no-intl.ts in this process", () => {
    const actual = priceAllInNode(noIntl, cases);
    expect(differing(cases, expected, actual)).toEqual([]);
    expect(actual === expected).toBe(true);
  });
});
