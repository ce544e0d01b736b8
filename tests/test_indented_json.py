"""The fast indented writer gives exactly json.dumps(value, ensure_ascii=False, indent=2) on a table of values."""
from __future__ import annotations

import enum
import json
from collections import OrderedDict

import pytest

from checker.reporters.indented_json import dumps


class _Label(str, enum.Enum):
    PASS = "通过"


class _Count(enum.IntEnum):
    ONE = 1


CASES = [
    {},
    [],
    (),
    "",
    "法治政府建设年度报告",
    'quote " back \\ slash / tab \t newline \n nul \x00 del \x7f',
    "\u2028\u2029 \ud800 lone surrogate, emoji 😀",
    0, -7, 10 ** 30, True, False, None,
    1.5, -0.0, 1e300, float("nan"), float("inf"), float("-inf"),
    {"a": {}, "b": [], "c": [{}], "d": [[]], "e": {"f": {"g": []}}},
    {"status": "不通过", "findings": [{"rule": "FZ001", "line": 12, "score": 0.5, "ok": False, "hint": None}]},
    [1, "二", [3, [4, {"五": (6, 7)}]], {"八": True}],
    {1: "int key", 2.5: "float key", True: "bool key", None: "none key"},  # json's own key conversion
    {"mixed": {"x": 1, 3: "three"}},
    OrderedDict([("b", 1), ("a", 2)]),  # a dict subclass
    [_Label.PASS, _Count.ONE],  # str and int subclasses
    {"nested": [_Label.PASS, {"n": _Count.ONE}]},
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
@pytest.mark.parametrize("level", [0, 1, 2, 5])
def test_same_text_as_json_dumps(value, level):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert dumps(value, level) == expected


def test_unknown_types_fail_as_json_does():
    with pytest.raises(TypeError):
        dumps({"when": object()})


def test_a_batch_renders_as_json_dumps(tmp_path):
    from checker.pipeline import check_paths
    from checker.reporters import json_report

    examples = sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
    batch = check_paths([str(path) for path in examples], jobs=1)
    expected = json.dumps(batch.as_dict(), ensure_ascii=False, indent=2) + "\n"
    assert json_report.render(batch) == expected
