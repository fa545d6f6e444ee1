"""Graph checks on a Flow. Each returns nothing or raises ContentError naming the offending id.

A reader's future depends only on the question they are at and the situations collected so far, so the
checks work on those (question, situations) states (triage.states, the same enumeration the build's state table
uses) rather than on every path: the flow stays small to check however many paths it has."""
from functools import cache

from .errors import ContentError
from .model import END, Flow
from .states import nodes

MAX_QUESTIONS = 6  # a frightened reader on a phone: no path may ask more


def check(flow: Flow) -> None:
    if flow.start not in flow.questions:
        raise ContentError.of("", f"start '{flow.start}' is not a question", f"use one of: {', '.join(flow.questions)}")
    for q in flow.questions.values():
        for o in q.options:
            if o.next != END and o.next not in flow.questions:
                raise ContentError.of(f"{q.id}.{o.id}", f"next '{o.next}' is not a question id", f"use '{END}' or one of: {', '.join(flow.questions)}")
            for sid in o.situations:
                if sid not in flow.situations:
                    raise ContentError.of(f"{q.id}.{o.id}", f"adds unknown situation '{sid}'", f"define it under situations: or use one of: {', '.join(flow.situations)}")
    _check_acyclic_and_depth(flow)
    reached = _reachable(flow)
    for qid in flow.questions:
        if qid not in reached:
            raise ContentError.of(qid, "this question can never be reached", "point an option's next at it, or delete it")
    _check_every_answer_matters(flow)
    added = {sid for q in flow.questions.values() for o in q.options for sid in o.situations}
    for sid, s in flow.situations.items():
        if sid not in added and not s.always:
            raise ContentError.of(sid, "no answer leads to this situation", "add it to an option's situations:, mark it always: true, or delete it")


def _check_every_answer_matters(flow: Flow) -> None:
    """(b) Wherever a question is asked, its answer must still be able to change the plan.
    (a) Every option must, somewhere, lead to plans that no option above it leads to; otherwise it is a
    second button for the same outcome (the lower one is named: that is the one to merge or fix)."""
    always = frozenset(s.id for s in flow.situations.values() if s.always)

    @cache
    def outcomes(qid: str, have: frozenset[str]) -> frozenset[frozenset[str]]:
        """Every plan (as its set of situation ids) still reachable from this node."""
        if qid == END:
            return frozenset({have | always})
        return frozenset().union(*(outcomes(o.next, have | set(o.situations)) for o in flow.questions[qid].options))

    live: set[tuple[str, str]] = set()
    twin: dict[tuple[str, str], str] = {}  # a dead option → the option above it with the same plans (first place asked)
    order = list(flow.questions)  # report the first problem in file order, the same on every run
    for qid, have in sorted(nodes(flow), key=lambda n: (order.index(n[0]), sorted(n[1]))):
        question = flow.questions[qid]
        after = [outcomes(o.next, have | set(o.situations)) for o in question.options]
        if len(set(after)) < 2:
            where = f"after answers that added {', '.join(repr(s) for s in sorted(have))}" if have else "before any answer added a situation"
            raise ContentError.of(qid, f"this question is asked where no answer can change the plan ({where})",
                                  "skip it on that path (point the previous option's next past it), or make its options add different situations")
        for i, o in enumerate(question.options):
            if after[i] not in after[:i]:
                live.add((qid, o.id))
            else:
                twin.setdefault((qid, o.id), question.options[after.index(after[i])].id)
    for q in flow.questions.values():
        for o in q.options:
            if (q.id, o.id) not in live:
                raise ContentError.of(f"{q.id}.{o.id}", f"this option never changes the plan: wherever it is offered it gives the same plans as an option above it (e.g. '{twin[q.id, o.id]}')",
                                      "make it add a different situation or lead somewhere else, or merge it with that option")


def _reachable(flow: Flow) -> set[str]:
    seen, todo = set(), [flow.start]
    while todo:
        qid = todo.pop()
        if qid in seen or qid == END:
            continue
        seen.add(qid)
        todo += [o.next for o in flow.questions[qid].options]
    return seen


def _check_acyclic_and_depth(flow: Flow) -> None:
    depth: dict[str, int] = {}  # longest number of questions from this node to the end

    def visit(qid: str, stack: tuple[str, ...]) -> int:
        if qid == END:
            return 0
        if qid in stack:
            loop = " → ".join(stack[stack.index(qid):] + (qid,))
            raise ContentError.of(qid, f"the flow loops: {loop}", "make one of these options go forward or to 'end'")
        if qid not in depth:
            depth[qid] = 1 + max(visit(o.next, stack + (qid,)) for o in flow.questions[qid].options)
        return depth[qid]

    longest = visit(flow.start, ())
    if longest > MAX_QUESTIONS:
        raise ContentError.of(flow.start, f"a path asks {longest} questions; at most {MAX_QUESTIONS} are allowed", "shorten the flow or merge questions")
