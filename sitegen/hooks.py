"""MkDocs hooks: generate statute pages and the quiz, render citations, ship the quiz's assets.

Registered in mkdocs.yml under `hooks:`. Each stage delegates to a small module; bad content raises
ContentError, which MkDocs reports as a build failure naming the file and the fix.
"""
import datetime
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "quiz"):  # importable without installing the project
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from sitegen import assets, citations, quiz_build, statute_page, tools_build  # noqa: E402
from sitegen.errors import ContentError  # noqa: E402
from sitegen.statutes import in_reading_order, load_all  # noqa: E402

# Overridable so tests can build the site from deliberately broken fixtures.
STATUTE_DIR = Path(os.environ.get("STATUTE_DIR", ROOT / "data" / "statutes"))
FLOW_FILE = Path(os.environ.get("QUIZ_FLOW", ROOT / "quiz" / "flow.yaml"))
LETTERS_FILE = Path(os.environ.get("LETTERS_FILE", ROOT / "quiz" / "letters.yaml"))
# Placeholders in docs/*.md that become widgets: <!-- triage -->, <!-- tool:letter:<id> -->, <!-- tool:evidence -->, ...
MARKER = re.compile(r"<!-- (triage|triage:static|tool:letter:([\w-]+)|tool:evidence|tool:limitation) -->")

_state: dict = {}


def _fail(exc: ContentError):
    raise PluginError(str(exc)) from None


def on_config(config):
    try:
        statutes = load_all(STATUTE_DIR)
        cites = citations.scan_docs(Path(config["docs_dir"]), statutes)
        for s in statutes.values():  # plain-language fields may cite other articles too
            for text, line in s.published_texts():
                cites += citations.scan(citations.statute_uri(s.id), text, statutes, str(s.path), line, s.short_name)
        quiz = quiz_build.load_flow(FLOW_FILE, Path(config["docs_dir"]))
        book, letters_data = tools_build.load_letters(LETTERS_FILE, statutes)
        quiz_assets = assets.plan(ROOT, {}, tools_build.letters_json(letters_data))
    except ContentError as exc:
        _fail(exc)
    _state.update(statutes=statutes, cites=cites, quiz=quiz, book=book, quiz_assets=quiz_assets,
                  built=datetime.date.today().isoformat())  # printed letters carry the site version
    _extend_nav(config, statutes)
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
    files.append(File.generated(config, "statutes/index.md", content=statute_page.render_index(statutes)))
    for s in statutes.values():
        files.append(File.generated(config, citations.statute_uri(s.id), content=statute_page.render(s, cites)))
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


def _partial(name: str, config, **context) -> str:
    """Widgets are partials in overrides/partials/, rendered through the theme's own Jinja environment
    (pages are rendered before on_env runs, so the hook asks the theme for it)."""
    if "env" not in _state:
        _state["env"] = config.theme.get_env()
    return _state["env"].get_template(name).render(config=config, built=_state["built"], **context)


def _widget(m: re.Match, page, config, files) -> str:
    attrs = _state["quiz_assets"].attrs("../" * page.url.count("/"))
    kind, quiz = m.group(1), _state["quiz"]
    if kind == "triage":
        static = files.get_file_from_path("quiz/static.md").url_relative_to(page.file)
        return _partial("partials/quiz/widget.html", config, **quiz_build.widget_context(quiz, files, page.file, static))
    if kind == "triage:static":
        return _partial("partials/quiz/static.html", config, **quiz_build.static_context(quiz, files, page.file))
    if kind == "tool:evidence":
        return tools_build.evidence_widget(attrs, _state["built"])
    if kind == "tool:limitation":
        return tools_build.limitation_widget(attrs, _state["built"])
    letter = m.group(2)
    if letter not in _state["book"].letters:
        _fail(ContentError(f"docs/{page.file.src_uri}", f"no letter '{letter}' in {LETTERS_FILE}",
                           f"use one of: {', '.join(_state['book'].letters)}"))
    return tools_build.letter_widget(_state["book"], letter, attrs, _state["built"])


def on_post_build(config):
    _state["quiz_assets"].write(Path(config["site_dir"]))
