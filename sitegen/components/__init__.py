"""Page widgets placed in Markdown with one marker grammar, `<!-- x:<name> [argument] -->`, and the one dispatcher.

Each component module maps marker names to a function `(ctx, arg) -> html`, in MARKDOWN (put in before Markdown
runs: the quiz, the crisis line, the offline widget) or HTML (put in after it: the tools, whose forms Markdown
must not touch). A module's SCRIPTS (module scripts in overrides/components/) are loaded on every page by
main.html, after the tools' core, so a new tool needs no edit there. A marker with an unknown name, or an argument its widget does not take, is a ContentError at
docs/<page>:<line>. To add a widget: a module here with its map, and its partial in overrides/; nothing else
(the modules are found by name, below)."""
import importlib
import pkgutil
import re
from dataclasses import dataclass

from ..content import Content
from ..content.errors import ContentError

MARKER = re.compile(r"<!--\s*x:(?P<name>[^\s>]*)(?:\s+(?P<arg>[^\s>]+))?\s*-->")
# The markers before there was one grammar; kept only to say what they are called now.
_OLD = re.compile(r"<!--\s*(?P<old>triage(?::static)?|tool:[\w:-]+|crisis-line|offline:save)\s*-->")

MARKDOWN: dict = {}
HTML: dict = {}
SCRIPTS: list[str] = []
for _m in pkgutil.iter_modules(__path__):  # every component module in this folder, in name order
    _module = importlib.import_module(f"{__name__}.{_m.name}")
    for _stage, _table in (("MARKDOWN", MARKDOWN), ("HTML", HTML)):
        for _name, _fn in getattr(_module, _stage, {}).items():
            if _name in MARKDOWN or _name in HTML:
                raise ImportError(f"sitegen/components/{_m.name}.py: the widget name '{_name}' is taken")
            _table[_name] = _fn
    SCRIPTS += getattr(_module, "SCRIPTS", [])


@dataclass
class Context:
    """What a widget may use: the page, the site's files and content, the theme's Jinja environment."""
    config: object
    page: object
    files: object
    env: object
    data: Content
    built: str            # the build date, printed on letters and plans as the site version
    engine: object        # sitegen.runtime.assets.EngineAssets, for the tools' data-* attributes
    where: str = ""       # docs/<page>:<line> of the marker being filled

    def render(self, template: str, **values) -> str:
        return self.env.get_template(template).render(config=self.config, built=self.built, **values)

    def no_argument(self, arg: str) -> None:
        if arg:
            raise ContentError(self.where, f"this widget takes no argument, but '{arg}' was given", "remove it")


def _where(page, source: str, offset: int, marker: str) -> str:
    """docs/<page>:<line> of the marker, counted in the page's own file (front matter included)."""
    raw = page.file.content_string if page.file.content_string else source
    at = raw.find(marker)
    line = raw.count("\n", 0, at if at >= 0 else offset) + 1
    return f"docs/{page.file.src_uri}:{line}"


def _fill(text: str, ctx: Context, widgets: dict, later: dict) -> str:
    def one(m: re.Match) -> str:
        ctx.where = _where(ctx.page, text, m.start(), m[0])
        name, arg = m["name"], m["arg"] or ""
        if name in widgets:
            return widgets[name](ctx, arg)
        if name in later:
            return m[0]
        raise ContentError(ctx.where, f"unknown widget marker '{m[0]}'",
                           f"use <!-- x:<name> --> with one of: {', '.join(sorted({**MARKDOWN, **HTML}))}")
    old = _OLD.search(text)
    if old:
        ctx.where = _where(ctx.page, text, old.start(), old[0])
        raise ContentError(ctx.where, f"'{old[0]}' is an old widget marker",
                           "write widgets as <!-- x:<name> [argument] -->, e.g. <!-- x:quiz -->, <!-- x:letter negotiation -->")
    return MARKER.sub(one, text)


def fill_markdown(markdown: str, ctx: Context) -> str:
    """Before Markdown: fill the MARKDOWN widgets, check every other marker's name (so errors name the line)."""
    return _fill(markdown, ctx, MARKDOWN, HTML)


def fill_html(html: str, ctx: Context) -> str:
    """After Markdown: fill the HTML widgets (the tools)."""
    return _fill(html, ctx, HTML, {})
