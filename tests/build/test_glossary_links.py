"""Glossary words link to their entry at their first occurrence on each guide and case page (sitegen/site/glossary.py).
The linker is pure, so most of this runs without a build; the last tests look at the real glossary and the built site."""
import re

import pytest

from sitegen.content.errors import ContentError
from sitegen.content.glossary import parse_terms
from sitegen.site.glossary import link_terms
from support import ROOT

URLS = {"上诉": "g/#term-appeal", "送达": "g/#term-service", "公告送达": "g/#term-notice", "原告": "g/#term-plaintiff",
        "逾期利息": "g/#term-penalty", "罚息": "g/#term-penalty"}


def _a(term, url):
    return f'<a class="glossary-term" href="{url}">{term}</a>'


def test_only_the_first_occurrence_is_linked():
    assert link_terms("<p>原告起诉。原告说。</p>", URLS) == f"<p>{_a('原告', URLS['原告'])}起诉。原告说。</p>"


def test_the_longest_term_wins():
    out = link_terms("<p>公告送达以后，送达就完成了。</p>", URLS)
    assert out == f"<p>{_a('公告送达', 'g/#term-notice')}以后，{_a('送达', 'g/#term-service')}就完成了。</p>"


def test_a_longer_word_that_only_contains_a_term_is_not_linked():
    assert link_terms("<p>人民法院线上诉讼服务。</p>", URLS) == "<p>人民法院线上诉讼服务。</p>"
    assert link_terms("<p>可以上诉。</p>", URLS) == f"<p>可以{_a('上诉', 'g/#term-appeal')}。</p>"


def test_headings_links_code_and_admonition_titles_are_left_alone():
    skipped = ('<h2 id="x">原告</h2><p><a href="y">原告</a> <code>原告</code></p>'
               '<div class="admonition"><p class="admonition-title">原告</p><p>')
    assert link_terms(skipped + "原告</p></div>", URLS) == skipped + _a("原告", URLS["原告"]) + "</p></div>"


def test_scripts_and_attributes_are_not_text():
    markup = '<p title="原告"><script>var s = "原告 <b>";</script><img alt="原告"></p>'
    assert link_terms(markup, URLS) == markup


def test_a_term_and_its_alias_are_linked_once_between_them():
    out = link_terms("<p>罚息，也叫逾期利息。</p>", URLS)
    assert out.count("glossary-term") == 1 and _a("罚息", "g/#term-penalty") in out


def test_nothing_else_changes_and_no_terms_means_no_change():
    markup = "<p>没有词。<br>&amp; 其他</p><!-- 原告 -->"
    assert link_terms(markup, URLS) == markup
    assert link_terms("<p>原告</p>", {}) == "<p>原告</p>"


GOOD = "# 词语解释\n\n原告 {#term-plaintiff}\n:   起诉的一方。\n\n逾期利息（罚息） {#term-penalty-interest}\n:   多付的利息。\n"


def test_terms_and_aliases_come_from_the_definition_list():
    assert parse_terms(GOOD) == {"原告": "term-plaintiff", "逾期利息": "term-penalty-interest",
                                 "罚息": "term-penalty-interest"}


@pytest.mark.parametrize("name, text, line, words", [
    ("no anchor", GOOD + "\n被告\n:   被起诉的一方。\n", 9, "has no term-* anchor"),
    ("not a term- anchor", GOOD + "\n被告 {#defendant}\n:   被起诉的一方。\n", 9, "not term-<english-slug>"),
    ("anchor twice", GOOD + "\n被告 {#term-plaintiff}\n:   被起诉的一方。\n", 9, "used twice"),
    ("term twice", GOOD + "\n原告 {#term-plaintiff-2}\n:   又一次。\n", 9, "defined twice"),
])
def test_a_bad_glossary_names_file_line_and_fix(name, text, line, words):
    with pytest.raises(ContentError) as exc:
        parse_terms(text)
    assert f"docs/guide/glossary.md:{line}" in str(exc.value) and words in str(exc.value)
    assert "fix" in str(exc.value)


def test_the_real_glossary_parses_with_the_words_issue_17_asks_for():
    terms = parse_terms((ROOT / "docs/guide/glossary.md").read_text(encoding="utf-8"))
    for word in "原告 被告 第三人 管辖 送达 电子送达 公告送达 传票 答辩 举证 开庭 缺席判决 判决 裁定 调解 支付令 上诉 执行 "\
                "执行和解 失信 限制高消费 诉讼时效 抗辩".split():
        assert word in terms, word


def test_built_pages_link_their_first_glossary_word_and_the_glossary_does_not(site):
    lawsuit = (site / "guide/lawsuit/index.html").read_text(encoding="utf-8")
    body = lawsuit[lawsuit.index('<article'):]
    assert len(re.findall(r'class="glossary-term" href="../glossary/#term-service-by-notice"', body)) <= 1
    assert body.count('href="../glossary/#term-plaintiff"') == 1
    assert body.count('href="../glossary/#term-payment-order"') == 1
    gloss = (site / "guide/glossary/index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' not in gloss
    case = next((site / "cases").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'class="glossary-term"' in case


def test_a_glossary_term_without_an_anchor_fails_the_build_naming_file_and_line(tmp_path):
    """The build's first step (sitegen.content.load, in on_config) reads the glossary with every other content file."""
    from sitegen import content
    from support import copy_project
    project = copy_project(tmp_path / "project")
    path = project / "docs/guide/glossary.md"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("原告 {#term-plaintiff}")].count("\n") + 1
    path.write_text(text.replace("原告 {#term-plaintiff}", "原告", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        content.load(content.Paths.of(project))
    out = str(exc.value)
    assert f"docs/guide/glossary.md:{line}" in out and "'原告' has no term-* anchor" in out and "{#term-" in out, out
