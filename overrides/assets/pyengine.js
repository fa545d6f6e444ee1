/* One Python engine per page load: Pyodide in a module Web Worker, shared by the quiz and the reader tools.
   PyEngine.start(el) reads the asset URLs from el's data-* attributes; PyEngine.call(fn, args, cb) calls
   triage.browser.call(fn, args) and later cb(error, result). Calls made while Pyodide loads wait in a queue;
   if it cannot start (blocked, too old, out of memory, timeout) every waiting and later call gets an error,
   and the pages fall back to their no-JavaScript versions. ES5 so old browsers can still run the fallback. */
(function () {
  "use strict";
  var START_MS = 30000, CALL_MS = 15000; // a worker that stops answering counts as failed
  var E = { worker: null, ready: false, failed: false, seq: 0, waiting: {}, queue: [], timer: null };

  function abs(url) { var a = document.createElement("a"); a.href = url; return a.href; }

  function fail(why) {
    if (E.failed) return;
    E.failed = true;
    clearTimeout(E.timer);
    if (E.worker) E.worker.terminate();
    var waiting = E.waiting; E.waiting = {}; E.queue = [];
    for (var id in waiting) waiting[id](new Error(why));
  }

  E.supported = function () { return !!window.Worker && typeof WebAssembly === "object"; };

  E.start = function (el) {
    if (E.worker || E.failed) return;
    try {
      E.worker = new Worker(abs(el.getAttribute("data-worker")), { type: "module" });
    } catch (e) { fail(String(e)); return; }
    E.timer = setTimeout(function () { fail("start timeout"); }, START_MS);
    E.worker.onerror = function (e) { fail(e.message || "worker error"); };
    E.worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === "ready") {
        clearTimeout(E.timer); E.ready = true;
        for (var i = 0; i < E.queue.length; i++) post(E.queue[i]);
        E.queue = [];
      } else if (m.type === "error") {
        fail(m.message);
      } else if (m.type === "result" && E.waiting[m.id]) {
        var cb = E.waiting[m.id]; delete E.waiting[m.id];
        clearTimeout(E.timer);
        if (m.error) cb(new Error(m.error)); else cb(null, m.result);
      }
    };
    E.worker.postMessage({ type: "init", pyodide: abs(el.getAttribute("data-pyodide")), wheel: abs(el.getAttribute("data-wheel")),
      flow: abs(el.getAttribute("data-flow")), letters: abs(el.getAttribute("data-letters")) });
  };

  function post(msg) {
    clearTimeout(E.timer);
    E.timer = setTimeout(function () { fail("call timeout"); }, CALL_MS);
    E.worker.postMessage(msg);
  }

  E.call = function (fn, args, cb) {
    if (E.failed || !E.worker) { setTimeout(function () { cb(new Error("engine unavailable")); }, 0); return; }
    var msg = { type: "call", id: ++E.seq, fn: fn, args: args };
    E.waiting[msg.id] = cb;
    if (E.ready) post(msg); else E.queue.push(msg);
  };

  E.stop = function () { // quick exit: forget everything, including the worker's memory
    clearTimeout(E.timer);
    if (E.worker) E.worker.terminate();
    E.worker = null; E.ready = false; E.waiting = {}; E.queue = [];
  };

  window.PyEngine = E;
})();
