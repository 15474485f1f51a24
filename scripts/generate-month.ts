/**
 * `npm run generate:month -- [--seed N] [--month YYYY-MM] [--per-day N] [--out file] [--proposed dir]`:
 * a month of charging sessions for every bundled tariff (tariffs/), as NDJSON lines that name their
 * tariff by `tariffId` (what `ev-tariff batch` and `ev-tariff compare` read). Deterministic: the same
 * seed and options give the same bytes.
 *
 * Each tariff gets `--per-day` sessions a day on average (default 20). Starts follow a daily pattern in
 * the station's zone (a morning, a midday and an evening peak); DC tariffs (an id with "-dc-") deliver
 * 8–70 kWh at 40–140 kW, the others 4–30 kWh at 6–11 kW; most drivers leave within minutes, some stay
 * for hours; payment is by card (80 %), app (15 %) or cash (5 %). Lines are sorted by start.
 *
 * `--proposed dir` also writes a proposed variant of every bundled tariff (same id, same file name
 * under dir/<market folder>/) for `ev-tariff compare tariffs/ dir/ month.ndjson`:
 *   - energy: on Saturdays and Sundays 10 % cheaper; Monday to Friday 17:00–20:00 20 % dearer where
 *     the rate has no time-of-day window of its own; 8 % dearer otherwise;
 *   - idle fees 50 % dearer; per-session and time rates, minimum and maximum as they are.
 * Prices are rounded to 4 decimals (half away from zero).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { compileTariff, parseTariff, type Tariff } from "../src/index.js";
import { Dec } from "../src/money/decimal.js";
import { fromLocal } from "../src/time/zones.js";
import { formatInstant } from "../src/time/instants.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARIFFS = join(ROOT, "tariffs");

/** A small seeded generator (mulberry32): the same seed, the same sequence, on every platform. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every bundled tariff file (not sessions, not the manifest), relative to tariffs/, sorted. */
export function bundledTariffFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory() && e.name !== "sessions") walk(path);
      else if (e.isFile() && e.name.endsWith(".json") && e.name !== "manifest.json") out.push(relative(TARIFFS, path).split("\\").join("/"));
    }
  };
  walk(TARIFFS);
  return out.sort();
}

/** Relative weight of each local start hour, 0–23: night low, peaks at 8, 12–13 and 17–19. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 7, 9, 7, 6, 7, 9, 9, 7, 6, 7, 10, 11, 10, 7, 5, 3, 2];
const WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

function pickHour(rnd: () => number): number {
  let r = rnd() * WEIGHT_SUM;
  for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHTS[h]!) < 0) return h;
  return 23;
}

export interface MonthOptions {
  readonly seed?: number;
  /** "YYYY-MM" */
  readonly month?: string;
  readonly perDay?: number;
}

/** The month's sessions as NDJSON text (each line ends in "\n"). */
export function generateMonth(options: MonthOptions = {}): string {
  const rnd = random(options.seed ?? 1);
  const [year, month] = (options.month ?? "2026-11").split("-").map(Number) as [number, number];
  const perDay = options.perDay ?? 20;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lines: { at: number; text: string }[] = [];
  for (const file of bundledTariffFiles()) {
    const tariff = parseTariff(JSON.parse(readFileSync(join(TARIFFS, file), "utf8")));
    const zone = compileTariff(tariff).zone;
    const dc = tariff.id.includes("-dc-");
    let n = 0;
    for (let day = 1; day <= days; day++) {
      const count = Math.max(0, Math.round(perDay * (0.6 + rnd() * 0.8)));
      for (let k = 0; k < count; k++) {
        const localMs = Date.UTC(year, month - 1, day, pickHour(rnd), Math.floor(rnd() * 60));
        const start = fromLocal(zone, localMs)[0];
        if (start === undefined) continue; // a start inside a spring-forward gap: no such wall time
        const kWh = dc ? 8 + rnd() * 62 : 4 + rnd() * 26;
        const kW = dc ? 40 + rnd() * 100 : 6 + rnd() * 5;
        const chargingMs = Math.round((kWh / kW) * 3_600_000 / 1000) * 1000;
        const stay = rnd();
        const idleMinutes = stay < 0.6 ? Math.floor(rnd() * 6) : stay < 0.9 ? 5 + Math.floor(rnd() * 26) : 30 + Math.floor(rnd() * 150);
        const chargingEnd = start + chargingMs;
        const end = chargingEnd + idleMinutes * 60_000 + Math.floor(rnd() * 60) * 1000;
        const pay = rnd();
        const session = {
          tariffId: tariff.id,
          id: `${tariff.id}-${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}-${++n}`,
          start: formatInstant(start),
          chargingEnd: formatInstant(chargingEnd),
          end: formatInstant(end),
          energyKWh: kWh.toFixed(3),
          payment: pay < 0.8 ? "card" : pay < 0.95 ? "app" : "cash",
        };
        lines.push({ at: start, text: JSON.stringify(session) });
      }
    }
  }
  // Sorted by start (a stable sort: ties keep the tariff order).
  lines.sort((a, b) => a.at - b.at);
  return lines.map((l) => l.text + "\n").join("");
}

