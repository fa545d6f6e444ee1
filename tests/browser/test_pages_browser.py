"""Every page in real headless Chromium: requests stay on the site's own origin, axe finds no violations."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from support import pages_of

_axe = Axe()


def test_every_page_requests_only_its_own_origin_and_passes_axe(site, server, page):
    failures = []
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in pages_of(site):
        requests.clear()
        page.goto(server.url + path, wait_until="networkidle")
        foreign = [u for u in requests if not u.startswith(server.url) and not u.startswith("data:")]
        if foreign:
            failures.append(f"/{path} requested {foreign}")
        for v in _axe.run(page).response["violations"]:
            failures.append(f"/{path} axe {v['id']}: {[n['target'] for n in v['nodes']][:3]}")
    assert not failures, "\n".join(failures)


SEARCHES = [
    ("催收", ["guide/collection-calls/", "guide/unlawful-collection/"]),
    ("征信", ["guide/after-overdue/", "guide/complaints/"]),
    ("协商还款", ["guide/negotiate/"]),
    ("爆通讯录", ["guide/unlawful-collection/"]),
]


@pytest.mark.parametrize("query,expected", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_right_pages(server, page, query, expected):
    page.goto(server.url)
    box = page.locator("input.md-search__input")
    box.click()
    # wait for the search worker to finish indexing; the theme reads the query on keyup
    page.wait_for_function("() => (m => m && m.innerText && m.innerText.indexOf('初始化') < 0)"
                           "(document.querySelector('.md-search-result__meta'))", timeout=30000)
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(1500)  # results refresh as the query settles
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert not any("?" in h for h in hrefs), "search result links must not carry the query to the server"
    top = [h.removeprefix(server.url).split("#")[0] for h in hrefs[:8]]
    for want in expected:
        assert want in top, f"{query}: {want} not among the first results {top}"
