"""Engine-ready time and bytes of the default Pyodide runtime against the trimmed, precompiled one (issue 7, item 5).

Run as `python bench/runtime.py [--runs N] [--slow-runs N]`. Not a test: pytest never collects it.

Both variants run the same module Web Worker on the same tiny page, served from a temp dir on 127.0.0.1 with gzip
(as GitHub Pages serves them), in headless Chromium, each run in a fresh browser context (empty caches):
  (a) default: loadPyodide({indexURL}) → python_stdlib.zip (all .py) and pyodide-lock.json, the engine wheel as .py;
  (b) trimmed: loadPyodide({indexURL, stdLibURL, lockFileContents, createPyodideModule}) with the output of
      sitegen/runtime.py, both Pyodide scripts imported at once, as the site's worker does.
Engine-ready = from creating the worker to the engine answering its first call (the limitation tool's example).
Profiles: loopback, and slow 4G (1.6 Mbps down and 150 ms per request, paced at the server by bench/throttle.py, so
the worker's downloads are throttled too, which Chromium's page-level network emulation never does; CPU ×4 via
Emulation.setCPUThrottlingRate). Medians over runs whose order alternates, so drift hits both variants alike."""
import argparse
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "quiz"), str(ROOT / "bench")]

from sitegen.runtime.assets import PYODIDE_FILES, build_wheel  # noqa: E402
from sitegen.runtime.trim import build_runtime  # noqa: E402
from sitegen.runtime.calls import CALLS, LOAD  # noqa: E402
from throttle import RTT_S, Link  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
GOAL_RATIO, GOAL_BYTES = 0.55, 5_000_000
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
         ".wasm": "application/wasm", ".zip": "application/zip", ".json": "application/json",
         ".whl": "application/octet-stream"}

PAGE = """<!doctype html><meta charset="utf-8"><title>runtime bench</title>
<script>
window.start = function (cfg) {
  return new Promise(function (resolve) {
    var t0 = performance.now(), w = new Worker("worker.js", { type: "module" });
    w.onmessage = function (e) { resolve(Object.assign({ ms: performance.now() - t0 }, e.data)); w.terminate(); };
    w.onerror = function (e) { resolve({ ok: false, error: e.message || "worker error" }); };
    w.postMessage(cfg);
  });
};
</script>"""

# The same steps as the site's worker (overrides/components/engine/engine-worker.js), with the wheel fetched in parallel.
WORKER = """self.onmessage = async (e) => {
  const m = e.data, t0 = performance.now(), t = {};
  try {
    const wheel = fetch(m.wheel).then((r) => { if (!r.ok) throw new Error(m.wheel + " " + r.status); return r.arrayBuffer(); });
    // The site's worker imports Pyodide's two scripts at once (m.parallel); by default the second waits for the first.
    const [{ loadPyodide }, asm] = await Promise.all([import(m.base + "pyodide.mjs"),
                                                     m.parallel ? import(m.base + "pyodide.asm.mjs") : null]);
    const opts = { indexURL: m.base };
    if (asm) opts.createPyodideModule = asm.default;
    if (m.stdlib) opts.stdLibURL = m.stdlib;
    if (m.lock) opts.lockFileContents = m.lock;
    const py = await loadPyodide(opts);
    t.pyodide = performance.now() - t0;
    py.unpackArchive(new Uint8Array(await wheel), "wheel");
    py.globals.set("texts_json", m.texts);
    py.runPython("import triage.browser as triage_browser\\ntriage_browser.load(texts_json)");
    py.globals.set("call_fn", m.fn);
    py.globals.set("call_args", m.args);
    const out = py.runPython("triage_browser.call(call_fn, call_args)");
    const checked = {};
    for (const [name, args] of Object.entries(m.all || {})) {  // not timed: the Chromium check of every call
      try {
        py.globals.set("call_fn", name);
        py.globals.set("call_args", JSON.stringify(args));
        checked[name] = JSON.parse(py.runPython("triage_browser.call(call_fn, call_args)"));
      } catch (err) { checked[name] = { failed: String(err.message).trim().split("\\n").pop() }; }
    }
    const source = m.all ? py.runPython("import sys\\n[n for n, m in list(sys.modules.items()) " +
      "if (getattr(getattr(m, '__spec__', None), 'origin', None) or '').endswith('.py')]").toJs() : [];
    self.postMessage({ ok: true, t, out, checked, source });
  } catch (err) { self.postMessage({ ok: false, error: String(err && err.message || err) }); }
};"""


class Files(http.server.BaseHTTPRequestHandler):
    """Serves prepared files from memory, gzip when asked; counts raw and sent bytes per request."""
    files: dict[str, tuple[bytes, bytes, str]] = {}
    log: list[tuple[str, int, int]] = []
    lock = threading.Lock()
    link: Link | None = None  # set: slow 4G, paced here

    def do_GET(self):
        path = self.path.split("?")[0]
        if path not in self.files:
            self.send_error(404)
            return
        raw, gz, ctype = self.files[path]
        use_gz = "gzip" in self.headers.get("Accept-Encoding", "")
        body = gz if use_gz else raw
        link = self.link
        if link:
            time.sleep(RTT_S)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if use_gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if link:
            link.write(self.wfile, body)
        else:
            self.wfile.write(body)
        with self.lock:
            self.log.append((path, len(raw), len(body)))

    def log_message(self, *args):
        pass


