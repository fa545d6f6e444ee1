"""The quiz in headless Chromium: with Pyodide, without JavaScript, with Pyodide blocked; privacy; exit."""
import re

import pytest

from support import Server, build, copy_project, free_port

PATHS = {
    "danger-and-court": (["有，我现在觉得不安全", "收到了法院送达的文书", "有", "上面两种都有", "想还，但一次还不上", "担心"],
                         "先保证安全：立即拨打 110"),
    "old-debt": (["没有", "都没有", "没有", "都没有", "是好几年前的旧债，很久没人联系我", "确定都没有"],
                 "旧债：了解诉讼时效，但别指望“拖过去”"),
    "repaid-and-family": (["没有", "没有，只是催收说要起诉我", "不确定对方是不是真的", "联系了我的家人、朋友、通讯录里的人或单位",
                           "已经还清了，却还在被催", "不太担心"], "先核实对方，谨防诈骗"),
}
ANSWER_WORDS = ["yes", "no", "court", "threat", "unsure", "others", "both", "partial", "repaid", "old"]


def heading(page):
    return page.locator("#triage h2.triage-q").inner_text()


def answer(page, label):
    before = heading(page)
    page.locator("#triage a.triage-option", has_text=re.compile(f"^{re.escape(label)}$")).click()
    page.wait_for_function("b => document.querySelector('#triage h2.triage-q').innerText !== b", arg=before, timeout=60000)


def first_plan_item(page):
    return page.locator("#triage .triage-plan > li h3").first.inner_text()


@pytest.fixture
def watched(page, server):
    """The page, plus every request it makes (URL and body)."""
    seen = []
    page.on("request", lambda r: seen.append((r.url, r.post_data)))
    page.seen = seen
    return page


def assert_private(server, seen):
    for url, body in seen:
        assert url.startswith(server.url), f"left the site's origin: {url}"
        assert "?" not in url and body is None, f"a request carries data: {url} {body}"
        assert not any(f"={w}" in url or f"/{w}/" in url for w in ANSWER_WORDS), url


@pytest.mark.parametrize("name", PATHS)
def test_three_paths_with_pyodide(server, watched, name):
    labels, first = PATHS[name]
    watched.goto(server.url + "quiz/")
    assert watched.locator("#triage a.triage-option").first.is_visible()  # answerable at once, no spinner
    for label in labels:
        answer(watched, label)
    assert heading(watched) == "你的行动清单"
    assert first_plan_item(watched) == first
    assert watched.evaluate("document.activeElement.classList.contains('triage-q')"), "focus moves to the new content"
    assert "行动清单" in watched.locator("#triage .triage-status").inner_text()
    assert any("pyodide.asm.wasm" in u for u, _ in watched.seen), "the plan should come from the Pyodide engine"
    assert_private(server, watched.seen)
    # every step's link, as the browser built it, lands on an existing section
    for href in watched.eval_on_selector_all("#triage .triage-steps a", "els => els.map(e => e.href)"):
        page_url, _, anchor = href.partition("#")
        response = watched.request.get(page_url)
        assert response.ok and f'id="{anchor}"' in response.text(), href


def test_changing_an_earlier_answer_keeps_later_answers(server, watched):
    labels, _ = PATHS["old-debt"]
    watched.goto(server.url + "quiz/")
    for label in labels[:4] + ["想还，但一次还不上", "担心"]:
        answer(watched, label)
    titles = watched.locator("#triage .triage-plan > li h3").all_inner_texts()
    assert "法院文书有期限，先处理它" not in titles
    before = heading(watched)
    watched.get_by_role("button", name=re.compile("修改：你收到过法院的文书吗")).click()
    watched.wait_for_function("b => document.querySelector('#triage h2.triage-q').innerText !== b", arg=before)
    assert "你收到过法院的文书吗" in heading(watched)
    answer(watched, "收到了法院送达的文书")
    titles = watched.locator("#triage .triage-plan > li h3").all_inner_texts()
    assert titles[0] == "法院文书有期限，先处理它" and "还不上全款：主动协商还款" in titles  # later answers kept
    assert_private(server, watched.seen)


def test_restart_and_quick_exit(server, page):
    page.goto(server.url)
    page.goto(server.url + "quiz/")
    answer(page, "没有")
    page.get_by_role("button", name="重新开始").click()
    assert heading(page).startswith("第 1 题")
    answer(page, "没有")
    page.get_by_role("button", name="清除并离开").click()
    page.wait_for_url("about:blank")
    page.go_back()
    assert page.url == server.url, "the quiz's history entry is replaced, so Back does not return to it"


def static_walk(page, labels):
    for label in labels:
        page.locator(".triage-state:visible a.triage-option, #triage a.triage-option",
                     has_text=re.compile(f"^{re.escape(label)}$")).first.click()
    return page.locator(".triage-state:visible").inner_text()


@pytest.mark.parametrize("name", PATHS)
def test_the_same_paths_without_javascript(server, browser, name):
    labels, first = PATHS[name]
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    seen = []
    page.on("request", lambda r: seen.append((r.url, r.post_data)))
    page.goto(server.url + "quiz/")
    text = static_walk(page, labels)
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "你的行动清单" and lines[2].startswith(first)
    assert_private(server, seen)
    ctx.close()


def test_when_pyodide_is_blocked_the_reader_still_reaches_the_plan(server, page):
    page.context.route("**/quiz-assets/**", lambda route: route.abort())  # context: the service worker's requests too
    page.goto(server.url + "quiz/")
    page.locator("#triage a.triage-option", has_text=re.compile("^没有$")).click()
    status = page.locator("#triage .triage-status")
    status.get_by_text("互动版本没能启动").wait_for(timeout=60000)
    page.locator("a.triage-continue").click()
    labels, first = PATHS["old-debt"]
    text = static_walk(page, labels[1:])
    assert "你的行动清单" in text and first in text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A flow whose texts try to inject markup: it must render as inert text everywhere."""
    tmp = tmp_path_factory.mktemp("xss")
    project = copy_project(tmp / "project")
    flow = project / "quiz/flow.yaml"
    text = flow.read_text(encoding="utf-8")
    text = text.replace("label: 有，我现在觉得不安全", "label: '<img src=x onerror=\"window.__xss=1\">有'")
    text = text.replace("text: 你收到过法院的文书吗？", "text: '<script>window.__xss=2</script>法院文书？'")
    flow.write_text(text, encoding="utf-8")
    port = free_port()
    result = build(project, tmp / "site", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    srv = Server(tmp / "site", port)
    yield srv
    srv.close()


def test_markup_in_the_flow_is_rendered_as_text(hostile_site, page):
    page.goto(hostile_site.url + "quiz/")
    option = page.locator("#triage a.triage-option").first
    assert option.inner_text().startswith("<img")
    option.click()
    page.wait_for_function("document.querySelector('#triage h2.triage-q').innerText.indexOf('第 2 题') === 0", timeout=60000)
    assert "<script>" in heading(page)
    page.goto(hostile_site.url + "quiz/static/#q-papers--danger")
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x]").count() == 0
