"""The quiz widget (<!-- x:quiz -->) and its no-JavaScript version (<!-- x:quiz-static -->, on the generated page
quiz/static.md): the engine's fragments (triage.render) and state table, as overrides/components/quiz/ needs them."""
import html
import json

from mkdocs.structure.files import File

from triage import render, states
from triage.engine import walk
from triage.model import Flow, PlanStep

from ..content.flow import Quiz

WIDGET = "components/quiz/widget.html"
STATIC = "components/quiz/static.html"

# The quiz without JavaScript; its body is rendered per page like every widget.
STATIC_PAGE = """---
title: 自测（静态版）
search:
  exclude: true
---

# 自测（静态版）

这是自测的静态版本，不需要 JavaScript，结果和互动版本完全一样。你的选择只改变地址栏 # 后面的一串编号，不会发送到任何服务器，编号也看不出你选了什么。

<!-- x:quiz-static -->
"""


def static_page(config) -> File:
    return File.generated(config, "quiz/static.md", content=STATIC_PAGE)


def quiz(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    static = ctx.files.get_file_from_path("quiz/static.md").url_relative_to(ctx.page.file)
    return ctx.render(WIDGET, **widget_context(ctx.data.quiz, ctx.files, ctx.page.file, static))


def quiz_static(ctx, arg: str) -> str:
    ctx.no_argument(arg)
    return ctx.render(STATIC, **static_context(ctx.data.quiz, ctx.files, ctx.page.file))


MARKDOWN = {"quiz": quiz, "quiz-static": quiz_static}  # put in before Markdown runs, as the templates expect


def resolver(quiz: Quiz, files, page_file) -> render.Resolve:
    """Plan-step links as URLs relative to the page that shows them, resolved by MkDocs itself."""
    def resolve(step: PlanStep) -> render.Link:
        path, _, anchor = step.link.partition("#")
        url = files.get_file_from_path(path).url_relative_to(page_file)
        return render.Link(url + (f"#{anchor}" if anchor else ""), quiz.labels[step.link])
    return resolve


def parts(flow: Flow, resolve: render.Resolve, table: dict) -> dict[str, str]:
    """Every fragment the glue assembles views from, keyed as the table refers to them: questions, cards, answer
    lines (a several-answer question's line, `a:q`, gets its ticked labels `l:q.o`) and progress lines `p:n/of`."""
    out = {"plan": render.PLAN, "now": render.NOW, "review": render.REVIEW}
    out.update({f"q:{q.id}": render.question(q) for q in flow.questions.values()})
    out.update({f"c:{s.id}": render.card(s, resolve) for s in flow.situations.values()})
    for q in flow.questions.values():
        if q.multiple:
            out[f"a:{q.id}"] = render.answer(q)
            out.update({f"l:{q.id}.{o.id}": render.picked(o) for o in q.options})
        else:
            out.update({f"a:{q.id}.{o.id}": render.answer(q, o) for o in q.options})
    counts = sorted({(row["n"], row["of"]) for row in table["states"] if "q" in row})
    out.update({f"p:{n}/{of}": render.progress(n, of) for n, of in counts})
    return out


def widget_context(quiz: Quiz, files, page_file, static_url: str) -> dict:
    """What overrides/components/quiz/widget.html needs: the first question (options link into the static
    version, so it works without JavaScript), the fragments and the table, for one page."""
    flow, tab = quiz.flow, quiz.table
    start = tab["states"][0]
    first = render.question(walk(flow, {}).current, lambda o: f"{static_url}#{tab['ids'][start['next'][o.id]]}")
    shipped = {"states": tab["states"], "adds": tab["adds"]}
    return {"first": render.progress(start["n"], start["of"]) + first,
            "parts": parts(flow, resolver(quiz, files, page_file), tab),
            "table": html.escape(json.dumps(shipped, ensure_ascii=False, separators=(",", ":")), quote=True),
            "static_url": static_url}


def static_context(quiz: Quiz, files, page_file) -> dict:
    """What overrides/components/quiz/static.html needs: every state as a section (CSS :target shows the
    current one); each plan lists its cards by title, each card rendered once in its own section. A state at the
    several-answer questions (they come last) is one section with their tick boxes and the plan (`checklist`).
    A plan links to a `via` per (plan, card): a small section, before the cards, holding the link back to that
    plan; CSS shows the card after the targeted via, so a card shared by many plans leads back to the right one."""
    flow, resolve = quiz.flow, resolver(quiz, files, page_file)
    tab = quiz.table
    card_id = {s: states.card_key(s) for s in flow.situations}
    sections, vias, ticks = [], [], 0

    number = {s: n for n, s in enumerate(flow.situations)}  # the card's place among the cards, as in the page

    def via(sid: str, situation: str) -> str:  # (short and grouped by plan: 600 of them cost 5 KB gzipped)
        vias.append({"id": f"{sid}v{number[situation]}", "back": sid, "n": number[situation]})
        return vias[-1]["id"]
    for n, (sid, row) in enumerate(zip(tab["ids"], tab["states"])):
        if "q" in row and flow.questions[row["q"]].multiple:
            asked, end = [], row
            while "q" in end:  # the several-answer questions, in order, to the plan they lead to
                asked.append(flow.questions[end["q"]])
                end = tab["states"][end["next"]]
            shows: dict[str, list[int]] = {}
            k = 0
            for q in asked:
                for o in q.options:
                    if o.situations:
                        k += 1
                        for s in o.situations:
                            shows.setdefault(s, []).append(k)
            ticks = max(ticks, k)
            pick = set(end.get("pick", ()))
            # (a section starting at a later several-answer question lists only its own boxes' cards)
            items = [(f"#{via(sid, s)}", flow.situations[s].title, tuple(shows.get(s, ())) if s in pick else ())
                     for s in end["plan"] if s not in pick or s in shows]
            now = "".join(render.card(flow.situations[c], resolve) for c in row["now"])
            now = f'{render.NOW.replace("</ol>", now + "</ol>")}' if now else ""
            sections.append({"id": sid, "start": n == 0, "checklist": render.checklist(asked, sid, items, now)})
        elif "q" in row:
            body = render.question(flow.questions[row["q"]], lambda o: f"#{tab['ids'][row['next'][o.id]]}")
            sections.append({"id": sid, "start": n == 0, "question": body,
                             "now": [render.card(flow.situations[c], resolve) for c in row["now"]]})
        else:
            shown = [s for s in row["plan"] if s not in set(row.get("pick", ()))]  # reached only past the boxes
            sections.append({"id": sid, "start": False, "plan": [(via(sid, s), flow.situations[s].title) for s in shown]})
    sections.sort(key=lambda x: x["start"])  # the start question last: it shows until a fragment targets another
    cards = [{"id": card_id[s.id], "html": render.card(s, resolve)} for s in flow.situations.values()]
    return {"sections": sections, "cards": cards, "vias": vias, "start": tab["ids"][0], "ticks": ticks}
