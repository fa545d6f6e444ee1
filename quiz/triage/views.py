"""What the reader sees for a state, as plain JSON-ready data. Shared by the browser and the static pages."""
from typing import Any, Mapping

from .engine import State, plan, state_id, walk
from .model import Flow, Situation


def situation_view(s: Situation) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "summary": s.summary, "steps": [{"do": st.do, "link": st.link} for st in s.steps]}


def view(flow: Flow, answers: Mapping[str, str]) -> dict[str, Any]:
    state = walk(flow, answers)
    return view_of(flow, state)


def view_of(flow: Flow, state: State) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": state_id(state),
        "answered": [{"question": s.question.id, "text": s.question.text, "option": s.option_id,
                      "label": s.question.option(s.option_id).label} for s in state.answered],
        # the answers that are actually on the path (changing an earlier one may drop some)
        "answers": {s.question.id: s.option_id for s in state.answered},
    }
    if state.current is not None:
        q = state.current
        out["question"] = {"id": q.id, "text": q.text, "help": q.help, "number": len(state.answered) + 1,
                           "options": [{"id": o.id, "label": o.label,
                                        # where this answer leads in the static version (its anchor)
                                        "next": state_id(walk(flow, {**out["answers"], q.id: o.id}))}
                                       for o in q.options]}
    else:
        out["plan"] = [situation_view(s) for s in plan(flow, state.situations)]
    return out
