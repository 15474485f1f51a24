/**
 * Pricing cases for the firmware checks: every bundled tariff/session pair, and for every market and
 * region (a country that needs a region is covered by its regions) and each of its zones, a
 * time-of-use tariff with sessions across each DST change of the zone in the year, and across a local
 * midnight from Friday to Saturday (the only local-time case of zones without DST).
 */
import { readFileSync } from "node:fs";
import { findMarket } from "../../src/markets/index.js";
import { describeMarkets } from "../../src/markets/listing.js";
import { currency } from "../../src/money/currencies.js";
import { marketCoversDate } from "../../src/tax/rules.js";
import { localParts, offsetChanges, toLocal, zone } from "../../src/time/zones.js";

export interface FirmwareCase {
  readonly name: string;
  readonly tariff: unknown;
  readonly session: unknown;
}

const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
const TARIFFS = new URL("../../tariffs/", import.meta.url);

/** The bundled examples (tariffs/manifest.json). */
export function bundledCases(): FirmwareCase[] {
  const manifest = JSON.parse(readFileSync(new URL("manifest.json", TARIFFS), "utf8")) as { tariff: string; session: string }[];
  return manifest.map((m) => ({
    name: `${m.tariff} + ${m.session}`,
    tariff: JSON.parse(readFileSync(new URL(m.tariff, TARIFFS), "utf8")),
    session: JSON.parse(readFileSync(new URL(m.session, TARIFFS), "utf8")),
  }));
}

/** Rough price levels per unit of EUR, so amounts look like the market's. */
const PRICE_FACTOR: Record<string, number> = { CLP: 1000, COP: 4000, CRC: 550, JMD: 170, MXN: 20, BRL: 6, UYU: 45, GTQ: 8 };

const hhmm = (localMs: number) => {
  const ms = ((localMs % DAY) + DAY) % DAY;
  const m = Math.floor(ms / MIN);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function tariffFor(code: string, zoneName: string, id: string, window: { from: string; to: string }): Record<string, unknown> {
  const m = findMarket(code)!;
  const cur = m.currencies[0]!;
  const f = PRICE_FACTOR[cur] ?? 1;
  const p = (eur: number) => (eur * f).toFixed(currency(cur)!.settlementDigits === 0 ? 0 : 2);
  return {
    version: 1,
    id,
    market: code,
    currency: cur,
    timeZone: zoneName,
    energy: [
      { price: p(0.19), when: { timeOfDay: window } },
      { price: p(0.29), when: { days: ["sat", "sun"] } },
      { price: p(0.39), step: "0.1" },
    ],
    time: [
      { price: p(1.2), step: 300, when: { timeOfDay: { from: "00:00", to: "06:00" } } },
      { price: p(2.4), step: 60 },
    ],
    idle: [{ price: p(9), when: { idleMinutes: { min: 15 } } }],
    flat: [{ price: p(0.5), when: { timeOfDay: { from: "12:00", to: "00:00" } } }, { price: p(0.25) }],
    minPrice: p(2),
  };
}

/** A session around `at`: charging from 3 h before to 2 h after, idle 1 h more, with meter readings. */
function sessionAround(at: number, id: string, payment: "card" | "cash"): Record<string, unknown> {
  const start = at - 3 * H;
  const chargingEnd = at + 2 * H + 7 * MIN;
  return {
    id,
    start: iso(start),
    end: iso(chargingEnd + H),
    chargingEnd: iso(chargingEnd),
    energyKWh: "31.7",
    meter: [
      { at: iso(start), kWh: "0" },
      { at: iso(at - H), kWh: "12.25" },
      { at: iso(at + 20 * MIN), kWh: "24.5" },
      { at: iso(chargingEnd), kWh: "31.7" },
    ],
    payment,
  };
}

/** The first of 2026, 2025, 2024 whose whole year the market's tax table covers. */
function coveredYear(code: string): number | undefined {
  const m = findMarket(code)!;
  return [2026, 2025, 2024].find((y) => [`${y}-01-01`, `${y}-06-30`, `${y}-12-31`].every((d) => marketCoversDate(m, d)));
}

/** The DST and midnight cases of every market, region and zone. */
export function dstCases(): FirmwareCase[] {
  const cases: FirmwareCase[] = [];
  let n = 0;
  for (const listed of describeMarkets()) {
    if (listed.requiresRegion) continue;
    const year = coveredYear(listed.code);
    if (year === undefined) throw new Error(`${listed.code}: no year 2024–2026 covered by its tax table`);
    for (const zoneName of listed.timeZones) {
      const z = zone(zoneName);
      const payment = () => (n++ % 2 === 0 ? "card" : "cash");
      const changes = offsetChanges(z, Date.UTC(year, 0, 1), Date.UTC(year, 11, 1));
      for (const at of changes) {
        const before = at + z.offsetMs(at - 1); // the wall clock just before the change
        const after = toLocal(z, at);
        const window = { from: hhmm(Math.min(before, after) - 30 * MIN), to: hhmm(Math.max(before, after) + 30 * MIN) };
        const day = localParts(after).date;
        cases.push({
          name: `${listed.code} ${zoneName} DST change ${iso(at)}`,
          tariff: tariffFor(listed.code, zoneName, `fw-${listed.code}-${day}`, window),
          session: sessionAround(at, `dst-${zoneName}-${day}`, payment()),
        });
      }
      // Local midnight from Friday 12 June to Saturday 13 June (2026; other years: the same dates).
      const localMidnight = Date.UTC(year, 5, 13);
      const at = localMidnight - z.offsetMs(localMidnight - 12 * H);
      cases.push({
        name: `${listed.code} ${zoneName} midnight ${iso(at)}`,
        tariff: tariffFor(listed.code, zoneName, `fw-${listed.code}-midnight`, { from: "22:30", to: "00:30" }),
        session: sessionAround(at, `midnight-${zoneName}`, payment()),
      });
    }
  }
  return cases;
}

/** Documents that must be refused, with the same issues everywhere. */
export function invalidCases(): FirmwareCase[] {
  return [
    {
      name: "zone of another market",
      tariff: { version: 1, id: "bad-zone", market: "GR", currency: "EUR", timeZone: "Europe/Paris", energy: [{ price: "0.5" }] },
      session: { start: "2026-03-29T00:00:00Z", end: "2026-03-29T01:00:00Z", energyKWh: "5" },
    },
    {
      name: "bad price and session order",
      tariff: { version: 1, id: "bad-price", market: "FR", currency: "EUR", energy: [{ price: "-1" }] },
      session: { start: "2026-03-29T02:00:00Z", end: "2026-03-29T01:00:00Z", energyKWh: "5" },
    },
  ];
}
