/**
 * `comparisonHtml`: a comparison as one self-contained HTML page (what `ev-tariff compare --html`
 * writes): inline CSS and inline SVG charts, no script, nothing fetched (a Content-Security-Policy of
 * `default-src 'none'` says so to the browser). Every text is escaped.
 *
 * Each figure is printed beside its chart as the comparison's own exact string, and carries
 * `data-key`, the path of that figure in the comparison's JSON (e.g. `markets.0.revenue.after.gross`),
 * so that a test can read every number on the page back against `--json`. Chart geometry (bar
 * lengths, colours) is the only place a number is turned into a float: a pixel, never an amount.
 */
import { WEEKDAYS } from "./compare.js";
import { signed, signedPercent } from "./text.js";
import type { Bucket, Comparison, Distribution, MarketComparison, Percent, SessionChange } from "./types.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
const esc = escapeHtml;

/** A figure: its text, and the JSON path it comes from. */
const fig = (key: string, text: string, cls = "") => `<span class="num${cls ? ` ${cls}` : ""}" data-key="${esc(key)}">${esc(text)}</span>`;
const money = (key: string, v: string, sign = false) => fig(key, sign ? signed(v) : v, sign ? tone(v) : "");
const pct = (key: string, p: Percent) => fig(key, signedPercent(p), p === null ? "" : tone(p));
const tone = (v: string) => (v.startsWith("-") ? "down" : /^0(\.0*)?$/.test(v) ? "" : "up");
/** A float for drawing only. */
const px = (v: string) => Number(v);
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

function revenueChart(c: Comparison): string {
  const rowH = 34;
  const w = 520;
  const left = 110;
  const rows = c.markets.map((m, i) => {
    const b = px(m.revenue.before.gross);
    const a = px(m.revenue.after.gross);
    const scale = Math.max(b, a, 1e-9);
    const bw = ((w - left - 10) * b) / scale;
    const aw = ((w - left - 10) * a) / scale;
    const y = i * rowH + 4;
    return (
      `<text x="0" y="${y + 18}" class="lbl">${esc(`${m.market} · ${m.currency}`)}</text>` +
      `<rect x="${left}" y="${y}" width="${f1(bw)}" height="12" class="before"><title>${esc(`${m.market} before: ${m.revenue.before.gross} ${m.currency}`)}</title></rect>` +
      `<rect x="${left}" y="${y + 14}" width="${f1(aw)}" height="12" class="${a >= b ? "after-up" : "after-down"}"><title>${esc(`${m.market} after: ${m.revenue.after.gross} ${m.currency}`)}</title></rect>`
    );
  });
  return `<svg class="chart" data-chart="revenue" width="${w}" height="${c.markets.length * rowH + 8}" viewBox="0 0 ${w} ${c.markets.length * rowH + 8}" role="img" aria-label="Revenue before and after, per market">${rows.join("")}</svg>`;
}

