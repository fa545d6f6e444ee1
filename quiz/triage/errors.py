"""One error type for bad data (flow or letters). `node` is the id at fault ('' for the whole file);
the build turns it into file:line plus the fix."""


class DataError(ValueError):
    def __init__(self, node: str, message: str, fix: str):
        self.node, self.message, self.fix = node, message, fix
        super().__init__(f"{node or '(file)'}: {message} — fix: {fix}")
