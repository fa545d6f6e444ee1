"""Reader tools in headless Chromium: letters, print view, evidence log storage and import, privacy."""
import json

import pytest

TYPED = ["李四四", "13912345678", "催收说要去我单位闹", "母亲接到电话"]
NEGOTIATION = {"name": "李四四", "date": "2026-11-28", "lender": "重庆小米消费金融有限公司", "contact_phone": "13912345678",
               "amount_owed": "8000", "hardship": "2026年3月失业", "monthly_amount": "400", "first_payment_date": "2026-12-20"}
ENTRY = {"when": "2026-11-02 21:30", "number": "13912345678", "what": "催收说要去我单位闹", "proof": "截图"}


@pytest.fixture
def tools_page(page):
    page.seen = []
    page.on("request", lambda r: page.seen.append((r.url, r.method, r.post_data)))
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    return page


def assert_nothing_typed_left(server, seen):
    for url, method, body in seen:
        assert url.startswith(server.url) and method == "GET" and body is None and "?" not in url, url
        assert not any(t in url for t in TYPED), url


def fill_letter(page, root, values):
    for name, value in values.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("[name=plan]").select_option(index=1)
    root.locator("button[type=submit]").click()


def test_fill_download_and_print_a_letter(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/letters/")
    root = page.locator(".tool[data-letter=negotiation]")
    fill_letter(page, root, {**NEGOTIATION, "amount_owed": "八千"})
    root.locator(".tool-error:has-text('只填数字')").wait_for(timeout=60000)
    assert root.locator("[name=amount_owed]").input_value() == "八千", "what the reader typed is kept"
    assert root.locator("[name=amount_owed]").get_attribute("aria-invalid") == "true"
    root.locator("[name=amount_owed]").fill("8000")
    root.locator("button[type=submit]").click()
    letter = root.locator(".letter-output")
    letter.wait_for()
    text = letter.inner_text()
    assert "李四四" in text and "8,000.00" in text
    with page.expect_download() as dl:
        root.get_by_role("button", name="下载为文本文件").click()
    assert dl.value.suggested_filename == "协商还款申请.txt"
    assert open(dl.value.path(), encoding="utf-8-sig").read() == text
    root.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.locator("#print-area").is_visible() and not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    foot = page.locator("#print-area .print-foot").inner_text()
    assert "不构成法律意见" in foot and "网站版本 20" in foot
    assert_nothing_typed_left(server, page.seen)


def add_entry(page, root, values, who="家人", channel="电话", timeout=60000):
    for name, value in values.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("[name=channel]").select_option(channel)
    root.locator("[name=who]").select_option(who)
    count = root.locator(".ev-table tr:has(td)").count()
    root.locator("button[type=submit]").click()
    page.wait_for_function(f"() => document.querySelectorAll('.tool[data-tool=evidence] .ev-table tr:has(td)').length > {count}",
                           timeout=timeout)  # this entry's own row, not the rows already there


def test_evidence_survives_a_reload_only_after_opt_in_and_is_gone_after_delete_all(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    add_entry(page, root, ENTRY)
    page.reload()
    assert root.locator(".ev-table tr:has(td)").count() == 0, "without opt-in nothing is kept"
    add_entry(page, root, ENTRY)
    root.locator(".ev-keep").check()
    page.reload()
    root.locator(".ev-table tr:has(td)").first.wait_for()
    assert "催收说要去我单位闹" in root.locator(".ev-table").inner_text()
    assert root.locator(".ev-keep").is_checked()
    page.goto(server.url + "tools/letters/")  # the complaint letter can include the log's summary
    complaint = page.locator(".tool[data-letter=complaint]")
    complaint.get_by_role("button", name="从我的证据记录生成摘要").click()
    page.wait_for_function("() => document.querySelector('#l-complaint-evidence_summary').value.indexOf('1 次催收联系') > 0", timeout=60000)
    page.goto(server.url + "tools/evidence-log/")
    root.locator(".ev-table tr:has(td)").first.wait_for()
    root.get_by_role("button", name="全部删除").click()
    root.get_by_role("button", name="确认全部删除？再点一次").click()
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    assert root.locator(".ev-table tr:has(td)").count() == 0
    assert_nothing_typed_left(server, page.seen)


def test_a_bad_import_is_refused_and_the_log_is_untouched(server, tools_page, tmp_path):
    page = tools_page
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    add_entry(page, root, ENTRY)
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"contacts": ["not a log"]}), encoding="utf-8")
    root.locator(".ev-import").set_input_files(str(foreign))
    root.locator(".tool-status:has-text('不是本站导出的证据记录')").wait_for(timeout=30000)
    assert root.locator(".ev-table tr:has(td)").count() == 1
    with page.expect_download() as dl:
        root.get_by_role("button", name="导出文件").click()
    exported = tmp_path / "log.json"
    exported.write_bytes(open(dl.value.path(), "rb").read())
    root.locator(".ev-import").set_input_files(str(exported))
    root.locator(".tool-status:has-text('已导入 1 条')").wait_for(timeout=30000)
    assert root.locator(".ev-table tr:has(td)").count() == 1, "re-importing the same entries keeps them once"
    assert_nothing_typed_left(server, page.seen)


