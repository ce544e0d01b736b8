"""Word review comments (批注) for weak and missing findings, anchored on the cited paragraphs."""
from __future__ import annotations

import io
import re
from typing import Any

from checker.errors import InputError
from checker.labels import STATUS_LABEL, not_a_report_line
from checker.results import Report, Result, Status

AUTHOR, INITIALS = "fzcheck", "FZ"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LINE = re.compile(r"第(\d+)行")


def annotate_docx(data: bytes, report: Report) -> bytes:
    """The .docx with one comment per located weak/missing finding and a summary comment."""
    import docx
    from docx.text.paragraph import Paragraph

    from checker.readers.docx import paragraph_elements, paragraph_text, verify_package

    verify_package(data, report.path)  # python-docx reads every part without limits: check them first
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, PackageNotFoundError, XMLSyntaxError …
        raise InputError(report.path, "无法打开这个 Word 文件添加批注；请在 Word/WPS 中另存为 .docx 后重试") from None
    body = document._body  # the story a Paragraph needs as parent (for .part); python-docx has no public handle
    _remove_own_comments(document)
    paragraphs = list(paragraph_elements(document.element))
    texts = [paragraph_text(p) for p in paragraphs]
    located = [(result, _line(result)) for result in report.gaps() if 1 <= _line(result) <= len(paragraphs)]
    for result, number in sorted(located, key=lambda item: item[1]):
        paragraph = Paragraph(paragraphs[number - 1], body)
        comment = document.add_comment(_anchor(paragraph), text=_without_line_numbers(_headline(result), texts),
                                       author=AUTHOR, initials=INITIALS)
        if result.placement is not None and not result.evidence:
            comment.add_paragraph(f"位置：{result.placement.text}补写")
        if result.suggestion:
            comment.add_paragraph(f"建议：{result.suggestion}")
        if result.basis:
            comment.add_paragraph(f"依据：{result.basis}")
    first = next((p for p in paragraphs if paragraph_text(p).strip()), paragraphs[0] if paragraphs else None)
    if first is None:
        first = document.add_paragraph()._p
    summary = document.add_comment(_anchor(Paragraph(first, body)), text=_summary(report),
                                   author=AUTHOR, initials=INITIALS)
    for result in report.gaps():
        if result.status is Status.MISSING:
            summary.add_paragraph(f"缺失：{result.title}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _line(result: Result) -> int:
    """The paragraph a comment sits on: the evidence, else where the missing part should go; 0 for none."""
    if result.evidence:
        return result.evidence[0].line
    return result.placement.line if result.placement is not None else 0


def _without_line_numbers(text: str, paragraphs: list[str]) -> str:
    """Word has no line numbers a reader can use: 第N行 becomes the start of that paragraph, quoted."""
    def quote(match: re.Match) -> str:
        number = int(match.group(1))
        words = paragraphs[number - 1].strip() if 1 <= number <= len(paragraphs) else ""
        return f"“{words[:14]}{'…' if len(words) > 14 else ''}”处" if words else "文中"

    return _LINE.sub(quote, text)


def _remove_own_comments(document: Any) -> None:
    """Comments an earlier run of fzcheck added, with their anchors: a new run replaces them, not doubles them."""
    part = document.part
    try:
        comments = part._comments_part.element  # python-docx has no public way to delete a comment
    except Exception:  # noqa: BLE001 - no comments part yet
        return
    ours = {c.get(_W + "id") for c in comments.findall(_W + "comment") if c.get(_W + "author") == AUTHOR}
    if not ours:
        return
    for comment in comments.findall(_W + "comment"):
        if comment.get(_W + "id") in ours:
            comments.remove(comment)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for mark in [m for m in document.element.iter(_W + tag) if m.get(_W + "id") in ours]:
            parent = mark.getparent()
            parent.remove(mark)
            if parent.tag == _W + "r" and all(child.tag == _W + "rPr" for child in parent):
                parent.getparent().remove(parent)  # the run held only the reference mark


def _anchor(paragraph: Any) -> Any:
    """The runs a comment spans; a paragraph without direct runs gets an empty one."""
    runs = paragraph.runs
    # add_comment raises IndexError on a paragraph with no direct w:r (empty, or all its text
    # inside a hyperlink or tracked insertion), so give it an empty run to hold the anchor.
    return (runs[0], runs[-1]) if runs else paragraph.add_run("")


def _headline(result: Result) -> str:
    return f"【{STATUS_LABEL[result.status]}】{result.title}：{result.message}"


def _summary(report: Report) -> str:
    if report.not_a_report is not None:
        return f"fzcheck 检查摘要：{not_a_report_line(report)}"
    gaps = report.gaps()
    missing = sum(1 for result in gaps if result.status is Status.MISSING)
    weak = len(gaps) - missing
    return f"fzcheck 检查摘要：缺失 {missing} 项，薄弱 {weak} 项，得分 {report.score}。"
