/* The evidence log (evidence.html): entries checked by the engine, kept in this browser only if the reader
   ticks the box; exported, copied, printed; merged across tabs. The stored log is shared with the complaint
   letter as SiteTools.evidence. Uses tool/tools.js (window.SiteTools), loaded before it. The log adds to the
   tools' markup: .ev-keep, .ev-import, .ev-export, .ev-copy, .ev-print, .ev-clear, .ev-raw/.ev-backup,
   .ev-table, .ev-summary. */
const { $, el, button, values, setValues, showErrors, say, run, quietly, copy, save, printOnly, fallen, register } = window.SiteTools;
const { today, download } = window.SiteKit;
const STORE_KEY = "xlh-evidence-log-v1";
const BACKUP_KEY = "xlh-evidence-log-v1-unreadable"; // a stored log that could not be read, kept as it was
const FORMAT = "xiaomi-loan-help/evidence-log";
const MAX_IMPORT = 5 * 1024 * 1024;

// Shared by the log and the complaint letter (and across pages under navigation.instant).
// `base`: the entries of `lastStored`, the stored log this tab last agreed with; merging with another tab's
// save is three-way against it, so a deletion or an edit made in either tab stays (triage.evidence.merge).
// `cleared`: the stored log vanished while this tab had it (site data cleared, or 全部删除 elsewhere).
const evidence = { entries: [], keep: false, loaded: null, dirty: false, lastStored: null, base: null, unread: null, cleared: false };

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
    evidence.lastStored = saved; evidence.base = r.entries;
    if (r.warning) say(root, r.warning, true);
  })();
  return evidence.loaded;
}
async function mergeFrom(root, text) { // another tab saved: merge its log with ours; true when ours differs
  const r = await run(root, "evidence_import", { text, today: today(), lenient: true });
  if (r.error) return false;
  const m = await run(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries, base: evidence.base });
  if (m.error) { say(root, m.error, true); throw new Error("merge over the limit"); }
  evidence.entries = m.entries;
  evidence.lastStored = text; evidence.base = r.entries;
  return JSON.stringify(m.entries) !== JSON.stringify(r.entries);
}
function storeVanished() { // the stored log is gone: stop storing until the reader ticks the box again
  Object.assign(evidence, { keep: false, lastStored: null, base: null, cleared: true, dirty: evidence.entries.length > 0 });
}
const VANISHED = "这台设备上保存的记录被清除了（可能是清除了网站数据，或在另一个页面点了“全部删除”）。" +
  "这里的记录还在屏幕上，没有重新保存；要继续保存，请重新勾选“在这台设备上保存”。";
async function saveStore(root) { // true when stored (or nothing needs storing)
  if (!evidence.keep) { evidence.dirty = evidence.entries.length > 0; return true; }
  if (evidence.unread != null) { evidence.dirty = true; return false; }
  const current = readStore(STORE_KEY);
  // Stored before, gone now: cleared behind this tab's back. Never written back without the reader asking.
  if (current == null && evidence.lastStored != null) { storeVanished(); return false; }
  if (current && current !== evidence.lastStored) await mergeFrom(root, current); // never overwrite another tab's work
  const text = exportText(evidence.entries);
  try {
    localStorage.setItem(STORE_KEY, text);
    evidence.lastStored = text; evidence.base = evidence.entries; evidence.dirty = false; evidence.cleared = false;
    return true;
  } catch (e) { evidence.dirty = true; return false; }
}


const COLUMNS = ["日期和时间", "号码", "方式", "联系了谁", "说了或做了什么", "证据", "操作"];

