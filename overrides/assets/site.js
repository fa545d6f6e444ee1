/* Page helpers shared by the components' scripts (quiz/triage.js, tool/tools.js): today's date, download,
   copy, print and status messages, written once. A classic script loaded before them (main.html) that
   sets window.SiteKit. ES5 on purpose: the quiz must run in old WeChat (X5) browsers, and it uses this file.
   Nothing here touches the network. */
(function (w, d) {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // The reader's local date as YYYY-MM-DD: on printed plans, in letters, in file names.
  function today() {
    var t = new Date();
    return t.getFullYear() + "-" + pad(t.getMonth() + 1) + "-" + pad(t.getDate());
  }

  // A status line (role=status): its text, and focus on it when asked (it must have tabindex=-1 then).
  function say(node, text, focus) {
    if (!node) return;
    node.textContent = text;
    if (focus) node.focus();
  }

  // Save text as a file on this device (UTF-8 with a BOM, so Windows Notepad reads the Chinese). Throws
  // where the browser cannot; callers offer copy instead.
  function download(name, text, type) {
    var a = d.createElement("a");
    a.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type: (type || "text/plain") + ";charset=utf-8" }));
    a.download = name;
    d.body.appendChild(a); a.click(); d.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // The text shown selected in a read-only box after `after`, for the reader to copy by hand.
  function selectBox(text, after, className, label) {
    var box = after.parentNode.querySelector("textarea." + className) || d.createElement("textarea");
    box.className = className; box.readOnly = true; box.value = text;
    box.setAttribute("aria-label", label);
    after.parentNode.insertBefore(box, after.nextSibling);
    box.focus(); box.select();
    return box;
  }

  // Copy text to the clipboard; done(result) with "copied", "selected" or "failed". In-app browsers often
  // refuse the clipboard: with `box` ({after, className, label}) the text is then shown selected to copy by
  // hand ("selected"); without it the older copy command is tried on a hidden copy of the text.
  function copy(text, done, box) {
    function fallback() {
      if (box) { selectBox(text, box.after, box.className, box.label); done("selected"); return; }
      var t = d.createElement("textarea"), ok = false;
      t.value = text; t.setAttribute("readonly", ""); d.body.appendChild(t); t.select();
      try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
      d.body.removeChild(t);
      done(ok ? "copied" : "failed");
    }
    var c = w.navigator.clipboard;
    if (c && c.writeText) {
      try { c.writeText(text).then(function () { done("copied"); }, fallback); } catch (e) { fallback(); }
    } else fallback();
  }

  // Print with `className` on <body> (each component's print styles hide everything but what it prints);
  // afterwards the class goes and `after` tidies up. Browsers whose print() returns at once still print
  // what was on screen at the call.
  function print(className, after) {
    var body = d.body, finished = false;
    function done() {
      if (finished) return;
      finished = true;
      w.removeEventListener("afterprint", done);
      body.className = body.className.replace(new RegExp("\\s*\\b" + className + "\\b", "g"), "");
      if (after) after();
    }
    body.className += " " + className;
    w.addEventListener("afterprint", done);
    w.print();
  }

  w.SiteKit = { today: today, say: say, download: download, copy: copy, selectBox: selectBox, print: print };
})(window, document);
