"""Build-time side of the quiz: validate quiz/flow.yaml (naming file:line and id), render the static
fallback from the same engine, and produce the browser assets (flow JSON, the triage wheel)."""
import base64
import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

from triage.engine import state_id, walk
from triage.flow import from_dict
from triage.model import Flow
from triage.validate import check
from triage.views import situation_view, view_of

from . import yamlfile
from .errors import ContentError

_ANCHOR = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
# Always visible, with or without JavaScript: leave at once (the glue also wipes state and replaces history).
QUICK_EXIT = '<p class="triage-exit-wrap"><a class="triage-exit-link" href="about:blank">清除并离开</a></p>'


def _line_of(data: dict, node: str) -> int:
    """Find the YAML line of a question, option ('question.option') or situation id."""
    qid, _, oid = node.partition(".")
    for group in ("questions", "situations"):
        for item in data.get(group) or []:
            if isinstance(item, dict) and item.get("id") == qid:
                for opt in item.get("options") or []:
                    if oid and isinstance(opt, dict) and str(opt.get("id")) == oid:
                        return getattr(opt, "line", 0)
                return getattr(item, "line", 0)
    return getattr(data, "line", 0)


def load_flow(path: Path, docs_dir: Path) -> tuple[Flow, dict]:
    data = yamlfile.load(path)
    try:
        flow = from_dict(data)
        check(flow)
    except ContentError as exc:
        line = _line_of(data if isinstance(data, dict) else {}, exc.node)
        raise exc.located(f"{path}:{line}" if line else str(path)) from None
    anchors: dict[str, set[str]] = {}  # each linked page is read once
    for s in flow.situations.values():
        where = f"{path}:{_line_of(data, s.id)}"
        for step in s.steps:
            _check_link(step.link, docs_dir, where, s.id, anchors)
    return flow, data


def _check_link(link: str, docs_dir: Path, where: str, sid: str, anchors: dict[str, set[str]]) -> None:
    page, _, anchor = link.partition("#")
    target = docs_dir / page
    if not page.endswith(".md") or not target.is_file():
        raise ContentError(where, f"[{sid}] links to '{link}', but docs/{page} does not exist",
                           "link to an existing page as guide/<page>.md#<anchor>")
    if page not in anchors:
        anchors[page] = set(_ANCHOR.findall(target.read_text(encoding="utf-8")))
    if anchor and anchor not in anchors[page]:
        raise ContentError(where, f"[{sid}] links to '{link}', but docs/{page} has no section {{#{anchor}}}",
                           f"use an anchor that exists in docs/{page} (sections are written '## 标题 {{#anchor}}')")


def page_url(link: str, root: str) -> str:
    """guide/lawsuit.md#deadlines → <root>guide/lawsuit/#deadlines (MkDocs directory URLs)."""
    page, _, anchor = link.partition("#")
    page = page[:-3]
    page = page[:-5] if page == "index" or page.endswith("/index") else page + "/"
    return root + page + (f"#{anchor}" if anchor else "")


def all_states(flow: Flow) -> dict[str, dict]:
    """Every distinct thing a reader can see (question + situations so far, or a plan), keyed by state id."""
    seen: dict[str, dict] = {}
    todo: list[dict[str, str]] = [{}]
    while todo:
        answers = todo.pop()
        state = walk(flow, answers)
        sid = state_id(state)
        if sid in seen:
            continue
        seen[sid] = view_of(flow, state)
        if state.current:
            todo += [{**answers, state.current.id: o.id} for o in state.current.options]
    return seen


def render_question(v: dict, href_prefix: str, interactive: bool = True) -> str:
    """One question as HTML; each option is a real link, so it works with no JavaScript at all.
    `interactive` adds the data-* hooks the glue uses (not needed on the static page)."""
    q, e = v["question"], html.escape
    hook = (lambda o: f' data-q="{e(q["id"])}" data-o="{e(o["id"])}"') if interactive else (lambda o: "")
    opts = "".join(f'<li><a class="triage-option" href="{href_prefix}#{o["next"]}"{hook(o)}>{e(o["label"])}</a></li>'
                   for o in q["options"])
    help_ = f'<p class="triage-help">{e(q["help"])}</p>' if q["help"] else ""
    return (f'<h2 class="triage-q" tabindex="-1">第 {q["number"]} 题：{e(q["text"])}</h2>{help_}'
            f'<ul class="triage-options">{opts}</ul>')


