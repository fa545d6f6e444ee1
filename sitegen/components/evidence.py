"""The evidence log, <!-- x:evidence -->: its form, from the engine's field list (triage.evidence.FIELDS)."""
from triage import evidence as engine

from . import form

TEMPLATE = "components/evidence/evidence.html"


def evidence(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    return form.render(ctx, TEMPLATE, fields=engine.FIELDS)


HTML = {"evidence": evidence}
SCRIPTS = ["components/evidence/evidence.js"]  # a module; main.html loads it after the tools' core
