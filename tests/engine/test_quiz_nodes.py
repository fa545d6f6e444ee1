"""The flow, question by question: given these answers, this next question or this plan.

One class per question node, then the outcomes, like GOV.UK smart-answers. A test names only the answers it is
about; the engine finds the fewest other answers that get there (triage.states.reaching, smart-answers'
testing_node), so adding a question elsewhere in the flow does not turn these red. The engine is pure, so no
build or browser is needed here.

The two questions about what happened (papers, conduct) take several answers: a test gives them as a tuple,
e.g. papers=("court", "transfer"), or one id. Each situation has a test that supplies only the answers reaching it."""
import re

import pytest

from triage.engine import paths, plan, walk
from triage.states import reaching


def at(flow, question, **given):
    """Answers that reach `question` (it is asked next), with `given` answered on the way."""
    return reaching(flow, question, given=given)


def finish(flow, **given):
    """Answers that finish the quiz with `given`; every other question gets its answer that adds nothing."""
    return reaching(flow, given=given)


def next_q(flow, answers):
    state = walk(flow, answers)
    return state.current.id if state.current else "plan"


def plan_ids(flow, answers):
    state = walk(flow, answers)
    assert state.current is None, f"not finished: at {state.current.id}"
    return [s.id for s in plan(flow, state.situations)]


def outcome(flow, **given):
    """The plan (situation ids, in order) after `given` answers and nothing else that adds a situation."""
    return plan_ids(flow, finish(flow, **given))


def card_text(flow, sid):
    s = flow.situations[sid]
    return " ".join([s.title, s.summary, *(st.do for st in s.steps)])


def links(flow, sid):
    return [st.link for st in flow.situations[sid].steps]


def at_once_now(flow, answers):
    """The cards the reader sees above the next question, right after these answers."""
    return [s.id for s in plan(flow, walk(flow, answers).situations) if s.at_once]


def answer(flow, question, option, **given):
    """The answers up to `question`, then `option` to it."""
    return {**at(flow, question, **given), question: option}


class TestDanger:
    def test_is_the_first_question(self, flow):
        assert at(flow, "danger") == {} and next_q(flow, {}) == "danger"

    def test_offers_danger_crisis_and_tonight_beside_no(self, flow):
        labels = [o.label for o in flow.questions["danger"].options]
        assert labels == ["有，我现在觉得不安全", "我觉得撑不下去了", "没有，但我今晚很慌", "没有"]

    def test_a_panicking_reader_gets_what_to_do_tonight_first(self, flow):
        assert outcome(flow, danger="tonight")[0] == "tonight"
        assert "guide/urgent.md#tonight" in links(flow, "tonight")
        assert not flow.situations["tonight"].at_once, "shown in the plan, not above every question"

    def test_unsafe_shows_the_safety_card_at_once_and_lets_the_reader_go_on(self, flow):
        answers = answer(flow, "danger", "yes")
        assert at_once_now(flow, answers) == ["danger"]
        assert next_q(flow, answers) == "debt"

    def test_safety_card_says_110_first_and_not_to_open_the_door(self, flow):
        card = flow.situations["danger"]
        assert "110" in card.title and "110" in card.steps[0].do
        assert "不要开门" in card_text(flow, "danger")
        assert card.steps[0].link == "guide/complaints.md#police-110"

    def test_crisis_shows_a_calm_card_at_once_and_lets_the_reader_go_on(self, flow):
        answers = answer(flow, "danger", "crisis")
        assert at_once_now(flow, answers) == ["crisis"]
        assert next_q(flow, answers) == "debt"

    def test_crisis_card_gives_12356_then_110_and_120(self, flow):
        steps = [st.do for st in flow.situations["crisis"].steps]
        assert "12356" in steps[0]
        assert "110" in steps[1] and "120" in steps[1]
        assert "据公开报道" in steps[0]  # the hotline's hours vary by city; the source is the press

    def test_safe_shows_no_card_yet(self, flow):
        answers = answer(flow, "danger", "no")
        assert at_once_now(flow, answers) == []
        assert next_q(flow, answers) == "debt"


class TestDebt:
    @pytest.mark.parametrize("option,situation", [("partial", "negotiate"), ("full", "pay-official"),
                                                  ("dispute", "dispute"), ("old", "old-debt")])
    def test_each_debt_state_has_its_own_card(self, flow, option, situation):
        assert next_q(flow, answer(flow, "debt", option)) == "papers"
        assert situation in outcome(flow, debt=option)

    def test_repaid_asks_whether_anyone_still_chases(self, flow):
        assert next_q(flow, answer(flow, "debt", "repaid")) == "chased"


