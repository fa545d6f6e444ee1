"""Issue 20, items 1 and 2, in Chromium. The quick exit cannot be undone with Back: nothing typed or chosen in
a tool comes back (browser form restoration, the back-forward cache), also when exit.js is blocked. The quiz
works however the reader reaches it: through the navigation and the home page's link with instant
navigation on, with no CSP violation on the way, and the static version's cards link back to the plan."""
import re

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, axe_violations
from test_a11y_site import CSP_SPY

EXIT_URL = "about:blank"
# Every tool field on the page that holds something: typed text, or a choice other than the first option.
FILLED = """() => [...document.querySelectorAll('.tool input, .tool textarea, .tool select')]
  .filter(f => f.type === 'checkbox' ? f.checked : f.tagName === 'SELECT' ? f.selectedIndex > 0 : f.type !== 'file' && f.value !== '')
  .map(f => f.name + '=' + (f.tagName === 'SELECT' ? f.selectedIndex : f.value))"""


@pytest.fixture
def spied(browser):
    """A phone-sized page that records CSP violations (event and console)."""
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.problems = []
    page.add_init_script(CSP_SPY)
    page.on("console", lambda m: page.problems.append(m.text)
            if m.type == "error" and ("CSP" in m.text or "Content Security Policy" in m.text) else None)
    yield page
    ctx.close()


def fill_letters(page):
    root = page.locator(".tool[data-letter=negotiation]")
    root.locator("form").wait_for(state="visible")
    root.locator("[name=name]").fill("李四四")
    root.locator("[name=contact_phone]").fill("13912345678")
    root.locator("[name=plan]").select_option(index=1)


def fill_evidence(page):
    form = page.locator(".tool[data-tool=evidence] form").first
    form.wait_for(state="visible")
    form.locator("input[type=text]").first.fill("2026-11-02 21:30")
    for sel in form.locator("select").all():
        sel.select_option(index=1)
    form.locator("textarea").first.fill("催收说要去我单位闹")


def leave_by(page, how):
    if how == "button":
        page.locator(".site-exit__button").click()
    else:
        page.locator("body").click(position={"x": 5, "y": 300})
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def back_to(page, path):
    page.go_back()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    page.wait_for_load_state("load")
    # what the browser restores, it restores by the time the page is shown; tools.js may enhance later
    page.wait_for_function("() => document.readyState === 'complete'")


@pytest.mark.parametrize("how", ["button", "shift"])
@pytest.mark.parametrize("path, fill", [("tools/letters/", fill_letters), ("tools/evidence-log/", fill_evidence)],
                         ids=["letters", "evidence"])
def test_back_after_the_quick_exit_shows_nothing_typed_or_chosen(server, spied, path, fill, how):
    page = spied
    page.goto(server.url + path, wait_until="networkidle")
    fill(page)
    assert page.evaluate(FILLED), "the test typed something"
    page.locator(".md-content a[href*='/guide/']:visible").first.click()  # instant navigation
    page.wait_for_url(re.compile(r"/guide/"))
    leave_by(page, how)
    page.go_back()  # the page the link led to was replaced by the exit: Back goes to the tool
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    page.wait_for_function("() => document.readyState === 'complete'")
    page.locator(".tool form").first.wait_for(state="visible")
    assert page.evaluate(FILLED) == []
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("path, fill", [("tools/letters/", fill_letters), ("tools/evidence-log/", fill_evidence)],
                         ids=["letters", "evidence"])
def test_back_after_the_exit_from_a_full_page_load_shows_nothing(server, spied, path, fill):
    """The tool page left by a full navigation (back-forward cache or form restoration), then the exit."""
    page = spied
    page.goto(server.url + path, wait_until="networkidle")
    fill(page)
    page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    leave_by(page, "button")
    page.go_back()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    page.wait_for_function("() => document.readyState === 'complete'")
    page.locator(".tool form").first.wait_for(state="visible")
    assert page.evaluate(FILLED) == []


@pytest.fixture(scope="module")
def bfcache_browser(browser):
    """Chromium with the back-forward cache on (Playwright turns it off by default), as on readers' phones."""
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                    ignore_default_args=["--disable-back-forward-cache"])
    yield b
    b.close()


