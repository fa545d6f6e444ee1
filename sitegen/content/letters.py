"""The letters (data/letters.yaml): loaded and checked by the engine, every {{law}} citation checked like a page's
(errors name file:line of the exact key), citations written out in full on the model copies."""
import dataclasses
from pathlib import Path

from triage.letters import LetterBook, from_dict

from . import citations, yamlfile
from .errors import ContentError
from .statutes import Statute


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
    data = yamlfile.mapping(path)
    try:
        book = from_dict(data)
    except ContentError as exc:
        node, key = _letter_node(data, exc.node)
        raise exc.located(yamlfile.where(path, node, key)) from None
    raw = {str(d["id"]): d for d in data["letters"]}
    letters = {}
    for lid, letter in book.letters.items():
        texts = {key: citations.checked(getattr(letter, key), statutes, path, raw[lid], key, True)
                 for key in ("title", "to", "intro", "template")}
        letters[lid] = dataclasses.replace(letter, **texts)
    fields = {fid: dataclasses.replace(f, help=citations.checked(f.help, statutes, path, data["fields"][fid], "help", True))
              for fid, f in book.fields.items()}
    return LetterBook(fields, letters)
