"""Typed errors; each renders as one Chinese line naming the file."""
from __future__ import annotations


# Characters str.splitlines() breaks at: a key or value quoted from a file may hold them.
_LINE_BREAKS = {ord(c): "\\x%02x" % ord(c) if ord(c) < 0x100 else "\\u%04x" % ord(c)
                for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


class FzError(Exception):
    """An error the user can act on: one line, exit code 2."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        message = f"{path}: {reason}" if path else reason
        super().__init__(message.translate(_LINE_BREAKS))


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
