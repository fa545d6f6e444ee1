"""Fast render tests: every example of every component (overrides/components/*/examples.yaml) rendered
through the theme's Jinja environment, in milliseconds. Each example's own key content, and for HTML the
ARIA wiring: ids unique, aria-describedby/labelledby point at ids in the fragment, every form control and
live region has what it needs."""
from html.parser import HTMLParser

import pytest

from examples import COMPONENTS, examples, render

EXAMPLES = examples()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def aria_problems(html: str) -> list[str]:
    p = _Tags()
    p.feed(html)
    ids = [a["id"] for _, a in p.tags if "id" in a]
    labelled = {a.get("for") for t, a in p.tags if t == "label"}
    problems = [f"duplicate id {i}" for i in sorted(set(ids)) if ids.count(i) > 1]
    for tag, a in p.tags:
        for attr in ("aria-describedby", "aria-labelledby"):
            problems += [f"<{tag}> {attr} names missing id {ref}" for ref in a.get(attr, "").split() if ref not in ids]
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            if a.get("id") not in labelled and not a.get("aria-label") and not a.get("aria-labelledby"):
                # a control inside its <label> is labelled by it (checkbox, file input)
                problems.append(f"<{tag} name={a.get('name')}> has no label") if not _inside_label(html, a) else None
        if a.get("role") == "status" and a.get("aria-live") not in ("polite", None):
            problems.append(f"<{tag}> role=status with aria-live={a['aria-live']}")
    return problems


def _inside_label(html: str, attrs: dict) -> bool:
    marker = f'class="{attrs.get("class", "")}"'
    at = html.find(marker)
    return at >= 0 and html.rfind("<label", 0, at) > html.rfind("</label>", 0, at)


def test_every_component_folder_has_examples():
    folders = {p.name for p in COMPONENTS.iterdir() if p.is_dir()}
    with_file = {p.parent.name for p in COMPONENTS.glob("*/examples.yaml")}
    assert folders == with_file, f"no examples.yaml in {sorted(folders - with_file)}"
    assert len({e.component for e in EXAMPLES}) >= 6


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_example_renders_with_its_key_content(ex):
    html = render(ex)
    missing = [s for s in ex.expect.get("contains", []) if s not in html]
    assert not missing, f"{ex.id}: not in the rendered template: {missing}"
    present = [s for s in ex.expect.get("absent", []) if s in html]
    assert not present, f"{ex.id}: should not be rendered: {present}"
    if ex.format == "html":
        assert not aria_problems(html), aria_problems(html)


def test_markup_in_values_is_escaped():
    from examples import Example
    ex = next(e for e in EXAMPLES if e.id == "statute:article")
    assert "<b>" not in render(ex)
    ex = Example("exit", "x", "components/exit/exit.html", {"context": {}})
    assert render(ex).count("<aside") == 1
