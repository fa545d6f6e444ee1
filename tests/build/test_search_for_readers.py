"""Issue 16, item 5, in the built site: statute pages weigh less in search than the pages written for readers,
the quiz's hidden templates are not indexed as page text, readers' words are whole words in the index, and
the theme's search worker is the copy that tries the whole query (sitegen/site/search_worker.py). The
queries themselves are held to their first result in tests/browser/test_pages_browser.py."""
import json
import re

import pytest

from support import ROOT

WORDS = ["村委会", "上门", "爆通讯录", "拘留", "强制执行", "失信被执行人", "自杀", "传票"]


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))


def test_statutes_weigh_less_than_guides(index):
    for doc in index["docs"]:
        if doc["location"].startswith("statutes/"):
            assert doc.get("boost", 1) < 0.01, doc["location"]
        elif doc["location"].startswith(("guide/", "cases/", "tools/")):
            assert doc.get("boost", 1) >= 1, doc["location"]


def test_the_quiz_templates_are_not_indexed(index, flow):
    quiz_docs = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] in ("", "quiz/"))
    plain = quiz_docs.replace("\u200b", "")
    for s in flow.situations.values():
        assert s.summary not in plain, f"card {s.id} indexed as page text"
    assert "先看这里" not in plain and "你的行动清单" not in plain


def test_readers_words_are_whole_words_in_the_index(index):
    words = {line.split()[0] for line in (ROOT / "data/search-words.txt").read_text(encoding="utf-8").splitlines() if line.strip()}
    tokens = {t for d in index["docs"] for t in re.split(r"[\s\u200b\-]", re.sub(r"<[^>]+>", " ", d["text"])) if t}
    for w in WORDS:
        assert w in words, f"{w} missing from data/search-words.txt"
        assert w in tokens, f"{w} is not one word in the search index: pages must contain it where it belongs"


def test_the_search_worker_tries_the_whole_query(site):
    (worker,) = site.glob("assets/javascripts/workers/search.*.min.js")
    text = worker.read_text(encoding="utf-8")
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in text


def test_a_changed_theme_worker_stops_the_build_with_the_fix(tmp_path):
    from types import SimpleNamespace
    from sitegen.content.errors import ContentError
    from sitegen.site import search_worker
    src = tmp_path / "search.0123abcd.min.js"
    src.write_text("function fe(t,e){for(let i=0;i<t.length;i++);}", encoding="utf-8")
    files = [SimpleNamespace(src_uri="assets/javascripts/workers/search.0123abcd.min.js", abs_src_path=str(src))]
    with pytest.raises(ContentError) as err:
        search_worker.fix_query_segmenting(files, {})
    assert "search_worker.py" in str(err.value)
