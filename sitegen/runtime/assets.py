"""The engine's browser assets, written into site/engine/: self-hosted Pyodide (from the pinned npm package,
in a folder named by its version), the triage wheel and the tools' texts as JSON. The wheel and the JSON
have content-hashed names, so a cached copy never pairs old data with new code. The worker script itself
is a theme asset (overrides/components/engine/engine-worker.js)."""
import ast
import base64
import dataclasses
import hashlib
import io
import json
import os
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from triage import deadlines, limitation
from triage.letters import LetterBook, to_dict

from ..content.errors import ContentError
from ..site import fingerprint
from .trim import build_runtime, lock_contents

FOLDER = "engine/"
WORKER = "components/engine/engine-worker.js"
# `SITEGEN_RUNTIME=untrimmed` (make test-fast): ship Pyodide's own standard library and the source wheel instead of
# the trimmed, precompiled ones, so a fast build needs no Node and no rebuild after an engine edit. The site still
# works (only bigger); the published build and the pyodide-marked tests always trim.
UNTRIMMED = os.environ.get("SITEGEN_RUNTIME") == "untrimmed"
# The only Pyodide files a pure-Python, no-packages runtime needs.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# What the site publishes and the engine loads: its own trimmed library replaces python_stdlib.zip, and the lock
# file is passed inline, so neither is published (「保存全站」 would otherwise offer 2.6 MB nothing loads).
PUBLISHED_FILES = PYODIDE_FILES[:3]


@dataclass
class EngineAssets:
    pyodide_src: Path
    pyodide_dir: str      # e.g. engine/pyodide-314.0.7/
    wheel_name: str
    wheel: bytes
    texts_name: str
    texts: bytes
    stdlib_name: str      # the trimmed, precompiled standard library (sitegen/runtime/trim.py), passed as stdLibURL
    stdlib: bytes
    lock: str             # pyodide-lock.json without packages, passed inline as lockFileContents

    def attrs(self, root: str) -> dict[str, str]:
        """data-* attributes a widget carries for PyEngine.start(); `root` is the page's relative path to the site root."""
        return {"root": root, "worker": root + fingerprint.fingerprinted(WORKER), "pyodide": root + self.pyodide_dir,
                "wheel": root + FOLDER + self.wheel_name, "texts": root + FOLDER + self.texts_name,
                "stdlib": root + FOLDER + self.stdlib_name, "lock": self.lock, "sizes": self.sizes()}

    def files(self) -> dict[str, bytes]:
        """Every file the engine downloads, by name."""
        out = {name: (self.pyodide_src / name).read_bytes() for name in PUBLISHED_FILES}
        out.update({self.wheel_name: self.wheel, self.texts_name: self.texts, self.stdlib_name: self.stdlib})
        return out

    def sizes(self) -> str:
        """{name: [raw bytes, bytes on the wire]} of every file the engine downloads, for its progress in bytes:
        a host that gzips sends no usable Content-Length, so the page takes the sizes from here."""
        if not hasattr(self, "_sizes"):
            self._sizes = json.dumps({n: [len(b), wire_bytes(b)] for n, b in sorted(self.files().items())},
                                     separators=(",", ":"))
        return self._sizes

    def write(self, site_dir: Path) -> None:
        target = site_dir / self.pyodide_dir
        target.mkdir(parents=True, exist_ok=True)
        for name in PUBLISHED_FILES:
            src, dst = self.pyodide_src / name, target / name
            if not dst.exists() or dst.stat().st_size != src.stat().st_size:
                shutil.copyfile(src, dst)
        (site_dir / FOLDER / self.wheel_name).write_bytes(self.wheel)
        (site_dir / FOLDER / self.texts_name).write_bytes(self.texts)
        (site_dir / FOLDER / self.stdlib_name).write_bytes(self.stdlib)


def prepare(root: Path, texts: bytes) -> EngineAssets:
    """Check the pinned runtime is installed and build the wheel; nothing is written until `write`."""
    src = root / "node_modules" / "pyodide"
    missing = [n for n in PYODIDE_FILES if not (src / n).is_file()]
    if missing:
        raise ContentError(str(src), f"Pyodide runtime files missing: {', '.join(missing)}",
                           "run `npm ci` (or `make build`, which does it) to install the pinned pyodide package")
    version = json.loads((src / "package.json").read_text())["version"]
    wheel = build_wheel(root / "quiz" / "triage")
    if UNTRIMMED:
        stdlib, lock = (src / "python_stdlib.zip").read_bytes(), lock_contents(src)
    else:
        trimmed = build_runtime(root, wheel)  # wheel and stdlib precompiled by Pyodide
        wheel, stdlib, lock = trimmed.wheel, trimmed.stdlib_zip, trimmed.lock
    return EngineAssets(src, f"{FOLDER}pyodide-{version}/", hashed("triage.whl", wheel), wheel,
                        hashed("texts.json", texts), texts, hashed("stdlib.zip", stdlib), stdlib, lock)


def shipped_texts(data) -> bytes:
    """The engine's texts from the loaded content (sitegen.content.Content): a tool with texts of its own adds them here."""
    return engine_texts(data.book, data.limitation, data.deadlines, data.holidays)


def engine_texts(book: LetterBook, texts: limitation.Texts, deadline_texts: deadlines.Texts,
                 holidays: deadlines.Holidays) -> bytes:
    """What the engine loads in the browser (triage.browser.load): exactly the validated models."""
    return json.dumps({"letters": to_dict(book), "limitation": dataclasses.asdict(texts),
                       "deadlines": dataclasses.asdict(deadline_texts), "holidays": holidays.to_dict()},
                      ensure_ascii=False, sort_keys=True).encode("utf-8")


def build_wheel(package_dir: Path, version: str = "0.1.0") -> bytes:
    """A pure-Python py3-none-any wheel of the triage package, built deterministically in memory.

    Why not `pyodide build` or a PEP 517 frontend: the package is pure Python with no dependencies, so the
    wheel is just its files plus metadata; this needs no network, no build isolation and no cross-build
    environment, and the same sources always give the same bytes (so the asset hash is stable)."""
    name, dist = "triage", f"triage-{version}.dist-info"
    files = {f"triage/{m}.py": (package_dir / f"{m}.py").read_bytes() for m in browser_modules(package_dir)}
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


def browser_modules(package_dir: Path, entry: str = "browser") -> list[str]:
    """The package's modules the browser can reach from triage.browser (plus __init__): the quiz never runs
    in the browser (it ships pre-rendered), so its renderer and graph checks are left out of the wheel."""
    seen, todo = {"__init__"}, [entry]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((package_dir / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module] if node.module else [a.name for a in node.names]
    return sorted(seen)


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def wire_bytes(data: bytes) -> int:
    """About what a download costs on a host that gzips (as GitHub Pages does); already compressed data stays."""
    return min(len(data), len(zlib.compress(data, 6)))


def hashed(name: str, data: bytes) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
