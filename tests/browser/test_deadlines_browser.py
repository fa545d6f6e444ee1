"""The court-deadline helper in Chromium (issue 15, items 3-4): in the quiz's court-papers card and on its tool page,
the reader picks the paper and types the day it arrived, and the last day comes back from the Python engine in the
page's worker, with the caveat and what to do. With the engine blocked the rules in words stay, with how to count.
On Save-Data the engine waits for the first tap into the form.

The expected day comes from the Python engine itself; the page's clock is fixed to TODAY (the engine refuses
dates after the reader's today), so the test does not depend on the machine's date."""
import re
from datetime import date

import pytest

from quizdrive import answer_all
from support import ROOT, axe_violations

TODAY = date(2026, 12, 7)
RECEIVED = "2026-12-01"
CAVEAT = "普通程序的一般期限；小额诉讼、简易程序可能更短，法院可以另定，以文书写明的为准"
WIDGET = ".tool[data-tool=deadlines]"
RUNTIME = re.compile(r"pyodide|\.whl|stdlib|engine-worker|(?<!/components)/engine/")  # the runtime, not the glue
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def data():
    from sitegen import content
    return content.load(content.Paths.of(ROOT))


@pytest.fixture(scope="module")
def expected(data):
    from triage import deadlines
    result = deadlines.compute(data.deadlines, data.holidays, {"paper": "complaint", "received": RECEIVED}, TODAY)["result"]
    assert result["last_day"] == "2026-12-16"  # the issue's own example (民诉法 85: the day received is not counted)
    return result


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.clock.set_fixed_time(f"{TODAY.isoformat()}T10:00:00")
    page.runtime = []
    page.on("request", lambda r: page.runtime.append(r.url) if RUNTIME.search(r.url) else None)
    yield page
    ctx.close()


def to_court_papers_plan(page, server, data):
    """Through the quiz by the fewest answers that give a plan with the court-papers card."""
    from triage.states import reaching
    flow = data.quiz.flow
    answers = reaching(flow, situation="court-papers")
    page.goto(server.url + "quiz/")
    answer_all(page, flow, answers)
    return page.locator(f"#triage .triage-card[data-situation=court-papers] {WIDGET}")


def compute_and_check(page, root, expected):
    assert root.locator(".dl-rules").is_visible(), "the rule in words shows at once"
    root.get_by_label(expected["label"], exact=True).check()
    root.locator("[name=received]").fill(RECEIVED)
    root.get_by_role("button", name="算出最后一天").click()
    out = root.locator(".dl-output")
    out.locator(f".dl-summary:has-text('{expected['last_day']}')").wait_for(timeout=120000)
    assert page.evaluate("PyEngine.ready"), "the date came from the engine"
    text = out.inner_text()
    assert expected["summary"] in text and CAVEAT in text and expected["todo"] in text
    assert page.runtime, "the engine was loaded in the page"
    violations = axe_violations(page, context=WIDGET)
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_the_court_papers_card_in_the_quiz_plan_computes_the_last_day(server, phone, data, expected):
    root = to_court_papers_plan(phone, server, data)
    assert phone.evaluate("document.activeElement.classList.contains('triage-q')"), "focus stays on the plan"
    compute_and_check(phone, root, expected)
    # the day worked out goes with the kept plan: in the .txt (as in copy) and on paper
    with phone.expect_download() as dl:
        phone.get_by_role("button", name="下载清单（.txt）").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert expected["summary"] in text and CAVEAT in text, text
    phone.emulate_media(media="print")
    assert root.locator(".dl-summary").is_visible() and not root.locator(".dl-form").is_visible()


def test_the_tool_page_computes_the_last_day(server, phone, expected):
    phone.goto(server.url + "tools/deadlines/")
    compute_and_check(phone, phone.locator(WIDGET), expected)


@pytest.mark.parametrize("where", ["tool page", "quiz"])
def test_with_the_engine_blocked_the_words_stay_with_how_to_count(server, phone, data, where):
    phone.route(RUNTIME, lambda route: route.abort())
    if where == "quiz":
        root = to_court_papers_plan(phone, server, data)
    else:
        phone.goto(server.url + "tools/deadlines/")
        root = phone.locator(WIDGET)
    root.locator(".tool-status:has-text('自己数')").wait_for(timeout=30000)
    status = root.locator(".tool-status").inner_text()
    assert "收到文书的那一天不算" in status and "顺延" in status, status
    rules = root.locator(".dl-rules")
    assert rules.is_visible() and CAVEAT in rules.inner_text() and "15 日" in rules.inner_text()
    root.get_by_label(data.deadlines.papers["complaint"].label, exact=True).check()
    root.locator("[name=received]").fill(RECEIVED)
    root.get_by_role("button", name="算出最后一天").click()
    assert root.locator(".dl-output").is_hidden(), "no date without the engine"
    violations = axe_violations(phone, context=WIDGET)
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_on_save_data_the_engine_waits_for_the_first_tap(server, phone):
    phone.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true, effectiveType: '4g'}})")
    phone.goto(server.url + "tools/deadlines/")
    phone.locator(f"{WIDGET}[data-enhanced]").wait_for()
    phone.wait_for_function("() => document.readyState === 'complete'")
    assert not phone.evaluate("!!(PyEngine.progress || PyEngine.ready)") and not phone.runtime, phone.runtime
    with phone.expect_request(RUNTIME, timeout=30000):
        phone.locator(f"{WIDGET} [name=received]").click()
