/* Reader tools (letters, evidence log, limitation dates): forms whose values go only to the Python engine
   in this page's Web Worker (PyEngine). Nothing typed is ever sent over the network; the evidence log is
   kept in this browser only if the reader ticks the box. ES5, text inserted with textContent only. */
(function () {
  "use strict";
  var Py = window.PyEngine;
  var STORE_KEY = "xlh-evidence-log-v1";
  var evidence = { entries: [], keep: false, loaded: false }; // shared by the log and the complaint letter

  function $(root, sel) { return root.querySelector(sel); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = text;
    return n;
  }
  function today() { // the reader's local date, YYYY-MM-DD
    var d = new Date(), p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }
  function values(form) {
    var out = {}, els = form.querySelectorAll("input[name], textarea[name], select[name]");
    for (var i = 0; i < els.length; i++) if (els[i].type !== "file") out[els[i].name] = els[i].value;
    return out;
  }
  function setValues(form, v) {
    for (var k in v) { var f = form.querySelector("[name='" + k + "']"); if (f) f.value = v[k]; }
  }
  function showErrors(form, errors) { // a message next to each field; what the reader typed stays as it is
    var fields = form.querySelectorAll(".tool-field"), first = null;
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute("data-field"), msg = errors[name] || "";
      var control = fields[i].querySelector("[name]"), slot = fields[i].querySelector(".tool-error");
      slot.textContent = msg;
      if (msg) { control.setAttribute("aria-invalid", "true"); if (!first) first = control; }
      else control.removeAttribute("aria-invalid");
    }
    if (first) first.focus();
    return !!first;
  }
  function say(root, text) { $(root, ".tool-status").textContent = text; }
  var LOADING = "正在准备工具，第一次需要几秒钟……";
  function engine(root, fn, args, done) {
    Py.start(root);
    if (!Py.ready && !Py.failed) say(root, LOADING);
    Py.call(fn, args, function (err, result) {
      if (err) { say(root, "工具没能启动（浏览器可能不支持）。请使用下面的空白模板。"); return; }
      if ($(root, ".tool-status").textContent === LOADING) say(root, ""); // keep any newer message
      done(result);
    });
  }
  function download(name, text, type) {
    var blob = new Blob(["\ufeff" + text], { type: type + ";charset=utf-8" });
    var a = el("a"); a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function copy(text, root) {
    var done = function () { say(root, "已复制。"); };
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); }); }
    else { fallbackCopy(text); done(); }
  }
  function fallbackCopy(text) {
    var t = el("textarea"); t.value = text; document.body.appendChild(t); t.select();
    try { document.execCommand("copy"); } catch (e) { /* the reader can still select the text */ }
    document.body.removeChild(t);
  }
  function printOnly(root, title, node) { // print this content alone, with the build date and the notice
    var area = document.getElementById("print-area") || document.body.appendChild(el("div"));
    area.id = "print-area"; area.innerHTML = "";
    area.appendChild(el("h1", null, title));
    area.appendChild(node);
    area.appendChild(el("p", "print-foot", "由“小米贷款逾期被催收怎么办”网站生成 · 网站版本 " + root.getAttribute("data-built") +
      " · 本站提供一般性法律信息，不构成法律意见。"));
    document.body.className += " print-one";
    window.print();
    setTimeout(function () { document.body.className = document.body.className.replace(/ ?print-one/g, ""); }, 500);
  }

  /* Letters */
  function letter(root) {
    var form = $(root, "form"), out = $(root, ".tool-output"), id = root.getAttribute("data-letter");
    var title = root.getAttribute("data-title"), sumBtn = $(root, ".tool-fill-summary");
    if (sumBtn) {
      sumBtn.hidden = false;
      sumBtn.onclick = function () {
        loadStore();
        if (!evidence.entries.length) { say(root, "证据记录里还没有内容。请先在“证据记录”工具里添加（并勾选在本设备保存）。"); return; }
        engine(root, "evidence_summary", { entries: evidence.entries }, function (r) {
          form.querySelector("[name='evidence_summary']").value = r.text; say(root, "已填入证据摘要。");
        });
      };
    }
    form.onsubmit = function (ev) {
      ev.preventDefault();
      engine(root, "letter", { letter: id, values: values(form), today: today() }, function (r) {
        if (r.errors) { showErrors(form, r.errors); say(root, "有几项需要修改，请看标红的说明。"); return; }
        showErrors(form, {});
        out.innerHTML = ""; out.hidden = false;
        var pre = el("pre", "letter-output", r.text);
        var bar = el("p", "tool-actions"), b1 = el("button", "md-button", "复制"), b2 = el("button", "md-button", "下载为文本文件"), b3 = el("button", "md-button", "打印");
        b1.type = b2.type = b3.type = "button";
        b1.onclick = function () { copy(r.text, root); };
        b2.onclick = function () { download(title + ".txt", r.text, "text/plain"); };
        b3.onclick = function () { printOnly(root, title, el("pre", "letter-output", r.text)); };
        bar.appendChild(b1); bar.appendChild(b2); bar.appendChild(b3);
        out.appendChild(el("h3", null, "你的信件（可以再修改上面的内容后重新生成）"));
        out.appendChild(pre); out.appendChild(bar);
        say(root, "信件已生成。");
        pre.setAttribute("tabindex", "-1"); pre.focus();
      });
    };
  }

  /* Evidence log */
  function loadStore() {
    if (evidence.loaded) return;
    evidence.loaded = true;
    try {
      var saved = window.localStorage && localStorage.getItem(STORE_KEY);
      if (saved) { evidence.entries = JSON.parse(saved); evidence.keep = true; }
    } catch (e) { /* storage blocked: the log lives in memory only */ }
  }
  function saveStore() {
    try {
      if (evidence.keep) localStorage.setItem(STORE_KEY, JSON.stringify(evidence.entries));
      else localStorage.removeItem(STORE_KEY);
    } catch (e) { /* nothing else to do */ }
  }
  function evidenceLog(root) {
    loadStore();
    var form = $(root, "form"), keep = $(root, ".ev-keep"), log = $(root, ".ev-log"), editing = null;
    $(root, ".tool-controls").hidden = false;
    keep.checked = evidence.keep;
    keep.onchange = function () { evidence.keep = keep.checked; saveStore(); say(root, keep.checked ? "记录会保存在这台设备的浏览器里。" : "已从这台设备删除保存的记录；本页关闭后记录会消失。"); };
    function set(entries) { evidence.entries = entries; saveStore(); draw(); }
    function draw() {
      log.hidden = !evidence.entries.length;
      var box = $(root, ".ev-table"); box.innerHTML = "";
      var table = el("table"), head = el("tr");
      var cols = ["日期和时间", "号码", "方式", "联系了谁", "说了或做了什么", "证据", ""];
      for (var c = 0; c < cols.length; c++) head.appendChild(el("th", null, cols[c]));
      table.appendChild(head);
      for (var i = 0; i < evidence.entries.length; i++) (function (i, e) {
        var tr = el("tr"), keys = ["when", "number", "channel", "who", "what", "proof"];
        for (var k = 0; k < keys.length; k++) tr.appendChild(el("td", null, e[keys[k]]));
        var td = el("td"), edit = el("button", "ev-edit", "修改"), del = el("button", "ev-delete", "删除");
        edit.type = del.type = "button";
        edit.setAttribute("aria-label", "修改 " + e.when + " 的记录");
        del.setAttribute("aria-label", "删除 " + e.when + " 的记录");
        edit.onclick = function () { editing = i; setValues(form, e); form.querySelector("button[type=submit]").textContent = "保存修改"; form.querySelector("[name]").focus(); };
        del.onclick = function () { engine(root, "evidence_remove", { entries: evidence.entries, index: i }, function (r) { set(r.entries); say(root, "已删除一条记录。"); }); };
        td.appendChild(edit); td.appendChild(del); tr.appendChild(td); table.appendChild(tr);
      })(i, evidence.entries[i]);
      box.appendChild(table);
      $(root, ".ev-summary").textContent = "";
      if (evidence.entries.length) engine(root, "evidence_summary", { entries: evidence.entries }, function (r) { $(root, ".ev-summary").textContent = r.text; });
    }
    form.onsubmit = function (ev) {
      ev.preventDefault();
      engine(root, "evidence_add", { entries: evidence.entries, values: values(form), index: editing, today: today() }, function (r) {
        if (r.errors) { showErrors(form, r.errors); say(root, "有几项需要修改，请看标红的说明。"); return; }
        showErrors(form, {}); form.reset(); editing = null;
        form.querySelector("button[type=submit]").textContent = "添加这条记录";
        set(r.entries); say(root, "已记录。现在共 " + r.entries.length + " 条。");
      });
    };
    $(root, ".ev-export").onclick = function () {
      engine(root, "evidence_export", { entries: evidence.entries }, function (r) { download("证据记录-" + today() + ".json", r.text, "application/json"); });
    };
    $(root, ".ev-import").onchange = function () {
      var file = this.files && this.files[0], input = this;
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        engine(root, "evidence_import", { text: String(reader.result).replace(/^\ufeff/, ""), today: today() }, function (r) {
          input.value = "";
          if (r.error) { say(root, r.error); return; }
          engine(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries }, function (m) {
            set(m.entries); say(root, "已导入 " + r.entries.length + " 条记录。");
          });
        });
      };
      reader.readAsText(file);
    };
    $(root, ".ev-print").onclick = function () {
      var table = $(root, ".ev-table table").cloneNode(true), rows = table.querySelectorAll("tr");
      for (var i = 0; i < rows.length; i++) rows[i].removeChild(rows[i].lastChild);
      var wrap = el("div"); wrap.appendChild(table); wrap.appendChild(el("p", null, $(root, ".ev-summary").textContent));
      printOnly(root, "催收联系时间线", wrap);
    };
    var clear = $(root, ".ev-clear"), armed = false;
    clear.onclick = function () { // two clicks, so nothing is lost by a slip of the finger
      if (!armed) { armed = true; clear.textContent = "确认全部删除？再点一次"; return; }
      armed = false; clear.textContent = "全部删除";
      try { localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      evidence.keep = false; keep.checked = false; set([]);
      say(root, "全部记录已删除，这台设备上也不再保存。");
    };
    draw();
  }

  /* Limitation period */
  function limitation(root) {
    var form = $(root, "form"), out = $(root, ".tool-output");
    form.onsubmit = function (ev) {
      ev.preventDefault();
      engine(root, "limitation", { values: values(form), today: today() }, function (r) {
        if (r.errors) { showErrors(form, r.errors); out.hidden = true; say(root, "有几项需要修改，请看标红的说明。"); return; }
        showErrors(form, {});
        var res = r.result, list = el("ol");
        out.innerHTML = ""; out.hidden = false;
        out.appendChild(el("h3", null, "推算结果"));
        out.appendChild(el("p", "lim-summary", res.summary));
        for (var i = 0; i < res.steps.length; i++) list.appendChild(el("li", null, res.steps[i]));
        out.appendChild(list);
        if (res.after) out.appendChild(el("p", "lim-after", res.after));
        out.appendChild(el("p", "lim-reminder", res.reminder));
        say(root, res.summary);
      });
    };
  }

  function init() {
    var roots = document.querySelectorAll(".tool[data-tool]");
    if (!roots.length || !Py || !Py.supported()) return; // the blank templates stay, as without JavaScript
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      if (root.getAttribute("data-enhanced")) continue;
      root.setAttribute("data-enhanced", "1");
      root.className += " tool-js";
      $(root, "form").hidden = false;
      var kind = root.getAttribute("data-tool");
      if (kind === "letter") letter(root); else if (kind === "evidence") evidenceLog(root); else limitation(root);
      root.addEventListener("focusin", (function (r) { return function () { Py.start(r); }; })(root));
    }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
