"""The quiz in headless Chromium, as a reader on a phone uses it: every tap answered at once from the
pre-rendered states (the quiz never loads the Python runtime; only a card's own tool does), the same plan as the engine,
focus on what changed, 修改 and 重新开始, keeping the plan, the static version without JavaScript, and privacy. The
two questions about what happened take several answers (tick boxes and 「下一步」; without JavaScript, tick boxes next to the plan).

Paths and expected plans come from the engine itself, so these tests follow the flow as it is edited."""
import re

import pytest

from quizdrive import answer_all, labels_in_order, tap
from support import EARLY, ROOT, Server, axe_violations, build, copy_project, free_port

PHONE = {"width": 390, "height": 844}
RUNTIME = re.compile(r"pyodide|\.whl|stdlib|engine-worker|triage-worker|(?<!/components)/engine/")  # the runtime folder, not the glue


@pytest.fixture(scope="module")
def quiz():
    from sitegen.content.flow import load_flow
    return load_flow(ROOT / "data" / "flow.yaml", ROOT / "docs")


def sample_paths(flow):
    """Three paths that differ: the first, one through an at-once card, and the longest."""
    from triage.engine import paths
    every = list(paths(flow))
    at_once = {s.id for s in flow.situations.values() if s.at_once}
    urgent = next(p for p in every if any(set(flow.questions[q].option(o).situations) & at_once for q, o in p.items()))
    return {"first": every[0], "at-once": urgent, "longest": max(every, key=len)}


def expected_titles(flow, answers):
    from triage.engine import plan, walk
    return [s.title for s in plan(flow, walk(flow, answers).situations)]


@pytest.fixture
def phone(browser, server):
    """A phone-sized page that records every request, with the Python runtime blocked outright."""
    ctx = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.seen = []
    page.on("request", lambda r: page.seen.append((r.url, r.post_data)))
    page.route(RUNTIME, lambda route: route.abort())
    yield page
    ctx.close()


def plan_titles(page):
    return page.locator("#triage .triage-plan:not(.triage-now) > .triage-card .triage-card-title").all_inner_texts()


def assert_private(server, seen):
    for url, body in seen:
        assert url.startswith(server.url), f"left the site's origin: {url}"
        assert "?" not in url and body is None, f"a request carries data: {url} {body}"


@pytest.mark.parametrize("name", ["first", "at-once", "longest"])
def test_every_tap_shows_the_next_step_at_once_and_the_plan_is_the_engines(quiz, phone, server, name):
    answers = sample_paths(quiz.flow)[name]
    phone.goto(server.url + "quiz/")
    for qid, label in labels_in_order(quiz.flow, answers):
        assert phone.locator("#triage h2.triage-q").get_attribute("data-q") == qid
        tap(phone, label)  # no waiting: the next view is in the DOM when click() returns
    assert phone.locator("#triage h2.triage-q").inner_text() == "你的行动清单"
    assert plan_titles(phone) == expected_titles(quiz.flow, answers)
    assert phone.evaluate("document.activeElement.classList.contains('triage-q')"), "focus moves to the plan"
    assert "行动清单" in phone.locator("#triage .triage-status").inner_text()
    # only the court-papers card's deadline helper loads the runtime, for itself (test_deadlines_browser.py)
    tools = phone.locator("#triage .tool").count()
    assert tools or not [u for u, _ in phone.seen if RUNTIME.search(u)], "the quiz must never ask for the runtime"
    assert phone.locator("text=没能启动").count() == phone.locator(".tool :text('没能启动')").count()
    assert_private(server, phone.seen)
    for href in phone.eval_on_selector_all("#triage .triage-steps a[href^=http]", "els => els.map(e => e.href)"):
        page_url, _, anchor = href.partition("#")
        response = phone.request.get(page_url)
        assert response.ok and f'id="{anchor}"' in response.text(), href


