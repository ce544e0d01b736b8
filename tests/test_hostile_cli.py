"""Hostile command lines through the real console script: output paths, batch discovery, rule files.

Each case builds its folder, runs fzcheck under a memory limit and a timeout, and states what a
correct run gives: a result (exit 0/1) or a refusal (exit 2, one Chinese line naming the file);
either way within 10 s and 500 MB, without a traceback, with every input byte-identical.
Permission cases run with file modes binding root too, when the suite runs as root.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import threading
import xml.dom.minidom
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import EXAMPLES, SHARED
from hostile import Run, one_chinese_line, run_fzcheck, within_limits

RESULT, REFUSED = {0, 1}, {2}
REPORT = (EXAMPLES / "government-flawed.txt").read_text(encoding="utf-8")
ROOT = os.geteuid() == 0
HEAD = "version: 1\nname: t\nextends: government\n"
TOPIC = ("version: 1\nname: t\nextends: government\nrules:\n  - id: local.x\n    title: t\n    severity: warning\n"
         "    basis: b\n    suggestion: s\n    check: {kind: topic, parts: [{name: n, phrases: [{regex: 'PATTERN'}]}]}\n")


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], None]  # writes the inputs into the folder
    args: tuple[str, ...]
    expect: set[int]
    names: str = ""  # a refusal's line must name this
    says: str = ""  # ...and contain this
    then: Callable[[Path, Run], None] | None = None  # further checks on the folder and the run
    modes: bool = False  # a permission case: file modes must stop the run even as root


def report(*names: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(REPORT, encoding="utf-8")
    return build


def both(*builds: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for step in builds:
            step(folder)
    return build


def text(name: str, content: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(content, encoding="utf-8")


def fifo(name: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / name)


def link(name: str, target: str) -> Callable[[Path], None]:
    return lambda folder: os.symlink(target, folder / name)


def folder_mode(name: str, mode: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        (folder / name).mkdir(exist_ok=True)
        os.chmod(folder / name, mode)
    return build


def foreign(name: str) -> Callable[[Path], None]:
    """A folder of another user (as root: owned by nobody, mode 700), else one this user cannot write."""
    def build(folder: Path) -> None:
        (folder / name).mkdir()
        if ROOT:
            os.chown(folder / name, 65534, 65534)
            os.chmod(folder / name, 0o700)
        else:
            os.chmod(folder / name, 0o500)
    return build


def json_on_stdout(reports: int, errors: tuple[str, ...] = ()) -> Callable[[Path, Run], None]:
    def then(folder: Path, run: Run) -> None:
        data = json.loads(run.stdout)
        assert len(data["reports"]) == reports, [r["path"] for r in data["reports"]]
        assert sorted(e["path"] for e in data["errors"]) == sorted(errors), data["errors"]
    return then


def still(name: str, test: Callable[[int], bool]) -> Callable[[Path, Run], None]:
    def then(folder: Path, run: Run) -> None:
        assert test(os.lstat(folder / name).st_mode), f"{name} was replaced"
    return then


def deep_block(levels: int) -> str:
    return HEAD + "title:\n" + "".join(" " * (i + 1) + "- \n" for i in range(levels))


def alias_bomb(levels: int) -> str:
    lines = [HEAD.rstrip(), 'disable: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"x{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines + [f"title: *l{levels - 1}"]) + "\n"


OUTPUT = [
    Case("out-names-a-file-in-the-folder", report("d/0.txt", "d/1.txt"), ("check", "d", "--format", "json", "-o", "d/0.txt"),
         REFUSED, names="d/0.txt", says="同一个文件"),
    Case("out-names-a-file-the-glob-matches", report("d/0.txt", "d/1.txt"),
         ("check", "d/*.txt", "--format", "json", "-o", "d/1.txt"), REFUSED, names="d/1.txt", says="同一个文件"),
    Case("out-names-a-file-a-**-glob-matches", report("d/0.txt", "d/sub/2.txt"),
         ("check", "d/**/*.txt", "--format", "json", "-o", "d/sub/2.txt"), REFUSED, names="d/sub/2.txt"),
    Case("out-through-..-into-the-folder", report("d/0.txt"), ("check", "d", "--format", "csv", "-o", "d/../d/./0.txt"),
         REFUSED, names="d/../d/./0.txt"),
    Case("out-is-a-symlink-to-an-input", both(report("d/0.txt"), link("out.json", "d/0.txt")),
         ("check", "d", "--format", "json", "-o", "out.json"), REFUSED, names="out.json",
         then=still("out.json", stat.S_ISLNK)),
    Case("out-dash-is-stdout", report("d/0.txt"), ("check", "d", "--format", "json", "-o", "-"), RESULT,
         then=json_on_stdout(1)),
    Case("out-/dev/stdout", report("d/0.txt"), ("check", "d", "--format", "json", "-o", "/dev/stdout"), RESULT,
         then=json_on_stdout(1)),
    Case("out-symlink-to-/proc/self/fd/1", both(report("d/0.txt"), link("so", "/proc/self/fd/1")),
         ("check", "d", "--format", "json", "-o", "so"), RESULT,
         then=lambda folder, run: (json_on_stdout(1)(folder, run), still("so", stat.S_ISLNK)(folder, run))),
    Case("out-xlsx-through-/proc/self/fd/1", both(report("d/0.txt"), link("so", "/proc/self/fd/1")),
         ("check", "d", "--format", "xlsx", "-o", "so"), RESULT,
         then=still("so", stat.S_ISLNK)),
    Case("out-/dev/null", report("d/0.txt"), ("check", "d", "--format", "json", "-o", "/dev/null"), RESULT,
         then=lambda folder, run: assert_char_device("/dev/null")),
    Case("out-/proc/version", report("d/0.txt"), ("check", "d", "--format", "json", "-o", "/proc/version"), REFUSED,
         names="/proc/version", says="无法写入"),
    Case("out-into-a-read-only-folder", both(report("d/0.txt"), folder_mode("ro", 0o555)),
         ("check", "d", "--format", "json", "-o", "ro/x.json"), REFUSED, names="ro/x.json", says="没有写入权限",
         modes=True),
    Case("out-into-another-users-folder", both(report("d/0.txt"), foreign("theirs")),
         ("check", "d", "--format", "json", "-o", "theirs/x.json"), REFUSED, names="theirs/x.json", modes=True),
]

DISCOVERY = [
    Case("fifo-given-as-a-report", fifo("p.txt"), ("check", "p.txt"), REFUSED, names="p.txt", says="不是普通文件"),
    Case("fifo-in-a-batch-folder", both(report("d/0.txt"), fifo("d/p.txt")), ("check", "d", "--format", "json"), REFUSED,
         names="d/p.txt", then=json_on_stdout(1, ("d/p.txt",))),
    Case("**-over-a-double-symlink-loop", both(report("loop/sub/a.txt"), link("loop/sub/up", ".."),
                                               link("loop/sub/up2", "..")),
         ("check", "loop/**/*.txt", "--format", "json"), RESULT, then=json_on_stdout(1)),
    Case("one-file-under-two-names", both(report("d/0.txt"), link("d/same.txt", "0.txt")),
         ("check", "d", "d/0.txt", "./d/0.txt", "--format", "json"), RESULT, then=json_on_stdout(1)),
    Case("unreadable-sub-folder", both(report("perm/ok.txt", "perm/locked/in.txt"), folder_mode("perm/locked", 0)),
         ("check", "perm", "--format", "json"), REFUSED, names="perm/locked", says="没有读取权限",
         then=json_on_stdout(1, ("perm/locked",)), modes=True),
    Case("unreadable-sub-folder-under-**", both(report("perm/ok.txt", "perm/locked/in.txt"), folder_mode("perm/locked", 0)),
         ("check", "perm/**/*.txt", "--format", "json"), REFUSED, names="perm/locked",
         then=json_on_stdout(1, ("perm/locked",)), modes=True),
]

RULE_FILES = [
    Case("yaml-alias-bomb-9^9", text("r.yaml", alias_bomb(9)), ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml",
         says="别名"),
    Case("yaml-alias-bomb-in---rules", both(report("a.txt"), text("r.yaml", alias_bomb(9))),
         ("check", "a.txt", "--rules", "r.yaml"), REFUSED, names="r.yaml", says="别名"),
    Case("yaml-one-alias", text("r.yaml", HEAD + "title: &t x\ndescription: *t\n"), ("rules", "validate", "r.yaml"),
         REFUSED, names="r.yaml", says="别名"),
    Case("yaml-20000-deep-flow-sequence", text("r.yaml", HEAD + "title: " + "[" * 20000 + "]" * 20000 + "\n"),
         ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml", says="嵌套"),
    Case("yaml-5000-deep-flow-mapping", both(report("a.txt"), text("r.yaml", HEAD + "title: " + "{a: " * 5000 + "1" + "}" * 5000)),
         ("check", "a.txt", "--rules", "r.yaml"), REFUSED, names="r.yaml", says="嵌套"),
    Case("yaml-900-deep-block-sequence", text("r.yaml", deep_block(900)), ("rules", "validate", "r.yaml"), REFUSED,
         names="r.yaml", says="嵌套"),
    Case("yaml-3000-deep-block-sequence-9-MB", text("r.yaml", deep_block(3000)), ("rules", "validate", "r.yaml"), REFUSED,
         names="r.yaml"),
    Case("yaml-5000-digit-integer", text("r.yaml", HEAD + "rules:\n  - id: content.measures\n    check: {min_chars: "
                                         + "9" * 5000 + "}\n"),
         ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml", says="整数"),
    Case("regex-repeat-2^32", text("r.yaml", TOPIC.replace("PATTERN", "a{4294967296}")), ("rules", "validate", "r.yaml"),
         REFUSED, names="r.yaml", says="local.x"),
    Case("regex-nested-quantifier", both(text("r.yaml", TOPIC.replace("PATTERN", "(a+)+$")),
                                         text("a.txt", REPORT + "\n" + "a" * 40 + "!\n")),
         ("check", "a.txt", "--rules", "r.yaml"), REFUSED, names="r.yaml", says="(a+)+$"),
    Case("regex-5000-nested-groups", text("r.yaml", TOPIC.replace("PATTERN", "(" * 5000 + "a" + ")" * 5000)),
         ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml", says="local.x"),
    Case("rules-path-without-.yaml", both(report("a.txt"), text("evil", HEAD)), ("check", "a.txt", "--rules", "./evil"),
         REFUSED, names="evil", says=".yaml"),
    Case("extends-path-without-.yaml", both(text("evil", HEAD), text("r.yaml", "version: 1\nname: p\nextends: evil\n")),
         ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml", says="extends"),
    Case("rules-name-leaving-the-built-in-folder", both(report("a.txt"), text("evil.yaml", "version: 1\nrules:\n  - id: x.y\n")),
         ("check", "a.txt", "--rules", "../../../../../../../../../../../..{dir}/evil"), REFUSED, names="/evil"),
    Case("rules-list-absolute-name-without-.yaml", text("evil.yaml", "version: 1\nrules:\n  - id: x.y\n"),
         ("rules", "list", "--rules", "{dir}/evil"), REFUSED, names="/evil"),
    Case("rule-file-is-a-fifo", both(report("a.txt"), fifo("r.yaml")), ("check", "a.txt", "--rules", "r.yaml"), REFUSED,
         names="r.yaml"),
    Case("rule-file-of-2-MB", text("r.yaml", HEAD + "description: " + "x" * (2 << 20) + "\n"),
         ("rules", "validate", "r.yaml"), REFUSED, names="r.yaml", says="过大"),
]

ESC = "\x1b]0;PWNED\x07\x1b[2J\x9b31m"  # retitle the window, clear the screen, a C1 CSI
ESC_NAME = "\x1b]0;PWNED\x07\x1b[2J.txt"
RULE_TITLE = 'version: 1\nname: "x\\x01"\nextends: government\nrules:\n  - id: content.measures\n    title: "举措\\e]0;PWNED\\a\\e[2J"\n'


def no_raw_controls(where: str = "both") -> Callable[[Path, Run], None]:
    def then(folder: Path, run: Run) -> None:
        for name, stream in (("stdout", run.stdout), ("stderr", run.stderr)):
            if where in (name, "both"):
                assert not any(ch in stream for ch in "\x1b\x07\x9b"), f"raw control characters on {name}: {stream[:300]!r}"
        assert "\\x1b" in run.stdout + run.stderr, "the control characters should be shown as \\xNN"
    return then


CONTROL = [
    Case("escapes-in-report-text-rich", text("esc.txt", ESC + REPORT), ("check", "esc.txt"), RESULT,
         then=no_raw_controls()),
    Case("escapes-in-a-file-name-report-header", text(ESC_NAME, REPORT), ("check", ESC_NAME), RESULT,
         then=no_raw_controls()),
    Case("escapes-in-a-file-name-batch-overview", both(text(ESC_NAME, ESC + REPORT), report("b.txt", "c.txt", "d.txt")),
         ("check", ESC_NAME, "b.txt", "c.txt", "d.txt"), RESULT, then=no_raw_controls()),
    Case("escapes-in-a-file-name-error-line", text("e" + ESC_NAME, ""), ("check", "e" + ESC_NAME), REFUSED,
         names="PWNED", then=no_raw_controls()),
    Case("escapes-in-a-rule-title-rules-show", text("r.yaml", RULE_TITLE), ("rules", "show", "content.measures", "--rules", "r.yaml"),
         {0}, then=no_raw_controls()),
    Case("escapes-in-a-rule-title-rules-list", text("r.yaml", RULE_TITLE), ("rules", "list", "--rules", "r.yaml"),
         {0}, then=no_raw_controls()),
    Case("escapes-in-a-rule-title-check", both(report("a.txt"), text("r.yaml", RULE_TITLE)),
         ("check", "a.txt", "--rules", "r.yaml", "--fail-on", "never"), {0}, then=no_raw_controls()),
    Case("escapes-kept-in-json", text("esc.txt", ESC + REPORT), ("check", "esc.txt", "--format", "json"), RESULT,
         then=lambda folder, run: _assert(json.loads(run.stdout)["reports"][0]["title"].startswith(ESC))),
]


def _assert(condition: bool) -> None:
    assert condition


CASES = OUTPUT + DISCOVERY + RULE_FILES + CONTROL
TABLE: list[tuple[str, int, float, float]] = []  # id, exit code, seconds, peak MB: the closing table


def assert_char_device(path: str) -> None:
    assert stat.S_ISCHR(os.stat(path).st_mode), f"{path} is no longer a device"


def snapshot(folder: Path) -> dict[str, str]:
    """Every regular file's content hash (folders this user cannot read are skipped)."""
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                found[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return found


@pytest.fixture
def workdir(tmp_path):
    """tmp_path, with locked folders opened again afterwards so that it can be removed."""
    yield tmp_path
    for root, dirs, _ in os.walk(tmp_path):
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_command_line(workdir, case):
    case.build(workdir)
    before = snapshot(workdir)
    args = [arg.replace("{dir}", str(workdir)) for arg in case.args]
    run = run_fzcheck(args, cwd=str(workdir), timeout=30, modes_bind_root=case.modes)
    TABLE.append((case.id, run.code, run.seconds, run.peak_mb))
    within_limits(run)
    assert run.code in case.expect, f"exit {run.code}: {run.stderr[-800:]}"
    if case.expect == REFUSED:
        if case.names:
            line = one_chinese_line(run, case.names) if case.then is None else _line_naming(run, case.names)
            assert case.says in line, line
    else:
        assert "Traceback" not in run.stderr, run.stderr
    after = snapshot(workdir)
    assert {p: h for p, h in after.items() if p in before} == before, "an input file changed"
    if case.then:
        case.then(workdir, run)


def _line_naming(run: Run, name: str) -> str:
    """In a batch, each unreadable file has its own line; the one for `name`."""
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    lines = [line for line in run.error_lines if name in line]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_output_streams_into_a_fifo(workdir):
    report("d/0.txt")(workdir)
    os.mkfifo(workdir / "pipe")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append((workdir / "pipe").read_bytes()), daemon=True)
    reader.start()
    run = run_fzcheck(["check", "d", "--format", "json", "-o", "pipe"], cwd=str(workdir), timeout=30)
    reader.join(10)
    TABLE.append(("out-a-fifo", run.code, run.seconds, run.peak_mb))
    within_limits(run)
    assert run.code in RESULT, run.stderr
    assert len(json.loads(received[0])["reports"]) == 1
    assert stat.S_ISFIFO(os.lstat(workdir / "pipe").st_mode)


