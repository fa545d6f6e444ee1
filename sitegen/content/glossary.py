"""The glossary's terms, read from docs/guide/glossary.md itself so authors edit one place (sitegen/site/glossary.py
links them on pages). Every definition-list term there is written `词 {#term-english-slug}` and its definition
starts on the next line with `:   `. A term written `词（别称）` is found under both names. A term without an anchor,
an anchor used twice or a term defined twice is a ContentError naming file:line."""
import re

from .errors import ContentError

GLOSSARY = "guide/glossary.md"

_TERM = re.compile(r"^(?P<term>[^\s:!#>|-][^{]*?)\s*(?:\{#(?P<anchor>[^}\s]+)\})?\s*$")
_ANCHOR = re.compile(r"term-[a-z0-9]+(?:-[a-z0-9]+)*")
_ALIAS = re.compile(r"^(?P<main>[^（(]+)[（(](?P<alias>[^）)]+)[）)]$")


def parse_terms(text: str, where: str = "docs/" + GLOSSARY) -> dict[str, str]:
    """Term → anchor for every definition-list term of the glossary's Markdown (aliases in （…） included)."""
    lines = text.splitlines()
    terms: dict[str, str] = {}
    seen_anchors: dict[str, int] = {}
    fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or not line.strip() or line[0] in " \t":
            continue
        nxt = next((ln for ln in lines[i + 1:] if ln.strip()), "")
        if not nxt.startswith(":"):
            continue  # not a definition-list term
        m = _TERM.match(line)
        term, anchor = (m.group("term"), m.group("anchor")) if m else (line.strip(), None)
        at = f"{where}:{i + 1}"
        if not anchor or not _ANCHOR.fullmatch(anchor):
            raise ContentError(at, f"glossary term '{term}' has no term-* anchor" if not anchor
                               else f"glossary term '{term}' has anchor '{anchor}', not term-<english-slug>",
                               f"write the term as '{term} {{#term-english-slug}}' (lowercase letters, digits, -), "
                               "so pages can link to it")
        if anchor in seen_anchors:
            raise ContentError(at, f"anchor '{anchor}' is used twice (also line {seen_anchors[anchor]})",
                               "give each glossary term its own term-* anchor")
        seen_anchors[anchor] = i + 1
        alias = _ALIAS.match(term)
        for name in (alias.group("main").strip(), alias.group("alias").strip()) if alias else (term,):
            if name in terms:
                raise ContentError(at, f"glossary term '{name}' is defined twice", "keep one entry per term")
            terms[name] = anchor
    if not terms:
        raise ContentError(f"{where}:1", "the glossary has no terms",
                           "write each term as '词 {#term-slug}' with its definition on the next line after ':   '")
    return terms
