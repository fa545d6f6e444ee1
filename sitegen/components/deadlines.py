"""The court-deadline helper, <!-- x:deadlines -->, on its tool page and inside the quiz's court-papers card (a
situation with `widget: deadlines` in data/flow.yaml; triage.render.card writes the marker). The rule for each
paper, how to count and the caveat are rendered here from data/deadlines.yaml, so they show at once and stay when
the engine cannot start; the date itself only ever comes from the engine's `deadline` call (triage.deadlines)."""
import dataclasses

from triage import deadlines as engine

from . import form

TEMPLATE = "components/deadlines/deadlines.html"


def deadlines(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    texts = ctx.data.deadlines
    return form.render(ctx, TEMPLATE, texts=texts, papers=list(texts.papers.items()),
                       received=dataclasses.replace(engine.FIELDS[0], help=texts.received))


HTML = {"deadlines": deadlines}
SCRIPTS = ["components/deadlines/deadlines.js"]  # a module; main.html loads it after the tools' core
