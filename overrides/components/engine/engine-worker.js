/* Runs the Python package `triage` in Pyodide, off the main thread (see engine.js for the page's side).
   A module worker: current Pyodide refuses classic workers.

   In:  {type:"init", pyodide, wheel, texts, stdlib, lock}   absolute URLs; stdlib may be "" (then Pyodide's own);
        lock is the lock file's text (then it is not fetched)
        {type:"call", id, fn, args}                    fn: a name in triage.browser.API, args: JSON-able
   Out: {type:"ready"}
        {type:"result", id, result}  or  {type:"result", id, error}   one per call
        {type:"fatal", message}      the engine cannot start, or can no longer run anything

   Fail fast: before loading Pyodide every runtime file is requested once; the first one missing or
   blocked ends the start with its name, instead of Pyodide waiting for it until the page's timeout. */
let call = null;  // triage.browser.call, once loaded
let py = null;

async function get(url) { // errors name the file, so a blocked runtime says which part is missing
  const name = url.split("/").pop();
  let r;
  try { r = await fetch(url, { credentials: "same-origin" }); } catch (err) { throw new Error(`${name}: ${err.message}`); }
  if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
  return r;
}

async function probe(url) { // only the headers: Pyodide fetches the body itself (the HTTP cache keeps it)
  const r = await get(url);
  if (r.body) r.body.cancel().catch(() => {});
}

async function init(msg) {
  const runtime = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"].map((n) => msg.pyodide + n);
  runtime.push(msg.stdlib || msg.pyodide + "python_stdlib.zip");
  if (!msg.lock) runtime.push(msg.pyodide + "pyodide-lock.json");
  const [wheel, texts] = await Promise.all([
    get(msg.wheel).then((r) => r.arrayBuffer()),
    get(msg.texts).then((r) => r.text()),
    ...runtime.map(probe),
  ]);
  const mod = await import(msg.pyodide + "pyodide.mjs");
  const options = { indexURL: msg.pyodide };
  if (msg.stdlib) options.stdLibURL = msg.stdlib;
  if (msg.lock) options.lockFileContents = msg.lock; // no pyodide-lock.json request: the engine loads no packages
  py = await mod.loadPyodide(options);
  py.unpackArchive(wheel, "wheel");
  const browser = py.pyimport("triage.browser");
  browser.load(texts);
  call = browser.call;
}

function dead(err) { // Pyodide says so, or cannot run even a trivial statement any more
  if (/fatal/i.test(String(err && err.message || err))) return true;
  try { py.runPython("0"); return false; } catch (e) { return true; }
}

function fatal(err) {
  self.postMessage({ type: "fatal", message: String(err && err.message || err).slice(0, 300) });
}

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "init") {
    try {
      await init(msg);
      self.postMessage({ type: "ready" });
    } catch (err) { fatal(err); }
  } else if (msg.type === "call") {
    try {
      self.postMessage({ type: "result", id: msg.id, result: JSON.parse(call(msg.fn, JSON.stringify(msg.args))) });
    } catch (err) {
      if (!call || dead(err)) { fatal(err); return; }
      // One failed call does not take the engine down: report it (shortened) and carry on.
      const text = String(err && err.message || err).trim().split("\n").pop();
      self.postMessage({ type: "result", id: msg.id, error: text.slice(0, 300) });
    }
  }
};
self.onunhandledrejection = (e) => fatal(e.reason);
