"""Rule sets: find a file, follow `extends`, merge, validate, and bind each rule to its check kind."""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker import builtin_rules_dir
from checker.errors import RuleFileError
from checker.labels import GROUP_LABEL
from checker.locate import Locator
from checker.match import compile_phrases
from checker.results import Severity



@dataclass(frozen=True)
class Rule:
    """A rule as loaded: its words, its severity, and its check kind with parameters."""

    id: str
    title: str
    severity: Severity
    basis: str
    suggestion: str
    kind: str
    params: Any
    check: dict[str, Any]  # the merged `check:` block as written, for `rules show` and `rules diff`
    group: str = ""
    reason: str = ""
    example: str = ""
    meaning: dict[str, str] = field(default_factory=dict)
    applies_to: str = "any"
    aliases: tuple[str, ...] = ()
    source: str = ""
    source_note: str = ""  # the maintainers' note on how far the basis is verified; never part of a report


@dataclass(frozen=True)
class RuleSet:
    """A rule set as loaded, `extends` merged: its rules and its named parts."""

    name: str
    title: str
    rules: tuple[Rule, ...]
    source: str = ""
    applies_to: str = "any"
    sections: dict[str, Locator] = field(default_factory=dict)  # the named part locators

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id or rule_id in r.aliases), None)


def builtin_names() -> list[str]:
    """Names of the built-in rule sets and profiles, as `--rules` accepts them."""
    root = builtin_rules_dir()
    names = [e.name[:-5] for e in root.iterdir() if e.name.endswith(".yaml")]
    profiles = root.joinpath("profiles")
    if profiles.is_dir():
        names += [f"profiles/{e.name[:-5]}" for e in profiles.iterdir() if e.name.endswith(".yaml")]
    return sorted(names)


def load_ruleset(ref: str, *, validate_builtin: bool = False) -> RuleSet:
    """Load a built-in rule set by name, or a rule file by path."""
    return _load_cached(_resolve(ref, os.getcwd()), validate_builtin)


@lru_cache(maxsize=32)
def _load_cached(location: str, validate_builtin: bool) -> RuleSet:
    chain = _read_chain(location, ())
    if validate_builtin:
        from checker.validation import validate_file

        for origin, data in chain:
            validate_file(data, _display(origin))
    return _bind(_merge(chain), location, validate=validate_builtin)


# A built-in name is a word or profiles/word: never a path that could leave the built-in folder.
_BUILTIN_NAME = re.compile(r"(?:profiles/)?[A-Za-z0-9_-]+")


def _is_builtin(ref: str) -> bool:
    return bool(_BUILTIN_NAME.fullmatch(ref)) and builtin_rules_dir().joinpath(f"{ref}.yaml").is_file()


def _looks_like_path(ref: str) -> bool:
    return (os.sep in ref or ref.startswith(".")) and not _BUILTIN_NAME.fullmatch(ref)


def _resolve(ref: str, base_dir: str) -> str:
    """A path for a file reference; 'builtin:NAME' for a built-in rule set."""
    if ref.endswith((".yaml", ".yml")):
        return os.path.normpath(os.path.join(base_dir, ref))
    if _is_builtin(ref):
        return f"builtin:{ref}"
    if _looks_like_path(ref) or os.path.lexists(os.path.join(base_dir, ref)):
        raise RuleFileError(ref, "规则文件应以 .yaml 或 .yml 结尾；请给出规则文件的路径，"
                                 f"或内置规则集名称（{', '.join(builtin_names())}）")
    raise RuleFileError(ref, f"找不到规则集；内置规则集有 {', '.join(builtin_names())}，或给出 .yaml 文件路径")


def _read(location: str) -> tuple[dict[str, Any], str]:
    if location.startswith("builtin:"):
        name = location[len("builtin:"):]
        text = builtin_rules_dir().joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        # Built-in sets are validated by the test suite, so a run need not import jsonschema for them,
        # nor parse their YAML again once their data is in the user's cache.
        from checker.rulecache import rule_data

        return rule_data(text, lambda source: _parse(source, f"{name}.yaml", validate=False)), os.path.dirname(name)
    if not os.path.lexists(location):
        raise RuleFileError(location, "规则文件不存在，请检查路径")
    if not os.path.isfile(location):
        raise RuleFileError(location, "不是普通文件（目录、命名管道或设备），请给出 .yaml 规则文件")
    from checker.ruleyaml import MAX_BYTES

    try:
        with open(location, encoding="utf-8") as handle:
            text = handle.read(MAX_BYTES + 1)
    except UnicodeDecodeError:
        raise RuleFileError(location, "规则文件应为 UTF-8 编码") from None
    except OSError as exc:
        raise RuleFileError(location, f"无法读取规则文件（{exc.strerror or exc}）") from None
    return _parse(text, location), os.path.dirname(location)


def _parse(text: str, path: str, validate: bool = True) -> dict[str, Any]:
    from checker import ruleyaml

    try:
        data = ruleyaml.load(text)
    except ruleyaml.Refused as exc:
        raise RuleFileError(path, str(exc)) from None
    if validate:
        from checker.validation import validate_file

        validate_file(data, path)
    return data


def _read_chain(location: str, seen: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]]:
    """The file and its ancestors, base first."""
    if location in seen:
        raise RuleFileError(location, f"extends 形成循环：{' → '.join(seen + (location,))}")
    data, folder = _read(location)
    if "extends" not in data:
        return [(location, data)]
    base_dir = folder if not location.startswith("builtin:") else None
    parent = _resolve_parent(data["extends"], base_dir, location)
    return _read_chain(parent, seen + (location,)) + [(location, data)]


