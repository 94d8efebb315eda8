// The page: files in, a Web Worker parses them, the reports shown as the template prints
// them, and the downloads. No request leaves for anywhere but this page's own files.
import { WORDS } from "./i18n.js";

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const pending = new Map();
let nextId = 0;

/** Sends a command to the worker; resolves with its reply, rejects with its error. */
function ask(cmd, data = {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, cmd, ...data }, transfer);
  });
}
worker.onmessage = (event) => {
  const { id, ok, error } = event.data;
  const p = pending.get(id);
  pending.delete(id);
  if (ok) p.resolve(event.data); else p.reject(Object.assign(new Error(error.message), { refusal: error }));
};

const state = {
  lang: localStorage.getItem("gongkai-lang") || "zh",
  layouts: null,
  reports: [],      // {source, json, report, ms}
  failures: [],     // {source, error}
  sort: { key: null, dir: 1 },
  open: null,       // index of the report shown
  lastParseMs: 0,   // wall time of the last batch
};
// For tests and the curious: what the page holds.
window.gongkai = state;

const $ = (sel) => document.querySelector(sel);
const t = (key) => WORDS[state.lang][key] ?? key;
/** A wording the core gave in both languages ({message, message_zh}), in the page's. */
const said = (m) => (state.lang === "zh" ? m.message_zh : m.message);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("#lang").textContent = t("language");
  renderFailures();
  renderBatch();
  if (state.open !== null) renderReport(state.open);
}

// ---- files in --------------------------------------------------------------------

async function filesFromDrop(items) {
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      out.push(await new Promise((res, rej) => entry.file(res, rej)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const item of items) {
    const entry = item.webkitGetAsEntry && item.webkitGetAsEntry();
    if (entry) await walk(entry);
    else if (item.getAsFile()) out.push(item.getAsFile());
  }
  return out;
}

/** Every file given is counted and named: one gongkai reads is parsed, any other is
 * listed under the files not read, with the core's reason (the same the CLI and Python
 * give). A single file is always tried, as its bytes may show what its name does not. */
async function parseFiles(files) {
  const list = [...files];
  list.sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name));
  if (!list.length) return;
  const box = $("#progress-box");
  box.hidden = false;
  const bar = $("#progress");
  bar.max = list.length;
  bar.value = 0;
  const t0 = performance.now();
  let done = 0;
  for (const file of list) {
    const source = file.webkitRelativePath || file.name;
    $("#count").textContent = `${t("parsing")} ${done + 1} ${t("of")} ${list.length}: ${source}`;
    try {
      const { reason } = list.length > 1 ? await ask("notRead", { name: file.name }) : { reason: null };
      if (reason) {
        state.failures.push({ source, error: reason });
      } else {
        const bytes = await file.arrayBuffer();
        const reply = await ask("parse", { bytes, name: file.name }, [bytes]);
        const report = JSON.parse(reply.json);
        report.diagnostics.forEach((d, i) => { d.message_zh = reply.messagesZh[i]; });
        state.reports.push({ source, json: reply.json, report, ms: reply.ms });
      }
    } catch (e) {
      state.failures.push({ source, error: e.refusal || { message: e.message, message_zh: e.message } });
    }
    done += 1;
    bar.value = done;
  }
  state.lastParseMs = performance.now() - t0;
  $("#count").textContent = `${t("done")}: ${done} ${t("of")} ${list.length}`;
  document.body.dataset.parsed = String(state.reports.length + state.failures.length);
  renderFailures();
  renderBatch();
  $("#downloads").hidden = state.reports.length === 0;
  if (state.reports.length === 1 && state.failures.length === 0) renderReport(0);
}

// ---- the batch -------------------------------------------------------------------

const num = (v) => (v === null || v === undefined ? "" : String(v));
const pct = (n, d) => (n === null || d === null || !d ? null : n / d);

function summary(entry) {
  const r = entry.report;
  const a = r.applications, rl = r.review_litigation;
  const errors = r.diagnostics.filter((d) => d.severity === "error").length;
  return {
    source: entry.source,
    agency: r.meta.agency,
    year: r.meta.year,
    template: r.template,
    newReceived: a.new_received.total,
    processed: a.total_processed.total,
    granted: pct(a.granted.total, a.total_processed.total),
    review: rl.review.total,
    litigation: rl.litigation_direct.total === null || rl.litigation_after_review.total === null
      ? null : rl.litigation_direct.total + rl.litigation_after_review.total,
    errors,
    warnings: r.diagnostics.filter((d) => d.severity === "warning").length,
  };
}

