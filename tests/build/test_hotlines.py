"""Hotline numbers become tap-to-call links only where a reader would tap them; the hotline data is checked."""
import pytest

from sitegen.content import hotlines
from sitegen.content.errors import ContentError
from sitegen.site.tel_links import link_html, link_text
from support import ROOT

NUMBERS = ("110", "120", "12356", "12378", "12321", "12368", "96110", "12348", "12377")


def tel(n: str) -> str:
    return f'<a href="tel:{n}" class="tel">{n}</a>'


LINKED = [
    ("plain text", "<p>拨打 12356 心理援助热线</p>", f"<p>拨打 {tel('12356')} 心理援助热线</p>"),
    ("Chinese right before and after", "<p>请拨打110。</p>", f"<p>请拨打{tel('110')}。</p>"),
    ("two in one sentence", "<p>110 或 120</p>", f"<p>{tel('110')} 或 {tel('120')}</p>"),
    ("inside a <template>, like the quiz's pre-rendered states",
     "<template><li>打 96110 咨询</li></template>", f"<template><li>打 {tel('96110')} 咨询</li></template>"),
    ("heading text, but not its permalink anchor",
     '<h2 id="nfra-12378">12378 热线<a class="headerlink" href="#nfra-12378" title="本节链接">¶</a></h2>',
     f'<h2 id="nfra-12378">{tel("12378")} 热线<a class="headerlink" href="#nfra-12378" title="本节链接">¶</a></h2>'),
    ("after a closed link", '<a href="x">110</a> 和 110', f'<a href="x">110</a> 和 {tel("110")}'),
    ("bold", "<strong>12348</strong>", f"<strong>{tel('12348')}</strong>"),
]

UNCHANGED = [
    ("already a link", '<a href="complaints/#report-12321">12321</a>'),
    ("a link with markup inside", '<a href="#x"><strong>110</strong> 报警</a>'),
    ("code", "<code>110</code>"),
    ("preformatted", "<pre><span>12356</span></pre>"),
    ("attributes", '<p title="拨打 110" data-n="12356">文字</p>'),
    ("script", '<script>var n = "12356"; if (a < 110) {}</script>'),
    ("style", "<style>.x{width:110px}</style>"),
    ("textarea", "<textarea>12378</textarea>"),
    ("button", "<button>拨打 110</button>"),
    ("comment", "<!-- 110 -->"),
    ("part of a longer number", "<p>1100、21100、12356789、0110</p>"),
    ("an area code in front", "<p>010-12321</p>"),
    ("a domain", "<p>www.12321.cn</p>"),
    ("an article number", "<p>第110条、第 120 条、第一百一十条</p>"),
    ("an amount or a count", "<p>120元、110 天、120%、¥110</p>"),
    ("a character reference", "<p>&#110;</p>"),
    ("a number not in the list", "<p>12345</p>"),
]


@pytest.mark.parametrize("name,before,after", LINKED, ids=[c[0] for c in LINKED])
def test_numbers_in_text_become_tel_links(name, before, after):
    assert link_html(before, NUMBERS) == after


@pytest.mark.parametrize("name,markup", UNCHANGED, ids=[c[0] for c in UNCHANGED])
def test_numbers_outside_readable_text_stay_as_they_are(name, markup):
    assert link_html(markup, NUMBERS) == markup


def test_text_after_skipped_elements_is_linked_again():
    markup = "<code>110</code><p>110</p><pre>120</pre>120</button>120"
    assert link_html(markup, NUMBERS) == f"<code>110</code><p>{tel('110')}</p><pre>120</pre>{tel('120')}</button>{tel('120')}"


def test_nothing_else_in_the_page_changes():
    page = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")  # markup without any listed number
    assert link_html(page, NUMBERS) == page
    assert link_html("<p>12356</p>", ()) == "<p>12356</p>"


def test_link_text_links_escaped_footer_text():
    assert link_text("拨打 12356；危险时打 110 或 120。", NUMBERS) == \
        f"拨打 {tel('12356')}；危险时打 {tel('110')} 或 {tel('120')}。"


# --- data/hotlines.yaml -------------------------------------------------------------------------------------

def test_the_real_data_lists_every_number_the_site_mentions_with_sources():
    data = hotlines.load(ROOT / "data" / "hotlines.yaml")
    assert set(data.numbers) == set(NUMBERS)
    assert "12356" in data.crisis_line and "110" in data.crisis_line and "120" in data.crisis_line
    crisis = data.by_number["12356"]
    assert crisis.attribution == "据公开报道", "12356 rests on press reports only"
    assert "因城市而异" in crisis.hours
    assert all(h.sources for h in data.by_number.values())


GOOD = """\
crisis_line: 撑不住时，拨打 12356。
hotlines:
  - number: "12356"
    name: 心理援助热线
    purpose: 倾诉
    sources:
      - title: 报道
        publisher: 新华社
        date: "2024-12-25"
        kind: press
"""

BROKEN = [
    ("missing name", "    name: 心理援助热线\n", "", ":3", "hotline 12356: missing required field 'name'"),
    ("unquoted number that is not digits", 'number: "12356"', "number: 12356a", ":3", "digits only"),
    ("source without a date", '        date: "2024-12-25"\n', "", ":7", "missing 'date'"),
    ("bad date", '"2024-12-25"', '"25.12.2024"', ":7", "not YYYY-MM-DD"),
    ("unknown source kind", "kind: press", "kind: blog", ":7", "unknown source kind 'blog'"),
    ("unverified text", "purpose: 倾诉", "purpose: UNVERIFIED 倾诉", ":3", "UNVERIFIED"),
    ("crisis line without 12356", "拨打 12356。", "拨打热线。", ":1", "crisis_line must name 12356"),
]


@pytest.mark.parametrize("name,old,new,line,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_bad_hotline_data_names_file_line_and_fix(tmp_path, name, old, new, line, words):
    path = tmp_path / "hotlines.yaml"
    assert old in GOOD
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        hotlines.load(path)
    assert err.value.where == f"{path}{line}" and words in err.value.what and err.value.fix, str(err.value)


def test_good_data_loads_and_press_sources_read_as_press(tmp_path):
    path = tmp_path / "hotlines.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert hotlines.load(path).by_number["12356"].attribution == "据公开报道"


def test_a_number_listed_twice_is_refused(tmp_path):
    path = tmp_path / "hotlines.yaml"
    entry = GOOD[GOOD.index("  - number"):]
    path.write_text(GOOD + entry, encoding="utf-8")
    with pytest.raises(ContentError, match="appears twice"):
        hotlines.load(path)
