"""Statute data (data/statutes/*.yaml): load, validate, and look up articles by citation key."""
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ContentError
from .numerals import article_key

STATUS_LABELS = {"in_force": "现行有效", "repealed": "已废止"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LAW_FIELDS = ("id", "name", "short_name", "kind", "issuer", "status", "version", "last_verified",
              "verified_how", "summary", "sources", "articles")
ARTICLE_FIELDS = ("number", "topic", "text", "plain", "source")


@dataclass(frozen=True)
class Article:
    key: str
    number: str
    topic: str
    text: str
    plain: str
    source: dict
    secondary: bool = False
    note: str = ""


@dataclass
class Statute:
    id: str
    path: Path
    data: dict
    articles: dict[str, Article]
    historical: list[dict] = field(default_factory=list)

    @property
    def short_name(self) -> str:
        return self.data["short_name"]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.data["status"]]


def _need(cond: bool, where: str, what: str, fix: str) -> None:
    if not cond:
        raise ContentError(where, what, fix)


def _check_published_text(path: Path, node, value: str, name: str) -> None:
    # A fact the law notes mark UNVERIFIED must never reach a page.
    _need("UNVERIFIED" not in value and "TODO" not in value, yamlfile.where(path, node),
          f"field '{name}' contains UNVERIFIED/TODO text, which would be published",
          "verify the fact against an official source, or rewrite the field without it")


def load_statute(path: Path) -> Statute:
    d = yamlfile.load(path)
    _need(isinstance(d, dict), str(path), "the file is not a YAML mapping", "start from an existing file in data/statutes/")
    for f in LAW_FIELDS:
        _need(d.get(f) not in (None, "", []), yamlfile.where(path, d), f"missing required field '{f}'",
              f"add '{f}:' (see README.md「添加法条」 for what each field means)")
    _need(d["id"] == path.stem, yamlfile.where(path, d), f"id '{d['id']}' differs from the file name",
          f"set 'id: {path.stem}' or rename the file to {d['id']}.yaml")
    _need(d["status"] in STATUS_LABELS, yamlfile.where(path, d), f"unknown status '{d['status']}'",
          f"use one of: {', '.join(STATUS_LABELS)}")
    _need(bool(d.get("effective")) or bool(d.get("effective_note")), yamlfile.where(path, d),
          "no effective date and no 'effective_note' explaining why", "add 'effective: YYYY-MM-DD' or an 'effective_note'")
    for f in ("effective", "last_verified"):
        _need(not d.get(f) or bool(_DATE.match(str(d[f]))), yamlfile.where(path, d),
              f"'{f}' is not a date YYYY-MM-DD: {d.get(f)!r}", f"write {f} as YYYY-MM-DD in quotes")
    if d["status"] == "repealed":
        _need(isinstance(d.get("repealed"), dict) and d["repealed"].get("date") and d["repealed"].get("by"),
              yamlfile.where(path, d), "status is repealed but 'repealed: {date, by}' is missing",
              "add the repeal date and the provision that repealed it")
    for f in ("name", "summary", "verified_how", "version", "effective_note"):
        if d.get(f):
            _check_published_text(path, d, str(d[f]), f)
    articles: dict[str, Article] = {}
    for a in d["articles"]:
        for f in ARTICLE_FIELDS:
            _need(a.get(f) not in (None, ""), yamlfile.where(path, a), f"article {a.get('number', '?')}: missing '{f}'",
                  f"add '{f}:' to that article")
        key = str(a.get("key") or article_key(a["number"]) or "")
        _need(bool(key), yamlfile.where(path, a), f"article '{a['number']}' has no citation key",
              "write the number as 第…条 or add 'key: <short-id>'")
        _need(key not in articles, yamlfile.where(path, a), f"article {a['number']} appears twice", "keep one entry")
        for f in ("topic", "plain"):
            _check_published_text(path, a, a[f], f"{a['number']}.{f}")
        articles[key] = Article(key, a["number"], a["topic"], a["text"].strip(), a["plain"].strip(), a["source"],
                                bool(a.get("text_is_secondary")), a.get("transcription_note", ""))
    return Statute(d["id"], path, d, articles, d.get("historical_articles") or [])


def load_all(folder: Path) -> dict[str, Statute]:
    files = sorted(folder.glob("*.yaml"))
    _need(bool(files), str(folder), "no statute data files found", "add data/statutes/<id>.yaml")
    return {s.id: s for s in map(load_statute, files)}
