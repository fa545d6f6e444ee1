"""Issue 16, items 3, 4 and 6, in Chromium on a phone: the quiz's plan stays in the tab (a plan link and Back,
Back and Forward between questions, a reload) and is gone after 「重新开始」 and the quick exit; the kept plan is
whole (every step, its phone numbers and each link's full address, in the copy, the .txt and on paper); where
the clipboard is refused the text is shown selected beside the button without the page moving; the first
screen shows where to start, and the quick-exit button covers no link of the plan.

The answering itself goes through test_quiz_browser's helpers, so these tests follow the way the quiz is
answered."""
import re

import pytest

from test_quiz_browser import PHONE, expected_titles, labels_in_order, plan_titles, tap

KEPT = "() => Object.keys(sessionStorage).filter(k => k.indexOf('triage-kept:') === 0)"


@pytest.fixture(scope="module")
def quiz():
    from sitegen.content.flow import load_flow
    from support import ROOT
    return load_flow(ROOT / "data" / "flow.yaml", ROOT / "docs")


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.add_init_script("window.print = function () {};")  # the print dialog would block headless Chromium
    yield page
    ctx.close()


def crisis_path(flow):
    """The longest path whose plan has the crisis card: its steps carry phone numbers and a link."""
    from triage.engine import paths, walk
    with_crisis = [p for p in paths(flow) if "crisis" in walk(flow, p).situations]
    return max(with_crisis, key=len)


def longest(flow):
    from triage.engine import paths
    return max(paths(flow), key=len)


def answer_all(page, flow, answers):
    for _, label in labels_in_order(flow, answers):
        tap(page, label)
    page.locator("#triage .triage-keep").wait_for()


def current_question(page):
    return page.locator("#triage h2.triage-q").first.get_attribute("data-q")


