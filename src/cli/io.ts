import { readFileSync, statSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Issue } from "../schema/errors.js";

/** A problem with a file the user named: printed as `file: /pointer: message`, exit 1. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => `${file}: ${i.path || "/"}: ${i.message}`).join("\n"));
    this.name = "InputError";
  }
}

/** A mistake in how the command was called: printed with a hint, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The largest file the CLI reads (a session with 100,000 meter readings is about 8 MiB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a named file, or standard input for "-". Missing, unreadable or oversized files are input errors. */
export function readText(file: string, stdin: () => string): string {
  if (file !== "-") {
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      // reported below, when reading
    }
    if (size > MAX_FILE_BYTES) throw new InputError(displayName(file), [{ path: "", message: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` }]);
  }
  try {
    const text = file === "-" ? stdin() : readFileSync(file, "utf8");
    if (text.length > MAX_FILE_BYTES) throw new InputError(displayName(file), [{ path: "", message: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` }]);
    return text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : "cannot be read";
    throw new InputError(displayName(file), [{ path: "", message: why }]);
  }
}

/** Parses JSON text, turning syntax errors and empty input into input errors with a location. */
export function readJson(file: string, stdin: () => string): unknown {
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the JSON text.
  const text = readText(file, stdin).replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new InputError(displayName(file), [{ path: "", message: "is empty; expected a JSON object" }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof SyntaxError ? e.message : String(e);
    throw new InputError(displayName(file), [{ path: "", message: `is not valid JSON (${detail})` }]);
  }
}

/** The display name of a file argument. */
export function displayName(file: string): string {
  return file === "-" ? "<stdin>" : file;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments strictly (unknown options refused, positionals allowed); a mistake
 * becomes a UsageError (exit 2).
 */
export function parseCommandArgs<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Standard input can back one file argument only. */
export function checkStdinOnce(files: readonly string[]): void {
  if (files.filter((f) => f === "-").length > 1) throw new UsageError('standard input ("-") can be read only once per command');
}