@pytest.mark.parametrize("instant", [False, True], ids=["full-load", "instant"])
def test_a_page_restored_from_the_back_forward_cache_after_the_exit_shows_nothing(server, bfcache_browser, instant):
    ctx = bfcache_browser.new_context(service_workers="block")
    page = ctx.new_page()
    page.add_init_script("addEventListener('pageshow', e => { window.__shown = e.persisted ? 'restored' : 'loaded'; })")
    # no engine: its megabytes downloading, or its worker's messages, keep a page out of the cache at random
    # (NetworkExceedsBufferLimit, IgnoreEventAndEvict); the forms are the same without it
    page.add_init_script("window.Worker = undefined;")
    page.goto(server.url + "tools/letters/", wait_until="networkidle")
    fill_letters(page)
    if instant:  # the tool page and the exit share one document
        page.locator(".md-content a[href*='/guide/']:visible").first.click()
        page.wait_for_url(re.compile(r"/guide/"))
    else:
        page.goto(server.url + "guide/evidence/", wait_until="networkidle")
        page.go_back(wait_until="commit")  # from the cache: the typed values are still there
        page.wait_for_function("() => window.__shown === 'restored'")
        assert page.evaluate(FILLED), "the page came from the back-forward cache"
        page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    leave_by(page, "button")
    page.go_back(wait_until="commit")
    page.wait_for_url(re.compile(r"/tools/letters/$"))
    # a page that existed before the exit is wiped and loaded anew
    page.wait_for_function("() => document.readyState === 'complete' && window.__shown === 'loaded'")
    page.locator(".tool form").first.wait_for(state="visible")
    assert page.evaluate(FILLED) == []
    assert "site-exiting" not in page.evaluate("document.documentElement.className")
    ctx.close()


def test_the_exit_works_and_clears_when_its_script_file_is_blocked(server, spied):
    page = spied
    page.route(re.compile(r"/components/exit/exit\.[^/]*js$"), lambda route: route.abort())
    page.goto(server.url + "tools/letters/", wait_until="networkidle")
    fill_letters(page)
    page.locator(".md-content a[href*='/guide/']:visible").first.click()
    page.wait_for_url(re.compile(r"/guide/"))
    history = page.evaluate("history.length")
    leave_by(page, "button")
    assert page.evaluate("history.length") == history, "the exit replaced the page: no new Back entry"
    page.go_back()
    page.wait_for_url(re.compile(r"/tools/letters/$"))
    page.wait_for_function("() => document.readyState === 'complete'")
    page.locator(".tool form").first.wait_for(state="visible")
    assert page.evaluate(FILLED) == []


def assert_quiz_works(page):
    quiz = page.locator("#triage[data-enhanced]")
    quiz.wait_for(timeout=30000)
    first = page.locator("#triage .triage-q").first.inner_text()
    page.locator("#triage .triage-option").first.click()
    assert "/quiz/static/" not in page.url, "the answer stayed in the enhanced quiz"
    page.locator("#triage .triage-change").first.wait_for()
    assert page.locator("#triage .triage-q").first.inner_text() != first, "the next question is shown"


def test_the_quiz_works_when_reached_through_the_navigation(server, spied):
    page = spied
    page.goto(server.url + "guide/evidence/", wait_until="networkidle")
    page.locator(".md-nav--primary a[href$='/quiz/']").first.evaluate("a => a.click()")  # the drawer on a phone
    page.wait_for_url(re.compile(r"/quiz/$"))
    assert_quiz_works(page)
    assert not page.problems, "\n".join(page.problems)


def test_the_quiz_works_when_reached_from_the_home_page_and_after_another_instant_navigation(server, spied):
    page = spied
    page.goto(server.url, wait_until="networkidle")
    page.locator(".md-content a[href$='/quiz/']").first.click()
    page.wait_for_url(re.compile(r"/quiz/$"))
    assert_quiz_works(page)
    # away and back again by instant navigation: a second widget, enhanced once
    page.locator(".md-content a[href*='/guide/']:visible").first.click()
    page.wait_for_url(re.compile(r"/guide/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/quiz/$"))
    assert_quiz_works(page)
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
def test_a_static_card_links_back_to_its_plan(browser, server, js):
    """A card is shared by many plans; the one opened from this plan leads back to this plan, with a link."""
    ctx = browser.new_context(java_script_enabled=js, viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(server.url + "quiz/static/")
    static = page.locator(".triage-static")
    if js:
        page.locator(".triage-static[data-enhanced]").wait_for(state="attached")
    plan_links = static.locator(".triage-state:target ol.triage-plan:not(.triage-now) > li:visible > a")
    while not plan_links.count():
        static.locator(".triage-state:visible .triage-option").first.click()
    plan_url, title = page.url, plan_links.nth(1).inner_text()
    plan_links.nth(1).click()
    page.wait_for_url(lambda url: url != plan_url)  # (a click can return before the page has handled it)
    card = static.locator(".triage-state:visible")
    assert card.count() == 1 and card.locator(".triage-card-title").inner_text() == title
    assert "返回”" not in card.inner_text() and not card.get_by_text("重新开始").is_visible()
    back = static.get_by_role("link", name="回到行动清单")
    assert back.is_visible() and back.bounding_box()["y"] < card.bounding_box()["y"], "GOV.UK's back link, on top"
    if js:  # (axe needs script; without it the page looks the same: CSS alone shows the state)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            assert not axe_violations(page, context=".md-content"), width
    back.click()
    page.wait_for_url(plan_url)
    assert plan_links.nth(1).inner_text() == title
    ctx.close()