const BATCH_COLUMNS = ["source", "agency", "year", "template", "newReceived", "processed",
  "granted", "review", "litigation", "errors", "warnings"];

function renderBatch() {
  const section = $("#batch");
  if (!state.reports.length) { section.hidden = true; return; }
  section.hidden = state.open !== null;
  const head = $("#batch-table thead tr");
  head.replaceChildren(...BATCH_COLUMNS.map((key) => {
    const sorted = state.sort.key === key;
    return el("th", { scope: "col", "aria-sort": sorted ? (state.sort.dir > 0 ? "ascending" : "descending") : "none" },
      el("button", { type: "button", onclick: () => sortBy(key) }, t(key), sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""));
  }));
  const rows = state.reports.map((entry, index) => ({ index, s: summary(entry) }));
  if (state.sort.key) {
    const k = state.sort.key;
    rows.sort((x, y) => {
      const a = x.s[k], b = y.s[k];
      if (a === b) return 0;
      if (a === null || a === undefined) return 1;
      if (b === null || b === undefined) return -1;
      return (a < b ? -1 : 1) * state.sort.dir;
    });
  }
  $("#batch-table tbody").replaceChildren(...rows.map(({ index, s }) => el("tr", {
    tabindex: 0, "data-index": index,
    onclick: () => renderReport(index),
    onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); renderReport(index); } },
  }, BATCH_COLUMNS.map((k) => {
    let v = s[k];
    if (k === "granted") v = v === null ? "" : `${(v * 100).toFixed(1)}%`;
    const numeric = !["source", "agency", "template"].includes(k);
    return el("td", { class: (numeric ? "num" : "") + (k === "errors" && v > 0 ? " errors" : ""), "data-key": k }, num(v));
  }))));
}

function sortBy(key) {
  state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
  renderBatch();
}

function renderFailures() {
  $("#failures").hidden = state.failures.length === 0;
  $("#failure-list").replaceChildren(...state.failures.map((f) =>
    el("li", { title: state.lang === "zh" ? f.error.message : null }, el("strong", {}, f.source),
      state.lang === "zh" ? "：" : ": ", said(f.error))));
}

// ---- one report ------------------------------------------------------------------

/** Diagnostics by the field they name (a value, a row or a table). */
function flagsOf(report) {
  const by = new Map();
  for (const d of report.diagnostics) {
    if (!d.field) continue;
    if (!by.has(d.field)) by.set(d.field, []);
    by.get(d.field).push(d);
  }
  return (path) => {
    const parts = path.split(".");
    const out = [];
    for (let i = 1; i <= parts.length; i++) out.push(...(by.get(parts.slice(0, i).join(".")) || []));
    return out;
  };
}

function where(d) {
  const at = [];
  if (d.page) at.push(`${t("pageAt")} ${d.page}`);
  if (d.line) at.push(`${t("lineAt")} ${d.line}`);
  return at.length ? ` (${at.join(", ")})` : "";
}

/** One diagnostic as a line of text: in Chinese from its code, field and check (the
 * core's message_zh), in English as the core wrote it. */
function diagnosticText(d) {
  if (state.lang === "zh") return `${t("severity")[d.severity]}：${d.message_zh}${where(d)}`;
  return `${t("severity")[d.severity]} ${d.code}${d.field ? ` [${d.field}]` : ""}: ${d.message}${where(d)}`;
}

function cell(value, path, flags) {
  const found = flags(path);
  const blank = value === null || value === undefined;
  // Only a doubt (an error or a warning) marks the cell; a note (a blank cell, say) is a
  // fact the striped blank already shows, and keeps its words on hover and focus.
  const doubt = found.some((d) => d.severity !== "note");
  const attrs = { class: "num" + (blank ? " blank" : "") + (doubt ? " flag" : ""), "data-field": path };
  if (!found.length) return el("td", attrs, num(value));
  const words = found.map(diagnosticText).join("\n");
  attrs.tabindex = 0;
  attrs["aria-label"] = `${blank ? t("blank") : value}; ${t("flagged")}: ${words}`;
  attrs["data-tip"] = words;
  return el("td", attrs, num(value));
}

