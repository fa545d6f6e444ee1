"""Build-time side of the quiz: validate quiz/flow.yaml (naming file:line and id), resolve plan-step links
through MkDocs' own Files, and pre-render every state with the engine's renderer (triage.render): the
browser glue only swaps these fragments, and the static (no-JavaScript) version is made of the same ones."""
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from triage import render
from triage.engine import State, plan, walk
from triage.flow import from_dict
from triage.model import Flow, PlanStep
from triage.validate import check

from . import yamlfile
from .errors import ContentError

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.M)
_TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class Quiz:
    flow: Flow
    labels: dict[str, str]  # "guide/x.md#anchor" -> the heading it points at (a link says where it goes)
    table: dict             # every state and where each answer leads (see table()), computed once per build


def _nodes(data) -> dict:
    """Each question, option ('question.option') and situation id → its YAML mapping (which knows its line)."""
    out = {}
    for group in ("questions", "situations"):
        for item in (data.get(group) if isinstance(data, dict) else None) or []:
            if isinstance(item, dict):
                out[str(item.get("id"))] = item
                for opt in item.get("options") or []:
                    if isinstance(opt, dict):
                        out[f"{item.get('id')}.{opt.get('id')}"] = opt
    return out


def load_flow(path: Path, docs_dir: Path) -> Quiz:
    data = yamlfile.load(path)
    nodes = _nodes(data)
    try:
        flow = from_dict(data)
        check(flow)
    except ContentError as exc:
        raise exc.located(yamlfile.where(path, nodes.get(exc.node, data))) from None
    labels: dict[str, str] = {}
    pages: dict[str, dict[str, str]] = {}  # each linked page is read once
    for s in flow.situations.values():
        for n, step in enumerate(s.steps):
            where = yamlfile.where(path, nodes[s.id]["steps"][n], "link")
            labels[step.link] = _label(step.link, docs_dir, where, s.id, pages)
    return Quiz(flow, labels, table(flow))


def _label(link: str, docs_dir: Path, where: str, sid: str, pages: dict[str, dict[str, str]]) -> str:
    page, _, anchor = link.partition("#")
    target = docs_dir / page
    if not page.endswith(".md") or not target.is_file():
        raise ContentError(where, f"links to '{link}', but docs/{page} does not exist",
                           "link to an existing page as guide/<page>.md#<anchor>", sid)
    if page not in pages:
        text = target.read_text(encoding="utf-8")
        title = _TITLE.search(text)
        pages[page] = {"": title.group(1) if title else page, **{a: h for h, a in _HEADING.findall(text)}}
    if anchor not in pages[page]:
        raise ContentError(where, f"links to '{link}', but docs/{page} has no section {{#{anchor}}}",
                           f"use an anchor that exists in docs/{page} (sections are written '## 标题 {{#anchor}}')", sid)
    return f"详见「{pages[page][anchor]}」"


def resolver(quiz: Quiz, files, page_file) -> render.Resolve:
    """Plan-step links as URLs relative to the page that shows them, resolved by MkDocs itself."""
    def resolve(step: PlanStep) -> render.Link:
        path, _, anchor = step.link.partition("#")
        url = files.get_file_from_path(path).url_relative_to(page_file)
        return render.Link(url + (f"#{anchor}" if anchor else ""), quiz.labels[step.link])
    return resolve


def state_key(state: State) -> str:
    """An opaque, stable id for what the reader sees: the static page's #fragment and the glue's table key.
    Opaque so that an address or the browser history never spells out the reader's answers."""
    where = state.current.id if state.current else "plan"
    raw = "|".join([where, *sorted(state.situations)])
    return "s" + hashlib.sha256(raw.encode()).hexdigest()[:8]


def card_key(situation_id: str) -> str:
    """The static page's opaque id for one situation's card."""
    return "c" + hashlib.sha256(situation_id.encode()).hexdigest()[:8]


