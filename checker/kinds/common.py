"""Pieces several kinds share: phrase groups and figures in their sentences."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from checker.match import Phrase, Sentence, compile_phrases, has_figure, sentences_matching


@dataclass(frozen=True)
class Group:
    """A named thing to look for; its phrases are synonyms."""

    name: str
    phrases: tuple[Phrase, ...]
    figures: bool | None = None  # this group needs a figure in its sentence (None: the kind decides)
    required: bool = False  # a pass needs this group whatever the minimum count says (topic)


def build_groups(raw: Iterable[Mapping[str, Any]]) -> tuple[Group, ...]:
    return tuple(Group(item["name"], compile_phrases(item["phrases"]), item.get("figures"), item.get("required", False))
                 for item in raw)


def sentences_with(sentences: Sequence[Sentence], group: Group) -> list[Sentence]:
    return sentences_matching(sentences, group.phrases)


def with_figure(found: Sequence[Sentence]) -> Sentence | None:
    return next((s for s in found if has_figure(s.text)), None)


def names(groups: Iterable[Group]) -> str:
    return "、".join(g.name for g in groups)
