"""Turn plain data (parsed YAML or JSON) into a Flow, rejecting malformed entries by id."""
from typing import Any

from .model import END, Flow, Option, PlanStep, Question, Situation


class FlowError(ValueError):
    """A problem in the flow data. `node` is the id of the question/situation at fault ('' for the file)."""

    def __init__(self, node: str, message: str, fix: str):
        self.node, self.message, self.fix = node, message, fix
        super().__init__(f"{node or '(flow)'}: {message} — fix: {fix}")


def _text(d: dict, key: str, node: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FlowError(node, f"'{key}' is missing or empty", f"write a non-empty '{key}:' for {node}")
    return value.strip()


def _ids(items: list[dict], kind: str) -> None:
    seen = set()
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or not ident:
            raise FlowError("", f"a {kind} has no id", f"give every {kind} an 'id:'")
        if ident in seen:
            raise FlowError(ident, f"duplicate {kind} id '{ident}'", "ids must be unique; rename one of them")
        seen.add(ident)


def _question(q: dict) -> Question:
    qid = q["id"]
    opts = q.get("options")
    if not isinstance(opts, list) or len(opts) < 2:
        raise FlowError(qid, "a question needs at least two options", "add options with id, label and next")
    _ids(opts, f"option of {qid}")
    options = []
    for o in opts:
        where = f"{qid}.{o['id']}"
        adds = o.get("adds") or []
        if not isinstance(adds, list):
            raise FlowError(where, "'adds' must be a list of situation ids", "write adds: [situation-id, ...]")
        options.append(Option(str(o["id"]), _text(o, "label", where), _text(o, "next", where), tuple(adds)))
    return Question(qid, _text(q, "text", qid), tuple(options), (q.get("help") or "").strip())


def _situation(s: dict) -> Situation:
    sid = s["id"]
    if not isinstance(s.get("urgency"), int):
        raise FlowError(sid, "'urgency' must be a whole number (1 = most urgent)", "add urgency: N")
    steps = s.get("steps")
    if not isinstance(steps, list) or not steps:
        raise FlowError(sid, "a situation needs at least one step", "add steps: with do and link")
    return Situation(sid, s["urgency"], _text(s, "title", sid), _text(s, "summary", sid),
                     tuple(PlanStep(_text(st, "do", sid), _text(st, "link", sid)) for st in steps),
                     bool(s.get("always")))


def from_dict(data: Any) -> Flow:
    if not isinstance(data, dict):
        raise FlowError("", "the flow must be a mapping with start, questions and situations", "see quiz/flow.yaml")
    questions, situations = data.get("questions") or [], data.get("situations") or []
    _ids(questions, "question")
    _ids(situations, "situation")
    if any(q["id"] == END for q in questions):
        raise FlowError(END, f"'{END}' is reserved for finishing the quiz", "rename that question")
    start = data.get("start")
    if not isinstance(start, str) or not start:
        raise FlowError("", "'start' is missing", "set start: <id of the first question>")
    return Flow(start, {q["id"]: _question(q) for q in questions}, {s["id"]: _situation(s) for s in situations})
