"""Site-wide accessibility and security in Chromium, after interaction as well as at load: the strict CSP
blocks nothing the site needs, keyboard focus is visible on every kind of control, the quick exit works by
click and by Shift×3 without leaving a Back entry, tables scroll by keyboard, axe finds nothing in the open
drawer, in search results and on a focused button. Every page as loaded, at phone and desktop widths, is
checked once by the crawl in test_pages_browser.py."""
import re

import pytest

from support import CSP_SPY, axe_violations, is_csp_error, settle

EXIT_URL = "about:blank"


@pytest.fixture
def spied(browser):
    """A page that records CSP violations (event and console)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.problems = []
    page.add_init_script(CSP_SPY)
    page.on("console", lambda m: page.problems.append(m.text) if is_csp_error(m) else None)
    yield page
    ctx.close()


def test_no_csp_violation_in_the_quiz_tools_or_instant_navigation(server, spied):
    """Every page as loaded is checked by the crawl (test_pages_browser.py); here, what scripts do later."""
    page = spied
    # the quiz: two answers, a change and the plan's controls (all from the page's own fragments)
    page.goto(server.url + "quiz/", wait_until="networkidle")
    page.locator("#triage .triage-option").first.click()
    page.locator("#triage .triage-option").first.click()
    page.locator("#triage .triage-change").first.click()
    # a tool: focusing the form starts the engine; a submitted form with errors shows messages
    page.goto(server.url + "tools/limitation/", wait_until="networkidle")
    form = page.locator(".tool[data-tool] form").first
    form.wait_for(state="visible")
    form.locator("input, textarea").first.fill("不是日期")
    form.locator("button[type=submit]").first.click()
    page.locator(".tool-error:not(:empty), .tool-status:not(:empty)").first.wait_for(timeout=60000)
    # instant navigation keeps the first page's policy and adds the next page's: scripts must satisfy both
    page.goto(server.url, wait_until="networkidle")
    page.locator(".md-content a[href*='/guide/evidence/']").first.click()  # the theme makes hrefs absolute
    page.wait_for_url(re.compile(r"/guide/"))
    page.locator(".md-nav--primary a[href*='/tools/evidence-log/']").first.click()
    page.wait_for_url(re.compile(r"/tools/"))
    page.wait_for_load_state("networkidle")
    assert not page.problems, "\n".join(page.problems)


# One of each kind of control, and a page it is on.
CONTROLS = [
    ("guide/evidence/", ".md-content a[href]:not(.headerlink)", "link"),
    ("guide/evidence/", ".table-scroll", "scrollable table"),
    ("tools/evidence-log/", ".tool form input[type=text]", "text input"),
    ("tools/evidence-log/", ".tool form select", "select"),
    ("tools/evidence-log/", ".tool form textarea", "textarea"),
    ("tools/evidence-log/", ".tool form .md-button--primary", "primary button"),
    ("tools/evidence-log/", ".tool input[type=checkbox]", "checkbox"),
    ("tools/letters/", ".md-content summary", "summary"),
    ("quiz/", "#triage .triage-option", "quiz answer"),
    ("", ".site-exit__button", "quick exit"),
    ("", ".md-header .md-search__input", "search input (header)"),
    ("", ".md-footer a[href]", "footer link"),
]

RING = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let bg = null;
  for (let n = el.parentElement; n && !bg; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) bg = c.slice(0, 3);
  }
  bg = bg || [255, 255, 255];
  const s = getComputedStyle(el), ring = rgb(s.outlineColor).slice(0, 3), halo = rgb(s.boxShadow).slice(0, 3);
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  const best = Math.max(ratio(ring, bg), halo.length === 3 ? Math.min(ratio(halo, bg), ratio(ring, halo)) : 0);
  return {look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' '), width, contrast: best};
}"""


def tab_to(page, selector: str, limit: int = 250) -> bool:
    """Press Tab until the first visible match of selector has focus, as a keyboard user would."""
    page.locator("body").press("Escape")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => { const a = document.activeElement; return !!a && a.matches(s); }", selector):
            return True
    return False


# Focuses the visible control that comes before the first visible match of the selector in Tab order (no
# positive tabindex on the site, so Tab order is document order), or none if it is the first.
BEFORE = """s => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
  const i = all.findIndex(e => e.matches(s));
  if (document.activeElement) document.activeElement.blur();
  if (i > 0) all[i - 1].focus({preventScroll: true});
  return i;
}"""


