"""Limitation-period helper: the chain of demands and the reader's own acts in date order (an event interrupts
only a period still running), expiry, a possible waiver, leap years, month ends, bad dates."""
from datetime import date

import pytest

from triage.fields import Field, check
from triage.limitation import add_years, compute

TODAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _texts(limitation_texts):
    global TEXTS
    TEXTS = limitation_texts


def result(**values):
    return compute(TEXTS, values, TODAY)["result"]


# (case, due, lender's demands, reader's own acts, expected end, result kind, steps as (date, kind) in order)
CASES = [
    ("issue 15: a demand after expiry changes nothing", "2019-01-10", "2024-06-01", "",
     "2022-01-10", "ended", [("2019-01-10", "due"), ("2024-06-01", "demand_after")]),
    ("a demand inside the period restarts it", "2022-05-10", "2024-06-01", "",
     "2027-06-01", "running", [("2022-05-10", "due"), ("2024-06-01", "demand_in")]),
    ("a promise after expiry may give up the defence: no new period", "2019-01-10", "", "2023-03-01",
     "2022-01-10", "waived", [("2019-01-10", "due"), ("2023-03-01", "own_after")]),
    # The old test expected 2028-10-20 from the last contact: the period had already ended on 2025-06-01.
    ("the old test's dates: the late demand came after the end", "2021-03-15", "2025-10-20", "2022-06-01",
     "2025-06-01", "ended", [("2021-03-15", "due"), ("2022-06-01", "own_in"), ("2025-10-20", "demand_after")]),
    ("the old test's dates, the late date being the reader's own promise", "2021-03-15", "", "2022-06-01，2025-10-20",
     "2025-06-01", "waived", [("2021-03-15", "due"), ("2022-06-01", "own_in"), ("2025-10-20", "own_after")]),
    ("a chain of demands, each inside the period before it", "2018-02-01", "2020-12-01、2023-11-30", "",
     "2026-11-30", "running", [("2018-02-01", "due"), ("2020-12-01", "demand_in"), ("2023-11-30", "demand_in")]),
    ("a demand on the last day still counts", "2019-01-10", "2022-01-10", "",
     "2025-01-10", "ended", [("2019-01-10", "due"), ("2022-01-10", "demand_in")]),
    ("a demand the day after the last day does not", "2019-01-10", "2022-01-11", "",
     "2022-01-10", "ended", [("2019-01-10", "due"), ("2022-01-11", "demand_after")]),
    ("demands after expiry, then a signature: flagged", "2018-06-30", "2022-01-05\n2023-08-01", "2024-02-02",
     "2021-06-30", "waived", [("2018-06-30", "due"), ("2022-01-05", "demand_after"), ("2023-08-01", "demand_after"),
                              ("2024-02-02", "own_after")]),
    ("a payment before the due date does not move the start", "2024-06-30", "", "2024-05-01",
     "2027-06-30", "running", [("2024-05-01", "before"), ("2024-06-30", "due")]),
    ("a deduction inside, then a payment inside", "2020-09-15", "2023-09-15", "2025-01-02",
     "2028-01-02", "running", [("2020-09-15", "due"), ("2023-09-15", "demand_in"), ("2025-01-02", "own_in")]),
    ("29 February: the period ends on 28 February", "2024-02-29", "", "",
     "2027-02-28", "running", [("2024-02-29", "due")]),
    ("ended with nothing after it", "2020-01-10", "", "",
     "2023-01-10", "ended", [("2020-01-10", "due")]),
    ("the last day is today: still running", "2023-11-28", "", "",
     "2026-11-28", "running", [("2023-11-28", "due")]),
]


@pytest.mark.parametrize("case,due,demands,own,end,kind,steps", CASES, ids=[c[0] for c in CASES])
def test_the_chain_in_date_order(case, due, demands, own, end, kind, steps):
    r = result(due=due, demands=demands, own=own)
    assert (r["end"], r["kind"], r["passed"]) == (end, kind, kind != "running"), r["summary"]
    assert r["steps"] == [f"{d}　{TEXTS.steps[k]}" for d, k in steps]
    assert end in r["summary"]
    if kind != "running":
        # No new period: no date three years after any of the reader's dates appears anywhere.
        later = {add_years(date.fromisoformat(d), 3).isoformat() for d, _ in steps} - {end} - {d for d, _ in steps}
        assert not any(x in text for x in later for text in (r["summary"], r["after"], *r["steps"])), r


def test_a_late_demand_never_starts_a_new_period():
    r = result(due="2019-01-10", demands="2024-06-01")
    assert r["summary"].startswith("按你填的日期，三年时效大约在 2022-01-10 已经届满") and "2027" not in r["summary"]
    assert "债还在，贷款方仍然可以起诉" in r["after"] and "一审" in r["after"] and "第一百九十三条" in r["after"]
    assert "最高人民法院诉讼时效规定》第三条" in r["after"]


