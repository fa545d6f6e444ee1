"""Every content file, loaded and checked in one call, without MkDocs: the build's first step uses it, and the
error-case table in tests/build runs it in-process on broken copies (milliseconds instead of a full build).

Bad content raises ContentError naming file:line, the id and the fix. One module per kind of data:
  statutes   data/statutes/*.yaml             citations  {{law <id> <article>}} in pages and data texts
  hotlines   data/hotlines.yaml               flow       data/flow.yaml (the quiz) and its state table
  letters    data/letters.yaml                limitation data/limitation.yaml
  deadlines  data/deadlines.yaml, data/holidays.yaml (court deadlines)
  glossary   docs/guide/glossary.md (its terms, linked on pages)
  yamlfile   YAML with line numbers           errors     ContentError (the engine's)"""
from dataclasses import dataclass
from pathlib import Path

from triage.deadlines import Holidays
from triage.deadlines import Texts as DeadlineTexts
from triage.letters import LetterBook
from triage.limitation import Texts

from . import citations, hotlines
from .citations import Citation
from .deadlines import load_deadlines, load_holidays
from .flow import Quiz, load_flow
from .glossary import GLOSSARY, parse_terms
from .letters import load_letters
from .limitation import load_limitation
from .statutes import Statute, load_all


@dataclass(frozen=True)
class Paths:
    docs: Path
    statutes: Path
    flow: Path
    letters: Path
    limitation: Path
    hotlines: Path
    deadlines: Path
    holidays: Path

    @classmethod
    def of(cls, root: Path, docs: Path | None = None, hotlines: Path | None = None) -> "Paths":
        data = root / "data"
        return cls(docs or root / "docs", data / "statutes", data / "flow.yaml", data / "letters.yaml",
                   data / "limitation.yaml", _shown(hotlines or data / "hotlines.yaml"), data / "deadlines.yaml",
                   data / "holidays.yaml")


def _shown(path: Path) -> Path:
    """data/hotlines.yaml rather than an absolute path, so the error reads like the file the editor has open."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


@dataclass(frozen=True)
class Content:
    statutes: dict[str, Statute]
    cites: list[Citation]
    quiz: Quiz
    book: LetterBook
    limitation: Texts
    hotlines: hotlines.Hotlines
    deadlines: DeadlineTexts
    holidays: Holidays
    glossary: dict[str, str]  # term → anchor in the glossary page


def load(paths: Paths) -> Content:
    statutes = load_all(paths.statutes)
    cites = citations.scan_docs(paths.docs, statutes)
    for s in statutes.values():  # plain-language fields may cite other articles too
        for text, line in s.published_texts():
            cites += citations.scan(citations.statute_uri(s.id), text, statutes, str(s.path), line, s.short_name)
    return Content(statutes, cites, load_flow(paths.flow, paths.docs), load_letters(paths.letters, statutes),
                   load_limitation(paths.limitation, statutes), hotlines.load(paths.hotlines),
                   load_deadlines(paths.deadlines, statutes), load_holidays(paths.holidays),
                   parse_terms((paths.docs / GLOSSARY).read_text(encoding="utf-8")))
