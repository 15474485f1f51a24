import DecimalLight from "decimal.js-light";
import type { Decimal as DecimalClass } from "decimal.js-light";

/**
 * decimal.js-light's constructor, the same object under every module system: Node's ESM sees the
 * package's CommonJS build (its default export is the constructor, with itself as `.Decimal`),
 * bundlers see its ESM build (the default export is the constructor).
 */
export const Decimal = ((DecimalLight as unknown as { Decimal?: typeof DecimalClass }).Decimal ?? DecimalLight) as unknown as typeof DecimalClass;
export type Decimal = DecimalClass;
