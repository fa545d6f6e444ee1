"""A Pyodide runtime on a diet: the standard library trimmed to what Pyodide's start-up and the engine import,
and the engine wheel, both compiled to bytecode by the pinned Pyodide itself (run under Node by trim.mjs here).

The module list is found by running every example call in sitegen/runtime/calls.py, never written by hand; the
result is then run again on the trimmed library, and the engine's own imports are checked against it, so an engine
that starts importing something new fails the build with the module's name. Results are cached in .cache/runtime/,
keyed by everything that can change them, so an unchanged build does not start Node."""
import ast
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import ContentError
from . import calls as runtime_calls

SCRIPTS = Path(__file__).resolve().parent  # trim.mjs (run by Node) and inside.py (run inside Pyodide)
CALLS_FILE = "sitegen/runtime/calls.py"
# Docstrings and asserts stripped from the library: 15 % fewer bytes, and Pyodide copes with missing docstrings.
OPTIMIZE = 2
FORMAT = 1  # bump when the cached files change meaning
KEEP_CACHED = 6  # older results are deleted: each engine edit makes a new one


@dataclass(frozen=True)
class Runtime:
    stdlib_zip: bytes            # load with loadPyodide({stdLibURL: <url of this file>})
    wheel: bytes                 # install with pyodide.unpackArchive(new Uint8Array(bytes), "wheel")
    modules: tuple[str, ...]     # the standard-library modules kept
    lock: str                    # pass as loadPyodide({lockFileContents}): no pyodide-lock.json request
    verified: tuple[str, ...]    # engine API calls that ran on the trimmed runtime and gave the same answers


def build_runtime(root: Path, wheel: bytes, *, calls: dict[str, dict] | None = None,
                  cache_dir: Path | None = None) -> Runtime:
    pyodide = root / "node_modules" / "pyodide"
    if not (pyodide / "python_stdlib.zip").is_file():
        raise ContentError(str(pyodide), "the pinned Pyodide package is not installed", "run `make deps` (npm ci)")
    job = {"load": runtime_calls.LOAD, "calls": runtime_calls.CALLS if calls is None else calls,
           "optimize": OPTIMIZE, "lock": lock_contents(pyodide)}
    cache = (cache_dir or root / ".cache" / "runtime") / _key(pyodide, wheel, job)
    if (cache / "meta.json").is_file():
        os.utime(cache)  # recently used: kept by _prune
    else:
        _build(pyodide, wheel, job, cache)
    meta = json.loads((cache / "meta.json").read_text())
    _check_imports(wheel, meta)  # cheap, so a cached result is checked too
    return Runtime((cache / "stdlib.zip").read_bytes(), (cache / "engine.whl").read_bytes(), tuple(meta["modules"]),
                   job["lock"], tuple(meta["verified"]))


def lock_contents(pyodide: Path) -> str:
    """The lock file without its package list: the engine loads no packages, so 120 bytes instead of 119 KB."""
    info = json.loads((pyodide / "pyodide-lock.json").read_text())["info"]
    return json.dumps({"info": info, "packages": {}}, sort_keys=True, separators=(",", ":"))


def _key(pyodide: Path, wheel: bytes, job: dict) -> str:
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    h.update(json.loads((pyodide / "package.json").read_text())["version"].encode())
    for data in ((pyodide / "python_stdlib.zip").read_bytes(), wheel, json.dumps(job, sort_keys=True).encode(),
                 (SCRIPTS / "trim.mjs").read_bytes(), (SCRIPTS / "inside.py").read_bytes()):
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:20]


def _build(pyodide: Path, wheel: bytes, job: dict, cache: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="runtime-") as tmp:
        work = Path(tmp)
        (work / "job.json").write_text(json.dumps(job, ensure_ascii=False))
        (work / "engine.whl").write_bytes(wheel)
        trace = _node("trace", pyodide, work)
        _check_calls(trace, "the full Pyodide runtime")
        meta = {"modules": _module_names(trace["kept_files"]), "builtins": trace["builtins"], "frozen": trace["frozen"],
                "all_stdlib": _stdlib_names(pyodide / "python_stdlib.zip"),
                "python": trace["python"], "magic": trace["magic"], "trace_ms": trace["ms"]}
        _check_imports(wheel, meta)  # before the slower verify run
        verify = _node("verify", pyodide, work)
        _check_calls(verify, "the trimmed runtime")
        _check_same(trace, verify)
        meta.update(verified=sorted(verify["results"]), verify_ms=verify["ms"])
        staging = Path(tempfile.mkdtemp(prefix="tmp-", dir=_mkdir(cache.parent)))
        shutil.copyfile(work / "stdlib.zip", staging / "stdlib.zip")
        shutil.copyfile(work / "engine.pyc.whl", staging / "engine.whl")
        (staging / "meta.json").write_text(json.dumps(meta))
        try:
            os.replace(staging, cache)  # all or nothing; a parallel build may have won the race
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    _prune(cache.parent)


