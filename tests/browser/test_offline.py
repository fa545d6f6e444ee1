"""Return visits and offline reading (issue 7, item 3), in Chromium with the service worker.

Each test gets a fresh browser context (its own service worker and caches). Tests that change the site or
count what reaches the server use their own copy of the built site behind a logging server; the subpath
tests serve the site built once for a GitHub Pages project address (conftest.subpath_build).
"""
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from quizdrive import show_static_card
from support import Server, _QuietHandler, axe_violations, free_port

PAGE = "guide/negotiate/"
OTHER = "guide/lawsuit/"
RUNTIME = re.compile(r"/pyodide-[^/]+/")


class LoggingServer:
    """Serves a directory and remembers every path asked for, so a test can tell cache from network."""

    def __init__(self, directory: Path, prefix: str = ""):
        self.paths: list[str] = []
        log = self.paths

        class Handler(_QuietHandler):
            def do_GET(self):
                log.append(self.path)
                super().do_GET()

        self.server = Server(directory, free_port(), handler=Handler)
        self.url = self.server.url + prefix

    def close(self):
        self.server.close()


@pytest.fixture
def copy_server(site, port, tmp_path):
    """A throwaway copy of the built site; the test may edit it. Its sitemap names the copy's own address,
    so navigation.instant takes over links there as it does on the published site."""
    root = tmp_path / "site"
    shutil.copytree(site, root)
    srv = LoggingServer(root)
    srv.root = root
    sitemap = root / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(f"http://127.0.0.1:{port}/", srv.url), encoding="utf-8")
    yield srv
    srv.close()


@pytest.fixture
def ctx(browser):
    c = browser.new_context(service_workers="allow")
    yield c
    c.close()


def manifest(site_dir: Path) -> dict:
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const M = (\{.*?\});\n", text).group(1))


# Pages are kept only once the reader saved the site (issue 20, item 6: no reading trail). These tests stand
# for a reader who did, without downloading the whole site each time: they set the worker's "saved" marker.
MARK_SAVED = """() => navigator.serviceWorker.ready.then(reg => caches.keys().then(names => {
  const name = names.find(n => n.startsWith('xlh-site-'));
  return caches.open(name).then(c => c.put(reg.scope + '__offline/saved', new Response('1')));
}))"""


def open_kept(pg, url: str) -> None:
    """Open a page (the site marked as saved) and wait until the service worker controls it and keeps a copy."""
    pg.goto(url)
    pg.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    pg.evaluate(MARK_SAVED)
    pg.goto(url)
    pg.wait_for_function("u => caches.match(u).then(r => !!r)", arg=url.split("#")[0], polling=200, timeout=15000)


def edit(path: Path, old: str, new: str) -> None:
    """Change a served file; its time moves on by whole seconds, since the test server's Last-Modified has
    one-second steps and the worker revalidates pages with If-Modified-Since (GitHub Pages uses ETags)."""
    stamp = path.stat().st_mtime + 10
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, (stamp, stamp))


def h1(pg) -> str:
    return pg.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_a_visited_page_reloads_offline_and_an_unvisited_one_shows_the_offline_page(server, ctx):
    pg = ctx.new_page()
    open_kept(pg, server.url + PAGE)
    title = h1(pg)
    ctx.set_offline(True)
    pg.reload()
    assert h1(pg) == title
    assert pg.locator("link[rel=stylesheet]").count() and pg.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).position") != "static", "the theme's CSS came too"
    pg.goto(server.url + OTHER)
    assert pg.url == server.url + "offline/"
    assert h1(pg) == "现在没有网络"
    assert pg.locator(".offline-kept-list a", has_text=title).count() == 1, "with the site saved, the offline page lists its pages"


def test_a_changed_page_reaches_a_returning_online_reader(copy_server, ctx):
    srv, page_file = copy_server, copy_server.root / PAGE / "index.html"
    pg = ctx.new_page()
    open_kept(pg, srv.url + PAGE)
    # A content update: same worker, new text on the server.
    edit(page_file, "</h1>", "（已更新）</h1>")
    pg.goto(srv.url + PAGE)
    assert "已更新" in h1(pg), "network-first: an online reader never gets the kept copy"
    # A full site update: new worker version; the old version's cache goes, the new text is kept for offline.
    sw = srv.root / "sw.js"
    old = manifest(srv.root)["version"]
    edit(sw, old, "0000update00")
    edit(page_file, "（已更新）", "（第二版）")
    pg.goto(srv.url + PAGE)
    assert "第二版" in h1(pg)
    pg.wait_for_function("v => caches.keys().then(k => k.includes('xlh-site-0000update00') && !k.includes('xlh-site-' + v))",
                         arg=old, polling=200, timeout=15000)
    ctx.set_offline(True)
    pg.reload()
    assert "第二版" in h1(pg), "the kept copy was refreshed by the new version, never the old legal text"


