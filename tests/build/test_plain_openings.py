"""Plain words before the law (issue 17): every guide section a quiz plan sends a reader to, and every section of
the pages later cards will link to, opens with what to do, in at most three short sentences, with no statute link
and no statute talk. The law follows. The list of sections comes from data/flow.yaml, not from a hand list."""
import re
from html.parser import HTMLParser

from support import ROOT

# Pages whose every section later quiz cards will link to (issue 17, "Add").
LINKED_PAGES = ("enforcement", "family-and-work", "credit-report", "court-papers", "interest-and-transfers",
                "urgent", "legal-aid")
MAX_SENTENCES = 3
MAX_CHARS = 60  # a sentence of the opening, in characters (punctuation included): a glance on a phone
# Statute talk a frightened reader should not meet first: law titles, article numbers, names of laws.
STATUTE_TALK = re.compile(r"《|第[一二三四五六七八九十百千零〇\d]+条|法律规定|依法规定|司法解释|民诉法|民事诉讼法|民法典|刑法|"
                          r"个人信息保护法|治安管理处罚法|条例|条文|法律(?!援助|问题)|{{law")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SECTION_ID = re.compile(r'<h([23]) id="([^"]+)"')


def plan_sections(flow) -> set[tuple[str, str]]:
    """(page, anchor) for every step link to a guide page, of every situation in the flow (tools are forms)."""
    out = set()
    for situation in flow.situations.values():
        for step in situation.steps:
            page, _, anchor = step.link.partition("#")
            if page.startswith("guide/"):
                out.add((page.removeprefix("guide/").removesuffix(".md"), anchor))
    return out


def page_sections(site, page: str) -> set[tuple[str, str]]:
    """(page, anchor) for every h2 and every anchored h3 of a built guide page."""
    text = (site / "guide" / page / "index.html").read_text(encoding="utf-8")
    return {(page, anchor) for _, anchor in _SECTION_ID.findall(text)}


class _Opening(HTMLParser):
    """The first block after the heading with the given id: its text (without an admonition's title), its
    sentences' ends (block ends count as ends), and every link in it."""

    def __init__(self, anchor: str):
        super().__init__(convert_charrefs=True)
        self.anchor, self.depth = anchor, 0
        self.state = "before"  # before → heading → after (looking for the block) → in → done
        self.heading_depth = self.block_depth = None
        self.block_tag = None
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.state == "before" and re.fullmatch(r"h[1-6]", tag) and a.get("id") == self.anchor:
            self.state, self.heading_depth = "heading", self.depth
        elif self.state == "after" and self.depth == self.heading_depth:
            self.state, self.block_depth, self.block_tag = "in", self.depth, tag
            self.block_class = a.get("class") or ""
        if self.state == "in":
            if tag == "a" and a.get("href"):
                self.links.append(a["href"])
            if "admonition-title" in (a.get("class") or ""):
                self._skip += 1
            elif self._skip:
                self._skip += 1
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth -= 1
        if self.state == "in":
            if self._skip:
                self._skip -= 1
            elif tag in ("p", "li", "td", "th", "dd", "dt"):
                self.text.append("\n")
            if self.depth == self.block_depth:
                self.state = "done"
        elif self.state == "heading" and self.depth == self.heading_depth:
            self.state = "after"

    def handle_data(self, data):
        if self.state == "in" and not self._skip:
            self.text.append(data)


def opening(html: str, anchor: str) -> dict | None:
    """The opening block of a section, or None when the heading is followed by another heading or nothing."""
    p = _Opening(anchor)
    p.feed(html)
    if p.state not in ("in", "done") or re.fullmatch(r"h[1-6]", p.block_tag or ""):
        return None
    text = "".join(p.text)
    sentences = [s.strip() for s in re.split(r"[。！？!?\n]+", text) if s.strip()]
    return {"tag": p.block_tag, "cls": p.block_class, "text": text.strip(), "sentences": sentences, "links": p.links}


def problems(html: str, anchor: str) -> list[str]:
    o = opening(html, anchor)
    if o is None:
        return ["has no opening: the heading is followed by another heading"]
    out = []
    if any("/statutes/" in link for link in o["links"]):
        out.append("links a statute in its opening")
    talk = STATUTE_TALK.search(o["text"])
    if talk:
        out.append(f"talks about the law in its opening ('{talk.group(0)}')")
    if len(o["sentences"]) > MAX_SENTENCES:
        out.append(f"opens with {len(o['sentences'])} sentences (at most {MAX_SENTENCES})")
    long = [s for s in o["sentences"] if len(s) > MAX_CHARS]
    if long:
        out.append(f"has an opening sentence of {len(long[0])} characters (at most {MAX_CHARS}): '{long[0][:30]}…'")
    if "admonition" in o["cls"] and any(k in o["cls"] for k in ("warning", "danger")) and "拘留" in o["text"]:
        out.append("opens with a warning box about 拘留")
    return out


def test_every_plan_linked_section_opens_with_plain_words_before_the_law(flow, site):
    sections = plan_sections(flow)
    for page in LINKED_PAGES:
        sections |= page_sections(site, page)
    assert len(sections) > 30, "the flow links fewer sections than expected: is data/flow.yaml read?"
    failures = []
    for page, anchor in sorted(sections):
        html = (site / "guide" / page / "index.html").read_text(encoding="utf-8")
        for problem in problems(html, anchor):
            failures.append(f"docs/guide/{page}.md#{anchor}: {problem}. Fix: start the section with what to do, in at "
                            f"most {MAX_SENTENCES} short sentences (≤ {MAX_CHARS} characters each), no {{{{law …}}}} "
                            f"and no talk of laws or articles; move the law and its citations to the next paragraph.")
    assert not failures, f"{len(failures)} sections open with the law, not with plain words:\n" + "\n".join(failures)


# The checker itself, on small pieces of HTML (no build needed).
_H = '<div><h2 id="s">标题</h2>{}<h2 id="t">下一节</h2></div>'


def test_a_plain_opening_passes():
    assert problems(_H.format("<p>先别慌。看清文书上的日期。</p><p>法律这样规定（"
                              '<a href="../../statutes/x/#a1">《某法》第一条</a>）。</p>'), "s") == []


def test_a_list_item_counts_as_a_sentence():
    assert problems(_H.format("<ul><li>一</li><li>二</li><li>三</li><li>四</li></ul>"), "s") == [
        f"opens with 4 sentences (at most {MAX_SENTENCES})"]


def test_a_citation_or_law_talk_in_the_opening_fails():
    cited = _H.format('<p>先别慌（<a class="law-cite" href="../../statutes/x/#a1">x</a>）。</p>')
    assert "links a statute in its opening" in problems(cited, "s")
    assert any("talks about the law" in p for p in problems(_H.format("<p>依照民事诉讼法，先别慌。</p>"), "s"))


def test_a_heading_without_an_opening_fails():
    assert problems(_H.format(""), "s") == ["has no opening: the heading is followed by another heading"]


def test_a_warning_box_about_detention_cannot_open_a_section():
    box = '<div class="admonition warning"><p class="admonition-title">注意</p><p>可以拘留。</p></div>'
    assert "opens with a warning box about 拘留" in problems(_H.format(box), "s")


def test_the_sections_come_from_the_flow(flow):
    assert ("lawsuit", "how-suits-start") in plan_sections(flow)
    assert (ROOT / "data" / "flow.yaml").is_file()
