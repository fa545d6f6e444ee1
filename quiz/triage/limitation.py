"""Limitation-period dates (民法典 188, 189, 195), computed from the reader's dates.

It explains; it never suggests waiting a debt out: every demand, payment or promise restarts the period.
The reader-facing sentences, with their citations, live in data/limitation.yaml (checked at build time);
this module gets them as `Texts`, with citations already written out as plain text."""
from dataclasses import dataclass
from datetime import date

from .errors import ContentError
from .fields import Field, check_all, parse_date

YEARS = 3
FIELDS = [
    Field("due", "最后一期的到期日", "date", required=True, past=True),
    Field("last_payment", "最后一次还款的日期", "date", past=True),
    Field("last_contact", "贷款方最近一次催款，或你最近一次答应还款的日期", "date", past=True),
]
EVENTS = tuple(f.id for f in FIELDS)  # each date has a sentence saying what it does to the period


@dataclass(frozen=True)
class Texts:
    events: dict[str, str]  # field id → why that date starts or restarts the period
    after: str              # shown when the period has passed: the debt remains
    reminder: str           # always shown: a rough estimate, not advice to wait


def texts_from_dict(d) -> Texts:
    """Validate the data file's shape; node names ('events.due', 'after') let the build point at the line."""
    if not isinstance(d, dict) or not isinstance(d.get("events"), dict):
        raise ContentError.of("", "the file needs 'events:' (a mapping), 'after:' and 'reminder:'", "see the comment at the top of the file")
    for key in EVENTS:
        if not isinstance(d["events"].get(key), str) or not d["events"][key].strip():
            raise ContentError.of(f"events.{key}", f"missing or empty events.{key}", f"add '{key}:' under events: (one sentence)")
    for key in ("after", "reminder"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise ContentError.of(key, f"missing or empty '{key}'", f"add '{key}:' (text)")
    return Texts({k: _joined(d["events"][k]) for k in EVENTS}, _joined(d["after"]), _joined(d["reminder"]))


def _joined(text: str) -> str:
    """A paragraph written over several YAML lines, joined without spaces (Chinese needs none)."""
    return "".join(line.strip() for line in text.splitlines())


def add_years(d: date, years: int) -> date:
    """Same month and day `years` later; 29 February falls back to the month's last day (28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def compute(texts: Texts, values: dict, today: date) -> dict:
    errors, clean = check_all(FIELDS, values, today)
    if errors:
        return {"errors": errors}
    events = [(fid, parse_date(clean[fid])) for fid in EVENTS if clean[fid]]
    events = [events[0]] + [e for e in events[1:] if e[1] >= events[0][1]]  # earlier payments do not move the start
    fid, start = max(events, key=lambda e: (e[1], e[0] != "due"))
    end = add_years(start, YEARS)
    steps = [f"{d.isoformat()}　{texts.events[f]}" for f, d in sorted(events, key=lambda e: e[1])]
    return {"result": {
        "start": start.isoformat(), "start_event": fid, "end": end.isoformat(), "passed": end < today,
        "steps": steps, "reminder": texts.reminder, "after": texts.after if end < today else "",
        "summary": (f"按你填的日期，三年时效大约从 {start.isoformat()} 起算，到 {end.isoformat()} 前后届满"
                    + ("（已经过了这个日期）。" if end < today else "。")),
    }}
