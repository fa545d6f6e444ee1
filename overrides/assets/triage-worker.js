/* Runs the Python package `triage` in Pyodide, off the main thread so the page never freezes.
   A module worker: current Pyodide refuses classic workers. Browsers without module workers fail here,
   and the page falls back to its static version.
   In:  {type:"init", pyodide, wheel, flow, letters} (absolute URLs)   {type:"call", id, fn, args}
   Out: {type:"ready"}   {type:"result", id, result}   {type:"error", message} */
var py = null;

async function get(url) {
  var r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) throw new Error(url + " " + r.status);
  return r;
}

async function init(msg) {
  var mod = await import(msg.pyodide + "pyodide.mjs");
  py = await mod.loadPyodide({ indexURL: msg.pyodide });
  py.unpackArchive(await (await get(msg.wheel)).arrayBuffer(), "wheel");
  py.globals.set("flow_json", await (await get(msg.flow)).text());
  var letters = "";
  try { letters = await (await get(msg.letters)).text(); } catch (e) { /* the quiz works without the letters */ }
  py.globals.set("letters_json", letters);
  py.runPython("import triage.browser as triage_browser\ntriage_browser.load(flow_json, letters_json)");
}

self.onmessage = async function (e) {
  var msg = e.data;
  try {
    if (msg.type === "init") {
      await init(msg);
      self.postMessage({ type: "ready" });
    } else if (msg.type === "call") {
      try {
        py.globals.set("call_fn", msg.fn);
        py.globals.set("call_args", JSON.stringify(msg.args));
        var out = py.runPython("triage_browser.call(call_fn, call_args)");
        self.postMessage({ type: "result", id: msg.id, result: JSON.parse(out) });
      } catch (err) { // one failed call does not take the engine down
        self.postMessage({ type: "result", id: msg.id, error: String(err && err.message || err) });
      }
    }
  } catch (err) {
    self.postMessage({ type: "error", message: String(err && err.message || err) });
  }
};
