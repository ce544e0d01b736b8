"""The placeholders rule texts may use, and what a reader sees in their place.

A rule's texts say {report_year}, {next_year} and {issuer}. With a report at hand they become its year and issuer;
without one (explain, rules show, the rules page), or when the report's year is unknown, they become readable
stand-ins, so that no reader sees a raw placeholder or a half-filled year such as 报告年.
"""
from __future__ import annotations

import re

YEAR_STAND_IN = "××××年"
NEXT_YEAR_STAND_IN = "报告年度次年"
ISSUER_STAND_IN = "本单位"

# "{report_year}年" and a bare "{report_year}" both become one year phrase, so the stand-in never doubles 年.
_PLACEHOLDER = re.compile(r"\{(report_year|next_year|issuer)\}(年)?")


def fill(template: str, report_year: int | None = None, issuer: str | None = None) -> str:
    """Put a report's year and issuer into a rule text; stand-ins where either is unknown."""
    if not template or "{" not in template:
        return template or ""
    values = {
        "report_year": f"{report_year}年" if report_year else YEAR_STAND_IN,
        "next_year": f"{report_year + 1}年" if report_year else NEXT_YEAR_STAND_IN,
        "issuer": issuer or ISSUER_STAND_IN,
    }

    def put(match: re.Match) -> str:
        value = values[match.group(1)]
        if match.group(1) == "issuer":
            return value + (match.group(2) or "")
        return value

    return _PLACEHOLDER.sub(put, template)
