"""The statute pages, generated from data/statutes/ (one per statute, plus the index, listed in the nav under 法条):
each rendered from its data and the citations that point at it.

This module decides what a page shows (order, back-links, secondary-source notes) and hands plain values to the
Jinja partials in overrides/components/statute/, which hold all the markup; `env` is the theme's Jinja environment.
"""
import posixpath

from jinja2 import Environment
from mkdocs.structure.files import File

from ..content.citations import Citation, anchor_id, statute_uri
from ..content.statutes import Statute, in_reading_order

UNVERIFIED_DATE = "未能核实"


def _source(src: dict) -> dict:
    # A web page quoting the text has no repository, commit or file to name.
    if "quoted_from" in src:
        return {"secondary": True}
    return {"secondary": False, "repo": src["repo"], "commit": src["commit"], "path": src["path"]}


def _backlinks(page_uri: str, cites: list[Citation]) -> list[dict]:
    """Each page section citing the article, once, linked relative to the statute page."""
    seen, links = set(), []
    for c in cites:
        if (c.page, c.anchor) in seen:
            continue
        seen.add((c.page, c.anchor))
        target = posixpath.relpath(c.page, posixpath.dirname(page_uri)) + (f"#{c.anchor}" if c.anchor else "")
        label = c.title if not c.anchor or c.section == c.title else f"{c.title} · {c.section}"
        links.append({"label": label, "target": target})
    return links


def _articles(statute: Statute, cites: list[Citation]) -> list[dict]:
    uri = statute_uri(statute.id)
    return [{"key": key, "anchor": anchor_id(key), "number": a.number, "topic": a.topic,
             "paragraphs": a.text.split("\n"), "secondary": a.secondary, "plain": a.plain,
             "backlinks": _backlinks(uri, [c for c in cites if c.statute == statute.id and c.key == key]),
             "source": _source(a.source)}
            for key, a in statute.articles.items()]


def _historical(statute: Statute) -> list[dict]:
    return [{"anchor": f"old-{i}", "version": h["version"], "number": h["number"], "topic": h["topic"],
             "status": "已被替代" if "superseded" in h["status"] else h["status"],
             "paragraphs": h["text"].strip().split("\n"), "plain": h.get("plain"), "source": _source(h["source"])}
            for i, h in enumerate(statute.historical, 1)]


def render(statute: Statute, cites: list[Citation], env: Environment) -> str:
    d = statute.data
    meta = {"status": d["status"], "status_label": statute.status_label, "effective": d.get("effective") or UNVERIFIED_DATE,
            "version": d["version"], "issuer": d["issuer"], "last_verified": d["last_verified"]}
    repealed = d["repealed"] if d["status"] == "repealed" else None
    sources = [{"repo": s["repo"], "commit": s["commit"], "role": s.get("role")} for s in d["sources"]]
    return env.get_template("components/statute/page.html").render(
        statute=statute.id, title=d["short_name"], name=d["name"], meta=meta, effective_note=d.get("effective_note"),
        repealed=repealed, summary=d["summary"].strip(), articles=_articles(statute, cites),
        historical=_historical(statute), verified_how=d["verified_how"].strip(), sources=sources)


def render_index(statutes: dict[str, Statute], env: Environment) -> str:
    rows = [{"id": s.id, "name": s.data["name"], "status_label": s.status_label,
             "effective": s.data.get("effective") or UNVERIFIED_DATE, "last_verified": s.data["last_verified"]}
            for s in in_reading_order(statutes)]
    return env.get_template("components/statute/index.html").render(rows=rows)


def pages(config, statutes: dict[str, Statute], cites: list[Citation], env: Environment) -> list[File]:
    """The generated pages: statutes/index.md and statutes/<id>.md."""
    out = [File.generated(config, "statutes/index.md", content=render_index(statutes, env))]
    out += [File.generated(config, statute_uri(s.id), content=render(s, cites, env)) for s in statutes.values()]
    return out


def extend_nav(config, statutes: dict[str, Statute]) -> None:
    """List every statute page under the 法条 section, so adding a data file is all it takes."""
    for entry in config["nav"] or []:
        if isinstance(entry, dict) and "法条" in entry:
            section = entry["法条"]
            listed = [{s.data["short_name"]: statute_uri(s.id)} for s in in_reading_order(statutes)]
            entry["法条"] = section[:1] + listed + section[1:]
