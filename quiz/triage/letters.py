"""Letters the reader can send: templates (data) filled with validated field values.

`from_dict` validates the YAML (at build time); `to_dict`/`from_shipped` carry the validated book to the
browser as JSON, which is trusted there and not checked again. Errors name the node as `letter:<id>.<key>`
or `field:<id>`, so the build can point at the exact line."""
import re
from dataclasses import asdict, dataclass
from datetime import date

from .errors import ContentError
from .fields import Field, check_all, field_from_dict, field_from_shipped

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
EMPTY = "（未填写）"


@dataclass(frozen=True)
class Letter:
    id: str
    title: str
    to: str
    intro: str
    fields: tuple[str, ...]
    template: str


@dataclass(frozen=True)
class LetterBook:
    fields: dict[str, Field]
    letters: dict[str, Letter]

    def form(self, letter_id: str) -> list[Field]:
        return [self.fields[f] for f in self.letters[letter_id].fields]


def from_dict(data: dict) -> LetterBook:
    if not isinstance(data.get("fields"), dict) or not isinstance(data.get("letters"), list):
        raise ContentError.of("", "the file needs 'fields:' (a mapping) and 'letters:' (a list)", "see the comment at the top of the file")
    fields = {}
    for fid, d in data["fields"].items():
        try:
            fields[fid] = field_from_dict(fid, d)
        except ValueError as exc:
            raise ContentError.of(f"field:{fid}", str(exc), "see the field kinds in the comment at the top of the file") from None
    letters = {}
    for n, d in enumerate(data["letters"]):
        if not isinstance(d, dict):
            raise ContentError.of(f"letter:#{n + 1}", f"a letter is not a mapping: {str(d)[:40]!r}", "write each letter as '- id: …' with its keys")
        lid = str(d.get("id") or f"#{n + 1}")
        for key in ("id", "title", "to", "intro", "template"):
            if not isinstance(d.get(key), str) or not d[key].strip():
                raise ContentError.of(f"letter:{lid}.{key}", f"missing or empty '{key}'", f"add '{key}:' (text) to letter {lid}")
        if not isinstance(d.get("fields"), list) or not d["fields"]:
            raise ContentError.of(f"letter:{lid}.fields", "'fields' must be a list of field ids", "write fields: [name, date, ...]")
        if lid in letters:
            raise ContentError.of(f"letter:{lid}.id", "duplicate letter id", "rename one of them")
        for fid in d["fields"]:
            if fid not in fields:
                raise ContentError.of(f"letter:{lid}.fields", f"uses field '{fid}', which is not defined under fields:", f"define {fid} or remove it")
        used = set(PLACEHOLDER.findall(d["template"]))
        for fid in sorted(used - set(d["fields"])):
            raise ContentError.of(f"letter:{lid}.template", f"the template uses {{{fid}}}, which is not in this letter's fields", f"add {fid} to its fields list")
        for fid in d["fields"]:
            if fid not in used:
                raise ContentError.of(f"letter:{lid}.fields", f"field '{fid}' is asked for but never used in the template", f"use {{{fid}}} or drop it")
        letters[lid] = Letter(lid, d["title"], d["to"], d["intro"], tuple(d["fields"]), d["template"].strip())
    if not letters:
        raise ContentError.of("", "no letters defined", "add letters:")
    return LetterBook(fields, letters)


def to_dict(book: LetterBook) -> dict:
    """The validated book as JSON-ready data (what the browser receives)."""
    return {"fields": {k: asdict(f) for k, f in book.fields.items()},
            "letters": {k: asdict(lt) for k, lt in book.letters.items()}}


def from_shipped(data: dict) -> LetterBook:
    """The inverse of to_dict, without validating again: the build already did."""
    return LetterBook({k: field_from_shipped(f) for k, f in data["fields"].items()},
                      {k: Letter(**{**lt, "fields": tuple(lt["fields"])}) for k, lt in data["letters"].items()})


def fill(book: LetterBook, letter_id: str, values: dict, today: date) -> dict:
    """{"errors": {field: message}} when anything is wrong, else {"text": the letter}."""
    errors, clean = check_all(book.form(letter_id), values, today)
    if errors:
        return {"errors": errors}
    text = PLACEHOLDER.sub(lambda m: clean.get(m.group(1)) or EMPTY, book.letters[letter_id].template)
    return {"text": text}


def blank(book: LetterBook, letter_id: str) -> str:
    """The template with 【label】 blanks: the printable version for readers without JavaScript."""
    return PLACEHOLDER.sub(lambda m: f"【{book.fields[m.group(1)].label}】", book.letters[letter_id].template)
