"""The trimmed Pyodide runtime (sitegen/runtime.py): much smaller than the default library, every engine API call
works on it under Node, an engine importing a module it lacks fails the build by name, and a second build is cached."""
import io
import json
import shutil
import time
import zipfile

import pytest

pytestmark = pytest.mark.pyodide  # runs the pinned Pyodide under Node: left out of `make test-fast`

from sitegen.runtime import trim as rt
from sitegen.content.errors import ContentError
from sitegen.runtime.assets import build_wheel
from sitegen.runtime.calls import CALLS
from support import ROOT

DEFAULT_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("runtime-cache")  # a cold build: this run really starts Pyodide under Node


@pytest.fixture(scope="module")
def wheel():
    return build_wheel(ROOT / "quiz" / "triage")


@pytest.fixture(scope="module")
def runtime(wheel, cache):
    return rt.build_runtime(ROOT, wheel, cache_dir=cache)


def test_the_trimmed_library_is_much_smaller_than_the_default(runtime):
    default, trimmed = DEFAULT_STDLIB.stat().st_size, len(runtime.stdlib_zip)
    print(f"\npython_stdlib.zip {default:,} B → trimmed {trimmed:,} B ({trimmed / default:.2f}×), "
          f"{len(runtime.modules)} modules; engine wheel {len(runtime.wheel):,} B")
    assert trimmed < 0.6 * default
    assert {"json", "datetime", "decimal", "encodings.cp437", "pyodide"} <= set(runtime.modules)
    assert "argparse" not in runtime.modules and "email" not in runtime.modules


def test_library_and_engine_are_bytecode_compiled_by_pyodide_itself(runtime, cache):
    meta = json.loads(next(cache.glob("*/meta.json")).read_text())
    assert meta["python"].startswith("3.14")  # the pinned Pyodide, not the host's Python
    for blob in (runtime.stdlib_zip, runtime.wheel):
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            code = [n for n in zf.namelist() if not n.endswith("/") and ".dist-info/" not in n]
            assert code and all(n.endswith(".pyc") for n in code)
            assert {zf.read(n)[:4] for n in code} == {bytes.fromhex(meta["magic"])}


def test_every_engine_api_call_runs_on_the_trimmed_runtime(runtime):
    from triage.browser import API
    assert set(runtime.verified) == set(API)


def test_an_engine_importing_a_module_the_trimmed_library_lacks_fails_naming_it(tmp_path, cache):
    pkg = tmp_path / "triage"
    shutil.copytree(ROOT / "quiz" / "triage", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    src = pkg / "evidence.py"
    src.write_text(src.read_text(encoding="utf-8") + "\n\ndef as_table(entries):\n    import csv\n    return csv\n",
                   encoding="utf-8")
    with pytest.raises(ContentError) as err:
        rt.build_runtime(ROOT, build_wheel(pkg), cache_dir=cache)
    assert "'csv'" in err.value.what and err.value.where.startswith("quiz/triage/evidence.py:")
    assert "sitegen/runtime/calls.py" in err.value.fix


@pytest.mark.parametrize("calls, name", [
    ({k: v for k, v in CALLS.items() if k != "letter"}, "'letter' (triage.browser.API) has no example call"),
    ({**CALLS, "fortune": {}}, "'fortune' is not in triage.browser.API"),
])
def test_api_names_and_example_calls_must_match(wheel, cache, calls, name):
    with pytest.raises(ContentError) as err:
        rt.build_runtime(ROOT, wheel, calls=calls, cache_dir=cache)
    assert name in err.value.what and err.value.where == "sitegen/runtime/calls.py"


def test_an_unchanged_build_reuses_the_cache_without_node(runtime, wheel, cache, monkeypatch):
    monkeypatch.setattr(rt, "_node", lambda *a: pytest.fail("Node ran for an unchanged build"))
    start = time.perf_counter()
    again = rt.build_runtime(ROOT, wheel, cache_dir=cache)
    took = time.perf_counter() - start
    print(f"\ncached runtime build: {took * 1000:.0f} ms")
    assert again == runtime and took < 2
