"""Graph checks on a Flow. Each returns nothing or raises ContentError naming the offending id."""
from .errors import ContentError
from .model import END, Flow

MAX_QUESTIONS = 6  # a frightened reader on a phone: no path may ask more


def check(flow: Flow) -> None:
    if flow.start not in flow.questions:
        raise ContentError.of("", f"start '{flow.start}' is not a question", f"use one of: {', '.join(flow.questions)}")
    for q in flow.questions.values():
        for o in q.options:
            if o.next != END and o.next not in flow.questions:
                raise ContentError.of(f"{q.id}.{o.id}", f"next '{o.next}' is not a question id", f"use '{END}' or one of: {', '.join(flow.questions)}")
            for tag in o.situations:
                if tag not in flow.situations:
                    raise ContentError.of(f"{q.id}.{o.id}", f"adds unknown situation '{tag}'", f"define it under situations: or use one of: {', '.join(flow.situations)}")
    _check_acyclic_and_depth(flow)
    _check_fixed_positions(flow)
    reached = _reachable(flow)
    for qid in flow.questions:
        if qid not in reached:
            raise ContentError.of(qid, "this question can never be reached", "point an option's next at it, or delete it")
    added = {t for q in flow.questions.values() for o in q.options for t in o.situations}
    for sid, s in flow.situations.items():
        if sid not in added and not s.always:
            raise ContentError.of(sid, "no answer leads to this situation", "add it to an option's adds:, mark it always: true, or delete it")


def _check_fixed_positions(flow: Flow) -> None:
    """Each question must always be question N, whatever the path: pages show "第 N 题", and the static
    version renders each question once per set of situations, not once per path."""
    position, todo = {flow.start: 1}, [flow.start]
    while todo:
        qid = todo.pop()
        for o in flow.questions[qid].options:
            if o.next == END:
                continue
            n = position[qid] + 1
            if position.setdefault(o.next, n) != n:
                raise ContentError.of(o.next, f"this question is question {position[o.next]} on one path and {n} on another",
                                "make every path reach it after the same number of questions")
            todo.append(o.next)


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
