"""Re-export of the one content error type, so build code says `from .errors import ContentError`."""
from triage.errors import ContentError

__all__ = ["ContentError"]
