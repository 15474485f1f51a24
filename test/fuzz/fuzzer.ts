/**
 * A fuzzer for everything the engine reads: valid documents corrupted at random (fields deleted,
 * replaced by hostile values, types swapped, keys added), then parsed and, when accepted, priced.
 * Each input must either price soundly or be refused with a TariffError listing issues with paths;
 * any other exception, a NaN, an Infinity or a float in a receipt is a failure.
 */
import fc from "fast-check";
import { parseSession, parseTariff, priceSession, safeParseSession, safeParseTariff, TariffError, type Receipt } from "../../src/index.js";
import { sessionDoc, tariffDoc } from "../properties/arbitraries.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that have broken parsers before. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null, true, false, 0, -0, -1, 1e308, -1e308, 5e-324, 0.1 + 0.2, Number.MAX_SAFE_INTEGER + 2, "", " ", "NaN", "Infinity", "-0", "1e3",
    "0x10", "١٢٣", "12,5", "0.0000001", "999999999999.999999", "1".repeat(400), "2026-02-30T10:00:00Z", "2026-03-29T02:30:00",
    "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2026-03-29T02:30:00+25:00", "Europe/Atlantis", "__proto__", "constructor",
    "\u0000", "\ud800", "e\u0301", [], {}, [[[[[]]]]], { __proto__: { polluted: true } } as unknown as Json, { constructor: { prototype: {} } },
  ),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

const textOf = (v: Json): string => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v));

/** Applies one random corruption at a random place of a JSON value. */
function corrupt(doc: Json, path: number[], action: number, value: Json, key: string): Json {
  if (doc === null || typeof doc !== "object") return action % 3 === 0 ? value : doc;
  const entries = Array.isArray(doc) ? doc.map((v, i) => [String(i), v] as const) : Object.entries(doc);
  if (entries.length === 0 || path.length === 0) {
    if (Array.isArray(doc)) return action % 2 ? [...doc, value] : [];
    return action % 2 ? { ...doc, [key]: value } : value;
  }
  const [head, ...rest] = path;
  const i = head! % entries.length;
  const [k, v] = entries[i]!;
  const replaced = rest.length === 0 ? [value, undefined, Array.isArray(v) ? v : [v], typeof v === "string" ? Number(v) : textOf(v)][action % 4] : corrupt(v, rest, action, value, key);
  if (Array.isArray(doc)) {
    const copy = [...doc];
    if (replaced === undefined) copy.splice(i, 1);
    else copy[i] = replaced as Json;
    return copy;
  }
  const copy: Record<string, Json> = { ...doc };
  if (replaced === undefined) delete copy[k];
  else copy[k] = replaced as Json;
  return copy;
}

const corruption = <T>(base: fc.Arbitrary<T>) =>
  fc
    .tuple(base, fc.array(fc.nat(), { minLength: 0, maxLength: 4 }), fc.nat(), hostile, fc.constantFrom("x", "__proto__", "constructor", "prototype", "when", "price"), fc.nat({ max: 3 }))
    .map(([doc, path, action, value, key, times]) => {
      let out = doc as unknown as Json;
      for (let t = 0; t <= times; t++) out = corrupt(out, path.slice(t % Math.max(1, path.length)), action + t, value, key);
      return out;
    });

function checkReceipt(r: Receipt): void {
  // Every number in a receipt is a decimal string: no NaN, no Infinity, no exponent, no float.
  const decimalText = /^-?\d+(\.\d+)?$/;
  const numbers = [
    r.energyKWh,
    ...Object.values(r.totals),
    ...r.lines.flatMap((l) => [l.quantity, l.unitPrice, l.net, l.gross]),
    ...r.taxes.flatMap((t) => [t.rate, t.base, t.amount]),
  ];
  for (const n of numbers) if (typeof n !== "string" || !decimalText.test(n)) throw new Error(`not a decimal string in a receipt: ${String(n)}`);
  const minor = (s: string) => BigInt(s.replace(".", ""));
  const net = r.lines.reduce((a, l) => a + minor(l.net), 0n);
  if (net !== minor(r.totals.net)) throw new Error("line nets do not add up to totals.net");
  if (minor(r.totals.net) + minor(r.totals.tax) !== minor(r.totals.gross)) throw new Error("net + tax != gross");
}

function expectRefusal(e: unknown): void {
  if (!(e instanceof TariffError)) throw e;
  if (e.issues.length === 0) throw new Error("TariffError without issues");
  for (const i of e.issues) if (typeof i.path !== "string" || !i.message) throw new Error(`bad issue ${JSON.stringify(i)}`);
}

/** One fuzz case: a (possibly corrupted) tariff and session. */
export function fuzzOne(tariff: unknown, session: unknown): "priced" | "refused" {
  const t = safeParseTariff(tariff);
  const s = safeParseSession(session);
  if (!t.ok || !s.ok) {
    for (const r of [t, s]) if (!r.ok) expectRefusal(new TariffError(r.issues));
    // parse must agree with safeParse
    if (!t.ok) try { parseTariff(tariff); throw new Error("parseTariff accepted what safeParseTariff refused"); } catch (e) { expectRefusal(e); }
    if (!s.ok) try { parseSession(session); throw new Error("parseSession accepted what safeParseSession refused"); } catch (e) { expectRefusal(e); }
    return "refused";
  }
  try {
    checkReceipt(priceSession(t.value, s.value));
    return "priced";
  } catch (e) {
    expectRefusal(e);
    return "refused";
  }
}

/** The property: corrupted tariffs and sessions (and clean ones) never crash the engine. */
export function fuzzProperty() {
  return fc.property(
    fc.oneof(corruption(tariffDoc()), tariffDoc()),
    fc.oneof(corruption(sessionDoc()), sessionDoc()),
    (t, s) => {
      fuzzOne(t, s);
    },
  );
}

export { corruption, hostile };
