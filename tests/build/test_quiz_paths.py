"""Every path through the flow, enumerated; each plan's links resolve on the built site, and the static
(no-JavaScript) version contains every state the engine can produce."""
import re

from sitegen.quiz_build import all_states, page_url
from triage.engine import paths, plan, state_id, walk


def test_every_path_ends_in_a_plan_whose_links_resolve(flow, site):
    all_paths = list(paths(flow))
    print(f"\n{len(all_paths)} complete paths through quiz/flow.yaml")
    assert len(all_paths) > 100
    checked = set()
    for answers in all_paths:
        for situation in plan(flow, walk(flow, answers).situations):
            for step in situation.steps:
                if step.link in checked:
                    continue
                url = page_url(step.link, "")
                page, _, anchor = url.partition("#")
                html = (site / page / "index.html").read_text(encoding="utf-8")
                assert f'id="{anchor}"' in html, f"{situation.id}: {step.link} does not resolve on the built site"
                checked.add(step.link)


def test_static_version_has_every_state_and_every_option_leads_to_one(flow, site):
    html = (site / "quiz/static/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="triage-state[^"]*" id="([^"]+)"', html))
    states = all_states(flow)
    assert set(states) <= ids
    for answers in paths(flow):
        assert state_id(walk(flow, answers)) in ids
    for target in re.findall(r'<a class="triage-option" href="#([^"]+)"', html):
        assert target in ids
