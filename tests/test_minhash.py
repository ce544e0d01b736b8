"""The batch comparison's pieces against references: datasketch for MinHash and LSH, plain Python sets for
the sentence check, the parent's pipeline for what crosses from the workers."""
from __future__ import annotations

import pickle
import random
import subprocess
import sys
from array import array

import pytest

from checker import minhash
from checker.signature import Sentence, digest, pack
from checker.similarity import SENTENCE_JACCARD, copied_pairs, twins


def _sets(seed: int, count: int = 300) -> list[set[int]]:
    """Random 32-bit hash sets: some drawn from a shared pool (so they overlap), some near copies of the one
    before, some tiny or empty."""
    rng = random.Random(seed)
    pool = [rng.getrandbits(32) for _ in range(2000)]
    sets: list[set[int]] = []
    for number in range(count):
        if number % 7 == 1 and sets:
            kept = sorted(sets[-1])[: max(1, len(sets[-1]) * rng.randint(3, 9) // 10)]
            sets.append(set(kept) | {rng.getrandbits(32) for _ in range(rng.randint(0, 20))})
        elif number % 29 == 3:
            sets.append(set() if number % 2 else {rng.getrandbits(32)})
        else:
            sets.append(set(rng.sample(pool, rng.randint(0, 80))) | {rng.getrandbits(32)
                                                                     for _ in range(rng.randint(0, 120))})
    return sets


def _bytes(values) -> bytes:
    return array("I", sorted(values)).tobytes()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_digest_is_datasketchs_minhash(seed):
    datasketch = pytest.importorskip("datasketch")
    import numpy as np

    empty = datasketch.MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, hashfunc=int)
    for values in _sets(seed, 120):
        reference = empty.copy()
        reference.update_batch(list(values))
        assert np.array_equal(np.frombuffer(minhash.digest(_bytes(values)), np.uint32), reference.hashvalues)


def test_bands_are_datasketchs_for_the_threshold():
    datasketch = pytest.importorskip("datasketch")
    lsh = datasketch.MinHashLSH(threshold=0.2, num_perm=minhash.NUM_PERM)
    assert (lsh.b, lsh.r) == (minhash.BANDS, minhash.ROWS)


@pytest.mark.parametrize("seed,floor", [(1, 0.0), (2, 0.15), (3, 0.15), (4, 0.3)])
def test_candidates_are_datasketchs_lsh(seed, floor):
    datasketch = pytest.importorskip("datasketch")
    sets = _sets(seed)
    empty = datasketch.MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, hashfunc=int)
    lsh = datasketch.MinHashLSH(threshold=0.2, num_perm=minhash.NUM_PERM)
    references = []
    for number, values in enumerate(sets):
        reference = empty.copy()
        reference.update_batch(list(values))
        references.append(reference)
        lsh.insert(number, reference)
    expected = {(min(n, o), max(n, o)) for n, reference in enumerate(references) for o in lsh.query(reference)
                if o != n and reference.jaccard(references[o]) >= floor}
    found = minhash.candidates([minhash.digest(_bytes(values)) for values in sets], floor)
    assert found == sorted(expected)
    assert expected  # the sets do overlap: the comparison is not between two empty lists


def test_a_long_part_is_digested_in_slices():
    """More shingles than one slice: the same digest as the set taken whole (by datasketch)."""
    datasketch = pytest.importorskip("datasketch")
    import numpy as np

    values = set(random.Random(4).getrandbits(32) for _ in range(minhash._SLICE * 2 + 77))
    reference = datasketch.MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, hashfunc=int)
    reference.update_batch(list(values))
    assert np.array_equal(np.frombuffer(minhash.digest(_bytes(values)), np.uint32), reference.hashvalues)


@pytest.mark.parametrize("digests,expected", [([], []), ([bytes(4 * minhash.NUM_PERM)], [])], ids=["none", "one"])
def test_candidates_of_fewer_than_two(digests, expected):
    assert minhash.candidates(digests) == expected


def _sentences(seed: int, count: int, pool: list[int]) -> list[Sentence]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        grams = set(rng.sample(pool, rng.randint(1, 30)))
        found.append(Sentence(number + 1, f"第{number + 1}句", _bytes(grams)))
    return found