def _prune(folder: Path) -> None:
    entries = sorted((p for p in folder.iterdir() if (p / "meta.json").is_file()), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP_CACHED]:
        shutil.rmtree(old, ignore_errors=True)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _node(command: str, pyodide: Path, work: Path) -> dict:
    try:
        proc = subprocess.run(["node", str(SCRIPTS / "trim.mjs"), command, str(pyodide), str(work)],
                              capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        raise ContentError("sitegen/runtime/trim.mjs", "Node.js is not installed",
                           "install Node 20 or newer (it also installs Pyodide: `make deps`)") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise ContentError("sitegen/runtime/trim.mjs", f"Pyodide under Node failed ({command}):\n{tail}",
                           "read the Python error above; `node sitegen/runtime/trim.mjs` runs the same steps")
    return json.loads((work / f"{command}.json").read_text())


def _check_calls(report: dict, runtime: str) -> None:
    for name in report["missing"]:
        raise ContentError(CALLS_FILE, f"the engine API call '{name}' (triage.browser.API) has no example call",
                           f"add an example for '{name}' with realistic arguments to CALLS in {CALLS_FILE}")
    for name in report["unknown"]:
        raise ContentError(CALLS_FILE, f"the example call '{name}' is not in triage.browser.API",
                           f"remove or rename it in CALLS in {CALLS_FILE}")
    for name, error in report["failed"].items():
        raise ContentError(CALLS_FILE, f"the example call '{name}' fails on {runtime}: {error}",
                           f"fix its arguments in {CALLS_FILE}, or the engine")


def _check_same(trace: dict, verify: dict) -> None:
    for name, result in trace["results"].items():
        if verify["results"].get(name) != result:
            raise ContentError(CALLS_FILE, f"the call '{name}' answers differently on the trimmed runtime",
                               "a module is missing or changed: compare `node sitegen/runtime/trim.mjs trace` and `verify`")
    stale = sorted(n for n, o in verify["modules"].items() if o.endswith(".py"))
    if stale:
        raise ContentError("sitegen/runtime/inside.py", f"modules loaded from source, not bytecode: {', '.join(stale)}",
                           "the trimmed files must all be .pyc compiled by Pyodide")


def _stdlib_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return _module_names(n for n in zf.namelist() if n.endswith(".py"))


def _module_names(paths) -> list[str]:
    """'json/__init__.py' → 'json', 'encodings/cp437.py' → 'encodings.cp437'."""
    out = set()
    for p in paths:
        name = p.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        out.add(name)
    return sorted(out)


def engine_imports(wheel: bytes) -> dict[str, str]:
    """Every absolute module the engine's sources import, anywhere (also inside functions) → 'file:line'."""
    found: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(wheel)) as zf:
        sources = [n for n in zf.namelist()  # __main__.py (the terminal tool) is left out of the shipped wheel
                   if n.endswith(".py") and ".dist-info/" not in n and not n.endswith("/__main__.py")]
        packages = {n.split("/")[0] for n in sources}
        for name in sources:
            for node in ast.walk(ast.parse(zf.read(name), name)):
                if isinstance(node, ast.Import):
                    mods = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    mods = [node.module] + [f"{node.module}.{a.name}" for a in node.names]  # a name may be a submodule
                else:
                    continue
                for mod in mods:
                    parts = mod.split(".")
                    for i in range(1, len(parts) + 1):
                        if parts[0] not in packages:
                            found.setdefault(".".join(parts[:i]), f"quiz/{name}:{node.lineno}")
    return found


def _file_line(where: str) -> tuple[str, int]:
    file, _, line = where.rpartition(":")
    return file, int(line)


def _check_imports(wheel: bytes, meta: dict) -> None:
    kept, stdlib = set(meta["modules"]), set(meta["all_stdlib"])
    available = kept | set(meta["builtins"]) | set(meta["frozen"])
    for mod, where in sorted(engine_imports(wheel).items(), key=lambda kv: _file_line(kv[1])):
        if mod in available:
            continue
        if mod in stdlib:
            raise ContentError(where, f"the engine imports '{mod}', which the trimmed Pyodide standard library lacks "
                                      "(no example call reached that import)",
                               f"add an example call that exercises it in {CALLS_FILE}")
        parent = mod.rpartition(".")[0]
        if not parent or parent not in available:  # `from datetime import date`: an attribute, not a module
            raise ContentError(where, f"the engine imports '{mod}', which is not in Pyodide's standard library",
                               "the engine must use the standard library only")
