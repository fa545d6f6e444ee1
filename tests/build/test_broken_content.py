"""Bad content fails the build, and the message names the file, the thing and the fix.

Each case copies the content to a temp folder and breaks one thing on purpose. Most run the build's own
content loader in-process (sitegen.content.load: milliseconds); the few that MkDocs itself checks (dead
links and anchors in pages) run the real strict build."""
import re
import shutil

import pytest

from sitegen import content
from sitegen.content import hotlines
from sitegen.content.errors import ContentError
from support import EARLY, ROOT, build, copy_project

# (what is broken, file, old text, new text, words the error must contain)
BROKEN = [
    ("statute missing a field", "data/statutes/civil-code.yaml", "last_verified:", "checked:",
     ["civil-code.yaml", "missing required field 'last_verified'", "fix"]),
    ("unverified fact in a published field", "data/statutes/civil-code.yaml", "summary: ", "summary: UNVERIFIED ",
     ["civil-code.yaml", "UNVERIFIED"]),
    ("article source without commit", "data/statutes/criminal-law.yaml", "    commit: ", "    comit: ",
     ["criminal-law.yaml:", "'source' must name repo, commit and path"]),
    ("historical article without version", "data/statutes/civil-procedure-law.yaml", "  version: 2017-06-27", "  edition: 2017-06-27",
     ["civil-procedure-law.yaml:", "missing 'version'"]),
    ("bad citation in a statute summary", "data/statutes/civil-code.yaml", "summary: ", "summary: 见{{law civil-code 9}}。",
     ["civil-code.yaml:", "'9'"]),
    ("page citing an article not in the data", "docs/guide/complaints.md", "{{law civil-code 1165}}", "{{law civil-code 9999}}",
     ["docs/guide/complaints.md:", "'9999'", "data/statutes/civil-code.yaml", "add the article"]),
    ("page citing an unknown statute", "docs/guide/complaints.md", "{{law civil-code 1165}}", "{{law contract-law 107}}",
     ["docs/guide/complaints.md:", "unknown statute 'contract-law'"]),
    ("letter template with an undefined field", "data/letters.yaml", "本人{name}", "本人{full_name}",
     ["letters.yaml:", "{full_name}", "fix"]),
    ("letter citing an article not in the data", "data/letters.yaml", "{{law civil-code 1034}}", "{{law civil-code 1399}}",
     ["letters.yaml:", "'1399'"]),
    ("limitation text citing an article not in the data", "data/limitation.yaml", "{{law civil-code 193}}", "{{law civil-code 1930}}",
     ["limitation.yaml:", "'1930'"]),
    ("holiday data with a day that does not exist", "data/holidays.yaml", "from: 2026-10-01", "from: 2026-10-32",
     ["data/holidays.yaml:", "'2026-10-32' is not a date", "fix"]),
    ("deadline text citing an article not in the data", "data/deadlines.yaml", "{{law civil-procedure-law 227}}",
     "{{law civil-procedure-law 2270}}", ["deadlines.yaml:", "'2270'"]),
    ("hotline without a name", "data/hotlines.yaml", "    name: 人民法院诉讼服务热线\n", "",
     ["data/hotlines.yaml:", "hotline 12368: missing required field 'name'", "fix"]),
    ("hotlines file that is not YAML", "data/hotlines.yaml", "    kind: official\n", "    kind: [official\n",
     ["data/hotlines.yaml:", "not valid YAML"]),
]
# Checked by MkDocs itself (validation: in mkdocs.yml), so these need the real build: one build of a copy with all
# of them broken at once (a strict build reports every warning before it stops), then one check per case.
BROKEN_PAGES = [
    ("dead link", "docs/index.md", "(guide/negotiate.md#prepare)", "(guide/negotiation.md)", ["index.md", "guide/negotiation.md"]),
    ("dead anchor", "docs/cases/xiao-wang.md", "(../guide/negotiate.md#propose)", "(../guide/negotiate.md#no-such-section)",
     ["xiao-wang.md", "no-such-section"]),
]


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture is stale: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def broken(tmp_path, breaker) -> str:
    """Break a copy of the content and load it as the build does; return the error message."""
    project = tmp_path / "project"
    for name in ("docs", "data", "quiz"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "triage"))
    breaker(project)
    with pytest.raises(ContentError) as caught:
        content.load(content.Paths.of(project))
        hotlines.load(project / "data" / "hotlines.yaml")
    return str(caught.value)


def broken_build(tmp_path, breaker):
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build(project, tmp_path / "site", SITEGEN_RUNTIME="untrimmed")  # (the error comes before it is used)
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


@pytest.mark.parametrize("name,path,old,new,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_content_is_refused_naming_file_line_and_fix(tmp_path, name, path, old, new, expected):
    out = broken(tmp_path, lambda p: edit(p / path, old, new))
    for words in expected:
        assert words in out, f"{name}: expected {words!r} in:\n{out[-1500:]}"


@EARLY.register("broken_pages_output")  # built in the background while other tests run (tests/support.py)
def _build_broken_pages(tmp_path_factory):
    def breaker(project):
        for _, path, old, new, _ in BROKEN_PAGES:
            edit(project / path, old, new)
    return broken_build(tmp_path_factory.mktemp("pages"), breaker)


@pytest.fixture(scope="module")
def broken_pages_output(tmp_path_factory):
    return EARLY.get("broken_pages_output", tmp_path_factory)


@pytest.mark.parametrize("name,path,old,new,expected", BROKEN_PAGES, ids=[b[0] for b in BROKEN_PAGES])
def test_broken_pages_fail_the_strict_build(broken_pages_output, name, path, old, new, expected):
    for words in expected:
        assert words in broken_pages_output, f"{name}: expected {words!r} in:\n{broken_pages_output[-1500:]}"


def test_statute_article_without_text(tmp_path):
    def breaker(p):
        path = p / "data/statutes/criminal-law.yaml"
        path.write_text(re.sub(r"(- number: 第二百九十三条之一\n  topic: [^\n]+\n)  text: \|-\n(    [^\n]*\n)+", r"\1", path.read_text()), encoding="utf-8")
    out = broken(tmp_path, breaker)
    assert "criminal-law.yaml" in out and "第二百九十三条之一" in out and "missing 'text'" in out


def test_missing_flow_file(tmp_path):
    out = broken(tmp_path, lambda p: (p / "data/flow.yaml").unlink())
    assert "flow.yaml" in out and "cannot read the file" in out
