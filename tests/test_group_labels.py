"""The group a rule is shown under comes from the rule's group (labels.group_label), never from its severity: an
info rule of 督察比对 is not labelled 格式."""
from __future__ import annotations

import csv
import io
import re

import pytest

from checker.labels import GROUP_LABEL, SEVERITY_LABEL, group_label
from checker.pipeline import Options, check_paths
from checker.reporters import get_reporter
from checker.results import Severity
from checker.ruleset import builtin_names, load_ruleset
from conftest import EXAMPLES

FLAWED = str(EXAMPLES / "government-flawed.txt")

# rule id → the group people see, for rules whose severity alone would say something else
CASES = [
    ("content.concreteness", "督察比对"),  # info
    ("text.shared-with-other-unit", "督察比对"),  # info
    ("form.numbering", "格式"),  # info
    ("form.signature-date", "格式"),  # info
    ("text.suspicious", "格式"),
    ("followup.previous-plan", "督察比对"),
    ("content.measures", "法定内容"),
    ("indicator.court-appearance", "重点指标"),
]


@pytest.mark.parametrize("rule_id, label", CASES)
def test_builtin_rules_are_shown_under_their_group(rule_id, label):
    rule = next(r for r in load_ruleset("government").rules if r.id == rule_id)
    assert group_label(rule) == label


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_rule_has_a_chinese_group(name):
    for rule in load_ruleset(name).rules:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", group_label(rule)), (rule.id, group_label(rule))


def test_info_severity_is_not_called_a_form_rule():
    assert SEVERITY_LABEL[Severity.INFO] != GROUP_LABEL["form"]


def _custom(tmp_path, groups: str = "") -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(f"""version: 1
name: 本地补充
extends: government
{groups}
rules:
  - id: local.archive
    title: 档案归集情况
    severity: info
    basis: 本地要求。
    suggestion: 写明法治政府建设档案的归集情况。
    check:
      kind: topic
      parts:
        - {{name: 档案, phrases: [档案归集]}}
""", encoding="utf-8")
    return str(path)


def test_a_custom_prefix_without_a_group_reads_as_its_severity_in_chinese(tmp_path):
    rule = next(r for r in load_ruleset(_custom(tmp_path)).rules if r.id == "local.archive")
    assert group_label(rule) == SEVERITY_LABEL[Severity.INFO]


def test_a_rule_set_can_name_its_groups(tmp_path):
    rule = next(r for r in load_ruleset(_custom(tmp_path, "groups: {local: 地方要求}")).rules if r.id == "local.archive")
    assert group_label(rule) == "地方要求"


def test_terminal_csv_and_junit_show_the_group():
    batch = check_paths([FLAWED])
    concreteness = next(r for r in batch.reports[0].results if r.rule == "content.concreteness")
    assert concreteness.is_gap  # the example's measures carry few figures
    screen = get_reporter("text").render(batch, width=120)
    assert "主要举措和成效写得具体（督察比对）" in screen and "主要举措和成效写得具体（格式）" not in screen
    from checker.reporters.table_rows import RESULT_HEADER

    rows = [dict(zip(RESULT_HEADER, r)) for r in csv.reader(io.StringIO(
        get_reporter("csv").render(batch).decode("utf-8-sig")))][1:]
    row = next(r for r in rows if r["规则"] == "content.concreteness")
    assert row["分组"] == "督察比对" and row["级别"] == SEVERITY_LABEL[Severity.INFO] and row["级别代码"] == "info"
    assert "（督察比对）" in get_reporter("junit").render(batch)


def test_batch_common_gaps_show_the_group():
    batch = check_paths([FLAWED, str(EXAMPLES / "department.txt")], Options())
    screen = get_reporter("text").render(batch, width=120)
    line = next(line for line in screen.splitlines() if "content.concreteness" in line)
    assert "督察比对" in line and "格式" not in line


def test_html_pages_show_the_group():
    single = get_reporter("html").render(check_paths([FLAWED]))
    assert re.search(r"主要举措和成效写得具体<span class=\"severity\">督察比对</span>", single)
    batch = get_reporter("html").render(check_paths([FLAWED, str(EXAMPLES / "department.txt")]))
    assert "<th class=\"nowrap\">分组</th>" in batch and "督察比对" in batch
