"""Evidence log: validation, time order, export/import round trip, refusal of foreign files, summary."""
import json
from datetime import date

import pytest

from triage import evidence

TODAY = date(2026, 11, 28)
CALL = {"when": "2026-11-02T23:15", "number": "02312345678", "channel": "电话", "who": "家人", "what": "对我母亲说我欠钱不还", "proof": "录音"}
SMS = {"when": "2026-11-01 10:00", "number": "10690000", "channel": "短信", "who": "我本人", "what": "威胁上门", "proof": ""}


def log(*raws):
    entries = []
    for raw in raws:
        entries = evidence.add(entries, raw, TODAY)["entries"]
    return entries


def test_entries_are_kept_in_time_order_and_normalised():
    entries = log(CALL, SMS)
    assert [e["when"] for e in entries] == ["2026-11-01 10:00", "2026-11-02 23:15"]


def test_a_bad_entry_is_refused_with_messages_and_the_log_is_untouched():
    entries = log(SMS)
    out = evidence.add(entries, {**CALL, "when": "2026-11-31 10:00", "channel": "飞鸽", "what": ""}, TODAY)
    assert set(out["errors"]) == {"when", "channel", "what"} and "entries" not in out
    assert entries == log(SMS)


def test_future_times_are_refused():
    assert "不能晚于今天" in evidence.add([], {**CALL, "when": "2026-12-01 09:00"}, TODAY)["errors"]["when"]


def test_edit_and_delete():
    entries = log(CALL, SMS)
    edited = evidence.add(entries, {**SMS, "what": "辱骂"}, TODAY, index=0)["entries"]
    assert edited[0]["what"] == "辱骂" and len(edited) == 2
    assert evidence.remove(edited, 0)["entries"] == [edited[1]]


def test_export_then_import_gives_the_same_log():
    entries = log(CALL, SMS)
    assert evidence.parse_import(evidence.export(entries), TODAY) == {"entries": entries}


def test_foreign_malformed_and_tampered_files_are_refused():
    good = json.loads(evidence.export(log(CALL)))
    cases = ["not json", json.dumps([1, 2]), json.dumps({"format": "other", "entries": []}),
             json.dumps({**good, "version": 99}), json.dumps({**good, "entries": [{**good["entries"][0], "channel": "x"}]})]
    for text in cases:
        out = evidence.parse_import(text, TODAY)
        assert "entries" not in out and "没有改动" in out["error"], text


def test_merging_an_import_keeps_duplicates_once():
    entries = log(CALL)
    assert evidence.merge(entries, log(CALL, SMS))["entries"] == log(CALL, SMS)


def test_two_tabs_deletions_and_edits_stay_with_the_last_agreed_log_as_base():
    base = log(CALL, SMS)
    edited_sms = {**SMS, "what": "改过的说法"}
    # this tab deleted CALL; the other tab (which still had it) added an entry and saved
    third = {**CALL, "when": "2026-11-03 09:00"}
    merged = evidence.merge(log(SMS), log(CALL, SMS, third), base)["entries"]
    assert merged == log(SMS, third), "a deletion is not undone by the other tab's copy"
    # the other tab edited SMS: only the new wording is kept, in both directions
    assert evidence.merge(log(CALL, SMS), log(CALL, edited_sms), base)["entries"] == log(CALL, edited_sms)
    assert evidence.merge(log(CALL, edited_sms), log(CALL, SMS), base)["entries"] == log(CALL, edited_sms)
    # without a base (an import, or a log never seen), it stays a union
    assert evidence.merge(log(SMS), log(CALL, SMS))["entries"] == log(CALL, SMS)


def test_the_page_api_passes_the_base_through():
    from triage import browser
    args = {"entries": log(SMS), "incoming": log(CALL, SMS), "base": log(CALL, SMS)}
    assert json.loads(browser.call("evidence_merge", json.dumps(args)))["entries"] == log(SMS)


def test_summary_for_the_complaint_letter():
    text = evidence.summary(log(CALL, SMS))
    assert "2 次催收联系" in text and "晚上 10 点到早上 8 点" in text and "家人" in text and "1 次留有" in text
    assert evidence.summary([]) == ""


@pytest.mark.parametrize("clock,night", [("21:59", False), ("22:00", True), ("23:59", True), ("00:00", True),
                                         ("07:30", True), ("07:59", True), ("08:00", False), ("12:00", False)])
def test_night_is_22_00_to_08_00(clock, night):
    entries = log({**SMS, "when": f"2026-11-01 {clock}"})
    assert ("晚上 10 点到早上 8 点" in evidence.summary(entries)) is night


def test_add_and_merge_keep_the_import_limit_and_say_so():
    full = [{**evidence.check_entry(SMS, TODAY)[1], "what": f"第{i}次"} for i in range(evidence.MAX_ENTRIES)]
    out = evidence.add(full, CALL, TODAY)
    assert "最多 2000 条" in out["errors"]["when"] and "entries" not in out
    assert len(evidence.merge(full[:1500], full[1000:])["entries"]) == evidence.MAX_ENTRIES, "duplicates count once"
    over = evidence.merge(full[:1999], log(CALL, {**SMS, "what": "新"}))
    assert "最多 2000 条" in over["error"] and "没有改动" in over["error"] and "entries" not in over


def test_the_devices_own_log_with_a_future_date_is_kept_with_a_warning():
    text = evidence.export(log(CALL, SMS))
    earlier = date(2026, 11, 1)  # the clock went back
    assert "entries" not in evidence.parse_import(text, earlier), "an import from elsewhere is still refused"
    out = evidence.parse_import(text, earlier, lenient=True)
    assert out["entries"] == log(CALL, SMS) and "1 条记录的日期晚于" in out["warning"]
    assert "warning" not in evidence.parse_import(text, TODAY, lenient=True)
