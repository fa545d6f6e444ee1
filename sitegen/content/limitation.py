"""The limitation helper's sentences (data/limitation.yaml): checked by the engine, citations checked and written
as 《民法典》第…条."""
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
    events = data["events"]

    return limitation.Texts({k: citations.checked(v, statutes, path, events, k, False) for k, v in texts.events.items()},
                            citations.checked(texts.after, statutes, path, data, "after", False),
                            citations.checked(texts.reminder, statutes, path, data, "reminder", False))
