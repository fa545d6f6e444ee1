"""Date words (今天/昨天/前天) in date fields, and spoken times ("昨晚11点") in the evidence log's date-time
field: tables of what the reader types and what the engine reads (issue 18 item 5)."""
from datetime import date

import pytest

from triage.fields import Field, check, parse_date, parse_spoken

TODAY = date(2026, 12, 7)
DATE = Field("d", "写信日期", "date", required=True, past=True)
DATES = Field("ds", "催款日期", "dates", past=True)
WHEN = Field("when", "日期和时间", "datetime", required=True, past=True)


@pytest.mark.parametrize("typed,read", [
    ("今天", "2026-12-07"), ("昨天", "2026-12-06"), ("前天", "2026-12-05"), (" 今天 ", "2026-12-07"),
    ("今日", "2026-12-07"), ("2026-12-01", "2026-12-01"),
])
def test_date_words_count_back_from_the_readers_today(typed, read):
    assert check(DATE, typed, TODAY) == (None, read)
    assert parse_date(typed, TODAY).isoformat() == read


def test_date_words_across_a_month_and_in_a_list_of_dates():
    assert check(DATE, "前天", date(2026, 3, 1)) == (None, "2026-02-27")
    assert check(DATES, "2026-11-01，昨天", TODAY) == (None, "2026-11-01、2026-12-06")


@pytest.mark.parametrize("typed", ["明天", "大前天", "上周", "今天下午", "昨天昨天"])
def test_other_words_are_not_dates(typed):
    assert "请按 年-月-日 填写" in check(DATE, typed, TODAY)[0]


def test_without_a_today_words_are_not_read():
    assert parse_date("今天") is None


@pytest.mark.parametrize("typed,read", [
    ("昨晚11点", "2026-12-06 23:00"),
    ("昨晚11点半", "2026-12-06 23:30"),
    ("昨晚12点", "2026-12-07 00:00"),      # the midnight that ends yesterday evening
    ("今早8点", "2026-12-07 08:00"),
    ("今天上午9点15分", "2026-12-07 09:15"),
    ("昨天下午3点20分", "2026-12-06 15:20"),
    ("下午3点", "2026-12-07 15:00"),
    ("下午12点", "2026-12-07 12:00"),
    ("晚上9点", "2026-12-07 21:00"),
    ("前天晚上十一点", "2026-12-05 23:00"),
    ("昨天凌晨2点", "2026-12-06 02:00"),
    ("中午1点", "2026-12-07 13:00"),
    ("中午12点半", "2026-12-07 12:30"),
    ("7点", "2026-12-07 07:00"),
    ("21点05分", "2026-12-07 21:05"),
    ("昨天 21:30", "2026-12-06 21:30"),
    ("前天 8:05", "2026-12-05 08:05"),
    ("今天 21：30", "2026-12-07 21:30"),
    ("昨晚 十点二十分", "2026-12-06 22:20"),
    ("2026-12-01 21:30", "2026-12-01 21:30"),
    ("2026-12-01T09:05", "2026-12-01 09:05"),
])
def test_spoken_times_are_read(typed, read):
    assert check(WHEN, typed, TODAY) == (None, read)


@pytest.mark.parametrize("typed", ["昨晚", "昨晚25点", "下午3点61分", "明天晚上8点", "昨晚十一十点", "三点钟左右", "2026-12-01"])
def test_what_is_not_a_time_gets_the_format_message_with_an_example(typed):
    err, value = check(WHEN, typed, TODAY)
    assert err and "昨晚11点" in err and value == typed.strip()


def test_a_spoken_time_is_not_read_without_a_today():
    assert parse_spoken("昨晚11点", TODAY) == (date(2026, 12, 6), 23, 0)
    assert check(WHEN, "昨晚11点", None)[0]  # a stored log's own entries are always written out in full


def test_a_spoken_time_after_today_is_refused():
    assert "不能晚于今天" in check(WHEN, "今晚12点", TODAY)[0]
