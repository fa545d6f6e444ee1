"""The JSON boundary for the engine's Web Worker (engine-worker.js), which serves the reader tools.

The worker sends the build's validated tool data once (`load`: letters, limitation and deadline texts, the
holiday calendar; citations already plain text; not checked again here), then calls one of the functions in API with JSON arguments
and gets JSON back. Only these functions are reachable from the page. Arguments are checked for type
and size: a bad argument raises ValueError (the page's call fails, the engine keeps working)."""
import json
from datetime import date

from . import deadlines, evidence, letters, limitation

_data: dict = {}


def load(texts_json: str) -> None:
    data = json.loads(texts_json)
    _data["letters"] = letters.from_shipped(data["letters"])
    _data["limitation"] = limitation.Texts(**data["limitation"])
    _data["deadlines"] = deadlines.texts_from_shipped(data["deadlines"])
    _data["holidays"] = deadlines.holidays_from_shipped(data["holidays"])


def _today(args: dict) -> date:
    # The reader's own local date, sent by the page; tests pass a fixed one.
    return date.fromisoformat(args["today"]) if isinstance(args.get("today"), str) else date.today()


def _entries(value) -> list[dict]:
    """A log the page holds: a list of at most MAX_ENTRIES entries whose values are all text."""
    if not isinstance(value, list) or len(value) > evidence.MAX_ENTRIES or not all(
            isinstance(e, dict) and set(e) <= set(evidence.KEYS) and all(isinstance(v, str) for v in e.values())
            for e in value):
        raise ValueError("entries must be a list of evidence entries")
    return [{k: e.get(k, "") for k in evidence.KEYS} for e in value]


def _values(value) -> dict:
    if not isinstance(value, dict) or len(value) > 20:
        raise ValueError("values must be an object of form fields")
    return value


def _index(value, allow_none: bool = False) -> int | None:
    if (value is None and allow_none) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError("index must be a whole number")


API = {
    "letter": lambda a: letters.fill(_data["letters"], str(a["letter"]), a["values"], _today(a)),
    "limitation": lambda a: limitation.compute(_data["limitation"], a["values"], _today(a)),
    "deadline": lambda a: deadlines.compute(_data["deadlines"], _data["holidays"], _values(a["values"]), _today(a)),
    "evidence_add": lambda a: evidence.add(_entries(a["entries"]), a["values"], _today(a), _index(a.get("index"), True)),
    "evidence_remove": lambda a: evidence.remove(_entries(a["entries"]), _index(a["index"])),
    "evidence_merge": lambda a: evidence.merge(_entries(a["entries"]), _entries(a["incoming"]),
                                               None if a.get("base") is None else _entries(a["base"])),
    "evidence_import": lambda a: evidence.parse_import(a["text"], _today(a), bool(a.get("lenient"))),
    "evidence_summary": lambda a: {"text": evidence.summary(_entries(a["entries"]))},
}


def call(name: str, args_json: str) -> str:
    if name not in API:
        raise ValueError(f"unknown call {str(name)[:40]!r}")
    try:
        args = json.loads(args_json)
        if not isinstance(args, dict):
            raise ValueError("arguments must be an object")
        return json.dumps(API[name](args), ensure_ascii=False)
    except RecursionError:  # never let a deep structure take the interpreter down
        raise ValueError("arguments nested too deeply") from None
    except (KeyError, TypeError) as exc:
        raise ValueError(f"bad arguments for {name}: {exc.__class__.__name__}") from None
