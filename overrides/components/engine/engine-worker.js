/* Runs the Python package `triage` in Pyodide, off the main thread (see engine.js for the page's side).
   A module worker: current Pyodide refuses classic workers.

   In:  {type:"init", pyodide, wheel, texts, stdlib, lock, sizes, keep}   absolute URLs; stdlib may be "" (then
        Pyodide's own); lock is the lock file's text (then it is not fetched); sizes maps a runtime file's
        name to [raw bytes, bytes on the wire] (known at build time: a gzip host's Content-Length is not);
        keep: the page is not controlled by the service worker yet, which is wanted: keep a copy for it
        {type:"call", id, fn, args}                    fn: a name in triage.browser.API, args: JSON-able
   Out: {type:"progress", done, total}   bytes on the wire so far, estimated from the raw bytes read
        {type:"ready"}
        {type:"result", id, result}  or  {type:"result", id, error}   one per call
        {type:"fatal", message}      the engine cannot start, or can no longer run anything

   One request per file: nothing is fetched ahead "to check it". Fail fast instead: every runtime request
   (Pyodide's own too: fetch is wrapped while it starts) that is refused or missing ends the start at once
   with the file's name, instead of Pyodide waiting for it until the page's timeout. */
let call = null;  // triage.browser.call, once loaded
let py = null;

const name = (url) => String(url).split("?")[0].split("/").pop();
let sizes = {}, seen = {}, lastSent = -1, keep = false;

function progress(file, raw) { // raw bytes of `file` read so far → {done, total} on the wire, at most ~20 per second
  if (file) {
    if (!(file in sizes)) return;
    seen[file] = raw;
  }
  let done = 0, total = 0;
  for (const [f, [r, w]] of Object.entries(sizes)) {
    total += w;
    done += Math.min(1, (seen[f] || 0) / (r || 1)) * w;
  }
  const now = Date.now();
  if (done < total && now - lastSent < 50) return;
  lastSent = now;
  self.postMessage({ type: "progress", done: Math.round(done), total });
}

function count(file, resp) { // read a copy of the body as it arrives; the original goes to its reader untouched
  if (!(file in sizes) || !resp.body) return resp;
  const reader = resp.clone().body.getReader();
  let raw = 0;
  const pump = () => reader.read().then(({ done, value }) => {
    if (done) { progress(file, sizes[file][0]); return; }
    raw += value.byteLength;
    progress(file, raw);
    return pump();
  }).catch(() => {});
  pump();
  return resp;
}

const nativeFetch = self.fetch.bind(self);
async function get(input, init) { // errors name the file, so a blocked runtime says which part is missing
  const url = typeof input === "string" ? input : input.url || input;
  const file = name(url);
  const kept = file in sizes ? await held(url) : null;
  if (kept) return count(file, kept);
  let r;
  try { r = await nativeFetch(input, init || { credentials: "same-origin" }); } catch (err) {
    const e = new Error(`${file}: ${err.message}`);
    fatal(e); // at once: Pyodide may wait on or swallow a failed fetch
    throw e;
  }
  if (!r.ok) { const e = new Error(`${file}: HTTP ${r.status}`); fatal(e); throw e; }
  if (keep && file in sizes) keepCopy(r);
  return count(file, r);
}

// A runtime file already in the service worker's cache of content-addressed files, read from there directly:
// a worker the browser did not put under the service worker (seen on a return visit on a busy machine) would
// otherwise download the 8 MB .wasm again; the names carry the content's hash, so a kept copy is never stale.
async function held(url) {
  try { return (self.caches && await caches.match(url, { cacheName: "xlh-immutable" })) || null; } catch (e) { return null; }
}

// Started before the service worker controlled the page (a first visit: the engine never waits for it), the
// runtime bypasses it; the same bytes go into its cache of content-addressed files from here (the name in
// overrides/components/offline/sw.js), so the next visit downloads nothing, even where the browser's own cache is small.
function keepCopy(resp) {
  if (!self.caches || resp.type !== "basic" || resp.redirected) return;
  const copy = resp.clone();
  caches.open("xlh-immutable").then((c) => c.match(resp.url).then((hit) => hit || c.put(resp.url, copy))).catch(() => {});
}

async function init(msg) {
  sizes = msg.sizes || {};
  keep = !!msg.keep;
  progress("", 0);
  self.fetch = get; // Pyodide's own requests (the .wasm, the standard library) are counted and fail fast too
  // The two scripts at once (Pyodide would load the second only after the first), with the data beside them.
  const scripts = ["pyodide.mjs", "pyodide.asm.mjs"].map((n) => import(msg.pyodide + n).then((m) => {
    progress(n, (sizes[n] || [0])[0]);
    return m;
  }, (err) => { throw new Error(`${n}: ${err.message}`); }));
  const [wheel, texts, mod, asm] = await Promise.all([
    get(msg.wheel).then((r) => r.arrayBuffer()),
    get(msg.texts).then((r) => r.text()),
    ...scripts,
  ]);
  const options = { indexURL: msg.pyodide, createPyodideModule: asm.default };
  if (msg.stdlib) options.stdLibURL = msg.stdlib;
  if (msg.lock) options.lockFileContents = msg.lock; // no pyodide-lock.json request: the engine loads no packages
  py = await mod.loadPyodide(options);
  self.fetch = nativeFetch;
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