def _near(sentences: list[Sentence], seed: int, pool: list[int]) -> list[Sentence]:
    """Copies with a few grams swapped: some stay over the threshold, some fall under it."""
    rng = random.Random(seed)
    found = []
    for sentence in sentences:
        grams = sorted(sentence.shingle_set())
        for _ in range(rng.randint(0, len(grams))):
            grams[rng.randrange(len(grams))] = rng.choice(pool)
        found.append(Sentence(sentence.line + 100, sentence.quote + "改", _bytes(set(grams))))
    return found


def _reference(mine: list[Sentence], theirs: list[Sentence]) -> list[int]:
    """Which of mine have a twin among theirs, by the definition: 4-gram Jaccard of at least SENTENCE_JACCARD
    (a sentence without grams has no twin)."""
    return [n for n, sentence in enumerate(mine)
            if any(sentence.shingle_set() and len(sentence.shingle_set() & other.shingle_set())
                   / len(sentence.shingle_set() | other.shingle_set()) >= SENTENCE_JACCARD for other in theirs)]


@pytest.mark.parametrize("seed", range(12))
def test_sentence_twins_follow_the_definition(seed):
    rng = random.Random(seed)
    pool = [rng.getrandbits(32) for _ in range(rng.choice([40, 200, 5000]))]  # small pools: many chance grams
    mine = _sentences(seed, rng.randint(0, 40), pool)
    theirs = _near(mine[: rng.randint(0, len(mine))], seed, pool) + _sentences(seed + 100, rng.randint(0, 30), pool)
    rng.shuffle(theirs)
    if mine and theirs:
        assert twins(pack(mine), pack(theirs)) == (_reference(mine, theirs), _reference(theirs, mine))


def test_duplicate_sentences_count_each():
    one = Sentence(1, "甲", _bytes(range(10)))
    found_mine, found_theirs = twins(pack([one, one, Sentence(3, "乙", _bytes(range(50, 60)))]), pack([one]))
    assert (found_mine, found_theirs) == ([0, 1], [0])


def _report_sentences(texts: list[str]) -> list[Sentence]:
    from checker.signature import quote, shingles

    return [Sentence(n, quote(text), shingles(text)) for n, text in enumerate(texts, 1)]


def test_packed_quotes_and_lines_come_back():
    sentences = _report_sentences(["全年组织执法人员培训4期，轮训126名。", "开展合同专项清理，审查合同214份。"])
    packed = pack(sentences)
    assert len(packed) == 2
    assert [(q.line, q.quote) for q in packed.quoted([1, 0])] == [(s.line, s.quote) for s in sentences[::-1]]


def test_a_digest_is_flat_and_small():
    """What crosses from a worker: bytes and a few strings, not an object per sentence."""
    from checker.signature import Signature

    rng = random.Random(5)
    texts = ["".join(chr(rng.randint(0x4E00, 0x62FF)) for _ in range(rng.randint(14, 40))) + "。"
             for _ in range(200)]
    parts = {"measures": tuple(_report_sentences(texts)), "shortcomings": tuple(_report_sentences(texts[:1])),
             "causes": (), "plan": tuple(_report_sentences(texts[:5]))}
    made = digest(Signature("a.txt", "甲镇人民政府", 2024, parts))
    assert set(made.minhashes) == set(made.parts) == {"measures", "plan"}  # one sentence is never copied
    assert all(len(value) == 4 * minhash.NUM_PERM for value in made.minhashes.values())
    for packed in made.parts.values():
        assert all(isinstance(getattr(packed, name), bytes) for name in ("grams", "sizes", "lines"))
        assert isinstance(packed.quotes, str)
    grams = sum(len(s.shingles) for s in parts["measures"] + parts["plan"])
    quotes = sum(len(s.quote.encode()) for s in parts["measures"] + parts["plan"])
    # The shingles, the quotes, 8 bytes a sentence and the two MinHashes, with a little pickle framing.
    assert len(pickle.dumps(made)) < grams + quotes + 8 * 205 + 2 * 4 * minhash.NUM_PERM + 600


