import { defineConfig } from "tsup";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

/**
 * The CLI's zones: every import of src/time/zones.ts in the CLI bundles resolves to src/cli/zones.ts,
 * which reads the market zones from the embedded tz data when it is this Node's own tz version (the
 * same offsets, without warming up Intl: 10–20 ms of start time). That file itself imports the real one.
 */
function cliZones(): Plugin {
  const shim = fileURLToPath(new URL("./src/cli/zones.ts", import.meta.url));
  return {
    name: "cli-zones",
    setup(b) {
      b.onResolve({ filter: /\/time\/zones\.js$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
    },
  };
}

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
    // The browser build (the "browser" export condition): the same API and the same engine, bundled
    // for browsers.
    entry: { browser: "src/index.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    platform: "browser",
  },
  {
    // The CLI: the only code that touches node:fs and process.
    // batch-worker, compare-worker: the worker threads of `ev-tariff batch` and `ev-tariff compare`,
    // loaded from next to cli.js.
    // Each is ONE self-contained file (every dependency bundled in, no shared chunks): Node then reads
    // and compiles one file instead of resolving a graph of chunks and zod's many modules, which was
    // most of the CLI's start time (issue 12; `npm run bench` prints the figure).
    entry: { cli: "src/cli/bin.ts", "batch-worker": "src/cli/batch-worker.ts", "compare-worker": "src/cli/compare-worker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/./],
    splitting: false,
    minify: true,
    define: { __VERSION__: JSON.stringify(version) },
    esbuildPlugins: [cliZones()],
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    // `ev-tariff worker` and `ev-tariff batch --redis` (issue 13), loaded by the CLI only when asked
    // for: the CLI's own code bundled in, BullMQ and ioredis imported from node_modules.
    entry: { "scale-cli": "src/cli/scale.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/^(?!bullmq$|ioredis$)/],
    external: ["bullmq", "ioredis"],
    splitting: false,
    minify: true,
    esbuildPlugins: [cliZones()],
  },
  {
    // `ev-tariff/scale`: the queue for services (createPricingWorker, submitBatch). Node only; never
    // part of the browser core.
    entry: { scale: "src/scale/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
  },
]);
