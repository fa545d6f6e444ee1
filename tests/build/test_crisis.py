"""Crisis support in the built site: the calm footer line with tap-to-call 12356 on every page, hotline numbers
as tel: links wherever a reader sees them, and a broken data/hotlines.yaml failing the build at file:line."""
import re
from html.parser import HTMLParser

from support import pages_of
from support import ROOT

from sitegen.content import hotlines

HOTLINES = hotlines.load(ROOT / "data" / "hotlines.yaml")
# Text where a number is quoted rather than offered to call (code) or already is a link.
_NOT_CALLABLE = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title", "button", "summary", "option"}
_WHOLE = re.compile(rf"(?<![\d\-.])({'|'.join(HOTLINES.numbers)})(?![\d\-]|\.\w)")


class _Reader(HTMLParser):
    """Collects hotline numbers that appear in visible page text outside any link, and the tel: links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.bare: list[str] = []
        self.tel: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("tel:"):
            self.tel.append(href[4:])
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data):
        if not _NOT_CALLABLE.intersection(self.open):
            self.bare += [m.group(1) for m in _WHOLE.finditer(data) if not _followed_by_unit(data, m.end())]


def _followed_by_unit(text: str, end: int) -> bool:
    return bool(re.match(r"\s?(?:元|条|款|项|号|天|日|年|月|%|个|次|万|岁|小时)", text[end:]))


def read(site, path):
    r = _Reader()
    html = (site / path / "index.html").read_text(encoding="utf-8")
    r.feed(html)
    return html, r


def test_every_page_has_the_footer_crisis_line_with_tap_to_call_12356(site):
    pages = pages_of(site)
    assert len(pages) > 20
    for path in pages:
        html, _ = read(site, path)
        footer = re.search(r"<footer.*</footer>", html, re.S).group(0)
        line = re.search(r'<p class="[^"]*site-crisis-line[^"]*">(.*?)</p>', footer, re.S)
        assert line, f"/{path}: no crisis line in the footer"
        assert '<a href="tel:12356" class="tel">12356</a>' in line.group(1), f"/{path}: footer 12356 is not tap-to-call"
        assert 'href="tel:110"' in line.group(1) and 'href="tel:120"' in line.group(1), f"/{path}: 110/120 missing"


def test_home_page_shows_the_crisis_line_near_the_110_box(site):
    html, _ = read(site, "")
    article = re.search(r"<article.*</article>", html, re.S).group(0)
    police, crisis = article.find('href="tel:110"'), article.find('href="tel:12356"')
    assert 0 <= police < crisis < article.find('id="three-things"'), "the 12356 line should follow the 110 box"


def test_hotline_numbers_in_built_pages_are_tel_links(site):
    bare = {}
    for path in pages_of(site):
        _, r = read(site, path)
        if r.bare:
            bare[f"/{path}"] = sorted(set(r.bare))
    assert not bare, f"hotline numbers shown without a tel: link: {bare}"


def test_the_stress_guide_links_every_help_line_and_says_hours_vary(site):
    html, r = read(site, "guide/stress/")
    assert {"12356", "12348", "110", "120"} <= set(r.tel)
    assert "接听时间因城市而异" in html and "据公开报道" in html
    for anchor in ("right-now", "hotline-12356", "debt-has-a-way", "where-to-get-help", "talk-to-family"):
        assert f'id="{anchor}"' in html, anchor