def _resolve_parent(ref: str, base_dir: str | None, child: str) -> str:
    if ref.endswith((".yaml", ".yml")):
        if base_dir is None:  # a built-in file extends a sibling built-in file
            return f"builtin:{ref.rsplit('.', 1)[0]}"
        return os.path.normpath(os.path.join(base_dir, ref))
    if _is_builtin(ref):
        return f"builtin:{ref}"
    if base_dir is not None and (_looks_like_path(ref) or os.path.lexists(os.path.join(base_dir, ref))):
        raise RuleFileError(child, f"'{ref}' 不是 .yaml 文件；请写规则文件路径（以 .yaml 结尾）"
                                   f"或内置规则集名称（{', '.join(builtin_names())}）", key="extends")
    raise RuleFileError(child, f"extends 指向的规则集 '{ref}' 不存在；内置规则集有 {', '.join(builtin_names())}",
                        key="extends")


def _merge(chain: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Child over parent: rules patched key by key (one level into `check`), new rules appended.

    The chain's data is read afresh for each load (parsed, or from the cache), so it is merged in place:
    copying it first took a few milliseconds of every run."""
    merged: dict[str, Any] = {"rules": [], "sections": {}, "groups": dict(GROUP_LABEL)}
    for location, data in chain:
        for key in ("name", "title", "description", "applies_to"):
            if key in data:
                merged[key] = data[key]
        merged["sections"].update(data.get("sections", {}))
        merged["groups"].update(data.get("groups", {}))
        for patch in data.get("rules", []):
            _apply_patch(merged["rules"], patch, location)
        disabled = data.get("disable", [])
        merged["rules"] = [r for r in merged["rules"] if not _is_disabled(r["id"], disabled)]
    return merged


def _apply_patch(rules: list[dict[str, Any]], patch: dict[str, Any], location: str) -> None:
    existing = next((r for r in rules if r["id"] == patch["id"]), None)
    patch["_source"] = location
    if existing is None:
        rules.append(patch)
        return
    check = patch.pop("check", None)
    existing.update(patch)
    if check is not None:
        if check.get("kind", existing.get("check", {}).get("kind")) != existing.get("check", {}).get("kind"):
            existing["check"] = check
        else:
            existing.setdefault("check", {}).update(check)


def _is_disabled(rule_id: str, disabled: list[str]) -> bool:
    return any(rule_id == d or rule_id.startswith(d + ".") for d in disabled)


def _display(location: str) -> str:
    return location[len("builtin:"):] + ".yaml" if location.startswith("builtin:") else location


def _bind(merged: dict[str, Any], location: str, validate: bool = True) -> RuleSet:
    from checker.kinds import KINDS

    sections = _with_stops({name: _locator(name, spec) for name, spec in merged["sections"].items()})
    rules = []
    for raw in merged["rules"]:
        origin = raw.pop("_source")
        source = _display(origin)
        if validate or not origin.startswith("builtin:"):
            from checker.validation import validate_rule

            validate_rule(raw, source)
        check = dict(raw["check"])
        kind = check["kind"]
        for key in KINDS[kind].PART_KEYS:
            named = check.get(key) or ()
            for name in [named] if isinstance(named, str) else named:
                if name not in sections:
                    raise RuleFileError(source, f"引用了未定义的部分 '{name}'；已定义：{', '.join(sections) or '无'}",
                                        raw["id"], f"check.{key}")
        params = KINDS[kind].build_params(check, sections)
        prefix = raw["id"].split(".", 1)[0]
        rules.append(Rule(
            id=raw["id"], title=raw["title"], severity=Severity(raw["severity"]), basis=raw["basis"].strip(),
            suggestion=raw["suggestion"].strip(), kind=kind, params=params, check=check,
            group=raw.get("group") or merged["groups"].get(prefix, ""), reason=raw.get("reason", "").strip(),
            example=raw.get("example", "").strip(), meaning=raw.get("meaning", {}),
            applies_to=raw.get("applies_to", "any"), aliases=tuple(raw.get("aliases", ())), source=source,
            source_note=raw.get("source_note", "").strip()))
    name = merged.get("name") or os.path.splitext(os.path.basename(_display(location)))[0]
    return RuleSet(name=name, title=merged.get("title", name), rules=tuple(rules), source=_display(location),
                   applies_to=merged.get("applies_to", "any"), sections=sections)


def _locator(name: str, spec: dict[str, Any]) -> Locator:
    return Locator(name=name, headings=compile_phrases(spec["headings"]), exclude=compile_phrases(spec.get("exclude", ())),
                   top_level=spec.get("top_level", False), inline=compile_phrases(spec.get("inline", ())),
                   fallback_first=spec.get("fallback") == "first",
                   sub_headings=compile_phrases(spec.get("sub_headings", ())),
                   openers=compile_phrases(spec.get("openers", ())), closing=compile_phrases(spec.get("closing", ())))


def _with_stops(sections: dict[str, Locator]) -> dict[str, Locator]:
    """A part found by its opening phrase ends where a paragraph opens another part."""
    return {name: dataclasses.replace(locator, stops=tuple(phrase for other, spec in sections.items() if other != name
                                                           for phrase in spec.openers + spec.closing))
            for name, locator in sections.items()}
