"""Rule-file validation against the shipped JSON Schema, with errors in Chinese naming rule and key."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from checker.errors import RuleFileError


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(files("checker").joinpath("schemas/ruleset.schema.json").read_text(encoding="utf-8"))


def _validator(schema: dict[str, Any]):
    # jsonschema costs ~60 ms to import; it is loaded only when a rule file is actually read.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_file(data: Any, path: str) -> None:
    """Step 1: the file's shape, where a rule needs only its id (a profile may patch one field)."""
    if not isinstance(data, dict):
        raise RuleFileError(path, "规则文件的顶层应是一个映射（键: 值），请参照 examples/rules/ 中的示例")
    _check_patterns(data, path)
    _raise_first(_validator(_schema()), data, path, rules=data.get("rules"))


def validate_rule(rule: dict[str, Any], path: str) -> None:
    """Step 2: one merged rule, complete, with its kind's parameters."""
    schema = _schema()
    base = {"$defs": schema["$defs"], **schema["$defs"]["rule"]}
    _raise_first(_validator(base), rule, path, rule_id=rule.get("id"))
    kind = rule["check"].get("kind")
    if f"kind_{kind}" not in schema["$defs"]:
        allowed = schema["$defs"]["kind_name"]["enum"]
        raise RuleFileError(path, f"取值 '{kind}' 不在允许范围 {allowed}", rule.get("id"), "check.kind")
    kind_schema = {"$defs": schema["$defs"], **schema["$defs"][f"kind_{kind}"]}
    _raise_first(_validator(kind_schema), rule["check"], path, rule_id=rule.get("id"), prefix="check")


def _check_patterns(data: dict[str, Any], path: str) -> None:
    """Every `regex:` in the file compiles and cannot backtrack for minutes (before the schema's
    own regex check, which would let an overflow escape as a traceback)."""
    from checker.patterns import pattern_problem

    for where, pattern in _regexes(data, ()):
        problem = pattern_problem(pattern)
        if problem:
            rule_id = None
            if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
                item = data["rules"][where[1]]
                rule_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
                rule_id = rule_id or f"第{where[1] + 1}条"
                where = where[2:]
            key = ".".join(map(str, where))
            raise RuleFileError(path, f"正则表达式 {pattern[:80]!r} {problem}", rule_id, key or None)


def _regexes(value: Any, where: tuple) -> list[tuple[tuple, str]]:
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("regex"), str):
            found.append((where + ("regex",), value["regex"]))
        for key, item in value.items():
            found += _regexes(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _regexes(item, where + (index,))
    return found


def _raise_first(validator, instance: Any, path: str, *, rules: Any = None, rule_id: str | None = None,
                 prefix: str = "") -> None:
    errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if not errors:
        return
    error = _deepest(errors[0])
    where = list(error.absolute_path)
    if rules is not None and len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        item = rules[where[1]]
        rule_id = item.get("id") if isinstance(item, dict) else None
        rule_id = rule_id or f"第{where[1] + 1}条"
        where = where[2:]
    key = ".".join(str(part) for part in ([prefix] if prefix else []) + where)
    raise RuleFileError(path, _describe(error), rule_id, key or None)


def _deepest(error):
    # A oneOf/anyOf failure hides the useful message in its context.
    # Prefer the branch that got furthest: not a bare type mismatch, and deepest in the instance.
    while error.context:
        error = max(error.context, key=lambda e: (e.validator != "type", len(e.absolute_path)))
    return error


def _describe(error) -> str:
    kind = error.validator
    value = error.validator_value
    if kind == "additionalProperties":
        # YAML keys need not be strings ("?" alone is a null key): name them as written.
        extra = sorted(str(key) for key in set(error.instance) - set(error.schema.get("properties", {})))
        return f"未知的键 {', '.join(extra)}"
    if kind == "required":
        missing = [k for k in value if k not in error.instance]
        return f"缺少必需的键 {', '.join(missing)}"
    if kind == "enum":
        return f"取值 {error.instance!r} 不在允许范围 {value}"
    if kind == "const":
        return f"取值应为 {value!r}"
    if kind == "type":
        names = {"string": "字符串", "integer": "整数", "number": "数字", "array": "列表", "object": "映射", "boolean": "true/false"}
        wanted = "或".join(names.get(t, t) for t in ([value] if isinstance(value, str) else value))
        return f"类型应为{wanted}，实际是 {error.instance!r}"
    if kind == "format" and value == "regex":
        return f"不是有效的正则表达式：{error.instance!r}"
    if kind in ("minLength", "minItems"):
        return "不能为空"
    if kind == "pattern":
        return f"规则 id {error.instance!r} 格式不对，应为“组.名称”（小写字母、数字、连字符），如 content.measures"
    if kind in ("minimum", "maximum"):
        return f"取值 {error.instance!r} 超出范围（{'最小' if kind == 'minimum' else '最大'} {value}）"
    return error.message
