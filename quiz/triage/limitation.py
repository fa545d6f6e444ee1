"""Limitation-period dates (民法典 188, 189, 192, 195), computed from the reader's dates.

It explains; it never suggests waiting a debt out. The rule it applies, in date order:
- the three years start on the last instalment's due date (189);
- a demand by the lender (a message or letter reaching the reader, a deduction from their account: 诉讼时效
  规定 8) or the reader's own payment, promise or signed plan (规定 14) interrupts the period only while it is
  still running, i.e. on or before its last day, and a new three years start from that day (195);
- once the period has ended, a later demand changes nothing (there is no running period left to interrupt);
  the reader's own payment, promise or signature after that day may give up the defence (192 第二款,
  规定 19): then no new period is shown, only that day and the advice to ask legal aid first.

The reader-facing sentences, with their citations, live in data/limitation.yaml (checked at build time);
this module gets them as `Texts`, with citations already written out as plain text."""
import re
from dataclasses import dataclass
from datetime import date

from .errors import ContentError
from .fields import Field, check_all, parse_date, parse_dates

YEARS = 3
# An event this many days after the computed last day is "close": a last day falling on a statutory rest day
# moves to the day after it ends (203), and the longest holidays (春节, 国庆) last about 8–9 days.
NEAR_DAYS = 10
FIELDS = [
    Field("due", "最后一期的到期日", "date", required=True, past=True),
    Field("demands", "贷款方向你催款的日期", "dates", past=True),
    Field("own", "你自己还钱、答应还款或签字的日期", "dates", past=True),
]
# What each dated event did, one sentence each (the kinds of step in the result):
# due: the start; demand_in/own_in: inside the running period, a restart; demand_after: after the end, no
# effect; own_after: after the end, may have given up the defence; before: before the due date, no effect.
STEPS = ("due", "demand_in", "own_in", "demand_after", "own_after", "before")
# Result kinds, each with its summary sentence: running, ended (no own act after the end), waived (an own act
# after the end). The summaries use {start}, {end} and {date} (the first own act after the end).
KINDS = {"running": ("start", "end"), "ended": ("end",), "waived": ("end", "date")}
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


@dataclass(frozen=True)
class Texts:
    steps: dict[str, str]    # step kind → what that date did to the period
    summary: dict[str, str]  # result kind → one sentence with the dates
    after: dict[str, str]    # ended / waived → what that means: the debt remains, the defence, ask legal aid
    near: str                # shown when an event or today is close to the last day (203: rest days)
    rule: str                # the one sentence of the rule (inside the period only), also the no-JS text
    reminder: str            # always shown: a rough estimate, not advice to wait; how the days are counted
    help: dict[str, str]     # field id → help under the field (the form; not used by the engine)


def texts_from_dict(d) -> Texts:
    """Validate the data file's shape; node names ('steps.due', 'rule') let the build point at the line."""
    if not isinstance(d, dict):
        raise ContentError.of("", "the file is not a mapping", "see the comment at the top of the file")
    maps = {"steps": STEPS, "summary": tuple(KINDS), "after": ("ended", "waived"), "help": tuple(f.id for f in FIELDS)}
    for name, keys in maps.items():
        if not isinstance(d.get(name), dict):
            raise ContentError.of("", f"the file needs '{name}:' (a mapping with {', '.join(keys)})", "see the comment at the top of the file")
        for key in keys:
            if not isinstance(d[name].get(key), str) or not d[name][key].strip():
                raise ContentError.of(f"{name}.{key}", f"missing or empty {name}.{key}", f"add '{key}:' under {name}: (text)")
        for key in d[name]:
            if key not in keys:
                raise ContentError.of(f"{name}.{key}", f"unknown key {name}.{key}", f"use one of: {', '.join(keys)}")
    for key in ("near", "rule", "reminder"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise ContentError.of(key, f"missing or empty '{key}'", f"add '{key}:' (text)")
    for kind, wanted in KINDS.items():
        found = set(_PLACEHOLDER.findall(d["summary"][kind]))
        if found != set(wanted):
            raise ContentError.of(f"summary.{kind}", f"summary.{kind} has the placeholders {sorted(found)}",
                                  f"write exactly {', '.join('{' + w + '}' for w in wanted)}")
    joined = {name: {k: _joined(v) for k, v in d[name].items()} for name in maps}
    return Texts(joined["steps"], joined["summary"], joined["after"], _joined(d["near"]), _joined(d["rule"]),
                 _joined(d["reminder"]), joined["help"])


def _joined(text: str) -> str:
    """A paragraph written over several YAML lines, joined without spaces (Chinese needs none)."""
    return "".join(line.strip() for line in text.splitlines())


def add_years(d: date, years: int) -> date:
    """The last day of a period of `years` starting on `d`.

    民法典 201: the day the period starts is not counted, counting begins the next day; 202: for a period in
    years the last day is the corresponding day of the last month, or that month's last day when it has none.
    So three years from 2019-01-10 end on 2022-01-10, and from 2024-02-29 on 2027-02-28.
    203 (a last day on a statutory rest day moves to the day after the rest ends) is not applied: the module
    holds no holiday data, and whether a weekend counts is for a court; the texts say so, and events within
    NEAR_DAYS of the last day are flagged instead."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def chain(due: date, demands: list[date], own: list[date]) -> dict:
    """The periods in date order: {'start', 'start_event', 'end', 'steps': [(date, step kind)], 'waived'}.
    `waived` is the first own act after the end (None if none); after the end nothing restarts the period."""
    start, start_event, end = due, "due", add_years(due, YEARS)
    steps, waived = [(due, "due")], None
    # On one day, the lender's demand before the reader's own act: the result is the same either way.
    for day, who in sorted({(d, "demand") for d in demands} | {(d, "own") for d in own}):
        if day < start:  # only before the due date: every later event is on or after the latest start
            steps.append((day, "before"))
        elif day <= end:  # inside the running period, its last day included (203: until 24:00)
            start, start_event, end = day, who, add_years(day, YEARS)
            steps.append((day, f"{who}_in"))
        else:
            steps.append((day, f"{who}_after"))
            if who == "own" and waived is None:
                waived = day
    return {"start": start, "start_event": start_event, "end": end, "waived": waived,
            "steps": sorted(steps, key=lambda s: s[0])}  # stable: the due date stays before events on that day


def compute(texts: Texts, values: dict, today: date) -> dict:
    errors, clean = check_all(FIELDS, values, today)
    if errors:
        return {"errors": errors}
    c = chain(parse_date(clean["due"]), parse_dates(clean["demands"]), parse_dates(clean["own"]))
    end = c["end"]
    kind = "waived" if c["waived"] else "ended" if end < today else "running"
    after_end = [d for d, _ in c["steps"] if d > end] + ([today] if kind != "running" else [])
    near = any((d - end).days <= NEAR_DAYS for d in after_end)
    summary = (texts.summary[kind].replace("{start}", c["start"].isoformat()).replace("{end}", end.isoformat())
               .replace("{date}", c["waived"].isoformat() if c["waived"] else ""))
    after = texts.after.get(kind, "") + (texts.near if near else "")
    return {"result": {
        "kind": kind, "start": c["start"].isoformat(), "start_event": c["start_event"], "end": end.isoformat(),
        "passed": kind != "running", "near": near,
        "steps": [f"{d.isoformat()}　{texts.steps[s]}" for d, s in c["steps"]],
        "summary": summary, "after": after, "reminder": texts.rule + texts.reminder,
    }}
