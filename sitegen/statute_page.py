"""Render one statute's page (Markdown + small HTML blocks) from its data and the citations that point at it."""
import html
import posixpath

from .citations import Citation, anchor_id, statute_uri
from .statutes import Statute, in_reading_order


def _quote(text: str, statute_id: str, key: str) -> str:
    # One <p> per paragraph; tests read these back and compare them with the data, character for character.
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n"))
    return f'<blockquote class="law-text" data-statute="{statute_id}" data-article="{key}" lang="zh-CN">{paras}</blockquote>'


def _source(src: dict) -> str:
    if "quoted_from" in src:
        return "转引自网页（二手来源，未找到官方或仓库版本）"
    return f"{html.escape(src['repo'])}，提交 {src['commit'][:7]}，文件 {html.escape(src['path'])}"


def _backlinks(page_uri: str, cites: list[Citation]) -> str:
    seen, items = set(), []
    for c in cites:
        if (c.page, c.anchor) in seen:
            continue
        seen.add((c.page, c.anchor))
        target = posixpath.relpath(c.page, posixpath.dirname(page_uri)) + (f"#{c.anchor}" if c.anchor else "")
        label = c.title if not c.anchor or c.section == c.title else f"{c.title} · {c.section}"
        items.append(f"[{label}]({target})")
    return "、".join(items)


def render(statute: Statute, cites: list[Citation]) -> str:
    d, uri = statute.data, statute_uri(statute.id)
    effective = d.get("effective") or "未能核实"
    lines = [
        "---", f"title: {d['short_name']}", "---", "",
        f"# {d['name']}", "",
        '<dl class="statute-meta">',
        f"<dt>状态</dt><dd class=\"status-{d['status']}\">{statute.status_label}</dd>",
        f"<dt>施行日期</dt><dd>{html.escape(str(effective))}</dd>",
        f"<dt>本页版本</dt><dd>{html.escape(d['version'])}</dd>",
        f"<dt>制定机关</dt><dd>{html.escape(d['issuer'])}</dd>",
        f"<dt>最后核对</dt><dd>{d['last_verified']}</dd>",
        "</dl>", "",
    ]
    if d.get("effective_note"):
        lines += [f"*{d['effective_note']}*", ""]
    if d["status"] == "repealed":
        lines += ['!!! danger "这部法已经废止"',
                  f"    {d['repealed']['date']} 起不再有效（{d['repealed']['by']}）。不要再引用它，请看下面每一条对应的现行条文。", ""]
    lines += ['!!! tip "这部法对你意味着什么"', "", *("    " + l for l in d["summary"].strip().splitlines()), ""]
    lines += ["## 本站引用的条文 {#articles}", ""]
    for key, a in statute.articles.items():
        here = [c for c in cites if c.statute == statute.id and c.key == key]
        lines += [f"### {a.number}　{a.topic} {{#{anchor_id(key)}}}", "", _quote(a.text, statute.id, key), ""]
        if a.secondary:
            lines += ["*这段文字转引自二手网页，不是官方文本。*", ""]
        lines += [f"**对你意味着什么：**{a.plain}", ""]
        if here:
            lines += [f"**本站引用处：**{_backlinks(uri, here)}", ""]
        lines += [f'<p class="law-source">来源：{_source(a.source)}</p>', ""]
    if statute.historical:
        lines += ["## 旧版本条文（已失效，仅供对照） {#historical}", "",
                  "网上的旧文章常引用下面这些条号。它们属于已经被替代的版本，不要再据此主张权利。", ""]
        for i, h in enumerate(statute.historical, 1):
            lines += [f"### {h['version']}：{h['number']} {{#old-{i}}}", "",
                      f"*{h['topic']}。现状：{'已被替代' if 'superseded' in h['status'] else h['status']}。*", "",
                      _quote(h["text"].strip(), statute.id, f"old-{i}"), ""]
            if h.get("plain"):
                lines += [f"**说明：**{h['plain']}", ""]
            lines += [f'<p class="law-source">来源：{_source(h["source"])}</p>', ""]
    lines += ["## 来源与核对 {#sources}", "", d["verified_how"].strip(), ""]
    for s in d["sources"]:
        role = f"（{s['role']}）" if s.get("role") else ""
        lines.append(f"- {s['repo']}，提交 `{s['commit'][:12]}`{role}")
    return "\n".join(lines) + "\n"


def render_index(statutes: dict[str, Statute]) -> str:
    lines = ["---", "title: 法条", "---", "", "# 法条原文", "",
             "本站引用的每一条法律，都在这里给出原文、状态、施行日期和来源。网上常见的旧条号，请看[旧法条对照](old-citations.md)。", "",
             "| 法律法规 | 状态 | 施行日期 | 最后核对 |", "|---|---|---|---|"]
    for s in in_reading_order(statutes):
        lines.append(f"| [{s.data['name']}]({s.id}.md) | {s.status_label} | {s.data.get('effective') or '未能核实'} | {s.data['last_verified']} |")
    return "\n".join(lines) + "\n"
