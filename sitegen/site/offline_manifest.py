"""What the service worker may cache, read from the built site itself (so it follows renames of folders).

- pages: every page (directory URL -> its <title>), network-first in the worker.
- assets: every site file a page loads (src/href/data-* attributes, the search worker, index and word lists),
  minus the Python runtime; with the pages, this is 「保存全站」.
- immutable: files whose content can never change under their name (a content hash in the name, or inside a
  versioned pyodide-<version>/ folder) -> digest of their bytes; cache-first in the worker.
- shell: what the offline page loads; stored with it when the worker installs.
- runtime: what the tools' engine downloads (Pyodide, and the engine folder's library, wheel and texts, which
  pages name only as data-* for the engine), offered separately with its own size: exactly what the engine loads.
- version: a digest of every published file, so any change to the site makes a new worker and a new cache.
"""
import hashlib
import html as html_lib
import json
import re
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urljoin

from .fingerprint import HASHED_NAME

RUNTIME_DIR = re.compile(r"(^|/)pyodide-\d[\w.-]*/")
# A reference is a short value without spaces (data-* attributes also carry text, e.g. a letter's template).
REF = re.compile(r"""\s(?:src|href|data-[\w-]+)=["']([^"'#?\s]{1,300})(?:#[^"']*)?["']""")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
# Files that change on every build without any content change, and files a browser never needs.
NOT_VERSIONED = {"sw.js", "sitemap.xml", "sitemap.xml.gz"}
SKIP_SUFFIXES = (".map", ".gz")


@dataclass
class Manifest:
    version: str
    offline: str
    shell: list[str]
    pages: dict[str, str]
    assets: list[str]
    immutable: dict[str, str]
    runtime: list[str]
    site_bytes: int
    runtime_bytes: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _wire_bytes(data: bytes) -> int:
    """About what the download costs: GitHub Pages compresses text files; compressed files stay as they are."""
    return min(len(data), len(zlib.compress(data, 6)))


def is_immutable(rel: str) -> bool:
    return not rel.endswith(SKIP_SUFFIXES) and bool(HASHED_NAME.search(rel.rsplit("/", 1)[-1]) or RUNTIME_DIR.search(rel))


def _refs(html: str, page_url: str, site: Path) -> set[str]:
    """Site files a page loads: relative references that resolve to a file (not to a page folder)."""
    out = set()
    for ref in REF.findall(html):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):  # absolute URLs (canonical link, mailto:) are not assets
            continue
        rel = normpath(urljoin("/" + page_url, unquote(ref))).lstrip("/")
        if rel and not rel.startswith("..") and (site / rel).is_file() and not rel.endswith(SKIP_SUFFIXES):
            out.add(rel)
    m = CONFIG.search(html)
    if m:  # the theme's search worker is named in its config, not in an attribute
        conf = json.loads(m.group(1))
        base = urljoin("/" + page_url, conf.get("base", ".") + "/")
        if conf.get("search"):
            out.add(normpath(urljoin(base, conf["search"])).lstrip("/"))
    return out


def build(site: Path, extra_assets: list[str], offline_page: str = "offline/", site_name: str = "",
          runtime_folder: str = "engine/") -> Manifest:
    files = sorted(p for p in site.rglob("*") if p.is_file())
    rels = {p.relative_to(site).as_posix(): p for p in files}
    pages: dict[str, str] = {}
    assets: set[str] = {a for a in extra_assets if a in rels}
    shell: set[str] = set()
    for rel, path in rels.items():
        if rel == "index.html" or rel.endswith("/index.html"):
            url = rel[: -len("index.html")]
            html = path.read_text(encoding="utf-8")
            title = TITLE.search(html)
            name = html_lib.unescape(re.sub(r"\s+", " ", title.group(1))).strip() if title else url
            pages[url] = name.removesuffix(" - " + site_name) if site_name else name
            refs = _refs(html, url, site)
            assets |= refs
            if url == offline_page:  # what the offline page needs: stored when the worker installs
                shell = refs
    assets -= {u + "index.html" for u in pages}
    if offline_page not in pages:
        raise ValueError(f"the offline page {offline_page} was not built: restore docs/offline.md")
    immutable = {rel: _digest(p.read_bytes()) for rel, p in rels.items() if is_immutable(rel)}
    runtime = sorted(r for r in immutable if r not in assets or r.startswith(runtime_folder))
    assets -= set(runtime)
    versioned = (f"{rel}:{_digest(p.read_bytes())}" for rel, p in rels.items()
                 if rel not in NOT_VERSIONED and not rel.endswith(SKIP_SUFFIXES))
    version = hashlib.sha256("\n".join(versioned).encode()).hexdigest()[:12]
    site_bytes = sum(_wire_bytes(rels[u + "index.html"].read_bytes()) for u in pages)
    site_bytes += sum(_wire_bytes(rels[a].read_bytes()) for a in assets)
    runtime_bytes = sum(_wire_bytes(rels[r].read_bytes()) for r in runtime)
    return Manifest(version, offline_page, sorted(shell), pages, sorted(assets), immutable, runtime, site_bytes, runtime_bytes)
