"""Every page in real headless Chromium, once per width: requests stay on the site's own origin, the strict
CSP blocks nothing, axe finds no violations (after transitions have settled). This is the only crawl of every
page: the quiz's and the tools' states are checked per example (test_components_browser.py) and after
interaction (test_a11y_site.py, test_quiz_browser.py, test_tools_browser.py)."""
import pytest

from support import CSP_SPY, axe_violations, is_csp_error, pages_of


# The theme's frame (header, site navigation, footer) is the same markup and styles on every page: axe checks it
# in full on the first page of each section (and the home and 404 pages); elsewhere the run leaves it out, which
# halves the time per page. The page's own content and its table of contents are checked on every page.
FRAME = {"exclude": [[".md-header"], [".md-tabs"], [".md-sidebar--primary"], [".md-footer"]]}


def frame_checked_on(paths: list[str]) -> set[str]:
    first: dict[str, str] = {}
    for path in paths:
        first.setdefault(path.split("/")[0], path)
    return set(first.values())


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_requests_only_its_own_origin_breaks_no_csp_and_passes_axe(site, server, browser, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.add_init_script(CSP_SPY)
    failures: list[str] = []
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if is_csp_error(m) else None)
    paths = pages_of(site) + ["404.html"]
    full = frame_checked_on(paths)
    for path in paths:
        requests.clear()
        problems.clear()
        page.goto(server.url + path, wait_until="load")  # not networkidle: its quiet 0.5 s per page doubled the crawl
        label = f"{width}px /{path}"
        failures += [f"{label} axe {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in axe_violations(page, context=None if path in full else FRAME)]
        # checked after axe has run (a second or so), so what the page's scripts request after load counts too
        foreign = [u for u in requests if not u.startswith(server.url) and not u.startswith("data:")]
        if foreign:
            failures.append(f"{label} requested {foreign}")
        failures += [f"{label} {p}" for p in problems]
    ctx.close()
    assert not failures, "\n".join(failures)


SEARCHES = [
    ("催收", ["guide/collection-calls/", "guide/unlawful-collection/"]),
    ("征信", ["guide/credit-report/", "guide/complaints/"]),  # the credit-report page (issue 16/17) now comes first
    ("协商还款", ["guide/negotiate/"]),
    ("爆通讯录", ["guide/unlawful-collection/"]),
]


def search(server, page, query):
    """The result pages for a query, in order (paths under the site, without fragments)."""
    page.goto(server.url)
    box = page.locator("input.md-search__input")
    box.click()
    # wait for the search worker to finish indexing; the theme reads the query on keyup
    page.wait_for_function("() => (m => m && m.innerText && m.innerText.indexOf('初始化') < 0)"
                           "(document.querySelector('.md-search-result__meta'))", timeout=30000)
    box.fill(query)
    box.press("End")
    # the results are for this query once the meta line counts them (the theme re-renders as the query settles)
    page.wait_for_function("q => document.querySelector('.md-search__input').value === q && "
                           "document.querySelectorAll('.md-search-result__item').length > 0", arg=query, timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert not any("?" in h for h in hrefs), "search result links must not carry the query to the server"
    return [h.removeprefix(server.url).split("#")[0] for h in hrefs]


@pytest.mark.parametrize("query,expected", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_right_pages(server, page, query, expected):
    top = search(server, page, query)[:8]
    for want in expected:
        assert want in top, f"{query}: {want} not among the first results {top}"


def test_the_search_index_waits_for_the_reader(server, browser):
    """No page load fetches the 1.1 MB search index (overrides/partials/search-on-demand.html): a phone reader who
    never searches never pays for it. Tapping the search button fetches it once, and the results come."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    page.goto(server.url, wait_until="load")  # the theme asks for the index while its bundle runs, before load
    page.evaluate("window.__stay = 1")
    page.locator(".md-content a[href*='/guide/evidence/']").first.click()  # (the theme makes hrefs absolute)
    page.wait_for_function("() => location.pathname.endsWith('/guide/evidence/') && document.querySelector('h1')"
                           " && document.querySelector('h1').textContent.indexOf('证据') >= 0")
    assert page.evaluate("window.__stay") == 1, "an instant navigation, in the same document"
    assert asked == [], "the index was fetched before the reader opened search"
    with page.expect_request("**/search/search_index.json"):
        page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.fill("协商")
    box.press("End")  # the theme reads the query on keyup
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30000)
    assert asked == [server.url + "search/search_index.json"], asked
    ctx.close()


# Words readers type (issue 16): the first result is a page written for them, not a statute or the quiz.
# 上门 and 自杀 also hold the theme's search worker to the fix in sitegen/site/search_worker.py (it searched
# them as 上 and 自).
FIRST = [
    ("强制执行", ("guide/enforcement/",)),
    ("传票", ("guide/court-papers/", "guide/lawsuit/")),
    ("拘留", ("guide/",)),
    ("村委会", ("guide/family-and-work/",)),
    ("上门", ("guide/",)),
    ("自杀", ("guide/stress/",)),
]


@pytest.mark.parametrize("query,first", FIRST, ids=[q for q, _ in FIRST])
def test_everyday_words_lead_to_a_guide_first(server, page, query, first):
    results = search(server, page, query)
    assert results[0].startswith(first), f"{query}: first result {results[0]}, wanted {first}; all: {results[:6]}"
