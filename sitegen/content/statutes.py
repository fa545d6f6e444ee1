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
ARTICLE_FIELDS = ("number", "topic", "text", "plain")
HISTORICAL_FIELDS = ("number", "topic", "version", "status", "text")


@dataclass(frozen=True)
class Article:
    key: str
    number: str
    topic: str
    text: str
    plain: str
    source: dict
    secondary: bool = False
    plain_line: int = 0  # where `plain` starts in the file, so citation errors in it name their own line


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

    def published_texts(self) -> list[tuple[str, int]]:
        """Every free-text field shown on the page, with its line, so citations in any of them are checked."""
        d = self.data
        texts = [(d.get(f) or "", d.line_of(f)) for f in ("summary", "effective_note")]
        texts += [(a.plain, a.plain_line) for a in self.articles.values()]
        texts += [(h.get("plain") or "", h.line_of("plain")) for h in self.historical]
        return [(t, line) for t, line in texts if t]


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
    for f in ("name", "short_name", "kind", "issuer", "summary", "verified_how", "version", "effective_note"):
        _need(d.get(f) is None or isinstance(d[f], str), yamlfile.where(path, d), f"'{f}' must be text", f"write {f}: 文字")
        if d.get(f):
            _check_published_text(path, d, d[f], f)
    _need(isinstance(d["sources"], list) and all(isinstance(x, dict) and x.get("repo") and x.get("commit") for x in d["sources"]),
          yamlfile.where(path, d), "'sources' must be a list of entries with repo and commit",
          "write sources: - repo: owner/name  commit: <hash or n/a>")
    _need(isinstance(d["articles"], list) and all(isinstance(a, dict) for a in d["articles"]), yamlfile.where(path, d),
          "'articles' must be a list of '- number: …' entries", "see an existing file in data/statutes/")
    articles: dict[str, Article] = {}
    for a in d["articles"]:
        for f in ARTICLE_FIELDS:
            _need(isinstance(a.get(f), str) and a[f].strip() != "", yamlfile.where(path, a),
                  f"article {a.get('number', '?')}: missing '{f}' (text)", f"add '{f}:' to that article")
        _source_ok(path, a, f"article {a['number']}")
        key = str(a.get("key") or article_key(a["number"]) or "")
        _need(bool(key), yamlfile.where(path, a), f"article '{a['number']}' has no citation key",
              "write the number as 第…条 or add 'key: <short-id>'")
        _need(key not in articles, yamlfile.where(path, a), f"article {a['number']} appears twice", "keep one entry")
        for f in ("topic", "plain"):
            _check_published_text(path, a, a[f], f"{a['number']}.{f}")
        articles[key] = Article(key, a["number"], a["topic"], a["text"].strip(), a["plain"].strip(), a["source"],
                                bool(a.get("text_is_secondary")), a.line_of("plain"))
    historical = d.get("historical_articles") or []
    _need(isinstance(historical, list) and all(isinstance(h, dict) for h in historical), yamlfile.where(path, d),
          "'historical_articles' must be a list of '- number: …' entries", "see civil-procedure-law.yaml")
    for h in historical:
        for f in HISTORICAL_FIELDS:
            _need(isinstance(h.get(f), str) and h[f].strip() != "", yamlfile.where(path, h),
                  f"historical article {h.get('number', '?')}: missing '{f}' (text)", f"add '{f}:' to that entry")
        _source_ok(path, h, f"historical article {h['number']}")
    return Statute(d["id"], path, d, articles, historical)


def _source_ok(path: Path, a: dict, what: str) -> None:
    src = a.get("source")
    ok = isinstance(src, dict) and (all(src.get(k) for k in ("repo", "commit", "path")) or bool(src.get("quoted_from")))
    _need(ok, yamlfile.where(path, a), f"{what}: 'source' must name repo, commit and path (or quoted_from)",
          "copy the source block from the shared law file this text came from")


def in_reading_order(statutes: dict[str, Statute]) -> list[Statute]:
    """Laws in force first, then repealed ones; by id within each (the nav and the index page agree)."""
    return sorted(statutes.values(), key=lambda s: (s.data["status"] != "in_force", s.id))


def load_all(folder: Path) -> dict[str, Statute]:
    files = sorted(folder.glob("*.yaml"))
    _need(bool(files), str(folder), "no statute data files found", "add data/statutes/<id>.yaml")
    return {s.id: s for s in map(load_statute, files)}
