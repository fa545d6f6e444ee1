"""The quiz's browser assets: self-hosted Pyodide (from the pinned npm package, in a folder named by its
version), the triage wheel, the flow and the letters as JSON (content-hashed names, so a cached copy never
pairs old data with new code), all written into site/quiz-assets/."""
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import fingerprint, quiz_build
from .errors import ContentError

# The only Pyodide files a pure-Python, no-packages runtime needs.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


@dataclass
class QuizAssets:
    pyodide_src: Path
    pyodide_dir: str      # e.g. quiz-assets/pyodide-314.0.7/
    wheel_name: str
    wheel: bytes
    flow_name: str
    flow: bytes
    letters_name: str
    letters: bytes

    def attrs(self, root: str) -> dict[str, str]:
        """data-* attributes for a widget; `root` is the relative path from the page to the site root."""
        return {"root": root, "pyodide": root + self.pyodide_dir, "wheel": root + "quiz-assets/" + self.wheel_name,
                "flow": root + "quiz-assets/" + self.flow_name, "letters": root + "quiz-assets/" + self.letters_name,
                "worker": root + fingerprint.fingerprinted("assets/triage-worker.js")}

    def write(self, site_dir: Path) -> None:
        out = site_dir / "quiz-assets"
        target = site_dir / self.pyodide_dir
        target.mkdir(parents=True, exist_ok=True)
        for name in PYODIDE_FILES:
            src, dst = self.pyodide_src / name, target / name
            if not dst.exists() or dst.stat().st_size != src.stat().st_size:
                shutil.copyfile(src, dst)
        (out / self.wheel_name).write_bytes(self.wheel)
        (out / self.flow_name).write_bytes(self.flow)
        (out / self.letters_name).write_bytes(self.letters)


def plan(root: Path, flow_data: dict, letters: bytes) -> QuizAssets:
    src = root / "node_modules" / "pyodide"
    missing = [n for n in PYODIDE_FILES if not (src / n).is_file()]
    if missing:
        raise ContentError(str(src), f"Pyodide runtime files missing: {', '.join(missing)}",
                           "run `npm ci` (or `make build`, which does it) to install the pinned pyodide package")
    version = json.loads((src / "package.json").read_text())["version"]
    wheel = quiz_build.build_wheel(root / "quiz" / "triage")
    flow = quiz_build.flow_json(flow_data)
    return QuizAssets(src, f"quiz-assets/pyodide-{version}/", quiz_build.hashed("triage.whl", wheel), wheel,
                      quiz_build.hashed("flow.json", flow), flow, quiz_build.hashed("letters.json", letters), letters)
