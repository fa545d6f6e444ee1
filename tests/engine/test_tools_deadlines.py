"""Court deadlines (民事诉讼法 85, 90, 128, 171, 227): a table of dated cases, counted with the real holiday data."""
from datetime import date

import pytest

from triage.deadlines import PAPERS, Holidays, compute, find_paper, last_day

TODAY = date(2026, 12, 7)
CAVEAT = "普通程序的一般期限；小额诉讼、简易程序可能更短，法院可以另定，以文书写明的为准"


@pytest.fixture(autouse=True)
def _data(deadline_texts, holidays):
    global TEXTS, HOLIDAYS
    TEXTS, HOLIDAYS = deadline_texts, holidays


def result(paper, received, today=None):
    out = compute(TEXTS, HOLIDAYS, {"paper": paper, "received": received}, today)
    assert "result" in out, out
    return out["result"]


# (why, paper, received, plain end = received + days, last day, every deciding year in the holiday data)
CASES = [
    ("the headline: 起诉状副本 on 1 December", "complaint", "2026-12-01", "2026-12-16", "2026-12-16", True),
    ("the day received is not counted", "complaint", "2026-12-02", "2026-12-17", "2026-12-17", True),
    ("a judgment: 15 days", "judgment", "2026-11-20", "2026-12-05", "2026-12-07", True),  # Saturday → Monday
    ("a ruling: 10 days", "ruling", "2026-11-30", "2026-12-10", "2026-12-10", True),
    ("a payment order: 15 days", "payment_order", "2026-11-16", "2026-12-01", "2026-12-01", True),
    ("a Sunday moves to Monday", "complaint", "2026-11-21", "2026-12-06", "2026-12-07", True),
    ("month end: 31 January + 10", "ruling", "2026-01-31", "2026-02-10", "2026-02-10", True),
    ("month end: into a 30-day month", "ruling", "2026-03-31", "2026-04-10", "2026-04-10", True),
    ("over the year end", "ruling", "2026-12-21", "2026-12-31", "2026-12-31", True),
    ("国庆: 5 October moves past the holiday", "complaint", "2026-09-20", "2026-10-05", "2026-10-08", True),
    ("春节: 16 February moves to 24 February", "complaint", "2026-02-01", "2026-02-16", "2026-02-24", True),
    ("清明 falls on a weekend and Monday", "ruling", "2026-03-25", "2026-04-04", "2026-04-07", True),
    ("a working Saturday (国庆调休) is not moved", "complaint", "2026-09-25", "2026-10-10", "2026-10-10", True),
    ("a working Saturday (春节调休) is not moved", "judgment", "2026-01-30", "2026-02-14", "2026-02-14", True),
    ("元旦 ends on a working Sunday, which is the last day", "complaint", "2025-12-17", "2026-01-01", "2026-01-04", True),
    ("29 February is counted like any day", "complaint", "2028-02-14", "2028-02-29", "2028-02-29", False),
    ("from 29 February", "ruling", "2028-02-29", "2028-03-10", "2028-03-10", False),
    ("a year not in the data: only weekends are known", "complaint", "2026-12-20", "2027-01-04", "2027-01-04", False),
    ("a year not in the data, on a Saturday", "complaint", "2026-12-18", "2027-01-02", "2027-01-04", False),
    ("a Saturday at the end of a held year", "ruling", "2026-12-16", "2026-12-26", "2026-12-28", True),
]


@pytest.mark.parametrize("why,paper,received,end,last,known", CASES, ids=[c[0] for c in CASES])
def test_last_day(why, paper, received, end, last, known):
    r = result(paper, received)
    assert (r["end"], r["last_day"], r["holidays_known"]) == (end, last, known), why
    assert r["moved"] == (end != last)
    assert r["weekday"].startswith("星期") and date.fromisoformat(last).weekday() == "一二三四五六日".index(r["weekday"][-1])


