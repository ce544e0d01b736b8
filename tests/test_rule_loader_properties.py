"""Property: whatever a rule file holds, loading it gives a rule set or a RuleFileError, never another exception."""
from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import RuleFileError
from checker.ruleset import RuleSet, load_ruleset
from conftest import EXAMPLES

EXAMPLE = (EXAMPLES / "rules" / "custom-profile.yaml").read_text(encoding="utf-8")
KEYS = ["version", "name", "title", "extends", "disable", "rules", "sections", "groups", "id", "severity", "basis",
        "suggestion", "check", "kind", "parts", "phrases", "regex", "min_chars", "month", "day", "section", "headings",
        "applies_to", "aliases", "meaning", "example", "ignore_sections", "none_stated"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["government", "department", "topic", "section", "error", "warning", "content.x",
                                     "(a+)+$", "a{99999}", "[", "../x", "/etc/passwd", "profiles/x", "0.yaml"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=30)
DOCUMENTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)
_names = itertools.count()
_folder = tempfile.mkdtemp(prefix="fzcheck-rules-")
atexit.register(shutil.rmtree, _folder, ignore_errors=True)


def _load(text: str) -> None:
    path = os.path.join(_folder, f"r{next(_names)}.yaml")  # a new name each time: loads are cached by path
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
        handle.write(text)
    try:
        assert isinstance(load_ruleset(path), RuleSet)
    except RuleFileError as error:
        assert str(error).strip() and "\n" not in str(error).strip()
    finally:
        os.unlink(path)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENDING = settings(PROPERTY, max_examples=40)  # each load also reads the built-in set (~0.15 s)


@PROPERTY
@given(DOCUMENTS)
def test_random_rule_documents(document):
    _load(yaml.safe_dump(document, allow_unicode=True))


@EXTENDING
@given(st.dictionaries(st.sampled_from(["name", "title", "disable"]), VALUES, max_size=3),
       st.lists(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6), max_size=3))
def test_random_rules_on_top_of_a_built_in_set(head, rules):
    _load(yaml.safe_dump({"version": 1, "extends": "government", **head, "rules": rules}, allow_unicode=True))


@PROPERTY
@given(st.text(max_size=300))
def test_random_text(text):
    _load(text)


@EXTENDING
@given(st.lists(st.tuples(st.integers(0, len(EXAMPLE)), st.integers(0, 40), st.text(max_size=12)), min_size=1,
                max_size=4))
def test_mutated_example_rule_file(edits):
    text = EXAMPLE
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    _load(text)
