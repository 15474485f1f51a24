/**
 * Pricing NDJSON lines, the same in the main thread (`--workers 0`) and in each worker: one output
 * record per non-blank input line, a receipt `{ line, receipt }` or an error `{ line, error: { issues } }`.
 */
import { compileTariff, type CompiledTariff } from "../compile/compile.js";
import { priceSession } from "../price/price-session.js";
import { TariffError, type Issue } from "../schema/errors.js";
import { safeParseSession } from "../schema/parse-session.js";
import { safeParseTariff } from "../schema/parse-tariff.js";
import type { Receipt } from "../receipt/types.js";
import type { PriceOptions } from "../price/price-session.js";
import { displayName, InputError, invalidUtf8At } from "./io.js";
import { detectKind } from "./kinds.js";
import { cliIssues } from "./pricing-options.js";
import { RecordWriter } from "./receipt-bytes.js";

/** What `--max-session-days`, `--ignore-validity` and `--currency`/`--rate` ask of every line. */
export interface LineOptions {
  readonly maxSessionDays?: number;
  readonly price?: PriceOptions;
}

/** The issues a line's error record lists at most; more are counted in one last issue. */
export const MAX_RECORD_ISSUES = 100;

/** A tariff file as read: its name (for messages) and text. */
export interface TariffSource {
  readonly file: string;
  readonly text: string;
}

/** What priced lines come to: the output text and what the summary adds up. */
export interface LinesResult {
  /** NDJSON, one record per non-blank line, each ending in "\n". */
  readonly out: string;
  readonly sessions: number;
  readonly errors: number;
  /** Gross totals per currency: [code, settlement digits, minor units as a decimal string]. */
  readonly totals: [string, number, string][];
}

/** The tariffs a batch prices with: one (every session uses it) or many, by id. */
export interface TariffBook {
  readonly single: CompiledTariff | undefined;
  readonly byId: ReadonlyMap<string, CompiledTariff>;
}

/**
 * Parses and compiles tariff files; a folder's files that are not v1 tariffs (sessions, manifests,
 * OCPI documents, files that are not JSON) are left out and counted. Throws InputError naming the
 * file and its problems when the single tariff is invalid, when a folder's file that is a v1 tariff
 * by its members is invalid, or when two tariffs of a folder share an id.
 */
export function tariffBook(sources: readonly TariffSource[], folder: boolean): { book: TariffBook; skipped: string[] } {
  const byId = new Map<string, CompiledTariff>();
  const files = new Map<string, string>();
  const skipped: string[] = [];
  let single: CompiledTariff | undefined;
  for (const { file, text } of sources) {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (e) {
      if (folder) {
        skipped.push(file);
        continue;
      }
      throw new InputError(displayName(file), [{ path: "", message: `is not valid JSON (${(e as Error).message})` }]);
    }
    const parsed = safeParseTariff(json);
    if (!parsed.ok) {
      if (folder && detectKind(json) !== "tariff") {
        skipped.push(file);
        continue;
      }
      throw new InputError(displayName(file), parsed.issues);
    }
    let compiled: CompiledTariff;
    try {
      compiled = compileTariff(parsed.value);
    } catch (e) {
      if (e instanceof TariffError) throw new InputError(displayName(file), e.issues);
      throw e;
    }
    const id = parsed.value.id;
    if (files.has(id)) throw new InputError(displayName(file), [{ path: "/id", message: `${id} is also the id of ${files.get(id)}` }]);
    files.set(id, file);
    byId.set(id, compiled);
    if (!folder) single = compiled;
  }
  return { book: { single, byId }, skipped };
}

/** A session line's members but its `tariffId`. */
const withoutTariffId = ({ tariffId: _tariffId, ...session }: Record<string, unknown>) => session;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** At most MAX_RECORD_ISSUES issues, and one more saying how many were left out. */
function capped(issues: readonly Issue[]): readonly Issue[] {
  // (The schema's checkers list 100 and count the rest in a 101st.)
  if (issues.length <= MAX_RECORD_ISSUES + 1) return issues;
  return [...issues.slice(0, MAX_RECORD_ISSUES), { path: "", message: `and ${issues.length - MAX_RECORD_ISSUES} more issue(s) not listed` }];
}

/** A line that is not UTF-8 text: priced as an error record, never decoded with replacement characters. */
export interface NotUtf8 {
  readonly notUtf8: string;
}

