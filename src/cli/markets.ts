import { describeMarkets, type ListedMarket } from "../markets/listing.js";
import { pct } from "../receipt/receipt-text.js";
import { UsageError } from "./io.js";

export const MARKETS_HELP = `ev-tariff markets — the markets and regions the engine knows

Usage:
  ev-tariff markets [CODE…] [--json]

Prints each market's currency, price basis, rounding, cash rounding, zones, languages and taxes
with their sources and confidence, and, where kept, the source's words quoted with its address. With codes (ISO 3166-1 "GR", or a region "US-IA"), only those;
a country's code lists its regions too. --json prints the same as JSON.

Examples:
  ev-tariff markets GR
  ev-tariff markets US-IA MX --json`;

/** The markets named by `codes` (a country's regions with it), in the table's order; all without codes. */
function selectMarkets(markets: readonly ListedMarket[], codes: readonly string[]): readonly ListedMarket[] {
  if (codes.length === 0) return markets;
  const wanted = codes.map((c) => c.toUpperCase());
  const unknown = wanted.filter((c) => !markets.some((m) => m.code === c));
  if (unknown.length) {
    const countries = markets.filter((m) => !m.code.includes("-")).map((m) => m.code);
    throw new UsageError(`unknown market code${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; the markets are ${countries.join(", ")} and their regions (ev-tariff markets lists them)`);
  }
  return markets.filter((m) => wanted.some((c) => m.code === c || m.code.startsWith(c + "-")));
}

function taxText(t: ListedMarket["taxes"][number]): string {
  const amount = t.rate !== undefined ? pct(t.rate) : `${t.perKWh}/kWh`;
  const when = `${t.validFrom} → ${t.validTo ?? "…"}`;
  const method = t.method === "added" ? "" : ` (${t.method})`;
  const quotes = (t.quotes ?? []).map((q) => `\n      quote: "${q.quote}"\n        from ${q.from}\n        ${q.url}`).join("");
  return `    ${t.name} ${amount}${method} on ${t.appliesTo.join(", ")}, ${when}, confidence ${t.confidence}\n      source: ${t.source}${quotes}${t.note ? `\n      note: ${t.note}` : ""}`;
}

/** `ev-tariff markets [CODE…] [--json]`: the markets and regions the engine knows, or those named. */
export function formatMarkets(json: boolean, codes: readonly string[] = []): string {
  const markets = selectMarkets(describeMarkets(), codes);
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