@pytest.mark.parametrize("umask, existing, expected", [(0o022, None, 0o644), (0o027, None, 0o640), (0o022, 0o664, 0o664)])
def test_output_mode_follows_the_umask_or_the_file_it_replaces(workdir, umask, existing, expected):
    report("d/0.txt")(workdir)
    if existing is not None:
        (workdir / "out.json").write_text("{}")
        os.chmod(workdir / "out.json", existing)
    old = os.umask(umask)
    try:
        run = run_fzcheck(["check", "d", "--format", "json", "-o", "out.json"], cwd=str(workdir), timeout=30)
    finally:
        os.umask(old)
    assert run.code in RESULT, run.stderr
    assert stat.S_IMODE(os.stat(workdir / "out.json").st_mode) == expected


def test_a_killed_writers_temporary_is_removed_by_the_next_run(workdir):
    report("d/0.txt")(workdir)
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = workdir / f".fzcheck-{gone.pid}-abc123.tmp"
    live = workdir / f".fzcheck-{os.getpid()}-def456.tmp"  # a writer still running
    stale.write_text("{half")
    live.write_text("{half")
    run = run_fzcheck(["check", "d", "--format", "json", "-o", "out.json"], cwd=str(workdir), timeout=30)
    assert run.code in RESULT, run.stderr
    assert not stale.exists() and live.exists()
    assert json.loads((workdir / "out.json").read_text())["reports"]
    assert [p.name for p in workdir.iterdir() if p.name.endswith(".tmp")] == [live.name]


