/**
 * The price preview page. Everything is computed here, in the browser, by the library's browser
 * bundle (imported as "ev-tariff"; scripts/build-preview.ts points it at ./ev-tariff.js):
 * safeParseTariff → compileTariff → quote → renderReceipt / describeTariff, again on every input.
 */
import {
  compileTariff,
  currency as findCurrency,
  describeTariff,
  localeFormat,
  quote,
  renderReceipt,
  lintTariff,
  safeParseTariff,
  TariffError,
  TEXT_LANGUAGES,
  type CompiledTariff,
  type CostCurve,
  type CurveComponent,
  type CurvePoint,
  type Issue,
  type LintResult,
  type QuoteInput,
  type Quote,
  type LocaleFormat,
  type Receipt,
  type ReceiptLine,
} from "ev-tariff";
import bundled from "virtual:tariffs";
import { locatePointer } from "./json-pointer.js";
import { changePercent, differenceText, durationText, hoursToSeconds, roundDecimal, trimZeros, type DurationUnits } from "./units.js";

const DEFAULT_TARIFF = "gr/athens-dc-150.json";
const DEFAULT_START = "2026-06-01T18:00";
const CUSTOM = "(custom)";
const LANGUAGE_NAMES: Record<string, string> = { en: "English", es: "Español", pt: "Português", el: "Ελληνικά", nl: "Nederlands", fr: "Français" };
const COLORS: Record<CurveComponent, string> = { flat: "#8e6bd1", energy: "#0b6bcb", time: "#e08a00", idle: "#c2410c", excise: "#2f8f5b" };
const STACK: readonly CurveComponent[] = ["flat", "energy", "time", "idle", "excise"];
const DECIMAL = /^\d+(\.\d{1,6})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal with at most 6 decimals, e.g. "0.45"';
const SVG = "http://www.w3.org/2000/svg";
const MINUTE = 60_000;
const DAY = 86_400_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
};
const testId = (id: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`[data-testid=${id}] is missing`);
  return el;
};

const tariffSelect = $<HTMLSelectElement>("tariff-select");
const tariffJson = $<HTMLTextAreaElement>("tariff-json");
const tariffIssues = $<HTMLUListElement>("tariff-issues");
const startInput = $<HTMLInputElement>("start");
const startZone = $<HTMLSelectElement>("start-zone");
const kwhInput = $<HTMLInputElement>("kwh");
const powerInput = $<HTMLInputElement>("power");
const idleInput = $<HTMLInputElement>("idle");
const paymentSelect = $<HTMLSelectElement>("payment");
const languageSelect = $<HTMLSelectElement>("language");
const banner = $("banner");
const results = $("results");

