"""Theme files that are not for readers. MkDocs copies every non-template file of `custom_dir` into the site;
the component folders (overrides/components/<name>/) also hold each component's examples.yaml (states for
tests/components/), which must not be published. Called from an on_files hook."""
from pathlib import PurePosixPath

COMPONENTS = "components/"
UNPUBLISHED = (".yaml", ".yml", ".py")   # examples and any helper code beside a component


def drop_unpublished(files):
    """Remove component files that are for authors and tests only (examples.yaml, .py) from the site."""
    for f in list(files):
        if f.src_uri.startswith(COMPONENTS) and PurePosixPath(f.src_uri).suffix in UNPUBLISHED:
            files.remove(f)
    return files
