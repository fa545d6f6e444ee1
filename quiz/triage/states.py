"""The quiz's states, enumerated once: used by the graph checks (validate), the build's state table and the tests.

A state is what a reader can see: a question with the situations collected so far, or a finished plan. A reader's
future depends only on that pair, so a flow with many paths still has few states. Pure and standard-library only."""
import hashlib
from collections import deque
from typing import Mapping

from .engine import State, plan, walk
from .errors import ContentError
from .model import END, Flow

__all__ = ["END", "Node", "all_states", "card_key", "node", "nodes", "now", "reaching", "state_key", "table"]

Node = tuple[str, frozenset[str]]  # (question id, or END for a plan; situations collected so far)
Answers = dict[str, str]           # question id → option id


def node(state: State) -> Node:
    return (state.current.id if state.current else END, state.situations)


def state_key(state: State) -> str:
    """An opaque, stable id for what the reader sees: the static page's #fragment and the glue's table key.
    Opaque so that an address or the browser history never spells out the reader's answers."""
    where = state.current.id if state.current else "plan"
    raw = "|".join([where, *sorted(state.situations)])
    return "s" + hashlib.sha256(raw.encode()).hexdigest()[:8]


def card_key(situation_id: str) -> str:
    """The static page's opaque id for one situation's card."""
    return "c" + hashlib.sha256(situation_id.encode()).hexdigest()[:8]


def all_states(flow: Flow) -> dict[str, State]:
    """Every distinct state, keyed by state_key, in a fixed order (depth first, options in file order): the
    table numbers states in this order, so the same flow always gives the same table."""
    seen: dict[str, State] = {}
    todo: list[Answers] = [{}]
    while todo:
        answers = todo.pop()
        state = walk(flow, answers)
        sid = state_key(state)
        if sid in seen:
            if node(seen[sid]) != node(state):
                raise ContentError.of("", f"two quiz states share the id {sid}", "lengthen the hash in triage/states.py state_key")
            continue
        seen[sid] = state
        if state.current:
            todo += [{**answers, state.current.id: o.id} for o in state.current.options]
    return seen


def nodes(flow: Flow) -> set[Node]:
    """Every (question, situations so far) a reader can reach; plans left out. The flow must be acyclic."""
    return {n for n in map(node, all_states(flow).values()) if n[0] != END}


def now(flow: Flow, state: State) -> list[str]:
    """The at_once cards (safety, crisis) the answers so far have added, most urgent first."""
    return [s.id for s in plan(flow, state.situations) if s.at_once]


def table(flow: Flow) -> dict:
    """For the glue: each state's question and where each option leads, or its plan (card ids, in order).
    States are numbered (start = 0) to keep the table small; `ids` gives each its opaque static-page id."""
    states = all_states(flow)
    start = state_key(walk(flow, {}))
    ids = [start] + [k for k in states if k != start]
    index = {k: n for n, k in enumerate(ids)}
    rows: list[dict] = []
    for sid in ids:
        st = states[sid]
        if st.current:
            answered = {step.question.id: step.option_id for step in st.answered}
            nxt = {o.id: index[state_key(walk(flow, {**answered, st.current.id: o.id}))] for o in st.current.options}
            rows.append({"q": st.current.id, "next": nxt, "now": now(flow, st)})
        else:
            rows.append({"plan": [s.id for s in plan(flow, st.situations)]})
    return {"states": rows, "ids": ids}


def reaching(flow: Flow, question: str | None = None, *, situation: str | None = None,
             given: Mapping[str, str] = {}) -> Answers:
    """The fewest answers that reach `question` (it is asked next), or else a finished plan (holding `situation`,
    if named), answering every question in `given` as given on the way.

    For tests, like smart-answers' testing_node: a test supplies only the answers it is about, so a question added
    elsewhere in the flow does not break it. Other questions get the answer that adds no situation where there is
    one (then the first in file order). Raises LookupError if no path gets there with those answers."""
    todo: deque[Answers] = deque([{}])
    seen: set[tuple[Node, frozenset[str]]] = set()
    while todo:
        state = walk(flow, {**todo.popleft(), **given})
        taken = _taken(state)
        used = frozenset(q for q in given if q in taken)
        if len(used) == len(given):
            if question is not None and state.current and state.current.id == question:
                return taken
            if question is None and state.current is None and (
                    situation is None or situation in {s.id for s in plan(flow, state.situations)}):
                return taken
        if state.current is None or state.current.id in given or (node(state), used) in seen:
            continue  # finished, or a given answer that is not an option of its question
        seen.add((node(state), used))
        quiet_first = sorted(state.current.options, key=lambda o: bool(o.situations))
        todo += [{**taken, state.current.id: o.id} for o in quiet_first]
    target = f"question '{question}'" if question is not None else f"a plan with '{situation}'" if situation else "a plan"
    raise LookupError(f"no answers reach {target}" + (f" given {dict(given)}" if given else ""))


def _taken(state: State) -> Answers:
    return {step.question.id: step.option_id for step in state.answered}
