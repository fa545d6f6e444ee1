"""The engine contract in Chromium: every call stands alone, a missing runtime file is reported in seconds,
and a fatally failed Pyodide moves every tool to its fallback with the reader's work still there."""
import re
import time

import pytest

LETTER = ".tool[data-letter=negotiation]"
FATAL = {
    # Pyodide's own words after a fatal error (e.g. a stack overflow): every later call fails
    "fatally failed": 'const _on = self.onmessage; self.onmessage = (e) => { if (e.data.type === "call") '
                      'call = () => { throw new Error("Pyodide already fatally failed and can no longer be used."); }; return _on(e); };',
    # the worker itself dies with an uncaught error
    "worker crash": 'const _on = self.onmessage; self.onmessage = (e) => { if (e.data.type === "call") throw new Error("boom"); return _on(e); };',
}


def wait_ready(page, timeout=120000):
    page.wait_for_function("() => window.PyEngine && (PyEngine.start(), PyEngine.ready || PyEngine.failed)", timeout=timeout, polling=200)
    assert not page.evaluate("PyEngine.failed"), page.evaluate("PyEngine.reason")


def test_a_failing_call_is_followed_by_a_working_one(server, page):
    page.goto(server.url + "tools/limitation/")
    results = page.evaluate("""async () => {
        const settle = (p) => p.then((r) => ["ok", r], (e) => ["failed", e.message]);
        const calls = [settle(PyEngine.call("no_such_function", {})),
                       settle(PyEngine.call("evidence_remove", {entries: "not a list", index: 0})),
                       settle(PyEngine.call("evidence_summary", {entries: []}))];
        const first = await Promise.all(calls);
        const after = await settle(PyEngine.call("evidence_summary", {entries: []}));
        return {first, after, failed: PyEngine.failed};
    }""")
    assert [r[0] for r in results["first"]] == ["failed", "failed", "ok"]
    assert "unknown call" in results["first"][0][1]
    assert results["after"] == ["ok", {"text": ""}] and not results["failed"]


def test_a_failed_step_in_the_evidence_log_never_jams_the_next(server, page):
    page.goto(server.url + "tools/evidence-log/")
    wait_ready(page)
    page.evaluate("""() => { const call = PyEngine.call; let n = 0;
        PyEngine.call = (fn, args) => (fn === "evidence_add" && n++ === 0) ? Promise.reject(new Error("once")) : call(fn, args); }""")
    root = page.locator(".tool[data-tool=evidence]")
    root.locator("[name=when]").fill("2026-11-02 21:30")
    root.locator("[name=channel]").select_option("电话")
    root.locator("[name=who]").select_option("家人")
    root.locator("[name=what]").fill("第一次失败")
    root.locator("button[type=submit]").click()
    root.locator(".tool-status:has-text('请再试一次')").wait_for()
    assert root.locator("[name=what]").input_value() == "第一次失败", "what was typed stays"
    root.locator("button[type=submit]").click()
    root.locator(".ev-table td:has-text('第一次失败')").wait_for(timeout=15000)
    root.locator(".ev-delete").click()
    page.wait_for_function("() => !document.querySelector('.ev-table td')", timeout=15000)


@pytest.mark.parametrize("blocked,how", [("pyodide.asm.wasm", "abort"), ("pyodide.mjs", "404"), ("stdlib.", "abort")])
def test_a_missing_runtime_file_is_reported_within_5_seconds_and_the_letters_still_work(server, page, blocked, how):
    pattern = "**/engine/stdlib.*.zip" if blocked == "stdlib." else f"**/{blocked}"  # the shipped, trimmed library
    page.route(pattern, (lambda r: r.abort()) if how == "abort" else (lambda r: r.fulfill(status=404, body="")))
    page.goto(server.url + "tools/letters/")
    root = page.locator(LETTER)
    root.locator("[name=name]").fill("王五")
    root.locator("[name=amount_owed]").fill("八千")
    started = time.monotonic()
    root.locator("button[type=submit]").click()
    page.locator(".tool.tool-fallback").first.wait_for(timeout=5000)
    assert time.monotonic() - started < 5
    assert page.locator(".tool.tool-fallback").count() == page.locator(".tool").count() == 4, "every tool falls back"
    assert blocked in page.evaluate("PyEngine.reason")
    assert "没能在这个浏览器里启动" in root.locator(".tool-status").inner_text()
    assert root.locator("form").is_visible() and root.locator("[name=name]").input_value() == "王五", "typed values stay"
    root.locator("button[type=submit]").click()  # a plain fill, in JavaScript
    text = root.locator(".letter-output").inner_text()
    assert "本人王五" in text and "八千" in text and "（未填写）" in text and "{" not in text
    assert "没有经过检查" in root.locator(".tool-output").inner_text()
    assert root.get_by_role("button", name="复制").is_visible()


