import { readFileSync } from "node:fs";

declare const __VERSION__: string | undefined;

/** The package version: set at build time, else read from package.json (tsx, tests). */
export function version(): string {
  if (typeof __VERSION__ === "string") return __VERSION__;
  // src/cli/version.ts is two levels below package.json.
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "ev-tariff" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next place
    }
  }
  return "unknown";
}
