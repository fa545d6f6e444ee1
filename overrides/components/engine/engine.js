/* The Python engine for the reader tools: package `triage` in Pyodide, in a module Web Worker
   (engine-worker.js), so the page never freezes. One engine per page load.

   PyEngine.supported()          can this browser run it at all (Worker + WebAssembly)
   PyEngine.start(el)            start loading; URLs come from el's data-worker, data-pyodide, data-wheel,
                                 data-texts and the optional data-stdlib (a trimmed standard library)
   PyEngine.call(fn, args)       → Promise of triage.browser.call(fn, args)'s JSON result; starts the engine
                                 if needed. Each call has its own timer, started when it is sent; a call that
                                 fails (bad arguments, a Python error) rejects alone and never blocks the next.
   PyEngine.onfail(cb)           cb(reason) once, when the engine has failed for good (at once if it already has)
   PyEngine.ready, .failed, .reason
   PyEngine.stop()               quick exit: end the worker and forget every call (also on the "site-exit" event)

   Failed for good: a runtime file missing or blocked (the worker checks them all first, so this is known in
   seconds), no module workers, start timeout, a worker crash, a call that never answers, or Pyodide
   reporting that it has fatally failed (for example after a stack overflow). Every waiting and later call
   then rejects at once and the tools switch to their fallbacks.

   A classic script, so PyEngine exists before any later script runs, but not ES5: only browsers with
   module workers can run the engine at all, and an older browser that cannot parse this file simply keeps
   every tool in its no-JavaScript version. */
(() => {
  "use strict";
  const START_MS = 60000; // a slow phone connection needs tens of seconds for the runtime
  const CALL_MS = 15000;  // one call takes milliseconds; a call this slow means the worker is stuck

  const E = { ready: false, failed: false, reason: "" };
  let worker = null, seq = 0, startTimer = null, root = null;
  let pending = new Map(); // id → {msg, resolve, reject, timer}
  const failListeners = [];

  const abs = (url) => new URL(url, document.baseURI).href;

  function fail(reason) {
    if (E.failed) return;
    E.failed = true; E.ready = false; E.reason = String(reason || "engine failed");
    clearTimeout(startTimer);
    if (worker) worker.terminate();
    worker = null;
    const waiting = pending; pending = new Map();
    for (const p of waiting.values()) { clearTimeout(p.timer); p.reject(new Error(E.reason)); }
    for (const cb of failListeners.splice(0)) { try { cb(E.reason); } catch (e) { /* one listener never stops the others */ } }
  }

  function send(p) {
    p.timer = setTimeout(() => fail(`call ${p.msg.fn} timed out`), CALL_MS);
    worker.postMessage(p.msg);
  }

  function onMessage(e) {
    const m = e.data || {};
    if (m.type === "ready") {
      clearTimeout(startTimer);
      E.ready = true;
      for (const p of pending.values()) send(p);
    } else if (m.type === "fatal") {
      fail(m.message);
    } else if (m.type === "result" && pending.has(m.id)) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      clearTimeout(p.timer);
      if ("error" in m) p.reject(new Error(m.error)); else p.resolve(m.result);
    }
  }

  E.supported = () => typeof Worker === "function" && typeof WebAssembly === "object";

  let starting = false;
  E.start = (el) => {
    if (worker || starting || E.failed) return;
    root = el || root || document.querySelector("[data-worker]");
    if (!E.supported()) { fail("this browser cannot run the engine"); return; }
    if (!root || !root.getAttribute("data-worker")) { fail("no engine on this page"); return; }
    starting = true;
    // Wait (at most 3 s) until the service worker controls the page, so the runtime it downloads is kept
    // for the next visit (overrides/components/offline/offline.js).
    const controlled = window.SiteOffline && window.SiteOffline.controlled;
    Promise.resolve(controlled).then(spawn, spawn);
  };

  function spawn() {
    if (worker || E.failed) return;
    const url = (name) => (root.getAttribute("data-" + name) ? abs(root.getAttribute("data-" + name)) : "");
    try {
      worker = new Worker(url("worker"), { type: "module" });
    } catch (err) { fail(err); return; }
    startTimer = setTimeout(() => fail("start timed out"), START_MS);
    worker.onmessage = onMessage;
    worker.onerror = (err) => { if (err.preventDefault) err.preventDefault(); fail(err.message || "worker error"); };
    worker.onmessageerror = () => fail("unreadable message from the worker");
    worker.postMessage({ type: "init", pyodide: url("pyodide"), wheel: url("wheel"), texts: url("texts"), stdlib: url("stdlib"),
      lock: root.getAttribute("data-lock") || "" });
  }

  E.call = (fn, args) => {
    const promise = new Promise((resolve, reject) => {
      if (!E.failed) E.start(null);
      if (E.failed) { reject(new Error(E.reason)); return; }
      const p = { msg: { type: "call", id: ++seq, fn, args }, resolve, reject, timer: null };
      pending.set(p.msg.id, p);
      if (E.ready) send(p);
    });
    return promise;
  };

  E.onfail = (cb) => { if (E.failed) setTimeout(() => cb(E.reason), 0); else failListeners.push(cb); };

  E.stop = () => {
    clearTimeout(startTimer);
    if (worker) worker.terminate();
    for (const p of pending.values()) clearTimeout(p.timer);
    worker = null; starting = false; pending = new Map(); E.ready = false;
  };

  document.addEventListener("site-exit", E.stop);
  window.PyEngine = E;
})();
