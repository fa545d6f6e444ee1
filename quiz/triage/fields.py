"""Form fields for the reader tools: definitions from data, and validation with messages a reader understands.

Values arrive as the strings the reader typed; nothing is ever discarded, errors are returned beside them.
Input is bounded: a value that is not text is refused (never coerced), over-long input is refused before
any pattern runs, amounts and dates must lie in ranges a real loan can have."""
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

KINDS = ("text", "longtext", "amount", "date", "datetime", "dates", "choice")
# Values a browser understands for `autocomplete`; identity fields get name/tel so phones can fill them.
AUTOCOMPLETE = ("off", "name", "tel")
DEFAULT_MAX = {"text": 100, "longtext": 2000}
MAX_RAW = 5000          # no field needs more; longer input is refused before any parsing
MAX_DATES = 30          # a "dates" field: several dates in one box; more than this is not a real history
MAX_AMOUNT = Decimal("100000000")  # 1 亿元: more than any consumer loan
YEARS = (1990, 2100)    # dates outside this range are typing mistakes
_AMOUNT = re.compile(r"^(\d{1,9}|\d{1,3}(,\d{3}){1,2})(\.\d{1,2})?$")  # 1200, 1,200, 1200.5
# 2025-03-31, 2025/3/31, 2025.3.31 and 2025年3月31日 are all read as the same date.
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
# 今天/昨天/前天 in a date field: days before the reader's today.
DAY_WORDS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
# Spoken times in the evidence log ("昨晚11点", "今早8点半", "下午3点20分"): an optional day word, an optional
# part of the day, then N点 with M分 or 半. A part of the day after noon adds 12 hours to 1–11 o'clock.
_SPOKEN = re.compile(r"^(今天|今日|昨天|昨日|前天|今晚|昨晚|前晚|今早|昨早|今晨|昨晨)?\s*"
                     r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*"
                     r"([0-9]{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点點时時:：]\s*"
                     r"(半|[0-9]{1,2}|[零一二两三四五六七八九十]{1,3})?\s*分?$")
_DAY_OF = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "今晚": 0, "昨晚": 1, "前晚": 2,
           "今早": 0, "昨早": 1, "今晨": 0, "昨晨": 1}
_EVENING = ("今晚", "昨晚", "前晚")
_AFTERNOON = ("下午", "傍晚", "晚上", "夜里")
_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Several dates in one box ("dates"): separated by commas, 、, semicolons or new lines, or by spaces before a
# new year (a day or month has at most two digits, so "2023-1-5 2024-3-1" splits, "2023 年 1 月 5 日" does not).
_DATES_SEP = re.compile(r"[,，、;；\n]+|\s+(?=\d{4})")
# Text hygiene: characters a reader cannot see but that change what a letter or log shows. Direction
# overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a name or number read backwards; control
# characters (other than a long text's line breaks and tabs) break the printed letter.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINE = re.compile("[\n\r\u2028\u2029]")


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
    autocomplete: str = "off"
    refuse: tuple[str, ...] = ()  # names that are not an answer (brands for the lender), compared by refused()
    refuse_why: str = ""          # said when one of them is written


# Written after a refused name, these do not make it a different name: "天星金融 App" is still 天星金融.
_REFUSE_TAIL = re.compile(r"(app|平台|官方|客服)+$")


def refused(field: Field, value: str) -> str | None:
    """The refused name `value` amounts to (spaces, case and a trailing App/平台 ignored), or None."""
    plain = _REFUSE_TAIL.sub("", "".join(value.split()).lower())
    return next((w for w in field.refuse if "".join(w.split()).lower() == plain), None)


def _refuse_rule(fid: str, d: dict) -> tuple[tuple[str, ...], str]:
    rule = d.get("refuse")
    if rule is None:
        return (), ""
    words, why = (rule.get("words"), rule.get("why")) if isinstance(rule, dict) else (None, None)
    if (d.get("kind") != "text" or not isinstance(words, list) or not words
            or not all(isinstance(w, str) and w.strip() for w in words) or not isinstance(why, str) or not why.strip()):
        raise ValueError(f"field '{fid}' has a 'refuse' rule that is not {{words: [names], why: a sentence}} on a text field")
    return tuple(w.strip() for w in words), why.strip()


