"""Word review comments (批注) for weak and missing findings, anchored on the cited paragraphs."""
from __future__ import annotations

import io
from typing import Any

from checker.errors import InputError
from checker.labels import STATUS_LABEL
from checker.results import Report, Result, Status

AUTHOR, INITIALS = "fzcheck", "FZ"


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
    paragraphs = list(paragraph_elements(document.element))
    located = [(result, result.evidence[0].line) for result in report.gaps()
               if result.evidence and 1 <= result.evidence[0].line <= len(paragraphs)]
    for result, number in sorted(located, key=lambda item: item[1]):
        paragraph = Paragraph(paragraphs[number - 1], body)
        comment = document.add_comment(_anchor(paragraph), text=_headline(result), author=AUTHOR, initials=INITIALS)
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


def _anchor(paragraph: Any) -> Any:
    """The runs a comment spans; a paragraph without direct runs gets an empty one."""
    runs = paragraph.runs
    # add_comment raises IndexError on a paragraph with no direct w:r (empty, or all its text
    # inside a hyperlink or tracked insertion), so give it an empty run to hold the anchor.
    return (runs[0], runs[-1]) if runs else paragraph.add_run("")


def _headline(result: Result) -> str:
    return f"【{STATUS_LABEL[result.status]}】{result.title}：{result.message}"


def _summary(report: Report) -> str:
    gaps = report.gaps()
    missing = sum(1 for result in gaps if result.status is Status.MISSING)
    weak = len(gaps) - missing
    return f"fzcheck 检查摘要：缺失 {missing} 项，薄弱 {weak} 项，得分 {report.score}。"
