/* The Python engine for the reader tools: package `triage` in Pyodide, in a module Web Worker
   (engine-worker.js), so the page never freezes. One engine per page load.

   PyEngine.supported()          can this browser run it at all (Worker + WebAssembly)
   PyEngine.start(el)            start loading; URLs come from el's data-worker, data-pyodide, data-wheel,
                                 data-texts and the optional data-stdlib (a trimmed standard library)
   PyEngine.call(fn, args)       → Promise of triage.browser.call(fn, args)'s JSON result; starts the engine
                                 if needed. Each call has its own timer, started when it is sent; a call that
                                 fails (bad arguments, a Python error) rejects alone and never blocks the next.
   PyEngine.onfail(cb)           cb(reason) once, when the engine has failed for good (at once if it already has)
   PyEngine.onprogress(cb)       cb({done, total}) while the runtime downloads: bytes on the wire, the total known
                                 at build time (data-sizes), never from a gzip host's Content-Length
   PyEngine.ready, .failed, .reason, .progress ({done, total} or null)
   PyEngine.stop()               quick exit: end the worker and forget every call (also on the "site-exit" event)

   It starts at once: never waits for the service worker (none inside WeChat on iOS; on a first visit it
   takes control later, and sw.js then serves what is still to come).

   Failed for good: a runtime file missing or blocked (any runtime request that fails ends the start with
   the file's name, so this is known in seconds), no module workers, a start that stalls (no new bytes for
   STALL_MS while downloading, or BOOT_MS after the last byte; a slow download never fails while bytes
   still arrive), a worker crash, a call that never answers, or Pyodide
   reporting that it has fatally failed (for example after a stack overflow). Every waiting and later call
   then rejects at once and the tools switch to their fallbacks.

   A classic script, so PyEngine exists before any later script runs, but not ES5: only browsers with
   module workers can run the engine at all, and an older browser that cannot parse this file simply keeps
   every tool in its no-JavaScript version. */
(() => {
  "use strict";
  const STALL_MS = 30000; // no new byte of the runtime for this long: the connection is gone
  const BOOT_MS = 60000;  // every byte is here; starting Python on a slow phone takes seconds, never this long
  const CALL_MS = 15000;  // one call takes milliseconds; a call this slow means the worker is stuck

  const E = { ready: false, failed: false, reason: "", progress: null };
  let worker = null, seq = 0, startTimer = null, root = null;
  let pending = new Map(); // id → {msg, resolve, reject, timer}
  const failListeners = [], progressListeners = [];

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

  function watch(ms, why) { // the start time-out, moved on by every sign of life
    clearTimeout(startTimer);
    startTimer = setTimeout(() => fail(why), ms);
  }

  function onMessage(e) {
    const m = e.data || {};
    if (m.type === "progress") {
      E.progress = { done: m.done, total: m.total };
      if (m.done >= m.total) watch(BOOT_MS, "start timed out after the download");
      else watch(STALL_MS, "download stalled");
      for (const cb of progressListeners) { try { cb(E.progress); } catch (err) { /* one listener never stops the others */ } }
    } else if (m.type === "ready") {
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
    spawn();
  };

  function spawn() {
    if (worker || E.failed) return;
    const url = (name) => (root.getAttribute("data-" + name) ? abs(root.getAttribute("data-" + name)) : "");
    try {
      worker = new Worker(url("worker"), { type: "module" });
    } catch (err) { fail(err); return; }
    watch(STALL_MS, "start timed out");
    worker.onmessage = onMessage;
    worker.onerror = (err) => { if (err.preventDefault) err.preventDefault(); fail(err.message || "worker error"); };
    worker.onmessageerror = () => fail("unreadable message from the worker");
    worker.postMessage({ type: "init", pyodide: url("pyodide"), wheel: url("wheel"), texts: url("texts"), stdlib: url("stdlib"),
      lock: root.getAttribute("data-lock") || "", sizes: sizes(),
      keep: !!(window.SiteOffline && window.SiteOffline.keep && navigator.serviceWorker && !navigator.serviceWorker.controller) });
  }

  function sizes() { // {file name: [raw bytes, bytes on the wire]}, written at build time (sitegen/assets.py)
    try { return JSON.parse(root.getAttribute("data-sizes") || "{}"); } catch (err) { return {}; }
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

  E.onprogress = (cb) => { progressListeners.push(cb); if (E.progress) cb(E.progress); };

  E.onfail = (cb) => { if (E.failed) setTimeout(() => cb(E.reason), 0); else failListeners.push(cb); };

  E.stop = () => {
    clearTimeout(startTimer);
    if (worker) worker.terminate();
    for (const p of pending.values()) clearTimeout(p.timer);
    worker = null; starting = false; pending = new Map(); E.ready = false; E.progress = null;
  };

  document.addEventListener("site-exit", E.stop);
  window.PyEngine = E;
})();
