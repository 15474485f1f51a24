import { build, type Plugin } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const SIZE_LIMIT = 40_000;

/**
 * Minified and gzip sizes of parse + price as a browser bundles them (with `fastEngine`, the same
 * bundle with the Node-side fast engine left in, for comparison).
 */
export async function browserCoreSize(options: { fastEngine?: boolean } = {}): Promise<{ bytes: number; gzip: number }> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const result = await build({
    stdin: {
      contents: 'export { parseTariff, parseSession, priceSession } from "./src/index.ts";',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    plugins: options.fastEngine ? [] : [fastEngineOff()],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * The browser build swaps the fast engine (src/fast/engine.ts) for src/fast/engine-none.ts: same
 * names, no fast path, so the decimal.js-light pricer prices every session (identical receipts).
 */
export function fastEngineOff(): Plugin {
  const none = fileURLToPath(new URL("../src/fast/engine-none.ts", import.meta.url));
  return {
    name: "fast-engine-off",
    setup(b) {
      b.onResolve({ filter: /\/fast\/engine\.js$/ }, () => ({ path: none }));
    },
  };
}
