/**
 * The package as npm publishes it: `npm pack` of the built package (npm test builds first), linted
 * by publint and @arethetypeswrong/cli, then installed from the tarball into an empty project and
 * imported as users import it: ESM, CJS, the no-intl subpath, and the "browser" condition (when
 * package.json has one) through a browser bundler. Receipts must equal the source's.
 *
 * Runs in the UTC project only: packing and installing do not depend on the host zone, and once
 * keeps the suite fast.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession } from "../../src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  exports: Record<string, unknown>;
};
const TARIFF = "tariffs/gr/athens-dc-150.json";
const SESSION = "tariffs/gr/sessions/evening-fast-charge.json";
const expectedReceipt = () =>
  priceSession(
    parseTariff(JSON.parse(readFileSync(join(root, TARIFF), "utf8"))),
    parseSession(JSON.parse(readFileSync(join(root, SESSION), "utf8"))),
  );

/** What a consumer script prints: the receipt and where "ev-tariff" resolved. */
const consumer = (lib: string) => `
  const t = ${lib}.parseTariff(JSON.parse(fs.readFileSync(dir + "/${TARIFF}", "utf8")));
  const s = ${lib}.parseSession(JSON.parse(fs.readFileSync(dir + "/${SESSION}", "utf8")));
  out.receipt = ${lib}.priceSession(t, s);`;

