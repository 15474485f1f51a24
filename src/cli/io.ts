import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Issue } from "../schema/errors.js";
import { jsonSyntaxError } from "./json-error.js";
import { printable } from "./printable.js";

export { printable, jsonText } from "./printable.js";

/** A problem with a file the user named: printed as `file: /pointer: message`, exit 1. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => `${printable(file)}: ${printable(i.path || "/")}: ${printable(i.message)}`).join("\n"));
    this.name = "InputError";
  }
}

/** A mistake in how the command was called: printed with a hint, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Says what a command's error was and gives its exit code: 1 for bad input (an `InputError` names its
 * file and paths), 2 for a usage error (followed by `hint`, how to get help), 3 for anything else, an
 * internal error to report (never a stack trace).
 */
export function exitCodeFor(e: unknown, say: (text: string) => void, hint: string): 1 | 2 | 3 {
  if (e instanceof InputError) {
    say(e.message);
    return 1;
  }
  if (e instanceof UsageError) {
    say(`ev-tariff: ${e.message}\n${hint}`);
    return 2;
  }
  say(`ev-tariff: internal error: ${(e as Error)?.message ?? String(e)} (please report this)`);
  return 3;
}

/** The largest file the CLI reads (a session with 100,000 meter readings is about 8 MiB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const TOO_LARGE = `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;

/** Raised by `readLimited` when the input goes on past the limit. */
export class TooLargeError extends Error {
  override name = "TooLargeError";
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads a file descriptor to its end, keeping at most `limit` bytes: once more arrive it stops
 * reading and throws `TooLargeError` (an endless pipe or device is never read whole).
 */
export function readLimited(fd: number, limit = MAX_FILE_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking standard input with nothing in it yet: wait a little, then read again.
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new TooLargeError(TOO_LARGE);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/**
 * Standard input of the process, read with the same limit as files, enforced while reading.
 * Returns the bytes; `readText` decodes them.
 */
export function readStdin(): Uint8Array {
  return readLimited(0);
}

/** The offset of the first byte that is not well-formed UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (both from 1; the column counts characters) of a position in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}

/** Line and column of a byte offset in UTF-8 bytes that are valid up to it. */
function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString("utf8");
  return lineColumn(before, before.length);
}

/** Decodes UTF-8 input; bytes that are not UTF-8 (a binary file) are an input error naming the first. */
function decode(file: string, bytes: Uint8Array): string {
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    const { line, column } = byteLineColumn(bytes, bad);
    const hex = bytes[bad]!.toString(16).padStart(2, "0");
    throw new InputError(displayName(file), [{ path: "", message: `is not UTF-8 text: byte 0x${hex} at line ${line}, column ${column} (a binary file?)` }]);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** Reads a named file: regular files are refused at once when too large; pipes and devices (size 0) are read up to the limit. */
function readFile(file: string): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    if (stat.size > MAX_FILE_BYTES) throw new TooLargeError(TOO_LARGE);
    return readLimited(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a named file, or standard input for "-", as UTF-8 text, at most `MAX_FILE_BYTES`. Missing,
 * unreadable, oversized or binary files are input errors.
 */
export function readText(file: string, stdin: () => string | Uint8Array): string {
  try {
    const data = file === "-" ? stdin() : readFile(file);
    if (typeof data === "string") {
      if (Buffer.byteLength(data) > MAX_FILE_BYTES) throw new TooLargeError(TOO_LARGE);
      return data;
    }
    return decode(file, data);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof TooLargeError) throw new InputError(displayName(file), [{ path: "", message: TOO_LARGE }]);
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : "cannot be read";
    throw new InputError(displayName(file), [{ path: "", message: why }]);
  }
}

/** Parses JSON text, turning syntax errors (with line and column) and empty input into input errors. */
export function readJson(file: string, stdin: () => string | Uint8Array): unknown {
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the JSON text.
  const text = readText(file, stdin).replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new InputError(displayName(file), [{ path: "", message: "is empty; expected a JSON object" }]);
  try {
    return JSON.parse(text);
  } catch {
    const { offset, message } = jsonSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    throw new InputError(displayName(file), [{ path: "", message: `is not valid JSON (line ${line}, column ${column}): ${message}` }]);
  }
}

/** The display name of a file argument, safe to print. */
export function displayName(file: string): string {
  return file === "-" ? "<stdin>" : printable(file);
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments strictly (unknown options refused, positionals allowed); a mistake
 * becomes a UsageError (exit 2).
 */
/** What parseArgs returns for `options` (named, so that declaration builds such as dist/scale.d.ts can name it). */
type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;

export function parseCommandArgs<O extends Options>(argv: readonly string[], options: O, command?: string): ParsedArgs<O> {
  try {
    return parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options,
    });
  } catch (e) {
    const unknown = /^Unknown option '([^']*)'/.exec((e as Error).message);
    if (unknown && command) throw new UsageError(`${command} has no ${unknown[1]} option (its options: ${Object.keys(options).map((o) => `--${o}`).join(", ")})`);
    throw new UsageError((e as Error).message);
  }
}

/** Standard input can back one file argument only. */
export function checkStdinOnce(files: readonly string[]): void {
  if (files.filter((f) => f === "-").length > 1) throw new UsageError('standard input ("-") can be read only once per command');
}

/**
 * A usage error for a command given the wrong number of files, saying what was given.
 *
 * @example
 * wrongCount("price", ["tariff", "session"], ["a", "b", "c"]).message
 * // 'price takes 2 files (tariff, session); 3 were given: a, b, c'
 */
export function wrongCount(command: string, roles: readonly string[], given: readonly string[], atLeast = false): UsageError {
  const n = roles.length;
  const takes = `${command} takes ${atLeast ? "at least " : ""}${n} file${n === 1 ? "" : "s"} (${roles.join(", ")})`;
  const what = given.length === 0 ? "none was given" : `${given.length} ${given.length === 1 ? "was" : "were"} given: ${given.map(displayName).join(", ")}`;
  return new UsageError(`${takes}; ${what}`);
}
