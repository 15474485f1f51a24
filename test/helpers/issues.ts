import { expect } from "vitest";
import { TariffError, type Issue, type SafeParseResult } from "../../src/index.js";

/**
 * The error-suite harness of a parser: `issuesOf` the issues of an input that must be rejected, and
 * `expectOneIssue` exactly one issue, at `path`, whose message contains every fragment.
 */
export function issueHarness(safeParse: (input: unknown) => SafeParseResult<unknown>, what: string) {
  const issuesOf = (input: unknown): readonly Issue[] => {
    const result = safeParse(input);
    if (result.ok) throw new Error(`expected the ${what} to be rejected, but it parsed: ${JSON.stringify(result.value)}`);
    return result.issues;
  };
  const expectOneIssue = (input: unknown, path: string, ...fragments: string[]): void => {
    const issues = issuesOf(input);
    expect(issues, JSON.stringify(issues)).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    for (const f of fragments) expect(issues[0]!.message).toContain(f);
  };
  return { issuesOf, expectOneIssue };
}

/** The TariffError `f` throws: its issues and message (fails when `f` returns or throws anything else). */
export function thrown(f: () => unknown): { issues: readonly Issue[]; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof TariffError) return { issues: e.issues, message: e.message };
    throw e;
  }
  throw new Error("expected a TariffError");
}
