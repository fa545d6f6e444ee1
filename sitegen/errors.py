"""One error type for bad content, so every failure names the file, the thing and the fix."""


class ContentError(Exception):
    def __init__(self, where: str, what: str, fix: str):
        self.where, self.what, self.fix = where, what, fix
        super().__init__(f"{where}: {what}\n  → 修正 / fix: {fix}")
