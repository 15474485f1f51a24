import type { ZoneProvider } from "../time/zones.js";

/** How serious a finding is: `error` makes `ev-tariff lint` exit 1; `warning` and `info` do not. */
export type LintSeverity = "error" | "warning" | "info";

/**
 * One finding of `lintTariff`: where (a JSON Pointer into the tariff document, `""` for the whole
 * document), how serious, which rule found it and where that rule comes from.
 *
 * @example
 * { pointer: "/energy/2", severity: "warning", rule: "rate-shadowed", source: "ev-tariff",
 *   message: "never applies: /energy/0 applies whenever its conditions hold" }
 */
export interface LintFinding {
  readonly pointer: string;
  readonly severity: LintSeverity;
  /** The rule's id, e.g. `rate-shadowed`, `afir-price-per-kwh` (see `LINT_RULES`). */
  readonly rule: string;
  /** `"ev-tariff"` for a structural rule; the law or standard (article, paragraph, address) for a regulatory one. */
  readonly source: string;
  readonly message: string;
}

/** What `lintTariff` returns. */
export interface LintResult {
  /** The tariff's `id`, when the document has a string one. */
  readonly id: string | null;
  /** Whether the document is a valid tariff (`validate` accepts it). When not, the findings are its validation issues. */
  readonly valid: boolean;
  /** Counts of findings by severity. */
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** In document order of their pointers within each rule group: validity, rates, gaps, fees, markets. */
  readonly findings: readonly LintFinding[];
}

/** Options of `lintTariff`. */
export interface LintOptions {
  /**
   * The energy of a typical session, kWh, for the `start-fee-high` rule (default `"20"`): a start
   * fee above this many kWh at the tariff's dearest energy price is reported.
   */
  readonly typicalSessionKWh?: string | number;
  /**
   * The longest session priced, in days (default 31, as `parseSession`): a rate dated after
   * `validTo` can still apply to a session started before it, up to this long after.
   */
  readonly maxSessionDays?: number;
  /**
   * How much work the exact coverage checks (rate-shadowed, idle-no-grace, max-below-min) may do for
   * one tariff, in candidate rates looked at (default 1,000,000: well under a second for the worst
   * tariff of 100 rates). A check that runs out is reported as `check-incomplete`, not guessed.
   */
  readonly workLimit?: number;
  /** Where the tariff's zone comes from (Intl by default; `embeddedZones` without Intl). */
  readonly zones?: ZoneProvider;
}

/** A lint rule as documented: id, severity, where it comes from, what it finds. */
export interface LintRule {
  readonly id: string;
  readonly severity: LintSeverity;
  readonly source: string;
  readonly summary: string;
}