/** The number fields, by the path `quote` reports their problems at. */
const numberFields: ReadonlyArray<{ input: HTMLInputElement; error: HTMLElement; path: string; required: boolean }> = [
  { input: kwhInput, error: $("kwh-error"), path: "/kWh", required: true },
  { input: powerInput, error: $("power-error"), path: "/powerKW", required: true },
  { input: idleInput, error: $("idle-error"), path: "/idleMinutes", required: false },
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function setFieldError(input: HTMLElement, error: HTMLElement, message: string | undefined): void {
  error.textContent = message ?? "";
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

// ---------------------------------------------------------------------------------------------
// Setup

/** The bundled tariffs' currencies, for the compare picker (only one currency can share the chart's axis). */
const bundledCurrency = new Map<string, string>();
const compareSelect = $<HTMLSelectElement>("compare");
for (const t of bundled) {
  const market = t.file.split("/")[0]!.toUpperCase();
  let label = t.file;
  try {
    const doc = JSON.parse(t.text) as { id?: string; name?: { en?: string }; currency?: string };
    label = `${market} · ${doc.name?.en ?? doc.id ?? t.file} (${t.file})`;
    if (typeof doc.currency === "string") bundledCurrency.set(t.file, doc.currency);
  } catch {
    // listed by its path
  }
  tariffSelect.append(el("option", { value: t.file }, label));
  compareSelect.append(el("option", { value: t.file }, label));
}
tariffSelect.append(el("option", { value: CUSTOM }, "Pasted / edited JSON"));
for (const lang of TEXT_LANGUAGES) languageSelect.append(el("option", { value: lang }, `${LANGUAGE_NAMES[lang] ?? lang} (${lang})`));

const params = new URLSearchParams(location.search);
const initial = bundled.find((t) => t.file === (params.get("tariff") ?? DEFAULT_TARIFF)) ?? bundled[0];
if (initial) {
  tariffSelect.value = initial.file;
  tariffJson.value = initial.text;
}
startInput.value = params.get("start") ?? DEFAULT_START;
kwhInput.value = params.get("kWh") ?? "30";
powerInput.value = params.get("powerKW") ?? "60";
idleInput.value = params.get("idleMinutes") ?? "20";
languageSelect.value = params.get("lang") ?? "en";

compareSelect.value = bundled.some((b) => b.file === params.get("compare")) ? params.get("compare")! : "";
for (const r of document.querySelectorAll<HTMLInputElement>('input[name="curve-x"]')) r.checked = r.value === (params.get("x") === "energy" ? "energy" : "time");
compareSelect.addEventListener("change", update);
for (const r of document.querySelectorAll<HTMLInputElement>('input[name="curve-x"]')) r.addEventListener("change", update);

tariffSelect.addEventListener("change", () => {
  const t = bundled.find((b) => b.file === tariffSelect.value);
  if (t) tariffJson.value = t.text;
  update();
});
tariffJson.addEventListener("input", () => {
  const same = bundled.find((b) => b.file === tariffSelect.value);
  if (!same || same.text !== tariffJson.value) tariffSelect.value = CUSTOM;
  update();
});
for (const input of [startInput, kwhInput, powerInput, idleInput]) input.addEventListener("input", update);

// ---------------------------------------------------------------------------------------------
// Layout: the editor's width (a splitter), line wrapping, the receipt's view

const wrapBox = $<HTMLInputElement>("wrap");
const setWrap = (on: boolean) => {
  wrapBox.checked = on;
  tariffJson.wrap = on ? "soft" : "off";
};
setWrap(params.get("wrap") !== "0");
wrapBox.addEventListener("change", () => setWrap(wrapBox.checked));

const mainEl = document.querySelector("main")!;
const splitter = $("splitter");
const EDITOR_MIN = 300;
/** The widest the editor may be: the results keep at least 360 px. */
const editorMax = () => Math.max(EDITOR_MIN, mainEl.clientWidth - 40 - 18 - 360);
let editorWidth = 440;
function setEditorWidth(px: number): void {
  editorWidth = Math.round(Math.min(editorMax(), Math.max(EDITOR_MIN, px)));
  mainEl.style.setProperty("--editor-width", `${editorWidth}px`);
  splitter.setAttribute("aria-valuemin", String(EDITOR_MIN));
  splitter.setAttribute("aria-valuemax", String(Math.round(editorMax())));
  splitter.setAttribute("aria-valuenow", String(editorWidth));
}
setEditorWidth(Number(params.get("editorWidth")) || editorWidth);
splitter.addEventListener("pointerdown", (down) => {
  down.preventDefault();
  splitter.setPointerCapture(down.pointerId);
  splitter.classList.add("dragging");
  const from = editorWidth;
  const move = (ev: PointerEvent) => setEditorWidth(from + ev.clientX - down.clientX);
  const up = () => {
    splitter.classList.remove("dragging");
    splitter.removeEventListener("pointermove", move);
    splitter.removeEventListener("pointerup", up);
    splitter.removeEventListener("pointercancel", up);
  };
  splitter.addEventListener("pointermove", move);
  splitter.addEventListener("pointerup", up);
  splitter.addEventListener("pointercancel", up);
});
splitter.addEventListener("keydown", (ev) => {
  const step = ev.shiftKey ? 100 : 20;
  const to = { ArrowLeft: editorWidth - step, ArrowRight: editorWidth + step, Home: EDITOR_MIN, End: editorMax() }[ev.key];
  if (to === undefined) return;
  ev.preventDefault();
  setEditorWidth(to);
});
addEventListener("resize", () => setEditorWidth(editorWidth));

const setView = (view: string) => {
  const analyst = view === "analyst";
  $("driver-view").hidden = analyst;
  $("analyst-view").hidden = !analyst;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="view"]')) r.checked = r.value === (analyst ? "analyst" : "driver");
};
setView(params.get("view") ?? "driver");
for (const r of document.querySelectorAll<HTMLInputElement>('input[name="view"]')) r.addEventListener("change", () => setView(r.value));
for (const select of [startZone, paymentSelect, languageSelect]) select.addEventListener("change", update);

// ---------------------------------------------------------------------------------------------
// Inputs

/** A JSON syntax error, placed: "line L, column C" when the engine tells where it stopped. */
function jsonError(text: string, e: unknown): { where: string; message: string } {
  const message = (e instanceof Error ? e.message : String(e)).replace(/^JSON\.parse: /, "");
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { where: `line ${lc[1]}, column ${lc[2]}`, message: message.replace(/\s*\(line \d+ column \d+\)/, "") };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return { where: "JSON", message };
  const before = text.slice(0, Number(pos[1]));
  return { where: `line ${before.split("\n").length}, column ${before.length - before.lastIndexOf("\n")}`, message };
}

/** Lists the tariff's problems under the textarea: each with its JSON pointer (or where the JSON breaks). */
function showTariffIssues(issues: ReadonlyArray<Issue & { where?: string }>): void {
  tariffIssues.replaceChildren(
    ...issues.map((i) => {
      const li = el("li", { "data-pointer": i.path });
      li.append(el("code", { class: "pointer" }, i.where ?? (i.path || "/")), document.createTextNode(` ${i.message}`));
      return li;
    }),
  );
  if (issues.length) tariffJson.setAttribute("aria-invalid", "true");
  else tariffJson.removeAttribute("aria-invalid");
}

/** The UTC instant of a `datetime-local` value read in `zone` (or UTC): [instant, note] or an error message. */
function startInstant(value: string, ct: CompiledTariff): { ms: number; note?: string } | { error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return { error: value ? "must be a date and a time" : "is required" };
  const [, y, mo, d, h, mi, s = "0", frac = "0"] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, "0")));
  if (startZone.value === "utc") return { ms: local };
  // Every UTC instant whose wall clock in the zone reads `local`: none in a DST gap, two in an overlap.
  const offsets = new Set([-DAY, 0, DAY].map((k) => ct.zone.offsetMs(local + k)));
  const candidates = [...offsets].map((o) => local - o).filter((u) => u + ct.zone.offsetMs(u) === local);
  const found = [...new Set(candidates)].sort((a, b) => a - b);
  if (found.length === 0) return { error: `does not exist in ${ct.zone.name} (the clocks skip it); pick another time` };
  return found.length > 1 ? { ms: found[0]!, note: `happens twice in ${ct.zone.name}; the first (earlier) one is used` } : { ms: found[0]! };
}

