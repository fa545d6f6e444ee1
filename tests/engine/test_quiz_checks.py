"""The flow checks (every answer matters, short paths) on small made-up flows, the real flow's shape
(question count per path, question length), and the maintainer's terminal tool."""
import statistics

import pytest

from triage.__main__ import distribution, interactive, main
from triage.engine import paths
from triage.errors import ContentError
from triage.flow import from_dict
from triage.validate import MAX_QUESTIONS, check

STEP = [{"do": "做一件事。", "link": "guide/x.md#y"}]


def situation(sid, **extra):
    return {"id": sid, "urgency": 1, "title": sid, "summary": sid, "steps": STEP, **extra}


def made_up(*questions):
    """A flow from (id, [(option id, next, [situations]), ...]) tuples; each situation named is defined."""
    situations = sorted({sid for _, opts in questions for _, _, sits in opts for sid in sits})
    return {"start": questions[0][0],
            "questions": [{"id": qid, "text": qid, "options": [{"id": oid, "label": oid, "next": nxt, "situations": sits}
                                                              for oid, nxt, sits in opts]}
                          for qid, opts in questions],
            "situations": [situation(s) for s in situations]}


def error_of(data) -> ContentError:
    with pytest.raises(ContentError) as exc:
        check(from_dict(data))
    return exc.value


class TestEveryAnswerMatters:
    def test_a_sound_flow_passes(self):
        check(from_dict(made_up(("q1", [("x", "q2", ["a"]), ("y", "q2", [])]),
                                ("q2", [("x", "end", ["b"]), ("y", "end", ["c"])]))))

    def test_an_option_giving_the_same_plans_as_one_above_it_is_dead(self):
        err = error_of(made_up(("q1", [("x", "end", ["a"]), ("y", "end", ["b"]), ("z", "end", ["a"])])))
        assert err.node == "q1.z" and "never changes the plan" in err.what and "'x'" in err.what

    def test_an_option_that_only_repeats_an_always_situation_is_dead(self):
        data = made_up(("q1", [("x", "end", ["a"]), ("none", "end", []), ("also", "end", ["c"])]))
        data["situations"][1]["always"] = True  # c
        assert error_of(data).node == "q1.also"

    def test_a_question_whose_answers_all_lead_to_the_same_plans_is_refused(self):
        """Like the old 「最近三年…」 question: both answers added the same card."""
        err = error_of(made_up(("q1", [("x", "q2", ["a"]), ("y", "end", ["b"])]),
                               ("q2", [("yes", "end", ["c"]), ("no", "end", ["c"])])))
        assert err.node == "q2" and "no answer can change the plan" in err.what

    def test_a_question_asked_where_it_no_longer_matters_is_refused(self):
        """q2 matters after x but not after y, where its only card is already in the plan: skip it there."""
        err = error_of(made_up(("q1", [("x", "q2", ["a"]), ("y", "q2", ["b"])]),
                               ("q2", [("yes", "end", ["b"]), ("no", "end", [])])))
        assert err.node == "q2" and "'b'" in err.what

    def test_an_option_that_matters_on_one_path_only_is_alive(self):
        check(from_dict(made_up(("q1", [("x", "q2", ["a"]), ("y", "end", ["b"])]),
                                ("q2", [("yes", "end", ["c"]), ("no", "end", [])]))))

    def test_more_than_the_maximum_questions_on_a_path_is_refused(self):
        qs = [(f"q{i}", [("x", f"q{i + 1}", [s]), ("y", f"q{i + 1}", [])]) for i, s in enumerate("abcabca")]
        qs[-1] = ("q6", [("x", "end", ["a"]), ("y", "end", [])])
        assert "at most 6" in error_of(made_up(*qs)).what

    def test_the_old_adds_key_is_named_with_its_new_name(self):
        data = made_up(("q1", [("x", "end", ["a"]), ("y", "end", ["b"])]))
        data["questions"][0]["options"][0]["adds"] = ["a"]
        with pytest.raises(ContentError) as exc:
            from_dict(data)
        assert exc.value.node == "q1.x" and "situations" in exc.value.what

    def test_at_once_must_be_true_or_false(self):
        data = made_up(("q1", [("x", "end", ["a"]), ("y", "end", ["b"])]))
        data["situations"][0]["at_once"] = "yes"
        with pytest.raises(ContentError) as exc:
            from_dict(data)
        assert exc.value.node == "a" and "at_once" in exc.value.what


