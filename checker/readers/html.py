"""Web pages (.html, simple .mht): the article text without the site's chrome; origin 第N段."""
from __future__ import annotations

import re
from typing import Any

from checker import boilerplate
from checker.errors import InputError
from checker.readers import limits
from checker.readers.txt import decode
from checker.text import Text, make_text

# Article containers of the common government CMSs (TRS, Hanweb, gov.cn) and generic sites,
# most specific first.
CONTAINERS = [
    ("id", "zoom"), ("class", "TRS_Editor"), ("class", "TRS_UEDITOR"), ("id", "UCAP-CONTENT"),
    ("class", "pages_content"), ("class", "article-content"), ("id", "article-content"),
    ("class", "article_content"), ("class", "wzcon"), ("class", "view"), ("id", "content"),
    ("tag", "article"), ("class", "content"), ("tag", "main"),
]
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select",
              "button", "template", "aside", "object", "svg", "head")
# id/class words of page furniture inside or around the article.
# Whole tokens only ("print-btn", "bdshare"), so an article wrapper such as "printContent" stays.
# Chrome *lines* (扫一扫, 打印本页, 发布时间 …) are boilerplate's to recognise, for every format.
_CHROME_CLASS = re.compile(r"(?:^|[\s_\-])(share|bdshare\w*|fenxiang|print|close|related|xgxx|xglj|"
                           r"crumbs?|breadcrumbs?|position|location|footer|foot|nav|navbar|menu|qrcode|ewm|"
                           r"toolbar|tools|fontsize|pagination)(?:$|[\s_\-\d])", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
          "blockquote", "pre", "ul", "ol", "dl", "dd", "dt", "center", "main", "body", "form", "hr"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Labels a browser accepts (WHATWG Encoding), by the codec that reads them; any other name is ignored
# (a page may not ask for unicode_escape or rot13).
_LABELS = {
    "gb18030": ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb18030", "chinese", "csgb2312",
                "iso-ir-58", "gb_2312", "windows-936"),
    "utf-8": ("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"),
    "big5": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "cp1252": ("iso-8859-1", "latin1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252", "cp819", "ibm819",
               "iso8859-1", "iso_8859-1", "x-cp1252", "iso-ir-100", "csisolatin1"),
    "shift_jis": ("shift_jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis"),
    "euc_jp": ("euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"),
    "euc_kr": ("euc-kr", "cseuckr", "korean", "windows-949", "ks_c_5601-1987"),
    "utf-16-le": ("utf-16", "utf-16le"),
    "utf-16-be": ("utf-16be",),
}
_CODEC = {label: codec for codec, labels in _LABELS.items() for label in labels}
# A decoding that gives fewer CJK characters than this share of the letters is not the page's
# (Chinese report pages are mostly CJK); the bytes then overrule the label, as browsers sniff.
_MIN_CJK_SHARE = 0.3
CELL_SEPARATOR = " | "


def read(data: bytes, path: str) -> Text:
    """Read a web page (or a single-page .mht archive) from bytes."""
    if len(data) > limits.MAX_HTML_BYTES or data.count(b"<") > limits.MAX_HTML_TAGS:
        raise InputError(path, limits.TOO_MUCH_TEXT)  # before lxml builds a tree of millions of nodes
    if data.lstrip()[:200].lower().startswith(b"mime-version") or b"multipart/related" in data[:2000].lower():
        data, charset = _mht_html(data, path)
        markup = _decode(data, path, charset)
    else:
        markup = _decode(data, path)
    return parse(markup, path)


def _decode(data: bytes, path: str, charset: str | None = None) -> str:
    """Bytes → str as a browser would: a BOM, else the declared charset, unless the bytes say otherwise.

    A label that lies (GBK bytes declared windows-1252, a UTF-8 BOM before GBK bytes) gives a text
    with no Chinese in it; then the bytes decide: strict UTF-8, then GB18030, then the cascade."""
    body = data
    if data.startswith(b"\xef\xbb\xbf"):
        body = data[3:]
        declared = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode(data, path)
    else:
        match = _META_CHARSET.search(data[:8192])
        declared = _CODEC.get((charset or (match.group(1).decode("ascii") if match else "")).strip().lower(), "")
    candidates = [declared] if declared else []
    candidates += [codec for codec in ("utf-8", "gb18030") if codec != declared]
    for codec in candidates:
        try:
            text = body.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        if not _wrong_script(text):
            return text
    return decode(body, path)


def _wrong_script(markup: str) -> bool:
    """True when the page's text is mostly letters other than CJK (a Latin-1 reading of GBK bytes)."""
    sample = re.sub(r"<[^>]*>|&[#\w]+;", "", markup[:200000])
    letters = sum(1 for ch in sample if ch.isalpha() and ord(ch) > 127)
    cjk = _cjk(sample)
    return letters > 20 and cjk < _MIN_CJK_SHARE * letters


def _mht_html(data: bytes, path: str) -> tuple[bytes, str | None]:
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise InputError(path, "无法读取这个 .mht 网页存档（没有找到网页正文）；请在浏览器中打开后另存为 .html 或把正文复制到 .txt 后重试")


