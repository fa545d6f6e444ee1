"""A broken flow file stops the build with a message naming data/flow.yaml, the line and the id."""
import pytest

from quiz_fixtures import BROKEN_FLOWS
from test_broken_content import broken, edit


@pytest.mark.parametrize("name,old,new,expected", BROKEN_FLOWS, ids=[f[0] for f in BROKEN_FLOWS])
def test_broken_flow_fails_the_build(tmp_path, name, old, new, expected):
    out = broken(tmp_path, lambda p: edit(p / "data/flow.yaml", old, new))
    for words in expected:
        assert words in out, f"{name}: expected {words!r} in:\n{out[-1500:]}"
