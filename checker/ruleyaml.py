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


class _Loader(yaml.SafeLoader):
    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Refused(f"第{event.start_mark.line + 1}行使用了 YAML 别名 *{event.anchor}；"
                          "规则文件不支持锚点和别名（& 与 *），请把内容直接写出")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise Refused(f"第{mark.line + 1}行嵌套超过 {MAX_DEPTH} 层，请检查括号和缩进")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node):
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_DIGITS:
            raise Refused(f"第{node.start_mark.line + 1}行的整数有 {digits} 位，超过上限 {MAX_DIGITS} 位")
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load(text: str) -> Any:
    """The YAML document in text; raises Refused with the reason."""
    if len(text) > MAX_BYTES:
        raise Refused(f"规则文件过大（超过 {MAX_BYTES // 1024} KB），请检查是否选错了文件")
    loader = None
    try:
        loader = _Loader(text)  # the reader refuses control characters here already
        return loader.get_single_data()
    except RecursionError:
        raise Refused(f"嵌套过深（上限 {MAX_DEPTH} 层），请检查括号和缩进") from None
    except yaml.reader.ReaderError as exc:
        raise Refused(f"第{exc.position + 1}个字符 U+{exc.character:04X} 是 YAML 不允许的控制字符，请删除") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        problem = (getattr(exc, "problem", "") or str(exc)).splitlines()[0]
        raise Refused(f"YAML 语法错误{where}：{problem}") from None
    finally:
        if loader is not None:
            loader.dispose()
