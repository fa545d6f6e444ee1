"""Content-hashed names for the site's own scripts (assets/tools.js -> assets/tools.<hash>.js).

A page names the exact bytes of every glue script it loads, so a browser (or the service worker's cache) can
never pair old glue with a new engine worker, and the hashed files can be cached forever.

Templates use the Jinja filter: `{{ 'assets/tools.js' | fingerprint | url }}`. Other build code calls
`fingerprinted("assets/triage-worker.js")`. Either way the name is remembered, and `write(site_dir)` (run by
sitegen/hooks.py after the build) writes the hashed copy next to the plain one, from the same bytes.
"""
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HASH_LEN = 10
# name.<hash>.ext as written here, by the quiz build and by the theme (bundle.a5f9d56c.min.js)
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.")

_sources: list[Path] = [ROOT / "overrides"]     # where asset paths are looked up; set per build by use_dirs()
_written: dict[str, bytes] = {}                 # hashed path -> bytes, for write()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LEN]


def hashed_name(path: str, data: bytes) -> str:
    """'assets/tools.js' + its bytes -> 'assets/tools.<hash>.js' (the hash goes before the last suffix)."""
    head, dot, ext = path.rpartition(".")
    if not dot or "/" in ext:
        return f"{path}.{digest(data)}"
    return f"{head}.{digest(data)}.{ext}"


def use_dirs(dirs: list[Path]) -> None:
    """Look assets up in these folders, first match wins (the theme's dirs: custom_dir first). Forgets the
    previous build's names, so `mkdocs serve` rebuilds never write stale copies."""
    _sources[:] = [Path(d) for d in dirs]
    _written.clear()


def fingerprinted(path: str) -> str:
    """The content-hashed path of a theme asset, relative to the site root, e.g. for a worker URL."""
    for folder in _sources:
        src = folder / path
        if src.is_file():
            data = src.read_bytes()
            name = hashed_name(path, data)
            _written[name] = data
            return name
    raise FileNotFoundError(f"fingerprint: no {path} in {', '.join(map(str, _sources))}")


def write(site_dir: Path) -> list[str]:
    """Write every hashed copy asked for during this build; returns their paths."""
    for name, data in _written.items():
        out = site_dir / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return sorted(_written)
