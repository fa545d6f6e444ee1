"""Hostile input against the Python side of the tools: files a reader might be tricked into importing,
values of the wrong type or size, and bad calls from the page. Each case must end in a clear message
(or a ValueError the page reports), never a crash, and the reader's log must stay as it was."""
import json
from datetime import date

import pytest

from triage import browser, evidence
from triage.fields import Field, check

TODAY = date(2026, 11, 28)
GOOD = {"when": "2026-11-01 10:00", "number": "10690000", "channel": "短信", "who": "我本人", "what": "威胁上门", "proof": ""}


def wrap(entries, **over):
    return json.dumps({"format": evidence.FORMAT, "version": 1, "entries": entries, **over}, ensure_ascii=False)


# (what it is, file text, words the message must contain)
IMPORTS = [
    ("3,000 nested brackets (crashed Pyodide before)", "[" * 3000 + "]" * 3000, "结构不对"),
    ("deep nesting inside a valid log", wrap([{**GOOD, "what": [[[[[[[[[["x"]]]]]]]]]]}]), "结构不对"),
    ("nesting of objects", '{"a":' * 5000 + "1" + "}" * 5000, "结构不对"),
    ("brackets inside strings do not count", wrap([{**GOOD, "what": "[" * 3000}]), "最多 500 个字"),
    ("more than 5 MB", wrap([GOOD]) + " " * (5 * 1024 * 1024), "超过 5 MB"),
    ("empty file", "", "无法读取"),
    ("not JSON", "这不是文件", "无法读取"),
    ("JSON null", "null", "不是本站导出"),
    ("a list", "[1, 2]", "不是本站导出"),
    ("another format", json.dumps({"format": "other", "entries": []}), "不是本站导出"),
    ("entries not a list", wrap({"0": GOOD}), "不是本站导出"),
    ("huge version string is not echoed in full", wrap([GOOD], version="v" * 100000), "（vvvvvvvvvvvv…）"),
    ("version true", wrap([GOOD], version=True), "版本"),
    ("version as text", wrap([GOOD], version="1"), "版本"),
    ("2,001 entries", wrap([GOOD] * 2001), "超过 2000 条"),
    ("an entry that is a number", wrap([GOOD, 5]), "第 2 条记录有问题"),
    ("a number instead of text", wrap([{**GOOD, "number": 13800000000}]), "应当是文字"),
    ("true instead of text", wrap([{**GOOD, "proof": True}]), "应当是文字"),
    ("a list instead of text", wrap([{**GOOD, "what": ["威胁"]}]), "应当是文字"),
    ("an object instead of a date", wrap([{**GOOD, "when": {"y": 2026}}]), "应当是文字"),
    ("year 1", wrap([{**GOOD, "when": "0001-01-01 10:00"}]), "1990 到 2100"),
    ("year 9999", wrap([{**GOOD, "when": "9999-12-31 10:00"}]), "1990 到 2100"),
    ("a date in the future", wrap([{**GOOD, "when": "2026-12-01 10:00"}]), "不能晚于今天"),
    ("a time of 25:00", wrap([{**GOOD, "when": "2026-11-01 25:00"}]), "时:分"),
    ("a 100,000-character note", wrap([{**GOOD, "what": "骚" * 100000}]), "太长了"),
    ("an unknown channel", wrap([{**GOOD, "channel": "<script>alert(1)</script>"}]), "请从列表里选择"),
    ("a missing required field", wrap([{k: v for k, v in GOOD.items() if k != "what"}]), "请填写"),
    ("lone surrogates and NUL", '{"format": "\\ud800\\u0000"}', "不是本站导出"),
]


@pytest.mark.parametrize("name,text,words", IMPORTS, ids=[c[0] for c in IMPORTS])
def test_a_hostile_import_is_refused_with_a_clear_short_message(name, text, words):
    out = evidence.parse_import(text, TODAY)
    assert "entries" not in out and words in out["error"] and "没有改动" in out["error"], out
    assert len(out["error"]) < 120, "a message never echoes what the file said at length"


def test_a_kept_log_survives_every_hostile_import():
    mine = evidence.add([], GOOD, TODAY)["entries"]
    before = json.dumps(mine)
    for _, text, _ in IMPORTS:
        out = json.loads(browser.call("evidence_import", json.dumps({"text": text, "today": TODAY.isoformat()})))
        assert "error" in out
    assert json.dumps(mine) == before and evidence.add(mine, {**GOOD, "what": "下一条"}, TODAY)["entries"][1]["what"]


