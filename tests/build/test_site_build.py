"""The published site, read as built HTML: statute pages, quoted text, notices, self-hosting."""
import html
import re

import pytest

from support import pages_of

QUOTE = re.compile(r'<blockquote class="law-text" data-statute="([^"]+)" data-article="([^"]+)"[^>]*>(.*?)</blockquote>', re.S)
GUIDE_PAGES = ["after-overdue", "collection-calls", "verify-and-scams", "negotiate", "unlawful-collection",
               "evidence", "complaints", "lawsuit"]


def read(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def quoted(page_html):
    for sid, key, body in QUOTE.findall(page_html):
        yield sid, key, "\n".join(html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S))


def test_every_statute_has_a_page_with_status_effective_date_and_last_check(site, statutes):
    for s in statutes.values():
        page = read(site, f"statutes/{s.id}")
        assert s.status_label in page, s.id
        assert "施行日期" in page and "最后核对" in page and s.data["last_verified"] in page, s.id
        if s.data.get("effective"):
            assert s.data["effective"] in page, s.id


def test_every_quoted_article_on_the_site_equals_the_data_text(site, statutes):
    checked = 0
    for path in pages_of(site):
        for sid, key, text in quoted(read(site, path)):
            if key.startswith("old-"):
                index = int(key[4:]) - 1
                assert text == statutes[sid].historical[index]["text"].strip(), (path, sid, key)
            else:
                assert text == statutes[sid].articles[key].text, (path, sid, key)
            checked += 1
    assert checked >= sum(len(s.articles) for s in statutes.values())


def test_every_cited_article_is_linked_to_its_quote(site, statutes):
    for name in GUIDE_PAGES:
        page = read(site, f"guide/{name}")
        links = re.findall(r'href="\.\./\.\./statutes/([\w-]+)/#a([\w-]+)"', page)
        assert links, f"guide/{name} cites no article"
        for sid, key in links:
            assert key in statutes[sid].articles


def test_statute_pages_link_back_to_the_sections_that_cite_them(site):
    page = read(site, "statutes/credit-reporting-industry-regulation")
    assert "本站引用处" in page and "../../guide/after-overdue/#credit-record" in page


def test_repealed_contract_law_points_to_civil_code_577(site):
    page = read(site, "statutes/contract-law-1999")
    assert "已废止" in page and "这部法已经废止" in page
    old = read(site, "statutes/old-citations")
    assert "../civil-code/#a577" in old


@pytest.mark.parametrize("path", ["", "guide/complaints/", "statutes/civil-code/", "quiz/", "about/"])
def test_not_legal_advice_notice_is_in_the_footer(site, path):
    assert "不构成法律意见" in re.search(r'<footer.*</footer>', read(site, path), re.S).group(0)


def test_no_page_references_another_host(site):
    """Nothing on any page is loaded from, or even points at, another host (no fonts, CDNs, repo APIs)."""
    for f in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = f.read_text(encoding="utf-8", errors="ignore")
        for url in re.findall(r'(?:src|href)=["\'](https?://[^"\']+)', text) + re.findall(r'url\((https?://[^)]+)\)', text):
            assert url.startswith("http://127.0.0.1"), f"{f.relative_to(site)} references {url}"


def test_pyodide_is_self_hosted_and_pinned(site):
    import json
    from support import ROOT
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/pyodide"]["version"]
    assert (site / f"engine/pyodide-{version}/pyodide.asm.wasm").is_file()
    assert not (ROOT / "docs" / "engine").exists(), "the runtime is copied by the build, never committed"


def test_search_is_chinese_segmented(site):
    import json
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert any("\u200b" in d["text"] for d in index["docs"]), "jieba segmentation markers missing"
