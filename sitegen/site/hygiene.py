"""Site-wide page hygiene on the finished pages: lang="zh-CN", a per-page Content-Security-Policy with the hash of
each inline script, noindex on unlisted pages, robots.txt, and a sitemap without the static quiz.
sitegen/hooks.py runs it last on every page, so it sees the final HTML."""
import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

# Pages search engines should not list: the static quiz is one page whose #fragments are answer states; the
# offline page is what the service worker shows without a network, not something to search for.
UNLISTED = ("quiz/static/", "offline/")
NOT_FOUND = "404.html"  # noindex too, but not in robots.txt (its address is any missing page)

# The theme derives lang from theme.language ("zh"); readers' screen readers need the region too.
_HTML_LANG = re.compile(r'<html lang="zh"')
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)
# An executable inline script: no src, and no type or a JavaScript type (JSON config blocks never run).
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*["']?([^"'\s>]*)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Everything the site loads comes from its own origin; Pyodide compiles WebAssembly.
_POLICY = ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'{hashes}", "style-src 'self' 'unsafe-inline'",
           "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "worker-src 'self'",
           "object-src 'none'", "base-uri 'self'", "form-action 'self'")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, exactly as it is in the page."""
    def runs(attrs: str) -> bool:
        kind = _TYPE.search(attrs)
        return "src=" not in attrs and (not kind or kind[1].lower() in _JS_TYPES)
    return [m["body"] for m in _SCRIPT.finditer(html) if runs(m["attrs"])]


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def csp(html: str) -> str:
    hashes = "".join(" " + h for h in sorted({script_hash(s) for s in inline_scripts(html)}))
    return "; ".join(_POLICY).format(hashes=hashes)


def finish(html: str, url: str) -> str:
    html = _HTML_LANG.sub('<html lang="zh-CN"', html, count=1)
    if url.startswith(UNLISTED) or url == NOT_FOUND:
        html = _CHARSET.sub('\\g<0>\n    <meta name="robots" content="noindex">', html, count=1)
    # The policy goes first in <head>: a meta CSP only governs what comes after it.
    policy = f'<meta http-equiv="Content-Security-Policy" content="{csp(html)}">'
    return _CHARSET.sub(lambda m: m[0] + "\n    " + policy, html, count=1)


def post_template(output: str, template_name: str) -> str:
    """The theme's own templates: 404.html gets the same hygiene as a page; the sitemap leaves out unlisted pages."""
    if template_name == "404.html":
        return finish(output, NOT_FOUND)
    if template_name == "sitemap.xml":
        return _unlisted_out_of_sitemap(output)
    return output


def _unlisted_out_of_sitemap(xml: str) -> str:
    entries = re.findall(r"\s*<url>.*?</url>", xml, re.S)
    for entry in entries:
        loc = re.search(r"<loc>(.*?)</loc>", entry, re.S)[1].strip()
        if any(loc.endswith("/" + u) for u in UNLISTED):
            xml = xml.replace(entry, "")
    return xml


def robots_txt(site_url: str) -> str:
    base = urlsplit(site_url).path or "/"
    lines = ["User-agent: *"] + [f"Disallow: {base}{u}" for u in UNLISTED]
    return "\n".join(lines + ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml", ""])


def write_robots(site_dir: Path, site_url: str) -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
