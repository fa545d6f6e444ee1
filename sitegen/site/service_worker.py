"""The offline service worker: overrides/components/offline/sw.js is a template published as site/sw.js (scope: the site root),
with a manifest read from the finished site (offline_manifest.py) written into it, after every other step."""
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

from ..content.errors import ContentError
from ..runtime import assets
from . import offline_manifest

SW_SOURCE = "components/offline/sw.js"       # the worker's source in overrides/; published at the site root instead
SW_PLACEHOLDER = "/*@MANIFEST@*/null"
OFFLINE_PAGE = "offline.md"      # the page shown offline for pages never opened; not in the nav


def take_source(files, config) -> Path:
    """Drop the template from the published files (useless at components/offline/sw.js, placeholder and all) and return its
    path; the offline page stays out of the nav."""
    sw = files.get_file_from_path(SW_SOURCE)
    if sw is not None:
        files.remove(sw)
    sources = [Path(d) / SW_SOURCE for d in config.theme.dirs if (Path(d) / SW_SOURCE).is_file()]
    if not sources:
        raise ContentError(f"overrides/{SW_SOURCE}", "the file is missing", "the service worker is built from it: restore it")
    page = files.get_file_from_path(OFFLINE_PAGE)
    if page is not None:
        page.inclusion = InclusionLevel.NOT_IN_NAV
    return sources[0]


def search_files(config) -> list[str]:
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


def write(site: Path, source: Path, config) -> None:
    """Read the finished site into a manifest and write the worker with it, as site/sw.js."""
    manifest = offline_manifest.build(site, search_files(config), OFFLINE_PAGE.replace(".md", "/"), config["site_name"],
                                      assets.FOLDER)
    text = source.read_text(encoding="utf-8")
    if SW_PLACEHOLDER not in text:
        raise ContentError(str(source), f"the placeholder {SW_PLACEHOLDER} is missing", "put it back where the manifest goes")
    (site / "sw.js").write_text(text.replace(SW_PLACEHOLDER, manifest.to_json()), encoding="utf-8")