def render_situation(s: dict, root: str, heading: str = "h3") -> str:
    e = html.escape
    steps = "".join(f'<li>{e(st["do"])} <a href="{e(page_url(st["link"], root))}">查看说明</a></li>' for st in s["steps"])
    return f'<{heading}>{e(s["title"])}</{heading}><p>{e(s["summary"])}</p><ol class="triage-steps">{steps}</ol>'


def render_static_page(flow: Flow) -> str:
    """quiz/static.md: all states on one page; CSS :target shows the current one. Moving between
    questions only changes the #fragment, which browsers never send to the server."""
    states, root, e = all_states(flow), "../../", html.escape
    start = state_id(walk(flow, {}))
    parts = []
    for sid, v in states.items():
        if sid == start:
            continue
        if "question" in v:
            body = render_question(v, "", interactive=False)
        else:
            # titles only: each situation's summary and steps are rendered once, in its #sit- section below
            items = "".join(f'<li><a href="#sit-{s["id"]}">{e(s["title"])}</a></li>' for s in v["plan"])
            body = f'<h2 class="triage-q" tabindex="-1">你的行动清单</h2><p>按紧急程度排序，从第 1 项做起。点每一项查看具体步骤：</p><ol>{items}</ol>'
        parts.append(f'<section class="triage-state" id="{sid}">{body}<p><a href="#{start}">重新开始</a></p></section>')
    for s in flow.situations.values():
        parts.append(f'<section class="triage-state" id="sit-{s.id}">{render_situation(situation_view(s), root, "h2")}'
                     f'<p>看完请按浏览器的“返回”回到清单。</p></section>')
    # The start question comes last: it shows until a fragment targets one of the states above.
    parts.append(f'<section class="triage-state triage-start" id="{start}">{render_question(states[start], "", interactive=False)}</section>')
    intro = ("这是自测的静态版本，不需要 JavaScript，结果和互动版本完全一样。"
             "你的选择只改变地址栏 # 后面的部分，不会发送到任何服务器，但会留在这个浏览器的历史记录里；"
             "用完可以点“清除并离开”，或清除浏览记录。")
    return (f"---\ntitle: 自测（静态版）\nsearch:\n  exclude: true\n---\n\n# 自测（静态版）\n\n{intro}\n\n"
            f'{QUICK_EXIT}<div class="triage-static">{"".join(parts)}</div>\n')


def widget(flow: Flow, assets: dict[str, str]) -> str:
    """The quiz (on quiz/index.md and the home page): the first question as plain HTML, answerable at once;
    the glue enhances it. Option links lead into the static version, relative to the page."""
    first = view_of(flow, walk(flow, {}))
    static = assets["root"] + "quiz/static/"
    attrs = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in {**assets, "static": static}.items())
    return (f'<div id="triage" class="triage" {attrs}>'
            f'{QUICK_EXIT}<p class="triage-status" role="status" aria-live="polite"></p>'
            f'<div class="triage-view">{render_question(first, static)}</div></div>\n')


def flow_json(flow_data: dict) -> bytes:
    return json.dumps(flow_data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def build_wheel(package_dir: Path, version: str = "0.1.0") -> bytes:
    """A pure-Python py3-none-any wheel of the triage package, built deterministically in memory.

    Why not `pyodide build` or a PEP 517 frontend: the package is pure Python with no dependencies, so the
    wheel is just its files plus metadata; this needs no network, no build isolation and no cross-build
    environment, and the same sources always give the same bytes (so the asset hash is stable)."""
    name, dist = "triage", f"triage-{version}.dist-info"
    files = {f"triage/{p.name}": p.read_bytes() for p in sorted(package_dir.glob("*.py"))}
    files[f"{dist}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nRequires-Python: >=3.11\n".encode()
    files[f"{dist}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: sitegen\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = "".join(f"{n},sha256={_b64(hashlib.sha256(b).digest())},{len(b)}\n" for n, b in files.items())
    files[f"{dist}/RECORD"] = (record + f"{dist}/RECORD,,\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in files.items():
            info = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, b)
    return buf.getvalue()


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hashed(name: str, data: bytes) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
