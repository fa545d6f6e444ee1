"""Markdown tables wrapped in a focusable, named region, so a keyboard can scroll them on a phone."""
import html as htmllib
import re

_TABLE = re.compile(r"<table>.*?</table>", re.S)
_TH = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")


def scrollable(html: str) -> str:
    """Wrap each Markdown table in a focusable region, so a keyboard can scroll it on a phone. The region is
    named by the table's column headings (landmark names must differ, so a repeated name gets a number)."""
    seen: dict[str, int] = {}

    def wrap(m: re.Match) -> str:
        heads = [htmllib.unescape(_TAG.sub("", h)).strip() for h in _TH.findall(m[0])]
        name = "表格：" + "、".join(h for h in heads[:4] if h) if any(heads) else "表格"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += f"（{seen[name]}）"
        return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{htmllib.escape(name)}">'
                f"{m[0]}</div>")
    return _TABLE.sub(wrap, html)
