"""Form fields for the reader tools: definitions from data, and validation with messages a reader understands.

Values arrive as the strings the reader typed; nothing is ever discarded, errors are returned beside them."""
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

KINDS = ("text", "longtext", "amount", "date", "datetime", "choice")
DEFAULT_MAX = {"text": 100, "longtext": 2000}
_AMOUNT = re.compile(r"^(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?$")  # 1200, 1,200, 1200.5
# 2025-03-31, 2025/3/31, 2025.3.31 and 2025年3月31日 are all read as the same date.
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str
    required: bool = False
    max: int = 0
    help: str = ""
    options: tuple[str, ...] = ()
    past: bool = False  # a date of something that already happened: not after today


def field_from_dict(fid: str, d: dict) -> Field:
    if not isinstance(d, dict) or not d.get("label") or d.get("kind") not in KINDS:
        raise ValueError(f"field '{fid}' needs a label and a kind (one of: {', '.join(KINDS)})")
    if d["kind"] == "choice" and not d.get("options"):
        raise ValueError(f"field '{fid}' is a choice but has no options")
    return Field(fid, str(d["label"]), d["kind"], bool(d.get("required")), int(d.get("max") or DEFAULT_MAX.get(d["kind"], 0)),
                 str(d.get("help") or ""), tuple(str(o) for o in d.get("options") or ()), bool(d.get("past")))


def parse_date(raw: str) -> date | None:
    """'2024-02-29' → date; None when the text is not a real calendar date."""
    return _date(raw)[0]


def _date(raw: str) -> tuple[date | None, str]:
    """(date, '') or (None, why): 'format' when it is not written as a date, 'missing' when no such day exists."""
    m = _DATE.match(raw.strip())
    if not m:
        return None, "format"
    try:
        return date(*map(int, m.groups())), ""
    except ValueError:
        return None, "missing"


def _date_error(label: str, why: str, example: str) -> str:
    if why == "missing":
        return f"“{label}”这一天不存在（比如 2 月没有 30 日），请检查。"
    return f"“{label}”请按 年-月-日 填写，例如 {example}。"


def check(field: Field, raw, today: date) -> tuple[str | None, str]:
    """(error message or None, normalised value)."""
    value = "" if raw is None else str(raw).strip()
    if not value:
        return (f"请填写“{field.label}”。" if field.required else None), ""
    if field.kind in ("text", "longtext"):
        if field.kind == "text":
            value = " ".join(value.split())
        if field.max and len(value) > field.max:
            return f"“{field.label}”最多 {field.max} 个字，现在有 {len(value)} 个，请删减一些。", value
        return None, value
    if field.kind == "amount":
        plain = value.replace("，", ",").replace(" ", "").removesuffix("元")
        if not _AMOUNT.match(plain):
            return f"“{field.label}”请只填数字，例如 1200 或 1200.50。", value
        return None, f"{Decimal(plain.replace(',', '')):,.2f}"
    if field.kind == "date":
        d, why = _date(value)
        if d is None:
            return _date_error(field.label, why, "2025-03-31"), value
        if field.past and d > today:
            return f"“{field.label}”不能晚于今天（{today.isoformat()}）。", value
        return None, d.isoformat()
    if field.kind == "datetime":
        day, _, clock = value.replace("T", " ").rpartition(" ")
        d, why = _date(day) if day else (None, "format")
        t = _TIME.match(clock.strip())
        if d is None or t is None or int(t.group(1)) > 23 or int(t.group(2)) > 59:
            return _date_error(field.label, why or "format", "2025-03-31 21:30").replace("年-月-日", "年-月-日 时:分"), value
        if field.past and d > today:  # only the reader's date is known here, not their clock
            return f"“{field.label}”不能晚于今天（{today.isoformat()}）。", value
        return None, f"{d.isoformat()} {int(t.group(1)):02d}:{t.group(2)}"
    if value not in field.options:  # choice
        return f"“{field.label}”请从列表里选择一项。", value
    return None, value


def check_all(fields: list[Field], values: dict, today: date) -> tuple[dict[str, str], dict[str, str]]:
    """(errors by field id, normalised values by field id)."""
    errors, clean = {}, {}
    for f in fields:
        err, clean[f.id] = check(f, values.get(f.id), today)
        if err:
            errors[f.id] = err
    return errors, clean
