"""Benchmark for the site and its quiz: build time, page weights and quiz timings.

Run as `python bench/benchmark.py [--runs N]` (or `make bench`). Not a test: pytest never collects it.

What it measures, and why:
  * build time of `mkdocs build --strict` (the published build), so slow hooks show up;
  * transfer size of every page's HTML (raw and gzip), and for a representative set of pages the
    same-origin subresources Chromium actually loads, so page weight stays small for readers on
    phones and slow networks;
  * the quiz: how soon question 1 is answerable, how long the Python engine (Pyodide in a module
    worker) takes to answer the first click, the per-answer latency once it runs, the longest
    main-thread task while it loads, and the bytes it costs compared with a plain guide page.

Machines are noisy, so every timing is a median over --runs runs (default 3), each run in a fresh
browser context (empty cache). Absolute milliseconds depend on the machine, so the quiz engine's
start-up is also given as a ratio to a baseline page that does nothing but load Pyodide in a module
worker, both measured in the same run (the order alternates between runs): the ratio shows what the
quiz adds on top of Pyodide itself (wheel, flow, Python import, glue) and carries across machines far
better than the milliseconds do. On a small machine it still swings; use --runs 5 or more to compare.

The site is built into a temporary directory and served from 127.0.0.1 only.
"""
import argparse
import contextlib
import functools
import gzip
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

REPRESENTATIVE = ["/", "/quiz/", "/quiz/static/", "/guide/complaints/", "/statutes/civil-code/"]
QUIZ_PATH = "/quiz/"
GUIDE_PATH = "/guide/complaints/"
OPTION = "#triage a.triage-option"
# One path through the quiz after question 2, by exact option label; the last answer shows the plan.
ANSWERS = ["都没有", "没有", "都没有", "想还，但一次还不上", "担心"]
PLAN_HEADING = "你的行动清单"
# Files that only load once the quiz engine starts; left out of ordinary page weight.
ENGINE_FILES = re.compile(r"^/quiz-assets/|^/assets/triage-worker\.js$")
WAIT_MS = 90_000

# Installed before any page script runs: long tasks, click times and every change of the quiz heading,
# all stamped with performance.now(), so the figures carry no Playwright round-trip time.
PROBE_JS = """
window.__longtasks = []; window.__clicks = []; window.__headings = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__longtasks.push(e.duration); });
  }).observe({ type: "longtask", buffered: true });
} catch (e) { window.__longtasks_unsupported = String(e); }
addEventListener("click", function (e) { window.__clicks.push(e.timeStamp); }, true);
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("triage"), last = null;
  if (!root) return;
  function note() {
    var h = root.querySelector("h2.triage-q"), text = h ? h.textContent : "";
    if (text !== last) { last = text; window.__headings.push({ text: text, t: performance.now() }); }
  }
  note();
  new MutationObserver(note).observe(root, { childList: true, subtree: true, characterData: true });
});
"""

BASELINE_HTML = """<!doctype html>
<meta charset="utf-8"><title>Pyodide baseline</title>
<script>
  window.__ready = null; window.__error = null;
  var w = new Worker("bench-baseline-worker.js", { type: "module" });
  w.onmessage = function (e) {
    if (e.data === "ready") window.__ready = performance.now(); else window.__error = String(e.data);
  };
  w.onerror = function (e) { window.__error = e.message || "worker error"; };
</script>
<p>Loads Pyodide in a module worker and nothing else.</p>
"""

BASELINE_WORKER = """const indexURL = %r;
try {
  const m = await import(indexURL + "pyodide.mjs");
  await m.loadPyodide({ indexURL });
  postMessage("ready");
} catch (e) {
  postMessage("error: " + (e && e.message || e));
}
"""


# ---------------------------------------------------------------- plumbing

class StepFailed(Exception):
    pass


@contextlib.contextmanager
def step(name):
    """Name the step in progress, so a failure says where it happened."""
    print(f"· {name}", file=sys.stderr, flush=True)
    try:
        yield
    except StepFailed:
        raise
    except Exception as exc:
        raise StepFailed(f"{name}: {type(exc).__name__}: {exc}") from exc


def median(values):
    return statistics.median(values) if values else float("nan")


def kib(n):
    return f"{n / 1024:,.1f} KiB"


def ms(x):
    return f"{x:,.0f} ms"


@functools.lru_cache(maxsize=None)
def gzip_size(body: bytes) -> int:
    """Cached: the same multi-megabyte Pyodide files come back in every run."""
    return len(gzip.compress(body, compresslevel=6))


def print_table(headers, rows):
    """Left-align the first column, right-align the others."""
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(fmt(cells[0]))
    print("  ".join("-" * w for w in widths))
    for r in cells[1:]:
        print(fmt(r))


# ---------------------------------------------------------------- build and serve

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/zip"}

    def log_message(self, *args):
        pass


