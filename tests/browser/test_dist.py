"""`make dist` (sitegen/site/dist.py): the archive, unpacked and served by a plain static host under another path than
the one the site was built for, has every page, a working quiz and working tools."""
import zipfile
from urllib.parse import urlsplit

import pytest

from support import Server, _QuietHandler, free_port, pages_of, status
from sitegen.site import dist

PREFIX = "/mirror/xlh/"  # the session's site was built for the root of another port


class _MirrorHandler(_QuietHandler):
    """Files under PREFIX only, as they are: no caching headers, no server-side code, 404.html for the rest."""

    def send_header(self, key, value):
        if key.lower() != "last-modified":
            super().send_header(key, value)

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(PREFIX):]
        return super().send_head()


@pytest.fixture(scope="module")
def mirror(site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dist")
    archive = dist.archive(site, tmp / "xiaomi-loan-help-site.zip")
    again = dist.archive(site, tmp / "again.zip")
    assert archive.read_bytes() == again.read_bytes(), "the same site gives the same archive"
    out = tmp / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        zf.extractall(out)
    assert "index.html" in names and "sw.js" in names and "404.html" in names, "the site's files at the top level"
    assert not [n for n in names if n.endswith(("python_stdlib.zip", "pyodide-lock.json"))], "nothing unused"
    srv = Server(out, free_port(), handler=_MirrorHandler)
    yield out, srv.url.rstrip("/") + PREFIX
    srv.close()


def test_every_page_of_the_archive_is_served_from_another_path(mirror):
    out, base = mirror
    pages = pages_of(out)
    assert len(pages) > 20
    broken = [p for p in pages if status(base + p) != 200]
    assert not broken, broken


def test_the_quiz_and_a_letter_work_from_the_archive(mirror, browser):
    out, base = mirror
    ctx = browser.new_context(service_workers="allow")
    page = ctx.new_page()
    bad = []
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.goto(base + "quiz/", wait_until="load")
    first = page.locator("#triage h2").inner_text()
    page.locator("#triage .triage-option").first.click()
    assert page.locator("#triage h2").first.inner_text() != first, "the quiz answers"
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == base, "the service worker covers the whole site at its new path"
    page.goto(base + "tools/letters/", wait_until="load")
    root = page.locator(".tool[data-letter=negotiation]")
    values = {"name": "王五", "date": "2026-11-28", "lender": "重庆小米消费金融有限公司", "contact_phone": "13912345678",
              "amount_owed": "8000", "hardship": "2026年3月失业", "monthly_amount": "400", "first_payment_date": "2026-12-20"}
    for name, value in values.items():
        root.locator(f"[name={name}]").fill(value)
    root.locator("[name=plan]").select_option(index=1)
    page.wait_for_function("() => PyEngine.ready || PyEngine.failed", timeout=120000, polling=200)
    assert not page.evaluate("PyEngine.failed"), page.evaluate("PyEngine.reason")
    root.locator("button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('.tool[data-letter=negotiation] .letter-output')", timeout=30000)
    assert "8,000.00" in root.locator(".letter-output").inner_text(), "the engine wrote the letter"
    assert not bad, bad
    ctx.close()
