/* Reader tools: letters, evidence log, limitation helper. The forms' values go only to the Python engine in
   this page's Web Worker (engine.js); nothing typed is ever sent over the network, and the evidence log is
   kept in this browser only if the reader ticks the box. Text is inserted with textContent only.

   The markup comes from overrides/partials/tools/*.html. A widget is `.tool[data-tool=letter|evidence|
   limitation]` with data-built, the engine's data-* URLs (see engine.js), and for letters data-letter,
   data-title and data-template. Inside: form.tool-form (hidden until this script runs), .tool-field
   [data-field] with [name] and .tool-error, .tool-status, .tool-output, .tool-nojs; the log adds .ev-keep,
   .ev-import, .ev-export, .ev-copy, .ev-print, .ev-clear, .ev-raw/.ev-backup, .ev-table, .ev-summary.

   Work survives a failed engine: when the engine fails for good every tool switches to its fallback
   (forms and typed values stay; a letter is filled in plainly here; the log can still be exported, copied,
   printed and deleted). A module script: browsers too old for modules keep the no-JavaScript version. */
const STORE_KEY = "xlh-evidence-log-v1";
const BACKUP_KEY = "xlh-evidence-log-v1-unreadable"; // a stored log that could not be read, kept as it was
const FORMAT = "xiaomi-loan-help/evidence-log";
const MAX_IMPORT = 5 * 1024 * 1024;
const LOADING = "正在准备工具，第一次需要几秒钟……";
const RETRY = "这一步没有成功，请再试一次。你填写的内容都还在。";
const FALLBACK = {
  letter: "点“生成信件”会把你填的内容直接填进信里（不做检查），请自己核对后再复制、下载或打印。",
  evidence: "已有的记录可以导出、复制或打印；新的记录暂时不能检查和添加，点“添加这条记录”会把它复制为文字。",
  limitation: "推算暂时用不了。规则见下面“规则是什么”：一般三年，每次催款、还款或答应还款都重新计算。",
};

// Shared by the log and the complaint letter (and across pages under navigation.instant).
const evidence = { entries: [], keep: false, loaded: null, dirty: false, lastStored: null, unread: null };
let fallen = false;

const $ = (root, sel) => root.querySelector(sel);
function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  return n;
}
function button(cls, text) { const b = el("button", cls, text); b.type = "button"; return b; }
function today() { // the reader's local date, YYYY-MM-DD
  const d = new Date(), p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
function values(form) {
  const out = {};
  for (const f of form.querySelectorAll("input[name], textarea[name], select[name]")) out[f.name] = f.value;
  return out;
}
function setValues(form, v) {
  for (const f of form.querySelectorAll("[name]")) if (f.name in v) f.value = v[f.name];
}
function showErrors(form, errors) { // a message next to each field; what the reader typed stays as it is
  let first = null;
  for (const field of form.querySelectorAll(".tool-field")) {
    const msg = errors[field.getAttribute("data-field")] || "", control = $(field, "[name]");
    $(field, ".tool-error").textContent = msg;
    if (msg) { control.setAttribute("aria-invalid", "true"); first = first || control; } else control.removeAttribute("aria-invalid");
  }
  if (first) first.focus();
  return !!first;
}
function say(root, text, focus) {
  const s = $(root, ".tool-status");
  s.textContent = text;
  if (focus) s.focus();
}

/* The engine. `run` rejects after saying what happened; callers only stop. */
const Py = () => window.PyEngine;
async function run(root, fn, args) {
  const E = Py();
  if (fallen || !E) throw new Error("engine unavailable");
  E.start(root);
  if (!E.ready) say(root, LOADING);
  try {
    const result = await E.call(fn, args);
    if ($(root, ".tool-status").textContent === LOADING) say(root, ""); // keep any newer message
    return result;
  } catch (err) {
    if (E.failed) fallBack(E.reason); else say(root, RETRY, true);
    throw err;
  }
}
function quietly(promise) { return promise.catch(() => {}); } // the reader has already been told

function fallBack(reason) {
  const first = !fallen;
  fallen = true;
  for (const root of document.querySelectorAll(".tool.tool-js")) {
    if (root.classList.contains("tool-fallback")) continue;
    root.classList.add("tool-fallback");
    const kind = root.getAttribute("data-tool");
    for (const b of root.querySelectorAll(".tool-fill-summary, .ev-import-label")) b.hidden = true;
    if (kind === "evidence") $(root, "button[type=submit]").textContent = "把这条记录复制为文字";
    say(root, `工具没能在这个浏览器里启动，你填写的内容都还在。${FALLBACK[kind] || ""}`, first && root.contains(document.activeElement));
  }
  if (first && window.console) console.info("reader tools: engine unavailable:", reason);
}

/* Taking the work away: download, copy (where in-app browsers block downloads), print. */
function download(name, text, type) {
  const a = el("a");
  a.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type: `${type};charset=utf-8` }));
  a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