def start_server(site: Path):
    """Serve `site` on a free loopback port from a daemon thread. The directory may be filled later."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build_once(site: Path, base: str) -> float:
    env = {**os.environ, "SITE_URL": base + "/", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
        raise RuntimeError(f"mkdocs build exited {proc.returncode}:\n{tail}")
    return elapsed


def pyodide_dir(site: Path) -> Path:
    found = sorted(site.glob("quiz-assets/pyodide-*/"))
    if len(found) != 1 or not (found[0] / "pyodide.mjs").is_file():
        raise RuntimeError(f"expected one quiz-assets/pyodide-*/ with pyodide.mjs, found {found}")
    return found[0]


def write_baseline(site: Path, base: str) -> None:
    index_url = f"{base}/{pyodide_dir(site).relative_to(site).as_posix()}/"
    (site / "bench-baseline.html").write_text(BASELINE_HTML, encoding="utf-8")
    (site / "bench-baseline-worker.js").write_text(BASELINE_WORKER % index_url, encoding="utf-8")


def page_paths(site: Path) -> list[str]:
    paths = []
    for f in site.rglob("index.html"):
        rel = f.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return sorted(paths)


def html_file(site: Path, path: str) -> Path:
    return site / path.lstrip("/") / "index.html"


# ---------------------------------------------------------------- network accounting

@dataclass
class Resource:
    url: str
    raw: int
    gz: int
    from_disk: bool = False  # body not kept by the browser; sized from the served file instead


def url_file(site: Path, url: str) -> Path:
    path = unquote(urlparse(url).path)
    return html_file(site, path) if path.endswith("/") else site / path.lstrip("/")


def response_body(site: Path, response) -> tuple[bytes, bool]:
    try:
        return response.body(), False
    except Exception:
        return url_file(site, response.url).read_bytes(), True


def account(site: Path, responses) -> tuple[list[Resource], list[str]]:
    """Sizes of each successful response, and a note for anything that was not a plain 200."""
    resources, odd = [], []
    for r in responses:
        if r.status != 200:
            odd.append(f"{r.status} {r.url}")
            continue
        body, from_disk = response_body(site, r)
        resources.append(Resource(r.url, len(body), gzip_size(body), from_disk))
    return resources, odd


def totals(resources) -> tuple[int, int]:
    return sum(r.raw for r in resources), sum(r.gz for r in resources)


def same_origin(base: str, url: str) -> bool:
    return urlparse(url).netloc == urlparse(base).netloc


# ---------------------------------------------------------------- browser measurements

@dataclass
class PageWeight:
    path: str
    subresources: list[Resource]
    excluded: list[str]
    odd: list[str]


def measure_page_weight(browser, site: Path, base: str, path: str) -> PageWeight:
    """Load one page in a fresh context and size its same-origin subresources (not the HTML itself)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        seen = []
        page.on("response", lambda r: seen.append(r))
        page.goto(base + path, wait_until="networkidle")
        doc = base + path
        sub = [r for r in seen if r.url != doc and same_origin(base, r.url)]
        excluded = [r.url for r in sub if ENGINE_FILES.search(urlparse(r.url).path)]
        kept = [r for r in sub if r.url not in excluded]
        resources, odd = account(site, kept)
        return PageWeight(path, resources, excluded, odd)
    finally:
        context.close()


@dataclass
class QuizRun:
    first_question_ms: float
    engine_ready_ms: float
    answer_ms: list[float]
    longtask_max_ms: float
    resources: list[Resource] = field(default_factory=list)
    odd: list[str] = field(default_factory=list)
    cross_origin: list[str] = field(default_factory=list)


def wait_heading_change(page, count: int) -> dict:
    """Wait until the quiz heading has changed more than `count` times; return that change."""
    page.wait_for_function("n => window.__headings.length > n", arg=count, timeout=WAIT_MS)
    return page.evaluate("n => window.__headings[n]", count)


def click_and_time(page, locator) -> tuple[float, str]:
    """Click, then return ms from the click event to the next heading change, and the new heading."""
    count = page.evaluate("window.__headings.length")
    clicks = page.evaluate("window.__clicks.length")
    locator.click()
    change = wait_heading_change(page, count)
    clicked_at = page.evaluate("n => window.__clicks[n]", clicks)
    if clicked_at is None:
        raise RuntimeError("the click event was not seen by the page")
    return change["t"] - clicked_at, change["text"]


