"""The limitation-period helper, <!-- x:limitation -->: its form, from the engine's fields (triage.limitation)."""
from triage import limitation as engine

from . import form

TEMPLATE = "partials/tools/limitation.html"


def limitation(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    return form.render(ctx, TEMPLATE, fields=engine.FIELDS)


HTML = {"limitation": limitation}
