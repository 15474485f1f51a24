/**
 * How many runs a property test makes: as written, or a third (at least 20) in the mutation run
 * (STRYKER=1), where every mutant a property reaches runs it again.
 */
export function runs(n: number): number {
  return process.env.STRYKER ? Math.max(20, Math.ceil(n / 3)) : n;
}
