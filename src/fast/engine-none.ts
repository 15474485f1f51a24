/**
 * The browser build's stand-in for `./engine.ts` (scripts/size-lib.ts swaps it in): the same names,
 * no fast plan and no zone memo. `priceSession` then runs the reference pricer, whose receipts the
 * fast path equals; one session at a time on a page needs no more, and the browser core stays small.
 */
import type { CompiledTariff } from "../compile/compile.js";
import type { Receipt } from "../receipt/types.js";
import type { Session } from "../schema/types.js";
import type { Zone } from "../time/zones.js";

export const withFastPlan = <T extends CompiledTariff>(ct: T): T => ct;
export const priceFast = (_ct: CompiledTariff, _session: Session, _checkValidity: boolean): Receipt | undefined => undefined;
export const memoZone = (zone: Zone): Zone => zone;
