/**
 * Comparing NDJSON session lines, the same in the main thread (`--workers 0`) and in each worker of
 * `ev-tariff compare`: one outcome per non-blank line (src/compare/compare.ts `Outcome`).
 */
import { compareSession, type CompiledSide, type Outcome } from "../compare/compare.js";
import { safeParseSession } from "../schema/parse-session.js";
import { tariffBook, type TariffSource } from "./batch-lines.js";

/** A side as read from the command line: one tariff file, or every tariff file under a folder. */
export interface SideSources {
  readonly sources: TariffSource[];
  readonly folder: boolean;
}

/** Compiles a side's files (throws InputError naming a bad file, as batch does). */
export function sideOf(side: SideSources): { side: CompiledSide; skipped: string[] } {
  const { book, skipped } = tariffBook(side.sources, side.folder);
  return { side: { single: book.single, byId: book.byId }, skipped };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function compareLine(current: CompiledSide, proposed: CompiledSide, text: string, line: number): Outcome {
  const invalid = (path: string, message: string): Outcome => ({ kind: "invalid", line, issues: [{ path, message }] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return invalid("", `is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(json)) return invalid("", "must be a session object");
  const { tariffId, ...session } = json;
  if (tariffId !== undefined && typeof tariffId !== "string") return invalid("/tariffId", "must be a string: the id of the session's tariff");
  const parsed = safeParseSession(session);
  if (!parsed.ok) return { kind: "invalid", line, issues: parsed.issues };
  try {
    return compareSession(current, proposed, { session: parsed.value, ...(tariffId !== undefined ? { tariffId } : {}) }, line);
  } catch (e) {
    return invalid("", `internal error: ${(e as Error)?.message ?? String(e)} (please report this)`);
  }
}

/**
 * Outcomes of a block of whole lines ("\n" ends a line, a "\r" before it is dropped), the first
 * being line `first` (1-based); blank lines give none.
 */
export function compareLines(current: CompiledSide, proposed: CompiledSide, block: string, first: number): Outcome[] {
  const lines = block.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out: Outcome[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.endsWith("\r") ? lines[i]!.slice(0, -1) : lines[i]!;
    if (text.trim() !== "") out.push(compareLine(current, proposed, text, first + i));
  }
  return out;
}
