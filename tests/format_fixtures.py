"""Builders for report files in every format the readers accept; all made at test time."""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A short report of our own (an invented town); headings 一、 / （一）, figures, signature.
TITLE = "青禾镇人民政府2023年法治政府建设年度报告"
BODY = [
    "2023年，青禾镇在县委、县政府的领导下，深入学习贯彻习近平法治思想，扎实推进法治政府建设，现将有关情况报告如下。",
    "一、2023年推进法治政府建设的主要举措和成效",
    "（一）依法全面履行政府职能",
    "深化“放管服”改革，全年办理政务服务事项1250件，按时办结率100%。"
    "推行镇级权责清单动态管理，调整事项12项，在镇政府网站公开，接受群众监督。",
    "（二）严格规范公正文明执法",
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，开展执法案卷评查2次。",
    "（三）依法化解矛盾纠纷",
    "全年行政应诉案件3件，镇长出庭应诉2次，行政机关负责人出庭应诉率100%。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "镇党委书记、镇长认真履行第一责任人职责，召开专题会议4次，研究解决法治建设重大问题。",
    "三、存在的不足和原因",
    "一是法治宣传形式较为单一，原因是基层普法力量不足；二是执法人员专业能力有待提高。",
    "四、2024年推进法治政府建设的主要安排",
    "2024年，青禾镇将继续加强执法队伍建设，完善矛盾纠纷多元化解机制，推动法治政府建设再上新台阶。",
    "青禾镇人民政府",
    "2024年1月15日",
]
REPORT = [TITLE, *BODY]
HEADING_1 = {1, 8, 10, 12}  # indexes into BODY of the 一、 headings
HEADING_2 = {2, 4, 6}


def docx_bytes(paragraphs: list[str], *, title: str = "", numbered: bool = False,
               table: list[list[str]] | None = None) -> bytes:
    """A .docx with one paragraph per item; numbered=True turns 一、/（一） into Word numbering."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    num_id = _add_chinese_numbering(document) if numbered else None
    counters = [0, 0]
    for text in paragraphs:
        level, rest = _strip_label(text, counters) if numbered else (None, text)
        paragraph = document.add_paragraph(rest)
        if level is not None:
            _number(paragraph, num_id, level)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("表格之后的段落。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_page_furniture(paragraphs: list[str], header: str) -> bytes:
    """A .docx with a running header and a "第 N 页" footer field, for multi-page PDF fixtures."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" 页")
    for text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = docx.shared.Pt(21)  # two characters, as reports are typeset
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _strip_label(text: str, counters: list[int]) -> tuple[int | None, str]:
    """Turn a typed 一、/（一） label into numbering only when Word would render the same label."""
    import re

    from checker.readers.numbering import chinese

    for level, pattern, template in ((0, r"^[一二三四五六七八九十]+、", "{}、"), (1, r"^（[一二三四五六七八九十]+）", "（{}）")):
        m = re.match(pattern, text)
        if m and m.group() == template.format(chinese(counters[level] + 1)):
            counters[level] += 1
            counters[level + 1:] = [0] * (len(counters) - level - 1)
            return level, text[m.end():]
    return None, text


def _add_chinese_numbering(document) -> str:
    """Add an abstractNum 一、 / （一） to numbering.xml and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        '</w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def rtf_bytes(paragraphs: list[str]) -> bytes:
    """An RTF as OA systems write it: GBK bytes as \\'hh, some text as \\uN with a fallback."""
    out = [r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
           r"{\colortbl;\red0\green0\blue0;}{\*\generator fixture;}{\info{\title \'b1\'ea\'cc\'e2}}"]  # 标题 in metadata, not body
    for i, text in enumerate(paragraphs):
        chars = []
        for ch in text:
            if ord(ch) < 128:
                chars.append("\\" + ch if ch in "\\{}" else ch)
            elif i % 2:
                chars.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
            else:
                chars.append("".join(f"\\'{b:02x}" for b in ch.encode("gb18030")))
        out.append(r"\pard\plain\f0 " + "".join(chars) + r"\par" + "\n")
    out.append("}")
    return "".join(out).encode("ascii")


