import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const SIZE_LIMIT = 40_000;

/** Minified and gzip sizes of parse + price as a browser bundles them. */
export async function browserCoreSize(): Promise<{ bytes: number; gzip: number }> {
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
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
