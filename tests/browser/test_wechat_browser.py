"""The reader tools inside an in-app browser (issue 18 item 5): WeChat's user agent, a clipboard that refuses,
print() that does nothing. Copy, download and print say so next to the button and show the text selected in
place; letters leave out empty optional lines (the engine and the JavaScript plain fill alike); date words,
「现在」 and "昨晚11点" are read; the evidence log is one card per entry on a phone; brand names are refused
as the lender."""
import json
import re
from datetime import date, datetime, timedelta

import pytest

from support import axe_violations
from test_tools_browser import add_entry

WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/4G Language/zh_CN")
# How WeChat behaves: the clipboard refuses (or is not there at all), print() returns and does nothing.
NO_PRINT = "window.print = function () { window.__printed = (window.__printed || 0) + 1; };"
CLIPBOARD = {
    "refuses": "Object.defineProperty(navigator, 'clipboard', {value: {writeText: function () {"
               " return Promise.reject(new DOMException('denied', 'NotAllowedError')); }}});",
    "absent": "Object.defineProperty(navigator, 'clipboard', {value: undefined});",
}
COMPLAINT = {"name": "李四四", "contact_phone": "13912345678", "lender": "重庆小米消费金融有限公司",
             "what_happened": "2026年12月1日晚上11点，催收打电话给我母亲。", "date": "今天"}


def in_app(browser, clipboard="refuses", width=390):
    ctx = browser.new_context(user_agent=WECHAT_UA, viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    ctx.add_init_script(NO_PRINT + CLIPBOARD[clipboard])
    return ctx, ctx.new_page()


def offered(root, text_part):
    """The refusal note and the selected text just below the button's row; focus there, nothing else moved."""
    note, box = root.locator(".tool-offer-note"), root.locator("textarea.tool-offer")
    box.wait_for()
    assert box.evaluate("b => document.activeElement === b && b.selectionStart === 0 && b.selectionEnd === b.value.length")
    assert text_part in box.input_value()
    assert box.get_attribute("aria-describedby") == note.get_attribute("id")
    assert box.evaluate("b => b.previousElementSibling.className === 'tool-offer-note'"
                        " && b.previousElementSibling.previousElementSibling.matches('.tool-actions, .ev-actions')")
    return note.inner_text()


def in_view(page, locator):
    box = locator.bounding_box()
    return 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("clipboard", ["refuses", "absent"])
def test_copy_download_and_print_refused_in_wechat_say_so_beside_the_button(server, browser, clipboard):
    ctx, page = in_app(browser, clipboard)
    page.goto(server.url + "tools/letters/")
    root = page.locator(".tool[data-letter=complaint]")
    for name, value in {**COMPLAINT, "lender": "小米贷款"}.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("button[type=submit]").click()
    error = root.locator("[data-field=lender] .tool-error")
    error.locator("text=不能只写“小米贷款”").wait_for(timeout=120000)
    assert "借款合同" in error.inner_text() and "征信报告" in error.inner_text(), "the reason, with where the real name is"
    assert not root.locator("[data-field=date] .tool-error").inner_text(), "今天 is a date"
    root.locator("[name=lender]").fill(COMPLAINT["lender"])
    root.locator("button[type=submit]").click()
    letter = root.locator(".letter-output")
    letter.wait_for(timeout=60000)
    text = letter.inner_text()
    assert f"日期：{date.today().isoformat()}" in text
    # Empty optional fields: no blank contract line, no "kept evidence" sentence above an empty list.
    assert "未填写" not in text and "借款合同编号" not in text and "均已保存" not in text
    assert "一、事情经过\n2026年12月1日晚上11点，催收打电话给我母亲。\n\n二、本人的意见" in text

    copy = root.get_by_role("button", name="复制", exact=True)
    copy.scroll_into_view_if_needed()
    y = page.evaluate("scrollY")
    copy.click()
    assert "不让网页自动复制" in offered(root, "关于重庆小米消费金融有限公司催收行为的投诉")
    assert in_view(page, copy) and in_view(page, root.locator(".tool-offer-note")), "no jump: it is said where the reader is"
    assert abs(page.evaluate("scrollY") - y) < 400
    assert not root.locator(".tool-status").evaluate("s => s === document.activeElement")
    violations = axe_violations(page, context=".tool[data-letter=complaint]")
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]

    with page.expect_download() as dl:  # still tried: some in-app browsers do save it
        root.get_by_role("button", name="下载为文本文件").click()
    assert dl.value.suggested_filename == "投诉材料.txt"
    assert "文件可能存不下来" in offered(root, "投诉人：李四四")
    assert root.locator("textarea.tool-offer").count() == 1 and root.locator(".tool-offer-note").count() == 1, "one box, reused"

    root.get_by_role("button", name="打印").click()
    assert "不能打印" in offered(root, "投诉人：李四四")
    ctx.close()


def test_in_a_normal_browser_the_buttons_work_without_the_box(server, page):
    page.add_init_script(NO_PRINT)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page.route("**/pyodide.asm.wasm", lambda r: r.abort())  # the plain fill is enough here, and quick
    page.goto(server.url + "tools/letters/")
    root = page.locator(".tool[data-letter=third_party]")
    root.locator(".tool-status:has-text('没能在这个浏览器里启动')").wait_for(timeout=60000)
    root.locator("[name=name]").fill("张三")
    root.locator("button[type=submit]").click()
    root.get_by_role("button", name="复制", exact=True).click()
    root.locator(".tool-status:has-text('已复制')").wait_for()
    with page.expect_download():
        root.get_by_role("button", name="下载为文本文件").click()
    root.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") == 1
    assert root.locator(".tool-offer, .tool-offer-note").count() == 0


