"""Scanning once must give the answers scanning piece by piece gives: offsets, joined phrase scans, shared parts."""
from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import make_document

from checker.locate import find_section, lines_outside, sentences_in
from checker.match import Phrase, compile_phrase, evidence, sentences, sentences_matching
from checker.ruleset import builtin_names, load_ruleset
from checker.scan import alternation, indices_matching
from checker.text import make_line, normalise, normalise_char, normalise_mapped, original_index

SEEDS = ROOT.parent / "shared" / "seeds"


def _report_files() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.txt"))
    return files + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])


def _walk_alignment(text: str, norm: str) -> list[int]:
    """The reference: a character-by-character walk (what evidence used before the offset map)."""
    positions, index = [], 0
    for ch in norm:
        while index < len(text) and normalise_char(text[index]) != ch:
            index += 1
        positions.append(index)
        index += 1
    return positions


def _sample_lines() -> list[str]:
    lines = [line for path in _report_files() for line in path.read_text(encoding="utf-8").split("\n")]
    rng = random.Random(12)
    alphabet = list(" \t\u3000\u200b\ufeff\xa0\u2003１２3４%％中文國。，、（）()ab")
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    return [line.replace("\r", "").rstrip() for line in lines]


def test_offset_map_agrees_with_the_character_walk():
    for text in _sample_lines():
        norm, shifts = normalise_mapped(text)
        assert norm == normalise(text), text
        assert [original_index(shifts, i) for i in range(len(norm))] == _walk_alignment(text, norm), text


@pytest.mark.parametrize("text, start, end, quoted", [
    ("  全面推行行政执法三项制度", 4, 8, "行政执法"),
    ("办理 行政 复议案件１２ 3件", 4, 8, "复议案件"),
    ("\u200b依法\u200b行政", 0, 4, "依法\u200b行政"),
    ("出庭率\t１００％", 3, 7, "１００％"),
])
def test_evidence_quotes_the_original_characters(text, start, end, quoted):
    line = make_line(1, text)
    span = line.original_span(start, end)
    assert line.text[span[0]:span[1]] == quoted
    match = re.compile(re.escape(line.norm[start:end])).search(line.norm)
    assert quoted in evidence(line, match).text


def test_line_built_without_offsets_still_maps():
    from checker.text import Line

    line = Line(number=1, text="  依法 行政", norm="依法行政")
    assert line.original_span(2, 4) == (5, 7)
    assert Line(number=1, text="abc", norm="xyz").original_span(0, 1) is None
    # a line cut after reading (the text before or after a closing paragraph opens) keeps its own alignment
    line = make_line(1, "  工作 总结。下一步， 我局将 继续推进")
    for cut in (replace(line, norm=line.norm[6:]), replace(line, norm=line.norm[:6])):
        walked = _walk_alignment(cut.text, cut.norm)
        assert cut.original_span(1, 3) == (walked[1], walked[2] + 1)


