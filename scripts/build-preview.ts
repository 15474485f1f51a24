/**
 * Builds the price preview page (preview/) into preview/dist:
 * - ev-tariff.js: the library as one browser ESM bundle, built by esbuild from the package's browser
 *   entry (src/browser.ts when it exists, else src/index.ts),
 *   minified;
 * - app.js: the page script (preview/app.ts with preview/units.ts and preview/json-pointer.ts),
 *   minified; it imports the library from "./ev-tariff.js" and has every bundled tariff file
 *   (tariffs/**, sessions and manifest left out) embedded as text;
 * - index.html.
 * Run with `npm run preview` (which also serves it) or `tsx scripts/build-preview.ts [outdir]`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, copyFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_PREVIEW_DIR = join(root, "preview", "dist");

/** A bundled tariff as the page lists it: its path under tariffs/ and its text as written. */
export interface BundledTariff {
  readonly file: string;
  readonly text: string;
}

/** Every tariff file under tariffs/ (not the sample sessions, not the manifest), sorted by path. */
export function bundledTariffs(): BundledTariff[] {
  const dir = join(root, "tariffs");
  const out: BundledTariff[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "sessions") walk(p);
      } else if (e.name.endsWith(".json") && e.name !== "manifest.json") {
        out.push({ file: relative(dir, p).split("\\").join("/"), text: readFileSync(p, "utf8") });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The library entry the page loads: the browser entry once the package has one. */
export function libraryEntry(): string {
  const browser = join(root, "src", "browser.ts");
  return existsSync(browser) ? browser : join(root, "src", "index.ts");
}

const pagePlugin: Plugin = {
  name: "preview-page",
  setup(b) {
    // The library stays a separate file: the page loads it the way a web app would load the package.
    b.onResolve({ filter: /^ev-tariff$/ }, () => ({ path: "./ev-tariff.js", external: true }));
    b.onResolve({ filter: /^virtual:tariffs$/ }, () => ({ path: "tariffs", namespace: "preview-tariffs" }));
    b.onLoad({ filter: /.*/, namespace: "preview-tariffs" }, () => ({
      contents: `export default ${JSON.stringify(bundledTariffs())};`,
      loader: "js",
    }));
  },
};

/** Builds the page into `outdir` (default preview/dist) and returns the directory and the library entry used. */
export async function buildPreview(outdir: string = DEFAULT_PREVIEW_DIR): Promise<{ outdir: string; entry: string }> {
  const out = resolve(outdir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entry = libraryEntry();
  const common = { bundle: true, format: "esm", platform: "browser", target: "es2022", sourcemap: true, logLevel: "warning" } as const;
  await build({ ...common, entryPoints: [entry], outfile: join(out, "ev-tariff.js"), minify: true });
  await build({ ...common, entryPoints: [join(root, "preview", "app.ts")], outfile: join(out, "app.js"), plugins: [pagePlugin], minify: true });
  copyFileSync(join(root, "preview", "index.html"), join(out, "index.html"));
  return { outdir: out, entry };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { outdir, entry } = await buildPreview(process.argv[2] ?? DEFAULT_PREVIEW_DIR);
  console.log(`preview built into ${relative(process.cwd(), outdir) || "."} (library from ${relative(root, entry)})`);
}
