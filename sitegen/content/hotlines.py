"""Hotline data (data/hotlines.yaml): load and validate every number the site mentions, with its sources."""
import re
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .errors import ContentError

HOTLINE_FIELDS = ("number", "name", "purpose", "sources")
SOURCE_FIELDS = ("title", "publisher", "date", "kind")
# How a page must introduce a fact resting on each kind of source (the brief: press facts say 据公开报道).
ATTRIBUTION = {"official": "", "press": "据公开报道", "secondary": "据二手资料"}
CRISIS_NUMBER = "12356"
_DATE = re.compile(r"^(\d{4}-\d{2}(-\d{2})?|n/a)$")
_NUMBER = re.compile(r"^\d{3,8}$")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: str
    kind: str
    url: str = ""


@dataclass(frozen=True)
class Hotline:
    number: str
    name: str
    purpose: str
    hours: str
    sources: tuple[Source, ...]
    line: int = 0

    @property
    def attribution(self) -> str:
        """The strongest source decides: one official source makes the fact plain, else press, else secondary."""
        kinds = {s.kind for s in self.sources}
        return next(ATTRIBUTION[k] for k in ATTRIBUTION if k in kinds)


@dataclass(frozen=True)
class Hotlines:
    crisis_line: str
    by_number: dict[str, Hotline]

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(self.by_number)


def _need(cond: bool, where: str, what: str, fix: str) -> None:
    if not cond:
        raise ContentError(where, what, fix)


def _text(node: dict, name: str, where: str, what: str) -> str:
    value = node.get(name)
    _need(isinstance(value, str) and value.strip() != "", where, f"{what}: missing '{name}' (text)",
          f"add '{name}:' (see the schema at the top of data/hotlines.yaml)")
    _need("UNVERIFIED" not in value and "TODO" not in value, where,
          f"{what}: '{name}' contains UNVERIFIED/TODO text, which would be published",
          "verify the fact, or rewrite the field without it")
    return value.strip()


def _source(path: Path, node, what: str) -> Source:
    where = yamlfile.where(path, node)
    _need(isinstance(node, dict), where, f"{what}: each source must be a mapping",
          "write - title: …  publisher: …  date: …  kind: press")
    title, publisher, date, kind = (_text(node, f, where, what) for f in SOURCE_FIELDS)
    _need(bool(_DATE.match(date)), where, f"{what}: source date '{date}' is not YYYY-MM-DD, YYYY-MM or n/a",
          "write the publication date in quotes, e.g. date: \"2024-12-25\"")
    _need(kind in ATTRIBUTION, where, f"{what}: unknown source kind '{kind}'", f"use one of: {', '.join(ATTRIBUTION)}")
    return Source(title, publisher, date, kind, str(node.get("url") or ""))


def _hotline(path: Path, node) -> Hotline:
    where = yamlfile.where(path, node)
    _need(isinstance(node, dict), where, "each hotline must be a mapping", "write - number: \"12356\"  name: …")
    number = str(node.get("number") or "")
    what = f"hotline {number or '?'}"
    for f in HOTLINE_FIELDS:
        _need(node.get(f) not in (None, "", []), where, f"{what}: missing required field '{f}'",
              f"add '{f}:' (see the schema at the top of data/hotlines.yaml)")
    _need(bool(_NUMBER.match(number)), where, f"{what}: the number must be digits only",
          "write the number in quotes, e.g. number: \"12356\"")
    sources = node["sources"]
    _need(isinstance(sources, list), where, f"{what}: 'sources' must be a list", "write sources: - title: …")
    hours = _text(node, "hours", where, what) if node.get("hours") is not None else ""
    return Hotline(number, _text(node, "name", where, what), _text(node, "purpose", where, what), hours,
                   tuple(_source(path, s, what) for s in sources), getattr(node, "line", 0))


def load(path: Path) -> Hotlines:
    d = yamlfile.load(path)
    _need(isinstance(d, dict), str(path), "the file is not a YAML mapping", "start from the schema at the top of the file")
    where = yamlfile.where(path, d)
    _need(isinstance(d.get("hotlines"), list) and bool(d["hotlines"]), where, "missing 'hotlines:' list",
          "add hotlines: - number: …")
    by_number: dict[str, Hotline] = {}
    for node in d["hotlines"]:
        h = _hotline(path, node)
        _need(h.number not in by_number, yamlfile.where(path, node), f"hotline {h.number} appears twice", "keep one entry")
        by_number[h.number] = h
    line = _text(d, "crisis_line", where, "crisis_line")
    _need(CRISIS_NUMBER in by_number and CRISIS_NUMBER in line, where,
          f"crisis_line must name {CRISIS_NUMBER}, and {CRISIS_NUMBER} must be listed under hotlines",
          f"keep the {CRISIS_NUMBER} entry and mention {CRISIS_NUMBER} in crisis_line")
    return Hotlines(line, by_number)