def given_stdlib(page, url):
    """Every tool names `url` as its library before tools.js runs (it may start the engine when the page is idle)."""
    page.add_init_script("document.addEventListener('readystatechange', () => { if (document.readyState === 'interactive') "
                         f"document.querySelectorAll('.tool').forEach((t) => t.setAttribute('data-stdlib', {url!r})); }});")


def test_the_worker_fetches_a_given_stdlib_url_first(server, page):
    given_stdlib(page, "../../engine/trimmed-stdlib.zip")
    page.goto(server.url + "tools/limitation/")
    started = time.monotonic()
    page.locator(".tool [name=due]").fill("2023-01-31")
    page.locator(".tool.tool-fallback").wait_for(timeout=5000)
    assert time.monotonic() - started < 5 and "trimmed-stdlib.zip" in page.evaluate("PyEngine.reason")


@pytest.mark.parametrize("kind", list(FATAL))
def test_a_fatal_engine_error_switches_every_tool_to_its_fallback(server, page, kind):
    def patched(route):
        route.fulfill(body=route.fetch().text() + "\n" + FATAL[kind], headers={"content-type": "text/javascript"})
    page.route("**/engine-worker.*js", patched)  # fingerprinted: engine-worker.<hash>.js
    page.goto(server.url + "tools/letters/")
    root = page.locator(LETTER)
    root.locator("[name=name]").fill("赵六")
    root.locator("button[type=submit]").click()
    page.locator(".tool.tool-fallback").first.wait_for(timeout=120000)
    assert page.locator(".tool.tool-fallback").count() == 4
    assert "没能在这个浏览器里启动" in root.locator(".tool-status").inner_text()
    assert root.locator("[name=name]").input_value() == "赵六"
    assert page.evaluate("PyEngine.call('evidence_summary', {entries: []}).then(() => 'ok', () => 'rejected at once')") == "rejected at once"
    root.locator("button[type=submit]").click()
    assert "本人赵六" in root.locator(".letter-output").inner_text()


def test_the_engine_runs_on_a_standard_library_given_by_url(server, site, page):
    from support import ROOT
    real = (ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").read_bytes()  # Pyodide's own (not published)
    page.route("**/engine/trimmed-stdlib.zip", lambda r: r.fulfill(body=real, headers={"content-type": "application/zip"}))
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    given_stdlib(page, "../../engine/trimmed-stdlib.zip")
    page.goto(server.url + "tools/limitation/")
    wait_ready(page)
    assert page.evaluate("PyEngine.call('evidence_summary', {entries: []})") == {"text": ""}
    assert any(u.endswith("/trimmed-stdlib.zip") for u in seen)
    assert not any(u.endswith("/python_stdlib.zip") for u in seen), "Pyodide's own library is not loaded as well"


def test_every_engine_call_works_on_the_shipped_trimmed_runtime(server, site, page):
    """Every name in triage.browser.API, in Chromium, on the trimmed precompiled library the site ships:
    the same answers as CPython gives for the same shipped data."""
    import json
    from triage import browser as engine
    from sitegen.runtime.calls import CALLS
    engine.load(next((site / "engine").glob("texts.*.json")).read_text(encoding="utf-8"))
    assert set(CALLS) == set(engine.API)
    expected = {n: json.loads(engine.call(n, json.dumps(a, ensure_ascii=False))) for n, a in CALLS.items()}
    stdlib = []
    page.on("request", lambda r: stdlib.append(r.url) if "stdlib" in r.url else None)
    page.goto(server.url + "tools/limitation/")
    page.wait_for_function("() => window.PyEngine && (PyEngine.start(), PyEngine.ready || PyEngine.failed)",
                           timeout=120000, polling=200)
    got = page.evaluate("""async (calls) => {
        const out = {};
        for (const [name, args] of Object.entries(calls)) {
          try { out[name] = await PyEngine.call(name, args); } catch (e) { out[name] = {failed: String(e)}; }
        }
        return out;
    }""", CALLS)
    assert got == expected
    assert stdlib and all(re.search(r"/engine/stdlib\.[0-9a-f]{10}\.zip$", u) for u in stdlib), stdlib
