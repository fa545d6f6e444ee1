"""triage.states: the one enumeration of what a reader can see, behind the checks, the build's table and the tests."""
import pytest

from triage.engine import paths, plan, walk
from triage.states import END, all_states, nodes, reaching, state_key, table


def test_every_path_passes_only_through_enumerated_states(flow):
    keys = set(all_states(flow))
    for answers in paths(flow):
        for n in range(len(answers) + 1):
            assert state_key(walk(flow, dict(list(answers.items())[:n]))) in keys


def test_the_table_leads_every_path_to_the_engines_plan(flow):
    tab = table(flow)
    assert tab["ids"][0] == state_key(walk(flow, {}))
    for answers in paths(flow):
        row = tab["states"][0]
        while "q" in row:
            row = tab["states"][row["next"][answers[row["q"]]]]
        assert row["plan"] == [s.id for s in plan(flow, walk(flow, answers).situations)]


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