def test_an_at_once_card_is_shown_and_focused_right_after_the_answer(quiz, phone, server):
    answers = sample_paths(quiz.flow)["at-once"]
    steps = labels_in_order(quiz.flow, answers)
    phone.goto(server.url + "quiz/")
    for qid, label in steps:
        tap(phone, label)
        option = quiz.flow.questions[qid].option(answers[qid])
        if any(quiz.flow.situations[s].at_once for s in option.situations):
            break
    card = phone.locator("#triage .triage-now .triage-card--at-once").first
    assert card.is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('triage-card-title')"), \
        "a screen reader must announce the card first"
    assert phone.locator("#triage h2.triage-q").is_visible(), "the reader can go on with the other questions"


def test_changing_an_earlier_answer_keeps_the_later_ones(quiz, phone, server):
    from triage.engine import paths, walk
    for answers in paths(quiz.flow):  # a path where changing the first answer still completes the quiz
        first = quiz.flow.start
        others = [o.id for o in quiz.flow.questions[first].options if o.id != answers[first]]
        changed = next(({**answers, first: o} for o in others if walk(quiz.flow, {**answers, first: o}).current is None), None)
        if changed:
            break
    phone.goto(server.url + "quiz/")
    for _, label in labels_in_order(quiz.flow, answers):
        tap(phone, label)
    question = quiz.flow.questions[first]
    phone.get_by_role("button", name=f"修改：{question.text}").click()
    assert phone.locator("#triage h2.triage-q").get_attribute("data-q") == first
    tap(phone, question.option(changed[first]).label)
    assert plan_titles(phone) == expected_titles(quiz.flow, changed), "the later answers were kept"


def test_restart(phone, server):
    phone.goto(server.url + "quiz/")
    first = phone.locator("#triage h2.triage-q").inner_text()
    phone.locator("#triage .triage-option").first.click()
    phone.get_by_role("button", name="重新开始").click()
    assert phone.locator("#triage h2.triage-q").inner_text() == first
    assert phone.evaluate("document.activeElement.classList.contains('triage-q')")


def test_keep_my_plan_copy_download_print(quiz, phone, server):
    answers = sample_paths(quiz.flow)["first"]
    phone.goto(server.url + "quiz/")
    for _, label in labels_in_order(quiz.flow, answers):
        tap(phone, label)
    titles = expected_titles(quiz.flow, answers)
    phone.get_by_role("button", name="复制清单文字").click()
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert all(t in copied for t in titles) and "不构成法律意见" in copied and server.url in copied
    with phone.expect_download() as dl:
        phone.get_by_role("button", name="下载清单（.txt）").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert text == copied
    phone.evaluate("document.body.classList.add('triage-printing')")
    phone.emulate_media(media="print")
    printed = phone.locator("body").inner_text()
    assert titles[0] in printed and "不构成法律意见" in printed and "网站版本" in printed
    assert not phone.locator("#triage .triage-option").count() and not phone.locator(".md-header").is_visible()
    assert_private(server, phone.seen)


def test_copy_falls_back_to_selected_text_where_the_clipboard_is_refused(quiz, phone, server):
    answers = sample_paths(quiz.flow)["first"]
    phone.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    phone.goto(server.url + "quiz/")
    for _, label in labels_in_order(quiz.flow, answers):
        tap(phone, label)
    phone.get_by_role("button", name="复制清单文字").click()
    box = phone.locator("textarea.triage-copy-box")
    assert box.is_visible() and expected_titles(quiz.flow, answers)[0] in box.input_value()
    assert phone.evaluate("document.activeElement.classList.contains('triage-copy-box')")


@pytest.mark.parametrize("name", ["first", "at-once", "longest"])
def test_the_same_paths_without_javascript(quiz, browser, server, name):
    answers = sample_paths(quiz.flow)[name]
    ctx = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = ctx.new_page()
    seen = []
    page.on("request", lambda r: seen.append((r.url, r.post_data)))
    page.goto(server.url + "quiz/")
    for _, label in labels_in_order(quiz.flow, answers):
        if isinstance(label, list):  # several answers: tick boxes on the same page as the plan
            for one in label:
                box = page.locator(".triage-state:visible label.triage-check", has_text=re.compile(f"^{re.escape(one)}$"))
                if box.count():  # 都没有 has no box without JavaScript: ticking nothing says it
                    box.click()
            continue
        page.locator(".triage-state:visible .triage-option, #triage .triage-option",
                     has_text=re.compile(f"^{re.escape(label)}$")).first.click()
        assert re.fullmatch(r"#s[0-9a-f]{8}", page.evaluate("location.hash")), "state ids are opaque"
    state = page.locator(".triage-state:visible")
    assert state.locator("h2.triage-plan-title, h2.triage-q").last.inner_text() == "你的行动清单"
    assert state.locator("ol.triage-plan:not(.triage-now) > li:visible > a").all_inner_texts() == expected_titles(quiz.flow, answers)
    assert "?" not in page.url and re.fullmatch(r"#s[0-9a-f]{8}", page.evaluate("location.hash"))
    assert_private(server, seen)
    ctx.close()