def test_copied_pairs_from_digests():
    """Two units sharing a part, a third unit apart, and one unit twice (not copying from itself)."""
    from checker.signature import Signature

    rng = random.Random(9)

    def texts(count):
        return ["".join(chr(rng.randint(0x4E00, 0x62FF)) for _ in range(20)) + "。" for _ in range(count)]

    shared, own = texts(6), [texts(6) for _ in range(4)]

    def signature(path, issuer, shortcomings):
        parts = {"measures": tuple(_report_sentences(texts(8))), "shortcomings": tuple(_report_sentences(shortcomings)),
                 "causes": (), "plan": ()}
        return Signature(path, issuer, 2024, parts)

    signatures = [signature("a.txt", "甲镇", shared[:5] + own[0][:1]), signature("b.txt", "乙镇", shared),
                  signature("c.txt", "丙镇", own[1]), signature("d.txt", "甲镇", shared[:4] + own[2][:2])]
    found = [(i, j, mine.part, round(mine.share, 2), round(theirs.share, 2), mine.count)
             for i, j, mine, theirs in copied_pairs([digest(s) for s in signatures])]
    assert found == [(0, 1, "shortcomings", 0.83, 0.83, 5), (1, 3, "shortcomings", 0.67, 0.67, 4)]


def test_a_single_check_imports_no_numpy(tmp_path):
    """numpy is for comparing a batch; checking one report (and last year's, with --previous) goes without it
    only where no comparison runs."""
    report = tmp_path / "one.txt"
    report.write_text("某镇2024年法治政府建设情况报告\n一、主要举措\n全年组织执法培训4期，轮训执法人员126名。\n",
                      encoding="utf-8")
    code = ("import sys; from checker.pipeline import check_paths; check_paths([sys.argv[1]]);"
            "print('numpy' in sys.modules, 'datasketch' in sys.modules, 'scipy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "False", "False"], done.stderr


def _crc_reference(core: str) -> bytes:
    """One zlib.crc32 per 4-gram, as sentences were hashed before: the values the batch hashing must give."""
    import zlib

    grams = {zlib.crc32(core[i:i + 4].encode("utf-8")) for i in range(max(len(core) - 3, 1))}
    return array("I", sorted(grams)).tobytes()


@pytest.mark.parametrize("texts", [
    [""],  # no character: one empty gram, CRC 0
    ["法", "法治", "法治政"],  # shorter than a gram: the text is the gram
    ["法治政府", "法治政府建设", "法治法治法治"],  # repeated grams count once
    ["abc#", "a1#b", "x" * 40],  # one byte a character
    ["é中😀a", "😀😀😀😀😀", "\u07ff\u0800\uffff\U0010ffff"],  # two, three and four bytes, mixed
])
def test_batch_hashing_gives_zlibs_crc_of_each_gram(texts):
    from checker.shingles import hashed

    assert hashed(texts) == [_crc_reference(text) for text in texts]


def test_batch_hashing_of_many_texts_across_batches(monkeypatch):
    from checker import shingles

    rng = random.Random(9)
    alphabet = list("ab#中文國😀é\u0800\u07ff\x7f\x80")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    expected = [_crc_reference(text) for text in texts]
    assert shingles.hashed(texts) == expected
    monkeypatch.setattr(shingles, "_BATCH", 40)  # many small batches, texts longer than one batch alone
    assert shingles.hashed(texts) == expected


@pytest.mark.parametrize("seed", range(16))
def test_one_part_against_many_follows_the_definition(seed, monkeypatch):
    """copied_among gives, for each of theirs, exactly what the definition gives for that pair alone: the
    sentences with a twin on each side when either part is copied. Their parts share sentences among
    themselves (each distinct one is looked at once), some sentences are empty, a small table makes many
    grams share a slot (the slow path of the lookup), and pairs of sentences are counted by sorting."""
    from checker import arrays, similarity
    from checker.similarity import _copied, copied_among, loose

    rng = random.Random(seed)
    if seed % 2:
        monkeypatch.setattr(arrays, "TABLE_LOAD", 0)
        monkeypatch.setattr(arrays, "TABLE_FLOOR", 4)
    if seed % 4 >= 2:
        monkeypatch.setattr(similarity, "DENSE_CELLS", 0)
    pool = [rng.getrandbits(32) for _ in range(rng.choice([40, 200, 5000]))]
    mine = _sentences(seed, rng.randint(1, 30), pool) + [Sentence(99, "空", b"")] * (seed % 3 == 0)
    common = _sentences(seed + 300, 6, pool)
    theirs = []
    for number in range(rng.randint(1, 12)):
        part = _near(mine[: rng.randint(0, len(mine))], seed + number, pool) + \
            rng.sample(common, rng.randint(0, 6)) + _sentences(seed * 50 + number, rng.randint(0, 6), pool)
        if number % 4 == 1:
            part += [Sentence(98, "空", b"")]
        rng.shuffle(part)
        theirs.append(part or _sentences(seed + 700, 2, pool))
    expected = []
    for part in theirs:
        found_theirs, found_mine = _reference(part, mine), _reference(mine, part)
        copied = _copied(len(found_theirs) / len(part), len(found_theirs)) or \
            _copied(len(found_mine) / len(mine), len(found_mine))
        expected.append((found_theirs, found_mine) if copied else None)
    assert copied_among([loose(pack(part)) for part in theirs], loose(pack(mine))) == expected


def _lookup_reference(known, values):
    import numpy as np

    at = np.minimum(np.searchsorted(known, values), len(known) - 1)
    found = np.flatnonzero(known[at] == values)
    return at[found].tolist(), found.tolist()


@pytest.mark.parametrize("load, floor", [(16, 10), (0, 6), (0, 1)])
@pytest.mark.parametrize("seed", range(6))
def test_lookup_finds_what_a_binary_search_finds(seed, load, floor, monkeypatch):
    import numpy as np

    from checker import arrays

    monkeypatch.setattr(arrays, "TABLE_LOAD", load)
    monkeypatch.setattr(arrays, "TABLE_FLOOR", floor)
    rng = np.random.default_rng(seed)
    known = np.unique(rng.integers(0, 1 << 32, rng.integers(1, 3000), dtype=np.uint32))
    values = np.concatenate([rng.choice(known, 500), rng.integers(0, 1 << 32, 500, dtype=np.uint32),
                             known ^ np.uint32(1 << 31)])  # the value an empty slot is compared with
    rng.shuffle(values)
    at, found = arrays.lookup(known, values)
    assert (at.tolist(), found.tolist()) == _lookup_reference(known, values)


def test_set_prints_follow_the_sets_not_their_order():
    import numpy as np

    from checker.arrays import set_prints

    values = np.array([5, 9, 1, 9, 1, 5, 7, 2], np.uint32)
    prints = set_prints(values, np.array([3, 0, 3, 2], np.int64)).tolist()
    assert prints[0] == prints[2] != 0 and prints[1] == 0 and len(set(prints)) == 3


def test_copied_pairs_do_not_depend_on_the_cache(monkeypatch):
    """A cache of one part, and a comparison every two reports, read parts again and again: the same pairs,
    in the same order."""
    from checker import copying
    from checker.signature import Signature

    rng = random.Random(4)

    def texts(count):
        return ["".join(chr(rng.randint(0x4E00, 0x62FF)) for _ in range(20)) + "。" for _ in range(count)]

    template = texts(5)
    signatures = []
    for number in range(24):
        own = texts(3)
        measures = (template if number % 3 else own + template[:1]) + own
        signatures.append(Signature(f"{number}.txt", f"第{number}镇", 2024, {
            "measures": tuple(_report_sentences(measures)), "shortcomings": tuple(_report_sentences(texts(4))),
            "causes": (), "plan": tuple(_report_sentences(template[:3] + texts(1)))}))
    digests = [digest(s) for s in signatures]
    expected = copied_pairs(digests)
    monkeypatch.setattr(copying, "CACHE_BYTES", 1)
    monkeypatch.setattr(copying, "STEP", 2)
    assert copied_pairs(digests) == expected
    assert len(expected) > 20


def test_noise_class_drops_what_the_alternation_dropped():
    import re

    from checker.signature import _NOISE

    before = re.compile(r"[^\w]|_")
    assert all(bool(_NOISE.match(c)) == bool(before.match(c)) for c in map(chr, range(0x10000)) if not 0xD800 <= ord(c) < 0xE000)


def _masked_one_by_one(texts):
    from checker.signature import _DIGITS, _NOISE

    return [_NOISE.sub("", _DIGITS.sub("#", text)) for text in texts]


@pytest.mark.parametrize("texts", [
    [], [""], ["", ""], ["全年办理行政复议案件12件，同比增长3.5%。"], ["共3", "件事项"], ["十", "件"], ["1.", "5亿元"],
    ["审查规范性文件二十三件", "组织培训３场次", "a_b c\td"], ["含有\U0002A6A5的句子", "第二句12件"],
])
def test_masked_together_as_one_by_one(texts):
    from checker.signature import _masked

    assert _masked(texts) == _masked_one_by_one(texts)


def test_masked_together_as_one_by_one_on_random_sentences():
    from checker.signature import _masked

    rng = random.Random(7)
    alphabet = "一二三四五六七八九十百千万〇零两件次项场个家起条人名%0123456789.，。a_ #\t法治政府建设年度报告"
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 6))]
        assert _masked(texts) == _masked_one_by_one(texts), texts


