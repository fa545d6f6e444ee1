"""The reader's evidence log: validate entries, keep them in time order, import/export, summarise.

Every way in is bounded: an import is checked for size and nesting before it is parsed, and add, merge and
import share one entry limit. Whatever fails leaves the caller's log as it was."""
import json
from collections import Counter
from datetime import date

from .fields import Field, check_all

FORMAT, VERSION = "xiaomi-loan-help/evidence-log", 1
CHANNELS = ("电话", "短信", "微信或其他聊天软件", "上门", "其他")
WHO = ("我本人", "家人", "朋友或同事", "工作单位", "通讯录里的其他人", "其他")
FIELDS = [
    Field("when", "日期和时间", "datetime", required=True, past=True),
    Field("number", "对方号码或账号", "text", max=40),
    Field("channel", "方式", "choice", required=True, options=CHANNELS),
    Field("who", "联系了谁", "choice", required=True, options=WHO),
    Field("what", "对方说了或做了什么", "longtext", required=True, max=500),
    Field("proof", "有什么证据（录音、截图等）", "text", max=200),
]
KEYS = tuple(f.id for f in FIELDS)
MAX_ENTRIES = 2000
MAX_BYTES = 5 * 1024 * 1024  # an exported log of MAX_ENTRIES full entries is about 2.5 MB
MAX_DEPTH = 8                # the format nests 3 deep; anything deeper is not ours (and could crash the parser)
# The guideline the site cites counts 22:00 to 08:00 as night.
NIGHT_FROM, NIGHT_UNTIL = "22:00", "08:00"
UNCHANGED = "你现有的记录没有改动。"


def check_entry(raw, today: date | None) -> tuple[dict[str, str], dict[str, str]]:
    if not isinstance(raw, dict):
        return {"when": "这一条不是一条记录。"}, {}
    return check_all(FIELDS, raw, today)


def _limit(n: int) -> str:
    return f"记录最多 {MAX_ENTRIES} 条，现在会变成 {n} 条。请先导出一份，再删除一些旧的记录。"


def add(entries: list[dict], raw: dict, today: date, index: int | None = None) -> dict:
    """Add an entry (or replace the one at `index`); {"errors"} leaves the log untouched."""
    if index is not None and not (isinstance(index, int) and 0 <= index < len(entries)):
        return {"errors": {"when": "要修改的记录已经不在了，请重新点“修改”。"}}
    if index is None and len(entries) >= MAX_ENTRIES:
        return {"errors": {"when": _limit(len(entries) + 1)}}
    errors, entry = check_entry(raw, today)
    if errors:
        return {"errors": errors}
    out = list(entries)
    if index is None:
        out.append(entry)
    else:
        out[index] = entry
    return {"entries": sorted(out, key=lambda e: e["when"])}


def _key(e: dict) -> tuple:
    return tuple(e.get(k, "") for k in KEYS)


def merge(entries: list[dict], incoming: list[dict], base: list[dict] | None = None) -> dict:
    """Imported entries join the log; exact duplicates are kept once. {"error"} when the result would
    pass the limit: the caller keeps its log.

    With `base` (the stored log both sides last agreed on: another tab saved `incoming` over it), a
    three-way merge instead of a union: an entry one side deleted stays deleted, an edited entry keeps only
    its new wording (an edit is the old wording deleted and the new one added), and what either side added
    is kept."""
    if base is not None:
        was = {_key(e) for e in base}
        ours = {_key(e) for e in entries}
        theirs = {_key(e) for e in incoming}
        gone = (was - ours) | (was - theirs)
        entries = [e for e in entries if _key(e) not in gone]
        incoming = [e for e in incoming if _key(e) not in gone]
    seen, out = set(), []
    for e in sorted(list(entries) + list(incoming), key=lambda e: e["when"]):
        key = _key(e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    if len(out) > MAX_ENTRIES:
        return {"error": _limit(len(out)) + UNCHANGED}
    return {"entries": out}


def remove(entries: list[dict], index: int) -> dict:
    return {"entries": [e for i, e in enumerate(entries) if i != index]}


def export(entries: list[dict]) -> str:
    """The file format (tools.js writes the same shape when the engine is not there)."""
    return json.dumps({"format": FORMAT, "version": VERSION, "entries": entries}, ensure_ascii=False, indent=1)


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when brackets nest deeper than `limit` outside JSON strings: checked before parsing, in linear
    time, so a hostile file can never reach the recursive parser."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _short(value) -> str:
    """Echo at most a few characters of something a file said."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 12 else text[:12] + "…"


def parse_import(text: str, today: date, lenient: bool = False) -> dict:
    """{"entries": [...], "warning": "..."} or {"error": message}. The caller keeps its log until this succeeds.

    `lenient` is for this device's own stored log: an entry dated after today (the clock or time zone went
    back) is kept with a warning instead of refusing the whole log."""
    if not isinstance(text, str):
        return {"error": "这个文件无法读取。" + UNCHANGED}
    if len(text) > MAX_BYTES:
        return {"error": f"这个文件超过 {MAX_BYTES // 1024 // 1024} MB，不是本站导出的证据记录。" + UNCHANGED}
    if too_deep(text):
        return {"error": "这个文件不是本站导出的证据记录（结构不对）。" + UNCHANGED}
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return {"error": "这个文件不是本站导出的证据记录（无法读取）。" + UNCHANGED}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        return {"error": "这个文件不是本站导出的证据记录。" + UNCHANGED}
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        return {"error": f"这个文件的版本（{_short(data.get('version'))}）本站读不了。" + UNCHANGED}
    if len(data["entries"]) > MAX_ENTRIES:
        return {"error": f"文件里的记录超过 {MAX_ENTRIES} 条，无法导入。" + UNCHANGED}
    entries = []
    for n, raw in enumerate(data["entries"], 1):
        errors, entry = check_entry(raw, None if lenient else today)
        if errors:
            return {"error": f"第 {n} 条记录有问题：{next(iter(errors.values()))}" + UNCHANGED}
        entries.append(entry)
    out: dict = {"entries": sorted(entries, key=lambda e: e["when"])}
    future = sum(1 for e in entries if e["when"][:10] > today.isoformat())
    if future:
        out["warning"] = (f"有 {future} 条记录的日期晚于这台设备今天的日期（{today.isoformat()}），"
                          "可能是手机的日期或时区改过。记录都保留了，请检查这些日期。")
    return out


def is_night(when: str) -> bool:
    clock = when[11:16]
    return clock >= NIGHT_FROM or clock < NIGHT_UNTIL


def summary(entries: list[dict]) -> str:
    """A few plain sentences for the complaint letter."""
    if not entries:
        return ""
    ways = "，".join(f"{k} {v} 次" for k, v in Counter(e["channel"] for e in entries).most_common())
    others = [e for e in entries if e["who"] != "我本人"]
    night = [e for e in entries if is_night(e["when"])]
    lines = [f"自 {entries[0]['when']} 至 {entries[-1]['when']}，我记录了 {len(entries)} 次催收联系（{ways}）。"]
    if night:
        lines.append(f"其中 {len(night)} 次发生在晚上 10 点到早上 8 点之间。")
    if others:
        who = "、".join(sorted({e["who"] for e in others}))
        lines.append(f"其中 {len(others)} 次联系的是{who}，而不是我本人。")
    with_proof = sum(1 for e in entries if e["proof"])
    if with_proof:
        lines.append(f"{with_proof} 次留有录音、截图等证据，可以提供。")
    return "".join(lines)
