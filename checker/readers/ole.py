"""Word 97–2003 .doc and Kingsoft .wps (OLE2): converted to .docx, then read as .docx."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from checker.errors import InputError
from checker.text import Text

SOFFICE_TIMEOUT = 120
_ENCRYPTED = "文件已加密，请去除密码后另存再检查"
_NO_CONVERTER = ("无法读取 .doc/.wps 文件；请安装 LibreOffice（如 apt-get install libreoffice-writer-nogui）"
                 "或在 Word/WPS 中另存为 .docx 后重试")
_NO_TEXT = ("Word/WPS 文件中没有可读的文字（文件可能已损坏）；请在 Word/WPS 中打开确认内容后另存为 .docx 再检查")
_USUAL_SHARE = 0.8  # characters of Chinese text (CJK, ASCII, CJK and full-width punctuation) in a report
# Streams that name what an OLE file holds besides a Word document.
_OTHER_KINDS = {"workbook": "Excel 表格", "book": "Excel 表格", "powerpoint document": "PowerPoint 演示文稿",
                "visio document": "Visio 图", "__properties_version1.0": "Outlook 邮件"}


def read(data: bytes, path: str) -> Text:
    """Read an OLE2 Word/WPS document from bytes."""
    from checker.readers import docx

    streams = _stream_names(data)
    if streams is not None:
        if "encryptioninfo" in streams or "encryptedpackage" in streams:
            raise InputError(path, _ENCRYPTED)  # an encrypted .docx is an OLE container
        if "worddocument" not in streams:
            kind = next((name for key, name in _OTHER_KINDS.items() if key in streams), "")
            raise InputError(path, f"这不是 Word 文档（是 {kind or '其他类型的 OLE 文件'}），请提供报告的 Word、PDF 或文本文件")
    converted = _with_msdoc2docx(data, path)
    if converted is None:
        converted = _with_soffice(data, path)
    if converted is None:
        raise InputError(path, _NO_CONVERTER)
    try:
        text = docx.read(converted, path)
    except InputError as error:
        raise InputError(path, _NO_TEXT if "没有可读" in error.reason else error.reason) from None
    if not _reads_as_text(text):
        raise InputError(path, _NO_TEXT)
    return Text(path=text.path, lines=text.lines, format="doc", meta=text.meta)


def _reads_as_text(text: Text) -> bool:
    """Whether a converted file holds document text: LibreOffice imports bytes it cannot parse as
    text (often as UTF-16), so a damaged file comes back as random characters from all of Unicode."""
    sample = "".join(line.text for line in text.lines)[:20000]
    if not sample:
        return False
    usual = sum(1 for ch in sample if _usual(ch))
    return usual >= _USUAL_SHARE * len(sample)


def _usual(ch: str) -> bool:
    code = ord(ch)
    return (32 <= code < 127 or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F or 0x2460 <= code <= 0x24FF or ch.isspace())


def _stream_names(data: bytes) -> set[str] | None:
    """Lower-cased stream names of the compound file, or None when it cannot be parsed."""
    try:
        from doc2docx.cfb.container import CompoundFile
        from doc2docx.errors import Doc2DocxError
    except ImportError:
        return None
    try:
        compound = CompoundFile(data)
    except Doc2DocxError:
        return None
    except Exception:  # noqa: BLE001 - a mangled header; the converters below report it properly
        return None
    return {entry.path.rsplit("/", 1)[-1].lower() for entry in compound.entries}


def _with_msdoc2docx(data: bytes, path: str) -> bytes | None:
    try:
        import doc2docx
        from doc2docx.errors import Doc2DocxError, EncryptedDocumentError
    except ImportError:
        return None
    with tempfile.TemporaryDirectory(prefix="fzcheck-") as tmp:
        source, target = Path(tmp, "in.doc"), Path(tmp, "out.docx")
        source.write_bytes(data)
        try:
            doc2docx.convert(source, target)
        except EncryptedDocumentError:
            raise InputError(path, _ENCRYPTED) from None
        except Doc2DocxError:
            return None
        except Exception:  # noqa: BLE001 - msdoc2docx is Beta; a crash on a malformed file falls back to LibreOffice
            return None
        return target.read_bytes() if target.exists() else None


def _with_soffice(data: bytes, path: str) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="fzcheck-lo-") as tmp:
        source = Path(tmp, "in.doc")
        source.write_bytes(data)
        # Own profile per run: parallel runs sharing one silently lose output.
        command = [soffice, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "docx", "--outdir", tmp, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice 转换超时（{SOFFICE_TIMEOUT} 秒）；请在 Word/WPS 中另存为 .docx 后重试") from None
        except OSError:
            return None
        target = Path(tmp, "in.docx")
        # soffice exits 0 even when it could not load the file: only the output counts.
        if not target.exists() or target.stat().st_size == 0:
            raise InputError(path, "Word/WPS 文件已损坏或格式不受支持，无法读取；请在 Word/WPS 中另存为 .docx 后重试")
        return target.read_bytes()
