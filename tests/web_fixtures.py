"""Shared for the web tests: a sample report as .docx, a zip of reports, a running app."""
from __future__ import annotations

import io
import zipfile

from conftest import EXAMPLES

FLAWED = EXAMPLES / "government-flawed.txt"
GOOD = EXAMPLES / "government-good.txt"
DEPARTMENT = EXAMPLES / "department.txt"


def docx_from_text(path) -> bytes:
    """A .docx with one paragraph per non-empty line of a sample report."""
    import docx

    document = docx.Document()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_of(files: dict[str, bytes], *, gbk_names: bool = False) -> bytes:
    """A .zip; gbk_names packs names the way Chinese Windows does (GBK bytes, no UTF-8 flag)."""
    out = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for number, (name, data) in enumerate(files.items()):
            if gbk_names:
                raw = name.encode("gbk")
                # zipfile flags any non-ASCII name as UTF-8, so write an ASCII stand-in of the
                # same length and put the GBK bytes in its place afterwards.
                stand_in = (chr(ord("A") + number) * len(raw)).encode()
                placeholders[stand_in] = raw
                package.writestr(stand_in.decode(), data)
            else:
                package.writestr(name, data)
    packed = out.getvalue()
    for stand_in, raw in placeholders.items():
        packed = packed.replace(stand_in, raw)
    return packed


def comment_count(data: bytes) -> int:
    import docx

    return len(docx.Document(io.BytesIO(data)).comments)
