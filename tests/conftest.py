"""Session fixtures: one strict build of the real site, served on loopback, and one headless Chromium."""
import sys
from pathlib import Path

import pytest

for _tier in ("", "engine", "build", "browser", "components"):  # helpers and fixture tables are imported by name
    sys.path.insert(0, str(Path(__file__).resolve().parent / _tier))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "quiz"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from support import CHROMIUM, CHROMIUM_ARGS, EARLY, ROOT, Server, build, free_port  # noqa: E402


@pytest.hookimpl(trylast=True)  # after -k/-m have deselected: only what the tests that will run need
def pytest_collection_finish(session):
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    EARLY.start(needed, session.config._tmp_path_factory)


@EARLY.register("site")  # registered first, so built first
def _build_site(tmp_path_factory):
    port = free_port()
    out = tmp_path_factory.mktemp("site") / "site"
    result = build(ROOT, out, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out, port


@pytest.fixture(scope="session")
def port(tmp_path_factory):
    return EARLY.get("site", tmp_path_factory)[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return EARLY.get("site", tmp_path_factory)[0]


SUBPATH = "xiaomi-loan-help"  # a GitHub Pages project address: http://127.0.0.1:<port>/xiaomi-loan-help/


@EARLY.register("subpath_build", after="site")  # the same trimmed runtime
def _build_subpath(tmp_path_factory):
    root = tmp_path_factory.mktemp("subpath")
    sub_port = free_port()
    result = build(ROOT, root / SUBPATH, site_url=f"http://127.0.0.1:{sub_port}/{SUBPATH}/")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return root, sub_port


@pytest.fixture(scope="session")
def subpath_build(tmp_path_factory):
    """The site built once for a project address, for every test that serves it under the subpath
    (test_subpath.py, test_offline.py): (folder holding xiaomi-loan-help/, the port its URLs name)."""
    return EARLY.get("subpath_build", tmp_path_factory)


@pytest.fixture(scope="session")
def server(site, port):
    srv = Server(site, port)
    yield srv
    srv.close()


class _Browser:
    """Chromium whose contexts block the site's service worker unless a test asks for it
    (service_workers="allow", tests/browser/test_offline.py): with the worker in between, page.route no
    longer sees the engine's requests, and every other test is about the page, not the cache."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def new_page(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_page(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield _Browser(b)
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def statutes():
    from sitegen.content.statutes import load_all
    return load_all(ROOT / "data" / "statutes")


@pytest.fixture(scope="session")
def flow():
    from sitegen.content.flow import load_flow
    return load_flow(ROOT / "data" / "flow.yaml", ROOT / "docs").flow


@pytest.fixture(scope="session")
def book(statutes):
    from sitegen.content.letters import load_letters
    return load_letters(ROOT / "data" / "letters.yaml", statutes)


@pytest.fixture(scope="session")
def limitation_texts(statutes):
    from sitegen.content.limitation import load_limitation
    return load_limitation(ROOT / "data" / "limitation.yaml", statutes)


@pytest.fixture(scope="session")
def deadline_texts(statutes):
    from sitegen.content.deadlines import load_deadlines
    return load_deadlines(ROOT / "data" / "deadlines.yaml", statutes)


@pytest.fixture(scope="session")
def holidays():
    from sitegen.content.deadlines import load_holidays
    return load_holidays(ROOT / "data" / "holidays.yaml")


def pytest_terminal_summary(terminalreporter):
    """Say how many complete paths the quiz has, on every run (the path tests walk all of them)."""
    from sitegen.content.flow import load_flow
    from triage.engine import paths
    flow = load_flow(ROOT / "data" / "flow.yaml", ROOT / "docs").flow
    terminalreporter.write_line(f"quiz: {sum(1 for _ in paths(flow))} complete paths through data/flow.yaml enumerated")
