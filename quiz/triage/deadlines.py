"""Court deadlines (民事诉讼法 85, 90, 128, 171, 227): the last day to act after a court paper arrived.

The rules live here: which paper gives how many days. Counting follows 民诉法 85: the day the paper arrived
is not counted; a last day on a rest day moves to the next working day. Weekends are rest days unless the
holiday data lists them as working days (调休上班); official holidays come from data/holidays.yaml, which
holds whole years only, so for any other year the result says holidays may move the date.
The reader-facing sentences, with their citations, live in data/deadlines.yaml (checked at build time);
this module gets them as `Texts`, with citations already written out as plain text."""
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ContentError
from .fields import Field, check_all, parse_date

# paper id → days to act, counted from the day after it arrived; None: nothing to count (say what to do).
PAPERS: dict[str, int | None] = {
    "complaint": 15,      # 起诉状副本 / 应诉通知书: 答辩 (128)
    "summons": None,      # 传票: the hearing date is written on it
    "judgment": 15,       # 一审判决书: 上诉 (171)
    "ruling": 10,         # 一审裁定书: 上诉 (171)
    "payment_order": 15,  # 支付令: 清偿或书面异议 (227)
    "enforcement": None,  # 执行通知书
}
FIELDS = [Field("received", "收到文书的日期", "date", required=True, past=True)]
WEEKDAYS = "一二三四五六日"
MAX_MOVE = 31  # no run of rest days is longer; guards the loop against a broken calendar
SENTENCES = ("caveat", "counting", "received", "unknown_year", "passed")


@dataclass(frozen=True)
class Paper:
    label: str  # the paper's name as the reader sees it ("起诉状副本或应诉通知书")
    rule: str   # the rule in words, with its article; empty when nothing is counted
    todo: str   # what to do before the last day (or, with nothing to count, what to do at all)


@dataclass(frozen=True)
class Texts:
    caveat: str        # next to every computed date: ordinary procedure, courts may set other periods
    counting: str      # how the days are counted (85)
    received: str      # which day counts as received (signed for; electronic: arrival, 90)
    unknown_year: str  # the year is not in the holiday data: holidays may move the date
    passed: str        # the last day is before today
    papers: dict[str, Paper]


@dataclass(frozen=True)
class Holidays:
    """Days off and working weekend days for the years held (data/holidays.yaml), with each year's source."""
    off: frozenset[date]
    working: frozenset[date]
    sources: dict[int, str]

    def rest(self, d: date) -> bool:
        return d in self.off or (d.weekday() >= 5 and d not in self.working)

    def to_dict(self) -> dict:
        return {"off": sorted(d.isoformat() for d in self.off), "working": sorted(d.isoformat() for d in self.working),
                "sources": {str(y): s for y, s in sorted(self.sources.items())}}


def holidays_from_shipped(d: dict) -> Holidays:
    """From the build's own JSON (Holidays.to_dict, already validated there)."""
    return Holidays(frozenset(map(date.fromisoformat, d["off"])), frozenset(map(date.fromisoformat, d["working"])),
                    {int(y): s for y, s in d["sources"].items()})


def texts_from_shipped(d: dict) -> Texts:
    return Texts(**{**d, "papers": {k: Paper(**p) for k, p in d["papers"].items()}})


# -- validation of the data files (node names like 'papers.judgment.rule' or '2026.off.3' let the build find the line)