describe.skipIf(process.env.EXPECTED_HOST_TZ !== "UTC")("the published package (npm pack)", () => {
  let tmp: string;
  let tarball: string;
  let app: string;
  let installed: string;

  beforeAll(() => {
    expect(existsSync(join(root, "dist/index.js")), "build first: npx tsup (npm test does)").toBe(true);
    tmp = mkdtempSync(join(tmpdir(), "ev-tariff-pack-"));
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    ) as Array<{ filename: string }>;
    tarball = join(tmp, packed[0]!.filename);
    app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
    // From npm's cache when it has the dependencies (npm ci put them there), else from the registry.
    execFileSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--no-package-lock", "--loglevel=error", tarball],
      { cwd: app, stdio: ["ignore", "pipe", "pipe"] },
    );
    installed = join(app, "node_modules", "ev-tariff");
  }, 120_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("passes publint (strict: warnings count as errors)", async () => {
    const data = readFileSync(tarball);
    const { messages, pkg: linted } = await publint({
      strict: true,
      level: "warning",
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false }) ?? m.code}`)).toEqual([]);
  });

  it("passes @arethetypeswrong/cli (attw) for node10, node16 CJS and ESM, and bundlers", () => {
    const cli = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist/index.js");
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [cli, tarball, "--format", "json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      stdout = (e as { stdout?: string }).stdout ?? String(e);
    }
    const report = JSON.parse(stdout) as { problems?: Record<string, unknown[]>; analysis?: { types?: unknown } };
    expect(report.problems ?? {}).toEqual({});
    expect(report.analysis?.types).toBeTruthy();
  }, 60_000);

  it("ships the built library, the schemas and the tariffs, and no sources or tests", () => {
    const files = (dir: string, at = ""): string[] =>
      readdirSync(join(dir, at), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(at, e.name)) : [join(at, e.name)]));
    const shipped = files(installed);
    for (const f of ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/no-intl.js", "dist/no-intl.cjs", "dist/cli.js", "schema/tariff.schema.json", TARIFF, "README.md"])
      expect(shipped).toContain(f);
    expect(shipped.filter((f) => /^(src|test|scripts|preview)\//.test(f) || f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".d.cts"))).toEqual([]);
  });

  it("imports as ESM (main and no-intl) with the source's receipts", () => {
    const expected = expectedReceipt();
    const out = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import fs from "node:fs"; import * as lib from "ev-tariff"; import * as ni from "ev-tariff/no-intl";
         const dir = ${JSON.stringify(installed)}; const out = {};
         ${consumer("lib")} out.noIntl = (() => { const out = {}; ${consumer("ni")} return out.receipt; })();
         out.resolved = [import.meta.resolve("ev-tariff"), import.meta.resolve("ev-tariff/no-intl")];
         process.stdout.write(JSON.stringify(out));`,
      ],
      { cwd: app, encoding: "utf8" },
    );
    const r = JSON.parse(out) as { receipt: unknown; noIntl: unknown; resolved: string[] };
    expect(r.resolved).toEqual([pathToFileURL(join(installed, "dist/index.js")).href, pathToFileURL(join(installed, "dist/no-intl.js")).href]);
    expect(r.receipt).toEqual(expected);
    expect(r.noIntl).toEqual(expected);
  }, 30_000);

  it("requires as CJS (main, no-intl and the JSON Schema) with the source's receipts", () => {
    const expected = expectedReceipt();
    const out = execFileSync(
      process.execPath,
      [
        "-e",
        `const fs = require("node:fs"); const lib = require("ev-tariff"); const ni = require("ev-tariff/no-intl");
         const dir = ${JSON.stringify(installed)}; const out = {};
         ${consumer("lib")} out.noIntl = (() => { const out = {}; ${consumer("ni")} return out.receipt; })();
         out.resolved = [require.resolve("ev-tariff"), require.resolve("ev-tariff/no-intl")];
         out.schemaTitle = typeof require("ev-tariff/tariff.schema.json").$schema;
         out.error = new lib.TariffError([{ path: "/x", message: "m" }]) instanceof Error;
         process.stdout.write(JSON.stringify(out));`,
      ],
      { cwd: app, encoding: "utf8" },
    );
    const r = JSON.parse(out) as { receipt: unknown; noIntl: unknown; resolved: string[]; schemaTitle: string; error: boolean };
    expect(r.resolved).toEqual([join(installed, "dist/index.cjs"), join(installed, "dist/no-intl.cjs")]);
    expect(r.receipt).toEqual(expected);
    expect(r.noIntl).toEqual(expected);
    expect(r.schemaTitle).toBe("string");
    expect(r.error).toBe(true);
  }, 30_000);

  it("bundles for browsers through the \"browser\" condition, with no Node built-ins, and prices the same", async (ctx) => {
    const expected = expectedReceipt();
    const main = pkg.exports["."] as Record<string, unknown>;
    if (!("browser" in main)) ctx.skip(); // until package.json has the condition
    const browser = main.browser as string | { default: string };
    const target = typeof browser === "string" ? browser : browser.default;
    const result = await build({
      stdin: {
        contents: `import { parseTariff, parseSession, priceSession } from "ev-tariff";
          export const price = (t, s) => priceSession(parseTariff(t), parseSession(s));`,
        resolveDir: app,
        loader: "js",
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.endsWith(`node_modules/ev-tariff/${target.replace(/^\.\//, "")}`)), inputs.join("\n")).toBe(true);
    expect(inputs.filter((i) => i.startsWith("node:") || /(^|\/)node_modules\/dinero\.js\//.test(i))).toEqual([]);
    const file = join(tmp, "browser-bundle.mjs");
    writeFileSync(file, result.outputFiles[0]!.text);
    const { price } = (await import(pathToFileURL(file).href)) as { price: (t: unknown, s: unknown) => unknown };
    expect(price(JSON.parse(readFileSync(join(installed, TARIFF), "utf8")), JSON.parse(readFileSync(join(installed, SESSION), "utf8")))).toEqual(expected);
  }, 60_000);

  it("depends at run time on exactly the packages the built code imports (zod and decimal; not dinero.js)", async () => {
    const deps = Object.keys(pkg.dependencies ?? {}).sort();
    // esbuild reads every import and require of the shipped JavaScript; packages stay external.
    const dist = join(installed, "dist");
    const entryPoints = readdirSync(dist, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(c|m)?js$/.test(f))
      .map((f) => ({ in: join(dist, f), out: f.replace(/\./g, "_") }));
    const { metafile } = await build({ entryPoints, bundle: true, packages: "external", platform: "node", write: false, metafile: true, outdir: join(tmp, "deps"), logLevel: "silent" });
    const builtins = new Set(builtinModules);
    const imported = new Set(
      Object.values(metafile.inputs)
        .flatMap((i) => i.imports)
        .filter((i) => i.external && !i.path.startsWith("node:") && !builtins.has(i.path.split("/")[0]!))
        .map((i) => (i.path.startsWith("@") ? i.path.split("/").slice(0, 2).join("/") : i.path.split("/")[0]!)),
    );
    expect([...imported].sort()).toEqual(deps);
    expect(deps).toContain("zod");
    expect(deps).not.toContain("dinero.js");
    expect(existsSync(join(app, "node_modules", "dinero.js")), "dinero.js must not be installed with the package").toBe(false);
  });
});
