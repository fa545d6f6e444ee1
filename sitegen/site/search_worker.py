"""The theme's search worker, with one bound fixed (issue 16). mkdocs-material cuts a Chinese query into words
it finds in the index (`segment` in its worker), but its loop never tries the query as a whole (`j < length`):
a two-character word whose first character is also a word on its own is searched as that character alone.
上门 became 上*, 自杀 became 自*, and readers typing them got pages that merely contain 上 or 自. The fixed copy
tries the whole query too (`j <= length`); nothing else changes. Called from the on_files hook.

If a new theme version changes that code, the build stops here and says what to check."""
import re
from pathlib import Path

from mkdocs.structure.files import File

from ..content.errors import ContentError

WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
BOUND = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def fix_query_segmenting(files, config):
    for f in list(files):
        if not WORKER.fullmatch(f.src_uri):
            continue
        text = Path(f.abs_src_path).read_text(encoding="utf-8")
        if text.count(BOUND) != 1:
            raise ContentError(f.abs_src_path, "the theme's search worker no longer has the query-segmenting loop "
                               "sitegen/site/search_worker.py fixes",
                               "check whether the new mkdocs-material tries the whole query in `segment` "
                               "(then delete search_worker.py and its call in sitegen/hooks.py) or update BOUND/FIXED")
        files.remove(f)
        files.append(File.generated(config, f.src_uri, content=text.replace(BOUND, FIXED)))
        return files
    raise ContentError("mkdocs.yml", "no search worker of the theme found among the site's files",
                       "keep the theme's search plugin, or delete sitegen/site/search_worker.py and its call in sitegen/hooks.py")
