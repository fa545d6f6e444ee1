"""Every component's examples (overrides/components/<name>/examples.yaml), rendered through the theme's own
Jinja environment: the fast render tests (test_examples.py) and the browser tier's one axe check per state
(tests/browser/test_components_browser.py) both use this.

An example gives its template and either `context` (the values the template needs, as written) or `build`
(a named builder below that makes the context from the real data the way the build does, with the example's
own keys such as `answers` or `letter`). `expect.contains`/`expect.absent` are checked on the rendered text;
`enhanced` says what the component's script changes on screen in that state (for the browser check)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "overrides" / "components"
BUILT = "2026-12-07"
ENGINE = {"root": "../", "worker": "../components/engine/engine-worker.js", "pyodide": "../engine/pyodide/",
          "wheel": "../engine/triage.whl", "texts": "../engine/texts.json"}


@dataclass
class Example:
    component: str
    name: str
    template: str
    data: dict
    format: str = "html"
    expect: dict = field(default_factory=dict)
    enhanced: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.component}:{self.name}"


def examples() -> list[Example]:
    out = []
    for path in sorted(COMPONENTS.glob("*/examples.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for ex in doc.get("examples") or []:
            merged = {"build": doc.get("build"), **ex}
            out.append(Example(path.parent.name, ex["name"], ex.get("template", doc.get("template")), merged,
                               ex.get("format", doc.get("format", "html")), ex.get("expect") or {},
                               ex.get("enhanced") or {}))
    return out


@functools.cache
def config():
    from mkdocs.config import load_config
    return load_config(str(ROOT / "mkdocs.yml"))


@functools.cache
def env():
    """The theme's environment (custom_dir first), as the hooks get it, with the site's own filters."""
    from sitegen.site import fingerprint
    e = config().theme.get_env()
    e.filters.setdefault("fingerprint", fingerprint.fingerprinted)
    return e


@functools.cache
def _content():
    from sitegen import content
    return content.load(content.Paths.of(ROOT))


def _resolve(step):
    from triage import render
    page, _, anchor = step.link.partition("#")
    return render.Link("../" + page.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else ""), _content().quiz.labels[step.link])


def _quiz_view(ex: dict) -> dict:
    """The widget as triage.js shows the state the answers reach: at-once cards, 「你的回答」 (each with 修改), the
    progress line and the question; or the plan, then 「你的回答」. All from the engine's fragments. A
    several-answer question's answer is a list of option ids."""
    from triage import render
    from triage.engine import plan, walk
    from triage.states import remaining
    flow = _content().quiz.flow
    answers = {k: tuple(v) if isinstance(v, list) else str(v) for k, v in (ex.get("answers") or {}).items()}
    state = walk(flow, answers)
    cards = plan(flow, state.situations)
    review = ""
    if state.answered:
        lines = ""
        for s in state.answered:
            if s.question.multiple:
                picked = "".join(render.picked(s.question.option(o)) for o in s.option_ids)
                lines += render.answer(s.question).replace('<span class="triage-picked"></span>',
                                                           f'<span class="triage-picked">{picked}</span>')
            else:
                lines += render.answer(s.question, s.question.option(s.option_id))
        review = render.REVIEW.replace("</dl>", lines + "</dl>")
    if state.current:
        now = [c for c in cards if c.at_once]
        view = (render.NOW.replace("</ol>", "".join(render.card(c, _resolve) for c in now) + "</ol>") if now else "")
        n = len(state.answered) + 1
        view += review + render.progress(n, n - 1 + remaining(flow)[state.current.id])
        view += render.question(state.current, None if state.answered else (lambda o: f"../quiz/static/#{o.id}"))
    else:
        view = render.plan(cards, _resolve) + review
    view = _filled(view, "the quiz")  # a card's widget (`widget:` in data/flow.yaml), as the build fills it
    return {"first": view, "parts": {}, "table": "[]", "static_url": "../quiz/static/"}


def _quiz_static(ex: dict) -> dict:
    from sitegen.components import quiz

    class Files:  # plan-step links: the static page is at quiz/static/
        @staticmethod
        def get_file_from_path(path):
            class F:
                @staticmethod
                def url_relative_to(_):
                    return "../../" + path.removesuffix(".md") + "/"
            return F
    return quiz.static_context(_content().quiz, Files, None)


def _tool(kind: str, ex: dict) -> str:
    """A tool's widget as the build makes it: its marker filled by its component module (sitegen/components/)."""
    marker = f"<!-- x:letter {ex['letter']} -->" if kind == "letter" else f"<!-- x:{kind} -->"
    return _filled(marker, kind)


def _filled(html: str, kind: str) -> str:
    """The tool markers in `html` filled as the build fills them after Markdown."""
    from sitegen import components

    class File:
        content_string = ""
        src_uri = f"examples of {kind}"

    class Page:  # a page one folder down (tools/<page>/ is two; the root only changes the relative URLs)
        url = "tools/"
        file = File

    class Engine:
        @staticmethod
        def attrs(root):
            return ENGINE

    ctx = components.Context(config(), Page, None, env(), _content(), BUILT, Engine, f"examples.yaml of {kind}")
    return components.fill_html(html, ctx)


BUILDERS = {"quiz-view": _quiz_view, "quiz-static": _quiz_static}


def render(ex: Example) -> str:
    build = ex.data.get("build")
    if build in ("letter", "evidence", "limitation", "deadlines"):
        return _tool(build, ex.data)
    context = BUILDERS[build](ex.data) if build else dict(ex.data.get("context") or {})
    return env().get_template(ex.template).render(config=config(), built=BUILT, **context)