@pytest.mark.parametrize("patterns, texts, expected", [
    # ^ and $ hold at each text's ends, not only the joined string's
    (["^(工作)?(安排|打算)$", "计划"], ["工作安排", "下一步工作安排", "打算", "年度计划"], [0, 2, 3]),
    # a negated class runs over the joining; the text alone decides
    (["未[^。]{0,8}诉讼"], ["本年度未发生", "行政诉讼案件", "未发生行政诉讼"], [2]),
    # lookarounds that cannot see the separator join; ones that can stay alone
    (["(?<!打击)博彩(?!犯罪)"], ["博彩", "打击博彩", "博彩犯罪", "网络博彩"], [0, 3]),
    (["(?<![^a])x"], ["x", "ax", "bx"], [0, 1]),
    ([r"\Ax", r"y\Z"], ["xa", "ax", "ay", "ya"], [0, 2]),
    # own flags stay with their pattern
    ([r"(?i)bet\s?365", "澳门"], ["BET 365", "bet365x", "Bet", "澳门"], [0, 1, 3]),
    # back references and clashing group names cannot share one pattern
    ([r"(\d)\1", "(?P<a>x)", "(?P<a>y)"], ["11", "12", "x", "y"], [0, 2, 3]),
    ([], ["a"], []),
    (["a"], [], []),
    # a phrase searched only where its words stand: in each text alone, whatever it opens with
    (["(收到|受理)[^。；]{0,12}复议", r"\A复议", "法(治)?政府"], ["受理行政复议", "复议", "受理。复议", "法政府", "法治政府"],
     [0, 1, 3, 4]),
    (["(?i:bet)365", r"\n法治"], ["BET365", "bet36", "法治"], [0]),
])
@pytest.mark.parametrize("lead_after", [None, 0])  # as a one-file check scans; rewritten, as a batch does
def test_joined_scan_cases(patterns, texts, expected, lead_after, monkeypatch):
    from checker import scan

    if lead_after is not None:
        monkeypatch.setattr(scan, "_LEAD_AFTER", lead_after)
        monkeypatch.setattr(scan, "_combined", {})
    phrases = tuple(Phrase(p, p) for p in patterns)
    assert indices_matching(texts, phrases) == expected
    literals = tuple(compile_phrase(p) for p in patterns)  # the same words taken as literals join uncompiled
    assert indices_matching(texts, literals) == [i for i, t in enumerate(texts)
                                                 if any(normalise(p) in t for p in patterns)]
    assert expected == [i for i, t in enumerate(texts) if any(p.pattern.search(t) for p in phrases)]


_LED_TEXTS = ["规范性文件已备案", "打击博彩", "网络博彩团伙", "BET 365", "bet365", "12名", "bx", "工作安排", "😀x", "法", "",
              "在线赌场", "\u212a", "\u0130", "S\u017f"]


@pytest.mark.parametrize("patterns, opening", [
    (["(规范性文件|文件)[^。；]{0,30}备案", "(?<!打击)博彩(?!犯罪)"], "[\\u535a\\u6587\\u89c4]"),
    # letters ignoring case open with both cases (and the few other characters re matches with them)
    ([r"(?i:bet\s?365)", "澳门", r"(?i:(在线|网上)赌场)"], "[\\u0042\\u0062\\u5728\\u6fb3\\u7f51]"),
    ([r"(?i:ks)"], "[\\u004b\\u006b\\u212a]"),
    ([r"\d+[名人]", "[a-c]x", "^(工作)?安排$"], "[\\d\\u0061-\\u0063\\u5b89\\u5de5]"),
    (["😀x"], "[\\U0001f600]"),
    # a cased letter beyond ASCII ignoring case: a lookahead that itself ignores case
    ([r"(?i:é)", "法"], "(?=[\\u6cd5]|(?i:[\\u00e9]))"),
    # a match that can be empty, or begin with almost any character: the pattern as it is
    (["(工作)?"], ""), (["[^。]{2}"], ""), ([".法"], ""), ([r"\D"], ""), (["(?=法)"], ""),
])
def test_led_pattern_finds_what_the_pattern_finds(patterns, opening):
    from checker.leading import led

    plain = re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE)
    rewritten, group = led(plain)
    assert rewritten.pattern.startswith(opening) if opening else rewritten is plain
    for text in _LED_TEXTS + ["\n".join(_LED_TEXTS)]:
        for start in range(len(text) + 1):
            want, got = plain.search(text, start), rewritten.search(text, start)
            assert (want and want.span()) == (got and got.span(group)), (text, start)


def test_led_class_holds_every_character_matched_ignoring_case():
    from checker.leading import led

    rewritten, group = led(re.compile(r"(?i:[a-z]|在|b)"))
    assert group == 1
    opening = re.compile(rewritten.pattern[:rewritten.pattern.index("]") + 1])
    folded = re.compile(r"(?i:[a-z]|在|b)")
    assert all(opening.match(c) for c in map(chr, range(0x110000)) if folded.match(c))