// ---------------------------------------------------------------------------------------------
// Output

function localText(ct: CompiledTariff, iso: string, withDate: boolean): string {
  const utc = Date.parse(iso);
  const local = new Date(utc + ct.zone.offsetMs(utc)).toISOString();
  const time = local.endsWith(":00.000Z") ? local.slice(11, 16) : local.slice(11, 19);
  return withDate ? `${local.slice(0, 10)} ${time}` : time;
}

function renderTables(receipt: Receipt, ct: CompiledTariff): void {
  const days = new Set(receipt.lines.flatMap((l) => [l.from, l.to]).map((iso) => localText(ct, iso, true).slice(0, 10)));
  const withDate = days.size > 1;
  $("lines-body").replaceChildren(
    ...receipt.lines.map((l, i) => {
      const tr = el("tr", { "data-testid": `line-${i}`, "data-component": l.component });
      const rate = el("td");
      rate.append(el("code", {}, l.rate ?? (l.component === "excise" ? (l.name ?? "") : "—")));
      tr.append(
        el("td", { "data-field": "component" }, l.component),
        rate,
        el("td", { "data-field": "from" }, localText(ct, l.from, withDate)),
        el("td", { "data-field": "to" }, localText(ct, l.to, withDate)),
        el("td", { class: "num", "data-field": "quantity" }, l.quantity),
        el("td", { "data-field": "unit" }, l.unit),
        el("td", { class: "num", "data-field": "unitPrice" }, l.unitPrice),
        el("td", { class: "num", "data-field": "net" }, l.net),
        el("td", { class: "num", "data-field": "gross" }, l.gross),
      );
      return tr;
    }),
  );
  $("taxes-body").replaceChildren(
    ...receipt.taxes.map((t, i) => {
      const tr = el("tr", { "data-testid": `tax-${i}` });
      tr.append(
        el("td", {}, t.name),
        el("td", { class: "num", "data-field": "rate" }, `${trimZeros((Number(t.rate) * 100).toFixed(4))} %`),
        el("td", { class: "num", "data-field": "base" }, t.base),
        el("td", { class: "num", "data-field": "amount" }, t.amount),
        el("td", { class: "source" }, t.source),
      );
      return tr;
    }),
  );
  testId("total-net").textContent = receipt.totals.net;
  testId("total-gross").textContent = receipt.totals.gross;
  testId("total-tax").textContent = receipt.totals.tax;
  testId("lines-currency").textContent = `${receipt.currency}, times in ${receipt.timeZone}`;
}

