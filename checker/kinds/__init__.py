"""Check kinds: each is one module with KIND, MEANING, PART_KEYS, Params, build_params(raw, sections) and check(doc, params).

A kind knows itself: its parameters and their defaults are its Params dataclass, the statuses it can give
and what each means are its MEANING, the parameters naming located parts are its PART_KEYS, and its
messages are written in its check. The registry below finds the modules, so adding a kind is adding its
module, its `kind_<name>` entry in schemas/ruleset.schema.json and its tests/cases/kind_<name>.yaml.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Mapping, Protocol

from checker.document import Document
from checker.locate import Locator
from checker.results import Finding


class CheckKind(Protocol):
    KIND: str
    MEANING: Mapping[str, str]  # status → what it means for this kind; the keys are the statuses it can give
    PART_KEYS: tuple[str, ...]  # parameters whose values name parts under `sections:`
    Params: type

    def build_params(self, raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Any: ...

    def check(self, doc: Document, params: Any) -> Finding: ...


def _discover() -> dict[str, CheckKind]:
    """Every module of this package that declares a KIND (helpers such as common and scope do not)."""
    found: dict[str, CheckKind] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "KIND"):
            found[module.KIND] = module  # type: ignore[assignment]
    return found


KINDS: dict[str, CheckKind] = _discover()
