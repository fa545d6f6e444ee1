"""Site hygiene in the built HTML: a Chinese 404 page, robots.txt and a sitemap without the static quiz, a
strict Content-Security-Policy whose hashes match each page's inline scripts, no-referrer, lang zh-CN,
Open Graph tags for shared links, a print-only notice, and tables a keyboard can scroll."""
import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import pages_of
from sitegen.site.hygiene import csp, inline_scripts, script_hash
from support import ROOT


class Head(HTMLParser):
    """The bits of a page these tests read: <html> attributes, metas in order, scripts, links, handlers."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.html, self.metas, self.order, self.hrefs, self.handlers, self.h1, self.title = {}, [], [], [], [], "", ""
        self._in = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        elif tag == "meta":
            self.metas.append(a)
            self.order.append(("meta", a.get("http-equiv") or a.get("name") or a.get("property")))
        elif tag == "script":
            self.order.append(("script", a.get("src")))
        elif tag in ("h1", "title"):
            self._in = tag
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        self.handlers += [f"<{tag} {k}>" for k in a if k.startswith("on")]
        self.handlers += [f"<{tag} {k}=javascript:>" for k, v in a.items() if v and v.strip().lower().startswith("javascript:")]

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            setattr(self, self._in, getattr(self, self._in) + data)

    def meta(self, key: str) -> str | None:
        for m in self.metas:
            if key in (m.get("http-equiv"), m.get("name"), m.get("property")):
                return m.get("content")
        return None


def built_pages(site: Path) -> list[Path]:
    return [site / p / "index.html" for p in pages_of(site)] + [site / "404.html"]


@pytest.fixture(scope="module")
def config():
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_the_404_page_is_in_chinese_and_links_home_and_to_the_quiz(site):
    page = Head((site / "404.html").read_text(encoding="utf-8"))
    assert page.html.get("lang") == "zh-CN"
    assert "找不到" in page.h1
    # GitHub Pages serves this page at any depth: its links are absolute from the site root.
    assert "/" in page.hrefs and "/quiz/" in page.hrefs, page.hrefs
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in text
    assert page.meta("robots") == "noindex", "a missing page's address is not for search engines"
    for asset in re.findall(r'(?:href|src)="(/assets/[^"]+)"', text):
        assert (site / asset.lstrip("/")).is_file(), f"404 page points at a missing {asset}"


def test_robots_txt_and_the_sitemap_leave_out_the_static_quiz_and_the_offline_page(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Disallow: /quiz/static/" in robots
    assert re.search(r"^Sitemap: http://127\.0\.0\.1:\d+/sitemap\.xml$", robots, re.M), robots
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "quiz/static" not in xml and "/offline/" not in xml
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == xml
    listed = set(re.findall(r"<loc>http://127\.0\.0\.1:\d+/(.*?)</loc>", xml))
    assert listed == {p for p in pages_of(site) if not p.startswith(("quiz/static/", "offline/"))}
    for unlisted in ("quiz/static/", "offline/"):
        assert Head((site / unlisted / "index.html").read_text(encoding="utf-8")).meta("robots") == "noindex", unlisted


def test_every_page_has_a_strict_policy_that_allows_exactly_its_own_inline_scripts(site):
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        page = Head(text)
        where = path.relative_to(site)
        policy = page.meta("Content-Security-Policy")
        assert policy, f"{where}: no Content-Security-Policy meta"
        assert page.order[0] == ("meta", "Content-Security-Policy") or page.order[1] == ("meta", "Content-Security-Policy"), \
            f"{where}: the policy must come before everything it governs: {page.order[:3]}"
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert directives["default-src"] == "'self'" and directives["connect-src"] == "'self'"
        assert directives["worker-src"] == "'self'"
        script_src = directives["script-src"].split()
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "'wasm-unsafe-eval'" in script_src
        scripts = inline_scripts(text)
        assert scripts, f"{where}: expected the theme's inline scripts"
        hashes = {s for s in script_src if s.startswith("'sha256-")}
        assert hashes == {script_hash(s) for s in scripts}, f"{where}: policy hashes differ from the inline scripts"
        assert not page.handlers, f"{where}: inline event handlers or javascript: URLs {page.handlers[:3]}"
        assert page.meta("referrer") == "no-referrer", f"{where}: no referrer policy"
        assert page.html.get("lang") == "zh-CN", f"{where}: lang={page.html.get('lang')}"


def test_inline_scripts_are_found_as_the_browser_runs_them():
    page = ('<script>a()</script><script src="x.js"></script><script type="application/json">{"x":1}</script>'
            '<script type="module">b()</script><SCRIPT >\nc()\n</SCRIPT>')
    assert inline_scripts(page) == ["a()", "b()", "\nc()\n"]
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert "'sha256-" not in csp("<p>no scripts</p>")


def test_shared_links_show_the_page_title_and_a_description(site, config):
    for path in built_pages(site):
        page = Head(path.read_text(encoding="utf-8"))
        where = path.relative_to(site)
        title, desc = page.meta("og:title"), page.meta("og:description")
        assert title and desc, f"{where}: og:title {title!r}, og:description {desc!r}"
        assert page.meta("og:locale") == "zh_CN" and page.meta("og:site_name") == config["site_name"]
        if path == site / "index.html" or path.name == "404.html":
            assert title == config["site_name"]
        else:
            assert page.title.strip() == f"{title} - {config['site_name']}", \
                f"{where}: og:title {title!r} does not match the page's <title> {page.title!r}"
        assert desc == page.meta("description"), f"{where}: og:description differs from the page description"


def test_printed_pages_carry_the_notice_the_review_date_and_the_address(site, config):
    for path in built_pages(site)[:-1]:
        text = path.read_text(encoding="utf-8")
        notice = re.search(r'<aside class="site-print-notice">(.*?)</aside>', text, re.S)
        where = path.relative_to(site)
        assert notice, f"{where}: no print notice"
        body = re.sub(r"<[^>]+>", "", notice[1])  # hotline numbers are tap-to-call links
        assert config["extra"]["disclaimer"] in body and config["extra"]["last_review"] in body, where
        rel = path.parent.relative_to(site).as_posix()
        assert re.search(rf"本页地址：http://127\.0\.0\.1:\d+/{re.escape('' if rel == '.' else rel + '/')}\s*$", body, re.M), where
    css = (ROOT / "overrides/assets/site.css").read_text(encoding="utf-8")
    assert re.search(r"@media print\s*{[^@]*\.site-print-notice\s*{\s*display:\s*block", css)


def test_tables_sit_in_named_focusable_regions(site):
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        tables = text.count("<table>")
        regions = re.findall(r'<div class="table-scroll" role="region" tabindex="0" aria-label="([^"]+)"><table>', text)
        assert len(regions) == tables, f"{path.relative_to(site)}: {tables} tables, {len(regions)} scroll regions"
        assert len(set(regions)) == len(regions), f"{path.relative_to(site)}: region names repeat {regions}"


def test_the_quick_exit_is_on_every_page_as_a_plain_link(site):
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        link = re.search(r'<a class="site-exit__button" href="([^"]+)"[^>]*>([^<]+)</a>', text)
        assert link and link[1] == "about:blank" and link[2] in ("清除并离开", "快速离开"), path.relative_to(site)
        assert text.index("site-exit__button") < text.index('class="md-header'), "before the header in tab order"
        assert re.search(r'<script src="[^"]*components/exit/exit\.[0-9a-f]{10}\.js"', text), path.relative_to(site)