// The explanation of a flagged cell floats over the page, outside the tables' scroll
// boxes, so that no box cuts it off; it is placed inside the window.
let tipTarget = null;
function showTip(target) {
  tipTarget = target;
  const tip = $("#tip");
  tip.textContent = target.dataset.tip;
  tip.hidden = false;
  const box = target.getBoundingClientRect();
  const width = Math.min(384, window.innerWidth - 16);
  tip.style.width = `${width}px`;
  const left = Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8));
  const below = box.bottom + 4;
  const height = tip.offsetHeight;
  const top = below + height <= window.innerHeight - 8 ? below : Math.max(8, box.top - height - 4);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}
function hideTip() { tipTarget = null; $("#tip").hidden = true; }
for (const [type, show] of [["mouseover", true], ["focusin", true], ["mouseout", false], ["focusout", false]]) {
  document.addEventListener(type, (e) => {
    const target = e.target.closest && e.target.closest("td[data-tip]");
    if (!target) return;
    if (show) showTip(target); else hideTip();
  });
}
// The page or a table's box scrolled: the explanation follows its cell.
document.addEventListener("scroll", () => { if (tipTarget) showTip(tipTarget); }, { capture: true, passive: true });

function part2(report, layout, flags) {
  const rows = layout.active_disclosure;
  const width = Math.max(...rows.map((r) => r.columns.length));
  return el("div", { class: "scroll" }, el("table", { class: "template", "data-table": "active_disclosure" },
    el("tbody", {}, rows.map((row) => [
      el("tr", {}, el("th", { class: "row-label", scope: "row", rowspan: 2 }, row.label),
        row.columns.map((c) => el("th", { scope: "col", colspan: c === row.columns.at(-1) ? width - row.columns.length + 1 : 1 }, c.label))),
      el("tr", {}, row.columns.map((c) => {
        const td = cell(report.active_disclosure[row.key]?.[c.key] ?? null, `active_disclosure.${row.key}.${c.key}`, flags);
        if (c === row.columns.at(-1)) td.colSpan = width - row.columns.length + 1;
        return td;
      })),
    ]))));
}

function part3(report, layout, flags) {
  const a = report.applications;
  const hasOrganizations = Object.values(a).some((r) => r && "organizations" in r);
  const columns = layout.applications.columns.filter((c) => c.key !== "organizations" || hasOrganizations);
  const orgs = columns.filter((c) => !["natural_person", "total"].includes(c.key));
  const rows = layout.applications.rows.filter((r) => r.key !== "other_handling" || a.other_handling);
  const label = (key) => columns.find((c) => c.key === key).label;
  return el("div", { class: "scroll" }, el("table", { class: "template", "data-table": "applications" },
    el("thead", {},
      el("tr", {}, el("th", { rowspan: 3 }, ""), el("th", { colspan: columns.length, scope: "colgroup" }, t("applicant"))),
      el("tr", {}, el("th", { rowspan: 2, scope: "col" }, label("natural_person")),
        el("th", { colspan: orgs.length, scope: "colgroup" }, t("organizations")),
        el("th", { rowspan: 2, scope: "col" }, label("total"))),
      el("tr", {}, orgs.map((c) => el("th", { scope: "col" }, c.label)))),
    el("tbody", {}, rows.map((row) => el("tr", {},
      el("th", { class: "row-label", scope: "row" }, row.label),
      columns.map((c) => cell(a[row.key]?.[c.key] ?? null, `applications.${row.key}.${c.key}`, flags)))))));
}

function part4(report, layout, flags) {
  const { groups, columns } = layout.review_litigation;
  const rl = report.review_litigation;
  const n = columns.length;
  return el("div", { class: "scroll" }, el("table", { class: "template", "data-table": "review_litigation" },
    el("thead", {},
      el("tr", {}, el("th", { colspan: n, rowspan: 2, scope: "colgroup" }, t("reviewGroup")),
        el("th", { colspan: 2 * n, scope: "colgroup" }, t("litigationGroup"))),
      el("tr", {}, groups.slice(1).map((g) => el("th", { colspan: n, scope: "colgroup" }, g.label))),
      el("tr", {}, groups.map(() => columns.map((c) => el("th", { scope: "col" }, c.label))))),
    el("tbody", {}, el("tr", {}, groups.map((g) => columns.map((c) =>
      cell(rl[g.key]?.[c.key] ?? null, `review_litigation.${g.key}.${c.key}`, flags)))))));
}

