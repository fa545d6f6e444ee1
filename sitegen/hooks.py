"""The only MkDocs hook file (mkdocs.yml `hooks:`): each event calls the build's steps in the order written here.

Rooms: sitegen/content/ loads and checks the data, sitegen/components/ fills the widgets, sitegen/runtime/ builds
the tools' Pyodide runtime, sitegen/site/ makes whole-site passes. Bad content raises ContentError, which MkDocs
reports as a build failure naming file:line and the fix.
"""
import datetime
import functools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "quiz"):  # importable without installing the project
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from markupsafe import Markup, escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from sitegen import components, content  # noqa: E402
from sitegen.components import quiz, statute  # noqa: E402
from sitegen.content.citations import render as render_citations  # noqa: E402
from sitegen.content.errors import ContentError  # noqa: E402
from sitegen.runtime import assets  # noqa: E402
from sitegen.site import fingerprint, glossary, hygiene, search_worker, service_worker, tables, tel_links, theme_files  # noqa: E402

# Overridable so a test can build the site with a deliberately broken hotline file.
HOTLINES_FILE = os.environ.get("HOTLINES_FILE")

_state: dict = {}


def _reported(event):
    """A ContentError becomes MkDocs' build failure, with the message (file:line, fix) as it is."""
    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
    return run


@_reported
def on_config(config):
    _state.clear()
    # 1. hashed script names are looked up in the theme's folders (custom_dir first); forget the last build's
    fingerprint.use_dirs(config.theme.dirs)
    # 2. every data file, loaded and checked (statutes, citations, hotlines, flow and its state table, letters…)
    paths = content.Paths.of(ROOT, Path(config["docs_dir"]), Path(HOTLINES_FILE) if HOTLINES_FILE else None)
    data = content.load(paths)
    # 3. the tools' runtime: the engine wheel, the trimmed standard library, the validated texts (written at the end)
    engine = assets.prepare(ROOT, assets.shipped_texts(data))
    _state.update(data=data, engine=engine, built=datetime.date.today().isoformat())  # the site version on prints
    # 4. the nav lists every statute page; the footer shows the crisis line
    statute.extend_nav(config, data.statutes)
    config["extra"]["crisis_line"] = data.hotlines.crisis_line
    return config


@_reported
def on_files(files, config):
    # generated pages: statutes (index first), then the quiz without JavaScript
    for f in statute.pages(config, _state["data"].statutes, _state["data"].cites, _env(config)):
        files.append(f)
    files.append(quiz.static_page(config))
    # the service worker's template leaves the published files (it is written at the site root at the end)
    _state["sw_source"] = service_worker.take_source(files, config)
    # each component's examples.yaml (overrides/components/<name>/) is for tests, not readers
    theme_files.drop_unpublished(files)
    # the theme's search worker searched 上门 as 上, 自杀 as 自: the copy published tries the whole query too
    search_worker.fix_query_segmenting(files, config)
    return files


def on_env(env, config, files):
    # the footer renders data text with `| tel_links`; main.html names its scripts with `| fingerprint`
    numbers = _state["data"].hotlines.numbers
    env.filters["tel_links"] = lambda text: Markup(tel_links.link_text(str(escape(text)), numbers))
    env.filters["fingerprint"] = fingerprint.fingerprinted
    env.globals["component_scripts"] = components.SCRIPTS  # each tool's own module script (main.html)
    return env


def _env(config):
    """Widgets and statute pages are templates in overrides/components/<name>/, rendered through the theme's own Jinja environment
    (pages are read before on_env runs, so the hook asks the theme for it, once per build)."""
    if "env" not in _state:
        _state["env"] = config.theme.get_env()
    return _state["env"]


def _context(page, config, files) -> components.Context:
    return components.Context(config, page, files, _env(config), _state["data"], _state["built"], _state["engine"])


@_reported
def on_page_markdown(markdown, page, config, files):
    # 1. widgets that are Markdown's input (quiz, crisis line, offline); every marker's name is checked here
    markdown = components.fill_markdown(markdown, _context(page, config, files))
    # 2. {{law <id> <article>}} → a link to the statute page's article
    return render_citations(page.file.src_uri, markdown, _state["data"].statutes)


@_reported
def on_page_content(html, page, config, files):
    # 1. glossary terms → a link to their entry, at first use on guide and case pages (before the forms exist)
    html = glossary.link_terms(html, glossary.urls_for(page.file, files, _state["data"].glossary))
    # 2. the tools' forms, after Markdown (it must not touch them)
    html = components.fill_html(html, _context(page, config, files))
    # 3. hotline numbers → tap-to-call links, in the tools too (so after 2)
    html = tel_links.link_html(html, _state["data"].hotlines.numbers)
    # 4. tables → keyboard-scrollable regions
    return tables.scrollable(html)


def on_post_page(output, page, config):
    # last on every page: lang, noindex, CSP hashes of the final inline scripts
    return hygiene.finish(output, page.url)


def on_post_template(output, template_name, config):
    return hygiene.post_template(output, template_name)


@event_priority(-100)  # after every plugin (search writes its index in on_post_build): the manifest sees all files
@_reported
def on_post_build(config):
    site = Path(config["site_dir"])
    # 1. the runtime files, robots.txt and the hashed scripts asked for while rendering
    _state["engine"].write(site)
    hygiene.write_robots(site, config["site_url"])
    fingerprint.write(site)
    # 2. last: the service worker, with a manifest of the finished site
    service_worker.write(site, _state["sw_source"], config)
