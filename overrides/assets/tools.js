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
      if (err) { broken(root); return; }
      if ($(root, ".tool-status").textContent === LOADING) say(root, ""); // keep any newer message
      done(result);
    });
  }
  function broken(root) {
    if (Py.failed) { // the engine cannot run here: back to the no-JavaScript version of every tool
      var all = document.querySelectorAll(".tool.tool-js");
      for (var i = 0; i < all.length; i++) { all[i].className = all[i].className.replace(/ ?tool-js/g, ""); $(all[i], "form").hidden = true; }
      say(root, "工具没能在这个浏览器里启动。请使用下面的说明或空白模板。");
    } else {
      say(root, "这一步没有成功，请再试一次。你填写的内容都还在。");
    }
  }
  function download(name, text, type) {
    var blob = new Blob(["\ufeff" + text], { type: type + ";charset=utf-8" });
    var a = el("a"); a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function copy(text, root) {
    var report = function (ok) { say(root, ok ? "已复制。" : "没能自动复制，请长按或拖选信件文字复制。"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { report(true); }, function () { report(fallbackCopy(text)); });
    } else report(fallbackCopy(text));
  }
  function fallbackCopy(text) {
    var t = el("textarea"), ok = false; t.value = text; document.body.appendChild(t); t.select();
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(t);
    return ok;
  }
  function printOnly(root, title, node) { // print this content alone, with the build date and the notice
    var area = document.getElementById("print-area") || document.body.appendChild(el("div"));
    area.id = "print-area"; area.innerHTML = "";
    area.appendChild(el("h1", null, title));
    area.appendChild(node);
    area.appendChild(el("p", "print-foot", "由“小米贷款逾期被催收怎么办”网站生成 · 网站版本 " + root.getAttribute("data-built") +
      " · 本站提供一般性法律信息，不构成法律意见。"));
    document.body.className += " print-one";
    var done = function () { // after the dialog closes: back to normal, and the printed copy leaves the page
      window.removeEventListener("afterprint", done);
      document.body.className = document.body.className.replace(/ ?print-one/g, "");
      area.innerHTML = "";
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  /* Letters */
  function letter(root) {
    var form = $(root, "form"), out = $(root, ".tool-output"), id = root.getAttribute("data-letter");
    var title = root.getAttribute("data-title"), sumBtn = $(root, ".tool-fill-summary");
    if (sumBtn) {
      sumBtn.hidden = false;
      sumBtn.onclick = function () {
        loadStore(root, function () {
          if (!evidence.entries.length) { say(root, "证据记录里还没有内容。请先在“证据记录”工具里添加（并勾选在本设备保存）。"); return; }
          engine(root, "evidence_summary", { entries: evidence.entries }, function (r) {
            form.querySelector("[name='evidence_summary']").value = r.text; say(root, "已填入证据摘要。");
          });
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

  /* Evidence log: saved (only after opt-in) in the same format as an exported file, and read back through
     the same Python check as an import, so a damaged or foreign value never reaches the page. */
  function loadStore(root, then) {
    if (evidence.loaded) { then(); return; }
    evidence.loaded = true;
    var saved = null;
    try { saved = window.localStorage && localStorage.getItem(STORE_KEY); } catch (e) { saved = null; }
    if (!saved) { then(); return; }
    evidence.keep = true;
    engine(root, "evidence_import", { text: saved, today: today() }, function (r) {
      if (r.error) say(root, "这台设备上保存的记录已损坏，无法读取。");
      else evidence.entries = r.entries;
      then();
    });
  }
  function saveStore(root, then) { // calls then(ok)
    var store = function (text) {
      try {
        if (text == null) localStorage.removeItem(STORE_KEY); else localStorage.setItem(STORE_KEY, text);
        then(true);
      } catch (e) { then(false); }
    };
    if (!evidence.keep) { store(null); return; }
    engine(root, "evidence_export", { entries: evidence.entries }, function (r) { store(r.text); });
  }
  function evidenceLog(root) {
    var form = $(root, "form"), keep = $(root, ".ev-keep"), log = $(root, ".ev-log"), editing = null;
    var busy = false, waiting = []; // one change at a time, each working on the log as it is then
    function serial(op) { waiting.push(op); next(); }
    function next() {
      if (busy || !waiting.length) return;
      busy = true;
      waiting.shift()(function () { busy = false; next(); });
    }
    function status(text) { say(root, text); $(root, ".tool-status").focus(); }
    function stopEditing() { editing = null; form.querySelector("button[type=submit]").textContent = "添加这条记录"; }
    function set(entries, message, done) {
      evidence.entries = entries; stopEditing(); draw();
      saveStore(root, function (ok) {
        status(message + (evidence.keep && !ok ? " 注意：这台设备没能保存（可能是隐私模式或空间不足），请导出文件备份。" : ""));
        done();
      });
    }
    $(root, ".tool-controls").hidden = false;
    keep.onchange = function () {
      evidence.keep = keep.checked;
      serial(function (done) {
        saveStore(root, function (ok) {
          say(root, !keep.checked ? "已从这台设备删除保存的记录；关闭页面后记录会消失。"
            : ok ? "记录会保存在这台设备的浏览器里。" : "这台设备没能保存（可能是隐私模式或空间不足），请导出文件备份。");
          done();
        });
      });
    };
    function draw() {
      log.hidden = !evidence.entries.length;
      var box = $(root, ".ev-table"); box.innerHTML = "";
      var table = el("table"), head = el("tr");
      var cols = ["日期和时间", "号码", "方式", "联系了谁", "说了或做了什么", "证据", "操作"];
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
        del.onclick = function () {
          serial(function (done) {
            engine(root, "evidence_remove", { entries: evidence.entries, index: i }, function (r) { set(r.entries, "已删除一条记录。", done); });
          });
        };
        td.appendChild(edit); td.appendChild(del); tr.appendChild(td); table.appendChild(tr);
      })(i, evidence.entries[i]);
      box.appendChild(table);
      $(root, ".ev-summary").textContent = "";
      if (evidence.entries.length) engine(root, "evidence_summary", { entries: evidence.entries }, function (r) { $(root, ".ev-summary").textContent = r.text; });
    }
    form.onsubmit = function (ev) {
      ev.preventDefault();
      var raw = values(form);
      serial(function (done) {
        engine(root, "evidence_add", { entries: evidence.entries, values: raw, index: editing, today: today() }, function (r) {
          if (r.errors) { showErrors(form, r.errors); say(root, "有几项需要修改，请看标红的说明。"); done(); return; }
          showErrors(form, {}); form.reset();
          set(r.entries, "已记录。现在共 " + r.entries.length + " 条。", done);
        });
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
        input.value = ""; // choosing the same file again must work too
        serial(function (done) {
          engine(root, "evidence_import", { text: String(reader.result).replace(/^\ufeff/, ""), today: today() }, function (r) {
            if (r.error) { status(r.error); done(); return; }
            engine(root, "evidence_merge", { entries: evidence.entries, incoming: r.entries }, function (m) {
              set(m.entries, "已导入 " + r.entries.length + " 条记录。", done);
            });
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
    function disarm() { armed = false; clear.textContent = "全部删除"; }
    clear.onblur = disarm;
    clear.onclick = function () { // two clicks, so nothing is lost by a slip of the finger
      if (!armed) { armed = true; clear.textContent = "确认全部删除？再点一次"; say(root, "再点一次“确认全部删除”，所有记录都会删除。"); return; }
      disarm();
      serial(function (done) {
        evidence.keep = false; keep.checked = false;
        set([], "全部记录已删除，这台设备上也不再保存。", done);
      });
    };
    loadStore(root, function () { keep.checked = evidence.keep; draw(); });
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
