/**
 * Writes src/time/zone-data.ts, the embedded UTC offsets of every market zone that the no-Intl entry
 * (`ev-tariff/no-intl`) uses, from the IANA tz database as compiled into this Node's ICU (read through
 * Intl; never typed by hand). Run with `npm run zones`; test/time/zone-data.test.ts checks the
 * committed file is current. Regenerating is deterministic for a given Node/ICU tz version.
 */
import { writeFileSync } from "node:fs";
import { tzVersion, zoneDataSource } from "./zone-data-source.js";

const text = zoneDataSource();
writeFileSync(new URL("../src/time/zone-data.ts", import.meta.url), text);
console.log(`wrote src/time/zone-data.ts (tz ${tzVersion()}, ${text.length} bytes)`);
