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

  // Focus and select without moving the page: in-app browsers scroll to a focused or selected field, which
  // makes the page jump away from the button the reader just pressed.
  function still(field) {
    var x = w.pageXOffset, y = w.pageYOffset;
    try { field.focus({ preventScroll: true }); } catch (e) { field.focus(); }
    field.select();
    try { field.setSelectionRange(0, field.value.length); } catch (e) { /* old engines: select() did it */ }
    if (w.pageXOffset !== x || w.pageYOffset !== y) w.scrollTo(x, y);
  }

  // The text shown selected in a read-only box right after `after` (the button pressed, or the row of
  // buttons), for the reader to copy by hand; one box per place, reused.
  function selectBox(text, after, className, label) {
    var box = after.parentNode.querySelector("textarea." + className) || d.createElement("textarea");
    box.className = className; box.readOnly = true; box.value = text;
    box.setAttribute("aria-label", label);
    if (after.nextSibling !== box) after.parentNode.insertBefore(box, after.nextSibling);
    still(box);
    return box;
  }

  // Copy text to the clipboard; done(result) with "copied" or "selected". In-app browsers often refuse the
  // clipboard. With `box` ({after, className, label}) the text is then shown selected after box.after, to
  // copy by hand. Without it the older copy command is tried on an invisible copy of the text (fixed at the
  // top of the window, so selecting it scrolls nothing); where that is refused too, the text is shown
  // selected right after the button that was pressed (the focused element), class "site-copy-box".
  function copy(text, done, box) {
    function shown(b) { selectBox(text, b.after, b.className, b.label); done("selected"); }
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

  w.SiteKit = { today: today, say: say, download: download, copy: copy, selectBox: selectBox, print: print };
})(window, document);