def texts_from_dict(d) -> Texts:
    if not isinstance(d, dict) or not isinstance(d.get("papers"), dict):
        raise ContentError.of("", "the file needs 'papers:' (a mapping) and the sentences " + ", ".join(SENTENCES),
                              "see the comment at the top of the file")
    for key in SENTENCES:
        _need_text(d, key, key)
    unknown = [k for k in d["papers"] if k not in PAPERS]
    if unknown:
        raise ContentError.of(f"papers.{unknown[0]}", f"unknown paper '{unknown[0]}'", f"use one of: {', '.join(PAPERS)}")
    papers = {}
    for pid, days in PAPERS.items():
        p = d["papers"].get(pid)
        if not isinstance(p, dict):
            raise ContentError.of("papers", f"missing paper '{pid}'", f"add '{pid}:' under papers: with label, rule and todo")
        for key in ("label", "todo") + (("rule",) if days else ()):
            _need_text(p, key, f"papers.{pid}.{key}")
        rule = _joined(p.get("rule") or "")
        if days and f"{days} 日" not in rule:  # the sentence must say the number the engine counts
            raise ContentError.of(f"papers.{pid}.rule", f"the rule for '{pid}' does not say '{days} 日'",
                                  f"the engine counts {days} days (triage/deadlines.py PAPERS): say '{days} 日' in the rule")
        if not days and rule:
            raise ContentError.of(f"papers.{pid}.rule", f"'{pid}' has no period to count, but has a rule",
                                  "remove 'rule:' (say what to do in 'todo:')")
        papers[pid] = Paper(_joined(p["label"]), rule, _joined(p["todo"]))
    return Texts(*(_joined(d[k]) for k in SENTENCES), papers)


def _need_text(d: dict, key: str, node: str) -> None:
    if not isinstance(d.get(key), str) or not d[key].strip():
        raise ContentError.of(node, f"missing or empty '{node}'", f"add '{key}:' (text)")


def _joined(text: str) -> str:
    """A paragraph written over several YAML lines, joined without spaces (Chinese needs none)."""
    return "".join(line.strip() for line in text.splitlines())


def holidays_from_dict(d) -> Holidays:
    """data/holidays.yaml: year → {source, off: [{name, from, to}], working: [{name, date}]}."""
    if not isinstance(d, dict) or not d:
        raise ContentError.of("", "the file needs one entry per year (2026: with source, off and working)",
                              "see the comment at the top of the file")
    off: dict[date, str] = {}
    working: dict[date, str] = {}
    sources = {}
    for year, entry in d.items():
        if not isinstance(year, int) or not isinstance(entry, dict):
            raise ContentError.of(f"{year}", f"'{year}' is not a year with its days", "write the year as a number: '2026:'")
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ContentError.of(f"{year}", f"year {year} has no source", "add 'source:' naming the State Council notice")
        if "gov.cn" not in source and "新华" not in source:
            raise ContentError.of(f"{year}.source", f"the source for {year} is neither gov.cn nor a 新华社 reprint",
                                  "take the dates from the notice on gov.cn or its 新华社 text, and name it")
        sources[year] = _joined(source)
        for kind, seen in (("off", off), ("working", working)):
            if not isinstance(entry.get(kind), list):
                raise ContentError.of(f"{year}", f"year {year} has no '{kind}:' list", f"add '{kind}:' (a list, possibly [])")
            for i, item in enumerate(entry[kind]):
                node = f"{year}.{kind}.{i}"
                days = _days(item, kind, year, node)
                for day in days:
                    if day in seen:
                        raise ContentError.of(node, f"{day.isoformat()} is listed twice", "remove one of the two entries")
                    other = working if kind == "off" else off
                    if day in other:
                        raise ContentError.of(node, f"{day.isoformat()} is both a day off and a working day",
                                              "check the notice: a day is either 放假 or 上班")
                    if kind == "working" and day.weekday() < 5:
                        raise ContentError.of(node, f"{day.isoformat()} is a weekday, so listing it as a working day changes nothing",
                                              "list only Saturdays and Sundays that the notice makes working days (上班)")
                    seen[day] = item["name"]
    return Holidays(frozenset(off), frozenset(working), sources)


