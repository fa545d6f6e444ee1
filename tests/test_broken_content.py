"""Bad content fails the build, and the message names the file, the thing and the fix.

Each case copies the project to a temp folder, breaks one thing on purpose, and runs the strict build."""
import re

import pytest

from support import build, copy_project


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture is stale: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def broken_build(tmp_path, breaker):
    project = copy_project(tmp_path / "project")
    breaker(project)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_statute_missing_a_field(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "data/statutes/civil-code.yaml", "last_verified:", "checked:"))
    assert "civil-code.yaml" in out and "missing required field 'last_verified'" in out and "fix" in out


def test_statute_article_without_text(tmp_path):
    def breaker(p):
        path = p / "data/statutes/criminal-law.yaml"
        path.write_text(re.sub(r"(- number: 第二百九十三条之一\n  topic: [^\n]+\n)  text: \|-\n(    [^\n]*\n)+", r"\1", path.read_text()), encoding="utf-8")
    out = broken_build(tmp_path, breaker)
    assert "criminal-law.yaml" in out and "第二百九十三条之一" in out and "missing 'text'" in out


def test_unverified_fact_is_not_published(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "data/statutes/civil-code.yaml", "summary: ", "summary: UNVERIFIED "))
    assert "civil-code.yaml" in out and "UNVERIFIED" in out


def test_page_citing_an_article_not_in_the_data(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "docs/guide/complaints.md", "{{law civil-code 1165}}", "{{law civil-code 9999}}"))
    assert "docs/guide/complaints.md:" in out and "'9999'" in out and "data/statutes/civil-code.yaml" in out
    assert "add the article" in out


def test_page_citing_an_unknown_statute(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "docs/guide/complaints.md", "{{law civil-code 1165}}", "{{law contract-law 107}}"))
    assert "docs/guide/complaints.md:" in out and "unknown statute 'contract-law'" in out


def test_dead_link(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "docs/index.md", "(guide/negotiate.md#prepare)", "(guide/negotiation.md)"))
    assert "index.md" in out and "guide/negotiation.md" in out


def test_dead_anchor(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "docs/index.md", "(guide/negotiate.md#prepare)", "(guide/negotiate.md#no-such-section)"))
    assert "index.md" in out and "no-such-section" in out


def test_letter_template_with_an_undefined_field(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "quiz/letters.yaml", "本人{name}", "本人{full_name}"))
    assert "letters.yaml:" in out and "{full_name}" in out and "fix" in out


def test_letter_citing_an_article_not_in_the_data(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "quiz/letters.yaml", "{{law civil-code 1034}}", "{{law civil-code 1399}}"))
    assert "letters.yaml:" in out and "'1399'" in out


def test_article_source_without_commit(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "data/statutes/criminal-law.yaml", "    commit: ", "    comit: "))
    assert "criminal-law.yaml:" in out and "'source' must name repo, commit and path" in out


def test_historical_article_without_version(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "data/statutes/civil-procedure-law.yaml", "  version: 2017-06-27", "  edition: 2017-06-27"))
    assert "civil-procedure-law.yaml:" in out and "missing 'version'" in out


def test_bad_citation_in_a_statute_summary(tmp_path):
    out = broken_build(tmp_path, lambda p: edit(p / "data/statutes/civil-code.yaml", "summary: ", "summary: 见{{law civil-code 9}}。"))
    assert "civil-code.yaml:" in out and "'9'" in out


def test_missing_flow_file(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site", QUIZ_FLOW=str(project / "quiz/nope.yaml"))
    assert result.returncode != 0 and "nope.yaml" in result.stderr and "cannot read the file" in result.stderr