AMOUNT, DATE = Field("x", "金额", "amount"), Field("d", "日期", "date", past=True)
VALUES = [
    (AMOUNT, "9" * 400, "太长了"),
    (AMOUNT, "100000001", "超过了 1 亿元"),
    (AMOUNT, "1,000,000,000", "只填数字"),
    (AMOUNT, "-5", "只填数字"),
    (AMOUNT, "1e9", "只填数字"),
    (AMOUNT, "NaN", "只填数字"),
    (AMOUNT, 1200, "应当是文字"),
    (DATE, "0001-01-01", "1990 到 2100"),
    (DATE, "9999-12-31", "1990 到 2100"),
    (DATE, "2026-13-01", "这一天不存在"),
    (DATE, "2" * 10000, "太长了"),
    (DATE, ["2026-01-01"], "应当是文字"),
    (Field("t", "姓名", "text", max=30), "名" * 31, "最多 30 个字"),
    (Field("t", "姓名", "text", max=30), {"name": "x"}, "应当是文字"),
    # issue 20 item 7: what a reader cannot see is refused with a plain message, never kept
    (Field("t", "姓名", "text", max=30), "\u200b\u200c\u2060", "看不见的字符"),
    (Field("t", "姓名", "text", max=30, required=True), "\ufeff \u200d", "看不见的字符"),
    (Field("t", "姓名", "text", max=30), "张三\u202e四李", "文字方向控制符"),
    (Field("t", "你的手机号", "text", max=20), "139\u20661234\u2069", "文字方向控制符"),
    (Field("t", "姓名", "text", max=30), "张\n三", "只能填一行"),
    (Field("t", "姓名", "text", max=30), "张\r三", "只能填一行"),
    (Field("t", "姓名", "text", max=30), "张\u2028三", "只能填一行"),
    (Field("t", "姓名", "text", max=30), "张\x00三", "控制字符"),
    (Field("t", "姓名", "text", max=30), "张\x1b[31m三", "控制字符"),
    (Field("w", "说了什么", "longtext", max=300), "威胁\x07上门", "控制字符"),
    (Field("w", "说了什么", "longtext", max=300), "\u202d上门", "文字方向控制符"),
]


@pytest.mark.parametrize("field,raw,words", VALUES, ids=[f"{c[0].kind}:{str(c[1])[:20]}" for c in VALUES])
def test_bad_values_get_a_message_and_are_never_coerced(field, raw, words):
    error, _ = check(field, raw, TODAY)
    assert error and words in error and len(error) < 80, error


def test_ordinary_text_with_line_breaks_and_spaces_still_passes():
    assert check(Field("w", "说了什么", "longtext", max=300), "第一句\n\t第二句", TODAY) == (None, "第一句\n\t第二句")
    assert check(Field("t", "姓名", "text", max=30), "  李　四 ", TODAY) == (None, "李 四")


def test_sane_amounts_and_dates_still_pass():
    assert check(AMOUNT, "99,999,999.99元", TODAY) == (None, "99,999,999.99")
    assert check(DATE, "1990年1月1日", TODAY) == (None, "1990-01-01")


BAD_CALLS = [
    ("no_such_function", {}),
    ("evidence_add", {"entries": "not a list", "values": GOOD}),
    ("evidence_add", {"entries": [{"when": 1}], "values": GOOD}),
    ("evidence_add", {"entries": [GOOD] * 2001, "values": GOOD}),
    ("evidence_remove", {"entries": [GOOD], "index": "0"}),
    ("evidence_remove", {"entries": [GOOD], "index": True}),
    ("evidence_merge", {"entries": [], "incoming": [[[]]]}),
    ("evidence_summary", {}),
    ("letter", {"letter": "no-such-letter", "values": {}}),
    ("deadline", {"values": "complaint 2026-12-01"}),
    ("deadline", {}),
]


@pytest.mark.parametrize("fn,args", BAD_CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD_CALLS)])
def test_a_bad_call_raises_value_error_and_the_next_call_works(book, limitation_texts, deadline_texts, holidays, fn, args):
    from sitegen.runtime.assets import engine_texts
    browser.load(engine_texts(book, limitation_texts, deadline_texts, holidays).decode())
    with pytest.raises(ValueError):
        browser.call(fn, json.dumps(args))
    out = json.loads(browser.call("evidence_summary", json.dumps({"entries": [GOOD]})))
    assert "1 次催收联系" in out["text"]


def test_deeply_nested_arguments_do_not_take_the_interpreter_down():
    with pytest.raises(ValueError):
        browser.call("evidence_summary", '{"entries": ' + "[" * 100000 + "]" * 100000 + "}")
    assert json.loads(browser.call("evidence_summary", '{"entries": []}')) == {"text": ""}