class TestSeveralAnswers:
    """multiple: true questions: the way on is the question's, they come last, and only 都没有 adds nothing."""

    def multi(self, **extra):
        data = made_up(("q1", [("x", "q2", ["a"]), ("y", "q2", [])]),
                       ("q2", [("x", "end", ["b"]), ("y", "end", ["c"]), ("none", "end", [])]))
        q2 = data["questions"][1]
        q2["multiple"], q2["next"] = True, "end"
        for o in q2["options"]:
            del o["next"]
        q2.update(extra)
        return data

    def test_a_sound_multiple_question_passes_and_gives_the_union(self):
        from triage.engine import plan, walk
        flow = from_dict(self.multi())
        check(flow)
        assert [s.id for s in plan(flow, walk(flow, {"q1": "x", "q2": ("y", "x")}).situations)] == ["a", "b", "c"]
        assert walk(flow, {"q1": "x", "q2": ["x", "nope"]}).current.id == "q2", "an unknown tick is no answer"
        assert walk(flow, {"q1": "x", "q2": "x"}).current.id == "q2", "one id is not an answer to a multiple question"

    def test_its_next_is_on_the_question(self):
        data = self.multi()
        del data["questions"][1]["next"]
        err = error_of(data)
        assert err.node == "q2" and "needs its own next" in err.what and "on the question" in err.fix

    def test_its_options_cannot_have_their_own_next(self):
        data = self.multi()
        data["questions"][1]["options"][0]["next"] = "end"
        err = error_of(data)
        assert err.node == "q2.x" and "cannot have its own next" in err.what and "delete" in err.fix

    def test_next_on_a_one_answer_question_is_refused(self):
        data = self.multi()
        data["questions"][0]["next"] = "q2"
        err = error_of(data)
        assert err.node == "q1" and "only for questions with multiple: true" in err.what

    def test_multiple_must_be_true_or_false(self):
        err = error_of(self.multi(multiple="yes"))
        assert err.node == "q2" and "'multiple' must be true or false" in err.what

    def test_it_comes_last(self):
        data = self.multi(next="q3")
        data["questions"].append({"id": "q3", "text": "q3", "options": [{"id": "x", "label": "x", "next": "end", "situations": ["d"]},
                                                                       {"id": "y", "label": "y", "next": "end"}]})
        data["situations"].append(situation("d"))
        err = error_of(data)
        assert err.node == "q2" and "must come last" in err.what

    def test_only_one_answer_may_add_nothing(self):
        data = self.multi()
        data["questions"][1]["options"].append({"id": "unsure", "label": "不确定"})
        err = error_of(data)
        assert err.node == "q2.none" and "only one answer" in err.what and "'unsure'" in err.what

    def test_no_at_once_card_from_a_tick(self):
        data = self.multi()
        data["situations"][1]["at_once"] = True  # b
        err = error_of(data)
        assert err.node == "q2.x" and "at_once" in err.what

    def test_the_first_question_cannot_be_multiple(self):
        data = self.multi()
        data["start"] = "q2"
        data["questions"][0]["options"][0]["next"] = "end"
        assert "first question" in error_of(data).what


class TestShapeOfTheRealFlow:
    def test_median_questions_per_path_is_at_most_4_and_max_6(self, flow):
        lengths = [len(a) for a in paths(flow)]
        assert statistics.median(lengths) <= 4
        assert max(lengths) <= MAX_QUESTIONS

    def test_the_pages_say_the_true_number_of_questions(self, flow):
        """「最多 N 个问题」 on the home and quiz pages is the longest path, as the progress line says."""
        import re
        from pathlib import Path
        docs = Path(__file__).resolve().parents[2] / "docs"
        longest = max(len(a) for a in paths(flow))
        for page in ("index.md", "quiz/index.md"):
            for said in re.findall(r"最多 ?(\d+) ?个", (docs / page).read_text(encoding="utf-8")):
                assert int(said) == longest, f"docs/{page} says 最多 {said} 个; the longest path asks {longest}"

    def test_paths_differ_in_length(self, flow):
        assert len({len(a) for a in paths(flow)}) > 1

    def test_each_question_fits_a_phone_screen(self, flow):
        """One short sentence (≤ 24 characters) and at most 5 short options (8 tick boxes, which are lower rows),
        so a 390 px phone shows them all."""
        for q in flow.questions.values():
            assert len(q.text) <= 24, q.id
            assert q.text.count("？") + q.text.count("。") <= 1, q.id
            assert len(q.options) <= (8 if q.multiple else 5), q.id
            assert all(len(o.label) <= 16 for o in q.options), q.id

    def test_every_step_is_one_line_of_plain_text(self, flow):
        for s in flow.situations.values():
            for st in s.steps:
                assert "\n" not in st.do and len(st.do) <= 50, (s.id, st.do)


class TestTerminalTool:
    def test_paths_prints_the_count_and_distribution(self, flow, capsys):
        assert main(["--paths"]) == 0
        out = capsys.readouterr().out
        lengths = [len(a) for a in paths(flow)]
        assert f"{len(lengths)} complete paths" in out
        assert f"median {statistics.median(lengths):g}, max {max(lengths)}" in out
        assert distribution(flow) in out

    def test_a_walk_shows_the_safety_card_straight_after_the_answer(self, flow):
        said: list[str] = []
        script = iter(["1", "1", "8", "8"])  # unsafe, can't pay in one go, nothing else
        answers = interactive(flow, ask=lambda _: next(script), say=said.append)
        assert answers == {"danger": "yes", "debt": "partial", "papers": ("none",), "conduct": ("none",)}
        card = next(i for i, line in enumerate(said) if flow.situations["danger"].title in line)
        question_2 = next(i for i, line in enumerate(said) if flow.questions["debt"].text in line)
        assert card < question_2
        assert "（第 2 题，最多 5 题）" in said[question_2]  # the site's progress line, from the same engine

    def test_several_answers_in_the_terminal(self, flow):
        said: list[str] = []
        script = iter(["3", "1", "2 5", "1,2"])
        answers = interactive(flow, ask=lambda _: next(script), say=said.append)
        assert answers["papers"] == ("court", "transfer") and answers["conduct"] == ("self", "family")
        titles = [flow.situations[s].title for s in ("court-papers", "scam", "family", "harassment")]
        assert all(any(t in line for line in said) for t in titles)

    def test_back_and_quit(self, flow):
        script = iter(["3", "b", "2", "q"])
        assert interactive(flow, ask=lambda _: next(script), say=lambda _: None) == {"danger": "crisis"}
