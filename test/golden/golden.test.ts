/**
 * Golden receipts for the bundled tariffs.
 *
 * tariffs/manifest.json pairs each bundled tariff with sessions of its market. Each pair is priced
 * with the library and compared (deep equality) with test/golden/receipts/<market>/<session file>.
 * Every golden was checked by hand against its tariff: see test/golden/REVIEW.md.
 *
 * To create or refresh goldens after a deliberate change:
 *   UPDATE_GOLDEN=1 npx vitest run test/golden
 * then review the diff by hand and update REVIEW.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSession, parseTariff, priceSession, safeParseTariff } from "../../src/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TARIFFS = join(ROOT, "tariffs");
const RECEIPTS = join(ROOT, "test", "golden", "receipts");
const MANIFEST = join(TARIFFS, "manifest.json");
const SCHEMA_REF = "../../schema/tariff.schema.json";
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const CREATE_HINT = "UPDATE_GOLDEN=1 npx vitest run test/golden";

interface Pair {
  /** Tariff file, relative to tariffs/ ("gr/athens-dc-150.json"). */
  readonly tariff: string;
  /** Session file, relative to tariffs/ ("gr/sessions/evening-fast-charge.json"). */
  readonly session: string;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Every *.json under a folder, as posix paths relative to it. */
function jsonFiles(folder: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...jsonFiles(join(folder, entry.name), rel));
    else if (entry.isFile() && entry.name.endsWith(".json")) out.push(rel);
  }
  return out.sort();
}

const isSessionFile = (rel: string) => rel.split("/").includes("sessions");
const allJson = jsonFiles(TARIFFS);
/** Tariff files: every tariffs/**\/*.json except sessions and the manifest. */
const tariffFiles = allJson.filter((rel) => rel !== "manifest.json" && !isSessionFile(rel));
const sessionFiles = allJson.filter(isSessionFile);

const manifest = readJson(MANIFEST) as Pair[];

/** "gr" of "gr/sessions/x.json". */
const marketFolder = (rel: string) => rel.split("/")[0]!;
/** test/golden/receipts/<market>/<session file name>. */
const goldenOf = (pair: Pair) => posix.join(marketFolder(pair.session), posix.basename(pair.session));

/** Settlement digits of the bundled markets' currencies: CLP and COP settle in whole units, the rest in cents. */
const DIGITS: Readonly<Record<string, number>> = { CLP: 0, COP: 0 };

/**
 * Minor units of a money string of a currency ("-4.99" EUR → -499n, "7990" CLP → 7990n); the string
 * must carry exactly the currency's settlement digits.
 */
function minor(money: string, currency: string): bigint {
  const digits = DIGITS[currency] ?? 2;
  expect(money, `${currency} money string ${money}`).toMatch(digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`));
  return BigInt(money.replace(".", ""));
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  // The suite runs once per host time zone, possibly in parallel: write a temp file, then rename.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

describe("tariffs/manifest.json", () => {
  it("is a list of { tariff, session } pairs of existing files, a session in its tariff's market folder", () => {
    expect(Array.isArray(manifest)).toBe(true);
    expect(manifest.length).toBeGreaterThan(0);
    for (const pair of manifest) {
      expect(Object.keys(pair).sort()).toEqual(["session", "tariff"]);
      expect(tariffFiles, `manifest tariff ${pair.tariff} is a tariff file`).toContain(pair.tariff);
      expect(sessionFiles, `manifest session ${pair.session} is a session file`).toContain(pair.session);
      expect(pair.session.startsWith(`${marketFolder(pair.tariff)}/sessions/`), `${pair.session} is in ${marketFolder(pair.tariff)}/sessions/`).toBe(
        true,
      );
    }
  });

  it("names each golden receipt once (session file names are unique per market)", () => {
    const goldens = manifest.map(goldenOf);
    expect(new Set(goldens).size).toBe(goldens.length);
  });

  it("lists every tariff file at least once", () => {
    const listed = new Set(manifest.map((p) => p.tariff));
    expect(tariffFiles.filter((f) => !listed.has(f))).toEqual([]);
  });

  it("lists every session file at least once", () => {
    const listed = new Set(manifest.map((p) => p.session));
    expect(sessionFiles.filter((f) => !listed.has(f))).toEqual([]);
  });
});

describe("bundled tariff files", () => {
  it("exist in every market folder", () => {
    expect(new Set(tariffFiles.map(marketFolder))).toEqual(
      new Set(["us", "pr", "gr", "be", "nl", "lu", "fr", "mx", "cl", "sv", "gt", "uy", "cr", "pa", "co", "br", "jm", "aw"]),
    );
  });

  it.each(tariffFiles)("%s validates, names the schema first in $schema, and sits in its market's folder", (rel) => {
    const json = readJson(join(TARIFFS, rel)) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe("$schema");
    expect(json.$schema).toBe(SCHEMA_REF);
    expect(existsSync(join(TARIFFS, dirname(rel), SCHEMA_REF))).toBe(true);
    const result = safeParseTariff(json);
    expect(result.ok ? [] : result.issues).toEqual([]);
    // A region ("US-IA", "MX-BCN", "BR-SP") sits in its country's folder.
    expect(String(json.market).slice(0, 2).toLowerCase()).toBe(marketFolder(rel));
  });
});

describe("golden receipts", () => {
  it.each(manifest)("$tariff × $session", (pair) => {
    const tariff = parseTariff(readJson(join(TARIFFS, pair.tariff)));
    const session = parseSession(readJson(join(TARIFFS, pair.session)));
    // Compare what would be written: plain JSON, no undefined fields.
    const receipt = JSON.parse(JSON.stringify(priceSession(tariff, session))) as ReturnType<typeof priceSession>;

    // Invariants of the contract, whatever the golden says.
    const cents = (money: string) => minor(money, receipt.currency);
    const lineNets = receipt.lines.reduce((acc, l) => acc + cents(l.net), 0n);
    const lineGross = receipt.lines.reduce((acc, l) => acc + cents(l.gross), 0n);
    const taxes = receipt.taxes.reduce((acc, t) => acc + cents(t.amount), 0n);
    expect(lineNets).toBe(cents(receipt.totals.net));
    expect(lineGross).toBe(cents(receipt.totals.gross));
    expect(taxes).toBe(cents(receipt.totals.tax));
    expect(cents(receipt.totals.net) + cents(receipt.totals.tax)).toBe(cents(receipt.totals.gross));
    if (session.payment === "cash" && (receipt.market === "BE" || receipt.market === "NL")) {
      expect(cents(receipt.totals.gross) % 5n).toBe(0n);
    }
    if (session.payment === "cash" && receipt.market === "CL") {
      expect(cents(receipt.totals.gross) % 10n).toBe(0n);
    }

    const rel = goldenOf(pair);
    const file = join(RECEIPTS, rel);
    const text = JSON.stringify(receipt, null, 2) + "\n";
    if (UPDATE) {
      if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeAtomically(file, text);
      return;
    }
    if (!existsSync(file)) {
      expect.fail(
        `missing golden receipt test/golden/receipts/${rel} for ${pair.tariff} × ${pair.session}; ` +
          `create it with \`${CREATE_HINT}\`, then check it by hand and add the check to test/golden/REVIEW.md`,
      );
    }
    expect(receipt, `receipt differs from test/golden/receipts/${rel} (refresh deliberately with \`${CREATE_HINT}\`)`).toStrictEqual(
      readJson(file),
    );
  });
});