async function copy(root, text) {
  let ok = false;
  try { await navigator.clipboard.writeText(text); ok = true; } catch (e) {
    const t = el("textarea"); t.value = text; t.setAttribute("readonly", ""); document.body.appendChild(t); t.select();
    try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
    t.remove();
  }
  say(root, ok ? "已复制，可以粘贴到微信、短信或备忘录里。" : "没能自动复制，请长按或拖选文字复制。", true);
  return ok;
}
function printOnly(root, title, node) { // print this content alone, with the site version and the notice
  const area = document.getElementById("print-area") || document.body.appendChild(el("div"));
  area.id = "print-area"; area.replaceChildren(el("h1", null, title), node,
    el("p", "print-foot", `由“小米贷款逾期被催收怎么办”网站生成 · 网站版本 ${root.getAttribute("data-built")} · 本站提供一般性法律信息，不构成法律意见。`));
  document.body.classList.add("print-one");
  const done = () => { // after the dialog closes: back to normal, and the printed copy leaves the page
    window.removeEventListener("afterprint", done);
    document.body.classList.remove("print-one");
    area.replaceChildren();
  };
  window.addEventListener("afterprint", done);
  window.print();
}

/* Letters */
function letter(root) {
  const form = $(root, "form"), out = $(root, ".tool-output"), title = root.getAttribute("data-title");
  function show(text, note) {
    const pre = el("pre", "letter-output", text), bar = el("p", "tool-actions");
    const b1 = button("md-button", "复制"), b2 = button("md-button", "下载为文本文件"), b3 = button("md-button", "打印");
    b1.onclick = () => quietly(copy(root, text));
    b2.onclick = () => download(`${title}.txt`, text, "text/plain");
    b3.onclick = () => printOnly(root, title, el("pre", "letter-output", text));
    bar.append(b1, " ", b2, " ", b3);
    out.replaceChildren(el("h3", null, "你的信件（可以再修改上面的内容后重新生成）"));
    if (note) out.appendChild(el("p", "tool-note", note));
    out.append(pre, bar);
    out.hidden = false;
    pre.setAttribute("tabindex", "-1"); pre.focus();
  }
  function plainFill() { // without the engine: the reader's words as typed, blanks marked
    const v = values(form);
    return root.getAttribute("data-template").replace(/\{([a-z][a-z0-9_]*)\}/g, (m, id) => (v[id] || "").trim() || "（未填写）");
  }
  const sumBtn = $(root, ".tool-fill-summary");
  if (sumBtn) {
    sumBtn.hidden = fallen;
    sumBtn.onclick = () => quietly((async () => {
      await loadStore(root);
      if (!evidence.entries.length) { say(root, "证据记录里还没有内容。请先在“证据记录”工具里添加（并勾选在本设备保存）。", true); return; }
      const r = await run(root, "evidence_summary", { entries: evidence.entries });
      form.querySelector("[name='evidence_summary']").value = r.text;
      say(root, "已填入证据摘要。");
    })());
  }
  form.onsubmit = (ev) => {
    ev.preventDefault();
    if (fallen) { show(plainFill(), "这封信是把你填的内容直接填进去的，没有经过检查：请核对日期、金额和每一项内容。"); return; }
    quietly((async () => {
      const r = await run(root, "letter", { letter: root.getAttribute("data-letter"), values: values(form), today: today() });
      if (r.errors) { showErrors(form, r.errors); say(root, "有几项需要修改，请看标红的说明。"); return; }
      showErrors(form, {});
      show(r.text);
      say(root, "信件已生成。");
    })());
  };
}

/* Evidence log: stored (only after opt-in) in the same format as an exported file, read back through the
   same Python check as an import (leniently: it is this device's own). Nothing that could not be read is
   ever overwritten: it moves to BACKUP_KEY and can be exported as it was. */
