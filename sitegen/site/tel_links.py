"""Turn hotline numbers in rendered HTML text into tap-to-call links, leaving markup and code alone.

A small tokenizer rather than an HTML parser: the page must come back byte for byte except for the new links.
"""
import html
import re
from collections import Counter
from collections.abc import Iterable

# Text inside these is never linked: links can't nest, code is quoted verbatim, controls must stay one target.
_RAW = "script|style|textarea|title"  # raw text: their contents are not markup at all
_SKIP = {"a", "button", "code", "kbd", "pre", "samp", "select", "option", "summary", "svg", "math", "head",
         *_RAW.split("|")}  # the raw ones again, in case a closing tag is missing
_TAG = r"""</?([A-Za-z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>"""
_TOKEN = re.compile(rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<({_RAW})\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>|{_TAG}|<![^>]*>",
                    re.S | re.I)
# A whole number only: not part of a longer number, a domain, an entity (&#110;), 010-12321, 第 110 条, ¥120, 120 元.
_BEFORE = r"(?<![\w.+\-¥$:#&])(?<!第)(?<!第 )"
_AFTER = r"(?![\w\-]|\.\w|\s?(?:元|块|条|款|项|号|天|日|年|月|%|％|个|次|万|千|岁|分|页|小时|公里|米))"


def _number_pattern(numbers: Iterable[str]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    # \w is ASCII here, so Chinese text right before or after a number (拨打110。) still counts as a boundary.
    return re.compile(rf"{_BEFORE}({alternatives}){_AFTER}", re.A)


def tel_link(number: str) -> str:
    n = html.escape(number)
    return f'<a href="tel:{n}" class="tel">{n}</a>'


def _link(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda m: tel_link(m.group(1)), text)


def link_text(text: str, numbers: Iterable[str]) -> str:
    """Link the numbers in one run of text that is already HTML-escaped (no tags in it)."""
    numbers = tuple(numbers)
    return _link(_number_pattern(numbers), text) if numbers else text


def link_html(markup: str, numbers: Iterable[str]) -> str:
    """Link the numbers in the text of an HTML fragment, skipping tags, attributes, comments, links and code.

    <template> contents are ordinary markup here, so pre-rendered quiz states get links too."""
    numbers = tuple(numbers)
    if not numbers:
        return markup
    pattern = _number_pattern(numbers)
    open_skips: Counter[str] = Counter()
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(markup):
        text = markup[pos:m.start()]
        out += [text if +open_skips else _link(pattern, text), m.group(0)]
        name = (m.group(2) or "").lower()
        if name in _SKIP and not m.group(0).endswith("/>"):
            if m.group(0).startswith("</"):
                open_skips[name] = max(0, open_skips[name] - 1)  # a stray closing tag must not go negative
            else:
                open_skips[name] += 1
        pos = m.end()
    tail = markup[pos:]
    out.append(tail if +open_skips else _link(pattern, tail))
    return "".join(out)
