"""The flow as typed, immutable values. END marks an option that finishes the quiz."""
from dataclasses import dataclass

END = "end"


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    next: str                          # for a `multiple` question: the question's own next, the same for every option
    situations: tuple[str, ...] = ()  # situation ids this answer adds to the plan


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    help: str = ""
    multiple: bool = False  # several answers at once (checkboxes); the plan gets the union of their situations

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class PlanStep:
    do: str
    link: str  # site-relative page path with anchor, e.g. guide/lawsuit.md#deadlines


@dataclass(frozen=True)
class Situation:
    id: str
    urgency: int
    title: str
    summary: str
    steps: tuple[PlanStep, ...]
    always: bool = False   # in every plan, whatever the answers
    at_once: bool = False  # shown right after the answer that adds it, and kept at the top from then on
    widget: str = ""       # a reader tool shown inside the card (one of flow.WIDGETS), e.g. "deadlines"


@dataclass(frozen=True)
class Flow:
    start: str
    questions: dict[str, Question]
    situations: dict[str, Situation]