def tab_from_before(page, selector: str) -> bool:
    """One Tab from the control before it gives the first visible match focus, as a keyboard user's Tab would
    (the walk from the top of the page, tab_to, is the same check at 100 key presses for a footer link)."""
    if page.evaluate(BEFORE, selector) < 0:
        return False
    page.keyboard.press("Tab")
    return page.evaluate("s => { const a = document.activeElement; return !!a && a.matches(s); }", selector)


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_focus_is_visible_on_every_kind_of_control(server, browser, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    failures = []
    for path, selector, kind in CONTROLS:
        if width < 700 and "header" in kind:
            continue  # on a phone the search field is behind the search button
        if page.url != server.url + path:  # (controls on the same page share one load)
            page.goto(server.url + path, wait_until="load")
        target = page.locator(selector).first
        target.wait_for(state="visible", timeout=30000)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        before = target.evaluate(RING)
        if not tab_from_before(page, selector):
            failures.append(f"{width}px /{path} {kind}: not reachable with Tab")
            continue
        after = page.evaluate(f"({RING})(document.activeElement)")
        if after["look"] == before["look"] or after["width"] < 2:
            failures.append(f"{width}px /{path} {kind}: no visible focus ({before['look']} → {after['look']})")
        elif after["contrast"] < 3:
            failures.append(f"{width}px /{path} {kind}: focus ring contrast {after['contrast']:.2f}:1 < 3:1")
    ctx.close()
    assert not failures, "\n".join(failures)


def test_quick_exit_is_a_big_early_button_that_leaves_without_a_back_entry(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(server.url)
    page.goto(server.url + "quiz/", wait_until="networkidle")
    button = page.locator(".site-exit__button")
    assert button.is_visible() and button.inner_text().strip() in ("清除并离开", "快速离开")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    assert box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= 390, "inside the phone screen"
    assert tab_to(page, ".site-exit__button", limit=3), "among the first three Tab stops"

    # Typing capitals (Shift held for each letter) is not the shortcut.
    page.locator(".md-search__input").evaluate("e => e.focus()")
    page.keyboard.type("ABC")
    page.wait_for_timeout(300)
    assert page.url.endswith("/quiz/")

    page.evaluate("""() => {
        window.__log = [];
        document.addEventListener('site-exit', () => console.log('site-exit event'));
        if (window.PyEngine) { const stop = PyEngine.stop; PyEngine.stop = function () { console.log('engine stopped'); return stop.apply(this, arguments); }; }
    }""")
    heard = []
    page.on("console", lambda m: heard.append(m.text))
    history = page.evaluate("history.length")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("Shift")
    assert "再按 2 下" in page.locator(".site-exit__status").inner_text(), "the reader is told what Shift is doing"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert "site-exit event" in heard and "engine stopped" in heard, heard
    assert page.evaluate("history.length") == history, "location.replace: no new history entry"
    page.go_back()
    page.wait_for_load_state()
    assert page.url == server.url, "Back skips the page the reader left"
    ctx.close()


def test_quick_exit_button_click_and_without_javascript(server, browser):
    for js in (True, False):
        ctx = browser.new_context(java_script_enabled=js)
        page = ctx.new_page()
        page.goto(server.url + "guide/evidence/")
        assert page.locator(".site-exit__button").get_attribute("href") == EXIT_URL
        page.locator(".site-exit__button").click()
        page.wait_for_url(EXIT_URL)
        ctx.close()


def test_a_wide_table_scrolls_by_keyboard_on_a_phone(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    violations = axe_violations(page, options={"runOnly": ["scrollable-region-focusable"]})
    assert not violations, violations
    region = page.locator(".table-scroll").first
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "the table is wider than a phone"
    assert tab_to(page, ".table-scroll")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    region.evaluate("e => new Promise(done => (function poll() { e.scrollLeft > 0 ? done() : requestAnimationFrame(poll); })())")
    assert region.evaluate("e => e.scrollLeft") > 0
    ctx.close()


def test_a_printed_page_says_it_is_not_legal_advice_when_reviewed_and_where_from(server, page):
    page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    assert not page.locator(".site-print-notice").is_visible(), "on screen the footer says it"
    page.emulate_media(media="print")
    notice = page.locator(".site-print-notice")
    assert notice.is_visible() and not page.locator(".site-exit").is_visible()
    text = notice.inner_text()
    assert "不构成法律意见" in text and "内容最后审阅：20" in text and server.url + "guide/evidence/" in text


def axe_failures(page, label):
    return [f"{label} axe {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in axe_violations(page)]


def test_axe_finds_nothing_in_the_open_drawer_search_results_and_focused_buttons(server, browser):
    failures = []
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__drawer]").click()
    settle(page)  # the drawer opens on this page's section, 应对指南, under its grey title
    failures += axe_failures(page, "390px drawer")
    ctx.close()

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(server.url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("() => (m => m && m.innerText && m.innerText.indexOf('初始化') < 0)"
                           "(document.querySelector('.md-search-result__meta'))", timeout=30000)
    box.fill("催收")
    box.press("End")
    page.wait_for_selector(".md-search-result__item mark", timeout=15000)
    failures += axe_failures(page, "1280px search results")
    page.keyboard.press("Escape")
    page.goto(server.url + "tools/evidence-log/", wait_until="networkidle")
    for sel in (".tool form .md-button--primary",):
        page.locator(sel).first.wait_for(state="visible")
        assert tab_to(page, sel)
        failures += axe_failures(page, f"1280px focused {sel}")
    ctx.close()
    assert not failures, "\n".join(failures)