def test_junit_stays_valid_xml_with_a_control_character_in_the_rule_set_name(workdir):
    report("a.txt")(workdir)
    (workdir / "r.yaml").write_text('version: 1\nname: "x\\x01y\\e[2J"\nextends: government\n', encoding="utf-8")
    run = run_fzcheck(["check", "a.txt", "--rules", "r.yaml", "--format", "junit", "-o", "out.xml"], cwd=str(workdir))
    assert run.code in RESULT, run.stderr
    xml.dom.minidom.parse(str(workdir / "out.xml"))


WRITERS = ["json", "sarif", "junit", "csv", "xlsx", "html", "rich"]
ODD_TEXT = "\U00020bb7\U0001f600\x01\x1b[2J\x9b\u2028"  # 𠮷, an emoji, C0, ESC, C1, a line separator


@pytest.mark.parametrize("fmt", WRITERS)
def test_every_writer_takes_any_unicode_and_control_characters(workdir, fmt):
    """Non-BMP characters survive every writer; control characters in text and file names never
    make a writer fail or its output invalid."""
    name = "\U00020bb7\x01\x1b[2J报告.txt"
    lines = REPORT.splitlines()
    lines[1] = lines[1] + ODD_TEXT  # the issuer line, which the reports quote
    (workdir / name).write_text(lines[0] + ODD_TEXT + "\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    out = workdir / f"out.{fmt}"
    run = run_fzcheck(["check", name, "--format", fmt, "-o", str(out)], cwd=str(workdir), timeout=30)
    TABLE.append((f"writer-{fmt}-non-bmp-and-controls", run.code, run.seconds, run.peak_mb))
    within_limits(run)
    assert run.code in RESULT, run.stderr
    data = out.read_bytes()
    if fmt == "xlsx":
        import zipfile

        with zipfile.ZipFile(out) as book:  # written row by row, so each sheet holds its own strings
            sheets = [book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        for sheet in sheets:
            xml.dom.minidom.parseString(sheet)
        data = b"".join(sheets)
    written = data.decode("utf-8")
    if fmt == "sarif":  # SARIF carries file names as percent-encoded URIs and no report title
        from urllib.parse import unquote

        assert "\U00020bb7" in unquote(written)
    else:
        assert "\U00020bb7" in written and "\U0001f600" in written
    if fmt == "junit":
        xml.dom.minidom.parseString(data)
    if fmt in ("json", "sarif"):
        json.loads(written)
    if fmt == "sarif":
        schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
        if schema.is_file():
            import jsonschema

            jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(json.loads(written))
    if fmt == "rich":
        assert not any(ch in written for ch in "\x01\x1b\x9b")


def _in_a_terminal(args: list[str], cwd: Path) -> bytes:
    """What fzcheck writes to a real terminal (a pty, 80 columns, colour on)."""
    import fcntl
    import pty
    import struct
    import termios

    from hostile import command

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}
    proc = subprocess.Popen(command() + args, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(master)
    return b"".join(chunks)


@pytest.mark.parametrize("args", [["check", "esc.txt"], ["check", ESC_NAME], ["check", "e" + ESC_NAME],
                                  ["rules", "show", "content.measures", "--rules", "r.yaml"]],
                         ids=["report-text", "file-name", "error-line", "rule-title"])
def test_a_terminal_gets_colour_but_no_escape_from_the_input(workdir, args):
    text("esc.txt", ESC + REPORT)(workdir)
    text(ESC_NAME, REPORT)(workdir)
    text("e" + ESC_NAME, "")(workdir)
    text("r.yaml", RULE_TITLE)(workdir)
    screen = _in_a_terminal(args, workdir).decode("utf-8", "replace")
    assert "Traceback" not in screen, screen[-2000:]
    assert "\\x1b" in screen  # shown, not obeyed
    assert "\x1b]" not in screen and "\x1b[2J" not in screen and "\x07" not in screen and "\x9b" not in screen, repr(screen[:500])


@pytest.mark.parametrize("raw, shown", [
    ("\x1b]0;PWNED\x07", "\\x1b]0;PWNED\\x07"),
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("\x9b31m", "\\x9b31m"),  # C1 CSI
    ("\x7f\x00\r", "\\x7f\\x00\\x0d"),
    ("行一\n\t行二", "行一\n\t行二"),  # newline and tab stay
    ("\U00020bb7\U0001f600 \u00a0\u3000", "\U00020bb7\U0001f600 \u00a0\u3000"),
])
def test_printable_shows_control_characters(raw, shown):
    from checker.text import printable

    assert printable(raw) == shown


def test_the_command_line_prints_only_through_its_sanitiser():
    """Every human line goes through cli._echo; a new click.echo would print file names raw."""
    source = (Path(__file__).resolve().parents[1] / "cli.py").read_text(encoding="utf-8")
    assert source.count("click.echo(") == 1 and "print(" not in source, \
        "print through cli._echo (checker.text.printable), so that file names and report text cannot drive the terminal"


def teardown_module(module) -> None:
    """FZCHECK_HOSTILE_TABLE=path writes the cases' exit codes, seconds and peak MB as a markdown table."""
    target = os.environ.get("FZCHECK_HOSTILE_TABLE")
    if target and TABLE:
        rows = ["| case | exit | s | peak MB |", "|---|---|---|---|"]
        rows += [f"| {name} | {code} | {seconds:.2f} | {mb:.0f} |" for name, code, seconds, mb in TABLE]
        Path(target).write_text("\n".join(rows) + "\n", encoding="utf-8")
