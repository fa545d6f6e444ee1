"""The service worker's manifest and the fingerprinted names, on a tiny fake site (no MkDocs build)."""
from sitegen.site import fingerprint, offline_manifest


def test_a_hashed_name_changes_with_the_bytes_and_keeps_the_suffix():
    a, b = fingerprint.hashed_name("assets/tools.js", b"one"), fingerprint.hashed_name("assets/tools.js", b"two")
    assert a != b and a.startswith("assets/tools.") and a.endswith(".js")
    assert offline_manifest.is_immutable(a)


def test_the_manifest_sorts_site_files_into_pages_assets_immutable_and_runtime(tmp_path):
    site = tmp_path
    files = {
        "index.html": '<title>首页 - 站</title><link rel="stylesheet" href="assets/main.0123abcd.css">'
                      '<script src="assets/tools.0123456789.js"></script><div data-flow="engine/flow.0a1b2c3d4e.json">'
                      '<a href="guide/x/">x</a><a href="https://example.org/a.css">out</a>',
        "offline/index.html": '<title>现在没有网络 - 站</title><link rel="stylesheet" href="../assets/main.0123abcd.css">',
        "guide/x/index.html": "<title>X - 站</title>",
        "assets/main.0123abcd.css": "body{}",
        "assets/main.0123abcd.css.map": "{}",
        "assets/tools.0123456789.js": "//",
        "engine/flow.0a1b2c3d4e.json": "{}",
        "engine/pyodide-0.1.2/pyodide.asm.wasm": "wasm",
        "search/search_index.json": "{}",
        "sitemap.xml": "<urlset/>",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    m = offline_manifest.build(site, ["search/search_index.json", "sitemap.xml"], "offline/", "站")
    assert m.pages == {"": "首页", "offline/": "现在没有网络", "guide/x/": "X"}
    assert m.shell == ["assets/main.0123abcd.css"]
    assert "search/search_index.json" in m.assets and "assets/tools.0123456789.js" in m.assets
    assert not any(a.endswith(".map") for a in m.assets + list(m.immutable))
    # What the engine downloads is the runtime, offered on its own, even when a page names it for the engine.
    assert m.runtime == ["engine/flow.0a1b2c3d4e.json", "engine/pyodide-0.1.2/pyodide.asm.wasm"]
    assert not set(m.runtime) & set(m.assets)
    assert set(m.immutable) == {"assets/main.0123abcd.css", "assets/tools.0123456789.js",
                                "engine/flow.0a1b2c3d4e.json", "engine/pyodide-0.1.2/pyodide.asm.wasm"}
    before = m.version
    (site / "sitemap.xml").write_text("<urlset>new date</urlset>")
    assert offline_manifest.build(site, [], "offline/").version == before, "a new sitemap date is no new version"
    (site / "guide/x/index.html").write_text("<title>X2</title>")
    assert offline_manifest.build(site, [], "offline/").version != before