def _phrase_tuples():
    found: dict[tuple[str, ...], tuple[Phrase, ...]] = {}

    def walk(value, depth=0):
        if depth > 8:
            return
        if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
            found.setdefault(tuple(p.pattern.pattern for p in value), value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item, depth + 1)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name), depth + 1)

    for name in builtin_names():
        ruleset = load_ruleset(name)
        walk(ruleset)
        for rule in ruleset.rules:
            walk(rule.params)
    return list(found.values())


@pytest.mark.parametrize("lead_after", [None, 0])  # as configured; every alternation behind its lookahead
def test_every_builtin_phrase_list_scans_as_it_searches(lead_after, monkeypatch):
    from checker import scan

    if lead_after is not None:
        monkeypatch.setattr(scan, "_LEAD_AFTER", lead_after)
        monkeypatch.setattr(scan, "_combined", {})
    tuples = _phrase_tuples()
    assert len(tuples) > 50
    for path in _report_files():
        doc = make_document(path.read_text(encoding="utf-8"), name=path.name)
        for texts in ([line.norm for line in doc.lines], [s.text for s in sentences(doc.lines)]):
            for phrases in tuples:
                expected = [i for i, t in enumerate(texts) if any(p.pattern.search(t) for p in phrases)]
                assert indices_matching(texts, phrases) == expected, (path.name, phrases[0].label)
    assert all(alternation(phrases).joined is not None or alternation(phrases).literals for phrases in tuples)
    if lead_after == 0:
        rewritten = [plan.rewritten for plan in scan._combined.values() if plan.pieces]
        assert rewritten and all(found is not None for found in rewritten)
        # most phrases hold a word every match of them holds; most of the rest open with a class
        assert sum(len(plan.anchored) for plan in rewritten) > sum(len(plan.pieces) for plan in rewritten) // 2
        led = [plan.group for plan in rewritten if plan.joined is not None]
        assert led and sum(led) > len(led) // 2


@pytest.mark.parametrize("flags, piece", [
    (0, "(?:a b)"), (re.IGNORECASE, "(?i:a b)"), (re.VERBOSE, "(?x:a b)"), (re.IGNORECASE | re.VERBOSE, "(?ix:a b)"),
    (re.MULTILINE, None), (re.DOTALL, None), (re.ASCII, None), (re.IGNORECASE | re.MULTILINE, None),
])
def test_a_phrase_joins_with_its_own_flags_or_stays_alone(flags, piece):
    from checker.scan import _piece

    assert _piece(re.compile("a b", flags)) == piece


@pytest.mark.parametrize("source, flags, contextual", [
    ("(未|没有)[^。]{0,6}(诉讼|复议)", 0, False),
    ("^(工作)?安排$", 0, False),  # ^ and $ hold at each joined text's ends
    (r"\Ax", 0, True), (r"y\Z", 0, True), (r"(\d)\1", 0, True), ("(?P<a>x)(?P=a)", 0, True),
    ("(?<!打击)博彩(?!犯罪)", 0, False), ("(?<![^a])x", 0, True), ("(x)?(?(1)y|z)", 0, True),
    ("a # )", re.VERBOSE, True),  # verbose: parsed without its flags it is no pattern, so it stays alone
    (r"\d+(件|个)\s*", 0, False), ("(?i:bet)(?:365)", 0, False), (r"\\A", 0, False), (r"x\b", 0, False),
])
def test_contextual_phrases_are_told_without_parsing_only_when_they_cannot_be(source, flags, contextual):
    from checker import scan

    assert scan._contextual(source, flags) is contextual
    assert scan._parsed_contextual(source) is contextual


def test_every_builtin_phrase_is_told_contextual_as_parsing_tells_it():
    from checker import scan

    phrases = {p.pattern.pattern: p.pattern.flags for value in _phrase_tuples() for p in value}
    assert len(phrases) > 300
    for source, flags in phrases.items():
        assert scan._contextual(source, flags) == scan._parsed_contextual(source), source


