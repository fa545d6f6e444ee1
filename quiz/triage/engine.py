"""Answers → the current question or the final plan. Pure functions over an immutable Flow.

An answer is an option id, or for a question with `multiple: true` a collection of option ids (several things
happened at once): the plan then holds the union of their situations."""
from dataclasses import dataclass
from typing import Collection, Iterator, Mapping, Union

from .model import END, Flow, Question, Situation

Answer = Union[str, Collection[str]]  # an option id; several (any collection, file order kept) for `multiple`


@dataclass(frozen=True)
class Step:
    question: Question
    option_ids: tuple[str, ...]  # the one answer, or every answer picked (in file order) for `multiple`

    @property
    def answer(self) -> Answer:
        """As the answers mapping holds it: the option id, or a tuple of them for `multiple`."""
        return self.option_ids if self.question.multiple else self.option_ids[0]

    @property
    def option_id(self) -> str:
        return ",".join(self.option_ids)


@dataclass(frozen=True)
class State:
    answered: tuple[Step, ...]     # the answers on the path actually taken, in order
    current: Question | None       # None: the quiz is finished
    situations: frozenset[str]     # ids of the situations the answers add up to


def picked(question: Question, answer: Answer | None) -> tuple[str, ...] | None:
    """The option ids an answer picks, in file order, or None if it is not a valid answer to `question`.
    A `multiple` question takes a collection of its option ids (empty: none of them; the glue asks for at least
    one, offering 都没有); any other question takes one option id."""
    ids = {o.id for o in question.options}
    if question.multiple:
        if answer is None or isinstance(answer, str) or not all(isinstance(a, str) and a in ids for a in answer):
            return None
        chosen = set(answer)
        return tuple(o.id for o in question.options if o.id in chosen)
    return (answer,) if isinstance(answer, str) and answer in ids else None


def walk(flow: Flow, answers: Mapping[str, Answer]) -> State:
    """Follow the flow from the start using `answers` (question id → option id, or option ids for `multiple`).

    Answers to questions that are no longer on the path are ignored but not lost, so a reader who changes
    an earlier answer keeps every later answer that still applies.
    """
    answered, situations, qid = [], set(), flow.start
    while qid != END:
        question = flow.questions[qid]
        chosen = picked(question, answers.get(qid))
        if chosen is None:
            return State(tuple(answered), question, frozenset(situations))
        answered.append(Step(question, chosen))
        for oid in chosen:
            situations.update(question.option(oid).situations)
        qid = question.options[0].next if question.multiple else question.option(chosen[0]).next
    return State(tuple(answered), None, frozenset(situations))


def order(flow: Flow) -> list[str]:
    """Every situation, most urgent first (safety, deadlines, scams, rights, repayment); cards shown at once
    (safety, crisis) at the top, whatever their urgency. A plan is this order restricted to its situations."""
    keys = {sid: n for n, sid in enumerate(flow.situations)}
    return sorted(flow.situations, key=lambda sid: (not flow.situations[sid].at_once, flow.situations[sid].urgency, keys[sid]))


def plan(flow: Flow, situations: frozenset[str]) -> list[Situation]:
    """The reader's situations (and those in every plan), in `order`."""
    return [flow.situations[sid] for sid in order(flow) if sid in situations or flow.situations[sid].always]


def paths(flow: Flow) -> Iterator[dict[str, Answer]]:
    """Every complete path through the flow, as the answers that produce it. A `multiple` question is answered
    with each of its options alone (as a 1-tuple): every option on every path, without every combination."""
    def extend(answers: dict[str, Answer]) -> Iterator[dict[str, Answer]]:
        state = walk(flow, answers)
        if state.current is None:
            yield answers
            return
        q = state.current
        for option in q.options:
            yield from extend({**answers, q.id: (option.id,) if q.multiple else option.id})
    yield from extend({})
