"""Chinese article numbers (第一千零三十二条, 第二百九十三条之一) ↔ the short keys used in citations (1032, 293-1)."""
import re

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARTICLE = re.compile(r"^第([零一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九]))?$")


def cn_to_int(cn: str) -> int:
    total, digit = 0, None
    for ch in cn:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def article_key(number: str) -> str | None:
    """'第二百九十三条之一' → '293-1'; None when the number is not of the form 第…条."""
    m = _ARTICLE.match(number)
    if not m:
        return None
    key = str(cn_to_int(m.group(1)))
    return f"{key}-{_DIGITS[m.group(2)]}" if m.group(2) else key
