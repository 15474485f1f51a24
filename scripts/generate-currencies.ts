/**
 * Writes src/money/iso4217.ts, the ISO 4217 minor units, from the table dinero.js maintains
 * (`dinero.js/currencies`, a dev dependency), so the runtime carries plain data and no library.
 * Run with `npm run currencies`; a test checks the committed file is current.
 */
import { writeFileSync } from "node:fs";
import { iso4217Source } from "./iso4217-source.js";

writeFileSync(new URL("../src/money/iso4217.ts", import.meta.url), iso4217Source());
console.log("wrote src/money/iso4217.ts");
