"""One marker grammar for widgets in Markdown, <!-- x:<name> [argument] -->: unknown or old markers stop the build
naming docs/<page>:<line> (checked in-process, without MkDocs)."""
from types import SimpleNamespace

import pytest

from sitegen import components
from sitegen.content.errors import ContentError

SOURCE = "---\ntitle: t\n---\n\n# 标题\n\n{marker}\n"


def fill(marker: str, stage=components.fill_markdown) -> str:
    text = SOURCE.format(marker=marker)
    page = SimpleNamespace(file=SimpleNamespace(content_string=text, src_uri="guide/x.md"), url="guide/x/")
    ctx = components.Context(config={}, page=page, files=None, env=None, data=None, built="2026-12-07", engine=None)
    return stage(text.split("---\n", 2)[2], ctx)  # MkDocs hands the hook the page without its front matter


@pytest.mark.parametrize("marker,words", [
    ("<!-- x:quizz -->", ["docs/guide/x.md:7", "unknown widget marker", "quiz", "letter"]),
    ("<!-- triage -->", ["docs/guide/x.md:7", "old widget marker", "<!-- x:quiz -->"]),
    ("<!-- tool:letter:negotiation -->", ["docs/guide/x.md:7", "old widget marker", "x:letter negotiation"]),
    ("<!-- x:quiz extra -->", ["docs/guide/x.md:7", "takes no argument", "'extra'"]),
])
def test_bad_markers_name_the_page_and_line(marker, words):
    with pytest.raises(ContentError) as caught:
        fill(marker)
    for w in words:
        assert w in str(caught.value)


def test_html_stage_markers_wait_for_markdown_and_other_comments_stay():
    out = fill("<!-- x:letter negotiation -->\n<!-- an ordinary comment -->")
    assert "<!-- x:letter negotiation -->" in out and "<!-- an ordinary comment -->" in out


def test_every_widget_name_is_registered_once():
    assert set(components.MARKDOWN) == {"quiz", "quiz-static", "crisis-line", "offline-save"}
    assert set(components.HTML) == {"letter", "evidence", "limitation", "deadlines"}


def test_every_widget_a_quiz_card_may_carry_is_a_tool_filled_after_markdown():
    """A card's `widget:` (data/flow.yaml) becomes its marker inside the quiz's fragments (triage.render.card), which
    only the after-Markdown pass fills: so each name the flow accepts must be an HTML widget."""
    from triage.flow import WIDGETS
    assert set(WIDGETS) <= set(components.HTML), f"not tools: {set(WIDGETS) - set(components.HTML)}"