def test_a_promise_after_expiry_is_flagged_with_legal_aid_first():
    r = result(due="2019-01-10", own="2023-03-01")
    assert "2023-03-01" in r["summary"] and "不能再以时效为由拒绝" in r["summary"] and "不推算新的期间" in r["summary"]
    assert "12348" in r["after"] and "第一百九十二条" in r["after"] and "规定》第十九条" in r["after"]
    assert "2026-03-01" not in str(r)


def test_an_event_just_after_the_last_day_says_rest_days_may_move_it():
    assert "第二百零三条" in result(due="2019-01-10", demands="2022-01-12")["after"]
    assert result(due="2019-01-10", demands="2022-02-12")["near"] is False
    assert result(due="2023-11-20")["near"], "today is 8 days after the last day"


def test_the_rule_says_inside_the_period_and_what_a_late_promise_does():
    for r in (result(due="2020-01-10"), result(due="2026-01-10")):
        assert r["reminder"].startswith("在时效期间内") and "不是建议你等它过去" in r["reminder"]
        assert "届满以后，贷款方再催款，不会让时效重新开始" in r["reminder"] and "第一百九十二条" in r["reminder"]


def test_leap_day_and_month_ends():
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert result(due="2023-01-31")["end"] == "2026-01-31"
    assert result(due="2023-12-31")["end"] == "2026-12-31"


def test_impossible_and_future_dates_get_clear_messages():
    errors = compute(TEXTS, {"due": "2023-02-29", "demands": "2024-01-01，2027-01-01", "own": "上周"}, TODAY)["errors"]
    assert "这一天不存在" in errors["due"]
    assert "“2027-01-01”不能晚于今天（2026-11-28）" in errors["demands"]
    assert "“上周”请按 年-月-日 填写" in errors["own"]


def test_common_date_spellings_and_separators_are_understood():
    r = result(due="2021年1月31日", demands="2022/2/28 2023.3.1；2023年 5 月 6 日\n\n2023-05-06")
    assert [s[:10] for s in r["steps"]] == ["2021-01-31", "2022-02-28", "2023-03-01", "2023-05-06"]


DATES = Field("d", "催款日期", "dates", past=True)


@pytest.mark.parametrize("raw,words", [
    ("2024-01-01、" * 31, "最多填 30 个日期"),
    ("2024-01-01，2023-02-30", "“2023-02-30”这一天不存在"),
    ("2024-01-01，0001-01-01", "1990 到 2100"),
    ("2" * 700, "太长了"),
    (["2024-01-01"], "应当是文字"),
])
def test_bad_lists_of_dates_get_a_message(raw, words):
    error, _ = check(DATES, raw, TODAY)
    assert error and words in error and len(error) < 80, error


def test_a_list_of_dates_is_sorted_without_repeats():
    assert check(DATES, "2024-3-1，2023-01-05, 2024/03/01", TODAY) == (None, "2023-01-05、2024-03-01")
    assert check(DATES, "  ", TODAY) == (None, "")


def test_the_due_date_is_required():
    assert compute(TEXTS, {}, TODAY)["errors"]["due"].startswith("请填写")


def test_reader_texts_come_from_the_data_file_with_citations_written_out(limitation_texts):
    r = result(due="2021-03-15", own="2022-06-01", demands="2025-10-20")
    assert "《民法典》第一百八十八条、《民法典》第一百八十九条" in r["steps"][0]
    texts = [*r["steps"], r["reminder"], r["after"], result(due="2019-01-10", own="2023-03-01")["after"],
             *limitation_texts.help.values()]
    for text in texts:
        assert "{{" not in text and "\n" not in text, text
        # Lines are joined without spaces: no space next to Chinese punctuation.
        assert not any(p + " " in text or " " + p in text for p in "，。；：、（）"), text


def test_years_outside_a_real_loan_are_refused():
    errors = compute(TEXTS, {"due": "0001-01-01", "own": "9999-12-31"}, TODAY)["errors"]
    assert "1990 到 2100" in errors["due"] and "1990 到 2100" in errors["own"]


@pytest.mark.parametrize("old,new,needle", [
    ("（{{law civil-code 201}}、", "（{{law civil-code 196}}、", "{{law civil-code 196}}"),
    ("  own_in: 你还钱", "  own_into: 你还钱", "  due: 最后一期到期"),  # where steps: starts
    ("到 {end} 前后届满", "到前后届满", "  running: "),
], ids=["a bad citation in a folded paragraph", "a missing step sentence", "a summary without its date"])
def test_errors_in_the_texts_name_the_file_and_the_line(statutes, tmp_path, old, new, needle):
    from pathlib import Path

    from sitegen.content.errors import ContentError
    from sitegen.content.limitation import load_limitation
    text = (Path(__file__).resolve().parents[2] / "data" / "limitation.yaml").read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new)
    path = tmp_path / "limitation.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_limitation(path, statutes)
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if needle in row)
    assert err.value.where == f"{path}:{line}", str(err.value)