/** "Nice" axis steps: 1, 2, 2.5, 5 × 10^k. */
function niceStep(span: number, ticks: number): number {
  const raw = span / Math.max(1, ticks);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function minuteStep(span: number): number {
  for (const s of [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 4320, 10080]) if (span / s <= 8) return s;
  return 10080;
}

/** A cost curve drawn on the chart: the tariff in the editor, or the one it is compared with. */
interface Series {
  readonly curve: CostCurve;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  readonly testId: string;
}

type Axis = "time" | "energy";

/**
 * The cumulative cost of the session against time (minutes since the start, and the station's clock)
 * or against the energy delivered: stacked per component for one tariff, or the totals of two tariffs
 * (same currency) on the same axes.
 */
function renderChart(main: Series, q: Quote, ct: CompiledTariff, locale: string, other: Series | undefined, axis: Axis): void {
  const W = Math.max(320, Math.round($("chart").clientWidth || 760));
  const narrow = W < 640; // a phone: the readout takes two lines
  const H = 300;
  const M = { left: 62, right: 18, top: narrow ? 40 : 26, bottom: axis === "time" ? 40 : 28 };
  const curve = main.curve;
  const pts = curve.points;
  const last = pts[pts.length - 1]!;
  const xOf = (p: CurvePoint) => (axis === "time" ? p.minute : Number(p.kWh));
  const xMax = xOf(last) > 0 ? xOf(last) : 1;
  const series = other ? [main, other] : [main];
  const totals = series.flatMap((s) => s.curve.points.map((p) => Number(p.total)));
  const yTop = Math.max(...totals, 0);
  const yStep = niceStep(yTop || 1, 5);
  const yMax = Math.max(yStep, Math.ceil(yTop / yStep - 1e-9) * yStep);
  const x = (v: number) => M.left + (v / xMax) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const digits = findCurrency(curve.currency)?.settlementDigits ?? 2;
  const fmt = localeFormat(locale, ct.tariff.market);
  const money = (v: number, d = digits) => fmt.money(v.toFixed(d), curve.currency, d);
  const kWhText = (v: number) => `${trimZeros(v.toFixed(3))} kWh`;

  const root = svg("svg", {
    class: "chart",
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": `Cumulative cost by ${axis === "time" ? "minute" : "energy delivered"}, ${curve.currency}`,
    "data-points": pts.length,
    "data-axis": axis,
  });
  // grid and y axis
  const yDigits = yStep < 1 ? Math.min(6, Math.ceil(-Math.log10(yStep)) + (String(yStep).includes("25") ? 1 : 0)) : 0;
  for (let v = 0; v <= yMax + yStep / 1e6; v += yStep) {
    root.append(svg("line", { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), stroke: v === 0 ? "#8a96a5" : "#e3e8ee" }));
    root.append(svg("text", { x: M.left - 6, y: y(v) + 4, "text-anchor": "end" }, money(v, Math.min(digits, yDigits))));
  }
  const start = Date.parse(q.session.start);
  const tick = (at: number, ...labels: string[]) => {
    root.append(svg("line", { x1: x(at), x2: x(at), y1: H - M.bottom, y2: H - M.bottom + 4, stroke: "#8a96a5", class: "tick" }));
    labels.forEach((l, k) => root.append(svg("text", { x: x(at), y: H - M.bottom + 16 + 14 * k, "text-anchor": "middle", class: "tick-label" }, l)));
  };
  if (axis === "time") {
    // minutes since start, and the station's wall clock
    const xs = minuteStep(xMax);
    for (let m = 0; m <= xMax + 1e-9; m += xs) {
      const utc = start + m * MINUTE;
      const clock = new Date(utc + ct.zone.offsetMs(utc)).toISOString().slice(11, 16);
      tick(m, m >= 120 && m % 60 === 0 ? `${m / 60} h` : `${m} min`, clock);
    }
  } else {
    const xs = niceStep(xMax, narrow ? 4 : 8);
    for (let v = 0; v <= xMax + xs / 1e6; v += xs) tick(v, kWhText(v));
  }
  // one tariff: stacked areas per component
  const present = STACK.filter((c) => curve.components.includes(c));
  if (!other) {
    const base = pts.map(() => 0);
    for (const c of present) {
      const top = pts.map((p, i) => base[i]! + Number(p.cost[c] ?? 0));
      const upper = pts.map((p, i) => `${x(xOf(p)).toFixed(2)},${y(top[i]!).toFixed(2)}`);
      const lower = pts.map((p, i) => `${x(xOf(p)).toFixed(2)},${y(base[i]!).toFixed(2)}`).reverse();
      root.append(svg("polygon", { points: [...upper, ...lower].join(" "), fill: COLORS[c], "fill-opacity": 0.28, stroke: "none", "data-component": c }));
      top.forEach((v, i) => (base[i] = v));
    }
  }
  // charging end (on the time axis; on the energy axis idle time is the vertical run at the end)
  const chargingMin = (Date.parse(q.session.chargingEnd ?? q.session.end) - start) / MINUTE;
  if (axis === "time" && chargingMin > 0 && chargingMin < last.minute) {
    root.append(svg("line", { x1: x(chargingMin), x2: x(chargingMin), y1: M.top - 6, y2: H - M.bottom, stroke: "#5f6b7a", "stroke-dasharray": "4 3" }));
    root.append(svg("text", { x: x(chargingMin) + 4, y: M.top + 4 }, "charging ends"));
  }
  for (const s of series) {
    const sp = s.curve.points;
    root.append(
      svg("polyline", {
        points: sp.map((p) => `${x(xOf(p)).toFixed(2)},${y(Number(p.total)).toFixed(2)}`).join(" "),
        fill: "none",
        stroke: s.color,
        "stroke-width": 2,
        ...(s.dash ? { "stroke-dasharray": s.dash } : {}),
        "data-testid": s.testId,
        "data-points": sp.length,
      }),
    );
    const end = sp[sp.length - 1]!;
    root.append(svg("circle", { cx: x(xOf(end)), cy: y(Number(end.total)), r: 3.5, fill: s.color }));
  }

  // hover readout
  const guide = svg("line", { y1: M.top - 6, y2: H - M.bottom, stroke: "#10263f", "stroke-opacity": 0.35, visibility: "hidden" });
  const dots = series.map((s) => svg("circle", { r: 4, fill: "#fff", stroke: s.color, "stroke-width": 2, visibility: "hidden" }));
  const readout = svg("text", { x: narrow ? 4 : M.left, y: 14, class: "readout", "data-testid": "chart-readout" });
  const show = (i: number) => {
    const p = pts[i]!;
    const utc = Date.parse(p.at);
    const clock = new Date(utc + ct.zone.offsetMs(utc)).toISOString().slice(11, 16);
    const head = `${clock} (+${trimZeros(p.minute.toFixed(2))} min), ${kWhText(Number(p.kWh))}`;
    const q2 = other?.curve.points.find((o) => o.minute === p.minute);
    const tail = other
      ? `${main.label} ${money(Number(p.total))} · ${other.label} ${q2 ? money(Number(q2.total)) : "—"}`
      : `${money(Number(p.total))}  (${present.map((c) => `${c} ${money(Number(p.cost[c] ?? 0))}`).join(" · ")})`;
    if (narrow) readout.replaceChildren(svg("tspan", { x: 4 }, `${head}:`), svg("tspan", { x: 4, dy: 14 }, tail));
    else readout.textContent = `${head}: ${tail}`;
    guide.setAttribute("x1", String(x(xOf(p))));
    guide.setAttribute("x2", String(x(xOf(p))));
    [p, q2].forEach((pt, k) => {
      if (!dots[k]) return;
      if (pt) {
        dots[k].setAttribute("cx", String(x(xOf(pt))));
        dots[k].setAttribute("cy", String(y(Number(pt.total))));
      }
    });
  };
  show(pts.length - 1);
  const overlay = svg("rect", { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom, fill: "transparent" });
  const setVisible = (v: string) => [guide, ...dots].forEach((e) => e.setAttribute("visibility", v));
  overlay.addEventListener("pointermove", (ev) => {
    const box = root.getBoundingClientRect();
    const at = ((((ev.clientX - box.left) / box.width) * W - M.left) / (W - M.left - M.right)) * xMax;
    let best = 0;
    for (let i = 1; i < pts.length; i++) if (Math.abs(xOf(pts[i]!) - at) < Math.abs(xOf(pts[best]!) - at)) best = i;
    setVisible("visible");
    show(best);
  });
  overlay.addEventListener("pointerleave", () => {
    setVisible("hidden");
    show(pts.length - 1);
  });
  root.append(guide, ...dots, readout, overlay);
  $("chart").replaceChildren(root);

  const swatch = (color: string, dashed = false) => {
    const i = el("i");
    i.style.background = dashed ? `repeating-linear-gradient(90deg, ${color} 0 4px, transparent 4px 6px)` : color;
    return i;
  };
  $("legend").replaceChildren(
    ...(other
      ? series.map((s) => {
          const end = s.curve.points[s.curve.points.length - 1]!;
          const span = el("span", { "data-testid": `legend-${s.testId}` }, `${s.label} ${money(Number(end.total))}`);
          span.prepend(swatch(s.color, Boolean(s.dash)));
          return span;
        })
      : present.map((c) => {
          const span = el("span", {}, `${c} ${money(Number(last.cost[c] ?? 0))}`);
          span.prepend(swatch(COLORS[c]));
          return span;
        })),
    el("span", {}, other ? "(before min/max and rounding)" : `— total ${money(Number(last.total))}; subtotal of rounded lines ${fmt.money(curve.subtotal, curve.currency, digits)}`),
  );
  testId("curve-basis").textContent = `(${curve.currency}, ${curve.pricesInclude === "tax" ? "prices including tax" : "prices excluding tax"}, before min/max and rounding)`;
}

