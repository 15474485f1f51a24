import { withoutTrailingZeros } from "../money/decimal.js";
import type { Receipt } from "./types.js";

/** Pads a table's columns; numbers (last columns) right-aligned. */
export function table(rows: readonly (readonly string[])[], rightAligned: number): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c >= r.length - rightAligned ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * A receipt as a table for people. `--json` prints the exact receipt instead.
 *
 * @example
 * console.log(formatReceipt(priceSession(tariff, session)));
 */
export function formatReceipt(r: Receipt): string {
  const header = [
    `Tariff ${r.tariffId}${r.sessionId ? `, session ${r.sessionId}` : ""}`,
    `Market ${r.market}, ${r.currency}, ${r.timeZone}, prices ${r.pricesInclude === "tax" ? "include tax" : "exclude tax"}, paid by ${r.payment}`,
    `Energy ${r.energyKWh} kWh`,
    "",
  ];
  const rows: string[][] = [["component", "from (UTC)", "to (UTC)", "quantity", "unit price", "net", "gross"]];
  for (const l of r.lines) {
    rows.push([l.component, l.from, l.to, `${l.quantity} ${l.unit}`, l.unitPrice, l.net, l.gross]);
  }
  const taxes = r.taxes.map((t) => `${t.name} ${pct(t.rate)} on ${t.base}: ${t.amount}`);
  return [
    ...header,
    table(rows, 4),
    "",
    ...(taxes.length ? taxes : ["No tax"]),
    `Total net ${r.totals.net}  tax ${r.totals.tax}  gross ${r.totals.gross} ${r.currency}`,
  ].join("\n");
}

/** "0.06" → "6%". */
export function pct(rate: string): string {
  const [int, frac = ""] = (Number.isNaN(Number(rate)) ? "0" : rate).split(".");
  const digits = (int ?? "0") + frac.padEnd(2, "0");
  const whole = digits.slice(0, (int ?? "0").length + 2).replace(/^0+(?=\d)/, "");
  const rest = withoutTrailingZeros(digits.slice((int ?? "0").length + 2));
  return `${whole}${rest ? "." + rest : ""}%`;
}