def field_from_dict(fid: str, d: dict) -> Field:
    if not isinstance(d, dict) or not d.get("label") or d.get("kind") not in KINDS:
        raise ValueError(f"field '{fid}' needs a label and a kind (one of: {', '.join(KINDS)})")
    if d["kind"] == "choice" and not d.get("options"):
        raise ValueError(f"field '{fid}' is a choice but has no options")
    if d.get("autocomplete", "off") not in AUTOCOMPLETE:
        raise ValueError(f"field '{fid}' has autocomplete '{d['autocomplete']}' (use one of: {', '.join(AUTOCOMPLETE)})")
    refuse, why = _refuse_rule(fid, d)
    return Field(fid, str(d["label"]), d["kind"], bool(d.get("required")), int(d.get("max") or DEFAULT_MAX.get(d["kind"], 0)),
                 str(d.get("help") or ""), tuple(str(o) for o in d.get("options") or ()), bool(d.get("past")),
                 str(d.get("autocomplete", "off")), refuse, why)


def field_from_shipped(d: dict) -> Field:
    """A Field from the build's own JSON (already validated there): no checks, options back to a tuple."""
    return Field(**{**d, "options": tuple(d.get("options") or ()), "refuse": tuple(d.get("refuse") or ())})


def parse_dates(value: str) -> list[date]:
    """The dates of a checked "dates" value ('2023-01-05、2024-03-01'), in the order written."""
    return [d for d in (parse_date(p) for p in split_dates(value)) if d]


def split_dates(raw: str) -> list[str]:
    return [p.strip() for p in _DATES_SEP.split(raw) if p.strip()]


def parse_date(raw: str, today: date | None = None) -> date | None:
    """'2024-02-29' → date; with `today`, also 今天/昨天/前天. None when the text is not a real calendar
    date in the accepted years."""
    return _date(raw, today)[0]


