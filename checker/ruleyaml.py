"""Parsing rule-file YAML with bounds: no aliases, limited nesting, short integers, a size cap.

Rule files come from users and from whatever a script points --rules at. Plain YAML lets a
751-byte file expand to gigabytes through aliases, and 3,000 levels of brackets overflow the
parser's recursion; these bounds keep a hostile file to one line and a few milliseconds.
"""
from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 1024 * 1024  # the national rule set is about 60 kB
MAX_DEPTH = 40  # the deepest shipped rule file nests 7 levels
MAX_DIGITS = 18  # counts and days, never more


class Refused(Exception):
    """YAML that does not parse, or parses but is refused: the reason is one Chinese phrase."""


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml: parsing the national set in C takes ms, not a second


class _Loader(_FAST or yaml.SafeLoader):
    def construct_yaml_int(self, node):
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_DIGITS:
            raise Refused(f"第{node.start_mark.line + 1}行的整数有 {digits} 位，超过上限 {MAX_DIGITS} 位")
        return super().construct_yaml_int(node)


def _screen(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything is composed or built."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST or yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise Refused(f"第{event.start_mark.line + 1}行使用了 YAML 别名 *{event.anchor}；"
                          "规则文件不支持锚点和别名（& 与 *），请把内容直接写出")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(f"第{event.start_mark.line + 1}行嵌套超过 {MAX_DEPTH} 层，请检查括号和缩进")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load(text: str) -> Any:
    """The YAML document in text; raises Refused with the reason."""
    if len(text) > MAX_BYTES:
        raise Refused(f"规则文件过大（超过 {MAX_BYTES // 1024} KB），请检查是否选错了文件")
    loader = None
    try:
        _screen(text)
        loader = _Loader(text)
        return loader.get_single_data()
    except RecursionError:
        raise Refused(f"嵌套过深（上限 {MAX_DEPTH} 层），请检查括号和缩进") from None
    except yaml.reader.ReaderError as exc:
        raise Refused(f"第{exc.position + 1}个字符 U+{exc.character:04X} 是 YAML 不允许的控制字符，请删除") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        problem = (getattr(exc, "problem", "") or str(exc)).splitlines()[0]
        if "nesting depth" in problem:  # libyaml's own depth limit can trip before the event screen counts to ours
            raise Refused(f"{where}嵌套过深（上限 {MAX_DEPTH} 层），请检查括号和缩进") from None
        raise Refused(f"YAML 语法错误{where}：{problem}") from None
    finally:
        if loader is not None:
            loader.dispose()
