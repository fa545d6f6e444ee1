"""Build-time side of the reader tools.

- Load and validate quiz/letters.yaml, quiz/limitation.yaml, quiz/deadlines.yaml and data/holidays.yaml: every
  {{law}} citation is checked like a page's, errors name file:line of the exact key, and citations become plain
  text on the model copies.
- Ship those validated models to the engine as one JSON file (`engine_texts`).
- Replace the tool markers in a page's HTML with the widgets, rendered by the Jinja partials in
  overrides/components/<tool>/ from the same Field models the engine validates with."""
import dataclasses
import json
import re
from pathlib import Path

from triage import deadlines, evidence, limitation
from triage.fields import Field
from triage.letters import LetterBook, blank, from_dict, to_dict

from . import citations, yamlfile
from .errors import ContentError
from .statutes import Statute

# <!-- tool:letter:<id> -->, <!-- tool:evidence -->, <!-- tool:limitation --> in docs/*.md; Markdown passes
# HTML comments through untouched, so the widgets are put in after Markdown has run.
MARKER = re.compile(r"<!-- tool:(letter:([\w-]+)|evidence|limitation) -->")
HINTS = {"date": "例如 2025-03-31", "datetime": "例如 2025-03-31 21:30", "amount": "例如 1200",
         "dates": "例如 2023-05-10，2024-01-15"}
FORMATS = {"date": "格式：年-月-日，例如 2025-03-31。", "datetime": "格式：年-月-日 时:分，例如 2025-03-31 21:30。",
           "dates": "可以填几个日期，用逗号或换行隔开，例如 2023-05-10，2024-01-15。"}


def plain_citations(text: str, statutes: dict[str, Statute], full_name: bool) -> str:
    """{{law civil-code 1033}} → 《中华人民共和国民法典》第一千零三十三条 in letters (`full_name`), or
    《民法典》第一千零三十三条 in tool texts. Citations must have been checked (citations.scan) first."""
    def plain(m: re.Match) -> str:
        s = statutes[m.group(1)]
        article = s.articles[m.group(2)]
        return f"《{s.data['name'] if full_name else s.short_name}》{article.number if article.key != 'full' else ''}"
    return citations.SHORTCODE.sub(plain, text)


def _checked(text: str, statutes: dict[str, Statute], path: Path, node, key: str, full_name: bool) -> str:
    """The text as published, after checking each citation in the YAML value (errors name its line)."""
    raw = node.get(key) if isinstance(node, dict) and isinstance(node.get(key), str) else text
    citations.scan("", raw, statutes, str(path), node.line_of(key))
    return plain_citations(text, statutes, full_name)


def _mapping(path: Path) -> dict:
    data = yamlfile.load(path)
    if not isinstance(data, dict):
        raise ContentError(str(path), "the file is not a YAML mapping", "start from the comment at the top of the file")
    return data


def _letter_node(data: dict, node: str):
    """(mapping, key) in the YAML for an engine node name: 'letter:<id>.<key>', 'letter:#<n>', 'field:<id>'."""
    kind, _, rest = node.partition(":")
    name, _, key = rest.partition(".")
    if kind == "field":
        return data.get("fields"), name
    items = [d for d in data.get("letters") or [] if isinstance(d, dict)]
    if name.startswith("#") and name[1:].isdigit() and int(name[1:]) <= len(data.get("letters") or []):
        item = data["letters"][int(name[1:]) - 1]
        return (item, None) if isinstance(item, dict) else (data, "letters")
    found = next((d for d in items if str(d.get("id")) == name), None)
    return (found, key or None) if found is not None else (data, None)


def load_letters(path: Path, statutes: dict[str, Statute]) -> LetterBook:
    """The validated letters, with citations written out in full (the YAML itself is never changed)."""
    data = _mapping(path)
    try:
        book = from_dict(data)
    except ContentError as exc:
        node, key = _letter_node(data, exc.node)
        raise exc.located(yamlfile.where(path, node, key)) from None
    raw = {str(d["id"]): d for d in data["letters"]}
    letters = {}
    for lid, letter in book.letters.items():
        texts = {key: _checked(getattr(letter, key), statutes, path, raw[lid], key, True)
                 for key in ("title", "to", "intro", "template")}
        letters[lid] = dataclasses.replace(letter, **texts)
    fields = {fid: dataclasses.replace(f, help=_checked(f.help, statutes, path, data["fields"][fid], "help", True))
              for fid, f in book.fields.items()}
    return LetterBook(fields, letters)