def test_the_static_version_with_javascript_steps_back_one_question_like_without(quiz, page, server):
    """As without JavaScript and as in the enhanced quiz (issue 16): each answer is a history entry, so Back
    goes to the question before, not off the page."""
    page.goto(server.url + "quiz/static/")
    page.locator(".triage-static[data-enhanced]").wait_for(state="attached")  # the script's own click handler
    length = page.evaluate("history.length")

    def answer():  # (a click can return before the page has handled it: wait for the new state)
        before = page.evaluate("location.hash")
        page.locator(".triage-state:visible .triage-option").first.click()
        page.wait_for_function("h => location.hash !== h", arg=before)
    first = page.locator(".triage-state:visible h2").first.inner_text()
    answer()
    second = page.locator(".triage-state:visible h2").first.inner_text()
    answer()
    assert page.evaluate("history.length") == length + 2
    page.go_back()
    assert page.locator(".triage-state:visible h2").first.inner_text() == second
    page.go_back()
    assert page.locator(".triage-state:visible h2").first.inner_text() == first
    assert page.url.endswith("/quiz/static/")


def test_questions_fit_a_phone_screen_above_the_fold(quiz, phone, server):
    """Every question's options end within one 390×844 screen when its heading is at the top."""
    from triage.engine import paths
    seen = set()
    for answers in paths(quiz.flow):
        steps = labels_in_order(quiz.flow, answers)
        if {q for q, _ in steps} <= seen:
            continue
        if phone.url.startswith(server.url):  # a new tab each time: the same address again counts as a reload,
            phone.evaluate("sessionStorage.clear()")  # which (rightly) brings back the plan kept in this tab
        phone.goto(server.url + "quiz/")
        for qid, label in steps:
            if qid not in seen:
                seen.add(qid)
                phone.eval_on_selector("#triage h2.triage-q", "h => h.scrollIntoView()")
                top = phone.eval_on_selector("#triage h2.triage-q", "h => h.getBoundingClientRect().top")
                bottom = phone.eval_on_selector_all("#triage .triage-options, #triage .triage-next",
                                                    "us => Math.max(...us.map(u => u.getBoundingClientRect().bottom))")
                assert bottom - top <= PHONE["height"] - 60, f"question {qid} needs scrolling on a phone"
            tap(phone, label)
    assert seen == set(quiz.flow.questions)


@EARLY.register("hostile_site")  # built in the background while other tests run (tests/support.py)
def _build_hostile_site(tmp_path_factory):
    """A flow whose texts try to inject markup: it must render as inert text everywhere."""
    from sitegen.content.flow import load_flow
    quiz = load_flow(ROOT / "data/flow.yaml", ROOT / "docs")
    tmp = tmp_path_factory.mktemp("xss")
    project = copy_project(tmp / "project")
    flow = project / "data/flow.yaml"
    text = flow.read_text(encoding="utf-8")
    first = quiz.flow.questions[quiz.flow.start]
    second = quiz.flow.questions[first.options[0].next]
    text = text.replace(f"label: {first.options[0].label}", "label: '<img src=x onerror=\"window.__xss=1\">有'", 1)
    text = text.replace(f"text: {second.text}", "text: '<script>window.__xss=2</script>法院文书？'", 1)
    flow.write_text(text, encoding="utf-8")
    port = free_port()
    result = build(project, tmp / "site", site_url=f"http://127.0.0.1:{port}/", SITEGEN_RUNTIME="untrimmed")  # (no tool used)
    assert result.returncode == 0, result.stderr
    return tmp / "site", port


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    srv = Server(*EARLY.get("hostile_site", tmp_path_factory))
    yield srv
    srv.close()