def test_limitation_helper_separates_demands_from_own_acts_and_rejects_bad_dates(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/limitation/")
    root = page.locator(".tool[data-tool=limitation]")
    root.locator("[name=due]").fill("2019-01-10")
    root.locator("[name=demands]").fill("2021-05-01，2024-02-30")
    root.locator("button[type=submit]").click()
    root.locator(".tool-error:has-text('“2024-02-30”这一天不存在')").wait_for(timeout=60000)
    assert root.locator("[name=demands]").input_value() == "2021-05-01，2024-02-30", "what the reader typed is kept"
    # Issue 15: the period ended on 2022-01-10; a demand on 2024-06-01 does not restart it.
    root.locator("[name=demands]").fill("2024-06-01")
    root.locator("button[type=submit]").click()
    page.wait_for_function("() => (document.querySelector('.lim-summary') || {}).textContent?.includes('2022-01-10 已经届满')")
    assert "2027" not in root.locator(".tool-output").inner_text()
    assert "一审" in root.locator(".lim-after").inner_text()
    assert "不是建议你等它过去" in root.locator(".lim-reminder").inner_text()
    # The reader's own promise after that day: flagged, no new period.
    root.locator("[name=own]").fill("2023-03-01")
    root.locator("button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('.lim-summary').textContent.includes('不推算新的期间')")
    assert "12348" in root.locator(".lim-after").inner_text()
    # A demand inside the running period restarts it.
    root.locator("[name=due]").fill("2022-05-10")
    root.locator("[name=own]").fill("")
    root.locator("button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('.lim-summary').textContent.includes('2024-06-01 起算，到 2027-06-01')")
    assert_nothing_typed_left(server, page.seen)


def test_without_the_engine_the_limitation_helper_states_the_rule(server, tools_page):
    page = tools_page
    page.route("**/pyodide.asm.wasm", lambda r: r.abort())
    page.goto(server.url + "tools/limitation/")
    root = page.locator(".tool[data-tool=limitation]")
    root.locator("[name=due]").fill("2019-01-10")
    root.locator(".tool-status:has-text('没能在这个浏览器里启动')").wait_for(timeout=60000)
    assert "在时效期间内" in root.locator(".tool-status").inner_text()
    root.locator("button[type=submit]").click()
    root.locator(".tool-status:has-text('工具没能启动')").wait_for()
    assert "时效届满以后，贷款方再催款，不会让时效重新开始" in root.locator(".tool-status").inner_text()


def test_without_javascript_each_letter_is_a_fill_in_template(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server.url + "tools/letters/")
    assert page.locator("form.tool-form").first.is_hidden()
    blanks = page.locator("pre.letter-blank")
    assert blanks.count() == 4
    page.locator("details.tool-blank summary").first.click()
    assert "【你的姓名】" in blanks.first.inner_text()
    ctx.close()


STORE, BACKUP = "xlh-evidence-log-v1", "xlh-evidence-log-v1-unreadable"
GOOD = {"when": "2026-11-01 10:00", "number": "10690000", "channel": "短信", "who": "我本人", "what": "威胁上门", "proof": ""}


def log_file(entries, **over):
    return json.dumps({"format": "xiaomi-loan-help/evidence-log", "version": 1, "entries": entries, **over}, ensure_ascii=False)


# (case, file bytes, words of the message); the Python validators run the full table in tests/engine.
HOSTILE_IMPORTS = [
    ("3,000 nested brackets", b"[" * 3000 + b"]" * 3000, "结构不对"),
    ("more than 5 MB", b" " * (5 * 1024 * 1024 + 1), "超过 5 MB"),
    ("binary garbage", bytes(range(256)) * 4, "不是 UTF-8"),  # refused before the engine: not UTF-8 text (issue 20)
    ("a number instead of text", log_file([{**GOOD, "number": 13800000000}]).encode(), "应当是文字"),
    ("an attacker-sized version", log_file([GOOD], version="v" * 200000).encode(), "vvvvvvvvvvvv…"),
    ("2,001 entries", log_file([GOOD] * 2001).encode(), "超过 2000 条"),
    ("year 9999", log_file([{**GOOD, "when": "9999-12-31 10:00"}]).encode(), "1990 到 2100"),
    ("markup in a choice", log_file([{**GOOD, "channel": "<img src=x onerror=alert(1)>"}]).encode(), "请从列表里选择"),
]


def test_hostile_imports_leave_the_log_intact_and_the_next_action_works(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    add_entry(page, root, ENTRY)
    status = root.locator(".tool-status")
    for name, data, words in HOSTILE_IMPORTS:
        page.evaluate("document.querySelector('.tool[data-tool=evidence] .tool-status').textContent = ''")
        root.locator(".ev-import").set_input_files(files=[{"name": "log.json", "mimeType": "application/json", "buffer": data}])
        root.locator(f".tool-status:has-text('{words}')").wait_for(timeout=30000)
        assert "没有改动" in status.inner_text() and len(status.inner_text()) < 120, name
        assert root.locator(".ev-table tr:has(td)").count() == 1, name
        assert "催收说要去我单位闹" in root.locator(".ev-table").inner_text(), name
    assert not page.evaluate("PyEngine.failed")
    add_entry(page, root, {**ENTRY, "what": "下一条照样能记"})
    assert root.locator(".ev-table tr:has(td)").count() == 2
    assert_nothing_typed_left(server, page.seen)


def test_leaving_with_unsaved_entries_asks_first_and_quick_exit_forgets_them(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    would_warn = "(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; })()"
    assert not page.evaluate(would_warn), "nothing typed, nothing to lose"
    add_entry(page, root, ENTRY)
    assert page.evaluate(would_warn), "an entry neither kept nor exported"
    with page.expect_download():
        root.get_by_role("button", name="导出文件").click()
    assert not page.evaluate(would_warn), "exported: nothing to lose"
    add_entry(page, root, {**ENTRY, "what": "第二条"})
    assert page.evaluate(would_warn)
    page.evaluate("document.dispatchEvent(new CustomEvent('site-exit'))")
    assert not page.evaluate(would_warn), "the quick exit must never be held up"
    assert root.locator(".ev-table td").count() == 0 and root.locator("[name=what]").input_value() == ""
    assert page.evaluate("localStorage.length") == 0


def test_a_stored_log_that_cannot_be_read_is_kept_and_never_overwritten(server, tools_page):
    page = tools_page
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1; localStorage.setItem('{STORE}', 'not a log {{'); }}")
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    root.locator(".tool-status:has-text('没能读取')").wait_for(timeout=120000)
    assert page.evaluate(f"localStorage.getItem('{BACKUP}')") == "not a log {"
    with page.expect_download() as dl:
        root.get_by_role("button", name="导出原始数据").click()
    assert open(dl.value.path(), encoding="utf-8-sig").read() == "not a log {"
    add_entry(page, root, ENTRY)
    assert "催收说要去我单位闹" in page.evaluate(f"localStorage.getItem('{STORE}')"), "still kept: the reader had opted in"
    assert page.evaluate(f"localStorage.getItem('{BACKUP}')") == "not a log {"


def test_a_stored_log_dated_after_the_device_clock_is_kept_with_a_warning(server, tools_page):
    page = tools_page
    stored = log_file([{**GOOD, "when": "2099-01-01 10:00", "what": "时钟改过"}])
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1; localStorage.setItem('{STORE}', {json.dumps(stored)}); }}")
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    root.locator(".tool-status:has-text('晚于这台设备今天的日期')").wait_for(timeout=120000)
    assert "时钟改过" in root.locator(".ev-table").inner_text() and root.locator(".ev-keep").is_checked()
    assert page.evaluate(f"localStorage.getItem('{BACKUP}')") is None


