"""json.dumps(value, ensure_ascii=False, indent=2), the same text, written faster.

Python 3.11's C encoder runs only without indent; with one, the pure-Python encoder's chain of generators
costs about 2 ms for a report's findings. This walks the plain JSON types directly into a list of pieces;
anything else (a key that is not a str, a subclass, an unknown type) is left to json.dumps itself."""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # the C function when available, as json.dumps uses
from typing import Any, Callable

_INDENT = "  "


class _Unusual(Exception):
    """A value the fast walk does not write; json.dumps writes the whole value instead."""


def dumps(value: Any, level: int = 0) -> str:
    """The text of `value` standing `level` indents deep: every line after the first indented to match."""
    newline = "\n" + _INDENT * level
    pieces: list[str] = []
    try:
        _write(value, newline, pieces.append)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=len(_INDENT)).replace("\n", newline)
    return "".join(pieces)


def _write(value: Any, newline: str, add: Callable[[str], None]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            add("{}")
            return
        inner = newline + _INDENT
        lead = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual  # json turns numbers, booleans and None into keys its own way
            add(lead + _string(key) + ": ")
            lead = "," + inner
            if type(item) is str:  # most values: no call
                add(_string(item))
            else:
                _write(item, inner, add)
        add(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            add("[]")
            return
        inner = newline + _INDENT
        lead = "[" + inner
        for item in value:
            add(lead)
            lead = "," + inner
            if type(item) is str:
                add(_string(item))
            else:
                _write(item, inner, add)
        add(newline + "]")
    elif kind is str:
        add(_string(value))
    elif value is None:
        add("null")
    elif value is True:
        add("true")
    elif value is False:
        add("false")
    elif kind is int:
        add(int.__repr__(value))
    elif kind is float:
        add(json.dumps(value))  # repr, or NaN / Infinity as json writes them
    else:
        raise _Unusual