def test_markup_in_the_flow_is_rendered_as_text(hostile_site, page):
    page.goto(hostile_site.url + "quiz/")
    option = page.locator("#triage .triage-option").first
    assert option.inner_text().startswith("<img")
    option.click()
    assert "<script>" in page.locator("#triage h2.triage-q").inner_text()
    page.goto(hostile_site.url + "quiz/static/")
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x]").count() == 0


# axe over the states a reader reaches (second question, at-once cards, the plan with its controls): once per
# state in test_components_browser.py, from overrides/components/quiz/examples.yaml (the same fragments).


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_on_the_several_answer_question(quiz, browser, server, width):
    """The live widget at a several-answer question, as shown, with a box ticked, and after 下一步 with none."""
    from triage.states import reaching
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(server.url + "quiz/")
    answer_all(page, quiz.flow, reaching(quiz.flow, "papers", given={"danger": "yes"}))
    assert page.locator("#triage .triage-checks").count()
    failures = [f"as shown: {v['id']} {[x['target'] for x in v['nodes']][:3]}" for v in axe_violations(page)]
    page.locator("#triage .triage-tick").first.check()
    # the quiz alone: ticking scrolls, and the theme's header swaps its title as the page scrolls
    failures += [f"one ticked: {v['id']} {[x['target'] for x in v['nodes']][:3]}"
                 for v in axe_violations(page, context="#triage")]
    page.locator("#triage .triage-tick").first.uncheck()
    page.get_by_role("button", name="下一步").click()
    failures += [f"nothing ticked: {v['id']} {[x['target'] for x in v['nodes']][:3]}"
                 for v in axe_violations(page, context="#triage")]
    ctx.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("label,number", [("我觉得撑不下去了", "12356"), ("有，我现在觉得不安全", "110")])
def test_the_first_answer_can_bring_help_at_once(phone, server, label, number):
    """Crisis and danger: the card is announced first (focus on its title) and its number is one tap away."""
    phone.goto(server.url + "quiz/")
    tap(phone, label)
    focused = phone.evaluate("document.activeElement.closest('.triage-card--at-once').textContent")
    assert number in focused
    link = phone.locator(f"#triage .triage-card--at-once a[href='tel:{number}']").first
    assert link.is_visible() and link.inner_text() == number
    assert phone.locator("#triage h2.triage-q").is_visible(), "the reader can go on with the other questions"


# Several answers (issue 16): tick boxes, 都没有, keyboard, the union of cards, and the same without JavaScript.

def test_court_papers_and_a_transfer_demand_give_both_cards(quiz, phone, server):
    from triage.states import reaching
    answers = reaching(quiz.flow, given={"papers": ("court", "transfer")})
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    titles = plan_titles(phone)
    assert titles == expected_titles(quiz.flow, answers)
    cards = quiz.flow.situations
    assert cards["court-papers"].title in titles and cards["scam"].title in titles
    review = phone.locator("#triage .triage-review").inner_text()
    assert "收到了法院寄来的文书" in review and "有人要我转账到个人账户" in review


def test_after_judgment_the_enforcement_card_comes_first(quiz, phone, server):
    from triage.states import reaching
    answers = reaching(quiz.flow, given={"debt": "partial", "papers": ("judgment", "court"), "conduct": ("family",)})
    phone.goto(server.url + "quiz/")
    answer_all(phone, quiz.flow, answers)
    first = phone.locator("#triage .triage-plan > .triage-card").first
    assert first.locator(".triage-card-title").inner_text() == quiz.flow.situations["enforcement"].title
    assert "家人" in first.inner_text() and "生活" in first.inner_text()


