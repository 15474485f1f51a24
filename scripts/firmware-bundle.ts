/**
 * The firmware bundle: the no-Intl entry (src/no-intl.ts) with its dependencies (zod, decimal.js)
 * in one file, for the charger's agent (QuickJS or any engine without Intl or Node built-ins). The
 * IIFE form defines the global `EvTariff`; the ESM form exports the same names.
 */
import { build } from "esbuild";

export type FirmwareFormat = "iife" | "esm";

/** The global the IIFE bundle defines. */
export const FIRMWARE_GLOBAL = "EvTariff";

/** Builds the bundle in memory and returns its text. */
export async function firmwareBundle(format: FirmwareFormat = "iife", minify = true): Promise<string> {
  const result = await build({
    entryPoints: [new URL("../src/no-intl.ts", import.meta.url).pathname],
    bundle: true,
    write: false,
    format,
    ...(format === "iife" ? { globalName: FIRMWARE_GLOBAL } : {}),
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2020",
    minify,
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
