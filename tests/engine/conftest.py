"""Engine-tier fixtures: the real data/flow.yaml read with PyYAML and checked by the engine alone
(no sitegen, no docs), so these tests stay fast and need no build."""
from pathlib import Path

import pytest
import yaml

from triage.flow import from_dict
from triage.validate import check

FLOW_YAML = Path(__file__).resolve().parents[2] / "data" / "flow.yaml"


@pytest.fixture(scope="session")
def flow_data() -> dict:
    return yaml.safe_load(FLOW_YAML.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def flow(flow_data):
    flow = from_dict(flow_data)
    check(flow)
    return flow
