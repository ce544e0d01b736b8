"""Regular expressions written in rule files: refuse the ones that cannot compile or could run for minutes.

Python's re backtracks, so a variable repeat inside another variable repeat, such as (a+)+$, takes
time exponential in the line length when a line almost matches. Such patterns are refused when a
rule file is read; a rewrite without the nesting (a+$) matches the same lines.
"""
from __future__ import annotations

import re

try:
    from re import _parser as _sre  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

MAX_LENGTH = 1000  # characters in one pattern
MAX_REPEAT = 1000  # the largest {m,n} count

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())


def pattern_problem(pattern: str) -> str | None:
    """Why a rule-file pattern is refused (one Chinese phrase), or None when it is safe to use."""
    if len(pattern) > MAX_LENGTH:
        return f"正则表达式过长（{len(pattern)} 个字符，上限 {MAX_LENGTH}），请拆成几条短的"
    try:
        parsed = _sre.parse(pattern)
        re.compile(pattern)
    except OverflowError:
        return f"重复次数过大（上限 {MAX_REPEAT}），请改用较小的 {{m,n}}"
    except RecursionError:
        return "括号嵌套过深，请简化"
    except re.error as exc:
        return f"不是有效的正则表达式（{exc.msg}）"
    return _walk(parsed, inside=False)


def _walk(items, *, inside: bool) -> str | None:
    """inside: the items stand within a repeat that can match more than once with a varying count."""
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            if low > MAX_REPEAT or (high != _sre.MAXREPEAT and high > MAX_REPEAT):
                return f"重复次数过大（上限 {MAX_REPEAT}），请改用较小的 {{m,n}}"
            variable = high != low
            if variable and inside:
                return "含嵌套的重复（如 (a+)+），遇到几乎匹配的长行会极慢；请去掉外层或内层的重复，如把 (a+)+ 写成 a+"
            found = _walk(body, inside=inside or (variable and high > 1))
        else:
            found = next((f for child in _children(av) if (f := _walk(child, inside=inside))), None)
        if found:
            return found
    return None


def _children(value):
    """The sub-patterns inside one node's argument (groups, branches, lookarounds, conditionals)."""
    if isinstance(value, _sre.SubPattern):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _children(item)