def exact_option(page, label: str):
    return page.locator(OPTION).filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def measure_quiz(browser, site: Path, base: str, run: int) -> QuizRun:
    context = browser.new_context()
    try:
        context.add_init_script(PROBE_JS)
        page = context.new_page()
        seen = []
        page.on("response", lambda r: seen.append(r))

        with step(f"run {run}: quiz question 1 visible"):
            page.goto(base + QUIZ_PATH, wait_until="commit")
            page.wait_for_selector(OPTION, state="visible", timeout=WAIT_MS)
            first_ms = page.evaluate("performance.now()")
            page.wait_for_load_state("load")  # triage.js must have enhanced the links before the click

        with step(f"run {run}: quiz engine ready (question 2 after first click)"):
            ready_ms, text = click_and_time(page, page.locator(OPTION).nth(1))
            if "第 2 题" not in text:
                raise RuntimeError(f"expected question 2, got {text!r} (did the quiz fall back?)")
            loaded = list(seen)  # everything transferred through engine ready

        answers = []
        with step(f"run {run}: per-answer latency"):
            for label in ANSWERS:
                latency, text = click_and_time(page, exact_option(page, label))
                answers.append(latency)
            if PLAN_HEADING not in text:
                raise RuntimeError(f"expected the plan after the last answer, got {text!r}")

        with step(f"run {run}: long tasks and bytes"):
            longtasks = page.evaluate("window.__longtasks")
            cross = [r.url for r in loaded if not same_origin(base, r.url)]
            resources, odd = account(site, loaded)
        return QuizRun(first_ms, ready_ms, answers, max(longtasks, default=0.0), resources, odd, cross)
    finally:
        context.close()


