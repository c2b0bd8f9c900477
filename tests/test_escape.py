"""Escaping of file names and document text, one channel at a time, with exact spellings."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

from focuscount.escape import (
    display_path,
    dumps_json,
    for_chart,
    for_ci_log,
    for_csv_cell,
    for_github_message,
    for_github_property,
    for_html,
    for_markdown,
    for_terminal,
    for_xml,
    visible,
)

LATIN1_NAME = os.fsdecode(b"minutes-caf\xe9.txt")  # how Linux hands Python a Latin-1 file name


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("line one\nline two", "line one\\nline two"),
        ("tab\there\r", "tab\\there\\r"),
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),  # clear screen, window title
        ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "\\x1b]8;;http://evil\\x1b\\click\\x1b]8;;\\x1b\\"),  # OSC 8
        ("\x00nul \x7fdel \x85nel \x9bcsi", "\\x00nul \\x7fdel \\x85nel \\x9bcsi"),  # C0, DEL, C1
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),
        ("\u202egpj.exe", "\\u202egpj.exe"),  # right-to-left override
        (
            "\u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069",
            "\\u202a\\u202b\\u202c\\u202d \\u2066\\u2067\\u2068\\u2069",
        ),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
        (LATIN1_NAME, "minutes-caf\\xe9.txt"),  # an undecodable byte is shown as the byte
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("café — naïve 日本 😀 \u200b", "café — naïve 日本 😀 \u200b"),  # printable text is left alone
        ("C:\\Users\\board", "C:\\Users\\board"),  # a backslash is not doubled
    ],
)
def test_visible_spells_controls_bidi_and_undecodable_bytes(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_twice_is_visible_once() -> None:
    text = "a\nb\x1b[0m\u202e" + LATIN1_NAME
    assert visible(visible(text)) == visible(text) == "a\\nb\\x1b[0m\\u202eminutes-caf\\xe9.txt"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("::error file=x::forged", "\\x3a:error file=x::forged"),
        ("  ::stop-commands::token", "  \\x3a:stop-commands::token"),
        ("a ::error:: in the middle", "a ::error:: in the middle"),  # only a line start runs a command
        (":one colon", ":one colon"),
        ("see ##[error]boom", "see ##\\x5berror]boom"),  # the legacy prefix works anywhere in a line
        ("\n::error::x", "\\n::error::x"),  # the newline is shown, so :: no longer starts a line
    ],
)
def test_for_terminal_defuses_workflow_commands(text: str, shown: str) -> None:
    assert for_terminal(text) == shown
    assert for_terminal(shown) == shown


def test_display_path_takes_paths_strings_and_bytes() -> None:
    assert display_path(Path("docs") / LATIN1_NAME) == "docs/minutes-caf\\xe9.txt"
    assert display_path(b"docs/a\nb.txt") == "docs/a\\nb.txt"
    assert display_path("::error file=x::y.txt") == "\\x3a:error file=x::y.txt"


def test_for_ci_log_works_on_every_line_of_an_output() -> None:
    output = "table\n::error::one\n   ::warning::two\nok ::notice::three ##[error]four\n"
    assert (
        for_ci_log(output) == "table\n\\x3a:error::one\n   \\x3a:warning::two\nok ::notice::three ##\\x5berror]four\n"
    )
    assert for_ci_log("::a ##[b", "markup") == "&#58;:a ##&#91;b"
    assert for_ci_log("::a ##[b", "json") == "\\u003a:a ##\\u005bb"


def test_github_message_and_property_encodings() -> None:
    assert for_github_message("50% done\nnext") == "50%25 done\\nnext"
    assert for_github_property("docs/a,b:c%.md") == "docs/a%2Cb%3Ac%25.md"
    assert for_github_property("x\n::error file=y::z") == "x\\n%3A%3Aerror file=y%3A%3Az"
    assert for_github_message("##[error]x \x1b[31m") == "##\\x5berror]x \\x1b[31m"
    assert "\n" not in for_github_property("a\r\nb") and "\r" not in for_github_message("a\r\nb")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("R&D &lt;", "R&amp;D &amp;lt;"),
        (
            "`code` *bold* [link](http://x) ~~gone~~ $x$",
            "\\`code\\` \\*bold\\* \\[link\\](http://x) \\~\\~gone\\~\\~ \\$x\\$",
        ),
        ("_draft_ min_ratio __init__", "\\_draft\\_ min_ratio \\_\\_init\\_\\_"),  # intraword _ is no emphasis
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("2024) x", "2024\\) x"),
        ("0.48", "0.48"),  # a number is no list item
        ("docs/plan.md", "docs/plan.md"),
        ("a\nb", "a\\\\nb"),  # shown as a\nb once rendered
        (LATIN1_NAME, "minutes-caf\\\\xe9.txt"),
        ("::error::x", "\\\\x3a:error::x"),
    ],
)
def test_for_markdown_is_literal_inline_text(text: str, shown: str) -> None:
    assert for_markdown(text) == shown


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "\\tx"),  # shown as an escape, so no tab leads the cell
        ("a\nb", "a\\nb"),
        ("plain 2 - 1 = 1", "plain 2 - 1 = 1"),
        (LATIN1_NAME, "minutes-caf\\xe9.txt"),
        ("::error::x", "\\x3a:error::x"),
        (-5, -5),  # numbers focuscount writes stay numbers
        (0.25, 0.25),
        (None, None),
    ],
)
def test_for_csv_cell_neutralises_formulas_and_keeps_numbers(value: object, cell: object) -> None:
    assert for_csv_cell(value) == cell


def test_csv_cells_make_one_record_per_line() -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([for_csv_cell("a\nb\r\nc"), for_csv_cell("=1+1"), 3])
    assert buffer.getvalue() == "a\\nb\\r\\nc,'=1+1,3\n"


def test_for_xml_leaves_only_what_xml_allows() -> None:
    text = "\x00\x08\x0b\x0c\x0e\x1f ok \ufffe\uffff \ud800 " + LATIN1_NAME
    escaped = for_xml(text)
    assert escaped == "\\x00\\x08\\x0b\\x0c\\x0e\\x1f ok \\ufffe\\uffff \\ud800 minutes-caf\\xe9.txt"
    element = ElementTree.Element("case", name=escaped)
    element.text = escaped
    parsed = ElementTree.fromstring(ElementTree.tostring(element, encoding="unicode"))
    assert (parsed.get("name"), parsed.text) == (escaped, escaped)


def test_for_chart_is_one_line_and_keeps_dollars() -> None:
    assert for_chart("$5,000 to $10,000\nnext\ufffe") == "$5,000 to $10,000\\nnext\\ufffe"


def test_for_html_escapes_markup_and_shows_controls() -> None:
    assert for_html('<a href="x">\x1b[2J' + LATIN1_NAME) == "&lt;a href=&quot;x&quot;&gt;\\x1b[2Jminutes-caf\\xe9.txt"


def test_dumps_json_keeps_text_and_spells_undecodable_bytes() -> None:
    data = {"path": "docs/" + LATIN1_NAME, "text": "a\nb\x1b[2J\x85\u202e\u2028 ##[error]x", LATIN1_NAME: [1]}
    text = dumps_json(data, indent=None)
    assert text == (
        '{"path": "docs/minutes-caf\\\\xe9.txt", "text": "a\\nb\\u001b[2J\\u0085\\u202e\\u2028 ##\\u005berror]x", '
        '"minutes-caf\\\\xe9.txt": [1]}'
    )
    assert text.encode("utf-8").decode("ascii")  # every character a terminal could act on is an escape
    assert json.loads(text) == {
        "path": "docs/minutes-caf\\xe9.txt",
        "text": "a\nb\x1b[2J\x85\u202e\u2028 ##[error]x",
        "minutes-caf\\xe9.txt": [1],
    }
