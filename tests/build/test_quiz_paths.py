"""Every path through the flow, enumerated: each plan the engine can produce is in the shipped state table,
its step links resolve on the built site, and the static (no-JavaScript) version has every state."""
import html as htmllib
import json
import re

from triage.states import all_states, state_key
from triage.engine import paths, plan, walk


def _table(site, page="quiz/index.html"):
    text = (site / page).read_text(encoding="utf-8")
    raw = re.search(r'<div class="triage-table" hidden data-table="([^"]*)"', text).group(1)
    return json.loads(htmllib.unescape(raw)), text


def test_the_shipped_table_gives_the_engines_plan_on_every_path(flow, site):
    states, _ = _table(site)
    count = 0
    for answers in paths(flow):
        n, st = 0, states[0]
        while "q" in st:  # the glue's walk, over the shipped table
            n = st["next"][answers[st["q"]]]
            st = states[n]
        assert st["plan"] == [s.id for s in plan(flow, walk(flow, answers).situations)], answers
        count += 1
    print(f"\n{count} complete paths through data/flow.yaml, each checked against the shipped table")


def test_every_plan_link_resolves_on_the_built_site(site):
    _, text = _table(site)
    hrefs = set(re.findall(r'<ol class="triage-steps">.*?</ol>', text, re.S))
    links = {htmllib.unescape(h) for block in hrefs for h in re.findall(r'href="([^"]+)"', block)}
    assert links
    for link in links:
        if link.startswith("tel:"):
            continue
        path, _, anchor = link.partition("#")
        target = (site / "quiz" / path / "index.html").resolve()
        assert target.is_file(), f"{link}: no such page"
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{link}: no such section"


def test_static_version_has_every_state_and_every_option_leads_to_one(flow, site):
    text = (site / "quiz/static/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="triage-state[^"]*" id="([^"]+)"', text))
    assert set(all_states(flow)) <= ids
    for answers in paths(flow):
        assert state_key(walk(flow, answers)) in ids
    targets = re.findall(r'class="triage-option" href="[^"#]*#([^"]+)"', text)
    assert targets and set(targets) <= ids
    assert not re.search(r'id="q-|--', " ".join(f'id="{i}"' for i in ids)), "state ids must not spell out answers"
