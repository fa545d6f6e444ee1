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

  // In-app browsers (WeChat, QQ, Weibo, Alipay, DingTalk, Douyin, Facebook …) often save no files and print
  // nothing, without saying so; they cannot be told apart from outside, so their user agent decides.
  var IN_APP = /MicroMessenger|\bQQ\/|Weibo|AlipayClient|DingTalk|aweme|BytedanceWebview|NewsArticle|XiaoHongShu|\bKwai|FBAN|FBAV|Instagram|\bLine\//i;
  function inApp() { return IN_APP.test(w.navigator.userAgent || ""); }
  // False where a download may silently do nothing: in-app browsers, or no `download` attribute on links.
  function canDownload() { return !inApp() && "download" in d.createElement("a"); }
  // False where print() is missing or (in-app browsers) does nothing.
  function canPrint() { return typeof w.print === "function" && !inApp(); }

  // Focus and select without moving the page: in-app browsers scroll to a focused or selected field, which
  // makes the page jump away from the button the reader just pressed.
  function still(field) {
    var x = w.pageXOffset, y = w.pageYOffset;
    try { field.focus({ preventScroll: true }); } catch (e) { field.focus(); }
    field.select();
    try { field.setSelectionRange(0, field.value.length); } catch (e) { /* old engines: select() did it */ }
    if (w.pageXOffset !== x || w.pageYOffset !== y) w.scrollTo(x, y);
  }

  // The text shown selected in a read-only box after `after` (the button pressed, or the row of buttons), for
  // the reader to copy by hand; one box per place, reused. With `message`, a note saying why goes just above the
  // box (and describes it), so it is read where the reader is. The page scrolls no more than needed to show it.
  var notes = 0;
  function selectBox(text, after, className, label, message) {
    var parent = after.parentNode;
    var box = parent.querySelector("textarea." + className) || d.createElement("textarea");
    box.className = className; box.readOnly = true; box.value = text;
    box.setAttribute("aria-label", label);
    if (after.nextSibling !== box) parent.insertBefore(box, after.nextSibling);
    if (message) {
      var note = parent.querySelector("p." + className + "-note") || d.createElement("p");
      note.className = className + "-note";
      note.id = note.id || className + "-note-" + (++notes);
      note.textContent = message;
      parent.insertBefore(note, box);
      box.setAttribute("aria-describedby", note.id);
    }
    still(box);
    if (box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
    return box;
  }

  // Copy text to the clipboard; done(result) with "copied" or "selected". In-app browsers often refuse the
  // clipboard. With `box` ({after, className, label, message}) the text is then shown selected after box.after,
  // to copy by hand. Without it the older copy command is tried on an invisible copy of the text (fixed at the
  // top of the window, so selecting it scrolls nothing); where that is refused too, the text is shown
  // selected right after the button that was pressed (the focused element), class "site-copy-box".
  function copy(text, done, box) {
    function shown(b) { selectBox(text, b.after, b.className, b.label, b.message); done("selected"); }
    function fallback() {
      if (box) { shown(box); return; }
      var pressed = d.activeElement, t = d.createElement("textarea"), ok = false;
      t.value = text; t.setAttribute("readonly", ""); t.setAttribute("aria-hidden", "true");
      t.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;border:0;padding:0";
      d.body.appendChild(t); still(t);
      try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
      d.body.removeChild(t);
      if (ok) { done("copied"); return; }
      if (pressed && pressed !== d.body && pressed.parentNode) shown({ after: pressed, className: "site-copy-box", label: "要复制的文字" });
      else done("failed");
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

  w.SiteKit = { today: today, say: say, download: download, copy: copy, selectBox: selectBox, print: print,
                inApp: inApp, canDownload: canDownload, canPrint: canPrint };
})(window, document);