def test_parts_and_sentences_are_worked_out_once_per_document():
    path = ROOT / "examples" / "government-good.txt"
    doc = make_document(path.read_text(encoding="utf-8"))
    ruleset = load_ruleset("government")
    locator = next(rule.params.section for rule in ruleset.rules if rule.kind == "section")
    assert find_section(doc, locator) is find_section(doc, locator)
    outside = lines_outside(doc, doc.lines, (locator,))
    assert lines_outside(doc, doc.lines, (locator,)) is outside
    assert sentences_in(doc, outside) is sentences_in(doc, outside)
    found = sentences_in(doc, doc.lines)
    phrases = (Phrase("法治", "法治", literal=True),)
    assert sentences_matching(found, phrases) == [s for s in found if "法治" in s.text]
    other = make_document(path.read_text(encoding="utf-8"))
    assert find_section(other, locator) == find_section(doc, locator)
    assert find_section(other, locator) is not find_section(doc, locator)


def test_each_line_is_split_once_per_document_and_a_cut_line_apart():
    from checker.locate import line_sentences

    path = ROOT / "examples" / "government-good.txt"
    doc = make_document(path.read_text(encoding="utf-8"))
    lines = doc.lines
    whole = line_sentences(doc, lines)
    assert whole == list(sentences(lines)) and len(whole) > 20
    for part in (lines[3:9], lines[::2], lines[-4:], ()):
        assert line_sentences(doc, part) == list(sentences(part))
    assert all(a is b for a, b in zip(line_sentences(doc, lines), whole))  # split once, shared
    long = max(lines, key=lambda line: len(line.norm))
    cut = replace(long, norm=long.norm[:len(long.norm) // 3])
    assert line_sentences(doc, (cut,)) == list(sentences((cut,))) != list(sentences((long,)))
    assert line_sentences(doc, (long,)) == list(sentences((long,)))


def test_skipped_parts_and_statement_lines_are_read_once_per_document():
    from checker.kinds.scope import _joined, _skipped_sentences

    ruleset = load_ruleset("government")
    skipped = (ruleset.sections["plan"], ruleset.sections["shortcomings"])
    for path in _report_files():
        doc = make_document(path.read_text(encoding="utf-8"), name=path.name)
        for locator in skipped:
            part = find_section(doc, locator)
            if part is None:
                continue
            found = _skipped_sentences(doc, part, skipped)
            assert _skipped_sentences(doc, part, skipped) is found
            if part.opener:
                first = replace(part.lines[0], norm=part.lines[0].norm[part.offset:])
                assert list(found) == list(sentences((first,) + part.lines[1:]))
            else:
                assert set(found) <= set(sentences(part.lines))
        outside = lines_outside(doc, doc.lines, skipped)
        assert _joined(doc, outside) is _joined(doc, outside)
        assert _joined(doc, outside).texts == [line.norm for line in outside]


@pytest.mark.parametrize("text", ["法治" * 5, "依法行政依法行政依法行政依法行政依法行政", "ab" * 3 + "c", "一二三四五六七八" * 5,
                                  "我局" * 4 + "我", "x" + "123456789" * 5])
def test_stutter_prefilter_keeps_every_line_the_search_finds(text):
    from checker.kinds.suspicious import _STUTTER, _may_stutter

    lines = [make_line(1, "全面推进依法行政。"), make_line(2, text), make_line(3, "")]
    assert (1 in _may_stutter(lines)) >= bool(_STUTTER.search(text))
    rng = random.Random(3)
    alphabet = list("法治政府建设ab12。，")
    for _ in range(500):
        lines = []
        for number in range(1, rng.randint(2, 6)):
            line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            if rng.random() < 0.3:
                token, at = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))), rng.randint(0, len(line))
                line = line[:at] + token * rng.randint(3, 6) + line[at:]
            lines.append(make_line(number, line))
        kept = _may_stutter(lines)
        assert all(index in kept for index, line in enumerate(lines) if _STUTTER.search(line.norm))


