"""The JSON boundary for the Web Worker: the page sends the flow once, then answers; it gets views back."""
import json

from .flow import from_dict
from .model import Flow
from .validate import check
from .views import view

_flow: Flow | None = None


def load(flow_json: str) -> None:
    global _flow
    flow = from_dict(json.loads(flow_json))
    check(flow)
    _flow = flow


def answer(answers_json: str) -> str:
    """answers_json: {"question id": "option id", ...} → the view to show, as JSON."""
    if _flow is None:
        raise RuntimeError("load() the flow first")
    answers = json.loads(answers_json)
    return json.dumps(view(_flow, {str(k): str(v) for k, v in answers.items()}), ensure_ascii=False)
