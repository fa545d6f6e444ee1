"""Answers → the current question or the final plan. Pure functions over an immutable Flow."""
from dataclasses import dataclass
from typing import Iterator, Mapping

from .model import END, Flow, Question, Situation


@dataclass(frozen=True)
class Step:
    question: Question
    option_id: str


@dataclass(frozen=True)
class State:
    answered: tuple[Step, ...]     # the answers on the path actually taken, in order
    current: Question | None       # None: the quiz is finished
    situations: frozenset[str]     # ids of the situations the answers add up to


def walk(flow: Flow, answers: Mapping[str, str]) -> State:
    """Follow the flow from the start using `answers` (question id → option id).

    Answers to questions that are no longer on the path are ignored but not lost, so a reader who changes
    an earlier answer keeps every later answer that still applies.
    """
    answered, situations, qid = [], set(), flow.start
    while qid != END:
        question = flow.questions[qid]
        option = question.option(answers.get(qid, ""))
        if option is None:
            return State(tuple(answered), question, frozenset(situations))
        answered.append(Step(question, option.id))
        situations.update(option.situations)
        qid = option.next
    return State(tuple(answered), None, frozenset(situations))


def plan(flow: Flow, situations: frozenset[str]) -> list[Situation]:
    """The reader's situations, most urgent first (safety, deadlines, scams, rights, repayment).
    Cards shown at once (safety, crisis) stay at the top, whatever their urgency."""
    chosen = [s for s in flow.situations.values() if s.id in situations or s.always]
    order = list(flow.situations)
    return sorted(chosen, key=lambda s: (not s.at_once, s.urgency, order.index(s.id)))


def paths(flow: Flow) -> Iterator[dict[str, str]]:
    """Every complete path through the flow, as the answers that produce it."""
    def extend(answers: dict[str, str]) -> Iterator[dict[str, str]]:
        state = walk(flow, answers)
        if state.current is None:
            yield answers
            return
        for option in state.current.options:
            yield from extend({**answers, state.current.id: option.id})
    yield from extend({})