def all_states(flow: Flow) -> dict[str, State]:
    """Every distinct thing a reader can see (a question with the situations so far, or a plan)."""
    seen: dict[str, State] = {}
    todo: list[dict[str, str]] = [{}]
    while todo:
        answers = todo.pop()
        state = walk(flow, answers)
        sid = state_key(state)
        if sid in seen:
            if (seen[sid].current, seen[sid].situations) != (state.current, state.situations):
                raise ContentError("quiz/flow.yaml", f"two quiz states share the id {sid}", "change state_key's hash length")
            continue
        seen[sid] = state
        if state.current:
            todo += [{**answers, state.current.id: o.id} for o in state.current.options]
    return seen


def _now(flow: Flow, state: State) -> list[str]:
    """The at_once cards (safety, crisis) the answers so far have added, most urgent first."""
    return [s.id for s in plan(flow, state.situations) if s.at_once]


def table(flow: Flow) -> dict:
    """For the glue: each state's question and where each option leads, or its plan (card ids, in order).
    States are numbered (start = 0) to keep the table small; `ids` gives each its opaque static-page id."""
    states = all_states(flow)
    start = state_key(walk(flow, {}))
    ids = [start] + [k for k in states if k != start]
    index = {k: n for n, k in enumerate(ids)}
    rows = []
    for sid in ids:
        st = states[sid]
        if st.current:
            answered = {step.question.id: step.option_id for step in st.answered}
            nxt = {o.id: index[state_key(walk(flow, {**answered, st.current.id: o.id}))] for o in st.current.options}
            rows.append({"q": st.current.id, "next": nxt, "now": _now(flow, st)})
        else:
            rows.append({"plan": [s.id for s in plan(flow, st.situations)]})
    return {"states": rows, "ids": ids}


def parts(flow: Flow, resolve: render.Resolve) -> dict[str, str]:
    """Every fragment the glue assembles views from, keyed as the table refers to them."""
    out = {"plan": render.PLAN, "now": render.NOW, "review": render.REVIEW}
    out.update({f"q:{q.id}": render.question(q) for q in flow.questions.values()})
    out.update({f"c:{s.id}": render.card(s, resolve) for s in flow.situations.values()})
    out.update({f"a:{q.id}.{o.id}": render.answer(q, o) for q in flow.questions.values() for o in q.options})
    return out


def widget_context(quiz: Quiz, files, page_file, static_url: str) -> dict:
    """What overrides/components/quiz/widget.html needs: the first question (options link into the static
    version, so it works without JavaScript), the fragments and the table, for one page."""
    flow, tab = quiz.flow, quiz.table
    nxt = tab["states"][0]["next"]
    return {"first": render.question(walk(flow, {}).current, lambda o: f"{static_url}#{tab['ids'][nxt[o.id]]}"),
            "parts": parts(flow, resolver(quiz, files, page_file)),
            "table": json.dumps(tab["states"], ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
            "static_url": static_url}


def static_context(quiz: Quiz, files, page_file) -> dict:
    """What overrides/components/quiz/static.html needs: every state as a section (CSS :target shows the
    current one); each plan lists its cards by title, each card rendered once in its own section."""
    flow, resolve = quiz.flow, resolver(quiz, files, page_file)
    tab = quiz.table
    card_id = {s: card_key(s) for s in flow.situations}
    sections = []
    for n, (sid, row) in enumerate(zip(tab["ids"], tab["states"])):
        if "q" in row:
            body = render.question(flow.questions[row["q"]], lambda o: f"#{tab['ids'][row['next'][o.id]]}")
            sections.append({"id": sid, "start": n == 0, "question": body,
                             "now": [render.card(flow.situations[c], resolve) for c in row["now"]]})
        else:
            sections.append({"id": sid, "start": False, "plan": [(card_id[s], flow.situations[s].title) for s in row["plan"]]})
    sections.sort(key=lambda x: x["start"])  # the start question last: it shows until a fragment targets another
    cards = [{"id": card_id[s.id], "html": render.card(s, resolve)} for s in flow.situations.values()]
    return {"sections": sections, "cards": cards, "start": tab["ids"][0]}