/**
 * The driver's receipt: one card per line in the chosen language (the library's phrases and locale
 * formats), with durations as "5 min" and energy as "12.5 kWh" (to the Wh), amounts exactly as on the
 * receipt, in the tariff's price basis (as renderReceipt shows them). No rate pointers, no hours as decimals.
 */
function renderDriverReceipt(receipt: Receipt, ct: CompiledTariff, locale: string): void {
  const fmt = localeFormat(locale, receipt.market);
  const P = fmt.phrases;
  const money = (amount: string) => fmt.money(amount, receipt.currency);
  const units = { hour: P.hourAbbr, minute: P.minuteAbbr, second: P.secondAbbr };
  const localMs = (iso: string) => {
    const utc = Date.parse(iso);
    return utc + ct.zone.offsetMs(utc);
  };
  const timed = receipt.lines.filter((l) => l.component !== "rounding");
  const days = new Set(timed.flatMap((l) => [l.from, l.to]).map((iso) => Math.floor(localMs(iso) / DAY)));
  const when = (l: ReceiptLine) =>
    days.size > 1 ? `${fmt.dateTime(localMs(l.from))} – ${fmt.dateTime(localMs(l.to))}` : `${fmt.time(localMs(l.from) % DAY)}–${fmt.time(localMs(l.to) % DAY)}`;
  $("driver-lines").replaceChildren(
    ...receipt.lines.map((l, i) => {
      const li = el("li", { "data-testid": `driver-line-${i}`, "data-component": l.component });
      const what = el("span", { class: "what" }, lineLabel(l, P));
      if (l.component !== "flat" && l.component !== "rounding" && l.component !== "minimum" && l.component !== "maximum") what.append(el("span", { class: "when" }, when(l)));
      li.append(what, el("span", { class: "amount", "data-field": "amount" }, money(receipt.pricesInclude === "tax" ? l.gross : l.net)));
      const detail = lineDetail(l, fmt, units, money);
      if (detail) li.append(el("span", { class: "detail", "data-field": "detail" }, detail));
      return li;
    }),
  );
  const row = (label: string, value: string, cls?: string, id?: string) => {
    const div = el("div", { class: cls, "data-testid": id });
    div.append(el("dt", {}, label), el("dd", {}, value));
    return div;
  };
  const pct = (rate: string) => fmt.percent(rate);
  const rows: HTMLElement[] = [];
  if (receipt.pricesInclude === "none") {
    rows.push(row(P.netLabel, money(receipt.totals.net)));
    for (const t of receipt.taxes) rows.push(row(P.taxAdded(t.name, pct(t.rate), money(t.base), money(t.amount)), "", "tax"));
    rows.push(row(P.totalLabel, money(receipt.totals.gross), "total", "driver-total"));
  } else {
    rows.push(row(P.totalLabel, money(receipt.totals.gross), "total", "driver-total"));
    for (const t of receipt.taxes) rows.push(row(P.taxIncluded(t.name, pct(t.rate), money(t.amount), money(t.base)), "", "tax"));
  }
  if (receipt.taxes.length === 0) rows.push(row(P.noTax, "", "tax"));
  $("driver-totals").replaceChildren(...rows);
  $("driver-view").lang = locale.slice(0, 2);
}

