/**
 * `formatComparison`: a comparison as terminal text (what `ev-tariff compare` prints without
 * `--json`). Every number is the comparison's own string; nothing is recomputed here.
 */
import { WEEKDAYS } from "./compare.js";
import type { Bucket, Comparison, Distribution, MarketComparison, Percent, SessionChange } from "./types.js";

/** "+1.20" for a positive amount, the amount as it is otherwise. */
export const signed = (amount: string): string => (/^-|^0(\.0*)?$/.test(amount) ? amount : `+${amount}`);
/** "+5.31 %", "-2.00 %", or "n/a" (nothing before). */
export const signedPercent = (p: Percent): string => (p === null ? "n/a" : `${signed(p)} %`);

const pad = (s: string, n: number) => s.padStart(n);

function distributionLine(d: Distribution | null, sign: boolean): string {
  if (!d) return "none";
  const f = sign ? signed : (s: string) => s;
  return `min ${f(d.min)} · p10 ${f(d.p10)} · median ${f(d.median)} · p90 ${f(d.p90)} · max ${f(d.max)}`;
}

function bucketCell(b: Bucket): string {
  return b.sessions === 0 ? "—" : `${signed(b.change)} (${signedPercent(b.changePercent)}, ${b.sessions})`;
}

function changeLine(s: SessionChange): string {
  const who = s.sessionId !== undefined ? `${s.sessionId} (line ${s.line})` : `line ${s.line}`;
  return `    ${who}, ${s.tariffId}, ${s.localStart}, ${s.energyKWh} kWh: ${s.before} → ${s.after} (${signed(s.change)}, ${signedPercent(s.changePercent)})`;
}

function market(m: MarketComparison): string[] {
  const r = m.revenue;
  const { current, proposed, both } = m.sessions.refused;
  const refused = current + proposed + both;
  const rows = (["net", "tax", "gross"] as const).map((k) => [k, r.before[k], r.after[k], signed(r.change[k]), signedPercent(r.changePercent[k])]);
  const widths = [5, 14, 14, 14, 10].map((w, i) => Math.max(w, ...rows.map((row) => row[i]!.length)));
  const table = [
    ["", "before", "after", "change", "%"],
    ...rows,
  ].map((row) => `  ${row[0]!.padEnd(widths[0]!)} ${row.slice(1).map((c, i) => pad(c, widths[i + 1]!)).join(" ")}`);
  const out = [
    `${m.market} · ${m.currency} — ${m.sessions.priced} session(s) priced under both` +
      (refused ? `, ${refused} refused (${current} by the current tariff, ${proposed} by the proposed, ${both} by both)` : ", none refused") +
      `; ${m.energyKWh} kWh; tariffs ${m.tariffs.join(", ")}`,
    ...table,
    `  change per session (gross): ${distributionLine(m.changePerSession, true)}`,
    `  price per kWh (gross, ${m.pricePerKWh.sessions} session(s) with energy):`,
    `    before: ${distributionLine(m.pricePerKWh.before, false)}`,
    `    after:  ${distributionLine(m.pricePerKWh.after, false)}`,
    `  by local weekday of the start (gross change, %, sessions):`,
    ...WEEKDAYS.map((w, i) => `    ${w}  ${bucketCell(m.byWeekday[i]!)}`),
    `  by local hour of the start:`,
  ];
  for (let h = 0; h < 24; h += 2) {
    out.push(`    ${String(h).padStart(2, "0")}h  ${bucketCell(m.byHour[h]!).padEnd(36)} ${String(h + 1).padStart(2, "0")}h  ${bucketCell(m.byHour[h + 1]!)}`);
  }
  if (m.largest.increases.length) out.push(`  largest increases:`, ...m.largest.increases.map(changeLine));
  if (m.largest.decreases.length) out.push(`  largest decreases:`, ...m.largest.decreases.map(changeLine));
  return out;
}

/**
 * The comparison as text: a summary line, then per market and currency the revenue table, the
 * distributions, the change by weekday and hour, and the sessions that change most.
 *
 * @example
 * console.log(formatComparison(compareTariffs(current, proposed, sessions)));
 */
export function formatComparison(c: Comparison): string {
  const s = c.sessions;
  const out = [
    `compare: ${s.read} session(s): ${s.compared} compared, ${s.refused} refused, ${s.invalid} invalid, ${s.skipped} skipped (other tariffs)`,
    `current: ${c.current.join(", ")}`,
    `proposed: ${c.proposed.join(", ")}`,
  ];
  for (const m of c.markets) out.push("", ...market(m));
  if (c.refusals.length) {
    out.push("", `refused (first ${c.refusals.length} of ${s.refused}):`);
    for (const r of c.refusals) out.push(`  line ${r.line}${r.sessionId !== undefined ? ` (${r.sessionId})` : ""}, ${r.tariffId}, by ${r.side === "both" ? "both tariffs" : `the ${r.side} tariff`}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  return out.join("\n");
}
