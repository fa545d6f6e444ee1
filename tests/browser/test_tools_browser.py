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


def add_entry(page, root, values, who="家人", channel="电话"):
    for name, value in values.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("[name=channel]").select_option(channel)
    root.locator("[name=who]").select_option(who)
    count = root.locator(".ev-table tr:has(td)").count()
    root.locator("button[type=submit]").click()
    page.wait_for_function(f"() => document.querySelectorAll('.tool[data-tool=evidence] .ev-table tr').length > {max(count, 1)}", timeout=60000)


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


def test_limitation_helper_explains_interruption_and_rejects_bad_dates(server, tools_page):
    page = tools_page
    page.goto(server.url + "tools/limitation/")
    root = page.locator(".tool[data-tool=limitation]")
    root.locator("[name=due]").fill("2023-02-29")
    root.locator("button[type=submit]").click()
    root.locator(".tool-error:has-text('这一天不存在')").wait_for(timeout=60000)
    root.locator("[name=due]").fill("2021-03-15")
    root.locator("[name=last_contact]").fill("2025-10-20")
    root.locator("button[type=submit]").click()
    root.locator(".lim-summary").wait_for()
    assert "2025-10-20 起算" in root.locator(".lim-summary").inner_text()
    assert "不是建议你等它过去" in root.locator(".lim-reminder").inner_text()
    assert_nothing_typed_left(server, page.seen)


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
