"""Link the first occurrence of each glossary term on a guide or case page to its entry in the glossary.

The terms come from docs/guide/glossary.md itself, read and checked with the other content (sitegen/content/glossary.py).

`link_terms` is pure (HTML in, HTML out): text inside headings, links, code and controls is never linked, a longer term
wins over a shorter one inside it (公告送达, not 送达), and each term is linked once per page, at its first occurrence.
"""
import html
import re

from sitegen.content.glossary import GLOSSARY

PAGES = ("guide/", "cases/")  # pages whose words are linked (the glossary page itself is not)
# Longer words that contain a term without being it (线上诉讼 is 线上 + 诉讼, not 上诉): matched first, never linked.
NOT_TERMS = ("线上诉讼", "网上诉讼", "公开庭")

# Text inside these is never linked: headings are titles, links can't nest, code is verbatim, controls are one target.
_RAW = "script|style|textarea|title|template"  # raw text: their contents are not markup at all
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "code", "kbd", "pre", "samp", "select", "option", "summary",
         "label", "svg", "math", "head", "dt", *_RAW.split("|")}
_TAG = r"""</?([A-Za-z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>"""
_TOKEN = re.compile(rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<({_RAW})\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>|{_TAG}|<![^>]*>",
                    re.S | re.I)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def link_terms(markup: str, urls: dict[str, str], not_terms=NOT_TERMS) -> str:
    """Link the first occurrence of each term (term → URL) in the text of an HTML fragment, longest term first."""
    if not urls:
        return markup
    words = {*urls, *(w for w in not_terms if w not in urls)}
    pattern = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    done: set[str] = set()  # URLs already linked on this page (a term and its alias share one)

    def link(text: str) -> str:
        def one(m: re.Match) -> str:
            url = urls.get(m.group(0))
            if url is None or url in done:
                return m.group(0)
            done.add(url)
            return f'<a class="glossary-term" href="{html.escape(url)}">{m.group(0)}</a>'
        return pattern.sub(one, text)

    open_skips: dict[str, int] = {}
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(markup):
        text = markup[pos:m.start()]
        out += [text if any(open_skips.values()) else link(text), m.group(0)]
        tag = m.group(0)
        name = (m.group(2) or "").lower()
        skip = name in _SKIP or (not tag.startswith("</") and "admonition-title" in tag)
        if name and name not in _VOID and not tag.endswith("/>"):
            if tag.startswith("</"):
                if open_skips.get(name):
                    open_skips[name] -= 1  # a stray closing tag must not go negative
            elif skip:
                open_skips[name] = open_skips.get(name, 0) + 1
            elif open_skips.get(name):
                open_skips[name] += 1  # the same tag nested inside a skipped one (a <p> in an admonition title's <p>)
        pos = m.end()
    tail = markup[pos:]
    out.append(tail if any(open_skips.values()) else link(tail))
    return "".join(out)


def urls_for(page_file, files, terms: dict[str, str]) -> dict[str, str]:
    """Term → URL relative to this page, or {} for pages whose words are not linked (and the glossary itself)."""
    uri = page_file.src_uri
    if uri == GLOSSARY or not uri.startswith(PAGES):
        return {}
    target = files.get_file_from_path(GLOSSARY)
    if target is None:
        return {}
    base = target.url_relative_to(page_file)
    return {term: f"{base}#{anchor}" for term, anchor in terms.items()}