function readStore(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
function exportText(entries) { return JSON.stringify({ format: FORMAT, version: 1, entries }, null, 1); }
function plainText(entries) {
  return entries.map((e) => [`${e.when}　${e.channel}　联系了：${e.who}${e.number ? "　号码：" + e.number : ""}`, e.what,
    e.proof ? `证据：${e.proof}` : ""].filter(Boolean).join("\n")).join("\n\n");
}
function keepUnreadable(text) { // true when the text is safe under the backup key
  try {
    const old = localStorage.getItem(BACKUP_KEY);
    localStorage.setItem(old && old !== text ? `${BACKUP_KEY}-${Date.now()}` : BACKUP_KEY, text);
    localStorage.removeItem(STORE_KEY);
    return true;
  } catch (e) { return false; }
}
function loadStore(root) {
  if (!evidence.loaded) evidence.loaded = (async () => {
    const saved = readStore(STORE_KEY);
    if (!saved) return;
    evidence.keep = true;
    let r;
    try { r = await run(root, "evidence_import", { text: saved, today: today(), lenient: true }); } catch (e) {
      evidence.unread = saved; // not read, not lost: never saved over, exported as it is
      return;
    }
    if (r.error) {
      if (!keepUnreadable(saved)) { evidence.unread = saved; evidence.keep = false; }
      say(root, "这台设备上保存的记录没能读取。原来的数据已原样保留，没有被覆盖，可以点“导出原始数据”留一份。" +
        (evidence.unread ? "为了不覆盖它，新的记录这次不会自动保存，请记得导出。" : ""), true);
      return;
    }
    evidence.entries = r.entries;
    evidence.lastStored = saved;
    if (r.warning) say(root, r.warning, true);
  })();
  return evidence.loaded;
}
async function mergeFrom(root, text) { // another tab saved: join its entries with ours; true when ours had more
  const r = await run(root, "evidence_import", { text, today: today(), lenient: true });
  if (r.error) return false;
  const m = await run(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries });
  if (m.error) { say(root, m.error, true); throw new Error("merge over the limit"); }
  evidence.entries = m.entries;
  evidence.lastStored = text;
  return m.entries.length > r.entries.length;
}
async function saveStore(root) { // true when stored (or nothing needs storing)
  if (!evidence.keep) { evidence.dirty = evidence.entries.length > 0; return true; }
  if (evidence.unread != null) { evidence.dirty = true; return false; }
  const current = readStore(STORE_KEY);
  if (current && current !== evidence.lastStored) await mergeFrom(root, current); // never overwrite another tab's work
  const text = exportText(evidence.entries);
  try {
    localStorage.setItem(STORE_KEY, text);
    evidence.lastStored = text; evidence.dirty = false;
    return true;
  } catch (e) { evidence.dirty = true; return false; }
}