function lineLabel(l: ReceiptLine, P: LocaleFormat["phrases"]): string {
  switch (l.component) {
    case "energy":
      return P.energyLine;
    case "excise":
      return l.name ?? "excise";
    case "time":
      return P.timeLine;
    case "idle":
      return P.idleLine;
    case "flat":
      return P.flatLine;
    case "minimum":
      return P.minimumLine;
    case "maximum":
      return P.maximumLine;
    case "rounding":
      return P.roundingLine;
  }
}

/** "33.333 kWh × €0.69/kWh", "15 min × €12.00/h", "10 min, free"; nothing for a line without a quantity. */
function lineDetail(l: ReceiptLine, fmt: LocaleFormat, units: DurationUnits, money: (a: string) => string): string | undefined {
  const free = /^0(\.0*)?$/.test(l.unitPrice);
  if (l.unit === "kWh") {
    const kWh = `${fmt.number(roundDecimal(l.quantity, 3))} kWh`;
    return free ? `${kWh}, ${fmt.phrases.free}` : `${kWh} × ${money(l.unitPrice)}/kWh`;
  }
  if (l.unit === "h") {
    const time = durationText(hoursToSeconds(l.quantity), units, fmt.number);
    return free ? `${time}, ${fmt.phrases.free}` : `${time} × ${fmt.phrases.perHourShort(money(l.unitPrice))}`;
  }
  return undefined;
}

function renderSummary(receipt: Receipt, q: Quote, locale: string): void {
  const fmt = localeFormat(locale, receipt.market);
  testId("total-gross-text").textContent = fmt.money(receipt.totals.gross, receipt.currency);
  testId("summary-net").textContent = fmt.money(receipt.totals.net, receipt.currency);
  testId("summary-tax").textContent = fmt.money(receipt.totals.tax, receipt.currency);
  testId("summary-energy").textContent = `${fmt.number(receipt.energyKWh)} kWh`;
  const start = Date.parse(q.session.start);
  const chargingEnd = Date.parse(q.session.chargingEnd ?? q.session.end);
  const end = Date.parse(q.session.end);
  const session = testId("summary-session");
  session.textContent = `${durationText(Math.round((chargingEnd - start) / 1000))} charging + ${durationText(Math.round((end - chargingEnd) / 1000))} idle`;
  session.dataset.start = q.session.start;
  session.dataset.chargingEnd = q.session.chargingEnd ?? q.session.end;
  session.dataset.end = q.session.end;
}

// ---------------------------------------------------------------------------------------------
// Lint findings, beside the editor (lintTariff, once per tariff text)

let lintedText: string | undefined;

function showLint(doc: unknown, text: string): void {
  const lint = $("lint");
  if (doc === undefined) {
    lintedText = undefined;
    lint.dataset.state = "waiting";
    $("lint-summary").textContent = "runs once the tariff is valid";
    $("lint-findings").replaceChildren();
    return;
  }
  if (text === lintedText) return;
  lintedText = text;
  let result: LintResult;
  try {
    result = lintTariff(doc);
  } catch (e) {
    lint.dataset.state = "failed";
    $("lint-summary").textContent = `could not lint: ${String(e)}`;
    $("lint-findings").replaceChildren();
    return;
  }
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  lint.dataset.state = "done";
  lint.dataset.errors = String(result.errors);
  lint.dataset.warnings = String(result.warnings);
  lint.dataset.infos = String(result.infos);
  $("lint-summary").textContent = result.findings.length
    ? `${count(result.errors, "error")}, ${count(result.warnings, "warning")}, ${count(result.infos, "info", "info")}`
    : "no findings";
  $("lint-findings").replaceChildren(
    ...result.findings.map((f, i) => {
      const li = el("li", { "data-testid": `lint-${i}`, "data-severity": f.severity, "data-rule": f.rule, "data-pointer": f.pointer });
      li.append(el("span", { class: "sev" }, f.severity), el("span", { class: "rule" }, f.rule));
      if (f.pointer) {
        const go = el("button", { type: "button", class: "pointer", title: "select it in the editor" }, f.pointer);
        go.addEventListener("click", () => selectPointer(f.pointer));
        li.append(go);
      } else li.append(el("span", { class: "hint" }, "whole tariff"));
      li.append(el("span", { class: "msg" }, f.message), el("span", { class: "src" }, `source: ${f.source}`));
      return li;
    }),
  );
}

