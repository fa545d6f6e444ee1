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
    buttons that the glue handles in place."""
    def option(o: Option) -> str:
        if href:
            return f'<li><a class="triage-option" href="{e(href(o))}" data-o="{e(o.id)}">{e(o.label)}</a></li>'
        return f'<li><button type="button" class="triage-option" data-o="{e(o.id)}">{e(o.label)}</button></li>'
    help_ = f'<p class="triage-help">{e(q.help)}</p>' if q.help else ""
    return (f'<h2 class="triage-q" tabindex="-1" data-q="{e(q.id)}">{e(q.text)}</h2>{help_}'
            f'<ul class="triage-options">{"".join(option(o) for o in q.options)}</ul>')


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


def answer(q: Question, o: Option) -> str:
    """One line of 「你的回答」 with its 修改 button (the review list is these lines, in path order)."""
    return (f'<div class="triage-answer"><dt>{e(q.text)}</dt><dd>{e(o.label)} '
            f'<button type="button" class="triage-change" data-q="{e(q.id)}" aria-label="修改：{e(q.text)}">修改</button>'
            f'</dd></div>')
