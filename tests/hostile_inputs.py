"""Builders for hostile and broken inputs, made at test time (nothing large lives in the repository).

Each builder takes the folder to write into and returns the file name it wrote. The report text is
the invented report of format_fixtures, so these work without ../shared.
"""
from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import format_fixtures as ff

W_NS = ff.W_NS
OFD_NS = "http://www.ofdspec.org/2016"
LINES = ff.REPORT


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def zip_bytes(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buf.getvalue()


def paras(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{esc(t)}</w:t></w:r></w:p>" for t in lines)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def docx(body_xml: str, *, doctype: str = "", extra: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal .docx around a hand-written w:body, complete enough for Word and python-docx."""
    return zip_bytes({
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
                             f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>',
        **(extra or {}),
    })


def patch_headers(data: bytes, fields: tuple[tuple[bytes, int], ...], fmt: str, change) -> bytes:
    """Rewrite one field of every local header and central-directory entry."""
    out = bytearray(data)
    for sig, off in fields:
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            (value,) = struct.unpack_from(fmt, out, pos + off)
            struct.pack_into(fmt, out, pos + off, change(value))
            pos += 4
    return bytes(out)


LAUGHS = ('<!DOCTYPE r [<!ENTITY a "' + "法治" * 50 + '">'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)) + "]>")


def pdf_file(objects: dict[int, bytes]) -> bytes:
    """Objects 1..n into a PDF with a correct xref; object 1 is the catalog."""
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[i] if i in offsets else b"0000000000 65535 f \n" for i in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def text_pdf(pages: list[list[str]], *, size=(595, 842), font=12, lead=16, share_first: int = 0,
             right_aligned: int = 0) -> bytes:
    """A PDF whose text layer is the given lines, through a Type0 font with a ToUnicode map (no font file).

    Characters beyond the BMP are mapped as UTF-16 surrogate pairs, as real converters write them.
    share_first=N: N page objects all use page 1's content stream. right_aligned=N: the last N lines
    of each page end at the right margin (a signature block).
    """
    chars = sorted({c for lines in pages for line in lines for c in line})
    code = {c: i + 1 for i, c in enumerate(chars)}
    hex_of = {ord(c): "%04X" % n for c, n in code.items()}
    blocks = ["%d beginbfchar\n" % len(chars[i:i + 100]) + "".join(
        "<%04X> <%s>\n" % (code[c], c.encode("utf-16-be").hex().upper()) for c in chars[i:i + 100]) + "endbfchar\n"
        for i in range(0, len(chars), 100)]
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
            "/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + "".join(blocks) +
            "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] "
           b"/ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        5: stream(cmap),
        6: b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] /ItalicAngle 0 "
           b"/Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>",
    }
    kids, num = [], 7
    for lines in pages:
        ops = [b"BT /F1 %d Tf %d TL" % (font, lead)]
        y = size[1] - 40
        for index, line in enumerate(lines):
            x = 40
            if right_aligned and index >= len(lines) - right_aligned:
                x = size[0] - 40 - font * len(line)
            ops.append(b"1 0 0 1 %d %d Tm <" % (x, y) + line.translate(hex_of).encode() + b"> Tj")
            y -= lead
        objs[num] = stream(b"\n".join(ops + [b"ET"]))
        content = num
        for _ in range(share_first or 1):
            objs[num + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
                             b"/Contents %d 0 R >>" % (size[0], size[1], content))
            kids.append(num + 1)
            num += 1
        num += 1
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_file(objs)


def wrap(lines: list[str], width: int) -> list[str]:
    out = []
    for line in lines:
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return out


def ofd(pages: list[list[str]], refs: list[int] | None = None) -> bytes:
    """A spec-shaped OFD: one TextObject per line; refs lists, per page entry, which content part it uses."""
    refs = list(range(len(pages))) if refs is None else refs
    parts: dict[str, bytes | str] = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" DocType="OFD">'
                   '<ofd:DocBody><ofd:DocInfo><ofd:DocID>hostile</ofd:DocID></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
                              '<ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                              '</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                              '</ofd:CommonData><ofd:Pages>'
                              + "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{r}/Content.xml"/>'
                                        for i, r in enumerate(refs))
                              + "</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
                               '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
    }
    for i, lines in enumerate(pages):
        objs = "".join(f'<ofd:TextObject ID="{100000 + i * 10000 + j}" Boundary="25 {25 + j * 6 % 250} 170 8" '
                       f'Font="2" Size="4.2"><ofd:TextCode X="0" Y="5">{esc(t)}</ofd:TextCode></ofd:TextObject>'
                       for j, t in enumerate(lines))
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
            f'<ofd:Layer ID="{90000 + i}">{objs}</ofd:Layer></ofd:Content></ofd:Page>')
    return zip_bytes(parts)