def _number(text: str) -> int | None:
    """'11' or '十一', '二十五', '两' → the number (0–59); None otherwise."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones or (tens and tens not in _CN) or (ones and ones not in _CN):
            return None
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN.get(text) if len(text) == 1 else None


def parse_spoken(raw: str, today: date) -> tuple[date, int, int] | None:
    """'昨晚11点' → (yesterday, 23, 0); '今早8点半' → (today, 8, 30); '下午3点20分', '前天 21:05'. None when
    it is not written this way or names no real time. 晚上12点 is the midnight that ends that evening."""
    m = _SPOKEN.match(raw.strip())
    if not m:
        return None
    day, part, hour, minute = m.group(1), m.group(2), _number(m.group(3)), m.group(4)
    minute = 30 if minute == "半" else 0 if minute is None else _number(minute)
    if hour is None or minute is None or hour > 23 or minute > 59:
        return None
    when = today - timedelta(days=_DAY_OF.get(day or "", 0))
    if part in _AFTERNOON or (day in _EVENING and part is None):
        if part != "下午" and hour == 12:
            return when + timedelta(days=1), 0, minute
        if 1 <= hour <= 11:
            hour += 12
    elif part == "中午" and 1 <= hour <= 2:
        hour += 12
    return when, hour, minute


def _date(raw: str, today: date | None = None) -> tuple[date | None, str]:
    """(date, '') or (None, why): 'format' when not written as a date, 'missing' when no such day exists,
    'range' when the year is outside YEARS. With `today`, 今天/昨天/前天 are read too."""
    if today is not None and raw.strip() in DAY_WORDS:
        return today - timedelta(days=DAY_WORDS[raw.strip()]), ""
    m = _DATE.match(raw.strip())
    if not m:
        return None, "format"
    if not YEARS[0] <= int(m.group(1)) <= YEARS[1]:
        return None, "range"
    try:
        return date(*map(int, m.groups())), ""
    except ValueError:
        return None, "missing"


def _date_error(label: str, why: str, example: str) -> str:
    if why == "missing":
        return f"“{label}”这一天不存在（比如 2 月没有 30 日），请检查。"
    if why == "range":
        return f"“{label}”的年份请填 {YEARS[0]} 到 {YEARS[1]} 年之间，请检查是不是打错了。"
    return f"“{label}”请按 年-月-日 填写，例如 {example}。"


def check(field: Field, raw, today: date | None) -> tuple[str | None, str]:
    """(error message or None, normalised value). `today=None` skips the not-after-today check (the
    caller then warns instead, as for the device's own stored log)."""
    if raw is not None and not isinstance(raw, str):
        return f"“{field.label}”应当是文字，这里收到的是别的内容。", ""
    value = (raw or "").strip()
    if not value:
        return (f"请填写“{field.label}”。" if field.required else None), ""
    if len(value) > max(field.max, MAX_RAW if field.kind in ("text", "longtext") else 600 if field.kind == "dates" else 60):
        return f"“{field.label}”太长了（{len(value)} 个字），请删减一些。", value
    if field.kind in ("text", "longtext"):
        err = _hygiene(field, value)
        if err:
            return err, value
        if field.kind == "text":
            value = " ".join(value.split())
        if field.max and len(value) > field.max:
            return f"“{field.label}”最多 {field.max} 个字，现在有 {len(value)} 个，请删减一些。", value
        name = refused(field, value) if field.refuse else None
        if name:
            return f"“{field.label}”不能只写“{name}”。{field.refuse_why}", value
        return None, value
    if field.kind == "amount":
        plain = value.replace("，", ",").replace(" ", "").removesuffix("元")
        if not _AMOUNT.match(plain):
            return f"“{field.label}”请只填数字，例如 1200 或 1200.50。", value
        amount = Decimal(plain.replace(",", ""))
        if amount > MAX_AMOUNT:
            return f"“{field.label}”超过了 1 亿元，请检查是不是多打了几位数。", value
        return None, f"{amount:,.2f}"
    if field.kind == "date":
        d, why = _date(value, today)
        if d is None:
            return _date_error(field.label, why, "2025-03-31"), value
        if field.past and today and d > today:
            return f"“{field.label}”不能晚于今天（{today.isoformat()}）。", value
        return None, d.isoformat()
    if field.kind == "dates":
        return _check_dates(field, value, today)
    if field.kind == "datetime":
        spoken = parse_spoken(value, today) if today else None
        if spoken:
            d, hour, minute = spoken
        else:
            day, _, clock = value.replace("T", " ").rpartition(" ")
            d, why = _date(day, today) if day else (None, "format")
            t = _TIME.match(clock.strip())
            if d is None or t is None or int(t.group(1)) > 23 or int(t.group(2)) > 59:
                if why in ("missing", "range"):
                    return _date_error(field.label, why, ""), value
                return f"“{field.label}”请按 年-月-日 时:分 填写，例如 2025-03-31 21:30；也可以写“昨晚11点”。", value
            hour, minute = int(t.group(1)), int(t.group(2))
        if field.past and today and d > today:  # only the reader's date is known here, not their clock
            return f"“{field.label}”不能晚于今天（{today.isoformat()}）。", value
        return None, f"{d.isoformat()} {hour:02d}:{minute:02d}"
    if value not in field.options:  # choice
        return f"“{field.label}”请从列表里选择一项。", value
    return None, value


def _hygiene(field: Field, value: str) -> str | None:
    """Why a typed text cannot be taken as it is, or None. Checked on text and longtext fields."""
    if not value.strip(_ZERO_WIDTH + " \t\n\r\u3000"):
        return f"“{field.label}”里只有看不见的字符，请重新填写。"
    if _BIDI.search(value):
        return f"“{field.label}”里有看不见的文字方向控制符（常见于从别处复制的文字），会让内容显示颠倒。请删掉这一栏重新输入。"
    if field.kind == "text" and _NEWLINE.search(value):
        return f"“{field.label}”只能填一行，请去掉换行。"
    if _CONTROL.search(value.replace("\t", " ") if field.kind == "longtext" else value):
        return f"“{field.label}”里有看不见的控制字符（常见于从别处复制的文字），请删掉这一栏重新输入。"
    return None


def _check_dates(field: Field, value: str, today: date | None) -> tuple[str | None, str]:
    """Several dates in one box: each checked like a "date"; the message names the first bad one. The
    normalised value lists them sorted, without repeats, separated by '、'."""
    parts = split_dates(value)
    if len(parts) > MAX_DATES:
        return f"“{field.label}”最多填 {MAX_DATES} 个日期，现在有 {len(parts)} 个。", value
    days = set()
    for part in parts:
        d, why = _date(part, today)
        shown = part if len(part) <= 20 else part[:20] + "…"
        if d is None:
            return _date_error(field.label, why, "2023-05-10、2024-01-15").replace(f"“{field.label}”", f"“{field.label}”里的“{shown}”", 1), value
        if field.past and today and d > today:
            return f"“{field.label}”里的“{shown}”不能晚于今天（{today.isoformat()}）。", value
        days.add(d)
    return None, "、".join(d.isoformat() for d in sorted(days))


def check_all(fields: list[Field], values: dict, today: date | None) -> tuple[dict[str, str], dict[str, str]]:
    """(errors by field id, normalised values by field id)."""
    if not isinstance(values, dict):
        values = {}
    errors, clean = {}, {}
    for f in fields:
        err, clean[f.id] = check(f, values.get(f.id), today)
        if err:
            errors[f.id] = err
    return errors, clean
