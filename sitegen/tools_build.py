"""Build-time side of the reader tools: validate quiz/letters.yaml, and render each tool's form, blank
template and no-JavaScript fallback from the same field definitions the Python engine validates with."""
import html
import json
from pathlib import Path

from triage import evidence, limitation
from triage.fields import Field
from triage.letters import LetterBook, blank, from_dict

from . import citations, yamlfile
from .errors import ContentError
from .statutes import Statute


def _plain_citations(text: str, statutes: dict[str, Statute], where: str, line: int) -> str:
    """{{law civil-code 1033}} → 《中华人民共和国民法典》第一千零三十三条 (letters are plain text, not links)."""
    citations.scan("", text, statutes, where, line)
    return citations.SHORTCODE.sub(
        lambda m: f"《{statutes[m.group(1)].data['name']}》{statutes[m.group(1)].articles[m.group(2)].number}", text)


def load_letters(path: Path, statutes: dict[str, Statute]) -> tuple[LetterBook, dict]:
    data = yamlfile.load(path)
    if not isinstance(data, dict):
        raise ContentError(str(path), "not a mapping with fields and letters", "start from the existing file")
    for d in data.get("letters") or []:
        if isinstance(d, dict) and isinstance(d.get("template"), str):
            d["template"] = _plain_citations(d["template"], statutes, str(path), _template_line(path, d))
    try:
        book = from_dict(data)
    except ContentError as exc:
        node = next((d for d in data.get("letters") or [] if isinstance(d, dict) and d.get("id") == exc.node),
                    (data.get("fields") or {}).get(exc.node, data))
        raise exc.located(yamlfile.where(path, node)) from None
    return book, data


def _template_line(path: Path, letter: dict) -> int:
    """The first line of a letter's template text in the file (the line after 'template: |')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = getattr(letter, "line", 1)
    for n in range(start, len(lines)):
        if lines[n - 1].strip().startswith("template:"):
            return n + 1
    return start


def letters_json(data: dict) -> bytes:
    return json.dumps({"fields": data["fields"], "letters": data["letters"]}, ensure_ascii=False, sort_keys=True).encode()


def _field(f: Field, prefix: str) -> str:
    e, fid = html.escape, f"{prefix}-{f.id}"
    req = '<span class="tool-req">（必填）</span>' if f.required else '<span class="tool-opt">（选填）</span>'
    described = f"e-{fid}" + (f" h-{fid}" if f.help or f.kind in ("date", "datetime") else "")
    common = f'id="{fid}" name="{f.id}" aria-describedby="{described}"'
    if f.kind == "longtext":
        control = f'<textarea {common} rows="4"></textarea>'
    elif f.kind == "choice":
        opts = "".join(f"<option>{e(o)}</option>" for o in f.options)
        control = f'<select {common}><option value="">请选择</option>{opts}</select>'
    else:
        hint = {"date": "例如 2025-03-31", "datetime": "例如 2025-03-31 21:30", "amount": "例如 1200"}.get(f.kind, "")
        mode = ' inputmode="decimal"' if f.kind == "amount" else ""
        control = f'<input type="text" {common}{mode} placeholder="{hint}" autocomplete="off">'
    fmt = {"date": "格式：年-月-日，例如 2025-03-31。", "datetime": "格式：年-月-日 时:分，例如 2025-03-31 21:30。"}.get(f.kind, "")
    help_text = " ".join(x for x in (f.help, fmt) if x)
    help_ = f'<p class="tool-help" id="h-{fid}">{e(help_text)}</p>' if help_text else ""
    return (f'<div class="tool-field" data-field="{f.id}"><label for="{fid}">{e(f.label)}{req}</label>{help_}'
            f'{control}<p class="tool-error" id="e-{fid}"></p></div>')


def form(fields: list[Field], prefix: str, submit: str, extra: str = "") -> str:
    body = "".join(_field(f, prefix) for f in fields)
    return (f'<form class="tool-form" hidden novalidate>{body}{extra}'
            f'<p><button type="submit" class="md-button md-button--primary">{html.escape(submit)}</button></p></form>')


def _root(tool: str, attrs: dict[str, str], built: str, extra: str = "") -> str:
    data = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in attrs.items())
    return f'<div class="tool" data-tool="{tool}" data-built="{built}" {data}{extra}>'


def _nojs(text: str) -> str:
    """Shown without JavaScript, or when the engine cannot start (the glue then removes .tool-js)."""
    return f'<p class="tool-nojs">{text}</p>'


NOJS_LETTER = _nojs("互动工具需要 JavaScript，或者没能启动。可以展开上面的空白模板，打印或抄写后自己填写。")


def letter_widget(book: LetterBook, letter_id: str, attrs: dict[str, str], built: str) -> str:
    letter, e = book.letters[letter_id], html.escape
    extra = ('<p><button type="button" class="md-button tool-fill-summary" hidden>从我的证据记录生成摘要</button></p>'
             if "evidence_summary" in letter.fields else "")
    return (_root("letter", attrs, built, f' data-letter="{letter_id}" data-title="{e(letter.title)}"')
            + f'<p class="tool-to">寄给：{e(letter.to)}</p><p>{e(letter.intro)}</p>'
            + f'<p class="tool-status" role="status" aria-live="polite" tabindex="-1"></p>'
            + form(book.form(letter_id), f"l-{letter_id}", "生成信件", extra)
            + '<div class="tool-output" hidden></div>'
            + f'<details class="tool-blank"><summary>不用填表：查看空白模板</summary><pre class="letter-blank">{e(blank(book, letter_id))}</pre></details>'
            + NOJS_LETTER + "</div>\n")


def evidence_widget(attrs: dict[str, str], built: str) -> str:
    return (_root("evidence", attrs, built)
            + '<p class="tool-status" role="status" aria-live="polite" tabindex="-1"></p>'
            + '<div class="tool-controls" hidden>'
            + '<p><label><input type="checkbox" class="ev-keep"> 在这台设备上保存我的记录（只存在这个浏览器里，不会上传；不勾选则关闭页面后消失）</label></p>'
            + "</div>"
            + form(evidence.FIELDS, "ev", "添加这条记录")
            + '<div class="ev-log" hidden><h3>我的记录</h3><div class="ev-table"></div>'
            + '<p class="ev-summary"></p>'
            + '<p class="ev-actions"><button type="button" class="md-button ev-export">导出文件</button> '
            + '<label class="md-button ev-import-label">导入文件<input type="file" class="ev-import" accept=".json,application/json"></label> '
            + '<button type="button" class="md-button ev-print">打印时间线</button> '
            + '<button type="button" class="md-button ev-clear">全部删除</button></p></div>'
            + _nojs(f'记录工具需要 JavaScript，或者没能启动。可以照着<a href="{attrs["root"]}guide/evidence/#timeline">时间线表格</a>在纸上记录。')
            + "</div>\n")


def limitation_widget(attrs: dict[str, str], built: str) -> str:
    return (_root("limitation", attrs, built)
            + '<p class="tool-status" role="status" aria-live="polite" tabindex="-1"></p>'
            + form(limitation.FIELDS, "lim", "计算")
            + '<div class="tool-output" hidden></div>'
            + _nojs("推算工具需要 JavaScript，或者没能启动。规则见下面“规则是什么”：一般三年，每次催款、还款或答应还款都重新计算。")
            + "</div>\n")
