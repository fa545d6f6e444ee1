"""Runs INSIDE Pyodide (loaded by trim.mjs), after the engine's calls have been recorded: writes the trimmed standard
library and the engine wheel, both compiled to bytecode by this interpreter, since a .pyc only loads in the exact
Python version that wrote it (the host's Python is older).

zipimport loads `name.pyc` stored where `name.py` was, and a sourceless `name.pyc` in site-packages imports too,
so no `__pycache__` folders and no sources are shipped."""
import _imp
import base64
import hashlib
import importlib.util
import json
import marshal
import sys
import zipfile

STDLIB = "/lib/python314.zip"  # where Pyodide puts the library given as stdLibURL, and the prefix of its modules
SITE = "/lib/python3.14/site-packages/"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # same inputs, same bytes


def pyc(source: bytes, filename: str, optimize: int) -> bytes:
    """A timestamp-style header with mtime 0: with no source beside it, nothing checks the stamp."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return importlib.util.MAGIC_NUMBER + bytes(8) + len(source).to_bytes(4, "little") + marshal.dumps(code)


def _put(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if not name.endswith("/") else zipfile.ZIP_STORED
    zf.writestr(info, data, compresslevel=9)


def kept_files(origins: dict[str, str], names: set[str]) -> set[str]:
    """Library files (paths inside the zip) of the recorded modules, plus every package __init__ above them."""
    keep = set()
    for origin in origins.values():
        if origin and origin.startswith(STDLIB + "/"):
            rel = origin[len(STDLIB) + 1:]
            keep.add(rel)
            parts = rel.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                keep.add("/".join(parts[:i]) + "/__init__.py")
    missing = sorted(k for k in keep if k not in names)
    if missing:
        raise RuntimeError(f"recorded modules not found in {STDLIB}: {missing}")
    return keep


def build_stdlib(origins: dict[str, str], out: str, optimize: int) -> list[str]:
    with zipfile.ZipFile(STDLIB) as src:
        names = set(src.namelist())
        keep = kept_files(origins, names)
        dirs = {k.rsplit("/", 1)[0] + "/" for k in keep if "/" in k}
        with zipfile.ZipFile(out, "w") as dst:
            for name in src.namelist():  # original order, directory entries included
                if name in dirs:
                    _put(dst, name, b"")
                elif name in keep:
                    _put(dst, name + "c", pyc(src.read(name), f"{STDLIB}/{name}", optimize))
    return sorted(keep)


def build_wheel(wheel: str, out: str, optimize: int) -> list[str]:
    """The same wheel with each module as .pyc, without `python -m` entry points, and a RECORD that lists what is
    really inside."""
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(wheel) as src:
        record = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
        for name in src.namelist():
            data = src.read(name)
            if name == record or name.endswith("/__main__.py"):  # the terminal tool: never run in a browser
                continue
            if name.endswith(".py") and ".dist-info/" not in name:
                files[name + "c"] = pyc(data, SITE + name, optimize)
            else:
                files[name] = data
    digest = lambda b: base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
    files[record] = ("".join(f"{n},sha256={digest(b)},{len(b)}\n" for n, b in files.items()) + f"{record},,\n").encode()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in files.items():
            _put(dst, name, data)
    return sorted(files)


def build(origins_json: str, wheel: str, out_dir: str, optimize: int) -> str:
    origins = json.loads(origins_json)
    kept = build_stdlib(origins, out_dir + "/stdlib.zip", optimize)
    engine = build_wheel(wheel, out_dir + "/engine.whl", 0)  # the engine keeps its asserts and docstrings
    return json.dumps({"kept_files": kept, "engine_files": engine, "builtins": sorted(sys.builtin_module_names),
                       "frozen": sorted(_imp._frozen_module_names()),
                       "magic": importlib.util.MAGIC_NUMBER.hex(), "python": sys.version.split()[0]})
