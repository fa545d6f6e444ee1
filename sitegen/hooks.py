"""MkDocs hooks: generate statute pages and the quiz, render citations, ship the quiz's assets.

Registered in mkdocs.yml under `hooks:`. Each stage delegates to a small module; bad content raises
ContentError, which MkDocs reports as a build failure naming the file and the fix.
"""
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "quiz"):  # importable without installing the project
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from sitegen import assets, citations, content, quiz_build, statute_page, tools_build  # noqa: E402
from sitegen.errors import ContentError  # noqa: E402
from sitegen.statutes import in_reading_order  # noqa: E402

# The quiz's placeholders in docs/*.md; the tools' placeholders are handled by tools_build (on_page_content).
MARKER = re.compile(r"<!-- (triage|triage:static) -->")

_state: dict = {}


def _fail(exc: ContentError):
    raise PluginError(str(exc)) from None


def on_config(config):
    try:
        data = content.load(content.Paths.of(ROOT, Path(config["docs_dir"])))
        engine = assets.prepare(ROOT, tools_build.engine_texts(data.book, data.limitation, data.deadlines, data.holidays))
    except ContentError as exc:
        _fail(exc)
    _state.update(statutes=data.statutes, cites=data.cites, quiz=data.quiz, book=data.book, limitation=data.limitation, engine=engine,
                  built=datetime.date.today().isoformat())  # printed letters carry the site version
    _extend_nav(config, data.statutes)
    return config


def _extend_nav(config, statutes):
    """List every statute page under the 法条 section, so adding a data file is all it takes."""
    for entry in config["nav"] or []:
        if isinstance(entry, dict) and "法条" in entry:
            section = entry["法条"]
            pages = [{s.data["short_name"]: citations.statute_uri(s.id)} for s in in_reading_order(statutes)]
            entry["法条"] = section[:1] + pages + section[1:]


def on_files(files, config):
    statutes, cites = _state["statutes"], _state["cites"]
    files.append(File.generated(config, "statutes/index.md", content=statute_page.render_index(statutes, _env(config))))
    for s in statutes.values():
        files.append(File.generated(config, citations.statute_uri(s.id), content=statute_page.render(s, cites, _env(config))))
    files.append(File.generated(config, "quiz/static.md", content=STATIC_PAGE))
    return files


# The quiz without JavaScript; its body is rendered per page like every widget (see _widget).
STATIC_PAGE = """---
title: 自测（静态版）
search:
  exclude: true
---

# 自测（静态版）

这是自测的静态版本，不需要 JavaScript，结果和互动版本完全一样。你的选择只改变地址栏 # 后面的一串编号，不会发送到任何服务器，编号也看不出你选了什么。

<!-- triage:static -->
"""





def on_page_markdown(markdown, page, config, files):
    markdown = MARKER.sub(lambda m: _widget(m, page, config, files), markdown)
    return citations.render(page.file.src_uri, markdown, _state["statutes"])


def _env(config):
    """Widgets are templates in overrides/components/<name>/, rendered through the theme's own Jinja environment
    (pages are rendered before on_env runs, so the hook asks the theme for it, once)."""
    if "env" not in _state:
        _state["env"] = config.theme.get_env()
    return _state["env"]


def _widget(m: re.Match, page, config, files) -> str:
    quiz = _state["quiz"]
    if m.group(1) == "triage":
        static = files.get_file_from_path("quiz/static.md").url_relative_to(page.file)
        name, context = "components/quiz/widget.html", quiz_build.widget_context(quiz, files, page.file, static)
    else:
        name, context = "components/quiz/static.html", quiz_build.static_context(quiz, files, page.file)
    return _env(config).get_template(name).render(config=config, built=_state["built"], **context)


def on_page_content(html, page, config, files):
    root = "../" * page.url.count("/")
    context = {"engine": _state["engine"].attrs(root), "root": root, "built": _state["built"]}
    try:
        return tools_build.fill_widgets(html, _env(config), context, _state["book"], _state["limitation"],
                                        f"docs/{page.file.src_uri}")
    except ContentError as exc:
        _fail(exc)


def on_post_build(config):
    _state["engine"].write(Path(config["site_dir"]))
