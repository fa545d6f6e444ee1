"""The court-deadline data: a broken data/holidays.yaml or data/deadlines.yaml fails the build naming file:line."""
import pytest

from sitegen.content.errors import ContentError
from sitegen.content.deadlines import load_deadlines, load_holidays
from support import ROOT

HOLIDAYS = ROOT / "data" / "holidays.yaml"
DEADLINES = ROOT / "data" / "deadlines.yaml"


def _line(text: str, needle: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


# (what is broken, old, new, words in the error, the line to name: the first line containing this text)
BROKEN_HOLIDAYS = [
    ("a date that does not exist", "from: 2026-10-01", "from: 2026-10-32", "'2026-10-32' is not a date", "国庆节, from"),
    ("a date that is not a date", "date: 2026-05-09", "date: 5月9日", "'5月9日' is not a date", "5月9日"),
    ("a day listed twice", "date: 2026-05-09", "date: 2026-02-28", "2026-02-28 is listed twice", "劳动节调休上班"),
    ("a day both off and working", "date: 2026-10-10", "date: 2026-10-03", "both a day off and a working day", "2026-10-03"),
    ("a working day that is a weekday", "date: 2026-10-10", "date: 2026-10-12", "is a weekday", "2026-10-12"),
    ("a date under the wrong year", "to: 2026-01-03", "to: 2027-01-03", "listed under 2026", "元旦, from"),
    ("a range that ends before it starts", "to: 2026-06-21", "to: 2026-06-18", "is before 'from'", "端午节"),
    ("a year without its source", "  source: |-\n", "  note: |-\n", "year 2026 has no source", "  note: |-"),
    ("a source that is not gov.cn or 新华社", "  source: |-\n    国务院办公厅关于2026年部分节假日安排的通知（2025-11-04 发布，新华社当日播发全文）。\n    读到的是新华社全文的转载：光明网 https://politics.gmw.cn/2025-11/04/content_38391083.htm（来源：新华网）、\n    哈尔滨广播电视台 https://www.hrbtv.net/folder963/2025-11-04/1096647.html、中山日报 2025-11-05 A01 版；三份日期一致。\n    核对：NateScarlet/holiday-cn 提交 d4e53bf2143de9a85bbd0a916c6c4adac32b075f 的 2026.json（抓取自\n    https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm），放假和上班日期相同；每个日期的星期几已用脚本核对。\n",
     "  source: 某日历网站\n", "neither gov.cn nor a 新华社 reprint", "某日历网站"),
]


@pytest.mark.parametrize("name,old,new,words,needle", BROKEN_HOLIDAYS, ids=[b[0] for b in BROKEN_HOLIDAYS])
def test_a_broken_holidays_file_fails_naming_file_and_line(tmp_path, name, old, new, words, needle):
    text = HOLIDAYS.read_text(encoding="utf-8")
    assert old in text, f"fixture is stale: {old!r}"
    broken = text.replace(old, new, 1)
    path = tmp_path / "holidays.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_holidays(path)
    assert words in err.value.what, str(err.value)
    assert err.value.where == f"{path}:{_line(broken, needle)}", str(err.value)
    assert err.value.fix


BROKEN_TEXTS = [
    ("a citation of an article not in the data", "{{law civil-procedure-law 171}}）。\n    todo: |-\n      要上诉",
     "{{law civil-procedure-law 1710}}）。\n    todo: |-\n      要上诉", "'1710'", "1710"),
    ("a rule that does not say the days the engine counts", "裁定书送达之日起 10 日内", "裁定书送达之日起十日内",
     "does not say '10 日'", "十日内"),
    ("a paper without what to do", "    todo: |-\n      先看裁定书", "    to_do: |-\n      先看裁定书", "papers.ruling.todo",
     "label: 一审裁定书"),  # a mapping's line is its first key
    ("an unknown paper", "  enforcement:", "  eviction:", "unknown paper 'eviction'", "label: 执行通知书"),
]


@pytest.mark.parametrize("name,old,new,words,needle", BROKEN_TEXTS, ids=[b[0] for b in BROKEN_TEXTS])
def test_broken_deadline_texts_fail_naming_file_and_line(statutes, tmp_path, name, old, new, words, needle):
    text = DEADLINES.read_text(encoding="utf-8")
    assert old in text, f"fixture is stale: {old!r}"
    broken = text.replace(old, new, 1)
    path = tmp_path / "deadlines.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_deadlines(path, statutes)
    assert words in str(err.value), str(err.value)
    assert err.value.where == f"{path}:{_line(broken, needle)}", str(err.value)


def test_the_engine_gets_the_validated_calendar_and_texts_with_plain_citations(book, limitation_texts, deadline_texts, holidays):
    import json

    from sitegen.runtime.assets import engine_texts
    from triage import browser
    shipped = engine_texts(book, limitation_texts, deadline_texts, holidays).decode()
    assert "{{" not in shipped
    browser.load(shipped)
    assert browser._data["deadlines"] == deadline_texts and browser._data["holidays"] == holidays
    out = json.loads(browser.call("deadline", json.dumps({"values": {"paper": "complaint", "received": "2026-12-01"},
                                                           "today": "2026-12-07"})))
    assert out["result"]["last_day"] == "2026-12-16"