def _days(item, kind: str, year: int, node: str) -> list[date]:
    keys = ("from", "to") if kind == "off" else ("date",)
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise ContentError.of(node, f"an entry under '{kind}' needs a name and {' and '.join(keys)}",
                              "write {name: 国庆节, from: 2026-10-01, to: 2026-10-07}" if kind == "off"
                              else "write {name: 国庆节调休, date: 2026-10-10}")
    first, last = (_iso(item.get(keys[0]), node, year), _iso(item.get(keys[-1]), node, year))
    if last < first:
        raise ContentError.of(node, f"'to' ({last.isoformat()}) is before 'from' ({first.isoformat()})", "swap the two dates")
    if (last - first).days > MAX_MOVE:
        raise ContentError.of(node, f"{(last - first).days + 1} days off in one entry", "check the dates against the notice")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _iso(value, node: str, year: int) -> date:
    try:
        d = value if isinstance(value, date) else date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        d = None
    if d is None:
        raise ContentError.of(node, f"'{value}' is not a date", "write dates as YYYY-MM-DD, e.g. 2026-10-01")
    if d.year != year:
        raise ContentError.of(node, f"{d.isoformat()} is listed under {year}", f"move it under '{d.year}:'")
    return d


# -- the computation

def last_day(received: date, days: int, holidays: Holidays) -> tuple[date, date, bool]:
    """(the day the period ends counted plainly, the last day after moving off rest days, whether every year
    that decides it is in the holiday data). The day received is not counted (85)."""
    end = received + timedelta(days=days)
    day, known = end, end.year in holidays.sources
    for _ in range(MAX_MOVE):
        if not holidays.rest(day):
            break
        day += timedelta(days=1)
        known = known and day.year in holidays.sources
    return end, day, known


def weekday(d: date) -> str:
    return "星期" + WEEKDAYS[d.weekday()]


def find_paper(texts: Texts, name: str) -> str | None:
    """A paper id from its id or a part of its label ("起诉状副本", "应诉通知", "判决书"), for the terminal."""
    if name in PAPERS:
        return name
    found = [pid for pid, p in texts.papers.items() if name and name in p.label]
    return found[0] if len(found) == 1 else None


def compute(texts: Texts, holidays: Holidays, values: dict, today: date | None) -> dict:
    """values: {'paper': a PAPERS id, 'received': the date as typed}. `today=None` skips the not-after-today check.
    Returns {'errors': {field id: message}} or {'result': {...}}: paper, label, rule, todo, days (None: nothing to
    count, only `todo` and `summary` matter), received, end (received + days), last_day (after moving off rest days),
    weekday, moved, holidays_known, passed, caveat, counting, notes (sentences to show under the date), summary."""
    values = values if isinstance(values, dict) else {}
    paper_id = values.get("paper")
    if not isinstance(paper_id, str) or paper_id not in PAPERS:
        return {"errors": {"paper": "请选择你收到的是哪一种文书。"}}
    paper, days = texts.papers[paper_id], PAPERS[paper_id]
    result = {"paper": paper_id, "label": paper.label, "rule": paper.rule, "todo": paper.todo, "days": days,
              "received": "", "end": "", "last_day": "", "weekday": "", "moved": False, "holidays_known": True,
              "passed": False, "caveat": "", "counting": "", "notes": [], "summary": paper.todo}
    if days is None:  # a hearing date or an enforcement notice: nothing to count
        return {"result": result}
    errors, clean = check_all(FIELDS, {"received": values.get("received")}, today)
    if errors:
        return {"errors": errors}
    received = parse_date(clean["received"])
    end, last, known = last_day(received, days, holidays)
    passed = today is not None and last < today
    moved = f"数满 {days} 天是 {end.isoformat()}，那天是休息日，所以顺延。" if last != end else ""
    result.update(
        received=received.isoformat(), end=end.isoformat(), last_day=last.isoformat(), weekday=weekday(last),
        moved=last != end, holidays_known=known, passed=passed, caveat=texts.caveat, counting=texts.counting,
        notes=[texts.received] + ([] if known else [texts.unknown_year]) + ([texts.passed] if passed else []),
        summary=f"最后一天是 {last.isoformat()}（{weekday(last)}）。{moved}")
    return {"result": result}