def test_a_return_visit_starts_the_engine_with_no_runtime_request(copy_server, ctx):
    srv = copy_server
    pg = ctx.new_page()
    pg.goto(srv.url + "tools/limitation/")
    # The engine never waits for the service worker: what it fetched before the worker took control is put into
    # the worker's cache by the engine's own worker (engine-worker.js keepCopy), and read from there next time.
    pg.evaluate("SiteOffline.controlled")
    assert pg.evaluate("navigator.serviceWorker.controller !== null")
    start = "() => { PyEngine.start(document.querySelector('.tool[data-worker]')); }"
    pg.evaluate(start)
    pg.wait_for_function("() => window.PyEngine.ready", timeout=60000)
    assert any(RUNTIME.search(p) for p in srv.paths), "the first visit downloads the runtime"
    hashed = set(manifest(srv.root)["immutable"])
    # A return visit comes later: by then the worker has finished writing what it fetched (8 MB of wasm can
    # still be going into the cache just after the engine is ready, on a busy machine).
    first = [srv.url + p.lstrip("/") for p in srv.paths if p.lstrip("/") in hashed]
    pg.wait_for_function("urls => Promise.all(urls.map(u => caches.match(u))).then(rs => rs.every(Boolean))",
                         arg=first, polling=100, timeout=60000)
    pg.close()
    srv.paths.clear()
    again = ctx.new_page()
    again.goto(srv.url + "tools/limitation/")
    again.evaluate(start)
    again.wait_for_function("() => window.PyEngine.ready", timeout=60000)
    fetched = [p for p in srv.paths if p.lstrip("/") in hashed]
    controller = again.evaluate("navigator.serviceWorker.controller && navigator.serviceWorker.controller.state")
    assert not fetched, f"the return visit fetched content-addressed files again: {fetched} (all: {srv.paths}; worker {controller})"


def test_save_the_whole_site_shows_its_size_first_then_every_page_reads_offline(copy_server, ctx):
    srv = copy_server
    pages = manifest(srv.root)["pages"]
    pg = ctx.new_page()
    open_kept(pg, srv.url + "about/")
    button = pg.get_by_role("button", name=re.compile("保存全站以便离线阅读"))
    pg.wait_for_function("() => document.querySelector('.offline-save__go').textContent.indexOf('MB') > 0"
                         " || document.querySelector('.offline-save__go').textContent.indexOf('KB') > 0", timeout=15000)
    assert re.search(r"约 [\d.]+ (MB|KB)", button.inner_text())
    assert not any(p.startswith("/statutes/civil-code/") for p in srv.paths), "nothing is downloaded before the click"
    assert not [v["id"] for v in axe_violations(pg, context=".offline-save")]
    button.focus()
    pg.keyboard.press("Enter")
    status = pg.locator(".offline-save__status")
    pg.wait_for_function("() => document.querySelector('.offline-save__status').textContent.indexOf('保存完成：') >= 0", timeout=60000)
    assert status.get_attribute("role") == "status"
    assert not any(RUNTIME.search(p) for p in srv.paths), "the runtime is only saved when its box is ticked"
    ctx.set_offline(True)
    # Every page comes from the worker with its own title; every tenth also opens as a reader opens it (a whole
    # navigation, which is what takes the time: 60 of them took 12 s).
    got = pg.evaluate("""urls => Promise.all(urls.map(u => fetch(u).then(r => r.ok ? r.text() : 'HTTP ' + r.status,
                         e => String(e)).then(t => (t.match(/<title>([^<]*)/) || [0, t.slice(0, 80)])[1])))""",
                      [srv.url + url for url in pages])
    failures = [f"/{url}: got {text!r}" for (url, title), text in zip(pages.items(), got) if title not in text]
    for url, title in list(pages.items())[::10]:
        pg.goto(srv.url + url)
        if pg.url != srv.url + url or title not in pg.title():
            failures.append(f"/{url}: got {pg.url} {pg.title()!r}")
    assert not failures, "\n".join(failures)
    # The tools' runtime is offered on its own, with its size; ticked, it is saved too.
    ctx.set_offline(False)
    pg.goto(srv.url + "about/")
    box = pg.get_by_role("checkbox", name=re.compile("运行环境"))
    assert re.search(r"约 [\d.]+ MB", box.locator("xpath=..").inner_text())
    box.check()
    pg.get_by_role("button", name=re.compile("保存全站以便离线阅读")).click()
    pg.wait_for_function("() => document.querySelector('.offline-save__status').textContent.indexOf('保存完成：') >= 0", timeout=60000)
    ctx.set_offline(True)
    runtime = manifest(srv.root)["runtime"]
    fetched = pg.evaluate("urls => Promise.all(urls.map(u => fetch(u).then(r => r.ok, () => false)))", [srv.url + r for r in runtime])
    assert runtime and all(fetched), dict(zip(runtime, fetched))


