"""Every content file, loaded and checked in one call, without MkDocs: the build's on_config uses it, and the
error-case table in tests/build runs it in-process on broken copies (milliseconds instead of a full build).

Bad content raises ContentError naming file:line, the id and the fix."""
from dataclasses import dataclass
from pathlib import Path

from triage.deadlines import Holidays
from triage.deadlines import Texts as DeadlineTexts
from triage.letters import LetterBook
from triage.limitation import Texts

from . import citations, quiz_build, tools_build
from .citations import Citation
from .statutes import Statute, load_all


@dataclass(frozen=True)
class Paths:
    docs: Path
    statutes: Path
    flow: Path
    letters: Path
    limitation: Path
    deadlines: Path
    holidays: Path

    @classmethod
    def of(cls, root: Path, docs: Path | None = None) -> "Paths":
        return cls(docs or root / "docs", root / "data" / "statutes", root / "quiz" / "flow.yaml",
                   root / "quiz" / "letters.yaml", root / "quiz" / "limitation.yaml", root / "quiz" / "deadlines.yaml",
                   root / "data" / "holidays.yaml")


@dataclass(frozen=True)
class Content:
    statutes: dict[str, Statute]
    cites: list[Citation]
    quiz: quiz_build.Quiz
    book: LetterBook
    limitation: Texts
    deadlines: DeadlineTexts
    holidays: Holidays


def load(paths: Paths) -> Content:
    statutes = load_all(paths.statutes)
    cites = citations.scan_docs(paths.docs, statutes)
    for s in statutes.values():  # plain-language fields may cite other articles too
        for text, line in s.published_texts():
            cites += citations.scan(citations.statute_uri(s.id), text, statutes, str(s.path), line, s.short_name)
    return Content(statutes, cites, quiz_build.load_flow(paths.flow, paths.docs),
                   tools_build.load_letters(paths.letters, statutes), tools_build.load_limitation(paths.limitation, statutes),
                   tools_build.load_deadlines(paths.deadlines, statutes), tools_build.load_holidays(paths.holidays))
