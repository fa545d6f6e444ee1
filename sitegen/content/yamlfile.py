"""Load YAML keeping each mapping's line number, so content errors can point at file:line."""
import re
from pathlib import Path

import yaml

from .errors import ContentError


class LineDict(dict):
    """A dict that remembers the line (1-based) where its YAML mapping started, and where each value's
    text starts, so an error inside a long text field can name its own line."""
    line: int = 0
    text_lines: dict

    def line_of(self, key) -> int:
        """First line of the value's text (for `key: |` blocks, the line after the key)."""
        return self.text_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    d = LineDict(loader.construct_mapping(node, deep=True))
    d.line = node.start_mark.line + 1
    d.text_lines = {}
    for key_node, value_node in node.value:
        block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
        d.text_lines[loader.construct_object(key_node)] = value_node.start_mark.line + 1 + block
    return d


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: they are shown as written and compared as ISO text. Only true/false are booleans:
# an option written `id: yes` must stay the text "yes", not turn into True (YAML 1.1).
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(str(path), f"cannot read the file ({exc.__class__.__name__}: {exc})",
                           "check the path and save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ContentError(where, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                           "check indentation and quoting near that line") from None


def where(path: Path, node, key=None) -> str:
    """'file:line' of a mapping, or of one of its values when `key` is given."""
    line = node.line_of(key) if key is not None and isinstance(node, LineDict) else getattr(node, "line", 0)
    return f"{path}:{line}" if line else str(path)


def mapping(path: Path) -> dict:
    data = load(path)
    if not isinstance(data, dict):
        raise ContentError(str(path), "the file is not a YAML mapping", "start from the comment at the top of the file")
    return data