/** Selects the text of a pointer's value in the editor and scrolls it into view. */
function selectPointer(pointer: string): void {
  const span = locatePointer(tariffJson.value, pointer);
  if (!span) return;
  // Focusing with the caret at the start scrolls it into view (wrapped or not); then the value is selected.
  tariffJson.blur();
  tariffJson.setSelectionRange(span.start, span.start);
  tariffJson.focus();
  tariffJson.setSelectionRange(span.start, span.end);
}

// ---------------------------------------------------------------------------------------------
// Compare with: the same session under a bundled tariff, drawn on the same chart

const compiledBundled = new Map<string, CompiledTariff | string>();

function bundledTariff(file: string): CompiledTariff | string {
  let c = compiledBundled.get(file);
  if (c === undefined) {
    const t = bundled.find((b) => b.file === file);
    try {
      c = t ? compileTariff(JSON.parse(t.text)) : `${file} is not bundled`;
    } catch (e) {
      c = e instanceof TariffError ? e.issues.map((i) => `${i.path || "/"}: ${i.message}`).join("; ") : String(e);
    }
    compiledBundled.set(file, c);
  }
  return c;
}

/**
 * Prices the same session (the same UTC start, energy, power, idle minutes and payment) under the
 * tariff picked in "compare with"; shows both totals to pay and their exact difference. Returns the
 * curve to draw, or nothing (no pick, another currency, or a session it refuses, each said so).
 */
function compareWith(ct: CompiledTariff, input: QuoteInput, receipt: Receipt, locale: string): Series | undefined {
  const box = $("compare-summary");
  for (const o of compareSelect.options) if (o.value) o.disabled = bundledCurrency.get(o.value) !== ct.tariff.currency;
  const file = compareSelect.value;
  box.replaceChildren();
  delete box.dataset.state;
  if (!file) return undefined;
  const note = (text: string, state: string) => {
    box.dataset.state = state;
    box.replaceChildren(el("span", { class: "note" }, text));
    return undefined;
  };
  const other = bundledTariff(file);
  if (typeof other === "string") return note(`${file} does not compile: ${other}`, "refused");
  if (other.tariff.currency !== ct.tariff.currency)
    return note(`${file} prices in ${other.tariff.currency}, this tariff in ${ct.tariff.currency}: their curves do not share an axis`, "currency");
  let qb: Quote;
  try {
    qb = quote(other, input);
  } catch (e) {
    const why = e instanceof TariffError ? e.issues.map((i) => `${i.path || "/"}: ${i.message}`).join("; ") : String(e);
    return note(`${file} does not price this session: ${why}`, "refused");
  }
  const fmt = localeFormat(locale, ct.tariff.market);
  const a = receipt.totals.gross;
  const b = qb.receipt.totals.gross;
  const diff = differenceText(b, a);
  box.dataset.state = "ok";
  box.dataset.a = a;
  box.dataset.b = b;
  box.dataset.difference = diff;
  const money = (v: string) => fmt.money(v, receipt.currency);
  const change = changePercent(b, a);
  const pct = change === undefined ? "" : ` (${change} %)`;
  box.append(
    el("span", {}, `To pay: this tariff ${money(a)}; ${other.tariff.id} ${money(b)}; difference `),
    el("strong", { "data-testid": "compare-difference" }, `${diff.startsWith("-") || /^[0.]+$/.test(diff) ? "" : "+"}${money(diff)}${pct}`),
    el("span", { class: "hint" }, `. Same session: start ${input.start instanceof Date ? input.start.toISOString() : new Date(Number(input.start)).toISOString().replace(".000Z", "Z")}, priced in each tariff's own zone${other.tariff.pricesInclude !== ct.tariff.pricesInclude ? "; the curves are in each tariff's price basis (one includes tax, the other does not), the totals to pay both include it" : ""}.`),
  );
  if (receipt.currency !== qb.receipt.currency) return note(`the receipts are in ${receipt.currency} and ${qb.receipt.currency}`, "currency");
  return { curve: qb.curve, label: other.tariff.id, color: "#d9480f", dash: "6 4", testId: "curve-compare" };
}

// ---------------------------------------------------------------------------------------------
// The loop: read every input, show every problem at its field, price when all is well.

let renders = 0;
/** Draws the chart of the last priced inputs again (at the chart's current width). */
let drawChart: (() => void) | undefined;

