import { defineConfig } from "tsup";
import { fastEngineOff } from "./scripts/size-lib.js";

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
    // The browser build (the "browser" export condition): the same API without the Node-side integer
    // fast path; the decimal pricer stands in for it with identical receipts (test/fast).
    entry: { browser: "src/index.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    platform: "browser",
    esbuildPlugins: [fastEngineOff()],
  },
  {
    // The CLI: the only code that touches node:fs and process.
    // batch-worker: the worker threads of `ev-tariff batch`, loaded from next to cli.js.
    entry: { cli: "src/cli/bin.ts", "batch-worker": "src/cli/batch-worker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
