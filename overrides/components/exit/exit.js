/* Quick exit (GOV.UK "Exit this page"): Shift pressed three times. The leaving itself, and the 「清除并离开」
   button (components/exit/exit.html), are handled by the few lines inline in every page (overrides/main.html: hide the
   page, tell the quiz and tools to forget, reset forms, stop the engine, replace the page), so the exit works
   even when this file is blocked. Loaded once per full page load; the listener is on document, so it keeps
   working after instant navigation. ES5, no inline handlers (the pages have a strict CSP). */
(function () {
  "use strict";
  var PRESSES = 3, WINDOW_MS = 5000; // GOV.UK's numbers
  var count = 0, timer = null, lastWasModified = false;

  function $(sel) { return document.querySelector(sel); }
  function target() { var a = $(".site-exit__button"); return a ? a.href : "about:blank"; }
  function status(text) { var s = $(".site-exit__status"); if (s) s.textContent = text; }

  // The leaving itself is inline in every page (overrides/main.html), so it works even if this file is blocked.
  function leave() { if (window.SiteExit) window.SiteExit.leave(); else window.location.replace(target()); }

  function reset() {
    count = 0;
    clearTimeout(timer);
    timer = null;
    status("");
  }

  // Shift three times within five seconds. A Shift that only made a capital letter does not count (the key
  // released before it was pressed with Shift held), and any other key starts the count again, so typing
  // never triggers it; neither does an input method's own use of Shift while composing.
  document.addEventListener("keyup", function (ev) {
    if (ev.isComposing) return;
    var shift = ev.key === "Shift" || ev.keyCode === 16;
    if (shift && !lastWasModified) {
      count += 1;
      if (!timer) timer = setTimeout(reset, WINDOW_MS);
      if (count >= PRESSES) { reset(); status("正在离开本页"); leave(); return; }
      status("再按 " + (PRESSES - count) + " 下 Shift 键就会离开本页");
    } else if (!shift) {
      reset();
    }
    lastWasModified = !!ev.shiftKey;
  }, true);
})();
