"""MkDocs hooks for hotlines: every listed number in page text becomes a tap-to-call link, and the calm
crisis line (data/hotlines.yaml) reaches the footer and the home page.

Registered in mkdocs.yml under `hooks:`, apart from sitegen/hooks.py so the two can change independently.
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # importable without installing the project
    sys.path.insert(0, str(ROOT))

from markupsafe import Markup, escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from sitegen import hotlines, tel_links  # noqa: E402
from sitegen.errors import ContentError  # noqa: E402

# Overridable so tests can build the site from a deliberately broken copy.
HOTLINES_FILE = Path(os.environ.get("HOTLINES_FILE", ROOT / "data" / "hotlines.yaml"))
# Where a page shows the crisis line in its text (the footer shows it on every page anyway).
MARKER = "<!-- crisis-line -->"

_state: dict = {}


def _shown(path: Path) -> Path:
    """data/hotlines.yaml rather than an absolute path, so the error reads like the file the editor has open."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def on_config(config):
    try:
        _state["hotlines"] = hotlines.load(_shown(HOTLINES_FILE))
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    config["extra"]["crisis_line"] = _state["hotlines"].crisis_line
    return config


def on_env(env, config, files):
    # The footer partial renders data text with `| tel_links`, so the numbers there are links too.
    env.filters["tel_links"] = lambda text: Markup(tel_links.link_text(str(escape(text)), _state["hotlines"].numbers))
    return env


def on_page_markdown(markdown, page, config, files):
    return markdown.replace(MARKER, _state["hotlines"].crisis_line)


def on_page_content(html, page, config, files):
    return tel_links.link_html(html, _state["hotlines"].numbers)
