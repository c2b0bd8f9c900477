"""One huge line without a line break: cut into bounded segments, counted like the same text on many lines, fast."""

from __future__ import annotations

import random
import time
import unicodedata
from pathlib import Path

import pytest
from helpers import lexicon_from

from focuscount.analysis import iter_document_counts
from focuscount.nlp import MAX_TOKENIZE_CHARS, get_pipeline
from focuscount.readers import read_document as read
from focuscount.readers._textblocks import MAX_SEGMENT_CHARS, TITLE_MAX_CHARS, clean_title, paragraph_segments

SENTENCES = [
    "The board thanked the volunteers who ran the summer reading programme for patrons.",
    "Staff reported that the library catalogue upgrade is on schedule and within budget.",
    "Several users asked for longer opening hours at the Riverside branch on weekends.",
    "The director said internal procedures for interlibrary loans will be simplified.",
    "Customers praised the new self-service kiosks; complaints about queues fell by half.",
]
# Single words and wildcards only: a term of several words cut in two by a segment boundary
# would count once on many lines and not at all on one line, which is not what is tested here.
LEXICON = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["patron", "user", "customer", "volunteer*"]
[categories.institution]
terms = ["library", "staff", "director", "procedure*", "budget"]
"""


def sentences(size: int, seed: int = 3) -> list[str]:
    """Sentences picked at random until their text, joined by spaces, is ``size`` characters or more."""
    rng = random.Random(seed)
    picked: list[str] = []
    total = 0
    while total < size:
        picked.append(rng.choice(SENTENCES))
        total += len(picked[-1]) + 1
    return picked


def test_a_5_mb_line_is_cut_at_spaces_into_bounded_segments_all_on_line_1(tmp_path: Path) -> None:
    text = " ".join(sentences(5_000_000))
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    document = read(path)
    texts = [segment.text for segment in document.segments]
    assert " ".join(texts) == text  # every cut is one space, dropped; nothing else is lost or moved
    assert all(MAX_SEGMENT_CHARS - 100 < len(piece) <= MAX_SEGMENT_CHARS for piece in texts[:-1])
    assert len(texts) == len(text) // (MAX_SEGMENT_CHARS - 50) + 1
    assert {str(segment.location) for segment in document.segments} == {"line 1"}
    assert document.title == clean_title(SENTENCES[0] if text.startswith(SENTENCES[0]) else text[:500])


@pytest.mark.slow
def test_a_5_mb_line_counts_the_same_words_and_hits_as_the_same_text_on_many_lines(tmp_path: Path) -> None:
    picked = sentences(5_000_000)
    one_line = tmp_path / "one" / "minutes.txt"
    many_lines = tmp_path / "many" / "minutes.txt"
    for path, separator in ((one_line, " "), (many_lines, "\n")):
        path.parent.mkdir()
        path.write_text(separator.join(picked), encoding="utf-8")
    lexicon = lexicon_from(LEXICON)
    (single,) = iter_document_counts([one_line], lexicon)
    (multi,) = iter_document_counts([many_lines], lexicon)
    pipeline = get_pipeline("en")
    words = {sentence: sum(token.is_word for token in pipeline.tokens(sentence)) for sentence in SENTENCES}
    assert single.words == multi.words == sum(words[sentence] for sentence in picked)
    assert single.counts == multi.counts
    assert single.term_counts == multi.term_counts
    assert [hit.matched_text for hit in single.hits] == [hit.matched_text for hit in multi.hits]
    assert {str(hit.location) for hit in single.hits} == {"line 1"}
    # On many lines each hit is named by its own line: the sentence it is in.
    assert [hit.matched_text in picked[hit.location.line - 1] for hit in multi.hits] == [True] * len(multi.hits)
    assert multi.hits[-1].location.line == len(picked)


def _seconds_to_split(text: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        paragraph_segments(text)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.slow
def test_splitting_a_line_takes_time_linear_in_its_length() -> None:
    small = " ".join(sentences(10_000_000))
    large = " ".join([small] * 4)
    # 4 times the text: linear is 4 times the time; copying the rest of the line at each cut was 20-30 times.
    assert _seconds_to_split(large) < 8 * _seconds_to_split(small) + 0.05


def _reference_title(value: str) -> str | None:
    """clean_title as it was: the whole value cleaned, then cut."""
    text = " ".join("".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch.isspace()).split())
    if not text or text.lower() in {"untitled", "word document", "powerpoint presentation"}:
        return None
    if len(text) <= TITLE_MAX_CHARS:
        return text
    cut = text[:TITLE_MAX_CHARS]
    space = cut.rfind(" ")
    if space > TITLE_MAX_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


@pytest.mark.parametrize(
    "value",
    [
        " " * 100_000 + "Minutes of the board " * 10,  # the title starts far into the value
        "\x01\x02" * 50_000 + "Untitled",  # control characters are dropped, then it is a placeholder
        "\x01" * 3_000 + "Board minutes" + "\x02" * 3_000,
        "word " * 23 + "x" * 1_000_000,
        "Short title",
        "a\tb\x0c" * 200,
        "",
    ],
)
def test_title_of_a_long_value_is_cleaned_from_its_start_exactly_as_from_the_whole(value: str) -> None:
    assert clean_title(value) == _reference_title(value)


def test_a_segment_longer_than_a_tokenizer_window_gives_the_tokens_of_its_lines() -> None:
    pipeline = get_pipeline("en")
    lines = sentences(3 * MAX_TOKENIZE_CHARS, seed=8)
    text = "\n".join(lines)
    expected = []
    offset = 0
    for line in lines:
        expected.extend(
            token._replace(start=token.start + offset, end=token.end + offset) for token in pipeline.tokens(line)
        )
        offset += len(line) + 1
    assert pipeline.tokens(text) == expected
    assert list(pipeline.tokens_many(["", text, ""])) == [[], expected, []]


def test_a_long_run_without_whitespace_is_cut_before_the_tokenizer() -> None:
    # spaCy's affix search is quadratic in a token's length: 47,000 "[" in one fuzzed
    # Markdown file took a minute to tokenise.  The run is cut every MAX_RUN_CHARS.
    from focuscount.nlp import MAX_RUN_CHARS, _windows

    text = "Library users " + "[" * 50_000 + " this."
    pieces = list(_windows(text, MAX_TOKENIZE_CHARS))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert max(len(piece) for _, piece in pieces) <= MAX_RUN_CHARS + len(" this.")
    started = time.perf_counter()
    tokens = get_pipeline().tokens(text)
    assert time.perf_counter() - started < 20  # about 0.05 s; a minute before the cut
    words = [token.text for token in tokens if token.is_word]
    assert words == ["Library", "users", "this"]
    assert (tokens[-2].start, tokens[-2].end) == (len(text) - 5, len(text) - 1)


def test_runs_shorter_than_the_cut_tokenise_as_before() -> None:
    from focuscount.nlp import MAX_RUN_CHARS, _windows

    url = "https://example.org/" + "patrons/" * 20  # 180 characters: one URL token, no word inside it
    assert len(url) <= MAX_RUN_CHARS
    assert list(_windows(f"See {url} today", MAX_TOKENIZE_CHARS)) == [(0, f"See {url} today")]