def test_several_answers_by_keyboard_with_progress_and_review_above(quiz, phone, server):
    from triage.states import reaching
    to_papers = reaching(quiz.flow, "papers")
    phone.goto(server.url + "quiz/")
    assert phone.locator("#triage .triage-progress").inner_text() == f"第 1 题，最多 {quiz.table['states'][0]['of']} 题"
    answer_all(phone, quiz.flow, to_papers)
    n = len(to_papers) + 1
    assert phone.locator("#triage .triage-progress").inner_text().startswith(f"第 {n} 题，最多 ")
    # each earlier answer, with its 修改, is above the current question
    review_bottom = phone.eval_on_selector("#triage .triage-review", "r => r.getBoundingClientRect().bottom")
    assert review_bottom <= phone.eval_on_selector("#triage h2.triage-q", "h => h.getBoundingClientRect().top")
    assert phone.locator("#triage .triage-review .triage-change").count() == len(to_papers)
    assert phone.evaluate("document.activeElement.classList.contains('triage-q')")
    labels = {o.id: o.label for o in quiz.flow.questions["papers"].options}
    boxes = phone.locator("#triage .triage-tick")
    phone.keyboard.press("Tab")  # heading → first box
    for i in range(boxes.count()):
        value = phone.evaluate("document.activeElement.value")
        if value in ("court", "link"):
            phone.keyboard.press("Space")
        phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "下一步"
    phone.keyboard.press("Enter")
    assert phone.locator("#triage h2.triage-q").get_attribute("data-q") == "conduct"
    said = phone.locator("#triage .triage-review").inner_text()
    assert labels["court"] in said and labels["link"] in said
    # 都没有 clears the other ticks, and 下一步 with nothing ticked asks instead of going on
    phone.locator("#triage .triage-check", has_text="电话打个不停").click()
    phone.locator("#triage .triage-check", has_text="都没有").click()
    assert phone.locator("#triage .triage-tick:checked").count() == 1
    phone.locator("#triage .triage-check", has_text="都没有").click()
    phone.get_by_role("button", name="下一步").click()
    assert phone.locator("#triage h2.triage-q").get_attribute("data-q") == "conduct"
    assert "至少" in phone.locator("#triage .triage-status").inner_text()
    # 修改 a several-answer question: its ticks are still there to change
    phone.get_by_role("button", name=f"修改：{quiz.flow.questions['papers'].text}").click()
    assert sorted(phone.eval_on_selector_all("#triage .triage-tick:checked", "bs => bs.map(b => b.value)")) == ["court", "link"]


def test_several_answers_without_javascript(quiz, browser, server):
    """No JavaScript: one tick box per item on the page with the plan; ticking shows the item's card in the plan,
    and nothing of it reaches the address or a server."""
    from triage.states import reaching
    answers = reaching(quiz.flow, given={"debt": "partial", "papers": ("court", "transfer"), "conduct": ("family", "posted")})
    ctx = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = ctx.new_page()
    seen = []
    page.on("request", lambda r: seen.append((r.url, r.post_data)))
    page.goto(server.url + "quiz/")
    hashes = []
    for _, label in labels_in_order(quiz.flow, answers):
        if isinstance(label, list):
            for one in label:
                page.locator(".triage-state:visible label.triage-check", has_text=re.compile(f"^{re.escape(one)}$")).click()
            hashes.append(page.evaluate("location.hash"))
            continue
        page.locator(".triage-state:visible .triage-option, #triage .triage-option",
                     has_text=re.compile(f"^{re.escape(label)}$")).first.click()
    state = page.locator(".triage-state:visible")
    assert state.locator("ol.triage-plan:not(.triage-now) > li:visible > a").all_inner_texts() == expected_titles(quiz.flow, answers)
    assert len(set(hashes)) == 1 and re.fullmatch(r"#s[0-9a-f]{8}", hashes[0]), "ticks never change the address"
    state.locator("label.triage-check", has_text="有人要我转账到个人账户").click()  # untick
    titles = state.locator("ol.triage-plan:not(.triage-now) > li:visible > a")
    assert quiz.flow.situations["scam"].title not in titles.all_inner_texts()
    shown = titles.all_inner_texts()
    titles.last.click()  # a ticked item's card, then its link back: the ticks and the plan are as they were
    page.get_by_role("link", name="回到行动清单").click()
    page.wait_for_function("h => location.hash === h", arg=hashes[0])
    assert titles.all_inner_texts() == shown
    assert_private(server, seen)
    ctx.close()
