"""Turn plain data (parsed YAML or JSON) into a Flow, rejecting malformed entries by id."""
import re
from typing import Any

from .errors import ContentError
from .model import END, Flow, Option, PlanStep, Question, Situation

# Ids become URL fragments and HTML ids; "plan" names the finished quiz.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED = {END, "plan"}
# Reader tools a card may carry (`widget:` on a situation). The card's HTML names it with the site's widget marker
# (triage.render.card), which the build fills with that tool's form (sitegen/components/<name>.py).
WIDGETS = ("deadlines",)


def _text(d: dict, key: str, node: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError.of(node, f"'{key}' is missing or empty", f"write a non-empty '{key}:' for {node}")
    return value.strip()


def _ids(items: Any, kind: str, parent: str = "") -> None:
    if not isinstance(items, list):
        raise ContentError.of(parent, f"the {kind}s must be a list of '- id: ...' entries", "see the existing entries in the file")
    seen = set()
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, bool):
            raise ContentError.of(parent, f"a {kind} has the id {ident}, which YAML read as true/false", 'quote it: id: "yes"')
        if not isinstance(ident, str) or not ID.match(ident):
            raise ContentError.of(parent, f"a {kind} has a missing or invalid id {ident!r}",
                            "use lower-case letters, digits and hyphens, e.g. id: court-papers")
        where = f"{parent}.{ident}" if parent else ident
        if ident in seen:
            raise ContentError.of(where, f"duplicate {kind} id '{ident}'", "ids must be unique; rename one of them")
        seen.add(ident)


def _question(q: dict) -> Question:
    qid = q["id"]
    opts = q.get("options")
    if not isinstance(opts, list) or len(opts) < 2:
        raise ContentError.of(qid, "a question needs at least two options", "add options with id, label and next")
    _ids(opts, "option", qid)
    multiple = q.get("multiple", False)
    if not isinstance(multiple, bool):
        raise ContentError.of(qid, "'multiple' must be true or false", "write multiple: true (several answers), or leave it out")
    if multiple:
        # Several answers go on together, so the way on belongs to the question, not to one answer.
        shared = _text(q, "next", qid) if "next" in q else None
        if shared is None:
            raise ContentError.of(qid, "a question with multiple: true needs its own next:",
                                  "write next: <question id or end> on the question (under its text), not on its options")
    elif "next" in q:
        raise ContentError.of(qid, "next: on a question is only for questions with multiple: true",
                              "move next: onto each option, or add multiple: true")
    options = []
    for o in opts:
        where = f"{qid}.{o['id']}"
        if "adds" in o:
            raise ContentError.of(where, "'adds' is now called 'situations'", "rename adds: to situations:")
        ids = o.get("situations") or []
        if not isinstance(ids, list) or not all(isinstance(a, str) for a in ids):
            raise ContentError.of(where, "'situations' must be a list of situation ids", "write situations: [situation-id, ...]")
        if multiple and "next" in o:
            raise ContentError.of(where, "an option of a multiple: true question cannot have its own next:",
                                  f"delete this option's next:; the question's next: ({shared}) applies to every answer")
        nxt = shared if multiple else _text(o, "next", where)
        options.append(Option(o["id"], _text(o, "label", where), nxt, tuple(ids)))
    help_ = q.get("help") or ""
    if not isinstance(help_, str):
        raise ContentError.of(qid, "'help' must be text", "write help: 一句提示")
    return Question(qid, _text(q, "text", qid), tuple(options), help_.strip(), multiple)


def _situation(s: dict) -> Situation:
    sid = s["id"]
    if not isinstance(s.get("urgency"), int) or isinstance(s.get("urgency"), bool):
        raise ContentError.of(sid, "'urgency' must be a whole number (1 = most urgent)", "add urgency: N")
    for flag in ("always", "at_once"):
        if not isinstance(s.get(flag, False), bool):
            raise ContentError.of(sid, f"'{flag}' must be true or false", f"write {flag}: true, or leave it out")
    steps = s.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(st, dict) for st in steps):
        raise ContentError.of(sid, "a situation needs a list of steps, each with do and link", "add steps: - do: … link: …")
    widget = s.get("widget", "")
    if widget not in ("",) + WIDGETS:
        raise ContentError.of(sid, f"unknown widget {widget!r}", f"use widget: one of {', '.join(WIDGETS)}, or leave it out")
    return Situation(sid, s["urgency"], _text(s, "title", sid), _text(s, "summary", sid),
                     tuple(PlanStep(_text(st, "do", sid), _text(st, "link", sid)) for st in steps),
                     bool(s.get("always")), bool(s.get("at_once")), widget)


def from_dict(data: Any) -> Flow:
    if not isinstance(data, dict):
        raise ContentError.of("", "the flow must be a mapping with start, questions and situations", "see data/flow.yaml")
    questions, situations = data.get("questions") or [], data.get("situations") or []
    _ids(questions, "question")
    _ids(situations, "situation")
    for q in questions:
        if q["id"] in RESERVED:
            raise ContentError.of(q["id"], f"'{q['id']}' is reserved ({', '.join(sorted(RESERVED))})", "rename that question")
    start = data.get("start")
    if not isinstance(start, str) or not start:
        raise ContentError.of("", "'start' is missing", "set start: <id of the first question>")
    return Flow(start, {q["id"]: _question(q) for q in questions}, {s["id"]: _situation(s) for s in situations})
