// The pinned Pyodide under Node, for sitegen/runtime/trim.py. Two commands, each a fresh interpreter:
//   node trim.mjs trace  <pyodide dir> <job dir>   full library: run start-up and every example call as the worker
//        does, record sys.modules, then write stdlib.zip + engine.whl compiled by this interpreter (inside.py)
//   node trim.mjs verify <pyodide dir> <job dir>   trimmed library: install engine.whl, run every call again
// The job dir holds job.json ({load, calls, optimize, lock}) and the wheel; the answer is written as <command>.json.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [command, pyodideDir, jobDir] = process.argv.slice(2);
const job = JSON.parse(readFileSync(path.join(jobDir, "job.json"), "utf8"));
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

// What the worker does: unpack the wheel (a Uint8Array: Node 20 rejects a Buffer), load the data, call by name.
function runEngine(py, wheel) {
  py.unpackArchive(new Uint8Array(wheel), "wheel");
  for (const [k, v] of Object.entries(job.load)) py.globals.set(k, v);
  py.runPython(`import triage.browser as triage_browser\ntriage_browser.load(${Object.keys(job.load).join(", ")})`);
  const api = py.runPython("list(triage_browser.API)").toJs();
  const missing = api.filter((n) => !(n in job.calls));
  const unknown = Object.keys(job.calls).filter((n) => !api.includes(n));
  const results = {}, failed = {};
  if (missing.length || unknown.length) return { api, missing, unknown, results, failed };
  for (const [name, args] of Object.entries(job.calls)) {
    try {
      py.globals.set("call_fn", name);
      py.globals.set("call_args", JSON.stringify(args));
      results[name] = JSON.parse(py.runPython("triage_browser.call(call_fn, call_args)"));
    } catch (err) {
      failed[name] = String(err.message).trim().split("\n").pop();
    }
  }
  // The worker's error path too: a failed call is turned into a message, which formats a Python traceback.
  let errorPath = "";
  try { py.runPython("triage_browser.call('no such call', '{}')"); } catch (err) { errorPath = String(err.message).trim().split("\n").pop(); }
  return { api, missing, unknown, results, failed, errorPath };
}

// Every loaded module and the file it came from (none for built-in and frozen ones). Imports nothing new.
const MODULES = "import sys\n{n: getattr(getattr(m, '__spec__', None), 'origin', None) or '' for n, m in list(sys.modules.items())}";
const modules = (py) => py.runPython(MODULES).toJs();
const quiet = { stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") };
const started = Date.now();
let out;
if (command === "trace") {
  const py = await loadPyodide({ indexURL: pyodideDir, ...quiet });
  const engine = runEngine(py, readFileSync(path.join(jobDir, "engine.whl")));
  out = { ...engine, modules: modules(py) };
  if (!engine.missing.length && !engine.unknown.length && !Object.keys(engine.failed).length) {
    py.FS.mkdirTree("/tmp/job");
    py.FS.writeFile("/tmp/job/engine.whl", new Uint8Array(readFileSync(path.join(jobDir, "engine.whl"))));
    const ns = py.globals.get("dict")();
    py.runPython(readFileSync(new URL("./inside.py", import.meta.url), "utf8"), { globals: ns });
    const built = JSON.parse(ns.get("build")(JSON.stringify(out.modules), "/tmp/job/engine.whl", "/tmp/job", job.optimize));
    writeFileSync(path.join(jobDir, "stdlib.zip"), py.FS.readFile("/tmp/job/stdlib.zip"));
    writeFileSync(path.join(jobDir, "engine.pyc.whl"), py.FS.readFile("/tmp/job/engine.whl"));
    out = { ...out, ...built };
  }
} else if (command === "verify") {
  const py = await loadPyodide({ indexURL: pyodideDir, stdLibURL: path.join(jobDir, "stdlib.zip"),
                                 lockFileContents: job.lock, ...quiet });
  out = { ...runEngine(py, readFileSync(path.join(jobDir, "engine.pyc.whl"))), modules: modules(py) };
} else {
  throw new Error(`unknown command ${command}: use trace or verify`);
}
out.ms = Date.now() - started;
writeFileSync(path.join(jobDir, `${command}.json`), JSON.stringify(out));
