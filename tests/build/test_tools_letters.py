"""Letter builder: templates filled from validated fields, compared against the expected text."""
from datetime import date
from pathlib import Path

import pytest

from triage.letters import blank, fill

ROOT = Path(__file__).resolve().parents[2]

TODAY = date(2026, 11, 28)
THIRD_PARTY = {"name": "张三", "date": "2026-11-28", "lender": "重庆小米消费金融有限公司", "contract_no": "",
               "contact_phone": "13800000000", "who_contacted": "我的母亲", "when_contacted": "2026年11月3日"}
EXPECTED_THIRD_PARTY = """重庆小米消费金融有限公司：

本人张三，是贵方的借款人。

2026年11月3日，有自称贵方或受贵方委托的催收人员联系了我的母亲。这些人不是这笔借款的借款人或担保人，与借款无关。

本人的电话、住址、借款情况等个人信息受法律保护（《中华人民共和国民法典》第一千零三十四条）。任何组织、个人不得非法使用、提供或者公开他人个人信息（《中华人民共和国个人信息保护法》第十条）。未经明确同意，用电话、短信等方式反复打扰他人，可能侵扰其私人生活安宁（《中华人民共和国民法典》第一千零三十三条）。处理个人信息，须符合法律规定的情形（《中华人民共和国个人信息保护法》第十三条）。

为此，本人要求：
1. 立即停止联系与借款无关的人，包括上述人员；
2. 停止向任何第三人透露本人的借款和其他个人信息；
3. 书面告知联系上述人员的是哪家机构、是否受贵方委托，以及贵方处理本人通讯录等信息的依据；
4. 今后只通过本人手机号13800000000与本人联系。

本人已保存相关通话记录和截图。如上述行为继续，本人将向金融监管部门投诉（如拨打12378），必要时向公安机关报案。

本人：张三
日期：2026-11-28"""

SAMPLE = {"text": "示例", "longtext": "示例内容", "amount": "1200", "date": "2026-11-01"}


def sample_values(book, letter_id):
    return {f.id: (f.options[0] if f.kind == "choice" else SAMPLE[f.kind]) for f in book.form(letter_id)}


def test_third_party_letter_matches_the_expected_text(book):
    assert fill(book, "third_party", THIRD_PARTY, TODAY) == {"text": EXPECTED_THIRD_PARTY}


@pytest.mark.parametrize("letter_id", ["negotiation", "complaint", "credit_objection", "third_party"])
def test_each_required_letter_fills_without_leftover_placeholders(book, letter_id):
    text = fill(book, letter_id, sample_values(book, letter_id), TODAY)["text"]
    assert "{" not in text and "}" not in text and "示例" in text


@pytest.mark.parametrize("letter_id", ["negotiation", "complaint", "credit_objection", "third_party"])
def test_the_blank_template_has_a_named_blank_for_every_field(book, letter_id):
    text = blank(book, letter_id)
    for f in book.form(letter_id):
        assert f"【{f.label}】" in text


def test_amounts_are_normalised(book):
    values = {**sample_values(book, "negotiation"), "amount_owed": "12,000元", "monthly_amount": "500"}
    text = fill(book, "negotiation", values, TODAY)["text"]
    assert "12,000.00" in text and "500.00" in text


def test_every_problem_gets_a_message_by_field_and_nothing_is_filled(book):
    values = {**sample_values(book, "negotiation"), "name": "", "amount_owed": "一万二", "first_payment_date": "2026-02-30",
              "hardship": "很" * 301}
    errors = fill(book, "negotiation", values, TODAY)["errors"]
    assert errors["name"] == "请填写“你的姓名”。"
    assert "只填数字" in errors["amount_owed"]
    assert "这一天不存在" in errors["first_payment_date"]
    assert "最多 300 个字，现在有 301 个" in errors["hardship"]


def test_citations_in_letters_are_current_articles_written_in_full(book):
    text = fill(book, "complaint", sample_values(book, "complaint"), TODAY)["text"]
    assert "《中华人民共和国民法典》第一千零三十三条" in text
    assert "银保监会" not in text and "合同法" not in text


def test_the_engine_gets_the_validated_letters_with_plain_citations(book, limitation_texts, deadline_texts, holidays):
    from sitegen.runtime.assets import engine_texts
    from triage import browser
    from triage.letters import from_shipped, to_dict
    shipped = engine_texts(book, limitation_texts, deadline_texts, holidays).decode()
    assert "{{law" not in shipped and "{{" not in shipped
    assert from_shipped(to_dict(book)) == book
    browser.load(shipped)
    assert browser._data["letters"] == book


def test_loading_never_rewrites_the_yaml_data(statutes, tmp_path):
    from sitegen.content import yamlfile
    from sitegen.content.letters import load_letters
    path = ROOT / "data" / "letters.yaml"
    before = yamlfile.load(path)
    load_letters(path, statutes)
    assert "{{law civil-code 1033}}" in next(d for d in before["letters"] if d["id"] == "complaint")["template"]


