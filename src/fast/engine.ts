/**
 * The fast engine as the core uses it, in one place: `compileTariff` wraps the zone in a memo and
 * attaches the plan, `priceSession` prices through it (src/fast/price.ts has the rules and bounds).
 * The browser build swaps this module for `./engine-none.ts` (same names, no fast path; see
 * scripts/size-lib.ts), which keeps the browser core within its size budget.
 */
export { withFastPlan } from "./plan.js";
export { priceFast } from "./price.js";
export { runZone as memoZone } from "./zone-runs.js";
