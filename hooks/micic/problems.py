"""Problems are values: every rule returns them, nothing raises until the edge."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .gate import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must change, located as precisely as we can."""

    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    field: str  # dotted field path ("sources.2.url"), or "" for the file itself
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # Messages quote contributor text (a field name, a value, a file name): every way a
        # problem is shown (terminal, log, pull-request annotation, issue comment, JSON) gets
        # it with control characters and escape sequences written out as <U+001B>.
        for name in ("path", "field", "message", "hint"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        text = f"{location}:{field} {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
