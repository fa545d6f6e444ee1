"""The quiz's HTML, rendered once, here: the build ships these fragments to the browser and the static
(no-JavaScript) version is made of them, so every version shows the same markup by construction.

Every text from the flow goes through html.escape. Links are resolved by the caller (the build knows the
site's URLs; the engine does not): `Link(href, label)` per plan step. A card with a `widget` ends with that
widget's marker (`<!-- x:deadlines -->`), which the build fills with the tool's form like any marker on a page."""
from dataclasses import dataclass
from html import escape as e
from typing import Callable, Iterable

from .model import Option, PlanStep, Question, Situation


@dataclass(frozen=True)
class Link:
    href: str
    label: str  # says where the link goes, e.g. 「怎样报警」


Resolve = Callable[[PlanStep], Link]


def question(q: Question, href: Callable[[Option], str] | None = None) -> str:
    """A question with its options. With `href`, options are links (the no-JavaScript version); without,
    buttons that the glue handles in place. A `multiple` question is tick boxes and 「下一步」 (the glue's only
    form); the one answer that adds nothing (都没有) is marked, and ticking it clears the others."""
    def option(o: Option) -> str:
        if href:
            return f'<li><a class="triage-option" href="{e(href(o))}" data-o="{e(o.id)}">{e(o.label)}</a></li>'
        return f'<li><button type="button" class="triage-option" data-o="{e(o.id)}">{e(o.label)}</button></li>'

    def tick(o: Option) -> str:
        none = "" if o.situations else ' data-none="1"'
        return (f'<label class="triage-check"><input type="checkbox" class="triage-tick" value="{e(o.id)}"{none}> '
                f'<span>{e(o.label)}</span></label>')
    help_ = f'<p class="triage-help">{e(q.help)}</p>' if q.help else ""
    heading = f'<h2 class="triage-q" tabindex="-1" data-q="{e(q.id)}">{e(q.text)}</h2>{help_}'
    if q.multiple:
        return (f'{heading}<fieldset class="triage-checks"><legend>可以选几项，选好后点「下一步」。</legend>'
                f'{"".join(tick(o) for o in q.options)}</fieldset>'
                f'<p><button type="button" class="md-button md-button--primary triage-next">下一步</button></p>')
    return f'{heading}<ul class="triage-options">{"".join(option(o) for o in q.options)}</ul>'


def progress(n: int, of: int) -> str:
    """「第 2 题，最多 5 题」: the engine's numbers (triage.states.table: `n`, `of`), shown above the question."""
    return f'<p class="triage-progress">第 {n} 题，最多 {of} 题</p>'


def checklist(questions: Iterable[Question], prefix: str, items: Iterable[tuple[str, str, tuple[int, ...]]],
              now: str = "") -> str:
    """The no-JavaScript version of the last, several-answer questions: tick boxes (checked state stays in the
    page: nothing in the address), then the plan, whose items listed with ticks show only when one of those is
    ticked (CSS: input:nth-of-type(k):checked ~ .triage-plan .triage-if-k; the boxes and the plan are siblings).
    `items`: (href, title, the 1-based tick numbers that show it, none = always) in the plan's order."""
    boxes, k = [], 0
    for q in questions:
        help_ = f'<p class="triage-help">{e(q.help)}</p>' if q.help else ""
        boxes.append(f'<h2 class="triage-q" tabindex="-1" data-q="{e(q.id)}">{e(q.text)}</h2>{help_}'
                     '<p class="triage-hint">可以勾几项，没有的就不勾。勾了，下面的清单就会加上对应的项目。</p>')
        for o in q.options:
            if o.situations:
                k += 1
                boxes.append(f'<input type="checkbox" class="triage-tick" id="{e(prefix)}-{k}">'
                             f'<label class="triage-check" for="{e(prefix)}-{k}">{e(o.label)}</label>')
    lis = []
    for href, title, ticks in items:
        cls = f' class="triage-if {" ".join(f"triage-if-{t}" for t in ticks)}"' if ticks else ""
        lis.append(f'<li{cls}><a href="{e(href)}">{e(title)}</a></li>')
    return (now + "".join(boxes) + '<h2 class="triage-plan-title">你的行动清单</h2>'
            '<p>按紧急程度排好了，从第 1 项做起。点每一项查看具体步骤：</p>'
            f'<ol class="triage-plan">{"".join(lis)}</ol>')


def card(s: Situation, resolve: Resolve) -> str:
    """One situation as a list item of a plan: what it means and the steps, each with a link that says
    where it goes. at_once cards (safety, crisis) are also shown above the next question."""
    def step(st: PlanStep) -> str:
        link = resolve(st)
        return f'<li>{e(st.do)} <a href="{e(link.href)}">{e(link.label)}</a></li>'
    urgent = " triage-card--at-once" if s.at_once else ""
    widget = f"<!-- x:{e(s.widget)} -->" if s.widget else ""
    return (f'<li class="triage-card{urgent}" data-situation="{e(s.id)}">'
            f'<h3 class="triage-card-title" tabindex="-1">{e(s.title)}</h3><p>{e(s.summary)}</p>'
            f'<ol class="triage-steps">{"".join(step(st) for st in s.steps)}</ol>{widget}</li>')


# Frames the glue fills with the fragments above (cards into the <ol>, answers into the <dl>).
PLAN = ('<h2 class="triage-q triage-plan-title" tabindex="-1">你的行动清单</h2>'
        '<p>按紧急程度排好了，从第 1 项做起。</p><ol class="triage-plan"></ol>')
NOW = '<h2 class="triage-now-title">先看这里</h2><ol class="triage-plan triage-now"></ol>'
REVIEW = '<div class="triage-review"><h3>你的回答</h3><dl></dl></div>'


def plan(situations: Iterable[Situation], resolve: Resolve) -> str:
    """A whole plan in one piece (the static version and tests; the glue assembles the same markup)."""
    return PLAN.replace("</ol>", "".join(card(s, resolve) for s in situations) + "</ol>")


def answer(q: Question, o: Option | None = None) -> str:
    """One line of 「你的回答」 with its 修改 button (the review list is these lines, in path order). For a
    `multiple` question (o None) the labels of the ticked answers (`picked`) go into its <span>."""
    said = e(o.label) if o else '<span class="triage-picked"></span>'
    return (f'<div class="triage-answer"><dt>{e(q.text)}</dt><dd>{said} '
            f'<button type="button" class="triage-change" data-q="{e(q.id)}" aria-label="修改：{e(q.text)}">修改</button>'
            f'</dd></div>')


def picked(o: Option) -> str:
    """One ticked answer inside a `multiple` question's line of 「你的回答」."""
    return f'<span class="triage-pick">{e(o.label)}</span>'

