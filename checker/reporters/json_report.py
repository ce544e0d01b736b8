"""JSON output: exactly the shape of design.md, validated against schemas/report.schema.json in tests."""
from __future__ import annotations

import json

from checker.results import Batch

MEDIA = "text"


def render(batch: Batch, *, color: bool = False, width: int | None = None) -> str:
    return json.dumps(batch.as_dict(), ensure_ascii=False, indent=2) + "\n"
