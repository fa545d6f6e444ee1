"""Shared helpers for the tests: building the site (or a broken copy of it) and serving it on loopback."""
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's; GitHub's runners set their Chrome
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


class EarlyBuilds:
    """Strict builds the selected tests will need, started as soon as the tests are collected (conftest.py) in
    two background threads: they overlap the tests that need no build (the engine and component tiers) instead
    of adding to them (`make test-fast` after an engine edit: 19 s → 15 s). Started in the order registered,
    so the session's own site comes first; a build registered `after` another waits while that one runs (both
    would make the trimmed runtime in .cache at once). A fixture asks for its build with
    get(name, tmp_path_factory); a build not started early starts then. A build function takes the session's
    tmp_path_factory, for its folders, and returns what its fixture needs."""

    def __init__(self):
        self._starters, self._after, self._running = {}, {}, {}
        self._pool = None

    def register(self, fixture: str, after: str | None = None):
        def add(make):
            self._starters[fixture], self._after[fixture] = make, after
            return make
        return add

    def start(self, fixtures, tmp_path_factory) -> None:
        from concurrent.futures import ThreadPoolExecutor
        wanted = [name for name in self._starters if name in fixtures and name not in self._running]
        wanted.sort(key=lambda name: self._after[name] is not None)  # (a waiting build would hold a thread)
        if wanted:
            tmp_path_factory.getbasetemp()  # made here, once: two threads making it would make two
            self._pool = self._pool or ThreadPoolExecutor(max_workers=2, thread_name_prefix="early-build")
        for name in wanted:
            self._running[name] = self._pool.submit(self._run, name, tmp_path_factory)

    def _run(self, name, tmp_path_factory):
        first = self._running.get(self._after[name])
        if first:
            first.exception()  # waits; its own fixture reports how it went
        return self._starters[name](tmp_path_factory)

    def get(self, fixture: str, tmp_path_factory):
        if fixture not in self._running:
            self.start([fixture], tmp_path_factory)
        return self._running[fixture].result()


EARLY = EarlyBuilds()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(project: Path, site_dir: Path, site_url: str = "http://127.0.0.1:8000/", **env) -> subprocess.CompletedProcess:
    """Run the same strict build the README and the Pages workflow run."""
    full_env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, env=full_env, capture_output=True, text=True)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the content and build code, to break on purpose."""
    for name in ("docs", "data", "quiz", "sitegen", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (dest / ".cache").symlink_to(ROOT / ".cache")  # the trimmed runtime, built once (sitegen/runtime.py)
    return dest


class Server:
    """Serves a built site on 127.0.0.1 from a background thread. A test that needs a host which behaves
    otherwise (a subpath, a stall, no caching headers) gives its own `handler`, a _QuietHandler."""

    def __init__(self, directory: Path, port: int, handler: type | None = None):
        handler = functools.partial(handler or _QuietHandler, directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.httpd.paths = self.paths = []  # every path asked for, in order (the benchmark counts network hits)
        self.url = f"http://127.0.0.1:{port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # Browsers drop connections they no longer need (the engine reads only a runtime file's headers first).
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def send_head(self):
        paths = getattr(self.server, "paths", None)  # tests may serve with servers of their own
        if paths is not None:
            paths.append(self.path)
        return super().send_head()


def pages_of(site: Path) -> list[str]:
    """Every page of the built site, as a URL path ('' for the home page)."""
    rels = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if rel == "." else rel + "/" for rel in rels)


# Transitions and animations still running (a button fading in, a drawer sliding) have colours in between:
# contrast is only checked once every one has finished, so a busy machine cannot fail the check.
_SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running' && a.playState !== 'pending')"


def settle(page, timeout: float = 30000) -> None:
    """Wait until no CSS transition or animation is running on the page (a condition, never a fixed time)."""
    page.wait_for_function(_SETTLED, timeout=timeout)


def axe_violations(page, context=None, options=None) -> list[dict]:
    """axe-core's violations on the page once it has settled (see settle). axe is put in once per document and
    only its violations come back, in detail (resultTypes), without the passes: each run is several times
    faster, and what is checked is the same."""
    settle(page)
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(_axe_source())
    options = {"resultTypes": ["violations"], **(options or {})}
    return page.evaluate("([c, o]) => axe.run(c || document, o).then(r => r.violations)", [context, options])


@functools.cache
def _axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe  # (the package is where axe-core's script comes from)
    return Axe().axe_script


# Reports every CSP violation as a console error, with what was blocked.
CSP_SPY = ("document.addEventListener('securitypolicyviolation', function (e) {"
           " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);"
           "});")


def is_csp_error(message) -> bool:
    """A console message that reports a blocked resource or script (see CSP_SPY)."""
    return message.type == "error" and ("CSP" in message.text or "Content Security Policy" in message.text)


def status(url: str) -> int:
    """The HTTP status a plain client gets for `url` (an error status is an answer, not an exception)."""
    try:
        with urllib.request.urlopen(url) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
