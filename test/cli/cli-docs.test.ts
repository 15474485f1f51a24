/**
 * docs/cli.md's command table keeps up with `ev-tariff --help` (src/cli/help.ts): each command's
 * synopsis there is the first cell of its row (issue 15: `validate` takes --kind and reads sessions,
 * OCPI and OCPP documents; `markets` takes codes).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/help.js";

const CLI_MD = readFileSync(fileURLToPath(new URL("../../docs/cli.md", import.meta.url)), "utf8");
/** The first cells of the command table's rows. */
const rows = CLI_MD.split("\n")
  .filter((l) => l.startsWith("| `ev-tariff "))
  .map((l) => l.slice(3, l.indexOf("` |")));
/** The synopsis of a command in the main help: its usage line up to the description. */
const synopsis = (command: string) =>
  HELP.split("\n")
    .find((l) => l.startsWith(`  ev-tariff ${command} `))!
    .trim()
    .split(/\s{2,}/)[0]!;

describe("docs/cli.md command table", () => {
  for (const command of ["validate", "price", "explain", "markets"]) {
    it(`${command}: the row has --help's synopsis`, () => {
      expect(rows).toContain(synopsis(command));
    });
  }

  it("the validate row names every kind it recognises, the markets row the codes filter", () => {
    expect(synopsis("validate")).toBe("ev-tariff validate <file…> [--kind K]");
    expect(synopsis("markets")).toBe("ev-tariff markets [CODE…] [--json]");
    const row = (s: string) => CLI_MD.split("\n").find((l) => l.startsWith(`| \`${s}\``))!;
    expect(row(synopsis("validate"))).toMatch(/sessions, OCPI tariffs and charge records, and OCPP tariffs/);
    expect(row(synopsis("markets"))).toMatch(/only those named/);
  });
});
