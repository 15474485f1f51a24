import type { z } from "zod";
import { toPointer, type Issue } from "./errors.js";

/** Turns zod's issues into `{ path, message }` with JSON Pointers, one per problem. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: toPointer([...path, key]), message: "is not a known field" });
    } else if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined && issue.message.includes("received undefined")) {
      out.push({ path: toPointer(path), message: "is required" });
    } else if (issue.code === "invalid_type" && path.length === 0) {
      out.push({ path: "", message: `must be a JSON object` });
    } else {
      out.push({ path: toPointer(path), message: issue.message });
    }
  }
  return out;
}