def load_limitation(path: Path, statutes: dict[str, Statute]) -> limitation.Texts:
    """The limitation helper's sentences, citations checked and written as 《民法典》第…条."""
    data = _mapping(path)
    try:
        texts = limitation.texts_from_dict(data)
    except ContentError as exc:
        parent, _, key = exc.node.rpartition(".")
        node = data.get(parent) if parent else data
        raise exc.located(yamlfile.where(path, node if isinstance(node, dict) else data, key or None)) from None

    def checked(value, name):
        if isinstance(value, dict):
            return {k: _checked(v, statutes, path, data[name], k, False) for k, v in value.items()}
        return _checked(value, statutes, path, data, name, False)
    return limitation.Texts(**{f.name: checked(getattr(texts, f.name), f.name) for f in dataclasses.fields(texts)})


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
    data = _mapping(path)
    try:
        texts = deadlines.texts_from_dict(data)
    except ContentError as exc:
        raise _located(exc, path, data) from None
    raw = data["papers"]
    papers = {pid: deadlines.Paper(*(_checked(getattr(p, k), statutes, path, raw[pid], k, False) if getattr(p, k) else ""
                                     for k in ("label", "rule", "todo")))
              for pid, p in texts.papers.items()}
    return deadlines.Texts(*(_checked(getattr(texts, k), statutes, path, data, k, False) for k in deadlines.SENTENCES),
                           papers)


def load_holidays(path: Path) -> deadlines.Holidays:
    """Days off and working weekend days by year; a bad date, a duplicate, a day both off and working, or a year
    without its source fails naming the line."""
    data = _mapping(path)
    try:
        return deadlines.holidays_from_dict(data)
    except ContentError as exc:
        raise _located(exc, path, data) from None


def engine_texts(book: LetterBook, texts: limitation.Texts, deadline_texts: deadlines.Texts,
                 holidays: deadlines.Holidays) -> bytes:
    """What the engine loads in the browser (triage.browser.load): exactly the validated models."""
    return json.dumps({"letters": to_dict(book), "limitation": dataclasses.asdict(texts),
                       "deadlines": dataclasses.asdict(deadline_texts), "holidays": holidays.to_dict()},
                      ensure_ascii=False, sort_keys=True).encode("utf-8")


def fill_widgets(html: str, env, context: dict, book: LetterBook, texts: limitation.Texts, where: str) -> str:
    """Replace each tool marker in a page's HTML with its widget (see the partials for the markup).
    `context` holds `engine` (the data-* attributes the engine needs), `root` and `built`; `texts` gives the
    limitation form its help lines and its no-JavaScript sentence (the same `rule` the engine shows)."""
    def widget(m: re.Match) -> str:
        kind, letter_id = m.group(1).partition(":")[0], m.group(2)
        if kind == "letter":
            if letter_id not in book.letters:
                raise ContentError(where, f"no letter '{letter_id}' in quiz/letters.yaml",
                                   f"use one of: {', '.join(book.letters)}")
            letter = book.letters[letter_id]
            return _render(env, "letter", context, letter=letter, fields=book.form(letter_id),
                           blank=blank(book, letter_id), summary="evidence_summary" in letter.fields)
        if kind == "evidence":
            return _render(env, "evidence", context, fields=evidence.FIELDS)
        return _render(env, "limitation", context, rule=texts.rule,
                       fields=[dataclasses.replace(f, help=texts.help.get(f.id, f.help)) for f in limitation.FIELDS])
    return MARKER.sub(widget, html)


def _render(env, name: str, context: dict, **values) -> str:
    return env.get_template(f"components/{name}/{name}.html").render(
        **context, **values, hints=HINTS, formats=FORMATS, Field=Field)