function revenueTable(c: Comparison): string {
  const rows = c.markets.map(
    (m, i) =>
      `<tr data-market="${esc(m.market)}" data-currency="${esc(m.currency)}"><th><a href="#m-${i}">${esc(m.market)}</a></th><td>${esc(m.currency)}</td>` +
      `<td>${fig(`markets.${i}.sessions.priced`, String(m.sessions.priced))}</td>` +
      `<td>${money(`markets.${i}.revenue.before.gross`, m.revenue.before.gross)}</td>` +
      `<td>${money(`markets.${i}.revenue.after.gross`, m.revenue.after.gross)}</td>` +
      `<td>${money(`markets.${i}.revenue.change.gross`, m.revenue.change.gross, true)}</td>` +
      `<td>${pct(`markets.${i}.revenue.changePercent.gross`, m.revenue.changePercent.gross)}</td></tr>`,
  );
  return `<table class="nums"><thead><tr><th>market</th><th>currency</th><th>sessions</th><th>gross before</th><th>gross after</th><th>change</th><th>%</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function totalsTable(m: MarketComparison, i: number): string {
  const k = `markets.${i}.revenue`;
  const rows = (["net", "tax", "gross"] as const).map(
    (t) =>
      `<tr><th>${t}</th><td>${money(`${k}.before.${t}`, m.revenue.before[t])}</td><td>${money(`${k}.after.${t}`, m.revenue.after[t])}</td>` +
      `<td>${money(`${k}.change.${t}`, m.revenue.change[t], true)}</td><td>${pct(`${k}.changePercent.${t}`, m.revenue.changePercent[t])}</td></tr>`,
  );
  return `<table class="nums"><thead><tr><th></th><th>before</th><th>after</th><th>change</th><th>%</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function histogramChart(m: MarketComparison, i: number): string {
  const bins = m.histogram;
  const w = 520;
  const h = 180;
  const bottom = 24;
  const max = Math.max(1, ...bins.map((b) => b.sessions));
  const bw = bins.length ? (w - 10) / bins.length : 0;
  const bars = bins.map((b, j) => {
    const bh = ((h - bottom - 8) * b.sessions) / max;
    const cls = px(b.to) <= 0 ? "down" : px(b.from) >= 0 && px(b.from) + px(b.to) > 0 ? "up" : "zero";
    return `<rect x="${f1(5 + j * bw + 1)}" y="${f1(h - bottom - bh)}" width="${f1(Math.max(bw - 2, 1))}" height="${f1(bh)}" class="bar ${cls}"><title>${esc(`${b.from} ≤ change < ${b.to}: ${b.sessions} session(s)`)}</title></rect>`;
  });
  const first = bins[0];
  const last = bins[bins.length - 1];
  const axis = first && last ? `<text x="5" y="${h - 6}" class="lbl">${esc(signed(first.from))}</text><text x="${w - 5}" y="${h - 6}" class="lbl" text-anchor="end">${esc(signed(last.to))}</text>` : "";
  const table = bins
    .map((b, j) => `<tr><td>${money(`markets.${i}.histogram.${j}.from`, b.from, true)} … ${money(`markets.${i}.histogram.${j}.to`, b.to, true)}</td><td>${fig(`markets.${i}.histogram.${j}.sessions`, String(b.sessions))}</td></tr>`)
    .join("");
  return (
    `<div class="pair"><svg class="chart" data-chart="histogram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Histogram of the per-session change">${bars.join("")}<line x1="0" x2="${w}" y1="${h - bottom}" y2="${h - bottom}" class="axis"/>${axis}</svg>` +
    `<div class="side"><table class="nums small"><thead><tr><th>change (${esc(m.currency)})</th><th>sessions</th></tr></thead><tbody>${table}</tbody></table></div></div>`
  );
}

/** Red for dearer, blue for cheaper; the strength follows the percent, full at ±20 %. */
function heatColour(b: Bucket): string {
  if (b.sessions === 0 || b.changePercent === null) return "#f4f4f4";
  const p = Math.max(-1, Math.min(1, px(b.changePercent) / 20));
  const t = Math.abs(p);
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return p >= 0 ? `rgb(255,${mix(255, 90)},${mix(255, 70)})` : `rgb(${mix(255, 60)},${mix(255, 120)},255)`;
}

function heatMap(m: MarketComparison, i: number): string {
  const cw = 38;
  const ch = 26;
  const left = 40;
  const top = 18;
  const cells: string[] = [];
  for (let h = 0; h < 24; h++) cells.push(`<text x="${left + h * cw + cw / 2}" y="12" class="lbl" text-anchor="middle">${String(h).padStart(2, "0")}</text>`);
  m.byWeekdayHour.forEach((row, w) => {
    cells.push(`<text x="0" y="${top + w * ch + 17}" class="lbl">${WEEKDAYS[w]}</text>`);
    row.forEach((b, h) => {
      const x = left + h * cw;
      const y = top + w * ch;
      const label = b.sessions === 0 ? "" : b.changePercent === null ? "n/a" : signed(b.changePercent);
      cells.push(
        `<g data-cell="${w}-${h}"><rect x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}" fill="${heatColour(b)}"><title>${esc(`${WEEKDAYS[w]} ${String(h).padStart(2, "0")}:00–${String(h).padStart(2, "0")}:59: ${b.sessions} session(s), ${b.before} → ${b.after} (${signed(b.change)}, ${signedPercent(b.changePercent)})`)}</title></rect>` +
          (label ? `<text x="${x + cw / 2}" y="${y + 17}" class="cell" text-anchor="middle" data-key="markets.${i}.byWeekdayHour.${w}.${h}.changePercent">${esc(label)}</text>` : "") +
          `</g>`,
      );
    });
  });
  const wd = m.byWeekday
    .map((b, w) => `<tr><th>${WEEKDAYS[w]}</th><td>${fig(`markets.${i}.byWeekday.${w}.sessions`, String(b.sessions))}</td><td>${money(`markets.${i}.byWeekday.${w}.change`, b.change, true)}</td><td>${pct(`markets.${i}.byWeekday.${w}.changePercent`, b.changePercent)}</td></tr>`)
    .join("");
  const w = left + 24 * cw;
  const h = top + 7 * ch;
  return (
    `<svg class="chart" data-chart="heatmap" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Change in percent by local weekday and hour of the start">${cells.join("")}</svg>` +
    `<div class="pair"><table class="nums small"><thead><tr><th>weekday</th><th>sessions</th><th>change</th><th>%</th></tr></thead><tbody>${wd}</tbody></table>` +
    `<table class="nums small"><thead><tr><th>hour</th><th>sessions</th><th>change</th><th>%</th></tr></thead><tbody>${m.byHour
      .map((b, h) => (b.sessions === 0 ? "" : `<tr><th>${String(h).padStart(2, "0")}</th><td>${fig(`markets.${i}.byHour.${h}.sessions`, String(b.sessions))}</td><td>${money(`markets.${i}.byHour.${h}.change`, b.change, true)}</td><td>${pct(`markets.${i}.byHour.${h}.changePercent`, b.changePercent)}</td></tr>`))
      .join("")}</tbody></table></div>`
  );
}

const POINTS = ["min", "p10", "median", "p90", "max"] as const;

function boxPlots(m: MarketComparison, i: number): string {
  const { before, after } = m.pricePerKWh;
  if (!before || !after) return `<p>No priced session delivered energy.</p>`;
  const w = 520;
  const lo = Math.min(px(before.min), px(after.min));
  const hi = Math.max(px(before.max), px(after.max));
  const x = (v: string) => 10 + ((w - 20) * (px(v) - lo)) / Math.max(hi - lo, 1e-9);
  const box = (d: Distribution, y: number, cls: string, name: string) =>
    `<g class="${cls}"><line x1="${f1(x(d.min))}" x2="${f1(x(d.max))}" y1="${y + 12}" y2="${y + 12}" class="whisker"/>` +
    `<rect x="${f1(x(d.p10))}" y="${y}" width="${f1(Math.max(x(d.p90) - x(d.p10), 1))}" height="24" class="box"><title>${esc(`${name}: p10 ${d.p10}, median ${d.median}, p90 ${d.p90} ${m.currency}/kWh`)}</title></rect>` +
    `<line x1="${f1(x(d.median))}" x2="${f1(x(d.median))}" y1="${y}" y2="${y + 24}" class="median"/></g>`;
  const row = (name: "before" | "after", d: Distribution) =>
    `<tr><th>${name}</th>${POINTS.map((p) => `<td>${fig(`markets.${i}.pricePerKWh.${name}.${p}`, d[p])}</td>`).join("")}</tr>`;
  return (
    `<div class="pair"><svg class="chart" data-chart="price-per-kwh" width="${w}" height="90" viewBox="0 0 ${w} 90" role="img" aria-label="Price per kWh before and after">` +
    `${box(before, 6, "before", "before")}${box(after, 46, "after", "after")}</svg>` +
    `<div class="side"><table class="nums small"><thead><tr><th>${esc(m.currency)}/kWh</th>${POINTS.map((p) => `<th>${p}</th>`).join("")}</tr></thead><tbody>${row("before", before)}${row("after", after)}</tbody></table>` +
    `<p class="note">${fig(`markets.${i}.pricePerKWh.sessions`, String(m.pricePerKWh.sessions))} session(s) with energy; gross ÷ kWh, 4 decimals.</p></div></div>`
  );
}

function changesTable(list: readonly SessionChange[], key: string): string {
  if (list.length === 0) return "<p>None.</p>";
  const rows = list.map(
    (s, j) =>
      `<tr><td>${fig(`${key}.${j}.line`, String(s.line))}</td><td>${esc(s.sessionId ?? "")}</td><td>${esc(s.tariffId)}</td><td>${esc(s.localStart)}</td><td>${esc(s.energyKWh)}</td>` +
      `<td>${money(`${key}.${j}.before`, s.before)}</td><td>${money(`${key}.${j}.after`, s.after)}</td><td>${money(`${key}.${j}.change`, s.change, true)}</td><td>${pct(`${key}.${j}.changePercent`, s.changePercent)}</td></tr>`,
  );
  return `<table class="nums small"><thead><tr><th>line</th><th>session</th><th>tariff</th><th>local start</th><th>kWh</th><th>before</th><th>after</th><th>change</th><th>%</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function marketSection(m: MarketComparison, i: number): string {
  const r = m.sessions.refused;
  const d = m.changePerSession;
  return (
    `<section id="m-${i}" class="market" data-market="${esc(m.market)}" data-currency="${esc(m.currency)}">` +
    `<h2>${esc(m.market)} · ${esc(m.currency)}</h2>` +
    `<p>${fig(`markets.${i}.sessions.priced`, String(m.sessions.priced))} session(s) priced under both tariffs; refused by the current tariff ${fig(`markets.${i}.sessions.refused.current`, String(r.current))}, by the proposed ${fig(`markets.${i}.sessions.refused.proposed`, String(r.proposed))}, by both ${fig(`markets.${i}.sessions.refused.both`, String(r.both))}; energy ${fig(`markets.${i}.energyKWh`, m.energyKWh)} kWh. Tariffs: ${esc(m.tariffs.join(", "))}.</p>` +
    `<h3>Revenue (${esc(m.currency)})</h3>${totalsTable(m, i)}` +
    `<h3>Change per session (gross, ${esc(m.currency)})</h3>` +
    (d ? `<p>${POINTS.map((p) => `${p} ${money(`markets.${i}.changePerSession.${p}`, d[p], true)}`).join(" · ")}</p>` : "") +
    histogramChart(m, i) +
    `<h3>Change by local weekday and hour of the start (gross, %)</h3>${heatMap(m, i)}` +
    `<h3>Price per kWh a driver pays (gross)</h3>${boxPlots(m, i)}` +
    `<h3>Largest increases</h3>${changesTable(m.largest.increases, `markets.${i}.largest.increases`)}` +
    `<h3>Largest decreases</h3>${changesTable(m.largest.decreases, `markets.${i}.largest.decreases`)}` +
    `</section>`
  );
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d232a;max-width:1300px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:32px 0 4px;border-top:1px solid #ccd;padding-top:16px}h3{font-size:14px;margin:16px 0 6px}
.pair{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}.side{min-width:260px}
table.nums{border-collapse:collapse}table.nums td,table.nums th{padding:2px 8px;text-align:right;border-bottom:1px solid #eee}table.nums th:first-child{text-align:left}
table.small{font-size:12px}.num{font-variant-numeric:tabular-nums}.up{color:#b42318}.down{color:#175cd3}
svg .lbl{font-size:11px;fill:#445}svg .cell{font-size:9px;fill:#222}svg .before{fill:#98a2b3}svg .after-up,svg .bar.up{fill:#e0604a}svg .after-down,svg .bar.down{fill:#4a7fe0}svg .bar.zero{fill:#98a2b3}
svg .axis{stroke:#667}svg .whisker{stroke:#445}svg .box{fill-opacity:.55}svg .before .box{fill:#98a2b3}svg .after .box{fill:#e0a04a}svg .median{stroke:#111;stroke-width:2}
.note{color:#556;font-size:12px}`;

/** Options of `comparisonHtml`. */
export interface ComparisonHtmlOptions {
  /** The page title (default "Tariff comparison"). */
  readonly title?: string;
  /** Where the inputs came from (file names), shown under the title. */
  readonly inputs?: { readonly current?: string; readonly proposed?: string; readonly sessions?: string };
}

/**
 * The comparison as one self-contained HTML page: revenue before and after per market, and per
 * market a histogram of the per-session change, a heat map of the change by weekday and hour, the
 * price-per-kWh distributions and the sessions that change most, each with its numbers beside it.
 *
 * @example
 * writeFileSync("report.html", comparisonHtml(compareTariffs(current, proposed, sessions)));
 */
export function comparisonHtml(c: Comparison, options: ComparisonHtmlOptions = {}): string {
  const title = options.title ?? "Tariff comparison";
  const s = c.sessions;
  const inputs = options.inputs;
  const list = (ids: readonly string[]) => esc(ids.length > 8 ? `${ids.slice(0, 8).join(", ")} and ${ids.length - 8} more` : ids.join(", "));
  const refusals = c.refusals.length
    ? `<h2>Refused sessions (first ${c.refusals.length} of ${s.refused})</h2><ul>${c.refusals
        .map((r) => `<li>line ${r.line}${r.sessionId !== undefined ? ` (${esc(r.sessionId)})` : ""}, ${esc(r.tariffId)}, by ${r.side === "both" ? "both tariffs" : `the ${r.side} tariff`}: ${esc(r.issues.map((x) => `${x.path}: ${x.message}`).join("; "))}</li>`)
        .join("")}</ul>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
${inputs ? `<p class="note">${[inputs.current && `current: ${esc(inputs.current)}`, inputs.proposed && `proposed: ${esc(inputs.proposed)}`, inputs.sessions && `sessions: ${esc(inputs.sessions)}`].filter(Boolean).join(" · ")}</p>` : ""}
<p>${fig("sessions.read", String(s.read))} session(s): ${fig("sessions.compared", String(s.compared))} compared, ${fig("sessions.refused", String(s.refused))} refused, ${fig("sessions.invalid", String(s.invalid))} invalid, ${fig("sessions.skipped", String(s.skipped))} skipped (other tariffs).</p>
<p class="note">Current: ${list(c.current)}. Proposed: ${list(c.proposed)}. Every amount is an exact sum of receipts (gross: what drivers pay); percentages are rounded once to 2 decimals, half away from zero; percentiles are nearest-rank; hours and weekdays are local to the station at the session's start.</p>
<h2>Revenue before and after, per market (gross)</h2>
<div class="pair">${c.markets.length ? revenueChart(c) : ""}<div class="side">${revenueTable(c)}</div></div>
${c.markets.map(marketSection).join("\n")}
${refusals}
</body></html>
`;
}