const DAYS_MON_FRI = ["mon", "tue", "wed", "thu", "fri"] as const;
const times = (price: string, factor: string) => new Dec(price).times(factor).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed().replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

/** The proposed variant of a tariff document (see the file's comment): same id. */
export function proposedVariant(doc: Record<string, unknown>): Record<string, unknown> {
  type RateDoc = { price: string; step?: unknown; when?: Record<string, unknown> };
  const { $schema: _schema, ...rest } = doc;
  const energy = (doc.energy as RateDoc[] | undefined)?.flatMap((r): RateDoc[] => {
    if (r.when?.days) return [{ ...r, price: times(r.price, "1.08") }];
    const weekend = { ...r, price: times(r.price, "0.90"), when: { ...r.when, days: ["sat", "sun"] } };
    const evening = { ...r, price: times(r.price, "1.20"), when: { ...r.when, days: [...DAYS_MON_FRI], timeOfDay: { from: "17:00", to: "20:00" } } };
    return r.when?.timeOfDay ? [weekend, { ...r, price: times(r.price, "1.08") }] : [weekend, evening, { ...r, price: times(r.price, "1.08") }];
  });
  const idle = (doc.idle as RateDoc[] | undefined)?.map((r) => ({ ...r, price: times(r.price, "1.50") }));
  const name = doc.name as Record<string, string> | undefined;
  return {
    ...rest,
    ...(name ? { name: Object.fromEntries(Object.entries(name).map(([k, v]) => [k, `${v} (proposed)`])) } : {}),
    ...(energy ? { energy } : {}),
    ...(idle ? { idle } : {}),
  };
}

/** Writes the proposed variant of every bundled tariff under `dir`; returns the files written. */
export function writeProposed(dir: string): string[] {
  const written: string[] = [];
  for (const file of bundledTariffFiles()) {
    const doc = JSON.parse(readFileSync(join(TARIFFS, file), "utf8")) as Record<string, unknown>;
    const variant = proposedVariant(doc);
    parseTariff(variant) satisfies Tariff; // a variant that is not a valid tariff stops here
    const out = join(dir, file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(variant, null, 2) + "\n");
    written.push(out);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { seed: { type: "string" }, month: { type: "string" }, "per-day": { type: "string" }, out: { type: "string" }, proposed: { type: "string" } },
    strict: true,
  });
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  const perDay = values["per-day"] === undefined ? 20 : Number(values["per-day"]);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number (got ${values.seed})`);
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 10_000) throw new Error(`--per-day must be a whole number from 1 to 10000 (got ${values["per-day"]})`);
  if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new Error(`--month must be YYYY-MM (got ${values.month})`);
  const text = generateMonth({ seed, perDay, ...(values.month ? { month: values.month } : {}) });
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`wrote ${text.split("\n").length - 1} sessions to ${values.out}`);
  } else process.stdout.write(text);
  if (values.proposed) console.error(`wrote ${writeProposed(values.proposed).length} proposed tariffs under ${values.proposed}`);
}