def test_offline_an_uncached_plan_link_keeps_the_plan_and_says_why(server, ctx):
    from triage.states import card_key
    card = card_key("negotiate")
    pg = ctx.new_page()
    open_kept(pg, server.url + "quiz/static/")
    show_static_card(pg, card)
    plan = pg.locator(f"#{card}")
    assert plan.is_visible()
    ctx.set_offline(True)
    assert pg.evaluate("navigator.onLine") is False
    link = plan.locator("a[href*='guide/negotiate/']").first
    link.click()
    notice = pg.locator(".offline-notice")
    pg.wait_for_function("() => document.querySelector('.offline-notice').textContent.indexOf('暂时打不开') >= 0", timeout=5000)
    assert notice.get_attribute("role") == "status"
    assert notice.is_visible()
    assert pg.url == server.url + f"quiz/static/#{card}", "the plan stays on screen"
    assert plan.is_visible()
    # only the message: the focused link's colour is the theme's (issue 11)
    assert not [v["id"] for v in axe_violations(pg, context=".offline-notice")]
    pg.get_by_role("button", name="知道了").click()
    assert notice.inner_text() == ""


def test_offline_a_kept_page_link_opens(server, ctx):
    pg = ctx.new_page()
    open_kept(pg, server.url + OTHER)
    open_kept(pg, server.url + PAGE)
    ctx.set_offline(True)
    pg.locator(f"a[href$='{OTHER.split('/')[1]}/']").first.click()
    pg.wait_for_url(server.url + OTHER)
    assert h1(pg) != "现在没有网络"


def test_delete_the_offline_copy(server, ctx):
    pg = ctx.new_page()
    open_kept(pg, server.url + "about/")
    pg.get_by_role("button", name="删除离线副本").click()
    pg.wait_for_function("() => document.querySelector('.offline-save__status').textContent.indexOf('已删除') >= 0", timeout=15000)
    assert pg.evaluate("caches.keys().then(k => k.filter(n => n.startsWith('xlh-')))") == []
    assert pg.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    pg.goto(server.url + PAGE)
    pg.wait_for_timeout(1000)
    assert pg.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0, "deleting stays deleted"
    assert pg.evaluate("caches.keys().then(k => k.filter(n => n.startsWith('xlh-')))") == []


@pytest.fixture(scope="module")
def subpath_site(subpath_build):
    """The site built for a GitHub Pages project address (once per session), served under /xiaomi-loan-help/."""
    root, port = subpath_build
    srv = Server(root, port)
    yield srv.url + "xiaomi-loan-help/"
    srv.close()


def test_the_worker_works_under_a_project_subpath(subpath_site, ctx):
    pg = ctx.new_page()
    open_kept(pg, subpath_site + PAGE)
    assert pg.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == subpath_site
    title = h1(pg)
    ctx.set_offline(True)
    pg.reload()
    assert h1(pg) == title
    pg.goto(subpath_site + OTHER)
    assert pg.url == subpath_site + "offline/"


def test_after_a_site_update_the_next_link_loads_a_whole_page_with_the_new_glue(copy_server, ctx):
    srv = copy_server
    pg = ctx.new_page()
    open_kept(pg, srv.url + PAGE)
    edit(srv.root / "sw.js", manifest(srv.root)["version"], "0000update00")
    pg.evaluate("window.__oldGlue = true")
    pg.locator(f"a[href$='{OTHER.split('/')[1]}/']").first.click()  # the same glue goes on ...
    pg.wait_for_url(srv.url + OTHER)
    assert pg.evaluate("window.__oldGlue") is True, "navigation.instant keeps the page's scripts"
    pg.go_back()
    pg.wait_for_url(srv.url + PAGE)
    pg.evaluate("navigator.serviceWorker.addEventListener('controllerchange', () => { window.__swChanged = true; })")
    pg.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")  # ... until the site changes
    pg.wait_for_function("() => caches.keys().then(k => k.includes('xlh-site-0000update00'))", polling=200, timeout=15000)
    # the page hears controllerchange (a saved site is saved again by the new version first, so it may take a while)
    pg.wait_for_function("() => window.__swChanged === true", timeout=60000)
    pg.locator(f"a[href$='{OTHER.split('/')[1]}/']").first.click()
    pg.wait_for_url(srv.url + OTHER)
    pg.wait_for_load_state()
    assert pg.evaluate("window.__oldGlue") is None, "a whole page load, not navigation.instant with the old scripts"