def test_the_headline_case_says_the_date_the_caveat_and_what_to_do():
    r = result("complaint", "2026-12-01", TODAY)
    assert r["summary"] == "最后一天是 2026-12-16（星期三）。"
    assert r["caveat"] == CAVEAT
    assert "答辩状" in r["todo"] and "15 日" in r["rule"] and "《民事诉讼法》第一百二十八条" in r["rule"]
    assert "《民事诉讼法》第八十五条" in r["counting"] and any("《民事诉讼法》第九十条" in n for n in r["notes"])
    assert not r["passed"]


def test_a_moved_date_says_why():
    assert "2026-10-05" in result("complaint", "2026-09-20")["summary"]


def test_a_year_missing_from_the_holiday_data_says_holidays_may_move_the_date():
    notes = result("complaint", "2026-12-20")["notes"]
    assert any("节假日可能" in n for n in notes)
    assert not any("节假日可能" in n for n in result("complaint", "2026-12-01")["notes"])


def test_a_day_that_has_passed_says_so():
    r = result("ruling", "2026-11-01", TODAY)
    assert r["passed"] and any("已经过了" in n for n in r["notes"])


def test_a_hearing_date_or_an_enforcement_notice_computes_nothing_and_says_what_to_do():
    for paper in ("summons", "enforcement"):
        r = compute(TEXTS, HOLIDAYS, {"paper": paper}, TODAY)["result"]
        assert r["days"] is None and r["last_day"] == "" and r["todo"] and r["summary"] == r["todo"]
    assert "《民事诉讼法》第一百四十七条" in result("summons", "")["todo"]


def test_every_counted_paper_carries_the_caveat_and_a_todo():
    for paper, days in PAPERS.items():
        if days:
            r = result(paper, "2026-12-01")
            assert r["caveat"] == CAVEAT and r["todo"] and f"{days} 日" in r["rule"]


@pytest.mark.parametrize("values,field,words", [
    ({"paper": "complaint", "received": "2026-02-30"}, "received", "这一天不存在"),
    ({"paper": "complaint", "received": "上个月"}, "received", "请按 年-月-日 填写"),
    ({"paper": "complaint", "received": ""}, "received", "请填写"),
    ({"paper": "complaint", "received": "2026-12-08"}, "received", "不能晚于今天（2026-12-07）"),
    ({"paper": "letter", "received": "2026-12-01"}, "paper", "请选择"),
    ({"received": "2026-12-01"}, "paper", "请选择"),
    ({"paper": ["complaint"], "received": "2026-12-01"}, "paper", "请选择"),
    ({"paper": "complaint", "received": ["2026-12-01"]}, "received", "应当是文字"),
])
def test_bad_input_gets_a_clear_message(values, field, words):
    assert words in compute(TEXTS, HOLIDAYS, values, TODAY)["errors"][field]


def test_common_date_spellings_are_understood():
    assert result("complaint", "2026年12月1日")["last_day"] == result("complaint", "2026/12/1")["last_day"] == "2026-12-16"


def test_the_terminal_finds_papers_by_the_words_on_them():
    assert [find_paper(TEXTS, n) for n in ("起诉状副本", "应诉通知", "判决书", "裁定书", "支付令", "传票", "执行通知", "ruling")] == [
        "complaint", "complaint", "judgment", "ruling", "payment_order", "summons", "enforcement", "ruling"]
    assert find_paper(TEXTS, "书") is None and find_paper(TEXTS, "") is None


def test_the_holiday_data_holds_2026_with_its_source(holidays):
    assert set(holidays.sources) == {2026} and "新华" in holidays.sources[2026]
    assert len([d for d in holidays.off if d.year == 2026]) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert holidays.rest(date(2026, 10, 7)) and not holidays.rest(date(2026, 9, 20)) and holidays.rest(date(2026, 12, 6))


def test_without_any_holiday_data_only_weekends_move_the_date():
    empty = Holidays(frozenset(), frozenset(), {})
    assert last_day(date(2026, 9, 20), 15, empty) == (date(2026, 10, 5), date(2026, 10, 5), False)


def test_the_terminal_prints_the_headline_case(capsys):
    from triage.__main__ import main
    assert main(["--deadline", "起诉状副本", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-16（星期三）" in out and CAVEAT in out