def mht_bytes(html: str, charset: str = "gb2312") -> bytes:
    """A single-page web archive (.mht) as browsers save it: quoted-printable HTML."""
    import quopri

    body = quopri.encodestring(html.encode("gb18030" if charset.startswith("gb") else charset))
    head = ('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_000"; '
            'type="text/html"\r\n\r\n------=_NextPart_000\r\n'
            f'Content-Type: text/html; charset="{charset}"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            'Content-Location: http://www.example.gov.cn/art/2024/1/20/art_1.html\r\n\r\n')
    return head.encode("ascii") + body + b"\r\n------=_NextPart_000--\r\n"


# The "tricky" document: text python-docx's Paragraph.text would lose.
TRICKY_BODY = (
    '<w:p><w:r><w:t>行政机关负责人出庭应诉率</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>达到100%</w:t></w:r></w:ins>'
    f'<w:del w:id="2" w:author="a"><w:r><w:delText>为80%</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>'
    f'<w:sdt><w:sdtContent><w:p><w:r><w:t>块级内容控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    f'<w:p><w:r><w:t>报告年度：</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>2023</w:t></w:r></w:sdtContent></w:sdt>'
    f'<w:r><w:t>年</w:t></w:r></w:p>'
    f'<w:p><w:r><w:t>第</w:t></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r></w:p>'
    f'<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
    f'<w:txbxContent><w:p><w:r><w:t>文本框里的文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'
    f'<w:p><w:r><w:t>域代码</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>'
    f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    f'<w:p><w:hyperlink><w:r><w:t>超链接文字</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行</w:t></w:r></w:p>'
    f'<w:p/>'
    f'<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:t>可见文字</w:t></w:r></w:p>'
)


def raw_docx(body_xml: str, *, doctype: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx around a hand-written w:body."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
                f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>').encode(),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>').encode(),
        "word/document.xml": document.encode(),
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A small .docx whose document.xml unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                entry.write(chunk)
    return out.getvalue()


def odt_bytes() -> bytes:
    """An OpenDocument text package (what an .odt renamed .docx contains)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
        package.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


# ---- HTML --------------------------------------------------------------------------------

CHROME_TOP = """<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/bsfw">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/fzzf">法治政府</a></div>
<div class="bar">字体：[ <a>大</a> <a>中</a> <a>小</a> ] 浏览次数：1024</div>"""
CHROME_BOTTOM = """<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="qr">扫一扫在手机打开当前页</div><div class="tools">【打印本页】 【关闭窗口】</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">某县2022年法治政府建设年度报告</a></li>
<li><a href="/b">关于开展执法检查的通知</a></li></ul></div>
<div class="footer"><p>主办单位：青禾镇人民政府 网站标识码：1234000001 备案号：某ICP备12345678号</p>
<p>某公网安备 12345678901234号</p></div>"""


def html_page(paragraphs: list[str], *, title: str = "", container: str = 'div id="zoom"',
              charset: str | None = "utf-8", meta: bool = True, script: bool = True,
              info: str = "发布时间：2024-01-20 来源：青禾镇人民政府") -> str:
    """A government-style article page: nav, breadcrumbs, the article, share and footer chrome."""
    close = container.split()[0]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    head_meta = (f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2024-01-20 09:30">'
                 '<meta name="ContentSource" content="青禾镇人民政府">') if meta else ""
    charset_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    js = "<script>var s='扫一扫在手机打开当前页';document.write(s);</script><style>p{margin:0}</style>" if script else ""
    return (f"<!DOCTYPE html><html><head>{charset_tag}{head_meta}<title>{title}_青禾镇人民政府</title>{js}</head>"
            f"<body><header>青禾镇人民政府门户网站</header>{CHROME_TOP}<h1>{title}</h1>"
            f'<div class="info">{info}</div>'
            f"<{container}>{body}</{close}>{CHROME_BOTTOM}</body></html>")


# ---- OFD ---------------------------------------------------------------------------------

OFD_NS = "http://www.ofdspec.org/2016"


def ofd_report_pages(paragraphs: list[str], per_page: int = 9, width: int = 36) -> list[list[tuple[str, float, float]]]:
    """Lay out paragraphs as a converter does: centred larger title, 2-character indent, wrapped lines."""
    import textwrap

    pages: list[list[tuple[str, float, float]]] = [[] for _ in range(0, len(paragraphs), per_page)]
    for i, text in enumerate(paragraphs):
        page = pages[i // per_page]
        if i == 0:
            page.append((text, 105 - len(text) * 3, 6.0))
            continue
        wrapped = textwrap.wrap(text, width, initial_indent="\0\0") or [text]
        for j, line in enumerate(wrapped):
            page.append((line.lstrip("\0"), 25 + (8.4 if j == 0 else 0), 4.2))
    for n, page in enumerate(pages, 1):
        page.append((f"- {n} -", 100, 4.2))
    return pages


def ofd_bytes(pages: list[list]) -> bytes:
    """A spec-shaped OFD: one TextObject per line, lines top to bottom, one list per page.

    A line is a string, or (text, x, size) in millimetres.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" DocType="OFD">'
            '<ofd:DocBody><ofd:DocInfo><ofd:DocID>fz-test</ofd:DocID><ofd:Title>测试</ofd:Title></ofd:DocInfo>'
            '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'))
        page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        package.writestr("Doc_0/Document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
            '<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
            '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
            f'<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>'))
        package.writestr("Doc_0/PublicRes.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
            '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'))
        for i, lines in enumerate(pages):
            objects = []
            for j, line in enumerate(lines):
                text, x, size = (line, 25.0, 4.2) if isinstance(line, str) else line
                y = 30 + j * 8
                objects.append(
                    f'<ofd:TextObject ID="{1000 + i * 100 + j}" Boundary="{x} {y - 5} 170 8" Font="2" Size="{size}">'
                    f'<ofd:TextCode X="0" Y="5" DeltaX="g {max(len(text) - 1, 0)} {size}">{_xml_escape(text)}</ofd:TextCode>'
                    '</ofd:TextObject>')
            package.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                f'<ofd:Layer ID="{900 + i}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'))
    return out.getvalue()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- PDF ---------------------------------------------------------------------------------

