import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tariff = "tariffs/gr/athens-dc-150.json";
const session = "tariffs/gr/sessions/evening-fast-charge.json";
const script = (loader: string) => `
  const fs = require("node:fs");
  ${loader}
  const r = lib.priceSession(lib.parseTariff(JSON.parse(fs.readFileSync("${tariff}", "utf8"))), lib.parseSession(JSON.parse(fs.readFileSync("${session}", "utf8"))));
  process.stdout.write(JSON.stringify(r));`;

describe("the built package (npm run build)", () => {
  it("exists", () => {
    expect(existsSync(`${root}/dist/index.js`), "run npm run build first (npm test does)").toBe(true);
  });

  it("gives the same receipt through require (CJS) and import (ESM)", () => {
    const cjs = execFileSync(process.execPath, ["-e", script(`const lib = require("./dist/index.cjs");`)], { cwd: root, encoding: "utf8" });
    const esm = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", script(`const { createRequire } = await import("node:module"); const require = createRequire(import.meta.url + "/"); const lib = await import("./dist/index.js");`).replace('const fs = require("node:fs");', "")],
      { cwd: root, encoding: "utf8" },
    );
    expect(JSON.parse(cjs)).toEqual(JSON.parse(esm));
    expect(JSON.parse(cjs).totals.gross).toMatch(/^\d+\.\d{2}$/);
  });
});