class TestChased:
    def test_still_chased_after_repaying_goes_on_to_what_happened(self, flow):
        assert next_q(flow, answer(flow, "chased", "yes")) == "papers"
        assert "repaid" in outcome(flow, debt="repaid", chased="yes")

    def test_repaid_and_not_chased_finishes_at_once(self, flow):
        answers = answer(flow, "chased", "no")
        assert next_q(flow, answers) == "plan"
        assert outcome(flow, debt="repaid", chased="no") == ["settled", "basics"]

    def test_settled_card_keeps_proof_and_checks_the_credit_record(self, flow):
        assert {"guide/after-overdue.md#credit-record", "guide/complaints.md#credit-objection"} <= set(links(flow, "settled"))


class TestChasedCreditRecord:
    def test_repaid_but_the_credit_record_still_shows_overdue(self, flow):
        answers = answer(flow, "chased", "credit")
        assert next_q(flow, answers) == "plan"
        assert outcome(flow, chased="credit") == ["credit-record", "basics"]
        text = card_text(flow, "credit-record")
        assert "5 年" in text and "异议" in text and "据公开报道" in text  # the 2025 repair is a press fact
        assert {"guide/credit-report.md#get-your-report", "guide/credit-report.md#true-or-error",
                "guide/credit-report.md#objection", "guide/credit-report.md#repair-scams"} <= set(links(flow, "credit-record"))


class TestPapers:
    def test_several_answers_go_on_to_the_same_next_question(self, flow):
        q = flow.questions["papers"]
        assert q.multiple and {o.next for o in q.options} == {"conduct"}
        assert next_q(flow, answer(flow, "papers", ("court", "transfer", "link"))) == "conduct"

    def test_offers_none_and_unsure(self, flow):
        labels = [o.label for o in flow.questions["papers"].options]
        assert labels[-2:] == ["不确定，分不清真假", "都没有"]

    def test_real_court_papers_come_right_after_safety(self, flow):
        ids = outcome(flow, danger="yes", papers="court", conduct=("self", "others"))
        assert ids[:2] == ["danger", "court-papers"]

    def test_court_papers_and_a_transfer_demand_give_both_cards(self, flow):
        ids = outcome(flow, papers=("court", "transfer"))
        assert ids.index("court-papers") < ids.index("scam") and ids[0] == "court-papers"

    def test_after_judgment_the_enforcement_card_leads_and_speaks_to_family_and_living_money(self, flow):
        ids = outcome(flow, papers="judgment")
        assert ids[0] == "enforcement"
        assert outcome(flow, papers=("court", "judgment", "police"))[0] == "enforcement"
        assert outcome(flow, debt="partial", papers="judgment", conduct=("family", "self"))[0] == "enforcement"
        assert {"guide/enforcement.md#family", "guide/enforcement.md#frozen-and-living-money",
                "guide/enforcement.md#fines-and-detention"} <= set(links(flow, "enforcement"))
        text = card_text(flow, "enforcement")
        assert "家人" in text and "生活" in text
        detention = [sentence for sentence in re.split("[。；]", text) if "拘留" in sentence]
        assert detention and all("法院" in x and "书面" in x for x in detention), "拘留: only the court, in writing"

    def test_impersonating_court_or_police(self, flow):
        ids = outcome(flow, papers="police")
        assert ids[0] == "impersonation"
        text = card_text(flow, "impersonation")
        assert "12368" in text and "民事纠纷" in text and "不会让你被拘留" in text
        assert "guide/lawsuit.md#how-suits-start" in links(flow, "impersonation")

    def test_a_lawyers_letter_or_threat_to_sue_is_not_a_court_paper(self, flow):
        ids = outcome(flow, papers="suit")
        assert ids[0] == "suit-threat" and "court-papers" not in ids
        assert "律师函" in flow.situations["suit-threat"].title
        assert {"guide/lawsuit.md#how-suits-start", "guide/court-papers.md#lawyer-letter",
                "guide/court-papers.md#check-a-lawyer"} <= set(links(flow, "suit-threat"))

    def test_a_demand_to_pay_a_personal_account_is_a_scam_to_report(self, flow):
        assert outcome(flow, papers="transfer")[0] == "scam"
        steps = [st.do for st in flow.situations["scam"].steps]
        report = next(do for do in steps if "96110" in do)
        assert "110" in report.replace("96110", "") and "没被骗走钱" in report  # report the attempt, not only a loss

    def test_a_link_in_an_sms_says_dont_tap_and_what_to_do_if_you_did(self, flow):
        assert outcome(flow, papers="link")[0] == "sms-link"
        text = card_text(flow, "sms-link")
        assert "银行" in text and "密码" in text and "96110" in text
        assert {"guide/urgent.md#sms-links", "guide/urgent.md#tapped-a-link"} <= set(links(flow, "sms-link"))

    def test_unsure_adds_a_step_to_verify_not_nothing(self, flow):
        ids = outcome(flow, papers="unsure")
        assert ids[0] == "verify"
        assert "guide/verify-and-scams.md#verify-collector" in links(flow, "verify")

    def test_none_adds_nothing(self, flow):
        assert outcome(flow, debt="partial", papers="none") == ["negotiate", "basics"]

    def test_unsure_who_is_calling_is_in_every_plan_not_a_scam_card(self, flow):
        """「不确定对方是不是真的」 does not pull readers into the scam card ahead of their real problem."""
        assert "guide/verify-and-scams.md#verify-collector" in links(flow, "basics")
        assert "scam" not in outcome(flow, papers="unsure")


