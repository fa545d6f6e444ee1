"""The one error type for bad content (flow, letters, statutes, hotlines). The engine knows the id at
fault (`node`); the build adds `where` (file:line) from the YAML it loaded, so every failure names the
file, the line, the thing and the fix."""


class ContentError(ValueError):
    def __init__(self, where: str, what: str, fix: str, node: str = ""):
        self.where, self.what, self.fix, self.node = where, what, fix, node
        super().__init__(where, what, fix, node)

    @classmethod
    def of(cls, node: str, what: str, fix: str) -> "ContentError":
        """Raised by the engine, which knows the id at fault but not the file."""
        return cls("", what, fix, node)

    def located(self, where: str) -> "ContentError":
        return ContentError(where, self.what, self.fix, self.node)

    def __str__(self) -> str:
        tag = f"[{self.node}] " if self.node else ""
        return f"{self.where or '(data)'}: {tag}{self.what}\n  → 修正 / fix: {self.fix}"