function renderReport(index) {
  state.open = index;
  const entry = state.reports[index];
  const r = entry.report;
  const layout = state.layouts[r.template];
  const flags = flagsOf(r);
  const m = r.meta;
  const failedChecks = r.diagnostics.filter((d) => d.check && d.code !== "check_skipped");
  const section = $("#report");
  hideTip();
  // Arrays of parts are spread into the call: replaceChildren takes nodes, and would
  // print an array as "[object HTMLDetailsElement],…".
  section.replaceChildren(...[
    el("button", { type: "button", class: "back", onclick: closeReport }, "← ", t("back")),
    el("h2", {}, m.title || entry.source),
    el("dl", { class: "meta" },
      el("dt", {}, t("source")), el("dd", {}, entry.source),
      el("dt", {}, t("agency")), el("dd", { "data-meta": "agency" }, m.agency ?? t("notFound")),
      el("dt", {}, t("year")), el("dd", { "data-meta": "year" }, m.year ?? t("notFound")),
      el("dt", {}, t("template")), el("dd", {}, r.template),
      el("dt", {}, t("period")), el("dd", {}, m.period_start || m.period_end ? `${m.period_start ?? "?"} – ${m.period_end ?? "?"}` : t("notFound")),
      el("dt", {}, t("published")), el("dd", {}, m.published ?? t("notFound")),
      el("dt", {}, t("phone")), el("dd", {}, m.phone ?? t("notFound")),
      el("dt", {}, t("address")), el("dd", {}, m.address ?? t("notFound"))),
    el("h3", {}, t("checks")),
    failedChecks.length
      ? el("ul", { class: "checks" }, failedChecks.map((d) => el("li", { "data-code": d.code, title: d.message },
          diagnosticText(d))))
      : el("p", {}, t("noChecks")),
    el("h3", {}, t("part2")), part2(r, layout, flags),
    el("h3", {}, t("part3")), part3(r, layout, flags),
    el("h3", {}, t("part4")), part4(r, layout, flags),
    el("h3", {}, t("sections")),
    r.sections.map((s) => el("details", { class: "section" }, el("summary", {}, s.heading), el("pre", {}, s.text))),
    el("details", { class: "diagnostics" }, el("summary", {}, `${t("diagnostics")} (${r.diagnostics.length})`),
      el("ul", {}, r.diagnostics.map((d) => el("li", { title: state.lang === "zh" ? d.message : null }, diagnosticText(d))))),
  ].flat());
  section.hidden = false;
  $("#batch").hidden = true;
  section.querySelector(".back").focus();
}

function closeReport() {
  hideTip();
  const index = state.open;
  state.open = null;
  $("#report").hidden = true;
  renderBatch();
  $(`#batch-table tr[data-index="${index}"]`)?.focus();
}

// ---- downloads -------------------------------------------------------------------

function save(name, blob) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

const collection = () => ({
  sources: state.reports.map((e) => e.source),
  jsons: state.reports.map((e) => e.json),
});

async function download(kind) {
  if (kind === "xlsx") {
    const { bytes } = await ask("xlsx", collection());
    save("gongkai.xlsx", new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  } else if (kind === "csv" || kind === "tidy") {
    const { text } = await ask(kind, collection());
    save(kind === "csv" ? "gongkai-reports.csv" : "gongkai-values.csv", new Blob([text], { type: "text/csv;charset=utf-8" }));
  } else {
    const lines = state.reports.map((e) => `{"source":${JSON.stringify(e.source)},${e.json.slice(1)}\n`);
    save("gongkai.jsonl", new Blob(lines, { type: "application/x-ndjson" }));
  }
}

// ---- wiring ----------------------------------------------------------------------

async function start() {
  const { layouts, version } = await ask("layout");
  state.layouts = layouts;
  $("#version").textContent = `v${version}`;
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    parseFiles(await filesFromDrop([...e.dataTransfer.items]));
  });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter") $("#files").click(); });
  for (const id of ["#files", "#folder"]) {
    $(id).addEventListener("change", (e) => { parseFiles(e.target.files); e.target.value = ""; });
  }
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("gongkai-lang", state.lang);
    applyLanguage();
  });
  for (const kind of ["xlsx", "csv", "tidy", "jsonl"]) {
    $(`#dl-${kind}`).addEventListener("click", () => download(kind));
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && state.open !== null) closeReport(); });
  applyLanguage();
  document.body.dataset.ready = "true";
}

start();
