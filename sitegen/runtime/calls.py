"""One example call per engine API name (triage.browser.API), with arguments shaped like the ones the pages send.

sitegen/runtime/trim.py runs all of them inside Pyodide to learn which standard-library modules the engine needs, then
runs them again on the trimmed runtime. The build fails if an API name has no example here, or an example names a
call the engine no longer has. When the engine starts to import a new module, add an example that reaches it.

The data given to `load` is a small letter book, limitation and deadline texts and a holiday calendar written here, not the site's content files: the
modules needed depend on the engine's code, not on the wording, so editing content never reruns the Node step."""
import dataclasses
import json

TODAY = "2026-11-28"  # fixed, so both runs give the same answers

_LETTERS = {
    "fields": {
        "name": {"label": "你的姓名", "kind": "text", "required": True, "max": 30},
        "lender": {"label": "贷款方名称", "kind": "text", "required": True, "max": 60},
        "amount_owed": {"label": "App 显示的待还总额（元）", "kind": "amount", "required": True},
        "hardship": {"label": "还不上的原因", "kind": "longtext", "required": True, "max": 300},
        "plan": {"label": "你想提出的方案", "kind": "choice", "required": True,
                 "options": ["剩余欠款按月分期偿还", "暂缓一段时间，收入恢复后按月偿还"]},
        "first_payment_date": {"label": "第一期打算哪天还", "kind": "date", "required": True},
        "date": {"label": "写信日期", "kind": "date", "required": True},
    },
    "letters": [
        {"id": "negotiation", "title": "协商还款申请", "to": "贷款方", "intro": "逾期后想申请分期时用。",
         "fields": ["name", "lender", "amount_owed", "hardship", "plan", "first_payment_date", "date"],
         "template": "{lender}：\n\n本人{name}，待还总额约为{amount_owed}元。原因：{hardship}\n\n"
                     "本人申请：{plan}，第一期于{first_payment_date}还款。\n\n本人：{name}\n日期：{date}"},
    ],
}

_LIMITATION = {
    "steps": {"due": "最后一期到期：时效从这一天起算。", "demand_in": "期间内催款：重新计算。", "own_in": "期间内还款：重新计算。",
              "demand_after": "届满后催款：不重新开始。", "own_after": "届满后答应还款：可能不能再抗辩。", "before": "到期之前。"},
    "summary": {"running": "从 {start} 起算，到 {end} 届满。", "ended": "{end} 已届满。", "waived": "{end} 已届满；{date} 答应过。"},
    "after": {"ended": "债还在。", "waived": "先问法律援助。"}, "near": "离届满日很近。",
    "rule": "在时效期间内催款、还款都会重新计算。", "reminder": "这只是粗略推算，不是建议你等它过去。",
    "help": {"due": "最后一期。", "demands": "催款。", "own": "还款。"},
}

_DEADLINES = {"caveat": "以文书写明的为准", "counting": "收到那天不算。", "received": "签收那天。",
              "unknown_year": "这一年的节假日未收录。", "passed": "这一天已经过了。",
              "papers": {"complaint": {"label": "起诉状副本", "rule": "15 日内答辩。", "todo": "交答辩状。"},
                         "summons": {"label": "传票", "todo": "按时到庭。"},
                         "judgment": {"label": "判决书", "rule": "15 日内上诉。", "todo": "递交上诉状。"},
                         "ruling": {"label": "裁定书", "rule": "10 日内上诉。", "todo": "递交上诉状。"},
                         "payment_order": {"label": "支付令", "rule": "15 日内异议。", "todo": "交书面异议。"},
                         "enforcement": {"label": "执行通知书", "todo": "联系法院。"}}}
_HOLIDAYS = {2026: {"source": "国务院办公厅通知（gov.cn）", "off": [{"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07"}],
                    "working": [{"name": "国庆节调休", "date": "2026-10-10"}]}}


def _texts() -> str:
    """The JSON the worker loads (sitegen.runtime.assets.engine_texts), made from the small data above by the
    engine itself, so its shape always follows the engine's."""
    from triage import deadlines, letters, limitation
    book = letters.to_dict(letters.from_dict(_LETTERS))
    return json.dumps({"letters": book, "limitation": dataclasses.asdict(limitation.texts_from_dict(_LIMITATION)),
                       "deadlines": dataclasses.asdict(deadlines.texts_from_dict(_DEADLINES)),
                       "holidays": deadlines.holidays_from_dict(_HOLIDAYS).to_dict()},
                      ensure_ascii=False, sort_keys=True)


# Globals set before `triage_browser.load(texts_json)`, as the worker does.
LOAD = {"texts_json": _texts()}

_ENTRY = {"when": "2026-11-20 23:15", "number": "95188", "channel": "电话", "who": "我本人",
          "what": "对方深夜来电，说不还钱就通知我的单位。", "proof": "通话录音"}
_OTHER = {"when": "2026-11-22 10:05", "number": "", "channel": "微信或其他聊天软件", "who": "家人",
          "what": "催收给我母亲发消息，透露了我的欠款。", "proof": "截图"}
_EXPORT = json.dumps({"format": "xiaomi-loan-help/evidence-log", "version": 1, "entries": [_ENTRY, _OTHER]},
                     ensure_ascii=False, indent=1)

CALLS: dict[str, dict] = {
    "letter": {"letter": "negotiation", "today": TODAY,
               "values": {"name": "张三", "lender": "重庆小米消费金融有限公司", "amount_owed": "12,000元",
                          "hardship": "2026年3月失业，每月收入从6000元降到0元。", "plan": "剩余欠款按月分期偿还",
                          "first_payment_date": "2026/12/15", "date": "2026年11月28日"}},
    "limitation": {"today": TODAY, "values": {"due": "2019-05-10", "demands": "2019-04-10，2021/3/2\n2024-06-01",
                                              "own": "2024年7月1日"}},
    "deadline": {"today": TODAY, "values": {"paper": "complaint", "received": "2026-09-20"}},
    "evidence_add": {"entries": [_ENTRY], "values": {**_OTHER, "when": "2026-11-22T10:05"}, "today": TODAY},
    "evidence_remove": {"entries": [_ENTRY, _OTHER], "index": 0},
    "evidence_merge": {"entries": [_ENTRY], "incoming": [_ENTRY, _OTHER]},
    "evidence_import": {"text": _EXPORT, "today": TODAY},
    "evidence_summary": {"entries": [_ENTRY, _OTHER]},
}
