"""Check kinds: each is a module with KIND, Params, build_params(raw, sections) and check(doc, params)."""
from __future__ import annotations

from typing import Any, Mapping, Protocol

from checker.document import Document
from checker.kinds import causes, deadline, indicator, numbering, section, signature, suspicious, topic, year
from checker.locate import Locator
from checker.results import Finding


class CheckKind(Protocol):
    KIND: str
    Params: type

    def build_params(self, raw: Mapping[str, Any], sections: Mapping[str, Locator]) -> Any: ...

    def check(self, doc: Document, params: Any) -> Finding: ...


KINDS: dict[str, CheckKind] = {
    section.KIND: section,
    topic.KIND: topic,
    indicator.KIND: indicator,
    year.KIND: year,
    causes.KIND: causes,
    numbering.KIND: numbering,
    signature.KIND: signature,
    suspicious.KIND: suspicious,
    deadline.KIND: deadline,
}
