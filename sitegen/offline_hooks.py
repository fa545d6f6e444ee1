"""MkDocs hooks for return visits and offline reading (registered in mkdocs.yml under `hooks:`).

- on_env: the `fingerprint` Jinja filter for main.html's scripts (see sitegen/fingerprint.py).
- on_page_markdown: <!-- offline:save --> becomes the 「保存全站以便离线阅读」 widget (components/offline/offline-save.html).
- on_post_build, after every other hook: writes the hashed glue scripts, then reads the finished site into a
  manifest (sitegen/offline_manifest.py) and writes it into the service worker, site/sw.js.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # importable without installing the project
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import InclusionLevel  # noqa: E402

from sitegen import fingerprint, offline_manifest, theme_files  # noqa: E402

SW_SOURCE = "components/offline/sw.js"       # the worker's source in overrides/; published at the site root instead
SW_PLACEHOLDER = "/*@MANIFEST@*/null"
OFFLINE_PAGE = "offline.md"      # the page shown offline for pages never opened; not in the nav
MARKER = "<!-- offline:save -->"

_state: dict = {}


def on_config(config):
    fingerprint.use_dirs(config.theme.dirs)
    _state.clear()
    return config


def on_files(files, config):
    theme_files.drop_unpublished(files)  # examples.yaml beside each component: for tests, not readers
    sw = files.get_file_from_path(SW_SOURCE)
    if sw is not None:  # a template with a placeholder, useless at assets/sw.js
        files.remove(sw)
    sources = [Path(d) / SW_SOURCE for d in config.theme.dirs if (Path(d) / SW_SOURCE).is_file()]
    if not sources:
        raise PluginError(f"overrides/{SW_SOURCE} is missing: the service worker is built from it")
    _state["sw_source"] = sources[0]
    page = files.get_file_from_path(OFFLINE_PAGE)
    if page is not None:
        page.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_env(env, config, files):
    env.filters["fingerprint"] = fingerprint.fingerprinted
    return env


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    if "env" not in _state:  # pages are read before on_env; the theme's own loader finds the partial
        _state["env"] = config.theme.get_env()
    html = _state["env"].get_template("components/offline/offline-save.html").render(page=page, config=config)
    return markdown.replace(MARKER, "\n" + html.strip() + "\n")


def _search_files(config) -> list[str]:
    """The search worker's word lists for the site's languages (it loads them itself, so no page names them)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = (search.config.get("lang") or []) if search else []
    out = ["search/search_index.json", "sitemap.xml"]  # navigation.instant reads the sitemap
    if langs:
        out.append("assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
    out += [f"assets/javascripts/lunr/min/lunr.{lang}.min.js" for lang in langs if lang != "en"]
    if len(langs) > 1:
        out.append("assets/javascripts/lunr/min/lunr.multi.min.js")
    if "ja" in langs:
        out.append("assets/javascripts/lunr/tinyseg.js")
    return out


@event_priority(-100)  # last: the manifest must see every file the other hooks write
def on_post_build(config):
    site = Path(config["site_dir"])
    fingerprint.write(site)
    manifest = offline_manifest.build(site, _search_files(config), OFFLINE_PAGE.replace(".md", "/"),
                                      config["site_name"])
    source = _state["sw_source"].read_text(encoding="utf-8")
    if SW_PLACEHOLDER not in source:
        raise PluginError(f"{_state['sw_source']}: the placeholder {SW_PLACEHOLDER} is missing")
    (site / "sw.js").write_text(source.replace(SW_PLACEHOLDER, manifest.to_json()), encoding="utf-8")
