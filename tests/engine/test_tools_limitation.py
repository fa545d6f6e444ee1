"""Limitation-period helper: leap years, month ends, interruptions, impossible and future dates."""
from datetime import date

import pytest

from triage.limitation import add_years, compute

TODAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _texts(limitation_texts):
    global TEXTS
    TEXTS = limitation_texts


def result(**values):
    return compute(TEXTS, values, TODAY)["result"]


def test_three_years_from_the_due_date():
    r = result(due="2022-05-10")
    assert (r["start"], r["end"], r["start_event"]) == ("2022-05-10", "2025-05-10", "due")


def test_leap_day_falls_back_to_28_february():
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert result(due="2024-02-29")["end"] == "2027-02-28"


def test_month_ends_stay_month_ends():
    assert result(due="2023-01-31")["end"] == "2026-01-31"
    assert result(due="2023-12-31")["end"] == "2026-12-31"


def test_each_later_payment_or_demand_restarts_the_clock():
    r = result(due="2021-03-15", last_payment="2022-06-01", last_contact="2025-10-20")
    assert (r["start"], r["end"], r["start_event"]) == ("2025-10-20", "2028-10-20", "last_contact")
    assert len(r["steps"]) == 3 and "第一百九十五条" in r["steps"][-1]


def test_a_payment_before_the_due_date_does_not_move_the_start():
    assert result(due="2024-06-30", last_payment="2024-05-01")["start"] == "2024-06-30"


def test_when_it_has_passed_it_explains_that_the_debt_remains():
    r = result(due="2020-01-10")
    assert r["passed"] and "第一百九十三条" in r["after"] and "第一百九十二条" in r["after"]


def test_never_suggests_waiting_it_out():
    for r in (result(due="2020-01-10"), result(due="2026-01-10")):
        assert "不是建议你等它过去" in r["reminder"] and "重新计算" in r["reminder"]


def test_impossible_and_future_dates_get_clear_messages():
    errors = compute(TEXTS, {"due": "2023-02-29", "last_payment": "2027-01-01", "last_contact": "昨天"}, TODAY)["errors"]
    assert "这一天不存在" in errors["due"]
    assert "不能晚于今天（2026-11-28）" in errors["last_payment"]
    assert "请按 年-月-日 填写" in errors["last_contact"]


def test_common_date_spellings_are_understood():
    assert result(due="2023年1月31日", last_payment="2024/2/29")["start"] == "2024-02-29"


def test_the_due_date_is_required():
    assert compute(TEXTS, {}, TODAY)["errors"]["due"].startswith("请填写")


def test_reader_texts_come_from_the_data_file_with_citations_written_out(limitation_texts):
    r = result(due="2021-03-15", last_payment="2022-06-01")
    assert "《民法典》第一百八十八条、《民法典》第一百八十九条" in r["steps"][0]
    for text in [*r["steps"], r["reminder"], result(due="2020-01-10")["after"]]:
        assert "{{" not in text and "\n" not in text and " " not in text.replace("　", ""), text


def test_years_outside_a_real_loan_are_refused():
    errors = compute(TEXTS, {"due": "0001-01-01", "last_payment": "9999-12-31"}, TODAY)["errors"]
    assert "1990 到 2100" in errors["due"] and "1990 到 2100" in errors["last_payment"]


@pytest.mark.parametrize("old,new,needle", [
    ("（{{law civil-code 201}}、", "（{{law civil-code 196}}、", "{{law civil-code 196}}"),
    ("last_payment: 你还过钱", "last_paid: 你还过钱", "  due: "),  # where events: starts
], ids=["a bad citation in a folded paragraph", "a missing event sentence"])
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
