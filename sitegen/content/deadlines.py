"""Court deadlines: their sentences (data/deadlines.yaml, citations checked and written as 《民事诉讼法》第…条) and the
official holidays they move off (data/holidays.yaml); errors name file:line of the exact key."""
from pathlib import Path

from triage import deadlines

from . import citations, yamlfile
from .errors import ContentError
from .statutes import Statute


def _node_at(data, node: str):
    """(mapping, key) in the YAML for an engine node name such as 'papers.judgment.rule' or '2026.off.3' (a list
    item that is a mapping is its own line; any other item points at its list)."""
    parent, key = data, None
    for part in node.split(".") if node else []:
        k = int(part) if part.isdigit() else part
        value = parent.get(key) if key is not None and isinstance(parent, dict) else None
        if isinstance(value, list):
            item = value[k] if isinstance(k, int) and k < len(value) else None
            if isinstance(item, dict):
                parent, key = item, None
            return parent, key
        if key is not None:
            parent = value
        key = k
    return parent, key


def _located(exc: ContentError, path: Path, data) -> ContentError:
    parent, key = _node_at(data, exc.node)
    if not isinstance(parent, dict):
        parent, key = data, None
    return exc.located(yamlfile.where(path, parent, key if key in parent else None))


def load_deadlines(path: Path, statutes: dict[str, Statute]) -> deadlines.Texts:
    """The court-deadline sentences, citations checked and written as 《民事诉讼法》第…条."""
    data = yamlfile.mapping(path)
    try:
        texts = deadlines.texts_from_dict(data)
    except ContentError as exc:
        raise _located(exc, path, data) from None
    raw = data["papers"]
    papers = {pid: deadlines.Paper(*(citations.checked(getattr(p, k), statutes, path, raw[pid], k, False) if getattr(p, k) else ""
                                     for k in ("label", "rule", "todo")))
              for pid, p in texts.papers.items()}
    return deadlines.Texts(*(citations.checked(getattr(texts, k), statutes, path, data, k, False) for k in deadlines.SENTENCES),
                           papers)


def load_holidays(path: Path) -> deadlines.Holidays:
    """Days off and working weekend days by year; a bad date, a duplicate, a day both off and working, or a year
    without its source fails naming the line."""
    data = yamlfile.mapping(path)
    try:
        return deadlines.holidays_from_dict(data)
    except ContentError as exc:
        raise _located(exc, path, data) from None
