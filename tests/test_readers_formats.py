"""Readers for .docx/.doc/.rtf/.html/.mht/.pdf/.ofd: locations, broken input, safety, equivalence with .txt."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import format_fixtures as ff
from checker.errors import InputError
from checker.readers import read_bytes, read_path, sniff
from checker.readers.numbering import format_number

HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
TABLE = [["指标", "数值"], ["行政机关负责人出庭应诉率", "100%"]]
# An encrypted PDF export, in LibreOffice's JSON filter-option syntax.
ENCRYPTED_PDF = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                 '"DocumentOpenPassword":{"type":"string","value":"x"}}')


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, bytes]:
    """The example report converted by LibreOffice: .pdf, .doc, encrypted .pdf (one call each)."""
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("office")
    source = {"report.docx": ff.docx_bytes(ff.REPORT, numbered=True, table=TABLE),
              "long.docx": ff.docx_with_page_furniture(LONG_REPORT, header=RUNNING_HEADER)}
    files = {}
    for key, target in (("pdf", "pdf"), ("doc", "doc"), ("encrypted.pdf", ENCRYPTED_PDF)):
        converted = ff.soffice_convert(source if key == "pdf" else {"report.docx": source["report.docx"]},
                                       target, work / key.replace(".", "_"))
        if "report.docx" in converted:
            files[key] = converted["report.docx"]
        if "long.docx" in converted:
            files["long.pdf"] = converted["long.docx"]
    return files


RUNNING_HEADER = "青禾镇人民政府文件"
# Three times the body, so paragraphs cross page breaks under a running header and footer.
LONG_REPORT = [ff.TITLE] + [f"{text}{'（续）' * round}" for round in range(3) for text in ff.BODY]


def _office(office_files: dict[str, bytes], key: str) -> bytes:
    if key not in office_files:
        pytest.skip(f"LibreOffice could not produce the {key} fixture")
    return office_files[key]


# ---- golden locations per format ----------------------------------------------------------

COURT = "全年行政应诉案件3件，镇长出庭应诉2次，行政机关负责人出庭应诉率100%。"
# format → (file name, builder, {line text: (number, origin)})
GOLDEN = {
    "docx": ("r.docx", lambda: ff.docx_bytes(ff.REPORT, title=ff.TITLE, table=TABLE),
             {"（三）依法化解矛盾纠纷": (8, "第8段"), COURT: (9, "第9段"), "2024年1月15日": (17, "第17段"),
              "指标 | 数值": (18, "第18段"), "行政机关负责人出庭应诉率 | 100%": (20, "第20段")}),
    "docx-numbered": ("n.docx", lambda: ff.docx_bytes(ff.REPORT, numbered=True),
                      {"一、2023年推进法治政府建设的主要举措和成效": (3, "第3段"), "（一）依法全面履行政府职能": (4, "第4段"),
                       "（三）依法化解矛盾纠纷": (8, "第8段"), "四、2024年推进法治政府建设的主要安排": (14, "第14段")}),
    "rtf": ("r.rtf", lambda: ff.rtf_bytes(ff.REPORT),
            {"（三）依法化解矛盾纠纷": (8, "第8段"), COURT: (9, "第9段"), "2024年1月15日": (17, "第17段")}),
    "rtf-as-doc": ("oa.doc", lambda: ff.rtf_bytes(ff.REPORT), {COURT: (9, "第9段")}),
    "html-utf8": ("r.html", lambda: ff.html_page(ff.BODY, title=ff.TITLE).encode("utf-8"),
                  {ff.TITLE: (1, "第1段"), COURT: (9, "第9段"), "2024年1月15日": (17, "第17段")}),
    "html-gbk-meta": ("r.htm", lambda: ff.html_page(ff.BODY, title=ff.TITLE, charset="gb2312").encode("gbk"),
                      {COURT: (9, "第9段")}),
    "html-gbk-no-meta-unknown-container": (
        "r.shtml", lambda: ff.html_page(ff.BODY, title=ff.TITLE, charset=None, meta=False,
                                        container='div class="wrap-x"').encode("gb18030"),
        {ff.TITLE: (1, "第1段"), COURT: (9, "第9段")}),
    "html-as-txt": ("saved.txt", lambda: ff.html_page(ff.BODY, title=ff.TITLE).encode("utf-8"), {COURT: (9, "第9段")}),
    "mht": ("r.mht", lambda: ff.mht_bytes(ff.html_page(ff.BODY, title=ff.TITLE)), {COURT: (9, "第9段")}),
    "ofd": ("r.ofd", lambda: ff.ofd_bytes(ff.ofd_report_pages(ff.REPORT)),
            {ff.TITLE: (1, "第1页"), COURT: (9, "第1页"), "二、党政主要负责人履行推进法治建设第一责任人职责情况": (10, "第2页"),
             "2024年1月15日": (17, "第2页")}),
}


@pytest.mark.parametrize("case", list(GOLDEN))
def test_golden_locations(case):
    name, build, expected = GOLDEN[case]
    text = read_bytes(build(), name)
    found = {line.text: (line.number, line.origin) for line in text.lines}
    for line, where in expected.items():
        assert found.get(line) == where, f"{case}: {line}"
    chrome = "".join(line.text for line in text.lines)
    for phrase in ("扫一扫", "打印本页", "网站标识码", "ICP备", "当前位置", "分享到", "首页", "相关链接", "浏览次数"):
        assert phrase not in chrome, f"{case}: chrome {phrase} kept"


@pytest.mark.parametrize("case", ["docx", "rtf", "html-utf8", "mht", "ofd"])
def test_whole_report_text_survives(case):
    name, build, _ = GOLDEN[case]
    texts = [line.text for line in read_bytes(build(), name).lines]
    assert texts[:len(ff.REPORT)] == ff.REPORT


def test_html_meta_title_date_issuer():
    text = read_bytes(ff.html_page(ff.BODY, title=ff.TITLE).encode("utf-8"), "r.html")
    assert text.format == "html"
    assert dict(text.meta) == {"title": ff.TITLE, "date": "2024-01-20 09:30", "issuer": "青禾镇人民政府"}
    no_meta = read_bytes(ff.html_page(ff.BODY, title=ff.TITLE, meta=False).encode("utf-8"), "r.html")
    assert no_meta.meta["title"] == ff.TITLE  # from the <h1>


def test_docx_core_title_in_meta():
    assert read_bytes(ff.docx_bytes(ff.REPORT, title=ff.TITLE), "r.docx").meta == {"title": ff.TITLE}
    assert read_bytes(ff.docx_bytes(ff.REPORT), "r.docx").meta == {}


def test_tricky_docx_keeps_what_python_docx_drops():
    text = read_bytes(ff.raw_docx(ff.TRICKY_BODY), "tricky.docx")
    assert [(line.number, line.text) for line in text.lines] == [
        (1, "行政机关负责人出庭应诉率达到100%。"),  # tracked insertion in, deletion out
        (2, "块级内容控件中的段落"),
        (3, "报告年度：2023年"),  # inline content control
        (4, "第3页"),  # fldSimple result
        (5, "正文"),
        (6, "文本框里的文字"),  # text box: its own paragraph, after its host
        (7, "域代码结果"),  # field code (instrText) out, field result in
        (8, "超链接文字 制表"),  # hyperlink text, tab → space
        (8, "换行"),  # w:br splits the paragraph into lines with the same number
        (10, "可见文字"),  # paragraph 9 is empty; hidden text is dropped
    ]


@pytest.mark.parametrize("fmt, n, label", [
    ("decimal", 12, "12"), ("chineseCounting", 1, "一"), ("chineseCounting", 10, "十"),
    ("chineseCounting", 21, "二十一"), ("chineseCountingThousand", 105, "一百零五"),
    ("chineseCountingThousand", 1010, "一千零一十"), ("ideographTraditional", 3, "丙"),
    ("decimalEnclosedCircle", 2, "②"), ("decimalFullWidth", 12, "１２"), ("upperLetter", 27, "AA"),
    ("lowerLetter", 2, "b"), ("upperRoman", 4, "IV"), ("bullet", 1, ""),
])
def test_numbering_formats(fmt, n, label):
    assert format_number(n, fmt) == label


def test_numbering_levels_reset_and_style_numbering():
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%1.%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:isLgl/><w:lvlText w:val="%1.%2.%3"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>')
    ns = f'xmlns:w="{ff.W_NS}"'
    body = ('<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>乙</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>丙</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:pStyle w:val="H1b"/></w:pPr><w:r><w:t>丁</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>戊</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>庚</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>己</w:t></w:r></w:p>')
    data = ff.raw_docx(body, extra={
        "word/numbering.xml": f"<w:numbering {ns}>{numbering}</w:numbering>".encode(),
        "word/styles.xml": f"<w:styles {ns}>{styles}</w:styles>".encode()})
    assert [line.text for line in read_bytes(data, "n.docx").lines] == [
        "一、甲", "一.1乙", "一.2丙", "二、丁", "二.1戊", "2.1.1庚", "己"]  # Word shows %1 in level 1's own format unless isLgl


@needs_soffice
@pytest.mark.parametrize("key, name", [("pdf", "r.pdf"), ("doc", "r.doc"), ("doc", "r.wps")])
def test_office_converted_locations(office_files, key, name):
    text = read_bytes(_office(office_files, key), name)
    found = {line.text: (line.number, line.origin) for line in text.lines}
    origin = "第1页" if key == "pdf" else "第9段"
    assert found.get(COURT) == (9, origin)
    assert found.get("一、2023年推进法治政府建设的主要举措和成效", (0,))[0] == 3  # numbering rendered
    assert [line.text for line in text.lines][:len(ff.REPORT)] == ff.REPORT


@needs_soffice
def test_pdf_drops_headers_footers_and_rejoins_across_pages(office_files):
    text = read_bytes(_office(office_files, "long.pdf"), "long.pdf")
    texts = [line.text for line in text.lines]
    assert texts == LONG_REPORT  # every paragraph whole, none split at a line or page end
    assert {line.origin for line in text.lines} >= {"第1页", "第2页"}
    pages = [int(line.origin[1:-1]) for line in text.lines]
    assert pages == sorted(pages) and text.lines[-1].number == len(LONG_REPORT)


def test_sniffing_ignores_misleading_suffixes():
    html = ff.html_page(ff.BODY, title=ff.TITLE).encode("utf-8")
    cases = [(ff.rtf_bytes(["甲"]), ".doc", "rtf"), (html, ".doc", "html"), (html, ".txt", "html"),
             (ff.docx_bytes(["甲"]), ".doc", "docx"), (ff.odt_bytes(), ".docx", "docx"),
             (ff.ofd_bytes([["甲"]]), ".zip", "ofd"), (ff.blank_pdf(1), ".doc", "pdf"),
             (ff.ole_bytes({"WordDocument": b""}), ".wps", "ole"), ("正文".encode("gb18030"), ".doc", "txt")]
    assert [sniff(data, suffix) for data, suffix, _ in cases] == [fmt for _, _, fmt in cases]


def test_reading_txt_imports_no_document_stack():
    code = ("import sys; from checker.readers import read_bytes; read_bytes('一、正文'.encode(), 'a.txt');"
            "heavy = [m for m in ('lxml', 'docx', 'pypdfium2', 'ofdkit', 'doc2docx') if m in sys.modules];"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "[]", result.stderr


# ---- broken input: one Chinese InputError line, never another exception, never a hang ------

def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


BROKEN = {
    "corrupt-docx": ("a.docx", lambda: b"PK\x03\x04" + bytes(range(256)) * 4, "损坏"),
    "truncated-docx": ("a.docx", lambda: _truncated(ff.docx_bytes(ff.REPORT)), "损坏"),
    "odt-renamed-docx": ("a.docx", ff.odt_bytes, "OpenDocument"),
    "zip-bomb": ("a.docx", ff.zip_bomb, "压缩炸弹"),
    "docx-bad-xml": ("a.docx", lambda: ff.raw_docx("<w:p><w:r><w:t>未闭合"), "损坏"),
    "scanned-pdf": ("a.pdf", lambda: ff.blank_pdf(3), "扫描件"),
    "corrupt-pdf": ("a.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF"),
    "header-only-pdf": ("a.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "PDF"),
    "encrypted-ole": ("a.docx", lambda: ff.ole_bytes({"EncryptionInfo": b"\4\0\4\0", "EncryptedPackage": b"x"}), "加密"),
    "excel-ole": ("a.doc", lambda: ff.ole_bytes({"Workbook": b"\x09\x08"}), "Excel"),
    "empty": ("a.docx", lambda: b"", "空"),
    "whitespace-only": ("a.txt", lambda: b" \r\n\t ", "空"),
    "binary-junk": ("a.txt", lambda: bytes(range(256)) * 64, "二进制"),
    "empty-html": ("a.html", lambda: b"<html><body><div></div></body></html>", "没有可读"),
    "mht-without-html": ("a.mht", lambda: b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
                                          b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n", "mht"),
    "rtf-deep-nesting": ("a.rtf", lambda: b"{\\rtf1 " + b"{" * 5000 + b"x", "嵌套"),
    "ofd-no-text": ("a.ofd", lambda: ff.ofd_bytes([[]]), "扫描件"),
    "ofd-corrupt": ("a.ofd", lambda: _truncated(ff.ofd_bytes(ff.ofd_report_pages(ff.REPORT))), "OFD"),
    "ofd-bad-xml": ("a.ofd", lambda: _ofd_with_bad_xml(), "OFD"),
    "plain-zip": ("a.docx", lambda: _plain_zip(), "压缩包"),
}


def _ofd_with_bad_xml() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='x'><unclosed>")
    return out.getvalue()


def _plain_zip() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("报告.txt", "正文")
    return out.getvalue()


def _assert_input_error(call, expected: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        call()
    assert time.monotonic() - started < 60
    reason = caught.value.reason
    assert expected in reason and "\n" not in reason
    assert any("\u4e00" <= ch <= "\u9fff" for ch in reason)


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_input_gives_one_chinese_line(case):
    name, build, expected = BROKEN[case]
    _assert_input_error(lambda: read_bytes(build(), name), expected)


@needs_soffice
def test_encrypted_pdf(office_files):
    _assert_input_error(lambda: read_bytes(_office(office_files, "encrypted.pdf"), "a.pdf"), "加密")


@needs_soffice
def test_truncated_pdf(office_files):
    _assert_input_error(lambda: read_bytes(_truncated(_office(office_files, "pdf")), "a.pdf"), "PDF")


def test_corrupt_ole_without_converters(monkeypatch):
    from checker.readers import ole

    monkeypatch.setattr(ole.shutil, "which", lambda name: None)
    data = ff.ole_bytes({"WordDocument": b"\xec\xa5" + b"\0" * 100})
    _assert_input_error(lambda: read_bytes(data, "a.doc"), "LibreOffice")


@needs_soffice
def test_corrupt_ole_with_libreoffice():
    _assert_input_error(lambda: read_bytes(ff.ole_bytes({"WordDocument": b"\xec\xa5" + b"\0" * 100}), "a.wps"), "损坏")


@pytest.mark.parametrize("case", ["directory", "oversize", "empty-file", "missing"])
def test_bad_paths(tmp_path, case):
    target = tmp_path / "报告.docx"
    if case == "directory":
        target.mkdir()
    elif case == "oversize":
        target.write_bytes(ff.docx_bytes(ff.REPORT))
    elif case == "empty-file":
        target.write_bytes(b"")
    expected = {"directory": "目录", "oversize": "大小上限", "empty-file": "空", "missing": "不存在"}[case]
    _assert_input_error(lambda: read_path(str(target), max_bytes=1024), expected)


def test_xxe_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-42", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = ff.raw_docx("<w:p><w:r><w:t>前&xxe;后</w:t></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p>",
                       doctype=doctype)
    try:
        text = read_bytes(data, "xxe.docx")
    except InputError:
        return  # refusing the file is as safe as not resolving the entity
    assert [line.text for line in text.lines] == ["前后", "正文"]


# ---- end-to-end: the same verdicts whatever the format ---------------------------------------

NO_DATE = "来源：青禾镇人民政府 浏览次数：128"


def _statuses(path: Path) -> dict[str, str]:
    from checker import check_file

    return {result.rule: result.status.value for result in check_file(str(path)).results}


@pytest.fixture(scope="session")
def seed_variants(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each seed report as .docx, auto-numbered .docx, .html pages with chrome, and .pdf (LibreOffice)."""
    folder = tmp_path_factory.mktemp("seeds")
    variants: dict[str, dict[str, Path]] = {}
    docx_files = {}
    for seed in SEEDS:
        lines = seed.read_text(encoding="utf-8").splitlines()
        title = next((line for line in lines if line.strip()), "")[:40]
        made = {
            "docx": ff.docx_bytes(lines),
            "docx-numbered": ff.docx_bytes(lines, numbered=True),
            # no PubDate/ContentSource meta and no 发布时间 under the title: they would state a
            # publication date the .txt does not
            "html": ff.html_page(lines, title=title, meta=False, info=NO_DATE).encode("utf-8"),
            "html-gbk-fallback": ff.html_page(lines, title=title, charset=None, meta=False, info=NO_DATE,
                                              container='div class="wrap-x"').encode("gb18030"),
        }
        suffix = {"docx": ".docx", "docx-numbered": ".n.docx", "html": ".html", "html-gbk-fallback": ".g.html"}
        variants[seed.stem] = {}
        for key, data in made.items():
            path = folder / (seed.stem + suffix[key])
            path.write_bytes(data)
            variants[seed.stem][key] = path
        docx_files[seed.stem + ".docx"] = made["docx"]
    if HAS_SOFFICE and docx_files:
        for name, data in ff.soffice_convert(docx_files, "pdf", folder / "lo").items():
            path = folder / (Path(name).stem + ".pdf")
            path.write_bytes(data)
            variants[Path(name).stem]["pdf"] = path
    return variants


VARIANTS = ["docx", "docx-numbered", "html", "html-gbk-fallback",
            pytest.param("pdf", marks=[pytest.mark.slow, needs_soffice])]


@pytest.mark.skipif(not SEEDS, reason="shared/seeds is not available")
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", [seed.stem for seed in SEEDS])
def test_same_verdicts_as_txt(seed_variants, seed, variant):
    converted = seed_variants[seed].get(variant)
    if converted is None:
        pytest.skip(f"no {variant} for {seed}")
    expected = _statuses(SHARED / "seeds" / f"{seed}.txt")
    assert _statuses(converted) == expected
