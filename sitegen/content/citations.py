"""The {{law <statute-id> <article>}} shortcode: find, validate, index and render citations."""
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .statutes import Statute

SHORTCODE = re.compile(r"\{\{\s*law\s+([^\s}]+)\s+([^\s}]+)\s*\}\}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*$")


@dataclass(frozen=True)
class Citation:
    statute: str
    key: str
    page: str      # src_uri of the citing page, e.g. guide/complaints.md
    anchor: str    # the section's anchor ('' = top of page)
    section: str   # the section's heading text
    title: str = ""  # the citing page's title (its first # heading)


def anchor_id(key: str) -> str:
    return f"a{key}"


def statute_uri(statute_id: str) -> str:
    return f"statutes/{statute_id}.md"


def scan(src_uri: str, markdown: str, statutes: dict[str, Statute], where: str, first_line: int = 1,
         title: str = "") -> list[Citation]:
    """Every citation in a page (or a data field starting at `first_line` of file `where`), each checked
    against the data; raises ContentError on the first bad one."""
    found, anchor, section, in_fence = [], "", title, False
    for n, line in enumerate(markdown.splitlines(), first_line):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        m = None if in_fence else _HEADING.match(line)
        if m:
            section, anchor = m.group(2), (m.group(3) or "")
            title = title or (section if m.group(1) == "#" else "")
        for sm in SHORTCODE.finditer(line):
            sid, key = sm.groups()
            here = f"{where}:{n}"
            if sid not in statutes:
                raise ContentError(here, f"cites unknown statute '{sid}' in {sm.group(0)}",
                                   f"use one of: {', '.join(sorted(statutes))} (files in data/statutes/), or add data/statutes/{sid}.yaml")
            if key not in statutes[sid].articles:
                have = ", ".join(statutes[sid].articles)
                raise ContentError(here, f"cites {statutes[sid].short_name} article '{key}', which is not in {statutes[sid].path}",
                                   f"fix the number (available: {have}) or add the article, with its exact text and source, to {statutes[sid].path}")
            found.append(Citation(sid, key, src_uri, anchor, section, title))
    return found


def render(src_uri: str, markdown: str, statutes: dict[str, Statute]) -> str:
    """Replace shortcodes with Markdown links to the statute page's article anchor."""
    def link(m: re.Match) -> str:
        statute = statutes[m.group(1)]
        article = statute.articles[m.group(2)]
        target = posixpath.relpath(statute_uri(statute.id), posixpath.dirname(src_uri) or ".")
        label = f"《{statute.short_name}》{article.number if article.key != 'full' else ''}"
        return f"[{label}]({target}#{anchor_id(article.key)}){{.law-cite}}"
    return SHORTCODE.sub(link, markdown)


def scan_docs(docs_dir: Path, statutes: dict[str, Statute]) -> list[Citation]:
    cites = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        cites += scan(uri, path.read_text(encoding="utf-8"), statutes, f"docs/{uri}")
    return cites


def plain_citations(text: str, statutes: dict[str, Statute], full_name: bool) -> str:
    """{{law civil-code 1033}} → 《中华人民共和国民法典》第一千零三十三条 in letters (`full_name`), or
    《民法典》第一千零三十三条 in tool texts. Citations must have been checked (citations.scan) first."""
    def plain(m: re.Match) -> str:
        s = statutes[m.group(1)]
        article = s.articles[m.group(2)]
        return f"《{s.data['name'] if full_name else s.short_name}》{article.number if article.key != 'full' else ''}"
    return SHORTCODE.sub(plain, text)


def checked(text: str, statutes: dict[str, Statute], path: Path, node, key: str, full_name: bool) -> str:
    """The text as published, after checking each citation in the YAML value (errors name its line)."""
    raw = node.get(key) if isinstance(node, dict) and isinstance(node.get(key), str) else text
    scan("", raw, statutes, str(path), node.line_of(key))
    return plain_citations(text, statutes, full_name)