function evidenceLog(root) {
  const form = $(root, "form"), keep = $(root, ".ev-keep"), log = $(root, ".ev-log"), submit = $(form, "button[type=submit]");
  let editing = null, chain = Promise.resolve();
  const serial = (op) => (chain = chain.then(op).catch(() => {})); // one change at a time; a failure releases the queue
  const status = (text) => say(root, text, true);
  const stopEditing = () => { editing = null; if (!fallen) submit.textContent = "添加这条记录"; };
  async function set(entries, message) {
    evidence.entries = entries; stopEditing(); draw();
    const ok = await saveStore(root);
    draw();
    status(message + (evidence.keep && !ok ? " 注意：这台设备没能保存，请点“导出文件”或“复制为文字”备份。" : ""));
  }
  function showBackup() { $(root, ".ev-backup").hidden = !(evidence.unread || readStore(BACKUP_KEY)); }

  $(root, ".tool-controls").hidden = false;
  keep.onchange = () => serial(async () => {
    evidence.keep = keep.checked;
    if (!keep.checked) {
      try { if (evidence.unread == null) localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      evidence.lastStored = null; evidence.dirty = evidence.entries.length > 0;
      status("已从这台设备删除保存的记录；关闭页面后记录会消失。");
      return;
    }
    const ok = await saveStore(root);
    draw();
    status(ok ? "记录会保存在这台设备的浏览器里。" : "这台设备没能保存（可能是隐私模式、空间不足，或有一份旧记录没能读取），请导出文件备份。");
  });

  function draw() {
    log.hidden = !evidence.entries.length && evidence.unread == null;
    showBackup();
    const table = el("table"), head = el("tr");
    for (const c of ["日期和时间", "号码", "方式", "联系了谁", "说了或做了什么", "证据", "操作"]) head.appendChild(el("th", null, c));
    table.appendChild(head);
    evidence.entries.forEach((e, i) => {
      const tr = el("tr");
      for (const k of ["when", "number", "channel", "who", "what", "proof"]) tr.appendChild(el("td", null, e[k]));
      const td = el("td"), edit = button("ev-edit", "修改"), del = button("ev-delete", "删除");
      edit.setAttribute("aria-label", `修改 ${e.when} 的记录`);
      del.setAttribute("aria-label", `删除 ${e.when} 的记录`);
      edit.hidden = fallen;
      edit.onclick = () => { editing = i; setValues(form, e); submit.textContent = "保存修改"; $(form, "[name]").focus(); };
      del.onclick = () => serial(() => set(evidence.entries.filter((_, j) => j !== i), "已删除一条记录。"));
      td.append(edit, " ", del); tr.appendChild(td); table.appendChild(tr);
    });
    $(root, ".ev-table").replaceChildren(table);
    const summary = $(root, ".ev-summary");
    summary.textContent = "";
    if (evidence.entries.length && !fallen) {
      const shown = evidence.entries;
      quietly(run(root, "evidence_summary", { entries: shown }).then((r) => { if (evidence.entries === shown) summary.textContent = r.text; }));
    }
  }

  form.onsubmit = (ev) => {
    ev.preventDefault();
    const raw = values(form);
    if (fallen) { // nothing can be checked: the typed entry leaves as text rather than being lost
      quietly(copy(root, plainText([{ when: raw.when, number: raw.number, channel: raw.channel, who: raw.who, what: raw.what, proof: raw.proof }])));
      return;
    }
    serial(async () => {
      const r = await run(root, "evidence_add", { entries: evidence.entries, values: raw, index: editing, today: today() });
      if (r.errors) { showErrors(form, r.errors); say(root, "有几项需要修改，请看标红的说明。"); return; }
      showErrors(form, {}); form.reset();
      await set(r.entries, `已记录。现在共 ${r.entries.length} 条。`);
    });
  };
  function allText() { // what the reader has, even when the stored copy could not be read here
    return evidence.unread != null && !evidence.entries.length ? evidence.unread : exportText(evidence.entries);
  }
  $(root, ".ev-export").onclick = () => {
    download(`证据记录-${today()}.json`, allText(), "application/json");
    evidence.dirty = false;
    status("已导出。如果没有看到下载的文件（有些 App 里的浏览器不能下载），请点“复制为文字”。");
  };
  $(root, ".ev-copy").onclick = () => quietly(copy(root, evidence.entries.length ? plainText(evidence.entries) : allText())
    .then((ok) => { if (ok) evidence.dirty = false; }));
  $(root, ".ev-raw").onclick = () => {
    download(`证据记录-原始数据-${today()}.txt`, evidence.unread || readStore(BACKUP_KEY) || "", "text/plain");
  };
  $(root, ".ev-import").onchange = function () {
    const file = this.files && this.files[0];
    this.value = ""; // choosing the same file again must work too
    if (!file) return;
    if (file.size > MAX_IMPORT) { status("这个文件超过 5 MB，不是本站导出的证据记录。你现有的记录没有改动。"); return; }
    serial(async () => {
      const text = (await file.text()).replace(/^\ufeff/, "");
      const r = await run(root, "evidence_import", { text, today: today() });
      if (r.error) { status(r.error); return; }
      const m = await run(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries });
      if (m.error) { status(m.error); return; }
      await set(m.entries, `已导入 ${r.entries.length} 条记录。`);
    });
  };
  $(root, ".ev-print").onclick = () => {
    const table = $(root, ".ev-table table").cloneNode(true);
    for (const row of table.querySelectorAll("tr")) row.lastChild.remove();
    const wrap = el("div"); wrap.append(table, el("p", null, $(root, ".ev-summary").textContent));
    printOnly(root, "催收联系时间线", wrap);
  };
  const clear = $(root, ".ev-clear");
  let armed = false;
  const disarm = () => { armed = false; clear.textContent = "全部删除"; };
  clear.onblur = disarm;
  clear.onclick = () => { // two clicks, so nothing is lost by a slip of the finger
    if (!armed) { armed = true; clear.textContent = "确认全部删除？再点一次"; say(root, "再点一次“确认全部删除”，所有记录都会删除。"); return; }
    disarm();
    serial(async () => {
      try { localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      evidence.keep = false; keep.checked = false; evidence.unread = null; evidence.lastStored = null;
      await set([], "全部记录已删除，这台设备上也不再保存。");
      evidence.dirty = false;
    });
  };
  // Another tab changed the stored log: join its entries with ours instead of either overwriting the other.
  window.addEventListener("storage", (e) => {
    if (e.key !== STORE_KEY || !evidence.keep || !root.isConnected || e.newValue === evidence.lastStored) return;
    serial(async () => {
      if (e.newValue == null) { // deleted there: keep ours on screen, stored again only if the reader asks
        evidence.keep = false; keep.checked = false; evidence.lastStored = null; evidence.dirty = evidence.entries.length > 0;
        status("另一个页面删除了这台设备上保存的记录。这里的记录还在；要继续保存，请重新勾选。");
        return;
      }
      const ours = await mergeFrom(root, e.newValue);
      draw();
      if (ours) await saveStore(root);
      say(root, `已和另一个页面里的记录合并，现在共 ${evidence.entries.length} 条。`);
    });
  });
  if (fallen) { evidence.loaded = evidence.loaded || Promise.resolve(); evidence.unread = evidence.entries.length ? null : readStore(STORE_KEY); }
  serial(async () => { await loadStore(root).catch(() => {}); keep.checked = evidence.keep; draw(); });
}

/* Limitation period */
function limitation(root) {
  const form = $(root, "form"), out = $(root, ".tool-output");
  form.onsubmit = (ev) => {
    ev.preventDefault();
    if (fallen) { say(root, `工具没能启动。${FALLBACK.limitation}`, true); return; }
    quietly((async () => {
      const r = await run(root, "limitation", { values: values(form), today: today() });
      if (r.errors) { showErrors(form, r.errors); out.hidden = true; say(root, "有几项需要修改，请看标红的说明。"); return; }
      showErrors(form, {});
      const res = r.result, list = el("ol");
      for (const step of res.steps) list.appendChild(el("li", null, step));
      out.replaceChildren(el("h3", null, "推算结果"), el("p", "lim-summary", res.summary), list);
      if (res.after) out.appendChild(el("p", "lim-after", res.after));
      out.appendChild(el("p", "lim-reminder", res.reminder));
      out.hidden = false;
      say(root, res.summary);
    })());
  };
}

function init() {
  const roots = document.querySelectorAll(".tool[data-tool]");
  const E = Py();
  for (const root of roots) {
    if (root.getAttribute("data-enhanced")) continue;
    root.setAttribute("data-enhanced", "1");
    root.classList.add("tool-js");
    $(root, "form").hidden = false;
    const kind = root.getAttribute("data-tool");
    if (kind === "letter") letter(root); else if (kind === "evidence") evidenceLog(root); else limitation(root);
    if (E) root.addEventListener("focusin", () => { if (!fallen) E.start(root); });
  }
  if (!roots.length) return;
  if (!E || !E.supported()) fallBack("unsupported");
  else E.onfail(fallBack);
  if (fallen) fallBack("already failed"); // widgets on a page reached by instant navigation after a failure
}

// Quick exit (site-wide button): forget everything in memory; what the reader chose to store stays.
document.addEventListener("site-exit", () => {
  Object.assign(evidence, { entries: [], keep: false, loaded: null, dirty: false, lastStored: null, unread: null });
  for (const root of document.querySelectorAll(".tool")) {
    for (const f of root.querySelectorAll("form")) f.reset();
    for (const n of root.querySelectorAll(".tool-output, .ev-table, .ev-summary, .tool-status")) n.replaceChildren();
  }
});
// Leaving with entries that are neither stored on this device nor exported: the browser asks first.
window.addEventListener("beforeunload", (e) => {
  if (evidence.dirty && evidence.entries.length) { e.preventDefault(); e.returnValue = ""; }
});

if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // navigation.instant
else init(); // module scripts run after the document is parsed