# The same inputs through the engine's render and letter.js's plain fill: normalised values (as the engine's
# checks leave them), every optional field empty, filled, blank-but-spaces, and one of them only.
def _cases(book):
    out = []
    for lid, letter in book.letters.items():
        base = {}
        for fid in letter.fields:
            f = book.fields[fid]
            base[fid] = f.options[0] if f.kind == "choice" else "8,000.00" if f.kind == "amount" else \
                "2026-12-07" if f.kind == "date" else f"{f.label}的内容"
        optional = [fid for fid in letter.fields if not book.fields[fid].required]
        out += [(lid, "all filled", base), (lid, "optional empty", {**base, **{k: "" for k in optional}}),
                (lid, "optional spaces", {**base, **{k: "  " for k in optional}}),
                (lid, "first optional only", {**base, **{k: "" for k in optional[1:]}}),
                (lid, "a required field empty", {**base, "name": ""})]
    return out


def test_the_plain_fill_leaves_out_the_same_lines_as_the_engine(server, page, book):
    from triage.letters import render
    page.route("**/pyodide.asm.wasm", lambda r: r.abort())
    page.goto(server.url + "tools/letters/")
    page.wait_for_function("() => window.SiteTools && window.SiteTools.plainLetter")
    for lid, case, values in _cases(book):
        template = page.locator(f".tool[data-letter={lid}]").get_attribute("data-template")
        assert template == book.letters[lid].template, lid
        js = page.evaluate("([t, v]) => SiteTools.plainLetter(t, v)", [template, values])
        assert js == render(template, values), (lid, case)
        assert "?" not in js and "\n\n\n" not in js, (lid, case)


def test_evidence_log_reads_spoken_times_has_now_and_shows_cards_on_a_phone(server, browser):
    ctx, page = in_app(browser)
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    when = root.locator("[name=when]")
    root.get_by_role("button", name="现在").click()
    filled = when.input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", filled)
    assert abs(datetime.strptime(filled, "%Y-%m-%d %H:%M") - datetime.now()) < timedelta(minutes=2)
    assert page.evaluate("document.activeElement.name") == "when"
    for typed, channel in ((filled, "电话"), ("昨晚11点", "短信")):
        when.fill(typed)
        root.locator("[name=what]").fill(f"记录：{typed}")
        root.locator("[name=channel]").select_option(channel)
        root.locator("[name=who]").select_option("我本人")
        count = root.locator(".ev-table tr:has(td)").count()
        root.locator("button[type=submit]").click()
        page.wait_for_function(f"() => document.querySelectorAll('.ev-table tr:has(td)').length > {count}", timeout=120000)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert f"{yesterday} 23:00" in root.locator(".ev-table").inner_text()
    # One card per entry: each value under its column's name, no header row, nothing to scroll sideways.
    rows = root.locator(".ev-table tr:has(td)")
    assert rows.count() == 2
    cells = json.loads(page.evaluate("""() => JSON.stringify([...document.querySelectorAll('.ev-table tr')].map(tr => ({
      display: getComputedStyle(tr).display, width: tr.getBoundingClientRect().width,
      labels: [...tr.querySelectorAll('td')].filter(td => getComputedStyle(td).display !== 'none')
               .map(td => getComputedStyle(td, '::before').content)})))"""))
    assert cells[0]["display"] == "none", "the header row"
    table_width = root.locator(".ev-table").bounding_box()["width"]
    for card in cells[1:]:
        assert card["display"] == "block" and card["width"] <= table_width + 1
        assert card["labels"][0] == '"日期和时间："' and '"说了或做了什么："' in card["labels"], card
    assert page.evaluate("document.querySelector('.ev-table').scrollWidth <= document.querySelector('.ev-table').clientWidth")
    violations = axe_violations(page, context=".tool[data-tool=evidence]")
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.set_viewport_size({"width": 1280, "height": 900})  # wide screens keep the 7-column table
    assert page.evaluate("getComputedStyle(document.querySelector('.ev-table tr')).display") == "table-row"
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.ev-table tr')).display") == "table-row"
    ctx.close()


def test_evidence_copy_and_export_refused_in_wechat_offer_the_log_as_text(server, browser):
    ctx, page = in_app(browser)
    page.goto(server.url + "tools/evidence-log/")
    root = page.locator(".tool[data-tool=evidence]")
    add_entry(page, root, {"when": "前天 21:30", "what": "威胁要上门"}, timeout=120000)
    root.get_by_role("button", name="复制为文字").click()
    assert "不让网页自动复制" in offered(root.locator(".ev-log"), "威胁要上门")
    with page.expect_download():
        root.get_by_role("button", name="导出文件").click()
    assert "文件可能存不下来" in offered(root.locator(".ev-log"), "威胁要上门")
    root.get_by_role("button", name="打印时间线").click()
    assert "不能打印" in offered(root.locator(".ev-log"), "威胁要上门")
    assert page.evaluate("window.__printed") is None
    ctx.close()