def test_the_plan_survives_a_plan_link_and_back(quiz, phone, server):
    answers = longest(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    titles = expected_titles(quiz.flow, answers)
    link = phone.locator("#triage .triage-plan .triage-steps a:not([href^='tel:'])").first
    link.click()  # instant navigation to a guide page
    phone.wait_for_url(re.compile(r"/guide/"))
    phone.go_back()
    phone.wait_for_url(re.compile(r"/quiz/$"))
    phone.locator("#triage[data-enhanced] .triage-keep:not([hidden])").wait_for()
    assert plan_titles(phone) == titles
    assert "?" not in phone.url
    # and Back again steps into the questions, not off the page
    phone.go_back()
    phone.wait_for_function("() => document.querySelector('#triage h2.triage-q[data-q]')")
    assert current_question(phone) == labels_in_order(quiz.flow, answers)[-1][0]
    assert phone.url.endswith("/quiz/")


def test_back_and_forward_step_through_the_questions_on_the_page(quiz, phone, server):
    answers = longest(quiz.flow)
    steps = labels_in_order(quiz.flow, answers)
    phone.goto(server.url + "quiz/")
    for _, label in steps[:2]:
        tap(phone, label)
    third = current_question(phone)
    phone.go_back()  # the phone's Back gesture
    phone.wait_for_function("q => document.querySelector('#triage h2.triage-q').getAttribute('data-q') === q", arg=steps[1][0])
    phone.go_back()
    phone.wait_for_function("q => document.querySelector('#triage h2.triage-q').getAttribute('data-q') === q", arg=steps[0][0])
    assert phone.url == server.url + "quiz/", "still on the quiz, nothing in the address"
    phone.go_forward()
    phone.go_forward()
    phone.wait_for_function("q => document.querySelector('#triage h2.triage-q').getAttribute('data-q') === q", arg=third)


def test_a_reload_keeps_the_question_and_the_plan(quiz, phone, server):
    answers = longest(quiz.flow)
    steps = labels_in_order(quiz.flow, answers)
    phone.goto(server.url + "quiz/")
    tap(phone, steps[0][1])
    phone.reload()
    phone.locator("#triage[data-enhanced]").wait_for()
    assert current_question(phone) == steps[1][0]
    for _, label in steps[1:]:
        tap(phone, label)
    phone.reload()
    phone.locator("#triage[data-enhanced] .triage-keep:not([hidden])").wait_for()
    assert plan_titles(phone) == expected_titles(quiz.flow, answers)
    stored = phone.evaluate("() => Object.keys(sessionStorage).map(k => k + sessionStorage.getItem(k)).join()")
    assert "triage-kept:/quiz/" in stored
    assert not phone.evaluate("() => caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(all => [].concat(...all).map(r => r.url).filter(u => u.indexOf('?') >= 0))")


def test_restart_erases_the_kept_plan(quiz, phone, server):
    answers = longest(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    phone.get_by_role("button", name="重新开始").click()
    assert phone.evaluate(KEPT) == []
    phone.reload()
    phone.locator("#triage[data-enhanced]").wait_for()
    assert current_question(phone) == quiz.flow.start
    phone.go_back()  # the entries of the old answers show the start too
    phone.wait_for_function("q => document.querySelector('#triage h2.triage-q').getAttribute('data-q') === q", arg=quiz.flow.start)


@pytest.mark.parametrize("where", ["quiz", "guide"])
def test_after_the_quick_exit_back_does_not_show_the_plan(quiz, phone, server, where):
    answers = longest(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    if where == "guide":  # left from the page a plan link led to
        phone.locator("#triage .triage-plan .triage-steps a:not([href^='tel:'])").first.click()
        phone.wait_for_url(re.compile(r"/guide/"))
    phone.locator(".site-exit__button").click()
    phone.wait_for_url("about:blank")
    phone.go_back()  # the exit took the place of the page it left: Back is the quiz's plan entry
    phone.wait_for_url(re.compile(r"/quiz/$"))
    phone.locator("#triage[data-enhanced]").wait_for()
    assert current_question(phone) == quiz.flow.start
    assert phone.locator("#triage .triage-review").count() == 0
    assert phone.evaluate(KEPT) == []


def folded(text):
    return re.sub(r"\s+", " ", text).strip()


def test_the_copied_and_downloaded_text_has_every_step_whole(quiz, phone, server):
    from triage.engine import plan, walk
    answers = crisis_path(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    phone.get_by_role("button", name="复制清单文字").click()
    copied = phone.evaluate("navigator.clipboard.readText()")
    with phone.expect_download() as dl:
        phone.get_by_role("button", name="下载清单（.txt）").click()
    assert open(dl.value.path(), encoding="utf-8-sig").read() == copied
    text = folded(copied)
    for s in plan(quiz.flow, walk(quiz.flow, answers).situations):
        for st in s.steps:
            assert folded(st.do) in text, f"step cut short in the text: {st.do}"
            label = quiz.labels[st.link]
            assert re.search(re.escape(label) + r"（" + re.escape(server.url) + r"\S+）", text), f"no address after {label}"
    numbers = phone.eval_on_selector_all("#triage .triage-plan a[href^='tel:']", "els => els.map(e => e.textContent)")
    assert numbers and all(n in text for n in numbers)
    for href in phone.eval_on_selector_all("#triage .triage-plan .triage-steps a:not([href^='tel:'])", "els => els.map(e => e.href)"):
        assert f"（{href}）" in text


def test_the_printed_plan_shows_each_links_address(quiz, phone, server):
    answers = crisis_path(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    phone.get_by_role("button", name="打印清单").click()
    phone.emulate_media(media="print")
    phone.evaluate("document.body.classList.add('triage-printing')")  # window.print is stubbed: the class stays
    shown = phone.eval_on_selector_all(
        "#triage .triage-plan .triage-steps a:not([href^='tel:'])",
        "els => els.map(e => [e.href, getComputedStyle(e, '::after').content])")
    assert shown
    for href, after in shown:
        assert href in after, f"printed without its address: {href} {after}"


def test_where_the_clipboard_is_refused_the_text_is_selected_beside_the_button_and_the_page_stays(quiz, phone, server):
    phone.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                          "document.execCommand = function () { return false; };")
    answers = crisis_path(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    button = phone.get_by_role("button", name="复制清单文字")
    button.evaluate("b => b.scrollIntoView({block: 'center'})")
    y = phone.evaluate("window.scrollY")
    button.click()
    box = phone.locator("#triage .triage-keep + textarea.triage-copy-box")
    box.wait_for()
    assert phone.evaluate("window.scrollY") == y, "the page jumped"
    value = box.input_value()
    assert expected_titles(quiz.flow, answers)[0] in value and "tel:" not in value
    assert box.evaluate("b => document.activeElement === b && b.selectionStart === 0 && b.selectionEnd === b.value.length")
    assert "已选中" in phone.locator("#triage .triage-status").inner_text()


def test_the_shared_copy_helper_shows_the_text_beside_the_button_for_the_tools(phone, server):
    """SiteKit.copy without a box of its own (the tools' way): refused clipboard and copy command -> the text
    selected right after the button pressed, the page unmoved."""
    phone.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                          "document.execCommand = function () { return false; };")
    phone.goto(server.url + "tools/")
    result = phone.evaluate("""() => new Promise(done => {
      const b = document.createElement('button'); b.textContent = '复制';
      const p = document.createElement('p'); p.appendChild(b);
      document.querySelector('.md-content article').appendChild(p);
      b.scrollIntoView({block: 'center'}); b.focus();
      const y = window.scrollY;
      SiteKit.copy('第一行\\n第二行', r => {
        const box = b.nextElementSibling;
        done({r, y: window.scrollY === y, box: box && box.classList.contains('site-copy-box'), sel: box && box.selectionStart === 0 &&
              box.selectionEnd === box.value.length && document.activeElement === box, value: box && box.value});
      });
    })""")
    assert result == {"r": "selected", "y": True, "box": True, "sel": True, "value": "第一行\n第二行"}


def test_the_first_screen_shows_the_safety_boxes_and_the_first_question(server, phone):
    phone.goto(server.url)
    phone.locator("#triage[data-enhanced]").wait_for()
    height = PHONE["height"]
    for sel in (".md-content .admonition.danger", ".md-content .admonition.info"):
        assert phone.eval_on_selector(sel, "e => e.getBoundingClientRect().bottom") <= height, sel
    assert phone.eval_on_selector("#triage h2.triage-q", "e => e.getBoundingClientRect().bottom") <= height
    assert phone.eval_on_selector("#triage .triage-option", "e => e.getBoundingClientRect().bottom") <= height


def test_the_exit_button_covers_no_link_of_the_plan(quiz, phone, server):
    answers = crisis_path(quiz.flow)
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    assert phone.locator(".site-exit__button").is_visible()
    covered = phone.evaluate("""() => {
      const out = [];
      for (const a of document.querySelectorAll('#triage .triage-plan a')) {
        for (const block of ['center', 'end']) {
          a.scrollIntoView({block});
          const r = a.getClientRects()[0];
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (!hit || !(hit === a || a.contains(hit))) out.push(block + ' ' + a.textContent + ' under ' + (hit && hit.className));
        }
      }
      return out;
    }""")
    assert phone.locator("#triage .triage-plan a[href^='tel:']").count(), "the plan has phone numbers"
    assert not covered, covered
    # Shift×3 still leaves
    phone.locator("body").click(position={"x": 5, "y": 300})
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url("about:blank")
