"""A letter builder, <!-- x:letter <id> --> (ids from data/letters.yaml): form, filled letter, blank template."""
from triage.letters import blank

from ..content.errors import ContentError
from . import form

TEMPLATE = "components/letter/letter.html"


def letter(ctx, letter_id: str) -> str:
    book = ctx.data.book
    if letter_id not in book.letters:
        raise ContentError(ctx.where, f"no letter '{letter_id}' in data/letters.yaml",
                           f"write <!-- x:letter <id> --> with one of: {', '.join(book.letters)}")
    chosen = book.letters[letter_id]
    return form.render(ctx, TEMPLATE, letter=chosen, fields=book.form(letter_id), blank=blank(book, letter_id),
                       summary="evidence_summary" in chosen.fields)


HTML = {"letter": letter}
SCRIPTS = ["components/letter/letter.js"]  # a module; main.html loads it after the tools' core