def test_two_tabs_merge_their_entries_instead_of_overwriting(server, browser):
    ctx = browser.new_context()
    a, b = ctx.new_page(), ctx.new_page()
    for p in (a, b):
        p.goto(server.url + "tools/evidence-log/")
    ra, rb = (p.locator(".tool[data-tool=evidence]") for p in (a, b))
    # The reader acts in the tab in front. A tab behind gets no animation frames, and each Playwright action
    # there waits about 2 s for them (19 s → 4 s for test_robust's two-tab test).
    a.bring_to_front()
    add_entry(a, ra, {**ENTRY, "what": "甲页记的"})
    ra.locator(".ev-keep").check()
    a.wait_for_function(f"() => (localStorage.getItem('{STORE}') || '').indexOf('甲页记的') > 0")
    b.bring_to_front()
    b.wait_for_function("() => window.PyEngine && (PyEngine.start(), PyEngine.ready)", timeout=120000)
    add_entry(b, rb, {**ENTRY, "what": "乙页记的"})
    rb.locator(".ev-keep").check()
    b.wait_for_function(f"() => (localStorage.getItem('{STORE}') || '').indexOf('乙页记的') > 0")
    stored = b.evaluate(f"localStorage.getItem('{STORE}')")
    assert "甲页记的" in stored and "乙页记的" in stored
    a.wait_for_function("() => document.querySelector('.ev-table').innerText.indexOf('乙页记的') > 0", timeout=30000)
    assert ra.locator(".ev-table tr:has(td)").count() == 2
    ctx.close()


