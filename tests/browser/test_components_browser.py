"""One axe check per component state: every HTML example of every component (overrides/components/*/
examples.yaml, rendered as in tests/components/) shown inside a real page of the built site, with the site's
styles, at phone width, in the state its script would put it in (`enhanced`: shown, hidden, a class, and
`insert`: markup the script draws, e.g. the evidence cards), once transitions have settled. Site-wide parts
(`replaces`: the quick exit) take the place of their own element, where their styles apply."""
import json

import pytest

from examples import examples, render
from support import axe_violations

HOST = "cases/"  # a plain page: no widget of its own, so no script acts on what is put into it
EXAMPLES = [e for e in examples() if e.format == "html"]

# Into the article, or in place of the site-wide element the example is (`replaces`, e.g. the quick exit).
SHOW = """([html, enhanced, replaces]) => {
  let box = document.querySelector('.md-content__inner');
  if (replaces) { const old = document.querySelector(replaces); old.insertAdjacentHTML('afterend', html); old.remove();
                  box = document.querySelector(replaces).parentNode; }
  else box.innerHTML = '<h1>示例</h1>' + html;
  for (const sel of enhanced.show || []) for (const n of box.querySelectorAll(sel)) n.hidden = false;
  for (const sel of enhanced.hide || []) for (const n of box.querySelectorAll(sel)) n.hidden = true;
  if (enhanced.class) for (const n of box.querySelectorAll('.tool')) n.classList.add(enhanced.class);
  for (const part of enhanced.insert || []) for (const n of box.querySelectorAll(part.into)) {
    n.insertAdjacentHTML(part.where || 'beforeend', part.html); n.hidden = false; }
}"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    yield page
    ctx.close()


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_axe_finds_nothing_in_the_example(server, phone, ex):
    replaces = ex.data.get("replaces")
    if replaces or not phone.url.startswith(server.url + HOST):
        phone.goto(server.url + HOST)  # a fresh page after an example replaced part of it
    phone.evaluate(SHOW, [render(ex), ex.enhanced, replaces])
    violations = axe_violations(phone, context=replaces or ".md-content")
    assert not violations, json.dumps([(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations],
                                      ensure_ascii=False)
