"""The HTML reader: visible text only, headings and blocks, tables, speakers, charsets, titles, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import focuscount
from focuscount.errors import ReadError
from focuscount.model import Document, DocumentCounts, Location
from focuscount.readers import read_document as read  # the reader and the reading stage after it
from focuscount.readers.html import without_tags

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def segments_of(path: Path) -> list[tuple[str, str | None, str | None, str]]:
    return [(str(s.location), s.location.speaker, s.location.section, s.text) for s in read(path).segments]


def page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    return path


def texts(path: Path) -> list[tuple[str, str]]:
    return [(str(segment.location), segment.text) for segment in read(path).segments]


def test_minutes_segments() -> None:
    assert segments_of(FIXTURES / "minutes.html") == [
        ("heading 1", None, "Library board meeting", "Library board meeting"),
        ("paragraph 1", None, "Library board meeting", "Held in the café on 12 March. Present: Ann, Ben & Chloé."),
        ("heading 2", None, "1. Opening", "1. Opening"),
        ("paragraph 2", "Chair", "1. Opening", "Chair: Welcome, everyone. Our patrons’ survey is in."),
        (
            "paragraph 3",
            "Director",
            "1. Opening",
            "Director: Library users want longer hours.\nWe need more resources.",
        ),
        ("heading 3", None, "2. Budget", "2. Budget"),
        ("table 1", None, "2. Budget", "Item\tCost\nNew books\t1 200"),
        ("paragraph 4", None, "2. Budget", "The administration’s report was accepted."),
    ]
    segments = read(FIXTURES / "minutes.html").segments
    assert [segment.heading for segment in segments] == [True, False, True, False, False, True, False, False]
    assert segments[0].location == Location("heading", 1, section="Library board meeting")
    assert segments[3].location == Location("paragraph", 2, speaker="Chair", section="1. Opening")


def test_minutes_metadata() -> None:
    document = read(FIXTURES / "minutes.html")
    assert document.format == "html"
    assert document.path == FIXTURES / "minutes.html"
    assert document.title == "Board minutes – March 2024"
    assert document.created == dt.date(2024, 3, 12)
    assert document.date is None


def test_boilerplate_scripts_and_hidden_text_are_dropped() -> None:
    raw = (FIXTURES / "minutes.html").read_bytes().decode("cp1252")
    text = read(FIXTURES / "minutes.html").text
    for dropped in (
        "Home",  # nav
        "Riverside Library",  # the page's header and footer
        "Skip to the library catalogue",  # role="navigation"
        "Customers everywhere",  # script
        "font-family",  # style
        "Draft note",  # hidden
        "not accepted",  # aria-hidden
        "volunteers wanted",  # aside
        "Enable JavaScript",  # noscript
        "Contact the administration",  # footer
    ):
        assert dropped.split()[0] in raw
        assert dropped not in text


def test_charset_declared_in_meta_is_honoured() -> None:
    assert b"caf\xe9" in (FIXTURES / "minutes.html").read_bytes()  # cp1252 bytes, declared windows-1252
    assert "café" in read(FIXTURES / "minutes.html").text


def test_same_text() -> None:
    document = read(FIXTURES / "same_text.html")
    assert texts(FIXTURES / "same_text.html") == [
        ("heading 1", "Minutes of the library board meeting."),
        ("paragraph 1", "Customers and patrons praised the new user interface."),
        ("paragraph 2", "Library users asked the administration for more resources."),
        ("paragraph 3", "Children will get a reading corner in the library."),
    ]
    assert document.title == "Library board minutes"
    assert document.created == dt.date(2024, 3, 12)


def test_inline_elements_do_not_split_words_and_blocks_do(tmp_path: Path) -> None:
    path = page(tmp_path, "<div>li<b>brary</b> <span>us</span>ers<div>patrons</div>after</div><p>a<br>b<br/>c</p>")
    assert texts(path) == [
        ("paragraph 1", "library users"),
        ("paragraph 2", "patrons"),
        ("paragraph 3", "after"),
        ("paragraph 4", "a\nb\nc"),
    ]


def test_entities_and_special_spaces(tmp_path: Path) -> None:
    path = page(tmp_path, "<p>Caf&eacute; &amp; li&shy;brary&nbsp;users &lt;3 &#8220;patrons&#x201D;</p>")
    assert texts(path) == [("paragraph 1", "Café & library users <3 “patrons”")]


def test_implied_end_tags(tmp_path: Path) -> None:
    path = page(tmp_path, "<ul><li>One<li>Two</ul><dl><dt>Term<dd>Meaning</dl><p>First<p>Second<div>Block</div>")
    assert [text for _, text in texts(path)] == ["One", "Two", "Term", "Meaning", "First", "Second", "Block"]


def test_whitespace_collapses_except_in_pre(tmp_path: Path) -> None:
    path = page(tmp_path, "<p>  Patrons\n   and\tstaff  </p><pre>\n  keep   this\n    indent\n</pre>")
    assert texts(path) == [("paragraph 1", "Patrons and staff"), ("paragraph 2", "  keep   this\n    indent")]


def test_only_main_is_read_when_there_is_one(tmp_path: Path) -> None:
    path = page(tmp_path, "<div>Site banner text</div><main><p>Main text.</p></main><div>Sidebar text</div>")
    assert texts(path) == [("paragraph 1", "Main text.")]


def test_articles_are_read_when_there_is_no_main(tmp_path: Path) -> None:
    body = (
        "<div>Teaser</div><article><header><h1>Board minutes</h1><p>Posted in March</p></header>"
        "<p>Patrons spoke.</p><footer>Filed under meetings</footer></article>"
        "<aside><article><p>Related article</p></article></aside><article><p>Second article.</p></article>"
    )
    path = page(tmp_path, body)
    # A header or footer inside an article is the article's own, not the site's banner.
    assert texts(path) == [
        ("heading 1", "Board minutes"),
        ("paragraph 1", "Posted in March"),
        ("paragraph 2", "Patrons spoke."),
        ("paragraph 3", "Filed under meetings"),
        ("paragraph 4", "Second article."),
    ]
    assert read(path).title == "Board minutes"


def test_whole_body_without_site_header_footer_and_marked_boilerplate(tmp_path: Path) -> None:
    body = (
        "<header>Banner</header><div role='banner'>Logo</div><p>Kept text.</p>"
        "<div style='color: red; display:none'>Invisible</div><div role='contentinfo'>Contact</div>"
        "<div role='complementary'>Ads</div><template><p>Template</p></template><svg><text>Chart</text></svg>"
        "<footer>Copyright</footer><video>Your browser cannot play this</video><p>Last.</p>"
    )
    assert texts(page(tmp_path, body)) == [("paragraph 1", "Kept text."), ("paragraph 2", "Last.")]


def test_headings_are_numbered_among_headings_and_open_sections(tmp_path: Path) -> None:
    path = page(tmp_path, "<h2>Agenda</h2><p>Intro.</p><h3></h3><h3>Budget <small>2024</small></h3><p>Costs.</p>")
    segments = read(path).segments
    assert [(str(s.location), s.location.section, s.heading, s.text) for s in segments] == [
        ("heading 1", "Agenda", True, "Agenda"),
        ("paragraph 1", "Agenda", False, "Intro."),
        ("heading 2", "Budget 2024", True, "Budget 2024"),
        ("paragraph 2", "Budget 2024", False, "Costs."),
    ]


def test_speaker_labels_in_markup_split_blocks(tmp_path: Path) -> None:
    path = page(tmp_path, "<p><strong>Chair:</strong> Welcome.<br>Treasurer: Thanks.</p><p>Present: all members</p>")
    segments = read(path).segments
    assert [(str(s.location), s.location.speaker, s.text) for s in segments] == [
        ("paragraph 1", "Chair", "Chair: Welcome."),
        ("paragraph 1", "Treasurer", "Treasurer: Thanks."),
        ("paragraph 2", None, "Present: all members"),
    ]


def test_layout_table_is_read_as_blocks(tmp_path: Path) -> None:
    body = (
        "<table role='presentation'><tr><td><p>Left column.</p></td><td><p>Right column.</p></td></tr></table>"
        "<table><tr><td><h2>Heading in a cell</h2><p>Cell text.</p></td></tr></table>"
        "<table><caption>Costs</caption><thead><tr><th>Item</th><th>Cost</th></tr></thead>"
        "<tbody><tr><td><p>Books</p><p>and more</p></td><td>10</td></tr><tr><td></td><td></td></tr></tbody></table>"
    )
    assert texts(page(tmp_path, body)) == [
        ("paragraph 1", "Left column."),
        ("paragraph 2", "Right column."),
        ("heading 1", "Heading in a cell"),
        ("paragraph 3", "Cell text."),
        ("table 1", "Costs\nItem\tCost\nBooks and more\t10"),
    ]


def test_title_falls_back_to_the_first_h1(tmp_path: Path) -> None:
    path = page(tmp_path, "<h2>Second level</h2><h1>Customer <em>Focus</em></h1>", head="<title>  </title>")
    assert read(path).title == "Customer Focus"


def test_no_title_and_no_h1(tmp_path: Path) -> None:
    document = read(page(tmp_path, "<p>Just text.</p>", head="<title>Untitled</title>"))
    assert document.title is None
    assert document.created is None


def test_svg_title_is_not_the_page_title(tmp_path: Path) -> None:
    path = page(tmp_path, "<svg><title>Chart</title></svg><h1>Real</h1>")
    assert read(path).title == "Real"


def test_created_prefers_created_meta_and_needs_an_iso_date(tmp_path: Path) -> None:
    head = (
        '<meta name="date" content="2024-05-01"><meta name="DCTERMS.created" content="2024-04-02T10:00:00Z">'
        '<meta name="dc.date" content="2024-13-45">'
    )
    assert read(page(tmp_path, "<p>x</p>", head=head)).created == dt.date(2024, 4, 2)
    head = '<meta name="date" content="12 March 2024"><meta name="author" content="2024-01-01">'
    assert read(page(tmp_path, "<p>x</p>", head=head, name="b.html")).created is None


def test_htm_extension_and_text_without_any_markup(tmp_path: Path) -> None:
    path = tmp_path / "plain.htm"
    path.write_text("Patrons   and\nstaff.", encoding="utf-8")
    assert texts(path) == [("paragraph 1", "Patrons and staff.")]


def test_byte_order_mark_wins_over_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "utf16.html"
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café patrons</p></body></html>'
    path.write_bytes(b"\xff\xfe" + html.encode("utf-16-le"))
    assert texts(path) == [("paragraph 1", "Café patrons")]


def test_wrong_charset_declaration_falls_back_to_guessing(tmp_path: Path) -> None:
    path = tmp_path / "wrong.html"
    path.write_bytes('<meta charset="utf-8"><p>Caf\u00e9 \u201cpatrons\u201d</p>'.encode("cp1252"))
    assert texts(path) == [("paragraph 1", "Café “patrons”")]


def test_latin1_label_means_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93Hi\x94</p>')
    assert texts(path) == [("paragraph 1", "“Hi”")]


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(bytes((i * 73 + 41) % 256 for i in range(512)))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason == ("binary file, not text (it contains NUL bytes); check that it really is a text file")


def test_binary_file_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "junk.html"
    path.write_bytes(bytes(range(1, 32)) * 20 + b"<p>x</p>")
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}: not text (86% control or unreadable characters); check that it really is a text file"
    )


def test_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b" \n\t\n")  # blank (a zero-byte file is refused before any reader: test_special_files)
    document = read(path)
    assert document.segments == ()
    assert document.title is None


def test_deeply_nested_page_does_not_overflow(tmp_path: Path) -> None:
    path = page(tmp_path, "<div>" * 3000 + "Deep patrons" + "</div>" * 3000)
    assert [text for _, text in texts(path)] == ["Deep patrons"]


# ------------------------------------------------------------------ text the hand-built tree builder lost


def counted(path: Path) -> DocumentCounts:
    seen: list[DocumentCounts] = []
    focuscount.analyze([path], on_document=seen.append)
    return seen[0]


def test_board_minutes_fixture_segments_and_counts() -> None:
    path = FIXTURES / "html_board_minutes.html"
    document = read(path)
    assert [(str(s.location), s.level, s.text) for s in document.segments] == [
        ("heading 1", 1, "Board meeting, 18 June 2024"),
        ("paragraph 1", None, "Present: Chair, Treasurer, Director, two trustees"),
        ("heading 2", 2, "1. Opening hours"),
        (
            "paragraph 2",
            None,
            "The Director reported that the library stayed open late.\nEvening visitors came in numbers.",
        ),
        ("paragraph 3", None, "Many patrons asked for Sunday hours & more study space."),
        ("paragraph 4", None, "users"),
        ("paragraph 5", None, "staff"),
        ("paragraph 6", None, "Figures from the front desk, counted by staff."),  # a <p> in the table, outside cells
        ("table 1", None, "Visits by branch\nBranch\tVisits\nRiverside\t1 240\nHillcrest\t870"),
        ("heading 3", 2, "2. Any other business"),
        ("paragraph 7", None, "Nothing was raised."),
    ]
    assert (document.title, document.created) == (
        "Riverside Public Library – board minutes, June 2024",
        dt.date(2024, 6, 18),
    )
    counts = counted(path)
    # Not counted: the style, script, comment, template, noscript, nav and footer, all of which name customers.
    assert counts.term_counts == {
        "customer": {"visitor": 1, "patron": 1, "user": 1},
        "institution": {"staff": 2, "branch": 2, "library": 1},  # "Visits by branch" and the "Branch" column
        "community": {},  # the default lexicon's report-only categories: none here
        "partners": {},
    }
    assert counts.words == 64


def test_text_in_a_table_outside_its_cells_is_read_before_the_table(tmp_path: Path) -> None:
    body = (
        "<table><p>Patrons wrote in.</p><tr><td>Books</td></tr>stray <b>users</b>"
        "<tbody><div>Staff note</div><tr><p>In a row</p><td>DVDs</td></tr></tbody></table><p>After.</p>"
    )
    assert texts(page(tmp_path, body)) == [
        ("paragraph 1", "Patrons wrote in."),
        ("paragraph 2", "stray users"),
        ("paragraph 3", "Staff note"),
        ("paragraph 4", "In a row"),
        ("table 1", "Books\nDVDs"),
        ("paragraph 5", "After."),
    ]


def test_cells_without_a_row_make_a_row(tmp_path: Path) -> None:
    assert texts(page(tmp_path, "<table><td>Patrons<td>12</table>")) == [("table 1", "Patrons\t12")]


def test_a_tag_split_over_lines_keeps_its_text(tmp_path: Path) -> None:
    path = page(tmp_path, '<p>Many <span\nclass="term"\n>patrons</span> and <a\nhref="/x">users</a> came.</p>')
    assert texts(path) == [("paragraph 1", "Many patrons and users came.")]
    assert counted(path).counts == {"customer": 2, "institution": 0, "community": 0, "partners": 0}


def test_scripts_styles_templates_noscript_and_comments_are_not_text(tmp_path: Path) -> None:
    body = (
        "<p>Kept.</p><script>customers()</script><style>.patrons{}</style><template>users</template>"
        "<noscript>patrons</noscript><!-- customers --><p>Also <!-- users --> kept.</p>"
    )
    path = page(tmp_path, body, head="<script>users</script><style>.customers{}</style>")
    assert texts(path) == [("paragraph 1", "Kept."), ("paragraph 2", "Also kept.")]
    assert counted(path).counts == {"customer": 0, "institution": 0, "community": 0, "partners": 0}


def test_blocks_separate_words_and_end_br_is_a_line_break(tmp_path: Path) -> None:
    path = page(tmp_path, "<div>users</div><div>staff</div><p>patrons</br>library</p>")
    assert texts(path) == [("paragraph 1", "users"), ("paragraph 2", "staff"), ("paragraph 3", "patrons\nlibrary")]
    counts = counted(path)
    assert (counts.words, counts.counts) == (4, {"customer": 2, "institution": 2, "community": 0, "partners": 0})


def test_headings_have_their_level(tmp_path: Path) -> None:
    path = page(tmp_path, "<h1>One</h1><h3>Three</h3><h6>Six</h6>")
    assert [(s.heading, s.level) for s in read(path).segments] == [(True, 1), (True, 3), (True, 6)]


def test_a_heading_opened_inside_a_heading_closes_it(tmp_path: Path) -> None:
    path = page(tmp_path, "<div><h2>Agenda<h3>Budget</h3> 2024</h2>tail</div><p>Costs.</p>")
    assert [(str(s.location), s.level, s.text) for s in read(path).segments] == [
        ("heading 1", 2, "Agenda"),
        ("heading 2", 3, "Budget"),
        ("paragraph 1", None, "2024tail"),  # as browsers show it: "</h2>" closes nothing
        ("paragraph 2", None, "Costs."),
    ]


def test_only_comments_or_markup_is_an_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "comment.html"
    path.write_text("<!-- nothing here yet -->\n<html><body></body></html>", encoding="utf-8")
    assert read(path).segments == ()


# ------------------------------------------------------------------ lxml used safely


def test_entity_declarations_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-PATRON-LIST", encoding="utf-8")
    path = tmp_path / "entity.html"
    path.write_text(
        f'<!DOCTYPE html [<!ENTITY e SYSTEM "file://{secret}"><!ENTITY big "users users">]>'
        '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/none.dtd"><p>&e; and &big; patrons</p>',
        encoding="utf-8",
    )
    text = read(path).text
    assert "SECRET" not in text
    assert "&e; and &big; patrons" in text


def test_elements_nested_past_libxml2s_depth_are_read_as_plain_text(tmp_path: Path) -> None:
    # libxml2 stops at 255 levels (huge_tree is off); its tree would miss everything after that point.
    body = "<h2>Before</h2><p>x</p>" + "<span>" * 300 + "Deep patrons" + "</span>" * 300 + "<p>After users</p>"
    document = read(page(tmp_path, body, head="<title>Minutes</title><style>.users{}</style>"))
    assert texts_of(document) == [
        ("paragraph 1", "Before"),
        ("paragraph 2", "x"),
        ("paragraph 3", "Deep patrons"),
        ("paragraph 4", "After users"),
    ]
    assert document.title is None


def test_a_text_run_over_10_mb_is_read_as_plain_text(tmp_path: Path) -> None:
    path = page(tmp_path, "<pre>" + "library users\n" * 800_000 + "</pre><p>Last patrons</p>")
    document = read(path)
    assert [segment.text.count("users") for segment in document.segments] == [800_000, 0]
    assert document.segments[1].text == "Last patrons"


def texts_of(document: Document) -> list[tuple[str, str]]:
    return [(str(segment.location), segment.text) for segment in document.segments]


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<" * 10_000 + " patrons", True),
        ("patrons " + "<!--" * 2000, True),
        ("<table>" * 500 + "patrons", True),
        ("patrons <a href='" * 1000, True),  # the first is text; the rest is one unfinished tag
        ("&#0;&#x110000;&#xD800;&#99999999999; patrons", True),
        ("<select><option>patrons", True),
        ("</p></p></div></table>patrons", True),
        ("<frameset><frame>patrons</frameset>", True),
        ("<math><mi>patrons</mi></math>", True),
        ("<p " + "a=b " * 5000 + ">patrons", True),
        ("<svg><p>patrons</svg>", False),  # inside the skipped svg for libxml2
        ("<![CDATA[ patrons ]]><?php echo 1 ?>", False),  # a bogus comment in HTML, as in browsers
    ],
)
def test_malformed_markup_never_crashes(tmp_path: Path, markup: str, kept: bool) -> None:
    assert ("patrons" in read(page(tmp_path, markup)).text) is kept


def test_without_tags_removes_markup_in_one_pass() -> None:
    markup = "<!DOCTYPE html>A<b>B</b>C<br>D<p>E</p><script>x<y</script>F<!-- G -->H&amp;<title>T</title><i"
    assert without_tags(markup) == "ABC\x01D\x02E\x02\x02FH&\x02"
    assert without_tags("x<!-- never closed <p>y") == "x"
    assert without_tags("x<style>never closed") == "x\x02"


def test_a_word_processors_running_head_is_furniture(tmp_path: Path) -> None:
    """LibreOffice's HTML export writes the page header and footer as ``<div title="header">``."""
    path = tmp_path / "2025-03-14-minutes.html"
    path.write_text(
        '<html><body><div title="header"><p>RIVERSIDE PUBLIC LIBRARY</p></div>'
        "<p>Patrons asked for longer hours.</p>"
        '<div title="footer"><p>Minutes · Page <sdfield type=PAGE>1</sdfield></p></div></body></html>',
        encoding="utf-8",
    )
    segments = read(path).segments
    assert [(str(s.location), s.furniture, s.text) for s in segments] == [
        ("header", True, "RIVERSIDE PUBLIC LIBRARY"),
        ("paragraph 1", False, "Patrons asked for longer hours."),
        ("footer", True, "Minutes · Page 1"),
    ]