/** Prices one line and writes its record (and newline); the receipt when there is one. */
function priceLine(book: TariffBook, text: string | NotUtf8, line: number, options: LineOptions, out: RecordWriter): Receipt | undefined {
  const error = (issues: readonly Issue[]): undefined => {
    out.text(JSON.stringify({ line, error: { issues: capped(issues) } }) + "\n");
    return undefined;
  };
  if (typeof text !== "string") return error([{ path: "", message: text.notUtf8 }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return error([{ path: "", message: `is not valid JSON (${(e as Error).message})` }]);
  }
  if (!isObject(json)) return error([{ path: "", message: "must be a session object" }]);
  // `tariffId` names the session's tariff; it is not part of the session itself (a line without one
  // is the session as it stands: no copy).
  const tariffId = json.tariffId;
  const session = "tariffId" in json ? withoutTariffId(json) : json;
  let tariff = book.single;
  if (tariffId !== undefined || !tariff) {
    const named = typeof tariffId === "string" ? book.byId.get(tariffId) : undefined;
    if (!named || (tariff && named !== tariff)) {
      const known = tariff ? `this batch prices with ${tariff.tariff.id} only` : `known: ${[...book.byId.keys()].slice(0, 10).join(", ")}`;
      return error([{ path: "/tariffId", message: tariffId === undefined ? "is required: the session must name its tariff" : `names no tariff of this batch (${known})` }]);
    }
    tariff = named;
  }
  const parsed = safeParseSession(session, options.maxSessionDays === undefined ? {} : { maxSessionDays: options.maxSessionDays });
  if (!parsed.ok) return error(cliIssues(parsed.issues, session));
  try {
    const receipt = priceSession(tariff, parsed.value, options.price);
    out.receiptRecord(line, receipt);
    return receipt;
  } catch (e) {
    if (e instanceof TariffError) return error(e.issues);
    return error([{ path: "", message: `internal error: ${(e as Error)?.message ?? String(e)} (please report this)` }]);
  }
}

/** The lines of a block of NDJSON: split at "\n" (a "\r" before it dropped); a final "\n" ends the last line. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith("\r")) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The lines of a block of NDJSON bytes. A byte order mark is not removed here (the reader removes
 * one at the very start of the input only), and a line that is not well-formed UTF-8 is not
 * decoded: it becomes an error record naming its first bad byte.
 */
export function blockLines(bytes: Uint8Array): (string | NotUtf8)[] {
  try {
    return splitLines(strict.decode(bytes));
  } catch {
    const lines: (string | NotUtf8)[] = [];
    for (let from = 0; from < bytes.length; ) {
      const nl = bytes.indexOf(10, from);
      const to = nl < 0 ? bytes.length : nl;
      const line = bytes.subarray(from, to > from && bytes[to - 1] === 13 ? to - 1 : to);
      const bad = invalidUtf8At(line);
      lines.push(bad < 0 ? strict.decode(line) : { notUtf8: `is not UTF-8 text: byte 0x${line[bad]!.toString(16).padStart(2, "0")} at byte ${bad + 1} of the line` });
      from = to + 1;
    }
    return lines;
  }
}

/** Minor units of a money string with `digits` decimals ("12.34" → 1234n). */
function minorOf(text: string): bigint {
  return BigInt(text.replace(".", ""));
}

/** A currency's gross total: minor units, summed in a JS number while exact and carried into a BigInt. */
export interface Sum {
  readonly digits: number;
  small: number;
  big: bigint;
}

/** Adds a gross amount's minor units ("12.34" → 1234) to a sum, exactly. */
export function addGross(sum: Sum, gross: string): void {
  // At most 15 characters: below 10^15 < 2^50; `small` is carried into `big` past 2^52, so it stays below 2^53.
  if (gross.length > 15) {
    sum.big += minorOf(gross);
    return;
  }
  sum.small += Number(gross.replace(".", ""));
  if (sum.small > 2 ** 52 || sum.small < -(2 ** 52)) {
    sum.big += BigInt(sum.small);
    sum.small = 0;
  }
}

/** What a block of priced lines comes to, its records as UTF-8 bytes (a buffer of their own). */
export interface BlockResult extends Omit<LinesResult, "out"> {
  readonly out: Uint8Array;
}

/** Each thread's writer: its cache of the tariffs' strings is kept from block to block. */
let writer: RecordWriter | undefined;

/**
 * Prices consecutive input lines, the first being line number `first` (1-based); blank lines give
 * no record. Never throws for bad input: each bad line becomes an error record. The records are
 * written as UTF-8 bytes, exactly `JSON.stringify`'s text of each record encoded.
 */
export function priceBlock(book: TariffBook, lines: readonly (string | NotUtf8)[], first: number, options: LineOptions = {}): BlockResult {
  const out = (writer ??= new RecordWriter());
  let sessions = 0;
  let errors = 0;
  const totals = new Map<string, Sum>();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (typeof text === "string" && text.trim() === "") continue;
    const receipt = priceLine(book, text, first + i, options, out);
    if (!receipt) {
      errors++;
      continue;
    }
    sessions++;
    const gross = receipt.totals.gross;
    let sum = totals.get(receipt.currency);
    if (!sum) {
      const dot = gross.indexOf(".");
      totals.set(receipt.currency, (sum = { digits: dot < 0 ? 0 : gross.length - dot - 1, small: 0, big: 0n }));
    }
    addGross(sum, gross);
  }
  return { out: out.take(), sessions, errors, totals: [...totals].map(([code, t]) => [code, t.digits, (t.big + BigInt(t.small)).toString()]) };
}

const decoder = new TextDecoder();

/** `priceBlock` with the records as text. */
export function priceLines(book: TariffBook, lines: readonly (string | NotUtf8)[], first: number, options: LineOptions = {}): LinesResult {
  const r = priceBlock(book, lines, first, options);
  return { ...r, out: decoder.decode(r.out) };
}
