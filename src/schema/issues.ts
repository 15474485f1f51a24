import type { $ZodIssue } from "zod/v4/core";
import { toPointer, type Issue } from "./errors.js";

/** True when the member at `path` is absent from an object that is itself present in `input`. */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let parent: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== "object" || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  if (typeof parent !== "object" || parent === null || Array.isArray(parent)) return false;
  return (parent as Record<PropertyKey, unknown>)[path[path.length - 1]!] === undefined;
}

/**
 * The parse context for every shape check whose issues `fromZodIssues` words. zod fills an issue that
 * has no message of its own from a process-wide locale, which any other copy of zod classic in the same
 * process sets ("Invalid input: expected object, received number"); this keeps zod's bare text, so the
 * words below are the same whatever else the process has loaded.
 */
export const BARE_ISSUES = { error: () => "Invalid input" } as const;

/**
 * Turns zod's issues into `{ path, message }` with JSON Pointers, one per problem. `input` is the
 * document that was checked, so that a missing member is reported as "is required" (zod reports it
 * as a type mismatch with the field's own message, e.g. "must be 1").
 */
export function fromZodIssues(issues: readonly $ZodIssue[], input?: unknown): Issue[] {
  const out: Issue[] = [];
  // The first MAX_ISSUES are worded; the rest only counted (millions of unknown members cost no more).
  let more = 0;
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    if (out.length >= MAX_ISSUES) more += keys.length || 1;
    else if (keys.length) {
      for (const key of keys) out.length < MAX_ISSUES ? out.push({ path: toPointer([...path, key]), message: "is not a known field" }) : more++;
    } else if (path.length === 0 && (typeof input !== "object" || input === null || Array.isArray(input))) {
      out.push({ path: "", message: `must be a JSON object` });
    } else if (isMissing(input, path)) {
      out.push({ path: toPointer(path), message: "is required" });
    } else if (issue.code === "invalid_key" && issue.issues[0]) {
      // zod's own text here is "Invalid key in record"; the key schema's message says what is wanted.
      out.push({ path: toPointer(path), message: issue.issues[0].message });
    } else if (issue.code === "invalid_type" && issue.message === "Invalid input") {
      // zod/mini carries no default texts: say what was expected.
      const expected = issue.expected === "array" ? "a JSON array (a list)" : issue.expected === "object" ? "a JSON object" : `a ${issue.expected}`;
      out.push({ path: toPointer(path), message: `must be ${expected}` });
    } else if (issue.message === "Invalid input") {
      out.push({ path: toPointer(path), message: `is not valid here (${issue.code})` });
    } else {
      out.push({ path: toPointer(path), message: issue.message });
    }
  }
  if (more) out.push({ path: "", message: `and ${more} more issue(s) not listed` });
  return out;
}

/** The issues a document's shape check words at most. */
export const MAX_ISSUES = 100;
