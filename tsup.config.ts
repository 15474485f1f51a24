import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + types. `no-intl`: the same API on embedded zone data (no Intl needed).
    entry: { index: "src/index.ts", "no-intl": "src/no-intl.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
  },
  {
    // The CLI: the only code that touches node:fs and process.
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
