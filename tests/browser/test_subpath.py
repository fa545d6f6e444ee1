"""The site as GitHub Pages serves a project site: under /xiaomi-loan-help/, with 404.html for anything
missing. Every page, link, asset and worker must load there, the quiz and a tool must start their engine,
and instant navigation must keep to the subpath."""
import html.parser
import re
import io
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from support import Server, _QuietHandler, pages_of, status

PREFIX = "/xiaomi-loan-help/"


class _SubpathHandler(_QuietHandler):
    """Serves the site only under PREFIX; like GitHub Pages, a missing file there gets 404.html."""

    def send_head(self):
        path = urlsplit(self.path).path
        if path == PREFIX.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", PREFIX)
            self.end_headers()
            return None
        if not path.startswith(PREFIX):
            self.send_error(404, "outside the project subpath")
            return None
        self.path = "/" + self.path[len(PREFIX):]
        local = Path(self.translate_path(self.path))
        if local.is_dir() and (local / "index.html").is_file() or local.is_file():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def subsite(subpath_build):
    root, port = subpath_build  # built once per session (conftest.py), also served by test_offline.py
    out = root / PREFIX.strip("/")
    base = f"http://127.0.0.1:{port}{PREFIX}"
    srv = Server(out, port, handler=_SubpathHandler)
    yield out, base
    srv.close()


@pytest.fixture
def watched(browser):
    """A page that records every failed request and every response with an error status."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.bad = []
    page.seen = []
    page.on("response", lambda r: page.seen.append(r.url) or (r.status >= 400 and page.bad.append(f"{r.status} {r.url}")))
    # A request the browser cancelled is not a failure: the engine's worker reads only the headers of each
    # runtime file first, and the crawl below moves on at load, cancelling what a page still fetches (a missing
    # file is a response with an error status, a refused one fails otherwise).
    page.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "")
            or page.bad.append(f"failed {r.url} {r.failure}"))
    yield page
    ctx.close()


class _Refs(html.parser.HTMLParser):
    """Every a[href], link[href], script[src] and img[src] of one page, as the browser resolves them."""

    def __init__(self, url):
        super().__init__()
        self.url, self.found = url, set()

    def handle_starttag(self, tag, attrs):
        name = {"a": "href", "link": "href", "script": "src", "img": "src"}.get(tag)
        value = dict(attrs).get(name)
        if value is not None:
            self.found.add(urljoin(self.url, value))


# One page of each kind also loads in Chromium: what its scripts and styles fetch must load under the subpath too.
KINDS = ["", "guide/evidence/", "statutes/civil-code/", "quiz/", "quiz/static/", "tools/letters/"]


def test_every_page_link_and_asset_loads_under_the_subpath(subsite, watched):
    site, base = subsite
    page = watched
    targets: set[str] = set()
    for path in pages_of(site):  # read from the built HTML: loading 60 pages in Chromium took 14 s
        refs = _Refs(base + path)
        refs.feed((site / path / "index.html").read_text(encoding="utf-8"))
        targets |= refs.found
    for path in KINDS:
        page.goto(base + path, wait_until="load")
    own = {urldefrag(u)[0] for u in targets if u.startswith("http://127.0.0.1")}
    outside = sorted(u for u in own if not u.startswith(base))
    assert not outside, f"links that leave the subpath: {outside[:5]}"
    broken = sorted(f"{status(u)} {u}" for u in own if status(u) != 200)
    assert not broken and not page.bad, "\n".join(broken + page.bad)


def test_instant_navigation_stays_under_the_subpath(subsite, watched):
    site, base = subsite
    page = watched
    page.goto(base, wait_until="networkidle")
    page.locator(".md-nav--primary a[href*='/guide/evidence/']").first.click()
    page.wait_for_url(base + "guide/evidence/")
    page.locator(".md-nav--primary a[href*='/tools/letters/']").first.click()
    page.wait_for_url(base + "tools/letters/")
    page.wait_for_selector(".tool.tool-js", state="attached", timeout=15000)  # the tools started again
    page.wait_for_load_state("networkidle")
    assert not page.bad, page.bad


def test_the_quiz_answers_and_a_tool_starts_its_worker_under_the_subpath(subsite, watched):
    site, base = subsite
    page = watched
    page.goto(base + "quiz/", wait_until="networkidle")
    first = page.locator("#triage h2").inner_text()
    page.locator("#triage .triage-option").first.click()
    assert page.locator("#triage h2").first.inner_text() != first, "the quiz answers from its own pages"
    page.goto(base + "tools/limitation/", wait_until="networkidle")
    # On 4G the engine may already be loading (preloaded when the page is idle): focus starts it otherwise.
    page.locator(".tool form input").first.focus()
    page.wait_for_function("() => window.PyEngine.ready", timeout=60000)
    loaded = "\n".join(page.seen)
    assert any(u.startswith(base) and u.endswith(".wasm") for u in page.seen), loaded
    assert re.search(re.escape(base) + r"components/engine/engine-worker\.[0-9a-f]{10}\.js", loaded) and base + "engine/" in loaded, loaded
    assert not page.bad, page.bad


def test_a_missing_address_shows_the_chinese_404_with_working_links(subsite, watched):
    site, base = subsite
    page = watched
    response = page.goto(base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert "找不到" in page.locator("h1").inner_text()
    page.bad = [b for b in page.bad if not b.startswith("404 " + base + "no/such/page/")]
    assert not page.bad, page.bad
    home = page.get_by_role("link", name="回到首页")
    assert home.evaluate("a => a.href") == base
    page.get_by_role("link", name="做一下自测").click()
    page.wait_for_url(base + "quiz/")
    assert not page.bad, page.bad