class TestConduct:
    def test_several_answers(self, flow):
        q = flow.questions["conduct"]
        assert q.multiple and labels_of(q)[-1] == "都没有"
        ids = outcome(flow, conduct=("self", "family", "posted"))
        assert {"harassment", "family", "posted"} <= set(ids)
        assert ids.index("posted") < ids.index("family") < ids.index("harassment")

    def test_threat_to_publish_or_message_contacts(self, flow):
        assert outcome(flow, conduct="expose")[0] == "expose"
        assert "guide/unlawful-collection.md#publishing-info" in links(flow, "expose")
        text = card_text(flow, "expose")
        assert "110" in text and "12321" in text and "隐私" in text and "个人信息" in text

    def test_photos_or_debts_already_posted(self, flow):
        assert outcome(flow, conduct="posted")[0] == "posted"
        text = card_text(flow, "posted")
        assert "截图" in text and "12377" in text and "110" in text and "举报" in text
        assert "guide/urgent.md#posted-online" in links(flow, "posted")

    def test_pushed_to_sign_on_the_spot(self, flow):
        assert outcome(flow, conduct="sign")[0] == "sign-now"
        assert "先别签" in flow.situations["sign-now"].title
        assert "guide/urgent.md#pushed-to-sign" in links(flow, "sign-now")

    def test_family_pressed_to_pay(self, flow):
        assert outcome(flow, conduct="family")[0] == "family"
        text = card_text(flow, "family")
        assert "担保" in text and "配偶" in text and "遗产" in text
        assert {"guide/family-and-work.md#who-owes", "guide/family-and-work.md#spouse",
                "guide/family-and-work.md#what-to-tell-relatives"} <= set(links(flow, "family"))

    def test_threat_to_tell_the_village_committee_or_employer(self, flow):
        assert outcome(flow, conduct="village")[0] == "village"
        assert "村委会" in flow.situations["village"].title
        assert {"guide/family-and-work.md#village-and-employer", "guide/family-and-work.md#can-i-be-fired"} <= set(links(flow, "village"))

    def test_harassment_of_the_reader_can_be_reported_to_110(self, flow):
        ids = outcome(flow, conduct="self")
        assert "harassment" in ids and "third-party" not in ids
        to_police = [st for st in flow.situations["harassment"].steps if "110" in st.do]
        assert to_police and to_police[0].link in {"guide/unlawful-collection.md#call-floods", "guide/complaints.md#police-110"}

    def test_friends_or_employer_contacted(self, flow):
        ids = outcome(flow, conduct="others")
        assert "third-party" in ids and "harassment" not in ids

    def test_both(self, flow):
        assert {"harassment", "third-party"} <= set(outcome(flow, conduct=("self", "others")))

    def test_conduct_is_the_last_question(self, flow):
        assert all(o.next == "end" for o in flow.questions["conduct"].options)


def labels_of(q):
    return [o.label for o in q.options]


class TestEverySituation:
    """Each situation an answer adds: the fewest answers that reach it give a plan holding it."""

    def test_each_situation_is_reached(self, flow):
        for sid in flow.situations:
            answers = reaching(flow, situation=sid)
            assert sid in plan_ids(flow, answers), sid

    @pytest.mark.parametrize("sid", ["enforcement", "family", "credit-record", "suit-threat", "sms-link", "posted",
                                     "sign-now", "village", "tonight", "verify"])
    def test_the_new_situations_each_lead_their_plan(self, flow, sid):
        assert plan_ids(flow, reaching(flow, situation=sid))[0] == sid


