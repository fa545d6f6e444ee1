"""Legal accuracy of the published site, read as built HTML: no superseded article presented as current, every
effective date shown equals the statute data, no sentence says the limitation period restarts without saying
"inside the period", and no internal working word reaches a reader."""
import html
import re
from dataclasses import dataclass

import pytest

from support import pages_of

# Words from the project's working notes that mean nothing to a reader (or reveal unchecked facts).
INTERNAL_WORDS = ("种子", "UNVERIFIED", "TODO", "shared/law", "seed article", "BRIEF")
# A section that mentions an old article number must say, somewhere in that section, that it is old.
OLD_MARKERS = ("旧", "已废止", "废止", "过时", "改为", "现为", "现在看", "版本", "年文本", "已被替代", "不再")
# Old numbers the data has no historical text for, or that now carry another subject: old when the subject is named.
OLD_NUMBERS_BY_SUBJECT = {("civil-procedure-law", "第一百一十九条"): "起诉",   # 2017 起诉条件, now 第一百二十二条
                          ("civil-procedure-law", "第二百二十三条"): "支付令",  # 2021 text, now 第二百二十七条
                          ("civil-procedure-law", "第二百二十四条"): "支付令"}  # 2021 text, now 第二百二十八条
# Phrases between a law's name and "…起施行" that mean the date belongs to an amendment or an old text.
NOT_THE_LAW_ITSELF = ("修正", "修订", "修改", "增设", "旧", "文本", "废止")

# 民法典 195 interrupts a limitation period only while it runs: after it has ended a demand changes nothing, and
# the reader's own promise may give up the defence (192). So a clause (up to 。！？； or a block's end) naming
# 时效 (or a demand, 催) and its restart must say 期间内; a clause saying it does NOT restart (不会…重新) is fine.
_RESTART = re.compile(r"重新(计算|起算|开始|算)")
_NEGATED_RESTART = re.compile(r"不(会|再)[^，。；]{0,8}重新")
_BLOCK_TAG = re.compile(r"</?(p|li|h[1-6]|div|td|th|dt|dd|br|blockquote|ol|ul|pre|summary|details|tr|table|template)\b[^>]*>")

_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
_HEADING = re.compile(r"<h[1-4][^>]*>", re.S)
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"


@dataclass(frozen=True)
class OldCitation:
    statute: str
    names: tuple[str, ...]
    number: str
    subject: str = ""


def visible_text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def sections(page_html: str) -> list[str]:
    """The page's main content, cut at every heading (h1–h4), each as plain text."""
    m = _ARTICLE.search(page_html)
    body = m.group(1) if m else page_html
    body = body.split('id="historical"')[0]  # statute pages: the labelled old-text section is old by definition
    return [visible_text(part) for part in _HEADING.split(body)]


def old_citations(statutes) -> list[OldCitation]:
    """Article numbers a reader must never be told are current: every number of a repealed law, and every
    historical number that no current article of the same law carries (or carries with another subject)."""
    found = []
    for s in statutes.values():
        names = (s.data["name"], s.short_name, s.short_name.removeprefix("中华人民共和国"))
        current = {a.number for a in s.articles.values()}
        numbers = [a.number for a in s.articles.values()] if s.data["status"] == "repealed" else []
        numbers += [h["number"] for h in s.historical if h["number"] not in current]
        found += [OldCitation(s.id, names, n) for n in numbers]
        found += [OldCitation(s.id, names, number, subject)
                  for (sid, number), subject in OLD_NUMBERS_BY_SUBJECT.items() if sid == s.id]
    return found


def unmarked_old_citations(page_html: str, olds: list[OldCitation]) -> list[str]:
    problems = []
    for text in sections(page_html):
        compact = re.sub(r"\s+", "", text)
        for old in olds:
            named = any(f"{name}》{old.number}" in compact or f"{name}{old.number}" in compact for name in old.names)
            if named and old.subject in compact and not any(m in compact for m in OLD_MARKERS):
                problems.append(f"{old.names[1]}{old.number}{'（' + old.subject + '）' if old.subject else ''} "
                                f"is presented as current in: {compact[:80]}…")
    return problems


def wrong_effective_dates(page_html: str, statutes) -> list[str]:
    """Sentences of the form 《法》…自YYYY年M月D日起施行 whose date differs from the statute data."""
    problems, text = [], re.sub(r"\s+", "", "".join(sections(page_html)))
    for s in statutes.values():
        for name in {s.data["name"], s.short_name}:
            pattern = re.escape(name) + r"》?(?!修正案)([^。；]{0,40}?)" + _DATE.replace(r"\s*", "") + "起施行"
            for m in re.finditer(pattern, text):
                if any(w in m.group(1) for w in NOT_THE_LAW_ITSELF):
                    continue
                shown = f"{m.group(2)}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"
                if shown != s.data.get("effective"):
                    problems.append(f"{name}: page says {shown}, data says {s.data.get('effective')}: {m.group(0)}")
    return problems


def restarts_without_inside(text: str) -> list[str]:
    """Clauses of a built page (HTML) or engine text file (JSON) that say 时效 restarts without 期间内. The
    statutes' verbatim texts (blockquote.law-text) are the law itself and are left out."""
    text = re.sub(r'<blockquote class="law-text".*?</blockquote>', "\n", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", "\n", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", _BLOCK_TAG.sub("\n", text)))
    return [c.strip() for c in re.split(r'[。！？；\n"]', text)
            if ("时效" in c or "催" in c) and _RESTART.search(c) and "期间内" not in c and not _NEGATED_RESTART.search(c)]


