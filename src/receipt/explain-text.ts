import { MAX_EXPLAINED_INTERVALS, type Explanation } from "./explain.js";
import { formatReceipt, pct } from "./receipt-text.js";

const notListed = (n: number) => `${n} more earlier rate${n === 1 ? "" : "s"} did not apply (not listed)`;

/**
 * An explanation as text a tariff analyst can check by hand.
 *
 * @example
 * console.log(formatExplanation(explainSession(tariff, session)));
 */
export function formatExplanation(e: Explanation): string {
  const out: string[] = [];
  out.push(`Local time zone ${e.timeZone}; taxes as in force on ${e.taxDate} (local date of the session start).`);
  out.push(`Rounding: ${e.rounding}.`);
  if (e.exchange) out.push(`Billed in ${e.exchange.to}: every exact amount in ${e.exchange.from} × ${e.exchange.rate}, then rounded.`);
  out.push("");
  out.push("Intervals (local time in the station's zone):");
  for (const i of e.intervals) {
    out.push(
      `  ${i.localFrom} → ${i.localTo} (UTC${i.utcOffset}) ${i.phase}, ${i.hours} h, ${i.energyKWh} kWh, ${i.powerKW} kW  [cut at: ${i.cutBy.join(", ")}]`,
    );
    for (const [dim, c] of Object.entries(i.choices)) {
      if (!c) continue;
      out.push(`    ${dim}: ${c.rate ? `${c.rate} at ${c.price}` : "free (no rate matched)"}`);
      for (const s of c.skipped) out.push(`      ${s.rate} skipped: ${s.failed.join("; ")}`);
      if (c.notListed) out.push(`      … and ${notListed(c.notListed)}`);
    }
  }
  if (e.intervalsNotListed)
    out.push(`  … and ${e.intervalsNotListed} later intervals, not listed (an explanation lists at most ${MAX_EXPLAINED_INTERVALS}); the lines below cover the whole session`);
  if (e.flat) {
    out.push("", `Flat fee at session start: ${e.flat.rate ? `${e.flat.rate} at ${e.flat.price}` : "none matched"}`);
    for (const s of e.flat.skipped) out.push(`  ${s.rate} skipped: ${s.failed.join("; ")}`);
    if (e.flat.notListed) out.push(`  … and ${notListed(e.flat.notListed)}`);
  }
  if (e.steps.length) {
    out.push("", "Steps (the session's total, rounded up once, the extra billed at the last rate):");
    for (const s of e.steps) out.push(`  ${s.dimension}: ${s.total} rounded up to ${s.billed} (step ${s.step} of ${s.rate})`);
  }
  out.push("", "Lines (exact amount, then rounded to the minor unit):");
  for (const l of e.lines) {
    // A metered line without a rate is time or energy no rate priced: say so, not an empty rate.
    const rate = l.rate ?? (l.component === "energy" || l.component === "time" || l.component === "idle" ? "free (no rate applied)" : "");
    out.push(`  ${l.component}${rate ? ` ${rate}` : ""}: ${l.computation} = ${l.exact} → ${l.rounded}`);
  }
  if (e.cap) out.push("", `${e.cap.kind === "minimum" ? "Minimum" : "Maximum"} price ${e.cap.limit}: lines added up to ${e.cap.before}, adjusted by ${e.cap.adjustment}.`);
  out.push("", "Taxes (per rate, on the session):");
  if (e.taxes.length === 0) out.push("  none");
  for (const t of e.taxes) {
    out.push(`  ${t.name} ${pct(t.rate)}: ${t.computation}; base ${t.base}`);
    out.push(`    source: ${t.source} (confidence: ${t.confidence})`);
  }
  if (e.cash) out.push("", `Cash rounding to ${e.cash.increment}: ${e.cash.before} → ${e.cash.after} (${e.cash.source})`);
  out.push("", formatReceipt(e.receipt));
  return out.join("\n");
}
