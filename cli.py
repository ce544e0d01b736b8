"""fzcheck command line: parse options, call checker, pick a reporter, exit. No checking logic here."""
from __future__ import annotations

import datetime
import os
import sys
from typing import Callable, NoReturn

import click

from checker import __version__
from checker.cli_words import install as _chinese_click
from checker.errors import FzError, UsageError
from checker.reporters import ALIASES, REPORTERS

_chinese_click()
FAIL_ON = ["error", "warning", "info", "never"]


INTERNAL_ERROR = ("fzcheck: 内部错误（{name}）：这是 fzcheck 自身的缺陷，不是报告的问题；"
                  "请加 --debug 重新运行，把输出和报告文件一并发给维护者")


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    flag = context.meta.get("fzcheck.debug") if context else None
    return bool(flag) or os.environ.get("FZCHECK_DEBUG", "") not in ("", "0")


def _set_debug(ctx: click.Context, param, value: bool) -> None:
    if value:
        ctx.meta["fzcheck.debug"] = True  # meta is shared by the group and its commands


debug_option = click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug, is_eager=True,
                            help="内部出错时显示完整的出错位置（也可设环境变量 FZCHECK_DEBUG=1）")


class _Command(click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    command_class = _Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)


class _Main(_Group):
    group_class = _Group
    """The command group; an exception nobody expected is a bug: one line (traceback with --debug), exit 3."""

    def main(self, *args, **kwargs):
        """Click's own errors (a wrong option, a missing argument) as one Chinese line, exit 2."""
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as shown:
            _echo(shown.ctx.get_help())
            sys.exit(0)
        except click.ClickException as error:
            message = " ".join(error.format_message().split()).replace("'.", "'。")
            context = getattr(error, "ctx", None)
            command = context.command_path if context else "fzcheck"
            _echo(f"fzcheck: {message}（用 {command} -h 查看用法）", err=True)
            sys.exit(2 if isinstance(error, click.UsageError) else error.exit_code)
        except click.Abort:
            _echo("fzcheck: 已中断", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if _debug():
                import traceback

                traceback.print_exc()
            _echo(INTERNAL_ERROR.format(name=type(error).__name__), err=True)
            sys.exit(3)


def _echo(message: str = "", *, err: bool = False) -> None:
    """Every line the command line prints: control characters from file names, reports and rule
    files are shown as \\xNN, never obeyed by the terminal."""
    from checker.text import printable

    click.echo(printable(message), err=err)


def _fail(message: str) -> NoReturn:
    _echo(f"fzcheck: {message}", err=True)
    sys.exit(2)


def _guard(action: Callable[[], int | None]) -> NoReturn:
    """Run a command: FzError → one line on stderr and exit 2."""
    try:
        code = action()
    except FzError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _echo("fzcheck: 已中断", err=True)
        sys.exit(130)
    sys.exit(code or 0)


def _jobs(ctx, param, value: str) -> int:
    """'auto' (or 0) → 0, which the pipeline reads as one process per CPU."""
    text = str(value).strip().lower()
    if text in ("auto", "0"):
        return 0
    if text.isdecimal() and 1 <= int(text) <= 64:
        return int(text)
    raise click.BadParameter(f"应为 1 到 64 之间的整数或 auto（收到 {value!r}）")


def _date(ctx, param, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日期应写成 YYYY-MM-DD，如 2024-03-28（收到 {value!r}）") from None


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="fzcheck")
@debug_option
def main() -> None:
    """fzcheck：法治政府建设年度报告合规检查。"""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # an ASCII console must not crash on Chinese


def _options(rules, year, kind, published, max_size):
    from checker.pipeline import Options

    return Options(rules=rules, year=year, kind=kind, published=published, max_bytes=int(max_size * 1024 * 1024))


_common = [
    click.option("--rules", "rules", metavar="规则集", help="内置规则集名称（government、department、profiles/…）或规则文件路径；默认按报告类型选择"),
    click.option("--year", type=click.IntRange(2000, 2099), metavar="年份", help="报告年度（不指定则从标题、开头或落款推断）"),
    click.option("--kind", type=click.Choice(["government", "department"]), help="报告类型（不指定则按发文主体推断）"),
    click.option("--published", callback=_date, metavar="YYYY-MM-DD", help="报告向社会公开的日期，用于核对4月1日前公开的要求"),
    click.option("--max-size", type=click.FloatRange(0.1, 2048), default=50, metavar="MB", show_default=True, help="单个文件大小上限（MB）"),
]


def common_options(function):
    for option in reversed(_common + [debug_option]):
        function = option(function)
    return function


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="报告...")
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS) + list(ALIASES)), default="text",
              metavar="格式", help="输出格式：text（默认，终端文字报告）、json、sarif、junit、html、csv、xlsx")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件（写完才替换，不会留下写了一半的文件）；csv、xlsx 必须指定")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="有该级别及以上的薄弱/缺失项时退出码为 1")
