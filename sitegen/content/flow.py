"""The quiz flow (data/flow.yaml): loaded, checked by the engine (errors located at file:line), its plan-step links
checked against docs/, and its state table computed once per build (the enumeration itself is the engine's)."""
import re
from dataclasses import dataclass
from pathlib import Path

from triage import states
from triage.flow import from_dict
from triage.model import Flow
from triage.validate import check

from . import yamlfile
from .errors import ContentError

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.M)
_TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class Quiz:
    flow: Flow
    labels: dict[str, str]  # "guide/x.md#anchor" -> the heading it points at (a link says where it goes)
    table: dict             # every state and where each answer leads (triage.states.table), once per build


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
        table = states.table(flow)
    except ContentError as exc:
        raise exc.located(yamlfile.where(path, nodes.get(exc.node, data))) from None
    labels: dict[str, str] = {}
    pages: dict[str, dict[str, str]] = {}  # each linked page is read once
    for s in flow.situations.values():
        for n, step in enumerate(s.steps):
            where = yamlfile.where(path, nodes[s.id]["steps"][n], "link")
            labels[step.link] = _label(step.link, docs_dir, where, s.id, pages)
    return Quiz(flow, labels, table)


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
