"""The JSON boundary for the Web Worker. The page sends the data once (`load`), then calls one of the
functions in API with JSON arguments and gets JSON back. Only these functions are reachable from the page."""
import json
from datetime import date

from . import evidence, letters, limitation
from .flow import from_dict
from .validate import check
from .views import view

_data: dict = {}


def load(flow_json: str, letters_json: str = "") -> None:
    if flow_json and flow_json != "{}":  # the quiz no longer runs here (it ships pre-rendered)
        flow = from_dict(json.loads(flow_json))
        check(flow)
        _data["flow"] = flow
    if letters_json:
        _data["letters"] = letters.from_dict(json.loads(letters_json))


def _today(args: dict) -> date:
    # The reader's own local date, sent by the page; tests pass a fixed one.
    return date.fromisoformat(args["today"]) if args.get("today") else date.today()


API = {
    "answer": lambda a: view(_data["flow"], {str(k): str(v) for k, v in a["answers"].items()}),
    "letter": lambda a: letters.fill(_data["letters"], a["letter"], a["values"], _today(a)),
    "limitation": lambda a: limitation.compute(a["values"], _today(a)),
    "evidence_add": lambda a: evidence.add(a["entries"], a["values"], _today(a), a.get("index")),
    "evidence_remove": lambda a: evidence.remove(a["entries"], a["index"]),
    "evidence_merge": lambda a: evidence.merge(a["entries"], a["incoming"]),
    "evidence_export": lambda a: {"text": evidence.export(a["entries"])},
    "evidence_import": lambda a: evidence.parse_import(a["text"], _today(a)),
    "evidence_summary": lambda a: {"text": evidence.summary(a["entries"])},
}


def call(name: str, args_json: str) -> str:
    if name not in API:
        raise ValueError(f"unknown call {name!r}")
    return json.dumps(API[name](json.loads(args_json)), ensure_ascii=False)

