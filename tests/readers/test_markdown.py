"""The Markdown reader: markup is not words, and line numbers stay those of the source."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import focuscount
from focuscount.model import Document, DocumentCounts
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.readers.markdown import strip_inline, strip_markdown

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def write(tmp_path: Path, text: str, name: str = "doc.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markup_fixture_segments_exactly() -> None:
    document = read(FIXTURES / "markup.md")
    assert document.format == "md"
    assert document.path == FIXTURES / "markup.md"
    assert document.created is None
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("line 6", "Library Board Meeting"),
        (
            "line 8",
            "Welcome to all our patrons and staff customers.\n"
            "Read the annual report now.\n"
            "A happy reader appears here.\n"
            "See  or  today.\n"
            "Use snake_case and library_card in code; snake_case stays.\n"
            "An important point here.",
        ),
        ("line 15", "Quoted patrons said\nnested quote text"),
        ("line 18", "first item\nsecond item\nthird item\nnumbered item\nanother item\ndone task"),
        ("line 25", "Name\tRole"),  # a table row is its cells; the delimiter row (line 26) has no words
        ("line 27", "Ann\tChair"),
        ("line 32", "def count(customers):\n    return len(customers)"),
        ("line 37", "tilde fence content"),
        # CommonMark: the underline makes the whole paragraph above it (lines 41 and 42) the heading,
        # and "2 * 3" (spaces around the star) is no emphasis.
        ("line 41", "Final line with a reference link and 2 * 3 math.\nSetext Heading"),
        ("line 45", "After comment."),
    ]
    assert [(s.location.line, s.level) for s in document.segments if s.heading] == [(6, 1), (41, 2)]
    assert document.segments[-1].location.section == "Final line with a reference link and 2 * 3 math. Setext Heading"


def test_first_heading_wins_over_front_matter_title() -> None:
    assert read(FIXTURES / "markup.md").title == "Library Board Meeting"


MARKUP = ["#", "**", "__", "~~", "](", "![", "http", "example.org", "<", ">", "|", "```", "~~~", "---"]


@pytest.mark.parametrize("markup", [*MARKUP, "title:", "hidden"])
def test_no_markup_survives(markup: str) -> None:
    text = read(FIXTURES / "markup.md").text
    assert markup not in text


def test_line_count_is_kept() -> None:
    source = (FIXTURES / "markup.md").read_text(encoding="utf-8")
    stripped, heading, front_matter_title = strip_markdown(source)
    assert stripped.count("\n") == source.count("\n")
    assert (heading, front_matter_title) == ("Library Board Meeting", "Board Minutes, March")
    for number, line in enumerate(stripped.split("\n"), start=1):
        if "After comment." in line:
            assert source.split("\n")[number - 1] == "After comment."


def test_hit_lines_match_the_source_file() -> None:
    source_lines = (FIXTURES / "markup.md").read_text(encoding="utf-8").split("\n")
    for segment in read(FIXTURES / "markup.md").segments:
        for word in ("customers", "patrons", "snake_case", "Chair", "tilde"):
            if word in segment.text:
                line = segment.location.at_offset(segment.text, segment.text.index(word)).line
                assert line is not None
                assert word in source_lines[line - 1]


def test_same_text_has_the_same_words_as_the_text_file() -> None:
    markdown = read(FIXTURES / "same_text.md")
    text_file = [segment.text for segment in read_txt(FIXTURES / "same_text.txt").segments]
    assert [segment.text for segment in markdown.segments] == text_file
    locations = [str(segment.location) for segment in markdown.segments]
    assert locations == ["line 1", "line 3", "line 5", "line 7"]
    assert markdown.title == "Minutes of the library board meeting."


def read_txt(path: Path) -> Document:
    from focuscount.readers.text import read as read_text

    return read_text(path)


def test_front_matter_title_when_there_is_no_heading(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: 'Front Title'\ndate: 2024-03-12\n---\nSome text.\n")
    document = read(path)
    assert document.title == "Front Title"
    assert [(str(s.location), s.text) for s in document.segments] == [("line 5", "Some text.")]


def test_toml_front_matter(tmp_path: Path) -> None:
    document = read(write(tmp_path, '+++\ntitle = "Hugo page"\n+++\nBody text.\n'))
    assert document.title == "Hugo page"
    assert document.text == "Body text."


def test_first_line_is_the_title_without_heading_or_front_matter(tmp_path: Path) -> None:
    document = read(write(tmp_path, "\n**Patrons** first.\n\nSecond.\n"))
    assert document.title == "Patrons first."


def test_setext_heading_is_a_heading(tmp_path: Path) -> None:
    document = read(write(tmp_path, "Intro text\n\nCustomer Focus\n==============\n\nBody.\n"))
    assert document.title == "Customer Focus"
    assert [segment.text for segment in document.segments] == ["Intro text", "Customer Focus", "Body."]


def test_rule_at_the_top_is_not_front_matter(tmp_path: Path) -> None:
    document = read(write(tmp_path, "---\n\nJust text here.\n\n---\n\nMore text.\n"))
    assert [(str(segment.location), segment.text) for segment in document.segments] == [
        ("line 3", "Just text here."),
        ("line 7", "More text."),
    ]


def test_multiline_html_comment_is_removed_and_lines_kept(tmp_path: Path) -> None:
    document = read(write(tmp_path, "Patrons <!-- start\nhidden\nend --> customers\n"))
    assert document.text == "Patrons \n\n customers"
    assert [str(segment.location) for segment in document.segments] == ["line 1", "line 3"]


def test_unclosed_fence_keeps_its_content_as_text(tmp_path: Path) -> None:
    document = read(write(tmp_path, "Before.\n\n```\ncode about **patrons**\n"))
    assert [segment.text for segment in document.segments] == ["Before.", "code about **patrons**"]


def test_empty_markdown(tmp_path: Path) -> None:
    document = read(write(tmp_path, "\n  \n"))  # blank; a zero-byte file is refused (test_special_files)
    assert (document.segments, document.title) == ((), None)


def test_markdown_in_utf16_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.md"
    path.write_bytes("# Überschrift\n\nCafé *patrons*.\n".encode("utf-16"))
    document = read(path)
    assert document.title == "Überschrift"
    assert document.segments[1].text == "Café patrons."


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("snake_case and __init__ files", "snake_case and init files"),
        ("**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"),
        ("~~struck~~ words", "struck words"),
        ("2*3*4 stays", "234 stays"),  # CommonMark: a star inside a word is emphasis (li**brar**y)
        ("2 * 3 * 4 stays", "2 * 3 * 4 stays"),
        ("[the library](http://x.org/a_(b)) site", "the library site"),
        ('[text](<url> "Title") end', "text end"),
        ("![alt text](i.png) here", "alt text here"),
        ("[![badge](b.svg)](http://x.org)", "badge"),
        ("`a*b*_c_` code", "a*b*_c_ code"),
        ("``with ` tick``", "with ` tick"),
        (r"\*not emphasis\* and \_ and \|", "*not emphasis* and _ and |"),
        ("x &amp; y &eacute;", "x & y é"),
        ("<b>li</b>brary", "library"),
        ("one<br>two", "one two"),
        ('<a href="https://x.org/library">patrons</a>', "patrons"),
        ("see www.example.org/library_page.", "see ."),
        ("mail <patron@example.org> now", "mail  now"),
        ("[text][ref] and [other][]", "[text][ref] and [other][]"),  # not links: nothing defines them
        ("note[^1] here", "note here"),
        ("| a | b |", "| a | b |"),  # not a table without its delimiter row: the pipes are on the page
    ],
)
def test_inline_markup(markup: str, text: str) -> None:
    assert strip_inline(markup) == text


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("### Heading ###", "Heading"),
        ("#hashtag", "#hashtag"),
        ("> > quoted", "quoted"),
        ("   - [ ] open task", "open task"),
        ("10) tenth", "tenth"),
        ("* * *", ""),
        ("___", ""),
        ("| A | B |\n|:--|--:|\n| x | y |", "A\tB\n\nx\ty"),
        ("[id]: https://example.org/x 'Title'", ""),
        ("[^1]: The footnote about patrons.", "The footnote about patrons."),
        ("-5 degrees is not a list", "-5 degrees is not a list"),
    ],
)
def test_block_markup(line: str, text: str) -> None:
    stripped, _, _ = strip_markdown(line)
    assert stripped == text


def test_reference_links_with_definitions_keep_their_text() -> None:
    stripped, _, _ = strip_markdown("See [the report][r] and [patrons][].\n\n[r]: https://x.org\n[patrons]: /p\n")
    assert stripped == "See the report and patrons.\n\n\n\n"


# ------------------------------------------------------------------ a realistic file, counted


def counted(path: Path) -> DocumentCounts:
    seen: list[DocumentCounts] = []
    focuscount.analyze([path], on_document=seen.append)
    return seen[0]


def test_minutes_fixture_segments_headings_and_title() -> None:
    document = read(FIXTURES / "md_board_minutes.md")
    assert [(str(s.location), s.heading, s.level, s.text) for s in document.segments] == [
        ("line 6", True, 1, "Board meeting, 18 June 2024"),
        ("line 8", False, None, "Present: Chair, Treasurer, Director, two trustees"),
        ("line 10", True, 2, "1. Opening hours"),
        (
            "line 12",
            False,
            None,
            "The Director reported on the evening trial.\n"
            "Footfall rose in the library on Thursdays.\n"
            "See the trial report.",
        ),
        ("line 16", False, None, "The Treasurer said the trial\nwas cheap. Many patrons asked for Sunday hours."),
        ("line 19", False, None, "Branch\tVisits"),
        ("line 21", False, None, "Riverside\t1 240\nHillcrest\t870"),
        ("line 25", False, None, "   Noted by the clerk: customers\n  wrote in. "),  # the <div> block's text
        ("line 30", True, 2, "2. Any other business"),
        ("line 32", False, None, "Nothing was raised."),
    ]
    assert document.title == "Board meeting, 18 June 2024"  # the first heading wins over the front matter
    assert "2024-06-18" not in document.text  # front matter is not text
    assert document.segments[1].label  # the attendance line, found by the reading stage


def test_minutes_fixture_hits_name_their_source_lines() -> None:
    counts = counted(FIXTURES / "md_board_minutes.md")
    source = (FIXTURES / "md_board_minutes.md").read_text(encoding="utf-8").split("\n")
    # "li**brar**y" is one word; the URL, the script and the comment hold no words; "Branch" heads the table.
    assert [(hit.term, hit.location.line) for hit in counts.hits] == [
        ("library", 13), ("patron", 17), ("branch", 19), ("customer", 25),
    ]  # fmt: skip
    assert source[16] == "was cheap. Many patrons asked for Sunday hours."
    assert counts.counts == {"customer": 2, "institution": 2, "community": 0, "partners": 0}
    assert counts.words == 66


def test_inline_markup_inside_a_word_joins_it(tmp_path: Path) -> None:
    counts = counted(write(tmp_path, "The li**brar**y and its cus*tom*ers, us<b>er</b>s and pa~~t~~rons.\n"))
    assert counts.term_counts == {
        "customer": {"customer": 1, "user": 1, "patron": 1},
        "institution": {"library": 1},
        "community": {},  # the default lexicon's report-only categories: none here
        "partners": {},
    }


def test_links_keep_their_text_not_their_url(tmp_path: Path) -> None:
    path = write(tmp_path, "Ask [our patrons](https://example.org/customers_survey) or <https://example.org/users>.\n")
    counts = counted(path)
    assert read(path).text == "Ask our patrons or ."
    assert counts.counts == {"customer": 1, "institution": 0, "community": 0, "partners": 0}


def test_html_block_gives_its_text_line_for_line(tmp_path: Path) -> None:
    source = (
        "Intro.\n\n<div class='note'>\n<p>Patrons\nspoke &amp; left.</p>\n"
        "<script>users();</script>\n<style>.staff { }</style>\n</div>\n\nAfter.\n"
    )
    document = read(write(tmp_path, source))
    assert [(str(s.location), s.text) for s in document.segments] == [
        ("line 1", "Intro."),
        ("line 4", " Patrons\nspoke & left. "),
        ("line 10", "After."),
    ]


def test_tag_split_over_lines_keeps_the_hit_and_its_line(tmp_path: Path) -> None:
    document = read(write(tmp_path, 'Many <span\nclass="x">patrons</span> came. <script>users()</script>\nNext.\n'))
    assert [(str(s.location), s.text) for s in document.segments] == [("line 1", "Many \npatrons came.   \nNext.")]
    counts = counted(write(tmp_path, 'Many <span\nclass="x">patrons</span> came.\n', name="b.md"))
    assert [(hit.term, hit.location.line) for hit in counts.hits] == [("patron", 2)]


def test_heading_levels(tmp_path: Path) -> None:
    document = read(write(tmp_path, "# One\n\n### Three ###\n\nSetext one\n===\n\nSetext two\n---\n\nText.\n"))
    assert [(str(s.location), s.level, s.text) for s in document.segments if s.heading] == [
        ("line 1", 1, "One"),
        ("line 3", 3, "Three"),
        ("line 5", 1, "Setext one"),
        ("line 8", 2, "Setext two"),
    ]


def test_containers_nested_too_deep_for_the_parser_keep_their_text(tmp_path: Path) -> None:
    quotes = "> " * 30 + "Deep patrons spoke.\n"
    lists = "".join("  " * depth + "- item " + str(depth) + "\n" for depth in range(14))
    document = read(write(tmp_path, quotes + "\n" + lists + "\nAfter.\n"))
    assert [(str(s.location), s.text) for s in document.segments] == [
        ("line 1", "Deep patrons spoke."),
        ("line 3", "\n".join(f"item {depth}" for depth in range(14))),
        ("line 18", "After."),
    ]


def test_runaway_brackets_are_read_in_linear_time() -> None:
    start = time.perf_counter()
    document = read(FIXTURES / "bad" / "fuzz_md_brackets.md")
    assert time.perf_counter() - start < 2  # about 0.1 s; 5 s before the paragraph was read without links
    assert [(str(s.location), s.text) for s in document.segments] == [
        ("line 1", "Brackets"),
        ("line 3", "Library users wrote this."),
        ("line 5", "[" * 15000),
        ("line 7", "![" * 8000),
        ("line 9", "[^" * 8000),
    ]