def test_identity_fields_can_be_filled_by_the_phone(book):
    assert book.fields["name"].autocomplete == "name" and book.fields["contact_phone"].autocomplete == "tel"
    assert book.fields["id_number"].autocomplete == "off"


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# (what is broken, edit of letters.yaml (old, new), the line to name: the first line containing this text)
BROKEN = [
    ("a bad citation deep inside a template", ("{{law civil-code 1034}}），任何组织", "{{law civil-code 9999}}），任何组织"), "{{law civil-code 9999}}"),
    ("an unknown statute in a template", ("{{law credit-reporting-industry-regulation 26}}", "{{law no-such-law 26}}"), "{{law no-such-law 26}}"),
    ("a field of an unknown kind", ("hardship:           {label: 还不上的原因, kind: longtext", "hardship:           {label: 还不上的原因, kind: essay"), "kind: essay"),
    ("a placeholder with no field", ("本人{name}，在贵方有一笔借款", "本人{nickname}，在贵方有一笔借款"), "      {lender}："),  # the template starts here
    ("an empty title", ("title: 征信异议申请", "title: ''"), "title: ''"),
    ("an optional field on a line always printed", ("      ?借款合同编号（借据号）：{contract_no}\n\n      一、", "      借款合同编号（借据号）：{contract_no}\n\n      一、"),
     "      关于{lender}催收行为的投诉"),
    ("a required field on an optional line", ("      ?身份证号码：{id_number}", "      ?身份证号码：{id_number}，{name}"), "      {recipient}："),
    ("a refuse rule without its reason", ("      why: 这是 App", "      because: 这是 App"), "    label: 贷款方名称"),
]


@pytest.mark.parametrize("name,edit,needle", BROKEN, ids=[c[0] for c in BROKEN])
def test_letter_errors_name_the_file_and_the_line(statutes, tmp_path, name, edit, needle):
    from sitegen.content.errors import ContentError
    from sitegen.content.letters import load_letters
    text = (ROOT / "data" / "letters.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    broken = text.replace(edit[0], edit[1], 1)
    path = tmp_path / "letters.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_letters(path, statutes)
    assert err.value.where == f"{path}:{_line(broken, needle)}", str(err.value)


EMPTY_OPTIONALS = {"contract_no": "", "evidence_summary": "", "id_number": ""}


@pytest.mark.parametrize("letter_id", ["negotiation", "complaint", "credit_objection", "third_party"])
def test_empty_optional_fields_leave_out_their_lines(book, letter_id):
    values = {**sample_values(book, letter_id), **EMPTY_OPTIONALS}
    text = fill(book, letter_id, values, TODAY)["text"]
    assert "未填写" not in text and "借款合同编号" not in text and "身份证号码" not in text
    assert "\n\n\n" not in text and not text.startswith("\n") and "?" not in text
    filled = fill(book, letter_id, {**values, "contract_no": "JK-2026-001", "id_number": "110101199001011234"}, TODAY)["text"]
    assert "借款合同编号（借据号）：JK-2026-001" in filled and "?" not in filled


def test_the_complaint_evidence_block_is_there_only_with_a_list(book):
    values = {**sample_values(book, "complaint"), "evidence_summary": ""}
    without = fill(book, "complaint", values, TODAY)["text"]
    assert "均已保存" not in without and "一、事情经过\n示例内容\n\n二、本人的意见" in without
    with_list = fill(book, "complaint", {**values, "evidence_summary": "通话录音 3 段"}, TODAY)["text"]
    assert "示例内容\n\n以下证据材料本人均已保存，需要时可以提供：\n通话录音 3 段\n\n二、本人的意见" in with_list


def test_the_blank_template_keeps_optional_lines_without_their_marker(book):
    text = blank(book, "complaint")
    assert "借款合同编号（借据号）：【借款合同编号或借据号】" in text and "\n?" not in text


@pytest.mark.parametrize("typed", ["小米贷款", "随星借", "天星金融", "小米金融", " 天星金融 App ", "随星借APP", "小米 贷款"])
def test_the_lender_field_refuses_brand_names_with_the_reason(book, typed):
    errors = fill(book, "negotiation", {**sample_values(book, "negotiation"), "lender": typed}, TODAY)["errors"]
    assert "不能只写" in errors["lender"] and "借款合同" in errors["lender"] and "征信报告" in errors["lender"]


@pytest.mark.parametrize("typed", ["重庆小米消费金融有限公司", "重庆市小米小额贷款有限公司"])
def test_the_lender_of_record_is_accepted(book, typed):
    text = fill(book, "negotiation", {**sample_values(book, "negotiation"), "lender": typed}, TODAY)["text"]
    assert text.startswith(typed + "：")


def test_the_brand_list_is_data(book):
    assert "小米贷款" in book.fields["lender"].refuse and book.fields["lender"].refuse_why