function evidenceLog(root) {
  const form = $(root, "form"), keep = $(root, ".ev-keep"), log = $(root, ".ev-log"), submit = $(form, "button[type=submit]");
  let editing = null, chain = Promise.resolve();
  const serial = (op) => (chain = chain.then(op).catch(() => {})); // one change at a time; a failure releases the queue
  const status = (text) => say(root, text, true);
  const stopEditing = () => { editing = null; delete form.dataset.editing; if (!fallen()) submit.textContent = "添加这条记录"; };
  async function set(entries, message) {
    evidence.entries = entries; stopEditing(); draw();
    const ok = await saveStore(root);
    draw();
    if (evidence.cleared) { evidence.cleared = false; keep.checked = false; status(`${message} ${VANISHED}`); return; }
    status(message + (evidence.keep && !ok ? " 注意：这台设备没能保存，请点“导出文件”或“复制为文字”备份。" : ""));
  }
  function showBackup() { $(root, ".ev-backup").hidden = !(evidence.unread || readStore(BACKUP_KEY)); }

  $(root, ".tool-controls").hidden = false;
  keep.onchange = () => serial(async () => {
    evidence.keep = keep.checked;
    if (!keep.checked) {
      try { if (evidence.unread == null) localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      evidence.lastStored = null; evidence.base = null; evidence.dirty = evidence.entries.length > 0;
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
    // One table; on a phone each row shows as a card, each cell under its column's name (data-label, tools.css).
    const table = el("table"), head = el("tr");
    for (const c of COLUMNS) head.appendChild(el("th", null, c));
    table.appendChild(head);
    evidence.entries.forEach((e, i) => {
      const tr = el("tr");
      ["when", "number", "channel", "who", "what", "proof"].forEach((k, n) => {
        const td = el("td", e[k] ? null : "ev-empty", e[k]);
        td.setAttribute("data-label", COLUMNS[n]);
        tr.appendChild(td);
      });
      const td = el("td", "ev-ops"), edit = button("ev-edit", "修改"), del = button("ev-delete", "删除");
      edit.setAttribute("aria-label", `修改 ${e.when} 的记录`);
      del.setAttribute("aria-label", `删除 ${e.when} 的记录`);
      edit.hidden = fallen();
      // while editing, the form is not kept as a draft (tools.js): after a reload it would come back as a new entry
      edit.onclick = () => { editing = i; form.dataset.editing = "1"; window.SiteTools.dropDraft(root); setValues(form, e); submit.textContent = "保存修改"; $(form, "[name]").focus(); };
      del.onclick = () => serial(() => set(evidence.entries.filter((_, j) => j !== i), "已删除一条记录。"));
      td.append(edit, " ", del); tr.appendChild(td); table.appendChild(tr);
    });
    $(root, ".ev-table").replaceChildren(table);
    const summary = $(root, ".ev-summary");
    summary.textContent = "";
    if (evidence.entries.length && !fallen()) {
      const shown = evidence.entries;
      quietly(run(root, "evidence_summary", { entries: shown }).then((r) => { if (evidence.entries === shown) summary.textContent = r.text; }));
    }
  }

  form.onsubmit = (ev) => {
    ev.preventDefault();
    const raw = values(form);
    if (fallen()) { // nothing can be checked: the typed entry leaves as text rather than being lost
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
  const readable = () => (evidence.entries.length ? plainText(evidence.entries) : allText());
  $(root, ".ev-export").onclick = function () {
    if (!save(this, `证据记录-${today()}.json`, allText(), "application/json", readable())) return; // the text is offered
    evidence.dirty = false;
    status("已导出。如果没有看到下载的文件（有些 App 里的浏览器不能下载），请点“复制为文字”。");
  };
  $(root, ".ev-copy").onclick = function () {
    quietly(copy(root, readable(), this).then((ok) => { if (ok) evidence.dirty = false; }));
  };
  $(root, ".ev-raw").onclick = () => {
    download(`证据记录-原始数据-${today()}.txt`, evidence.unread || readStore(BACKUP_KEY) || "", "text/plain");
  };
  $(root, ".ev-import").onchange = function () {
    const file = this.files && this.files[0];
    this.value = ""; // choosing the same file again must work too
    if (!file) return;
    if (file.size > MAX_IMPORT) { status("这个文件超过 5 MB，不是本站导出的证据记录。你现有的记录没有改动。"); return; }
    serial(async () => {
      let text;
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()).replace(/^\ufeff/, ""); } catch (e) {
        // GBK/ANSI (a file saved again by Notepad or Excel on Chinese Windows), or not text at all
        status("这个文件不是 UTF-8 编码的文字（被记事本或 Excel 另存过的，常变成 GBK 编码），本站读不了。" +
          "请导入本站“导出文件”得到的原文件，或另存为 UTF-8 后再导入。你现有的记录没有改动。");
        return;
      }
      const r = await run(root, "evidence_import", { text, today: today() });
      if (r.error) { status(r.error); return; }
      const m = await run(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries });
      if (m.error) { status(m.error); return; }
      await set(m.entries, `已导入 ${r.entries.length} 条记录。`);
    });
  };
  $(root, ".ev-print").onclick = function () {
    const table = $(root, ".ev-table table").cloneNode(true);
    for (const row of table.querySelectorAll("tr")) row.lastChild.remove();
    const wrap = el("div"); wrap.append(table, el("p", null, $(root, ".ev-summary").textContent));
    const summary = $(root, ".ev-summary").textContent;
    printOnly(root, "催收联系时间线", wrap, this, readable() + (summary ? `\n\n${summary}` : ""));
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
      clearPrintArea(); // where "afterprint" never fired, the printed timeline would stay in the page
      evidence.keep = false; keep.checked = false; evidence.unread = null; evidence.lastStored = null; evidence.base = null;
      await set([], "全部记录已删除，这台设备上也不再保存。");
      evidence.dirty = false;
    });
  };
  // Another tab changed the stored log: join its entries with ours instead of either overwriting the other.
  window.addEventListener("storage", (e) => {
    if ((e.key !== STORE_KEY && e.key !== null) || !evidence.keep || !root.isConnected || e.newValue === evidence.lastStored) return;
    serial(async () => {
      if (e.newValue == null) { // deleted there (or all storage cleared): keep ours on screen, stored again only if the reader asks
        storeVanished(); keep.checked = false;
        status("另一个页面删除了这台设备上保存的记录。这里的记录还在；要继续保存，请重新勾选。");
        return;
      }
      const ours = await mergeFrom(root, e.newValue);
      stopEditing(); // the entry being edited may have moved or gone
      draw();
      if (ours) await saveStore(root);
      say(root, `已和另一个页面里的记录合并，现在共 ${evidence.entries.length} 条。`);
    });
  });
  if (fallen()) { evidence.loaded = evidence.loaded || Promise.resolve(); evidence.unread = evidence.entries.length ? null : readStore(STORE_KEY); }
  serial(async () => { await loadStore(root).catch(() => {}); keep.checked = evidence.keep; draw(); });
}

function clearPrintArea() {
  const area = document.getElementById("print-area");
  if (area) area.replaceChildren();
  document.body.classList.remove("print-one");
}

window.SiteTools.evidence = { state: evidence, loadStore };
register("evidence", evidenceLog, {
  fallback: "已有的记录可以导出、复制或打印；新的记录暂时不能检查和添加，点“添加这条记录”会把它复制为文字。",
  onFallback: (root) => {
    for (const b of root.querySelectorAll(".ev-import-label")) b.hidden = true;
    $(root, "button[type=submit]").textContent = "把这条记录复制为文字";
  },
});
// Quick exit: forget the log in memory; what the reader chose to store stays.
document.addEventListener("site-exit", () => {
  Object.assign(evidence, { entries: [], keep: false, loaded: null, dirty: false, lastStored: null, base: null, unread: null, cleared: false });
  clearPrintArea();
});
// Leaving with entries that are neither stored on this device nor exported: the browser asks first.
window.addEventListener("beforeunload", (e) => {
  if (evidence.dirty && evidence.entries.length) { e.preventDefault(); e.returnValue = ""; }
});