_FIGURES_AS_WRITTEN = r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万]+(?=[件次项场个家起条人名%])"


def test_masking_patterns_answer_as_the_plain_ones():
    """Figures open with their class (the engine skips the rest in C), noise goes a run at a time, and a
    sentence's length is measured without masking it: each answers as the plain patterns did."""
    import re
    from pathlib import Path

    from checker.signature import _DIGITS, _LONG_ENOUGH, _NOISE, MIN_CHARS

    digits, noise = re.compile(_FIGURES_AS_WRITTEN), re.compile(r"[^\w]|_")
    rng = random.Random(11)
    alphabet = "一二三四五六七八九十百千万〇零两件次项场个家起条人名%0123456789.٣３，。、a_ #\t法治政府建设\U0002A6A5"
    texts = ["", "12.5亿元", "1.", ".5", "三十件", "十", "第十二次", "一二三", "٣٣件", "３３.５％", "a_b" * 6,
             "，" * 13 + "法" * 11, "法" * 12]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    root = Path(__file__).resolve().parents[1]
    texts += [line for path in sorted((root / "examples").glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    for text in texts:
        assert _DIGITS.sub("#", text) == digits.sub("#", text), text
        assert _NOISE.sub("", text) == noise.sub("", text), text
        assert bool(_LONG_ENOUGH.match(text)) == (len(noise.sub("", text)) >= MIN_CHARS), text


@pytest.mark.parametrize("text", ["短句。", "，，，，，，，，，，，，，。", "这是一个足够长的句子用来判断是否抄袭。", "12345678901。" * 2,
                                  "一、总体情况。本年度共办理行政复议案件十二件，均已办结。", ""])
def test_signature_sentences_as_measuring_every_piece(text):
    from checker.signature import _NOISE, _SPLIT, MIN_CHARS, sentences
    from checker.outline import parse_heading
    from checker.text import make_line

    line = make_line(1, text)
    heading = parse_heading(line)
    pieces = [p.strip() for p in _SPLIT.split(heading.rest if heading else line.norm)]
    assert sentences((line,)) == [(line, p) for p in pieces if len(_NOISE.sub("", p)) >= MIN_CHARS]


@pytest.mark.parametrize("columns, expected", [
    (([],), []),
    (([7],), [True]),
    (([1, 1, 2, 2, 2, 5],), [True, False, True, False, False, True]),
    (([1, 1, 1, 2], [3, 3, 4, 4]), [True, False, True, True]),  # a row differs when any column does
])
def test_changes_marks_where_a_run_starts(columns, expected):
    import numpy as np

    from checker.arrays import changes

    assert changes(*(np.array(c, np.int64) for c in columns)).tolist() == expected
