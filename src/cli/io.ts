import { readFileSync } from "node:fs";
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

/** Reads a named file, or standard input for "-". Missing or unreadable files are input errors. */
export function readText(file: string, stdin: () => string): string {
  try {
    return file === "-" ? stdin() : readFileSync(file, "utf8");
  } catch (e) {
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
