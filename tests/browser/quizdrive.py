"""Driving the quiz in Chromium as a reader does: the answers a path gives, by their labels, tapped or ticked."""
import re


def labels_in_order(flow, answers):
    """(question id, label) per answer on the path; for a several-answer question, a list of labels."""
    from triage.engine import walk
    out = []
    for s in walk(flow, answers).answered:
        labels = [s.question.option(o).label for o in s.option_ids]
        out.append((s.question.id, labels if s.question.multiple else labels[0]))
    return out


def tap(page, label):
    """Answer the question on screen: tap an option, or tick each label given (a list) and press 下一步."""
    if isinstance(label, list):
        for one in label:
            page.locator("#triage .triage-check", has_text=re.compile(f"^\\s*{re.escape(one)}$")).click()
        page.get_by_role("button", name="下一步").click()
    else:
        page.locator("#triage .triage-option", has_text=re.compile(f"^{re.escape(label)}$")).click()


def answer_all(page, flow, answers):
    for _, label in labels_in_order(flow, answers):
        tap(page, label)


def show_static_card(page, card_id: str) -> None:
    """On the static quiz page, show one card as after a tap in a plan (a fragment navigation). On a busy machine
    the page's scripts, still starting, have once taken the first navigation's :target away (seen 1 in 12 runs
    with two CPU burners; cause not found): the tap is repeated until the card is the target."""
    page.wait_for_function("h => { const t = document.querySelector(':target'); if (t && t.id === h) return true;"
                           " location.hash = ''; location.hash = h; return false; }", arg=card_id, polling=500)
