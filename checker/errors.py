"""Typed errors; each renders as one Chinese line naming the file."""
from __future__ import annotations


class FzError(Exception):
    """An error the user can act on: one line, exit code 2."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)


class InputError(FzError):
    """A report that cannot be read."""


class RuleFileError(FzError):
    """A rule file that is invalid."""

    def __init__(self, path: str, reason: str, rule_id: str | None = None, key: str | None = None) -> None:
        where = f"规则 {rule_id}: " if rule_id else ""
        at = f"{key}: " if key else ""
        self.rule_id = rule_id
        self.key = key
        super().__init__(path, f"{where}{at}{reason}")


class UsageError(FzError):
    """Options that do not fit together."""
