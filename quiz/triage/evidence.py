"""The reader's evidence log: validate entries, keep them in time order, export/import, summarise."""
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
MAX_ENTRIES = 2000


def check_entry(raw: dict, today: date) -> tuple[dict[str, str], dict[str, str]]:
    return check_all(FIELDS, raw if isinstance(raw, dict) else {}, today)


def add(entries: list[dict], raw: dict, today: date, index: int | None = None) -> dict:
    """Add an entry (or replace the one at `index`); {"errors"} leaves the log untouched."""
    if index is not None and not (isinstance(index, int) and 0 <= index < len(entries)):
        return {"errors": {"when": "要修改的记录已经不在了，请重新点“修改”。"}}
    errors, entry = check_entry(raw, today)
    if errors:
        return {"errors": errors}
    out = list(entries)
    if index is None:
        out.append(entry)
    else:
        out[index] = entry
    return {"entries": sorted(out, key=lambda e: e["when"])}


def merge(entries: list[dict], incoming: list[dict]) -> dict:
    """Imported entries join the log; exact duplicates are kept once."""
    seen, out = set(), []
    for e in sorted(list(entries) + list(incoming), key=lambda e: e["when"]):
        key = tuple(sorted(e.items()))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return {"entries": out}


def remove(entries: list[dict], index: int) -> dict:
    return {"entries": [e for i, e in enumerate(entries) if i != index]}


def export(entries: list[dict]) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "entries": entries}, ensure_ascii=False, indent=1)


def parse_import(text: str, today: date) -> dict:
    """{"entries": [...]} or {"error": message}. The caller keeps its current log until this succeeds."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        return {"error": "这个文件不是本站导出的证据记录（无法读取）。你现有的记录没有改动。"}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        return {"error": "这个文件不是本站导出的证据记录。你现有的记录没有改动。"}
    if data.get("version") != VERSION:
        return {"error": f"这个文件的版本（{data.get('version')}）本站读不了。你现有的记录没有改动。"}
    if len(data["entries"]) > MAX_ENTRIES:
        return {"error": f"文件里的记录超过 {MAX_ENTRIES} 条，无法导入。你现有的记录没有改动。"}
    entries = []
    for n, raw in enumerate(data["entries"], 1):
        errors, entry = check_entry(raw, today)
        if errors:
            return {"error": f"第 {n} 条记录有问题：{next(iter(errors.values()))} 你现有的记录没有改动。"}
        entries.append(entry)
    return {"entries": sorted(entries, key=lambda e: e["when"])}


def summary(entries: list[dict]) -> str:
    """A few plain sentences for the complaint letter."""
    if not entries:
        return ""
    ways = "，".join(f"{k} {v} 次" for k, v in Counter(e["channel"] for e in entries).most_common())
    others = [e for e in entries if e["who"] != "我本人"]
    night = [e for e in entries if not "07:00" <= e["when"][11:] < "22:00"]
    lines = [f"自 {entries[0]['when']} 至 {entries[-1]['when']}，我记录了 {len(entries)} 次催收联系（{ways}）。"]
    if night:
        lines.append(f"其中 {len(night)} 次发生在晚上 10 点到早上 7 点之间。")
    if others:
        who = "、".join(sorted({e["who"] for e in others}))
        lines.append(f"其中 {len(others)} 次联系的是{who}，而不是我本人。")
    with_proof = sum(1 for e in entries if e["proof"])
    if with_proof:
        lines.append(f"{with_proof} 次留有录音、截图等证据，可以提供。")
    return "".join(lines)