function update(): void {
  banner.textContent = "";
  for (const f of numberFields) setFieldError(f.input, f.error, undefined);
  setFieldError(startInput, $("start-error"), undefined);
  $("start-hint").textContent = "";

  let ok = true;
  let ct: CompiledTariff | undefined;
  let json: unknown;
  try {
    json = JSON.parse(tariffJson.value);
  } catch (e) {
    showLint(undefined, tariffJson.value);
    const { where, message } = jsonError(tariffJson.value, e);
    showTariffIssues([{ path: "", where, message: `not valid JSON: ${message}` }]);
    ok = false;
  }
  if (ok) {
    const parsed = safeParseTariff(json);
    showLint(parsed.ok ? json : undefined, tariffJson.value);
    if (!parsed.ok) {
      showTariffIssues(parsed.issues);
      ok = false;
    } else {
      try {
        ct = compileTariff(parsed.value);
        showTariffIssues([]);
      } catch (e) {
        showTariffIssues(e instanceof TariffError ? e.issues : [{ path: "", message: String(e) }]);
        ok = false;
      }
    }
  }

  const values: Record<string, string> = {};
  for (const f of numberFields) {
    const v = f.input.value.trim();
    if (v === "" && !f.required) continue;
    if (v === "") setFieldError(f.input, f.error, "is required");
    else if (!DECIMAL.test(v)) setFieldError(f.input, f.error, DECIMAL_MESSAGE);
    else {
      values[f.path] = v;
      continue;
    }
    ok = false;
  }

  const zoneName = ct?.zone.name;
  $("start-label").textContent = startZone.value === "utc" ? "Start (UTC)" : zoneName ? `Start (station time, ${zoneName})` : "Start (station time)";
  let start: number | undefined;
  if (ct) {
    const s = startInstant(startInput.value, ct);
    if ("error" in s) {
      setFieldError(startInput, $("start-error"), s.error);
      ok = false;
    } else {
      start = s.ms;
      $("start-hint").textContent =
        startZone.value === "utc"
          ? `read as UTC: ${new Date(s.ms).toISOString().replace(".000Z", "Z")}`
          : `read in ${ct.zone.name}, = ${new Date(s.ms).toISOString().replace(".000Z", "Z")} UTC${s.note ? `; ${s.note}` : ""}`;
    }
  }

  if (!ok || !ct || start === undefined) {
    results.classList.add("stale");
    results.dataset.state = "invalid";
    banner.textContent = "Fix the marked fields to see the price (the results below are from the last valid inputs).";
    return;
  }

  let q: Quote;
  let input: QuoteInput;
  try {
    input = {
      start,
      kWh: values["/kWh"]!,
      powerKW: values["/powerKW"]!,
      ...(values["/idleMinutes"] !== undefined ? { idleMinutes: values["/idleMinutes"] } : {}),
      payment: paymentSelect.value as "card" | "app" | "cash",
    };
    q = quote(ct, input);
  } catch (e) {
    const issues = e instanceof TariffError ? e.issues : [{ path: "", message: String(e) }];
    const general: string[] = [];
    for (const i of issues) {
      const f = numberFields.find((n) => n.path === i.path);
      if (f) setFieldError(f.input, f.error, i.message);
      else if (i.path === "/start") setFieldError(startInput, $("start-error"), i.message);
      else general.push(`${i.path || "/"}: ${i.message}`);
    }
    results.classList.add("stale");
    results.dataset.state = "invalid";
    banner.textContent = general.length ? general.join("\n") : "Fix the marked fields to see the price.";
    return;
  }

  const lang = languageSelect.value;
  const locale = `${lang}-${ct.tariff.market.slice(0, 2)}`;
  const receipt = q.receipt;
  renderSummary(receipt, q, locale);
  renderTables(receipt, ct);
  const compiled = ct;
  const mainSeries: Series = { curve: q.curve, label: "this tariff", color: "#10263f", testId: "curve-total" };
  const compared = compareWith(compiled, input, receipt, locale);
  const axis: Axis = document.querySelector<HTMLInputElement>('input[name="curve-x"]:checked')?.value === "energy" ? "energy" : "time";
  drawChart = () => renderChart(mainSeries, q, compiled, locale, compared, axis);
  drawChart();
  renderDriverReceipt(receipt, compiled, locale);
  const receiptText = testId("receipt-text");
  receiptText.textContent = renderReceipt(receipt, locale);
  receiptText.lang = lang;
  const tariffText = testId("tariff-text");
  tariffText.textContent = describeTariff(ct, locale);
  tariffText.lang = lang;
  results.classList.remove("stale");
  results.dataset.state = "ok";
  results.dataset.locale = locale;
  results.dataset.renders = String(++renders);
}

// The chart is drawn for its width: drawn again (once the size settles) when that width changes.
let chartWidth = Math.round($("chart").clientWidth);
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  const w = Math.round($("chart").clientWidth);
  if (w === chartWidth) return;
  chartWidth = w;
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => drawChart?.(), 100);
}).observe($("chart"));

update();
