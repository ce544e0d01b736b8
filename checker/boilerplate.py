"""Web-page chrome that reaches us inside report text (saved pages, copied text) and is not content."""
from __future__ import annotations

import re
from functools import lru_cache

from checker.text import Line, normalise

# Each pattern matches a whole chrome line in normalised text. Saved pages reach fzcheck as
# .txt and .pdf too, so this runs for every format, after the reader; the web-page reader leaves
# these lines in and removes only page furniture it recognises by structure (nav, share buttons).
CHROME_PATTERNS: tuple[str, ...] = (
    r"^扫一扫(在手机)?(打开|浏览|查看)?(当前页|本页)?",
    r"扫一扫在手机打开当前页",
    r"^(来源|信息来源|文章来源)[:：].{0,40}(发布时间|发布日期|时间)[:：]",
    r"^(发布时间|发布日期|时间)[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}.{0,40}$",
    r"^(来源|信息来源|文章来源|作者|责编|责任编辑|编辑|审核|校对|供稿)[:：].{0,30}$",
    r"^(浏览次数|访问次数|阅读次数|累计次数|点击数|点击率)[:：]",
    r"^字体[:：]?\s*[\[【]?\s*(大|中|小|\s)*\s*[\]】]?",
    r"^【?(打印本页|关闭窗口|打印|关闭|返回顶部|收藏|纠错)】?(\s*【?(打印本页|关闭窗口|打印|关闭|返回顶部|收藏|纠错)】?)*$",
    r"^分享到[:：]?",
    r"^(当前位置|您当前的位置|您现在的位置|你的位置|所在位置)[:：]?",
    r"^[\[【]?(大|中|小)[\]】]?\s*[\[【]?(大|中|小)[\]】]?\s*[\[【]?(大|中|小)[\]】]?$",
    r"^(相关文章|相关链接|相关新闻|相关阅读|附件下载)[:：]?$",
    r"(网站标识码|ICP备|公网安备|版权所有|主办单位[:：]|承办单位[:：]|技术支持[:：])",
    r"^索引号[:：]",
    r"^(上一篇|下一篇)[:：]",
)
_CHROME = re.compile("|".join(f"(?:{p})" for p in CHROME_PATTERNS))
# A publication time stated in chrome is still a fact worth keeping (the 4月1日 rule).
_PUBLISHED = re.compile(r"(发布时间|发布日期)[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def stated_publication(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a 发布时间/发布日期 stated in a line of page text."""
    found = _PUBLISHED.search(normalise(text))
    return (int(found.group(2)), int(found.group(3)), int(found.group(4))) if found else None


def is_chrome(line: Line) -> bool:
    return bool(_chrome().search(line.norm))


@lru_cache(maxsize=1)
def _chrome() -> re.Pattern[str]:
    """_CHROME opening with the characters a chrome line's match can begin with: searched on every line of
    every report, it ran all its branches at every character (checker.leading)."""
    from checker.leading import led

    return led(_CHROME)[0]


def split_chrome(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Separate content lines from chrome lines, keeping both in order."""
    chrome = [is_chrome(line) for line in lines]
    return (tuple(line for line, dropped in zip(lines, chrome) if not dropped),
            tuple(line for line, dropped in zip(lines, chrome) if dropped))


def published_date(chrome: tuple[Line, ...]) -> tuple[int, int, int] | None:
    for line in chrome:
        stated = stated_publication(line.norm)
        if stated:
            return stated
    return None
