/* Runs the Python triage engine in Pyodide, off the main thread so the page never freezes.
   A module worker: current Pyodide refuses classic workers. Browsers without module workers fail here,
   and the page falls back to the static version.
   Messages in:  {type:"init", pyodide, wheel, flow} (absolute URLs)   {type:"answer", id, answers}
   Messages out: {type:"ready"}   {type:"view", id, view}   {type:"error", message} */
var py = null;

async function init(msg) {
  var mod = await import(msg.pyodide + "pyodide.mjs");
  py = await mod.loadPyodide({ indexURL: msg.pyodide });
  var wheel = await fetch(msg.wheel, { credentials: "same-origin" });
  if (!wheel.ok) throw new Error("wheel " + wheel.status);
  py.unpackArchive(await wheel.arrayBuffer(), "wheel");
  var flow = await fetch(msg.flow, { credentials: "same-origin" });
  if (!flow.ok) throw new Error("flow " + flow.status);
  py.globals.set("flow_json", await flow.text());
  py.runPython("import triage.browser as triage_browser\ntriage_browser.load(flow_json)");
}

self.onmessage = async function (e) {
  var msg = e.data;
  try {
    if (msg.type === "init") {
      await init(msg);
      self.postMessage({ type: "ready" });
    } else if (msg.type === "answer") {
      py.globals.set("answers_json", JSON.stringify(msg.answers));
      var out = py.runPython("triage_browser.answer(answers_json)");
      self.postMessage({ type: "view", id: msg.id, view: JSON.parse(out) });
    }
  } catch (err) {
    self.postMessage({ type: "error", message: String(err && err.message || err) });
  }
};
