import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + types. dinero.js is ESM-only, so it is bundled into the CJS build.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    noExternal: ["dinero.js"],
  },
  {
    // The CLI: the only code that touches node:fs and process.
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    noExternal: ["dinero.js"],
  },
]);
