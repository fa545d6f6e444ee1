"""The flow, question by question: given these answers, this next question or this plan.

One class per question node, then the outcomes, like GOV.UK smart-answers. A test names only the answers it is
about; the engine finds the fewest other answers that get there (triage.states.reaching, smart-answers'
testing_node), so adding a question elsewhere in the flow does not turn these red. The engine is pure, so no
build or browser is needed here."""
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

    def test_offers_danger_and_crisis_beside_no(self, flow):
        labels = [o.label for o in flow.questions["danger"].options]
        assert labels == ["有，我现在觉得不安全", "我觉得撑不下去了", "没有"]

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


class TestPapers:
    def test_real_court_papers_come_right_after_safety(self, flow):
        ids = outcome(flow, danger="yes", papers="court", conduct="both")
        assert ids[:2] == ["danger", "court-papers"]

    def test_impersonating_court_or_police(self, flow):
        ids = outcome(flow, papers="police")
        assert ids[0] == "impersonation"
        text = card_text(flow, "impersonation")
        assert "12368" in text and "民事纠纷" in text and "不会让你被拘留" in text
        assert "guide/lawsuit.md#how-suits-start" in links(flow, "impersonation")

    def test_a_threat_to_sue_explains_how_suits_start(self, flow):
        ids = outcome(flow, papers="suit")
        assert "suit-threat" in ids and "court-papers" not in ids
        assert "guide/lawsuit.md#how-suits-start" in links(flow, "suit-threat")

    def test_a_demand_to_pay_a_personal_account_is_a_scam_to_report(self, flow):
        assert outcome(flow, papers="transfer")[0] == "scam"
        steps = [st.do for st in flow.situations["scam"].steps]
        report = next(do for do in steps if "96110" in do)
        assert "110" in report.replace("96110", "") and "没被骗走钱" in report  # report the attempt, not only a loss

    def test_none_adds_nothing(self, flow):
        assert outcome(flow, debt="partial", papers="none") == ["negotiate", "basics"]

    def test_unsure_who_is_calling_is_in_every_plan_not_a_scam_card(self, flow):
        """「不确定对方是不是真的」 no longer pulls readers into the scam card ahead of their real problem."""
        assert "guide/verify-and-scams.md#verify-collector" in links(flow, "basics")
        assert all(o.id != "unsure" for q in flow.questions.values() for o in q.options)


class TestConduct:
    def test_threat_to_publish_or_message_contacts(self, flow):
        assert outcome(flow, conduct="expose")[0] == "expose"
        assert "guide/unlawful-collection.md#publishing-info" in links(flow, "expose")
        text = card_text(flow, "expose")
        assert "110" in text and "12321" in text and "隐私" in text and "个人信息" in text

    def test_harassment_of_the_reader_can_be_reported_to_110(self, flow):
        ids = outcome(flow, conduct="self")
        assert "harassment" in ids and "third-party" not in ids
        to_police = [st for st in flow.situations["harassment"].steps if "110" in st.do]
        assert to_police and to_police[0].link in {"guide/unlawful-collection.md#call-floods", "guide/complaints.md#police-110"}

    def test_family_or_employer_contacted(self, flow):
        ids = outcome(flow, conduct="others")
        assert "third-party" in ids and "harassment" not in ids

    def test_both(self, flow):
        assert {"harassment", "third-party"} <= set(outcome(flow, conduct="both"))

    def test_conduct_is_the_last_question(self, flow):
        assert all(o.next == "end" for o in flow.questions["conduct"].options)


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
            ids = outcome(flow, papers=papers, conduct="both")
            assert ids.index("impersonation" if papers == "police" else "suit-threat") < ids.index("harassment")
        assert flow.situations["expose"].urgency < flow.situations["harassment"].urgency

    def test_scam_comes_before_rights_and_repayment(self, flow):
        ids = outcome(flow, debt="partial", papers="transfer", conduct="both")
        assert ids == ["scam", "harassment", "third-party", "negotiate", "basics"]

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
        changed = {**before, "papers": "court"}
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
