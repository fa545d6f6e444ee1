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
# Optional lines: a template line starting with "?" is left out of the letter when every field in it (and in
# the "?" lines right next to it: one block) is empty. Optional fields may only appear on such lines, and
# such a block uses only optional fields, so a letter never prints an empty blank. letter.js (plain fill)
# follows the same rule: keep the two in step (tests/browser/test_wechat_browser.py compares them).
OPTIONAL = "?"
EMPTY = "（未填写）"  # only where a field is empty and its line stays: the unchecked plain fill, never a checked letter


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
        _check_optional(lid, d["template"], fields)
        letters[lid] = Letter(lid, d["title"], d["to"], d["intro"], tuple(d["fields"]), d["template"].strip())
    if not letters:
        raise ContentError.of("", "no letters defined", "add letters:")
    return LetterBook(fields, letters)


def blocks(template: str) -> list[tuple[bool, list[str]]]:
    """The template as (optional?, lines) blocks: runs of "?" lines (marker removed) and single other lines."""
    out: list[tuple[bool, list[str]]] = []
    for line in template.split("\n"):
        optional = line.startswith(OPTIONAL)
        if optional and out and out[-1][0]:
            out[-1][1].append(line[1:])
        else:
            out.append((optional, [line[1:] if optional else line]))
    return out


def _check_optional(lid: str, template: str, fields: dict[str, Field]) -> None:
    for optional, lines in blocks(template):
        used = PLACEHOLDER.findall("\n".join(lines))
        if optional:
            required = [f for f in used if fields[f].required]
            if not used or required:
                raise ContentError.of(f"letter:{lid}.template", f"the optional line '?{lines[0][:30]}' "
                                      + (f"uses the required field {{{required[0]}}}" if required else "has no {field}"),
                                      "start a line with '?' only when all its fields are optional (it is left out when they are empty)")
        else:
            for fid in used:
                if not fields[fid].required:
                    raise ContentError.of(f"letter:{lid}.template", f"the optional field {{{fid}}} is on a line that is always printed",
                                          f"put {{{fid}}} on its own line starting with '?' (left out when empty), or make the field required")


def render(template: str, values: dict) -> str:
    """Fill a checked template: optional blocks whose fields are all empty are left out, with one of the blank
    lines around them, so no empty section and no double gap is left."""
    kept: list[str] = []
    for optional, lines in blocks(template):
        if optional and not any((values.get(f) or "").strip() for f in PLACEHOLDER.findall("\n".join(lines))):
            if kept and not kept[-1].strip():
                kept.pop()
            continue
        kept.extend(lines)
    while kept and not kept[0].strip():
        kept.pop(0)
    return PLACEHOLDER.sub(lambda m: (values.get(m.group(1)) or "").strip() or EMPTY, "\n".join(kept))


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
    return {"text": render(book.letters[letter_id].template, clean)}


def blank(book: LetterBook, letter_id: str) -> str:
    """The template with 【label】 blanks: the printable version for readers without JavaScript."""
    text = "\n".join(line for _, lines in blocks(book.letters[letter_id].template) for line in lines)
    return PLACEHOLDER.sub(lambda m: f"【{book.fields[m.group(1)].label}】", text)
