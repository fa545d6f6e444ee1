"""The quiz's states, enumerated once: used by the graph checks (validate), the build's state table and the tests.

A state is what a reader can see: a question with the situations collected so far, or a finished plan. A reader's
future depends only on that pair, so a flow with many paths still has few states. Pure and standard-library only.

Answers to a `multiple` question (several things at once) never change which question comes next, so they are an
overlay on these states rather than part of them: the states are enumerated with those questions answered with
nothing, and a plan state lists every card its path's `multiple` answers could add (`pick`), already in the plan's
order. The glue shows a `pick` card only if the reader ticked an answer that adds it: it looks up and filters; it
never orders. Without the overlay two questions of seven tick boxes would give 2^14 times the states."""
import hashlib
from collections import deque
from typing import Mapping

from .engine import Answer, State, order, plan, walk
from .errors import ContentError
from .model import END, Flow

__all__ = ["END", "Node", "all_states", "base", "card_key", "node", "nodes", "now", "reaching", "remaining",
           "state_key", "table"]

Node = tuple[str, frozenset[str]]  # (question id, or END for a plan; situations the one-answer questions added)
Answers = dict[str, Answer]        # question id → option id (a tuple of them for `multiple`)


def base(state: State) -> frozenset[str]:
    """The situations added by the path's one-answer questions (not by ticked `multiple` answers)."""
    return frozenset(sid for step in state.answered if not step.question.multiple
                     for oid in step.option_ids for sid in step.question.option(oid).situations)


def node(state: State) -> Node:
    return (state.current.id if state.current else END, base(state))


def state_key(state: State) -> str:
    """An opaque, stable id for what the reader sees: the static page's #fragment and the glue's table key.
    Opaque so that an address or the browser history never spells out the reader's answers."""
    where, situations = node(state)
    raw = "|".join([where if where != END else "plan", *sorted(situations)])
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
        if state.current and state.current.multiple:
            todo.append({**answers, state.current.id: ()})  # its answers are the overlay, not new states
        elif state.current:
            todo += [{**answers, state.current.id: o.id} for o in state.current.options]
    return seen


def nodes(flow: Flow) -> set[Node]:
    """Every (question, situations so far) a reader can reach; plans left out. The flow must be acyclic."""
    return {n for n in map(node, all_states(flow).values()) if n[0] != END}


def now(flow: Flow, state: State) -> list[str]:
    """The at_once cards (safety, crisis) the answers so far have added, most urgent first."""
    return [s.id for s in plan(flow, state.situations) if s.at_once]


def remaining(flow: Flow) -> dict[str, int]:
    """For each question, the most questions a reader may still be asked from it, itself included (the flow is
    acyclic: validate checks that first). The progress line says 第 n 题，最多 n - 1 + this 题."""
    out: dict[str, int] = {}

    def longest(qid: str) -> int:
        if qid == END:
            return 0
        if qid not in out:
            out[qid] = 1 + max(longest(o.next) for o in flow.questions[qid].options)
        return out[qid]
    for qid in flow.questions:
        longest(qid)
    return out


def picks(state: State) -> frozenset[str]:
    """Every situation a `multiple` answer on this state's path could add that its one-answer questions did not."""
    could = {sid for step in state.answered if step.question.multiple for o in step.question.options for sid in o.situations}
    return frozenset(could) - base(state)


def table(flow: Flow) -> dict:
    """For the glue: each state's question, where each option leads (one next state for a `multiple` question)
    and the progress line's numbers; or its plan: card ids in the plan's order, `pick` naming those shown only if
    a ticked answer adds them (`adds`: each `multiple` question's options → their situations).
    States are numbered (start = 0) to keep the table small; `ids` gives each its opaque static-page id."""
    states = all_states(flow)
    start = state_key(walk(flow, {}))
    ids = [start] + [k for k in states if k != start]
    index = {k: n for n, k in enumerate(ids)}
    left = remaining(flow)
    rows: list[dict] = []
    for sid in ids:
        st = states[sid]
        answered = {step.question.id: step.answer for step in st.answered}
        if st.current and st.current.multiple:
            nxt: dict | int = index[state_key(walk(flow, {**answered, st.current.id: ()}))]
        elif st.current:
            nxt = {o.id: index[state_key(walk(flow, {**answered, st.current.id: o.id}))] for o in st.current.options}
        if st.current:
            n = len(st.answered) + 1
            rows.append({"q": st.current.id, "next": nxt, "now": now(flow, st), "n": n, "of": n - 1 + left[st.current.id]})
        else:
            could = picks(st)
            row: dict = {"plan": [s for s in order(flow) if s in could or s in st.situations or flow.situations[s].always]}
            if could:
                row["pick"] = [s for s in row["plan"] if s in could]
            rows.append(row)
    adds = {q.id: {o.id: list(o.situations) for o in q.options} for q in flow.questions.values() if q.multiple}
    return {"states": rows, "ids": ids, "adds": adds}


def reaching(flow: Flow, question: str | None = None, *, situation: str | None = None,
             given: Mapping[str, str] = {}) -> Answers:
    """The fewest answers that reach `question` (it is asked next), or else a finished plan (holding `situation`,
    if named), answering every question in `given` as given on the way.

    For tests, like smart-answers' testing_node: a test supplies only the answers it is about, so a question added
    elsewhere in the flow does not break it. Other questions get the answer that adds no situation where there is
    one (then the first in file order); a `multiple` question gets one answer, and a given one may be a single id.
    Raises LookupError if no path gets there with those answers."""
    given = {q: (a,) if isinstance(a, str) and q in flow.questions and flow.questions[q].multiple else a
             for q, a in given.items()}
    todo: deque[Answers] = deque([{}])
    seen: set[tuple[str, frozenset[str], frozenset[str]]] = set()
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
        here = (state.current.id if state.current else END, state.situations, used)
        if state.current is None or state.current.id in given or here in seen:
            continue  # finished, or a given answer that is not an option of its question
        seen.add(here)
        quiet_first = sorted(state.current.options, key=lambda o: bool(o.situations))
        todo += [{**taken, state.current.id: (o.id,) if state.current.multiple else o.id} for o in quiet_first]
    target = f"question '{question}'" if question is not None else f"a plan with '{situation}'" if situation else "a plan"
    raise LookupError(f"no answers reach {target}" + (f" given {dict(given)}" if given else ""))


def _taken(state: State) -> Answers:
    return {step.question.id: step.answer for step in state.answered}