def measure_baseline(browser, base: str) -> float:
    """ms from page start until a bare module worker has loaded Pyodide."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "/bench-baseline.html")
        page.wait_for_function("window.__ready !== null || window.__error !== null", timeout=WAIT_MS)
        ready, error = page.evaluate("[window.__ready, window.__error]")
        if error:
            raise RuntimeError(f"baseline worker: {error}")
        return ready
    finally:
        context.close()


# ---------------------------------------------------------------- reporting

def report_build(times):
    print("\n== Build (mkdocs build --strict)")
    print(f"median {median(times):.2f} s over {len(times)} run(s): " + ", ".join(f"{t:.2f}" for t in times))


def report_pages(site: Path, paths, weights: dict[str, PageWeight]):
    print("\n== Page weight (HTML raw/gzip for every page; subresources measured in Chromium for "
          "the representative pages only)")
    rows = []
    for path in paths:
        html = html_file(site, path).read_bytes()
        raw, gz = len(html), gzip_size(html)
        w = weights.get(path)
        if w:
            sraw, sgz = totals(w.subresources)
            rows.append([path, kib(raw), kib(gz), len(w.subresources), kib(sraw), kib(sgz), kib(raw + sraw),
                         kib(gz + sgz)])
        else:
            rows.append([path, kib(raw), kib(gz), "", "", "", "", ""])
    print_table(["path", "html raw", "html gz", "sub#", "sub raw", "sub gz", "total raw", "total gz"], rows)
    for w in weights.values():
        if w.excluded:
            print(f"  note: {w.path} loaded quiz engine files at page load (left out): {', '.join(w.excluded)}")
        for o in w.odd:
            print(f"  note: {w.path}: non-200 response {o}")
    print("  Subresources: same-origin files loaded until network idle, without the quiz engine files "
          "(quiz-assets/, triage-worker.js), which load only when the quiz starts.")


def quiz_bytes(runs: list[QuizRun]):
    last = runs[-1]
    raw, gz = totals(last.resources)
    return raw, gz, last


def report_quiz(runs: list[QuizRun], baselines: list[float]):
    ratios = [q.engine_ready_ms / b for q, b in zip(runs, baselines)]
    answers = [a for q in runs for a in q.answer_ms]
    print(f"\n== Quiz ({len(runs)} run(s), fresh browser context each; medians)")
    rows = [
        ["question 1 answerable (from navigation start)", ms(median([q.first_question_ms for q in runs])),
         " ".join(f"{q.first_question_ms:.0f}" for q in runs)],
        ["engine ready: click -> question 2", ms(median([q.engine_ready_ms for q in runs])),
         " ".join(f"{q.engine_ready_ms:.0f}" for q in runs)],
        ["baseline: bare Pyodide in module worker", ms(median(baselines)), " ".join(f"{b:.0f}" for b in baselines)],
        ["ratio engine ready / baseline (same run)", f"{median(ratios):.2f}x", " ".join(f"{r:.2f}" for r in ratios)],
        ["per-answer latency, median", ms(median(answers)), f"{len(answers)} answers"],
        ["per-answer latency, max", ms(max(answers)), ""],
        ["longest main-thread task while loading", ms(median([q.longtask_max_ms for q in runs])),
         " ".join(f"{q.longtask_max_ms:.0f}" for q in runs)],
    ]
    print_table(["figure", "median", "per run"], rows)

    raw, gz, last = quiz_bytes(runs)
    print("\n== Bytes for the quiz through engine ready (last run)")
    print_table(["url", "raw", "gzip"],
                [[urlparse(r.url).path + (" *" if r.from_disk else ""), kib(r.raw), kib(r.gz)]
                 for r in sorted(last.resources, key=lambda r: -r.raw)] + [["TOTAL", kib(raw), kib(gz)]])
    if any(r.from_disk for r in last.resources):
        print("  * body not kept by the browser; sized from the served file (the server sends files as they are)")
    for o in last.odd:
        print(f"  note: non-200 response {o}")
    for u in last.cross_origin:
        print(f"  note: cross-origin request {u}")
    print("  gzip sizes are computed here (level 6). GitHub Pages gzips text types on the fly; "
          ".wasm may or may not be compressed, so the real wire size lies between the two columns.")


def guide_bytes(site: Path, guide: PageWeight):
    html = html_file(site, GUIDE_PATH).read_bytes()
    sraw, sgz = totals(guide.subresources)
    return len(html) + sraw, gzip_size(html) + sgz


def copy_lines(build_times, runs, baselines, guide_total, quiz_total):
    answers = [a for q in runs for a in q.answer_ms]
    ratios = [q.engine_ready_ms / b for q, b in zip(runs, baselines)]
    n = len(runs)
    lines = [
        f"Build (mkdocs build --strict): {median(build_times):.2f} s (median of {len(build_times)})",
        f"Quiz question 1 answerable: {median([q.first_question_ms for q in runs]):.0f} ms after navigation "
        f"(median of {n})",
        f"Quiz engine ready after first click: {median([q.engine_ready_ms for q in runs]):.0f} ms (median of {n})",
        f"Bare Pyodide load in a module worker: {median(baselines):.0f} ms (median of {n})",
        f"Engine ready / bare Pyodide: {median(ratios):.2f}x (median of per-run ratios)",
        f"Per-answer latency once ready: median {median(answers):.0f} ms, max {max(answers):.0f} ms "
        f"({len(answers)} answers)",
        f"Longest main-thread task while Pyodide loads: {median([q.longtask_max_ms for q in runs]):.0f} ms "
        f"(median of {n})",
        f"Quiz page bytes through engine ready: {kib(quiz_total[0])} raw, {kib(quiz_total[1])} gzip",
        f"Guide page ({GUIDE_PATH}) bytes: {kib(guide_total[0])} raw, {kib(guide_total[1])} gzip",
    ]
    print("\n== Summary (copy-ready)")
    for line in lines:
        print(f"- {line}")


# ---------------------------------------------------------------- main

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing; medians are reported (default 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def measure_weights(browser, site: Path, base: str, paths) -> dict[str, PageWeight]:
    weights = {}
    for path in REPRESENTATIVE:
        with step(f"page weight {path}"):
            if path not in paths:
                raise RuntimeError(f"{path} is not in the built site")
            weights[path] = measure_page_weight(browser, site, base, path)
    return weights


def measure_runs(browser, site: Path, base: str, runs: int) -> tuple[list[QuizRun], list[float]]:
    quiz_runs, baselines = [], []
    for i in range(1, runs + 1):
        # Alternate the order so neither side always gets the colder machine.
        if i % 2 == 0:
            with step(f"run {i}: Pyodide baseline"):
                baselines.append(measure_baseline(browser, base))
        quiz_runs.append(measure_quiz(browser, site, base, i))
        if i % 2 == 1:
            with step(f"run {i}: Pyodide baseline"):
                baselines.append(measure_baseline(browser, base))
    return quiz_runs, baselines


def benchmark(runs: int, tmp: Path):
    from playwright.sync_api import sync_playwright

    site = tmp / "site"
    site.mkdir()
    with step("start local server"):
        server, base = start_server(site)
    try:
        build_times = []
        for i in range(runs):
            with step(f"build {i + 1}/{runs}"):
                build_times.append(build_once(site, base))
        with step("write Pyodide baseline page"):
            write_baseline(site, base)
        paths = page_paths(site)

        if not Path(CHROMIUM).exists():
            raise StepFailed(f"launch Chromium: {CHROMIUM} not found (apt-get install -y chromium)")
        with sync_playwright() as pw:
            with step("launch Chromium"):
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                weights = measure_weights(browser, site, base, paths)
                quiz_runs, baselines = measure_runs(browser, site, base, runs)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    guide = weights[GUIDE_PATH]
    report_build(build_times)
    report_pages(site, paths, weights)
    report_quiz(quiz_runs, baselines)
    quiz_total = quiz_bytes(quiz_runs)[:2]
    copy_lines(build_times, quiz_runs, baselines, guide_bytes(site, guide), quiz_total)
    sys.stdout.flush()


def main(argv=None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        try:
            benchmark(args.runs, Path(tmp))
        except StepFailed as exc:
            print(f"\nBENCHMARK FAILED at step {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