class TestOutcomes:
    def test_danger_puts_the_safety_card_and_110_first_whatever_else_applies(self, flow):
        for answers in paths(flow):
            if answers["danger"] == "yes":
                first = plan(flow, walk(flow, answers).situations)[0]
                assert first.id == "danger" and "110" in first.steps[0].do

    def test_crisis_card_stays_at_the_top_of_every_plan(self, flow):
        for answers in paths(flow):
            if answers["danger"] == "crisis":
                assert plan_ids(flow, answers)[0] == "crisis"

    def test_a_specific_legal_threat_comes_before_generic_harassment(self, flow):
        for papers in ("police", "suit"):
            ids = outcome(flow, papers=papers, conduct=("self", "others"))
            assert ids.index("impersonation" if papers == "police" else "suit-threat") < ids.index("harassment")
        assert flow.situations["expose"].urgency < flow.situations["harassment"].urgency

    def test_scam_comes_before_rights_and_repayment(self, flow):
        ids = outcome(flow, debt="partial", papers="transfer", conduct=("self", "others"))
        assert ids == ["scam", "harassment", "third-party", "negotiate", "basics"]

    def test_every_combination_of_ticks_is_the_union_in_order(self, flow):
        """Several answers: the plan holds every card any of them adds, ordered as always (pairs on every path)."""
        from itertools import combinations
        base = finish(flow, debt="partial")
        for qid in ("papers", "conduct"):
            opts = [o for o in flow.questions[qid].options if o.situations]
            for a, b in combinations(opts, 2):
                ids = plan_ids(flow, {**base, qid: (a.id, b.id)})
                assert set(a.situations) | set(b.situations) <= set(ids)
                keys = [(not flow.situations[s].at_once, flow.situations[s].urgency) for s in ids]
                assert keys == sorted(keys)

    def test_the_urgency_bands(self, flow):
        """Deadlines and enforcement, then scams and what already happened, then threats, then rights, then money."""
        u = {s.id: s.urgency for s in flow.situations.values()}
        assert u["enforcement"] <= u["court-papers"] < u["scam"] <= u["posted"] < u["suit-threat"] < u["harassment"] < u["negotiate"]

    def test_negotiation_keeps_the_credit_facts(self, flow):
        """There is no 「不太担心」 answer that could drop them: the negotiation card always has them."""
        assert "guide/after-overdue.md#credit-record" in links(flow, "negotiate")

    def test_old_debt_plan_explains_the_limitation_period(self, flow):
        assert "old-debt" in outcome(flow, debt="old")
        assert "guide/lawsuit.md#limitation-period" in links(flow, "old-debt")

    def test_disputed_amount(self, flow):
        assert outcome(flow, debt="dispute") == ["dispute", "basics"]
        assert "guide/complaints.md#lender-channel" in links(flow, "dispute")

    def test_every_plan_ends_with_the_basics_and_is_ordered(self, flow):
        for answers in paths(flow):
            situations = plan(flow, walk(flow, answers).situations)
            assert situations[-1].id == "basics"
            keys = [(not s.at_once, s.urgency) for s in situations]
            assert keys == sorted(keys)

    def test_only_the_safety_and_crisis_cards_are_shown_at_once(self, flow):
        assert {s.id for s in flow.situations.values() if s.at_once} == {"danger", "crisis"}


class TestChangingAnAnswer:
    def test_later_answers_that_still_apply_are_kept(self, flow):
        before = finish(flow, debt="partial", papers="none")
        changed = {**before, "papers": ("court",)}
        assert next_q(flow, changed) == "plan" and "court-papers" in plan_ids(flow, changed)
        assert {q: o for q, o in changed.items() if q != "papers"} == {q: o for q, o in before.items() if q != "papers"}

    def test_answers_off_the_new_path_are_dropped_from_the_view(self, flow):
        answers = {**finish(flow, debt="partial", papers="none"), **answer(flow, "chased", "no")}
        state = walk(flow, answers)
        assert state.current is None
        assert "papers" in answers and "papers" not in [s.question.id for s in state.answered]

    def test_going_back_on_the_safety_answer_removes_its_card(self, flow):
        answers = finish(flow, danger="yes")
        assert "danger" in plan_ids(flow, answers)
        assert "danger" not in plan_ids(flow, {**answers, "danger": "no"})
