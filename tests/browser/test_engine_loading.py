"""How the tools' engine arrives (issue 18): one download per file on a host with no caching headers, with or
without the service worker; no wait for a service worker that is not there; progress in bytes; and a letter
that never waits for the engine more than about 8 s (filled plainly, marked 未经检查, checked when it arrives)."""
import collections
import json
import re
import threading

import pytest

from support import Server, _QuietHandler, free_port

LETTER = ".tool[data-letter=negotiation]"
STALLED = "pyodide.asm.wasm"
LETTER_VALUES = {"name": "王五", "date": "2026-11-28", "lender": "重庆小米消费金融有限公司", "contact_phone": "13912345678",
                 "amount_owed": "8000", "hardship": "2026年3月失业", "monthly_amount": "400", "first_payment_date": "2026-12-20"}


class _BareHandler(_QuietHandler):
    """A plain static host: no Cache-Control, no Last-Modified, no ETag. Counts GETs per path; while
    `stall` is set, sends only the first MB of the wasm and then waits for `release`."""

    def send_header(self, key, value):
        if key.lower() not in ("last-modified", "etag", "cache-control"):
            super().send_header(key, value)

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.gets[self.path.split("?")[0]] += 1
        if srv.stall and self.path.endswith(STALLED):
            body = (srv.root / self.path.lstrip("/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/wasm")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body[:1_000_000])
                self.wfile.flush()
                srv.release.wait(120)
                self.wfile.write(body[1_000_000:])
            except (ConnectionResetError, BrokenPipeError):
                pass
            return
        super().do_GET()


@pytest.fixture
def bare(site):
    srv = Server(site, free_port(), handler=_BareHandler)
    httpd = srv.httpd  # what the handler reads as self.server, and the test as `bare`
    httpd.root, httpd.gets, httpd.lock = site, collections.Counter(), threading.Lock()
    httpd.stall, httpd.release = False, threading.Event()
    httpd.url = srv.url
    yield httpd
    httpd.release.set()
    srv.close()


def manifest(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const M = (\{.*?\});\n", text, re.S).group(1))


def wait_ready(page):
    page.wait_for_function("() => window.PyEngine && (PyEngine.start(), PyEngine.ready || PyEngine.failed)",
                           timeout=120000, polling=200)
    assert not page.evaluate("PyEngine.failed"), page.evaluate("PyEngine.reason")


@pytest.mark.parametrize("sw", ["allow", "block"])
def test_a_first_visit_fetches_each_runtime_file_once_from_a_host_without_caching_headers(browser, bare, site, sw):
    ctx = browser.new_context(service_workers=sw)
    page = ctx.new_page()
    page.goto(bare.url + "tools/limitation/")
    if sw == "allow":  # the worker controls the page before the engine starts: its requests all go through it
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000, polling=100)
    wait_ready(page)
    runtime = set(manifest(site)["runtime"])
    fetched = {p.lstrip("/"): n for p, n in bare.gets.items() if p.lstrip("/") in runtime}
    # Save-the-site offers exactly what the engine loads, and Pyodide's unused defaults are not published.
    assert set(fetched) == runtime, f"loaded {sorted(fetched)}, offered {sorted(runtime)}"
    assert not list(site.glob("engine/pyodide-*/python_stdlib.zip")) and not list(site.glob("engine/pyodide-*/pyodide-lock.json"))
    # Two requests are the browser's own, outside the page and its caches: the update check of sw.js (the spec
    # makes one after each page and worker start) and the tab's icon.
    twice = {p: n for p, n in bare.gets.items() if n > 1 and p not in ("/sw.js", "/assets/images/favicon.png")}
    assert not twice, f"fetched more than once: {twice}"
    ctx.close()


def test_without_a_service_worker_the_engine_starts_at_once(browser, bare):
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    page.goto(bare.url + "tools/limitation/")
    # A service worker that never takes control (none inside WeChat on iOS): the engine must not wait for it.
    page.evaluate("window.SiteOffline = {controlled: new Promise(() => {})}")
    page.evaluate("PyEngine.start(document.querySelector('.tool[data-worker]'))")
    page.wait_for_function("() => PyEngine.progress !== null", timeout=3000, polling=50)
    wait_ready(page)
    ctx.close()


def test_a_letter_waits_at_most_about_8_s_then_is_checked_when_the_engine_arrives(browser, bare):
    bare.stall = True
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    page.goto(bare.url + "tools/letters/")
    root = page.locator(LETTER)
    for name, value in LETTER_VALUES.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("[name=plan]").select_option(index=1)
    root.locator("button[type=submit]").click()
    # While the runtime downloads, the status counts bytes, never "几秒钟".
    page.wait_for_function("""sel => /已下载 \\d+\\.\\d \\/ [45]\\.\\d MB/.test(document.querySelector(sel + ' .tool-status').textContent)""",
                           arg=LETTER, timeout=15000, polling=100)
    assert "几秒钟" not in root.locator(".tool-status").inner_text()
    # The engine is stalled: within about 8 s the letter is there anyway, plainly filled and marked.
    root.locator(".letter-output").wait_for(timeout=12000)
    assert page.evaluate("PyEngine.ready") is False
    assert "未经检查" in root.locator(".tool-output").inner_text()
    assert "本人王五" in root.locator(".letter-output").inner_text()
    assert not page.locator(".tool.tool-fallback").count(), "a slow engine is not a failed one"
    bare.release.set()
    # When it arrives the letter is checked quietly: the checked text replaces the plain one.
    page.wait_for_function("sel => document.querySelector(sel + ' .tool-status').textContent.indexOf('检查完了') >= 0",
                           arg=LETTER, timeout=120000, polling=200)
    assert "未经检查" not in root.locator(".tool-output").inner_text()
    assert "8,000.00" in root.locator(".letter-output").inner_text(), "the engine's text: the amount written out"
    ctx.close()