def test_no_field_is_restored_by_the_browser_and_tool_buttons_are_big_enough(server, tools_page):
    page = tools_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + "tools/letters/")
    root = page.locator(".tool[data-letter=negotiation]")
    # autocomplete="off" everywhere, name and phone too: Back after the quick exit must not bring values back
    assert root.locator("[name=contact_phone]").get_attribute("inputmode") == "tel", "the phone keypad stays"
    assert page.locator(".tool input:not([type=file]):not([autocomplete=off]), .tool select:not([autocomplete=off]), "
                        ".tool textarea:not([autocomplete=off])").count() == 0
    page.goto(server.url + "tools/evidence-log/")
    add_entry(page, page.locator(".tool[data-tool=evidence]"), ENTRY)
    for url in ("tools/letters/", "tools/evidence-log/", "tools/limitation/"):
        if url != "tools/evidence-log/":
            page.goto(server.url + url)
        page.locator(".tool.tool-js").first.wait_for()
        for target in page.locator(".tool button:visible, .tool .md-button:visible, .tool summary:visible").all():
            box = target.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, (url, target.inner_text(), box)


def test_without_the_engine_the_kept_log_can_still_be_exported_and_copied(server, tools_page):
    page = tools_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    stored = log_file([{**GOOD, "what": "存在这台设备上"}])
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1; localStorage.setItem('{STORE}', {json.dumps(stored)}); }}")
    page.route("**/pyodide.asm.wasm", lambda r: r.abort())
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    root.locator(".tool-status:has-text('没能在这个浏览器里启动')").wait_for(timeout=5000)
    with page.expect_download() as dl:
        root.get_by_role("button", name="导出文件").click()
    assert json.loads(open(dl.value.path(), encoding="utf-8-sig").read())["entries"][0]["what"] == "存在这台设备上"
    root.get_by_role("button", name="复制为文字", exact=True).click()
    root.locator(".tool-status:has-text('已复制')").wait_for()
    assert "存在这台设备上" in page.evaluate("navigator.clipboard.readText()")
    assert page.evaluate(f"localStorage.getItem('{STORE}')") == stored, "what could not be read here is not touched"
    for name, value in {"when": "2026-11-02 21:30", "what": "引擎坏了也不丢"}.items():
        root.locator(f"[name={name}]").fill(value)
    root.get_by_role("button", name="把这条记录复制为文字").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.indexOf('引擎坏了也不丢') >= 0)")
    assert root.locator("[name=what]").input_value() == "引擎坏了也不丢"


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_in_a_form_with_errors_and_a_filled_log(server, tools_page, width):
    from support import axe_violations
    page = tools_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    add_entry(page, root, ENTRY)
    root.locator("[name=when]").fill("2026-02-30 10:00")
    root.locator("button[type=submit]").click()
    root.locator(".tool-error:has-text('这一天不存在')").wait_for(timeout=30000)
    violations = axe_violations(page, context=".tool")
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