def test_chrome_lines_are_found_as_the_plain_pattern_finds_them():
    from checker.boilerplate import _CHROME, _chrome

    chrome = ["扫一扫在手机打开当前页", "来源：区司法局 发布时间：2024-03-01", "发布时间：2024-03-01 10:00", "责任编辑：张三",
              "浏览次数：1024", "字体：[大 中 小]", "【打印本页】【关闭窗口】", "分享到：", "当前位置：首页>政务公开",
              "大 中 小", "相关链接", "网站标识码4401000001 粤ICP备05001234号", "索引号：11440100/2024-00012",
              "上一篇：关于……", "[大][中][小]", "首页 > 字体：大"]
    lines = [normalise(text) for text in chrome + _sample_lines()[:3000]]
    assert sum(bool(_CHROME.search(line)) for line in lines) >= len(chrome)
    for line in lines:
        want, got = _CHROME.search(line), _chrome().search(line)
        assert (want and want.start()) == (got and got.start()), line


def test_normalising_replaces_characters_as_the_translation_tables_do():
    """Only the characters that change are replaced: the same text str.translate with the tables gave."""
    from checker.text import _DIGIT_SPACES, _SPACE_IN_SENTENCE, _TRAD, _TRAD_CHARS, _WIDTH, _WIDTH_CHARS

    rng = random.Random(8)
    alphabet = list(_WIDTH_CHARS) + list(_TRAD_CHARS) + list(" \t中文1２%")
    texts = _sample_lines() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        reference = text.translate(_WIDTH).translate(_TRAD).replace("\t", " ").strip()
        reference = _DIGIT_SPACES.sub("", _SPACE_IN_SENTENCE.sub("", reference))
        assert normalise(text) == reference, text


def _starts_by_loop(texts):
    """Where each joined text begins, as the one-text-at-a-time loop worked it out."""
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return starts


@pytest.mark.parametrize("texts", [[], [""], ["", ""], ["一"], ["法治政府", "", "建设", "年度报告。"],
                                   ["a" * 1000, "b", "", "c" * 7], [str(i) * i for i in range(50)]])
def test_joined_starts_as_the_loop_gives(texts):
    from checker.scan import Joined

    joined = Joined(texts)
    assert joined.starts == _starts_by_loop(texts)
    assert [joined.text[start:start + len(text)] for start, text in zip(joined.starts, texts)] == list(texts)


@pytest.mark.parametrize("source, words", [
    ("公示[^。]{0,12}(执法|处罚|许可)", ("公示",)),
    ("(法律顾问|公职律师)[^。；]{0,40}(审查|审核)", ("法律顾问", "公职律师")),
    ("决策[^。；]{0,30}合法性审核|合法性审核[^。；]{0,30}决策", ("合法性审核",)),
    ("(学习|研学)+[^。]{0,9}法治", ("法治",)),  # as few words as long as the rest
    ("法(治)?政府", ("政府",)),
    ("述法\\d+次", ("述法",)),
    ("(?P<a>审核)(?P=a)", ("审核",)),
    ("(?i:bet)365", ("365",)),
    # no word every match holds (or only single characters, which most sentences hold)
    ("(?i)bet365", None), ("[^。]{2}", None), ("(工作)?", None), ("法|治理", None), ("x(?=法治)", None),
    ("(审核){0,2}", None), ("(?:审核|[^a])", None),
])
def test_required_words_cases(source, words):
    from checker.required import required_words

    assert required_words(re.compile(source)) == words


def test_every_match_of_a_builtin_phrase_holds_one_of_its_words():
    from checker.required import required_words

    tuples = _phrase_tuples()
    patterns = {p.pattern for phrases in tuples for p in phrases if not p.literal}
    worded = {pattern: required_words(pattern) for pattern in patterns}
    assert sum(words is not None for words in worded.values()) > len(patterns) // 2
    lines = [normalise(line) for path in _report_files() for line in path.read_text(encoding="utf-8").splitlines()]
    matched = 0
    for pattern, words in worded.items():
        for line in lines:
            for found in pattern.finditer(line) if words else ():
                matched += 1
                assert any(word in found.group(0) for word in words), (pattern.pattern, found.group(0))
    assert matched > 100
