"""The Markdown reader: markup is not words, and line numbers stay those of the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from focuscount.model import Document
from focuscount.readers.markdown import read, strip_inline, strip_markdown

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
        ("line 25", "  Name   Role  "),
        ("line 27", "  Ann    Chair  "),
        ("line 32", "def count(customers):\n    return len(customers)"),
        ("line 37", "tilde fence content"),
        ("line 41", "Final line with a reference link and 2  3 math."),
        ("line 42", "Setext Heading"),
        ("line 45", "After comment."),
    ]
    assert [segment.location.line for segment in document.segments if segment.heading] == [6, 42]
    assert document.segments[-1].location.section == "Setext Heading"


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
        ("2*3*4 stays", "2*3*4 stays"),
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
        ("[text][ref] and [other][]", "text and other"),
        ("note[^1] here", "note here"),
        ("| a | b |", "  a   b  "),
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
        ("   - [ ] open task", "   open task"),
        ("10) tenth", "tenth"),
        ("* * *", ""),
        ("___", ""),
        ("|:--|--:|", ""),
        ("[id]: https://example.org/x 'Title'", ""),
        ("[^1]: The footnote about patrons.", "The footnote about patrons."),
        ("-5 degrees is not a list", "-5 degrees is not a list"),
    ],
)
def test_block_markup(line: str, text: str) -> None:
    stripped, _, _ = strip_markdown(line)
    assert stripped == text