@click.option("-j", "--jobs", callback=_jobs, default="auto", show_default=True, metavar="N|auto",
              help="并行检查的进程数；auto 按 CPU 核数，且不超过文件数")
@click.option("--details/--no-details", default=None, help="批量检查时是否逐份展开详情")
@click.option("--all", "show_all", is_flag=True, help="终端报告列出全部规则，包括符合和不适用的")
@click.option("--config", metavar="FILE", help="例外配置文件（exceptions：规则、理由、文件）；默认读取报告所在目录的 .fzcheck.yaml")
@click.option("--previous", multiple=True, metavar="上年报告",
              help="上一年度报告（文件或目录，可多次给出）：比对照搬上年的内容、核对上年工作安排的落实")
@click.option("--previous-map", metavar="CSV", help="本年度报告与上一年度报告的对照表（两列：本年度文件,上年文件），单位名称不一致时用")
@click.option("--baseline", metavar="OLD.json", help="上次 --format json 的输出：只把新出现的问题计入退出码")
@common_options
def check(paths, fmt, output, fail_on, jobs, details, show_all, config, previous, previous_map, baseline,
          rules, year, kind, published, max_size):
    """检查一份或多份报告（文件、目录或通配符；- 表示标准输入）。"""
    from checker.pipeline import stream_paths
    from checker.reporters import get_reporter
    from checker.results import Severity

    def run() -> int:
        reporter = get_reporter(fmt)
        if reporter.MEDIA == "binary" and not output:
            raise UsageError("", f"{fmt} 格式是给 Excel 等表格软件打开的文件，不在屏幕上显示，"
                                 f"请用 -o 指定保存位置，如 -o 汇总.{fmt}")
        if output:
            from checker.discovery import expand_paths
            from checker.output import refuse_overwriting_inputs

            refuse_overwriting_inputs(output, expand_paths(paths))
        options = _options(rules, year, kind, published, max_size)
        if previous_map and not previous:
            raise UsageError("", "--previous-map 须与 --previous（上一年度报告）一起使用")
        batch = stream_paths(paths, options, jobs=jobs, progress=_progress(), config=config, previous=previous,
                             previous_map=previous_map, baseline=baseline)
        for error in batch.errors:
            if error.detail and _debug():
                _echo(error.detail.rstrip(), err=True)
            _echo(f"fzcheck: {error.path}: {error.message}", err=True)
        _emit(reporter, batch, output, details=details, show_all=show_all)
        return batch.exit_code(None if fail_on == "never" else Severity(fail_on))

    _guard(run)