def prepare() -> tuple[dict[str, bytes], dict]:
    """Every served file by URL path, and the two worker configurations."""
    pyodide = ROOT / "node_modules" / "pyodide"
    wheel = build_wheel(ROOT / "quiz" / "triage")
    rt = build_runtime(ROOT, wheel)
    files = {"/index.html": PAGE.encode(), "/worker.js": WORKER.encode(),
             "/default/engine.whl": wheel, "/trimmed/engine.whl": rt.wheel, "/trimmed/stdlib.zip": rt.stdlib_zip}
    for name in PYODIDE_FILES:
        files[f"/pyodide/{name}"] = (pyodide / name).read_bytes()
    data = {"texts": LOAD["texts_json"], "fn": "limitation",
            "args": json.dumps(CALLS["limitation"], ensure_ascii=False)}
    return files, {
        "default": {**data, "base": "/pyodide/", "wheel": "/default/engine.whl"},
        "trimmed": {**data, "base": "/pyodide/", "wheel": "/trimmed/engine.whl", "stdlib": "/trimmed/stdlib.zip",
                    "lock": rt.lock, "parallel": True},
    }


def serve(files: dict[str, bytes]) -> tuple[http.server.ThreadingHTTPServer, str]:
    Files.files = {p: (b, gzip.compress(b, compresslevel=6), TYPES.get(Path(p).suffix, "application/octet-stream"))
                   for p, b in files.items()}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Files)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def one_run(browser, base: str, cfg: dict, slow: bool) -> dict:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        if slow:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(base + "/index.html")
        with Files.lock:
            Files.log.clear()
        Files.link = Link() if slow else None
        result = page.evaluate("cfg => start(cfg)", {k: (base + v if k in ("base", "wheel", "stdlib") else v)
                                                       for k, v in cfg.items()})
        Files.link = None
        with Files.lock:
            log = list(Files.log)
        if not result.get("ok"):
            raise RuntimeError(f"engine did not start: {result.get('error')}")
        return {"ms": result["ms"], "raw": sum(r for _, r, _ in log), "sent": sum(s for _, _, s in log), "log": log,
                "checked": result["checked"], "source": result["source"]}
    finally:
        ctx.close()


def check_every_call(browser, base: str, configs: dict) -> None:
    """Every example call, in Chromium, on both runtimes: same answers; the trimmed one loads no source files."""
    from triage import browser as engine
    engine.load(configs["default"]["texts"])
    expected = {n: json.loads(engine.call(n, json.dumps(a))) for n, a in CALLS.items()}
    for name in ("default", "trimmed"):
        r = one_run(browser, base, {**configs[name], "all": CALLS}, False)
        wrong = sorted(n for n in CALLS if r["checked"].get(n) != expected[n])
        print(f"Chromium, {name} runtime: {len(CALLS) - len(wrong)}/{len(CALLS)} engine calls give the host's answers"
              + (f"; DIFFERENT: {', '.join(wrong)}" if wrong else "")
              + (f"; modules from source: {', '.join(r['source'])}" if name == "trimmed" and r["source"] else ""))


def measure(browser, base: str, configs: dict, runs: int, slow: bool) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"default": [], "trimmed": []}
    for i in range(runs):
        for name in (("default", "trimmed") if i % 2 == 0 else ("trimmed", "default")):
            r = one_run(browser, base, configs[name], slow)
            out[name].append(r)
            print(f"  {'slow 4G' if slow else 'loopback'} run {i + 1} {name}: {r['ms'] / 1000:.2f} s", flush=True)
    return out


def report(results: dict[str, dict[str, list[dict]]]) -> None:
    def med(runs, key):
        return statistics.median(r[key] for r in runs)

    print("\n== Engine-ready (worker created → first engine answer), medians")
    print(f"{'profile':<10} {'default':>10} {'trimmed':>10} {'ratio':>7}")
    for profile, res in results.items():
        d, t = med(res["default"], "ms"), med(res["trimmed"], "ms")
        print(f"{profile:<10} {d / 1000:>9.2f}s {t / 1000:>9.2f}s {t / d:>6.2f}×")
    any_res = next(iter(results.values()))
    print("\n== Bytes to engine-ready (raw / gzip as sent)")
    for name in ("default", "trimmed"):
        run = any_res[name][0]
        print(f"{name}: {run['raw'] / 1e6:.2f} MB raw, {run['sent'] / 1e6:.2f} MB gzip")
        for path, raw, sent in run["log"]:
            print(f"    {path:<28} {raw:>10,} B raw {sent:>10,} B gzip")
    if "loopback" in results:
        lo = results["loopback"]
        ratio = med(lo["trimmed"], "ms") / med(lo["default"], "ms")
        gz = any_res["trimmed"][0]["sent"]
        print(f"\nGoals: loopback ratio {ratio:.2f}× (≤ {GOAL_RATIO}× {'met' if ratio <= GOAL_RATIO else 'NOT met'}); "
              f"gzip bytes {gz / 1e6:.2f} MB (≤ {GOAL_BYTES / 1e6} MB {'met' if gz <= GOAL_BYTES else 'NOT met'})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="loopback runs per variant (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3, help="slow-4G runs per variant (default 3; 0 skips them)")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    files, configs = prepare()
    httpd, base = serve(files)
    results = {}
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory():
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            check_every_call(browser, base, configs)  # also warms up Chromium's own first-start costs
            results["loopback"] = measure(browser, base, configs, args.runs, False)
            if args.slow_runs:
                results["slow 4G"] = measure(browser, base, configs, args.slow_runs, True)
            browser.close()
    finally:
        httpd.shutdown()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