def blank_pdf(pages: int = 2) -> bytes:
    """An image-only stand-in: pages with no text layer at all."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice_convert(files: dict[str, bytes], target: str, workdir: Path, timeout: int = 240) -> dict[str, bytes]:
    """Convert many files in one LibreOffice call (its own profile); name → converted bytes."""
    soffice = shutil.which("soffice")
    assert soffice, "soffice is required"
    src, out = workdir / "src", workdir / "out"
    src.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (src / name).write_bytes(data)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(out), *[str(src / n) for n in files]],
                   check=False, capture_output=True, timeout=timeout)
    extension = target.split(":")[0]
    result = {}
    for name in files:
        converted = out / (Path(name).stem + "." + extension)
        if converted.exists():  # soffice exits 0 even when a file failed
            result[name] = converted.read_bytes()
    return result


# ---- OLE2 (compound file) -------------------------------------------------------------------

def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal CFB v3 file holding the given root-level streams (each padded to 4 KB)."""
    import struct

    end, free, fat_sect, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = sorted(streams, key=lambda n: (len(n), n.upper()))[:3]  # one directory sector: root + 3
    fat = [fat_sect, end]
    starts, sizes, data = [], [], b""
    for name in names:
        payload = streams[name].ljust(4096, b"\0")  # ≥ the mini-stream cutoff: plain sectors
        count = len(payload) // 512
        starts.append(len(fat))
        fat.extend(list(range(len(fat) + 1, len(fat) + count)) + [end])
        sizes.append(len(payload))
        data += payload
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, no_stream, right, child,
                           b"\0" * 16, 0, 0, 0, start, size)

    directory = entry("Root Entry", 5, no_stream, 1 if names else no_stream, end, 0)
    for i, name in enumerate(names):
        directory += entry(name, 2, i + 2 if i + 1 < len(names) else no_stream, no_stream, starts[i], sizes[i])
    directory = directory.ljust(512, b"\0")
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))
    return header + struct.pack("<128I", *fat) + directory + data