def read(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


# The checkers themselves, on small pieces of HTML, so a passing site run means something.
@pytest.mark.parametrize("snippet, flagged", [
    ("<article><h2>报警</h2><p>依据《治安管理处罚法》第四十二条，可以报警。</p></article>", True),
    ("<article><h2>旧条号</h2><p>旧的《治安管理处罚法》第四十二条现为第五十条。</p></article>", False),
    ("<article><h2>起诉</h2><p>起诉条件见《民事诉讼法》第一百一十九条。</p></article>", True),
    ("<article><h2>拘传</h2><p>《民事诉讼法》第一百一十九条讲拘传、罚款。</p></article>", False),
    ("<article><h2>违约</h2><p>依照《合同法》第一百零七条承担违约责任。</p></article>", True),
    ("<article><h2>支付令</h2><p>支付令异议见《民事诉讼法》第二百二十四条。</p></article>", True),
])
def test_old_citation_checker(statutes, snippet, flagged):
    assert bool(unmarked_old_citations(snippet, old_citations(statutes))) is flagged


@pytest.mark.parametrize("snippet, flagged", [
    ("<article><p>《中华人民共和国刑法》自2021年3月1日起施行。</p></article>", True),
    ("<article><p>刑法自1997年10月1日起施行。</p></article>", False),
    ("<article><p>刑法修正案（十一）自2021年3月1日起施行。</p></article>", False),
    ("<article><p>民事诉讼法2021年修改后，2022年1月1日起施行。</p></article>", False),
])
def test_effective_date_checker(statutes, snippet, flagged):
    assert bool(wrong_effective_dates(snippet, statutes)) is flagged


def test_no_page_presents_a_superseded_article_as_current(site, statutes):
    olds = old_citations(statutes)
    assert any(o.statute == "public-security-administration-punishments-law" for o in olds)
    problems = {path: p for path in pages_of(site) if path != "statutes/old-citations/"
                for p in [unmarked_old_citations(read(site, path), olds)] if p}
    assert not problems, "say the number is old (旧/已废止/现为…) in that section, or cite the current article:\n" + "\n".join(
        f"{path}: {msg}" for path, msgs in problems.items() for msg in msgs)


def test_old_citations_page_marks_every_old_number_it_names(site, statutes):
    # The page is all about old numbers; each of its sections must still say so.
    assert not unmarked_old_citations(read(site, "statutes/old-citations/"), old_citations(statutes))


def test_every_effective_date_shown_equals_the_data(site, statutes):
    index = read(site, "statutes/")
    for s in statutes.values():
        shown = s.data.get("effective") or "未能核实"
        page = read(site, f"statutes/{s.id}/")
        assert f"施行日期</dt><dd>{shown}</dd>" in page, f"statutes/{s.id}: effective date is not {shown}"
        row = re.search(rf'<td><a href="{s.id}/">[^<]*</a></td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>', index)
        assert row and row.group(1) == shown, f"statutes index: {s.id} row shows {row and row.group(1)}, data says {shown}"
    problems = [f"{path}: {p}" for path in pages_of(site) for p in wrong_effective_dates(read(site, path), statutes)]
    assert not problems, "\n".join(problems)


def test_criminal_law_shows_the_1997_revision_date(site):
    # The 修正案（十一） date (2021-03-01) was once shown as the effective date of the whole 刑法.
    page = read(site, "statutes/criminal-law/")
    assert "施行日期</dt><dd>1997-10-01</dd>" in page and "2021年3月1日" in page


@pytest.mark.parametrize("snippet, flagged", [
    ("<p>每次催款，时效都会重新计算。</p>", True),
    ("<p>规则：一般三年，每次催款、还款或答应还款都重新计算。</p>", True),
    ("<li>对方向你要钱，时效都会<strong>中断</strong>，从那时起重新计算</li>", True),
    ('{"reminder": "你每还一次钱，时效都会重新计算（《民法典》第一百九十五条）"}', True),
    ("<p>在时效期间内，每次催款，时效都会中断、重新计算；届满以后再催款，不会让时效重新开始。</p>", False),
    ("<p>时效届满以后，贷款方再催款，不会让时效重新开始。</p>", False),
    ("<p>届满以后不会重新计算；每次催款，时效都重新计算。</p>", True),
    ('<blockquote class="law-text"><p>诉讼时效中断，从中断、有关程序终结时起，诉讼时效期间重新计算：</p></blockquote>', False),
])
def test_limitation_restart_checker(snippet, flagged):
    assert bool(restarts_without_inside(snippet)) is flagged


def test_no_page_says_the_limitation_period_restarts_outside_the_period(site):
    files = ([f for f in site.rglob("*.html")] + list(site.glob("engine/texts.*.json")) + list(site.glob("assets/*.js"))
             + list(site.glob("components/*/*.js")))  # the components' scripts
    problems = [f"{f.relative_to(site)}: {c}" for f in files for c in restarts_without_inside(f.read_text(encoding="utf-8"))]
    assert not problems, ("a demand or payment restarts the limitation period only inside it (民法典 195): write "
                          "「在时效期间内」 in the sentence, and what a promise after expiry does (192); data/limitation.yaml "
                          "`rule` is the sentence to reuse:\n" + "\n".join(problems))


def test_no_internal_word_reaches_a_reader(site):
    files = [p for p in site.rglob("*.html")] + list(site.rglob("search_index.json"))
    problems = []
    for f in files:
        raw = f.read_text(encoding="utf-8")
        text = raw if f.suffix == ".json" else visible_text(raw)
        problems += [f"{f.relative_to(site)}: 「{w}」" for w in INTERNAL_WORDS if w in text]
    assert not problems, "reword these for readers (internal working words):\n" + "\n".join(problems)
