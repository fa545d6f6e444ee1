/* Quick exit (GOV.UK "Exit this page"). The 「清除并离开」 button (components/exit/exit.html) and Shift pressed three
   times both: hide the page at once, tell the quiz and tools to forget what they hold (a "site-exit" event
   on document), stop the Python engine, and replace this page with the button's target, so Back does not
   return here. Loaded once per full page load; the button sits outside the part of the page that instant
   navigation swaps, and every listener is on document, so it keeps working after instant navigation.
   Other scripts may call window.SiteExit.leave(). ES5, no inline handlers (the pages have a strict CSP). */
(function () {
  "use strict";
  var PRESSES = 3, WINDOW_MS = 5000; // GOV.UK's numbers
  var count = 0, timer = null, lastWasModified = false, leaving = false;

  function $(sel) { return document.querySelector(sel); }
  function target() { var a = $(".site-exit__button"); return a ? a.href : "about:blank"; }
  function status(text) { var s = $(".site-exit__status"); if (s) s.textContent = text; }

  function exitEvent() {
    if (typeof window.CustomEvent === "function") return new CustomEvent("site-exit");
    var e = document.createEvent("CustomEvent");
    e.initCustomEvent("site-exit", false, false, null);
    return e;
  }

  function leave() {
    if (leaving) return;
    leaving = true;
    var url = target();
    document.documentElement.className += " site-exiting";
    try { document.dispatchEvent(exitEvent()); } catch (e) { /* leaving matters more than tidying up */ }
    try { if (window.PyEngine) window.PyEngine.stop(); } catch (e) { /* same */ }
    window.location.replace(url);
  }

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

  // Captured before the theme's instant navigation sees the click.
  document.addEventListener("click", function (ev) {
    var a = ev.target;
    while (a && a !== document && !(a.className && String(a.className).indexOf("site-exit__button") >= 0)) a = a.parentNode;
    if (!a || a === document) return;
    ev.preventDefault();
    leave();
  }, true);

  window.SiteExit = { leave: leave };
})();