def parse(markup: str, path: str) -> Text:
    """Extract the article of a decoded page."""
    import lxml.html
    from lxml import etree

    # lxml refuses str input that still declares an encoding; the bytes are decoded already.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    markup = re.sub(r"<meta[^>]+charset[^>]*>", "", markup, flags=re.I)
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise InputError(path, "网页中没有可读的正文内容，请提供报告正文页面或 Word/PDF 版本") from None
    meta = _meta(root)
    for element in root.xpath("//comment() | //processing-instruction()"):
        _remove(element)
    for element in list(root.iter(*_DROP_TAGS)):  # a list: dropping while iterating skips elements
        _remove(element)
    container = find_container(root)
    if "date" not in meta and (published := _published(root, container)):
        meta["date"] = published
    for element in list(container.iter()):
        if element is not container and isinstance(element.tag, str) and _is_chrome(element):
            _remove(element)
    budget = limits.Budget(path)
    lines = [budget.take(text) for text in block_lines(container)]
    title = meta.get("title", "")
    if title and not any(title.replace(" ", "") in line.replace(" ", "") for line in lines[:3]):
        lines.insert(0, title)  # the page shows the title above the article; it is part of the report
    return make_text(path, ((n, line, f"第{n}段") for n, line in enumerate(lines, 1)), "html", meta)


def _published(root: Any, container: Any) -> str:
    """The 发布时间 stated under the page's title (outside the article), as YYYY-MM-DD; '' if none."""
    for element in root.iter("div", "span", "p", "td", "li", "em", "font", "h2", "h3", "h4", "h5", "h6"):
        if element is container or container in element.iterancestors():
            continue
        text = element.text_content()
        if len(text) > 200:
            continue  # a block holding the whole page, not the line under the title
        stated = boilerplate.stated_publication(text)
        if stated:
            return "%04d-%02d-%02d" % stated
    return ""


def _remove(element: Any) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the tail text, which belongs to the parent


def _is_chrome(element: Any) -> bool:
    names = f"{element.get('id', '')} {element.get('class', '')}"
    return bool(names.strip()) and bool(_CHROME_CLASS.search(names))


def _meta(root: Any) -> dict[str, str]:
    found = {}
    for key, name in (("title", "ArticleTitle"), ("date", "PubDate"), ("issuer", "ContentSource")):
        values = root.xpath(f'//meta[translate(@name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                            f'"abcdefghijklmnopqrstuvwxyz")="{name.lower()}"]/@content')
        if values and values[0].strip():
            found[key] = values[0].strip()
    if "title" not in found:
        heading = next((h.text_content().strip() for h in root.iter("h1") if h.text_content().strip()), "")
        page_title = root.findtext(".//title") or ""
        title = heading or re.split(r"[_|]| - ", page_title.strip())[0].strip()
        if title:
            found["title"] = title
    return found


def find_container(root: Any) -> Any:
    """The element holding the article: a known CMS container, else the densest text block."""
    for kind, name in CONTAINERS:
        if kind == "tag":
            found = list(root.iter(name))
        else:
            found = root.xpath(f'//*[contains(concat(" ", normalize-space(@{kind}), " "), " {name} ")]')
        found = [element for element in found if _cjk(element.text_content()) >= 50]
        if found:
            return max(found, key=lambda element: _cjk(element.text_content()))
    return _densest_block(root)


def _densest_block(root: Any) -> Any:
    # Credit each block with the CJK text directly inside it (not in links), so the article's
    # container outscores both <body> and the nav, link lists and footer.
    scores: dict[Any, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        block = element if element.tag in _BLOCK and element.tag not in ("p", "li", "tr") else \
            next((a for a in element.iterancestors() if a.tag in _BLOCK and a.tag not in ("p", "li", "tr")), root)
        linked = element.tag == "a" or next(element.iterancestors("a"), None) is not None
        own = _cjk(element.text or "") + sum(_cjk(child.tail or "") for child in element)
        scores[block] = scores.get(block, 0) + (-own if linked else own)
    body = root.find("body")
    return max(scores, key=scores.get) if scores else (body if body is not None else root)


def _cjk(text: str) -> int:
    return len(_CJK.findall(text))


_PRE_STYLE = re.compile(r"white-space\s*:\s*(pre|pre-wrap|pre-line|break-spaces)\b", re.I)


def block_lines(container: Any) -> list[str]:
    """Text lines of an element: block elements and <br> break lines, and so do line breaks inside
    <pre> or white-space: pre; table rows join their cells."""
    lines: list[list[tuple[str, bool]]] = [[]]
    _walk(container, lines, linked=False, pre=False)
    result = []
    for segments in lines:
        text = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(s for s, _ in segments)).strip(" |")
        link_chars = sum(len(s.strip()) for s, linked in segments if linked)
        if text and link_chars < 0.8 * len(text.replace(" ", "")):  # a line of links is navigation
            result.append(text)
    return result


def _walk(element: Any, lines: list[list[tuple[str, bool]]], linked: bool, pre: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    linked = linked or tag == "a"
    pre = pre or tag in ("pre", "textarea", "listing", "plaintext", "xmp") \
        or bool(tag and _PRE_STYLE.search(element.get("style") or ""))
    if tag in _BLOCK or tag == "br":
        _break(lines)
    if tag in ("td", "th") and lines[-1]:
        lines[-1].append((CELL_SEPARATOR, False))
    if element.text and tag:
        _add(lines, element.text, linked, pre)
    for child in element:
        _walk(child, lines, linked, pre)
        if child.tail:
            _add(lines, child.tail, linked, pre)
    if tag in _BLOCK:
        _break(lines)


def _add(lines: list[list[tuple[str, bool]]], text: str, linked: bool, pre: bool) -> None:
    if not pre:
        lines[-1].append((text, linked))
        return
    for number, piece in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if number:
            _break(lines)
        if piece:
            lines[-1].append((piece, linked))


def _break(lines: list[list[tuple[str, bool]]]) -> None:
    if lines[-1]:
        lines.append([])