def _progress():
    """A progress bar on stderr in a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    from checker.progress import ProgressLine

    return ProgressLine()


def _emit(reporter, batch, output: str | None, **terminal) -> None:
    """Formats that can write report by report (json, csv, xlsx) read the batch once as they write; the
    others render it whole."""
    from checker.output import open_output, write_output, write_stdout

    if hasattr(reporter, "write") and (output or reporter.MEDIA == "text"):
        with open_output(output or "-", seekable=getattr(reporter, "SEEKS", False)) as out:
            reporter.write(batch, out)
    else:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        width = None
        if not output and sys.stdout.isatty():
            import shutil  # only a terminal has a width

            width = shutil.get_terminal_size().columns
        kwargs = {key: value for key, value in terminal.items() if key in getattr(reporter, "OPTIONS", ())}
        data = reporter.render(batch.collect(), color=color, width=width, **kwargs)
        if output:
            write_output(output, data)
        else:
            write_stdout(data)
    if output:
        unscored = batch.unscored
        shown = f"{batch.count - unscored} 份报告，{unscored} 个不是年度报告" if unscored else f"{batch.count} 份报告"
        _echo(f"fzcheck: 已写入 {output}（{shown}，{len(batch.errors)} 个无法读取）", err=True)


@main.command()
@click.argument("path", metavar="报告.docx")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="批注版输出路径（默认：原文件名.批注.docx）")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="退出码与 check 相同：有该级别及以上的薄弱/缺失项时为 1")
@common_options
def annotate(path, output, fail_on, rules, year, kind, published, max_size):
    """在 Word 文件中插入批注，标出薄弱和缺失之处（原文件不变）。"""
    from checker.annotate import annotate_docx
    from checker.labels import not_a_report_line
    from checker.output import refuse_overwriting_inputs, write_output
    from checker.pipeline import check_one
    from checker.results import Severity

    def run() -> int:
        if not path.lower().endswith(".docx"):
            raise UsageError(path, "批注功能只支持 .docx 文件；.doc/.wps 请先另存为 .docx")
        default = os.path.splitext(path)[0] + ".批注.docx"
        target = output or _free_name(default)
        refuse_overwriting_inputs(target, [path])
        report = check_one(path, _options(rules, year, kind, published, max_size))
        with open(path, "rb") as handle:
            data = annotate_docx(handle.read(), report)
        write_output(target, data)
        gaps = len(report.gaps())
        kept = "" if output or target == default else f"（{default} 已存在，可能含您的修改，未覆盖）"
        if report.scored:
            _echo(f"已写入 {target}{kept}：{gaps} 处薄弱或缺失，得分 {report.score}/100")
        else:
            _echo(f"已写入 {target}{kept}：{not_a_report_line(report)}")
        return report.exit_code(None if fail_on == "never" else Severity(fail_on))

    _guard(run)


def _free_name(target: str) -> str:
    """The annotated file's name; one that exists (the user may have edited it) is kept: 报告.批注(2).docx."""
    stem = target[: -len(".docx")]
    number = 1
    while os.path.exists(target):
        number += 1
        target = f"{stem}({number}).docx"
    return target


@main.command()
@click.argument("rule_id", metavar="规则")
@debug_option
@click.option("--rules", "rules", default=None, metavar="规则集", help="在哪个规则集中查找（默认在所有内置规则集中查找）")
@click.option("--sources", is_flag=True, help="同时显示依据的出处说明（哪些条文已核实、哪些只是通行做法）")
def explain(rule_id, rules, sources):
    """说明一条规则：为什么查、依据、判定标准、怎么改、合规示例。"""
    from functools import partial

    from checker.ruleinfo import explain_rule as describe, find_rules

    explain_rule = partial(describe, sources=sources)

    def run() -> int:
        if rules:
            return _print_rule(rules, rule_id, explain_rule)
        found = find_rules(rule_id)
        if not found:
            raise UsageError(rule_id, "内置规则集中没有这条规则，也没有标题含这些字的规则；用 fzcheck rules list 查看全部规则")
        if len({rule.id for _, rule in found}) > 1:
            _echo(f"有 {len(found)} 条规则与“{rule_id}”相符，用 fzcheck explain 规则id 查看其中一条：")
            for name, rule in found:
                _echo(f"  {rule.id}　{rule.title}（规则集 {name}）")
            return 0
        name, rule = found[0]
        also = sorted({n for n, r in found} - {name})
        _echo(f"（规则集 {name}" + (f"，也见于 {'、'.join(also)}" if also else "") + "）")
        _echo(explain_rule(rule))
        return 0

    _guard(run)


