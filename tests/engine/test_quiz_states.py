"""triage.states: the one enumeration of what a reader can see, behind the checks, the build's table and the tests."""
import pytest

from triage.engine import paths, plan, walk
from triage.states import END, all_states, nodes, reaching, state_key, table


def test_every_path_passes_only_through_enumerated_states(flow):
    keys = set(all_states(flow))
    for answers in paths(flow):
        for n in range(len(answers) + 1):
            assert state_key(walk(flow, dict(list(answers.items())[:n]))) in keys


def glue(tab, answers):
    """The glue's walk over the table (overrides/assets/triage.js): follow `next`, collect what the ticked
    answers add, show a plan's `pick` cards only if ticked. It looks up and filters; it never orders."""
    row, ticked = tab["states"][0], set()
    while "q" in row:
        if isinstance(row["next"], int):
            for o in answers[row["q"]]:
                ticked.update(tab["adds"][row["q"]][o])
            row = tab["states"][row["next"]]
        else:
            row = tab["states"][row["next"][answers[row["q"]]]]
    pick = set(row.get("pick", ()))
    return [c for c in row["plan"] if c not in pick or c in ticked]


def test_the_table_leads_every_path_to_the_engines_plan(flow):
    tab = table(flow)
    assert tab["ids"][0] == state_key(walk(flow, {}))
    for answers in paths(flow):
        assert glue(tab, answers) == [s.id for s in plan(flow, walk(flow, answers).situations)]


def test_every_combination_of_ticks_on_every_path_gives_the_engines_plan(flow):
    """The overlay is exact: every subset of the several-answer questions' ticks, on every one-answer path."""
    from itertools import chain, combinations, product
    tab = table(flow)
    multi = [q for q in flow.questions.values() if q.multiple]
    subsets = {q.id: [c for c in chain.from_iterable(combinations([o.id for o in q.options], n)
                                                     for n in range(1, len(q.options) + 1))] for q in multi}
    singles = {tuple((q, a) for q, a in p.items() if not flow.questions[q].multiple) for p in paths(flow)}
    checked = 0
    for single in singles:
        skipped = walk(flow, {**dict(single), **{m.id: () for m in multi}})
        asked = [step.question.id for step in skipped.answered if step.question.multiple]
        # each tick alone, all ticks, and a spread of the rest (pairs, triples, ...), in every pairing across questions
        for ticks in product(*([c for c in subsets[q] if len(c) == 1] + subsets[q][8::17] + [subsets[q][-1]] for q in asked)):
            answers = {**dict(single), **dict(zip(asked, ticks))}
            assert glue(tab, answers) == [s.id for s in plan(flow, walk(flow, answers).situations)], answers
            checked += 1
    assert checked > 1000


def test_the_progress_line_counts_the_most_questions_left(flow):
    tab = table(flow)
    for answers in paths(flow):
        row, n = tab["states"][0], 1
        total = len(answers)
        while "q" in row:
            assert row["n"] == n and row["of"] >= total and row["of"] >= n
            row = tab["states"][row["next"] if isinstance(row["next"], int) else row["next"][answers[row["q"]]]]
            n += 1
    assert tab["states"][0]["of"] == max(len(a) for a in paths(flow))


def test_ticks_are_an_overlay_so_the_states_stay_few(flow):
    assert len(all_states(flow)) < 200


def test_nodes_are_the_question_states(flow):
    assert {q for q, _ in nodes(flow)} == set(flow.questions) and all(q != END for q, _ in nodes(flow))


def test_reaching_gives_the_fewest_answers_with_the_given_ones(flow):
    assert reaching(flow, flow.start) == {}
    for qid in flow.questions:
        answers = reaching(flow, qid)
        assert walk(flow, answers).current.id == qid
    some = next(iter(paths(flow)))
    assert set(some.items()) <= set(reaching(flow, given=some).items())


def test_reaching_says_when_nothing_gets_there(flow):
    with pytest.raises(LookupError, match="no answers reach"):
        reaching(flow, flow.start, given={flow.start: flow.questions[flow.start].options[0].id})
