"""Property tests over the readers: any bytes give a Text or an InputError, never another exception."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import format_fixtures as ff
import hostile_inputs as hi
from checker.errors import InputError
from checker.readers import read_bytes
from checker.text import Text

SUFFIXES = [".txt", ".html", ".docx", ".pdf", ".doc", ".rtf", ".ofd", ".md", ""]
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Real files of each format, built from the invented report, to mutate.
ORIGINALS = {
    ".docx": ff.docx_bytes(ff.REPORT, numbered=True, table=[["指标", "数值"], ["出庭应诉率", "100%"]]),
    ".pdf": hi.text_pdf([hi.wrap(ff.REPORT, 36)]),
    ".html": ff.html_page(ff.BODY, title=ff.TITLE).encode("utf-8"),
    ".rtf": ff.rtf_bytes(ff.REPORT),
    ".ofd": hi.ofd([ff.REPORT]),
    ".txt": "\n".join(ff.REPORT).encode("gb18030"),
}


def _read(data: bytes, suffix: str) -> None:
    try:
        text = read_bytes(data, "report" + suffix)
    except InputError as error:
        assert error.reason and error.path == "report" + suffix
        return
    assert isinstance(text, Text)
    for line in text.lines:
        line.text.encode("utf-8")  # valid Unicode: no lone surrogates reach the document


@st.composite
def mutated(draw, suffix: str) -> bytes:
    """The original file with a few bytes flipped, a stretch deleted or duplicated, or cut short."""
    data = bytearray(ORIGINALS[suffix])
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "delete", "duplicate", "truncate", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
        elif action == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    return bytes(data)


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    _read(data, suffix)


@SETTINGS
@given(head=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf1 ", b"<html><body>",
                             b"\xef\xbb\xbf", b"\xff\xfe", b"MIME-Version: 1.0\r\n"]),
       tail=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_a_format_signature(head, tail, suffix):
    _read(head + tail, suffix)


@SETTINGS
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_random_text_in_any_encoding(text, encoding):
    _read(text.encode(encoding, errors="surrogatepass"), ".txt")


@pytest.mark.parametrize("suffix", sorted(ORIGINALS))
def test_mutated_real_files(suffix):
    @SETTINGS
    @given(data=mutated(suffix))
    def check(data):
        _read(data, suffix)

    check()


def test_originals_are_read():
    # the mutations start from files that read: otherwise the property above proves little
    for suffix, data in ORIGINALS.items():
        text = read_bytes(data, "report" + suffix)
        assert any("出庭应诉" in line.text for line in text.lines), suffix
