import { describeMarkets, type ListedMarket } from "../markets/listing.js";
import { pct } from "../receipt/receipt-text.js";

function taxText(t: ListedMarket["taxes"][number]): string {
  const amount = t.rate !== undefined ? pct(t.rate) : `${t.perKWh}/kWh`;
  const when = `${t.validFrom} → ${t.validTo ?? "…"}`;
  const method = t.method === "added" ? "" : ` (${t.method})`;
  return `    ${t.name} ${amount}${method} on ${t.appliesTo.join(", ")}, ${when}, confidence ${t.confidence}\n      source: ${t.source}${t.note ? `\n      note: ${t.note}` : ""}`;
}

/** `ev-tariff markets [--json]`: every market and region the engine knows. */
export function formatMarkets(json: boolean): string {
  const markets = describeMarkets();
  if (json) return JSON.stringify(markets, null, 2);
  return markets
    .map((m) =>
      [
        `${m.code}  ${m.name}`,
        `    currency ${m.currencies.map((c) => `${c.code} (${c.digits} digits)`).join(", ")}; prices ${m.pricesInclude === "tax" ? "include" : "exclude"} tax; rounding ${m.rounding}`,
        `    cash rounding ${m.cashRounding ? `to ${m.cashRounding.increment} (${m.cashRounding.mode}), confidence ${m.cashRounding.confidence}` : "none"}`,
        `    zones ${m.timeZones.join(", ")}`,
        `    languages ${m.languages.join(", ")}`,
        ...(m.requiresRegion ? [`    needs a region: ${m.requiresRegion}`] : []),
        ...(m.taxes.length ? m.taxes.map(taxText) : ["    no taxes of its own (see its regions)"]),
        ...(m.note ? [`    note: ${m.note}`] : []),
      ].join("\n"),
    )
    .join("\n\n");
}
