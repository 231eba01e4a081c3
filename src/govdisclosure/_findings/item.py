"""What is reported of one input: its name and its findings, whatever stage made them."""

from __future__ import annotations

import attrs

from .._ground.values import value_class
from .finding import Finding

__all__ = ["Item"]


@value_class
@attrs.frozen(repr=False, eq=False)
class Item:
    """What one reporter entry says: ``name`` and its ``findings``; ``read`` is false when the
    findings say why the input could not be read at all."""

    name: str
    findings: tuple[Finding, ...]
    read: bool = True
    #: The organ and year of the report, where it was read.
    organ: str | None = None
    year: int | None = None

    @property
    def ok(self) -> bool:
        """Read, and no finding is an error."""
        return self.read and not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity == "warning")
