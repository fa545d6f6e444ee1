"""The limitation helper's sentences (data/limitation.yaml): checked by the engine, citations checked and written
as 《民法典》第…条."""
import dataclasses
from pathlib import Path

from triage import limitation

from . import citations, yamlfile
from .errors import ContentError
from .statutes import Statute


def load_limitation(path: Path, statutes: dict[str, Statute]) -> limitation.Texts:
    data = yamlfile.mapping(path)
    try:
        texts = limitation.texts_from_dict(data)
    except ContentError as exc:
        parent, _, key = exc.node.rpartition(".")
        node = data.get(parent) if parent else data
        raise exc.located(yamlfile.where(path, node if isinstance(node, dict) else data, key or None)) from None

    def checked(value, name):
        if isinstance(value, dict):
            return {k: citations.checked(v, statutes, path, data[name], k, False) for k, v in value.items()}
        return citations.checked(value, statutes, path, data, name, False)
    return limitation.Texts(**{f.name: checked(getattr(texts, f.name), f.name) for f in dataclasses.fields(texts)})