def _print_rule(ref: str, rule_id: str, describe) -> int:
    from checker.ruleset import load_ruleset

    ruleset = load_ruleset(ref)
    rule = ruleset.get(rule_id)
    if rule is None:
        candidates = [r.id for r in ruleset.rules if rule_id in r.id][:5]
        hint = f"；相近的有 {', '.join(candidates)}" if candidates else "；用 fzcheck rules list 查看全部规则"
        raise UsageError(rule_id, f"规则集 {ruleset.name} 中没有这条规则{hint}")
    _echo(describe(rule))
    return 0


@main.group()
@debug_option
def rules():
    """查看、校验和比较规则集。"""


@rules.command("list")
@debug_option
@click.option("--rules", "ref", default=None, metavar="规则集", help="规则集名称或文件；默认列出 government 和 department")
def rules_list(ref):
    """列出规则集中的规则。"""
    from checker.ruleinfo import list_rules
    from checker.ruleset import builtin_names, load_ruleset

    def run() -> int:
        for name in [ref] if ref else ["government", "department"]:
            _echo(list_rules(load_ruleset(name)))
            _echo()
        if not ref:
            _echo("内置规则集：" + "、".join(builtin_names()))
        return 0

    _guard(run)


@rules.command("show")
@debug_option
@click.argument("rule_id", metavar="规则")
@click.option("--rules", "ref", default="government", show_default=True, metavar="规则集", help="在哪个规则集中查找")
def rules_show(rule_id, ref):
    """显示一条规则的全部内容，包括检查参数。"""
    from checker.ruleinfo import show_rule

    _guard(lambda: _print_rule(ref, rule_id, show_rule))


@rules.command("validate")
@debug_option
@click.argument("files", nargs=-1, required=True, metavar="规则文件...")
def rules_validate(files):
    """校验规则文件；有错时给出文件、规则 id 和键，退出码 2。"""
    from checker.ruleset import load_ruleset

    def run() -> int:
        for path in files:
            ruleset = load_ruleset(path)
            _echo(f"{path}: 规则文件有效（规则集 {ruleset.name}，{len(ruleset.rules)} 条规则）")
        return 0

    _guard(run)


@rules.command("diff")
@debug_option
@click.argument("base", metavar="规则集")
@click.argument("other", metavar="另一规则集")
def rules_diff(base, other):
    """比较两个规则集（如 government 与某省补充规则）的差异。"""
    from checker.ruleinfo import diff_rulesets
    from checker.ruleset import load_ruleset

    def run() -> int:
        _echo(diff_rulesets(load_ruleset(base), load_ruleset(other)))
        return 0

    _guard(run)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址", help="监听地址；非本机地址必须设置访问令牌")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, metavar="端口", show_default=True, help="端口")
@click.option("--token-file", type=click.Path(dir_okay=False), help="访问令牌文件（也可用环境变量 FZCHECK_TOKEN）")
@click.option("--workers", type=click.IntRange(1, 32), default=None, metavar="N", help="同时检查的进程数（默认为 CPU 核数，最多 4）")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=60, metavar="秒", show_default=True, help="单个文件的检查时限（秒）")
@_common[-1]
def serve(host, port, token_file, workers, timeout, max_size):
    """启动本地检查网页和 HTTP 接口（默认只有本机可访问）。"""

    def run() -> int:
        from checker.web.server import resolve_token, run, settings_for
        from checker.web.workers import cpu_default

        warn = lambda line: _echo(f"fzcheck: {line}", err=True)  # noqa: E731
        settings = settings_for(host, resolve_token(token_file), warn, max_bytes=int(max_size * 1024 * 1024),
                                workers=workers or cpu_default(), timeout=timeout)
        return run(settings, port, _echo)

    _guard(run)


if __name__ == "__main__":
    main()
