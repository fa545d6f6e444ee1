"""Crisis support on a phone in Chromium: the footer's tap-to-call 12356 can be seen, reached by keyboard and is
named for screen readers. (The 压力太大时 page passes axe at phone width in the page crawl,
test_pages_browser.py.)"""
import pytest


PHONE = {"width": 390, "height": 844}
FOOTER_TEL = "footer .site-crisis-line a[href='tel:12356']"


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.mark.parametrize("path", ["", "guide/stress/", "guide/complaints/"])
def test_footer_12356_is_visible_named_and_a_big_enough_target(server, phone, path):
    phone.goto(server.url + path)
    link = phone.locator(FOOTER_TEL)
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    # the accessible name a screen reader announces is the number itself
    assert phone.locator("footer .site-crisis-line").get_by_role("link", name="12356", exact=True).count() == 1
    box = link.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24, f"tap target too small: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "the number runs off the screen"


def test_footer_12356_is_reachable_by_keyboard(server, phone):
    phone.goto(server.url + "guide/stress/")
    for _ in range(300):
        phone.keyboard.press("Tab")
        if phone.evaluate("s => document.activeElement.matches(s)", FOOTER_TEL):
            break
    else:
        pytest.fail("Tab never reached the footer's 12356 link")
    focused = phone.locator(":focus")
    assert focused.is_visible() and focused.get_attribute("href") == "tel:12356"
    # the focus ring must show: the theme's outline or ours, never none
    assert phone.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_hotline_numbers_in_the_stress_page_are_tel_links(server, phone):
    phone.goto(server.url + "guide/stress/")
    for number in ("12356", "110", "120", "12348"):
        links = phone.locator(f"article a[href='tel:{number}']")
        assert links.count() >= 1, number
        assert links.first.inner_text() == number


def test_tapping_the_footer_number_is_left_to_the_phone_dialler(server, phone):
    """The theme's instant navigation intercepts same-site links; it must not swallow a tel: tap."""
    phone.goto(server.url + "guide/stress/")
    # A window listener in the bubble phase runs after the page's own handlers (document, body) have seen the tap.
    phone.evaluate("""() => window.addEventListener("click", e => {
        window.tapped = {href: e.target.closest("a").href, prevented: e.defaultPrevented}; }, {once: true})""")
    phone.locator(FOOTER_TEL).tap()
    assert phone.evaluate("window.tapped") == {"href": "tel:12356", "prevented": False}
    assert phone.url == server.url + "guide/stress/", "the page stays as it was"
