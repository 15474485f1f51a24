/**
 * The batch's record writer (src/cli/receipt-bytes.ts) gives exactly the bytes of JSON.stringify,
 * encoded as UTF-8: on every golden pair, on generated tariffs and sessions, billed in another
 * currency, with excise lines, and with ids and names holding what JSON must escape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addGross, type Sum } from "../../src/cli/batch-lines.js";
import { RecordWriter } from "../../src/cli/receipt-bytes.js";
import { compileTariff, parseSession, parseTariff, priceSession, type Receipt } from "../../src/index.js";
import { sessionDoc, tariffDoc } from "../properties/arbitraries.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (rel: string) => JSON.parse(readFileSync(join(ROOT, "tariffs", rel), "utf8")) as Record<string, unknown>;
const utf8 = (text: string) => Buffer.from(text, "utf8");

/** The record as batch wrote it before the writer: JSON.stringify, then UTF-8. */
const expected = (line: number, receipt: Receipt) => utf8(`{"line":${line},"receipt":${JSON.stringify(receipt)}}\n`);

function written(w: RecordWriter, line: number, receipt: Receipt): Buffer {
  w.receiptRecord(line, receipt);
  return Buffer.from(w.take());
}

/** Strings JSON must escape, or that are not ASCII: quotes, backslashes, controls, lone surrogates, U+2028, emoji, Greek. */
const awkward = ['a"b', "back\\slash", "tab\there", "nl\nx", "\u0000\u001f\u007f", "\ud800", "x\udc00y", "\u2028\u2029", "😀 ΦΠΑ", "é", "/", "</script>", ""];

describe("RecordWriter", () => {
  it("writes every golden pair's receipt as JSON.stringify does", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "tariffs/manifest.json"), "utf8")) as { tariff: string; session: string }[];
    const w = new RecordWriter(16);
    for (const [i, pair] of manifest.entries()) {
      const tariff = compileTariff(parseTariff(read(pair.tariff)));
      const receipt = priceSession(tariff, parseSession(read(pair.session)));
      expect(written(w, i + 1, receipt).equals(expected(i + 1, receipt)), `${pair.tariff} ${pair.session}`).toBe(true);
    }
  });

  it("writes receipts billed in another currency, with excise lines, and of cash sessions", () => {
    const w = new RecordWriter();
    const iowa = compileTariff(parseTariff(read("us/des-moines-dc-150.json")));
    const session = parseSession({ id: "s1", start: "2026-05-04T18:00:00Z", end: "2026-05-04T19:00:00Z", energyKWh: "22.5", payment: "cash" });
    const excise = priceSession(iowa, session);
    expect(excise.lines.some((l) => l.component === "excise")).toBe(true);
    expect(written(w, 7, excise).equals(expected(7, excise))).toBe(true);
    const athens = compileTariff(parseTariff(read("gr/athens-dc-150.json")));
    const exchanged = priceSession(athens, session, { currency: "USD", rate: "1.0835" });
    expect(exchanged.exchange).toBeDefined();
    expect(written(w, 8, exchanged).equals(expected(8, exchanged))).toBe(true);
  });

  it("escapes ids, names and sources exactly as JSON.stringify, with or without the cache", () => {
    const w = new RecordWriter(8);
    const base = priceSession(compileTariff(parseTariff(read("gr/athens-dc-150.json"))), parseSession(read("gr/sessions/evening-fast-charge.json")));
    for (const s of awkward) {
      for (let twice = 0; twice < 2; twice++) {
        // Members in priceSession's order (the writer's), each string awkward.
        const receipt: Receipt = {
          tariffId: s,
          sessionId: s,
          market: base.market,
          currency: base.currency,
          exchange: { from: s, to: s, rate: s },
          timeZone: s,
          pricesInclude: base.pricesInclude,
          payment: base.payment,
          energyKWh: s,
          lines: base.lines.map((l) => ({ component: l.component, name: s, rate: s, from: s, to: s, quantity: s, unit: l.unit, unitPrice: s, net: s, gross: s })),
          taxes: base.taxes.map((t) => ({ name: s, rate: s, base: s, amount: s, source: s + t.source })),
          totals: { net: s, tax: s, gross: s },
        };
        expect(written(w, 1, receipt).equals(expected(1, receipt)), JSON.stringify(s)).toBe(true);
      }
    }
  });

  it("writes any text as UTF-8 (error records)", () => {
    const w = new RecordWriter(4);
    for (const s of awkward) {
      w.text(JSON.stringify({ line: 3, error: { issues: [{ path: "/id", message: s }] } }) + "\n");
      expect(Buffer.from(w.take()).equals(utf8(JSON.stringify({ line: 3, error: { issues: [{ path: "/id", message: s }] } }) + "\n"))).toBe(true);
    }
  });

  it("equals JSON.stringify on generated tariffs and sessions, with any session id", () => {
    const w = new RecordWriter(64);
    fc.assert(
      fc.property(tariffDoc(), sessionDoc(), fc.option(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), { nil: undefined }), (t, s, id) => {
        const tariff = compileTariff(parseTariff(t));
        const receipt = priceSession(tariff, parseSession(id === undefined ? s : { ...s, id }));
        expect(written(w, 42, receipt).equals(expected(42, receipt))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("addGross (batch totals)", () => {
  it("sums gross amounts exactly, past 2^53 minor units and with negative ones", () => {
    const money = fc.oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.bigInt({ min: -100_000n, max: 10n ** 15n }),
      fc.constantFrom(0n, 10n ** 15n - 1n, 2n ** 53n, -(2n ** 52n)),
    );
    const text = (minor: bigint, digits: number) => {
      const neg = minor < 0n;
      const s = (neg ? -minor : minor).toString().padStart(digits + 1, "0");
      return (neg ? "-" : "") + (digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s);
    };
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 3), fc.array(money, { maxLength: 300 }), (digits, amounts) => {
        const sum: Sum = { digits, small: 0, big: 0n };
        for (const a of amounts) addGross(sum, text(a, digits));
        expect(sum.big + BigInt(sum.small)).toBe(amounts.reduce((x, y) => x + y, 0n));
      }),
      { numRuns: 300 },
    );
  });
});