def html_page(paragraphs: list[str], charset: str | None = "utf-8", info: str = "发布时间：2024-01-20") -> str:
    """A government-style article page: navigation, title, info line, the article in div#zoom, footer."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    title = esc(paragraphs[0])
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}_人民政府门户网站</title></head><body>"
            '<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>'
            f'<h1>{title}</h1><div class="info">{info}</div><div id="zoom">'
            + "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs[1:])
            + '</div><div class="footer">主办单位：人民政府办公室</div></body></html>')


def report_text() -> str:
    return "\n".join(LINES) + "\n"


# ---- the inputs ---------------------------------------------------------------------------------------
# Each returns the bytes of one file; `big` ones write themselves (streamed) and return None.

def amplified_docx(target: Path, size: int, seed: int = 2) -> None:
    """A legal .docx whose document.xml is `size` bytes of tiny numbered paragraphs, streamed to disk."""
    rnd = random.Random(seed)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as entry:
            entry.write(f'<w:document xmlns:w="{W_NS}"><w:body>{paras(LINES)}'.encode())
            written = 0
            while written < size:
                block = "".join(f"<w:p><w:r><w:t>第{rnd.randrange(10**6)}项</w:t></w:r></w:p>"
                                for _ in range(5000)).encode()
                entry.write(block)
                written += len(block)
            entry.write(b"</w:body></w:document>")


def bomb_zip(small: dict[str, bytes | str], name: str, chunk: bytes, times: int, declared: int | None = None) -> bytes:
    """A zip whose entry `name` inflates to chunk x times; the deflate stream of one chunk is
    repeated (a full flush makes every block identical), so building it takes a second.
    declared: the uncompressed size the headers state (the truth when None)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    data = block * times + packer.flush()
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    size = len(chunk) * times if declared is None else declared
    assert len(data) < 1 << 32 and size < 1 << 32
    out, central = bytearray(), bytearray()
    entries = [(n, zlib.compress(v.encode() if isinstance(v, str) else v)[2:-4],
                zlib.crc32(v.encode() if isinstance(v, str) else v), len(v.encode() if isinstance(v, str) else v))
               for n, v in small.items()] + [(name, data, crc, size)]
    for entry_name, packed, entry_crc, entry_size in entries:
        raw_name = entry_name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, entry_crc, len(packed), entry_size,
                           len(raw_name), 0) + raw_name + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, entry_crc, len(packed),
                               entry_size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def lying_bomb_docx() -> bytes:
    """document.xml inflates to 1.6 GB of 'A' while the zip headers say 1,000 bytes."""
    return bomb_zip({"[Content_Types].xml": "<Types/>"}, "word/document.xml", b"A" * (16 << 20), 100, declared=1000)


def honest_bomb_docx() -> bytes:
    """document.xml of 1 GB of spaces with honest headers."""
    return bomb_zip({"[Content_Types].xml": "<Types/>"}, "word/document.xml", b" " * (16 << 20), 64)


def numbering_docx(start: str, fmt: str) -> bytes:
    num = (f'<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
           f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    numbered = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                '<w:r><w:t>编号段落</w:t></w:r></w:p>')
    return docx(numbered * 3 + paras(LINES), extra={"word/numbering.xml": num})


def entity_docx(part: str) -> bytes:
    """A billion-laughs DTD in one part of an otherwise good .docx."""
    body = paras(LINES)
    if part == "word/document.xml":
        return docx(body + "<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", doctype=LAUGHS)
    root = {"word/numbering.xml": "w:numbering", "word/styles.xml": "w:styles",
            "word/comments.xml": "w:comments"}[part]
    return docx(body, extra={part: f'<?xml version="1.0"?>{LAUGHS}<{root} xmlns:w="{W_NS}">&i;</{root}>'})


def encrypted_entry_docx() -> bytes:
    data = docx(paras(LINES))
    return patch_headers(data, ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)), "<H", lambda v: v | 1)


def flate_bomb_pdf() -> bytes:
    comp = zlib.compressobj(9)  # 2 GB of spaces: one flushed block of 16 MB, repeated
    head = comp.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n") + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(b" " * (1 << 24)) + comp.flush(zlib.Z_FULL_FLUSH)
    content = head + block * 128 + comp.flush()  # the Adler-32 at the end is wrong; pdfium does not check it
    return pdf_file({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})


def shared_content_pdf(pages: int = 3000) -> bytes:
    para = "行政机关负责人出庭应诉率百分之百，全年办理行政复议案件十二件。" * 4
    page = [para[i:i + 40] for i in range(0, len(para), 40)] * 12
    return text_pdf([page], share_first=pages)


def dense_pdf() -> bytes:
    row = ("全年办理行政复议案件十二件，行政机关负责人出庭应诉率百分之百，执法案卷评查两次。" * 40)[:1194]
    dense = LINES + [f"第{i}行" + row for i in range(2800)]
    return text_pdf([dense], size=(14400, 14400), font=4, lead=5)


def nonbmp_pdf() -> bytes:
    lines = [LINES[0], "本镇\U00020021村民委员会办理行政复议案件3件，\U0001F101号文件已公开。"] + LINES[1:]
    return text_pdf([wrap(lines, 40)])


def surrogate_rtf() -> bytes:
    r"""The report as RTF \uN escapes, each paragraph ending in \u-10240? (a lone U+D800)."""
    body = "".join(r"\pard " + "".join(c if ord(c) < 128 and c not in "\\{}" else
                                       f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" for c in line)
                   + r"\u-10240?\par" + "\n" for line in LINES)
    return (r"{\rtf1\ansi " + body + "}").encode("ascii")


def page_amplify_ofd() -> bytes:
    return ofd([[f"第{j}行全年办理行政复议案件12件" for j in range(1500)]], refs=[0] * 45000)


def ofd_entity() -> bytes:
    data = ofd([LINES])
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            raw = src.read(info)
            if info.filename.endswith("Content.xml"):
                raw = raw.replace(b"?>", b"?>" + LAUGHS.encode(), 1).replace(b"</ofd:TextCode>", b"&i;</ofd:TextCode>", 1)
            out.writestr(info.filename, raw)
    return buf.getvalue()


def spans_html(count: int = 2_500_000) -> bytes:
    head = html_page(LINES)
    return (head.replace("</div><div class=\"footer\">", "<p>" + "<span>法</span>" * count + "</p></div><div class=\"footer\">")
            .encode("utf-8"))


def brs_html(count: int = 4_000_000) -> bytes:
    head = html_page(LINES)
    return head.replace("</div><div class=\"footer\">", "行政<br>" * count + "</div><div class=\"footer\">").encode("utf-8")


def garbage_ole() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(7).randbytes(5000)
