"""The flow, question by question: given these answers, this next question or this plan.

One class per question node, like GOV.UK smart-answers; the engine is pure, so no browser is needed here."""
from triage.engine import paths, plan, walk
from triage.views import view

BASE = {"danger": "no", "papers": "none", "caller": "no", "conduct": "none"}


def next_q(flow, answers):
    state = walk(flow, answers)
    return state.current.id if state.current else "plan"


def plan_ids(flow, answers):
    state = walk(flow, answers)
    assert state.current is None, f"not finished: at {state.current.id}"
    return [s.id for s in plan(flow, state.situations)]


class TestDanger:
    def test_is_the_first_question(self, flow):
        assert next_q(flow, {}) == "danger"

    def test_any_answer_goes_on_to_court_papers(self, flow):
        assert next_q(flow, {"danger": "yes"}) == next_q(flow, {"danger": "no"}) == "papers"

    def test_danger_puts_110_first_whatever_else_applies(self, flow):
        answers = {**BASE, "danger": "yes", "papers": "court", "caller": "yes", "debt": "partial", "credit": "yes"}
        assert plan_ids(flow, answers)[0] == "danger"


class TestPapers:
    def test_court_papers_come_right_after_safety(self, flow):
        ids = plan_ids(flow, {**BASE, "danger": "yes", "papers": "court", "caller": "yes", "debt": "partial", "credit": "no"})
        assert ids[:3] == ["danger", "court-papers", "scam"]

    def test_a_threat_without_papers_explains_how_suits_start(self, flow):
        assert "suit-threat" in plan_ids(flow, {**BASE, "papers": "threat", "debt": "full", "credit": "no"})
        assert "court-papers" not in plan_ids(flow, {**BASE, "papers": "threat", "debt": "full", "credit": "no"})


class TestCaller:
    def test_unsure_is_treated_as_a_possible_scam(self, flow):
        assert "scam" in plan_ids(flow, {**BASE, "caller": "unsure", "debt": "full", "credit": "no"})

    def test_scam_check_precedes_rights_and_repayment(self, flow):
        ids = plan_ids(flow, {**BASE, "caller": "yes", "conduct": "both", "debt": "partial", "credit": "yes"})
        assert ids.index("scam") < ids.index("harassment") < ids.index("negotiate") < ids.index("credit")


class TestConduct:
    def test_harassment_only(self, flow):
        ids = plan_ids(flow, {**BASE, "conduct": "self", "debt": "full", "credit": "no"})
        assert "harassment" in ids and "third-party" not in ids

    def test_family_or_employer_contacted(self, flow):
        ids = plan_ids(flow, {**BASE, "conduct": "others", "debt": "full", "credit": "no"})
        assert "third-party" in ids and "harassment" not in ids

    def test_both(self, flow):
        assert {"harassment", "third-party"} <= set(plan_ids(flow, {**BASE, "conduct": "both", "debt": "full", "credit": "no"}))


class TestDebt:
    def test_unable_to_pay_in_full_leads_to_negotiation(self, flow):
        assert next_q(flow, {**BASE, "debt": "partial"}) == "credit"
        assert "negotiate" in plan_ids(flow, {**BASE, "debt": "partial", "credit": "no"})

    def test_already_repaid_but_chased(self, flow):
        assert "repaid" in plan_ids(flow, {**BASE, "debt": "repaid", "credit": "no"})

    def test_old_debt_asks_about_recent_contact_instead_of_credit(self, flow):
        assert next_q(flow, {**BASE, "debt": "old"}) == "old-contact"


class TestCredit:
    def test_worried_about_credit_record(self, flow):
        assert "credit" in plan_ids(flow, {**BASE, "debt": "full", "credit": "yes"})

    def test_not_worried(self, flow):
        assert "credit" not in plan_ids(flow, {**BASE, "debt": "full", "credit": "no"})


class TestOldContact:
    def test_old_debt_plan_explains_the_limitation_period(self, flow):
        ids = plan_ids(flow, {**BASE, "debt": "old", "old-contact": "no"})
        assert "old-debt" in ids
        steps = [st.link for s in flow.situations.values() if s.id == "old-debt" for st in s.steps]
        assert "guide/lawsuit.md#limitation-period" in steps


class TestChangingAnAnswer:
    def test_later_answers_that_still_apply_are_kept(self, flow):
        answers = {**BASE, "debt": "partial", "credit": "yes"}
        changed = {**answers, "papers": "court"}
        assert next_q(flow, changed) == "plan" and "court-papers" in plan_ids(flow, changed)

    def test_answers_off_the_new_path_are_dropped_from_the_view(self, flow):
        answers = {**BASE, "debt": "partial", "credit": "yes"}
        v = view(flow, {**answers, "debt": "old"})
        assert v["question"]["id"] == "old-contact" and "credit" not in v["answers"]


def test_every_plan_ends_with_the_basics_and_is_ordered_by_urgency(flow):
    for answers in paths(flow):
        situations = plan(flow, walk(flow, answers).situations)
        assert situations[-1].id == "basics"
        assert [s.urgency for s in situations] == sorted(s.urgency for s in situations)


def test_no_path_asks_more_than_six_questions(flow):
    assert max(len(a) for a in paths(flow)) <= 6
