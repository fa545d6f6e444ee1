"""The limitation-period helper, <!-- x:limitation -->: its form, from the engine's fields (triage.limitation), with
the help lines and the no-JavaScript sentence (`rule`, the same one the engine shows) from data/limitation.yaml."""
import dataclasses

from triage import limitation as engine

from . import form

TEMPLATE = "components/limitation/limitation.html"


def limitation(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    texts = ctx.data.limitation
    return form.render(ctx, TEMPLATE, rule=texts.rule,
                       fields=[dataclasses.replace(f, help=texts.help.get(f.id, f.help)) for f in engine.FIELDS])


HTML = {"limitation": limitation}
SCRIPTS = ["components/limitation/limitation.js"]  # a module; main.html loads it after the tools' core
