"""The library side of the lexicon tools: every problem at once, show, test (tracing tokens), diff, list."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from focuscount.analysis import analyze
from focuscount.errors import LexiconError
from focuscount.lexicon import check_lexicon, load_lexicon, parse_lexicon, shipped_lexicons
from focuscount.lexicon_tools import (
    COUNTED,
    NO_TERM,
    NOT_A_WORD,
    SPEAKER_LABEL,
    compare_counts,
    describe_lexicon,
    diff_lexicons,
    listed_lexicons,
    render_show_table,
    trace_sentences,
)

TOOLS = Path(__file__).parent / "fixtures" / "lexicon-tools"
MESSY, CLEAN, REVISED, BOARD_DIC = (TOOLS / name for name in ("messy.toml", "clean.toml", "revised.toml", "board.dic"))
REGEX_ADVICE = (
    "regular-expression syntax that never matches a word; terms are plain words: list each alternative as its "
    "own term, and use * for any letters or ? for one letter (e.g. 'volunteer*')"
)
MESSY_PROBLEMS = [
    (5, "unknown key 'colour' (allowed: categories, description, ignore, language, name, names, ratio)"),
    (10, "unknown key 'scale' in [ratio] (allowed: focus, versus)"),
    (14, f"term '(patron|member)s?' in [categories.patrons] uses '|', {REGEX_ADVICE}"),
    (14, "term 'patron' is listed twice in category 'patrons'"),
    (15, "unknown key 'weight' in [categories.patrons] (allowed: description, label, report_only, terms)"),
    (18, "label of category 'institution' must be a non-empty string"),
    (19, "term 'cus\\u200btomer' in [categories.institution] holds the invisible character U+200B, which no word "
         "contains: delete it"),
    (19, "term 'Member' is in both category 'patrons' and category 'institution'"),
    (20, "term 'librar**' in category 'institution' matches the same words as 'librar*' in category 'institution'; "
         "keep one of them"),
    (20, "term 'budgets' in category 'institution' matches only words that 'budget' matches too; keep one of them"),
    (23, "report_only of category 'community' must be true or false, not 'yes'"),
    (27, "term '*' in [ignore] has no letters or digits and would match anything"),
    (28, "name '=Friends of the Library' in [ignore] names starts with '=': names always match case-sensitively, "
         "so write it without '='"),
    (28, "name 'Alderbrook Public Library' is listed twice in [ignore] names"),
]  # fmt: skip

TAIL = """
[ratio]
focus = "patrons"
versus = "institution"

[categories.patrons]
terms = ["patron"]

[categories.institution]
terms = ["library"]
"""


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path | str, **poles: str) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in check_lexicon(path, **poles)]


# lexicon check: every problem at once
def test_check_lists_every_problem_of_a_messy_lexicon_with_its_line() -> None:
    assert problems_of(MESSY) == MESSY_PROBLEMS
    assert all(problem.path == MESSY for problem in check_lexicon(MESSY))


def test_loading_a_messy_lexicon_raises_the_first_problem_and_counts_the_others() -> None:
    with pytest.raises(LexiconError) as raised:
        load_lexicon(MESSY)
    assert raised.value.line == 5
    assert raised.value.message == (
        "unknown key 'colour' (allowed: categories, description, ignore, language, name, names, ratio) "
        f"(and 11 more problems: run `focuscount lexicon check {MESSY}`)"
    )
    # Loading validates the file; the two problems compiling finds are for `lexicon check` (and the matcher).


def test_one_more_problem_is_singular(tmp_path: Path) -> None:
    path = write(tmp_path, 'colour = "red"\n' + TAIL.replace('"patron"', '"patron", "patron"'))
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path)
    assert raised.value.message == (
        "unknown key 'colour' (allowed: categories, description, ignore, language, name, names, ratio) "
        f"(and 1 more problem: run `focuscount lexicon check {path}`)"
    )


def test_parsing_text_without_a_file_names_no_file() -> None:
    with pytest.raises(LexiconError) as raised:
        parse_lexicon('colour = "red"\nsize = 3\n' + TAIL)
    assert raised.value.message.endswith("(and 1 more problem: run `focuscount lexicon check FILE`)")


def test_a_clean_lexicon_has_no_problems() -> None:
    assert check_lexicon(CLEAN) == ()
    assert check_lexicon(REVISED) == ()


def test_shipped_lexicons_have_no_problems() -> None:
    for name in shipped_lexicons():
        assert check_lexicon(name) == (), name


def test_a_toml_syntax_error_stops_the_check_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'colour = "red"\n[ratio\nfocus = "patrons"\n')
    assert problems_of(path) == [(2, "invalid TOML: Expected ']' at the end of a table declaration")]


def test_a_problem_that_follows_from_another_is_not_repeated(tmp_path: Path) -> None:
    # No categories: the ratio cannot be checked against them, so only the missing categories are reported.
    assert problems_of(write(tmp_path, 'name = "x"\n')) == [
        (None, "no [categories.NAME] tables: a lexicon needs at least two categories")
    ]
    # A category whose every term is refused is not also reported as having no terms.
    path = write(tmp_path, TAIL.replace('["library"]', '["*", "lib|rary"]'))
    assert problems_of(path) == [
        (9, "term '*' in [categories.institution] has no letters or digits and would match anything"),
        (9, f"term 'lib|rary' in [categories.institution] uses '|', {REGEX_ADVICE}"),
    ]


def test_independent_problems_in_ratio_categories_and_ignore(tmp_path: Path) -> None:
    text = (
        'language = "English"\nnames = "off"\n'
        + TAIL.replace('versus = "institution"', 'versus = "institutions"').replace('terms = ["patron"]', "terms = []")
        + '\n[ignore]\nterms = "user interface"\nnames = ["Alderbrook Public Library", 3]\n'
    )
    assert problems_of(write(tmp_path, text)) == [
        (1, "language must be a spaCy language code such as 'en', not 'English'"),
        (2, "'names' must be \"ignore\" (terms inside proper names count nowhere, the default) or \"count\" "
            "(they count), not 'off'"),
        (6, "[ratio] versus names 'institutions', which is not a category (categories: institution, patrons)"),
        (9, "category 'patrons' has no terms"),
        (15, "'terms' in [ignore] must be a list of strings"),
        (16, "'names' in [ignore] must hold only strings, found 3"),
    ]  # fmt: skip


def test_report_only_misuse_is_reported_for_each_category(tmp_path: Path) -> None:
    text = TAIL.replace('terms = ["patron"]', 'report_only = true\nterms = ["patron"]') + (
        '\n[categories.partners]\nreport_only = false\nterms = ["partner"]\n'
    )
    assert problems_of(write(tmp_path, text)) == [
        (6, "category 'patrons' is the ratio's focus and cannot be report_only: name another category in [ratio], "
            "or remove report_only"),
        (13, "category 'partners' has report_only = false but is not in [ratio]: only the focus and versus "
             "categories (patrons, institution) make the ratio; the others are always reported apart"),
    ]  # fmt: skip


def test_a_language_spacy_does_not_know_is_a_problem_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "x"\nlanguage = "zz"\n' + TAIL)
    assert problems_of(path) == [(2, "unknown language 'zz': spaCy has no language with this code")]


def test_compile_problems_are_all_found(tmp_path: Path) -> None:
    text = TAIL.replace('"patron"', '"patron", "patrons", "Patron*", "patron**"').replace(
        '"library"', '"library", "libraries"'
    )
    assert problems_of(write(tmp_path, text)) == [
        (6, "term 'patron**' in category 'patrons' matches the same words as 'Patron*' in category 'patrons'; "
            "keep one of them"),
        (6, "term 'patrons' in category 'patrons' matches only words that 'patron' matches too; keep one of them"),
        (9, "term 'libraries' in category 'institution' matches only words that 'library' matches too; "
            "keep one of them"),
    ]  # fmt: skip


def test_a_lexicon_that_cannot_be_read_raises(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"missing\.toml: no such lexicon file"):
        check_lexicon(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "bibliothèque"\n'.encode("latin-1"))
    with pytest.raises(LexiconError, match="lexicon is not UTF-8 text"):
        check_lexicon(latin)
    with pytest.raises(LexiconError, match="unknown lexicon 'nope'"):
        check_lexicon("nope")


def test_an_imported_dictionary_reports_its_import_notes_by_line() -> None:
    lines = [line for line, _ in problems_of(BOARD_DIC)]
    assert lines == [14, 15, 16]
    messages = [message for _, message in problems_of(BOARD_DIC)]
    assert "member" in messages[0] and "twice" in messages[0]
    assert "7" in messages[1]
    assert "conditional" in messages[2]
    # With its poles the lexicon it makes is checked too: the same notes, nothing more.
    assert [line for line, _ in problems_of(BOARD_DIC, focus="patrons", versus="institution")] == [14, 15, 16]
    wrong_pole = problems_of(BOARD_DIC, focus="patrons", versus="nobody")
    assert [line for line, _ in wrong_pole] == [14, 15, 16, None]
    assert "nobody" in wrong_pole[-1][1]


# lexicon show
def test_describe_lexicon() -> None:
    record = describe_lexicon(load_lexicon(CLEAN))
    assert record["name"] == "alderbrook"
    assert record["ratio"] == {"focus": "patrons", "versus": "institution"}
    assert [(c["name"], c["role"], c["in_ratio"], len(c["terms"])) for c in record["categories"]] == [
        ("patrons", "focus", True, 5),
        ("institution", "versus", True, 4),
        ("community", "report only - not in the ratio", False, 2),
    ]
    assert record["ignore"] == {"terms": ["member library", "staff room", "user interface"],
                                "names": ["Friends of the Library"]}  # fmt: skip
    json.dumps(record)  # plain data


def test_show_table() -> None:
    lexicon = load_lexicon(CLEAN)
    assert render_show_table(lexicon) == (
        "name:        alderbrook\n"
        "description: Patron-oriented versus institution-oriented language in Alderbrook board minutes\n"
        "language:    en\n"
        f"file:        {CLEAN}\n"
        f"sha256:      {lexicon.short_hash}\n"
        "names rule:  ignore (terms inside multi-word proper names count nowhere)\n"
        "ratio:       patrons / (patrons + institution)\n"
        "\n"
        "patrons: Patron-oriented - 5 terms, focus\n"
        "  patron, member, borrower, reader, library user\n"
        "\n"
        "institution: Institution-oriented - 4 terms, versus\n"
        "  library, staff, budget, policy\n"
        "\n"
        "community: Community - 2 terms, report only - not in the ratio\n"
        "  community, neighbourhood\n"
        "\n"
        "ignore terms: 3 terms\n"
        "  member library, staff room, user interface\n"
        "[ignore] names: 1 name\n"
        "  Friends of the Library\n"
    )


def test_show_escapes_what_the_lexicon_file_holds(tmp_path: Path) -> None:
    text = 'name = "evil\\u001b]0;owned\\u0007"\ndescription = "line one\\nline two"\n' + TAIL.replace(
        "[categories.patrons]\n", '[categories.patrons]\nlabel = "\\u001b[31mRed\\u001b[0m"\n'
    )
    shown = render_show_table(load_lexicon(write(tmp_path, text)))
    assert "\x1b" not in shown and "\x07" not in shown
    assert "name:        evil\\x1b]0;owned\\x07\n" in shown
    assert "description: line one\\nline two\n" in shown
    assert "patrons: \\x1b[31mRed\\x1b[0m - 1 term, focus\n" in shown


def test_long_term_lists_wrap_between_terms() -> None:
    lexicon = load_lexicon("business")
    shown = render_show_table(lexicon)
    lines = shown.splitlines()
    assert all(len(line) <= 100 for line in lines)
    institution = next(index for index, line in enumerate(lines) if line.startswith("institution: "))
    wrapped = []
    for line in lines[institution + 1 :]:
        if not line.startswith("  "):
            break
        wrapped.append(line.strip())
    assert ", ".join(wrapped).replace(",,", ",") == ", ".join(t.text for t in lexicon.category("institution").terms)


# lexicon test
def outcomes(sentence: str, lexicon_path: Path = CLEAN) -> list[tuple[str, str, str | None, str | None, str]]:
    (trace,) = trace_sentences(load_lexicon(lexicon_path), [sentence])
    return [(t.text, t.lemma, t.category, t.term, t.outcome) for t in trace.tokens]


def test_trace_shows_lemmas_terms_and_the_rules_that_removed_a_match() -> None:
    sentence = "Chair: Our patrons asked the Friends of the Library about the member library budget."
    assert outcomes(sentence) == [
        ("Chair", "chair", None, None, SPEAKER_LABEL),
        (":", ":", None, None, SPEAKER_LABEL),
        ("Our", "our", None, None, NO_TERM),
        ("patrons", "patron", "patrons", "patron", COUNTED),
        ("asked", "ask", None, None, NO_TERM),
        ("the", "the", None, None, NO_TERM),
        ("Friends", "friend", None, None, NO_TERM),
        ("of", "of", None, None, NO_TERM),
        ("the", "the", None, None, NO_TERM),
        ("Library", "library", "institution", "library", "name: Friends of the Library"),
        ("about", "about", None, None, NO_TERM),
        ("the", "the", None, None, NO_TERM),
        ("member", "member", "ignore", "member library", "ignore term"),
        ("library", "library", "ignore", "member library", "ignore term"),
        ("budget", "budget", "institution", "budget", COUNTED),
        (".", ".", None, None, NOT_A_WORD),
    ]


def test_trace_of_an_attendance_line_and_a_name_the_rule_finds() -> None:
    assert outcomes("Present: three library staff, two readers") == [
        ("Present", "present", None, None, NO_TERM),
        (":", ":", None, None, NOT_A_WORD),
        ("three", "three", None, None, NO_TERM),
        ("library", "library", "institution", "library", "label"),
        ("staff", "staff", "institution", "staff", "label"),
        (",", ",", None, None, NOT_A_WORD),
        ("two", "two", None, None, NO_TERM),
        ("readers", "reader", "patrons", "reader", "label"),
    ]
    assert outcomes("We thanked Alderbrook Public Library staff and the community.")[2:6] == [
        ("Alderbrook", "alderbrook", None, None, NO_TERM),
        ("Public", "public", None, None, NO_TERM),
        ("Library", "library", "institution", "library", "name: Alderbrook Public Library"),
        ("staff", "staff", "institution", "staff", COUNTED),
    ]


def test_trace_counts_per_sentence() -> None:
    traces = trace_sentences(
        load_lexicon(CLEAN),
        ["Library users and members met the community.", "Staff reported on the budget and the library policy."],
    )
    assert [trace.counts for trace in traces] == [
        {"patrons": 2, "institution": 0, "community": 1},
        {"patrons": 0, "institution": 4, "community": 0},
    ]
    assert [trace.not_counted for trace in traces] == [{}, {}]
    assert [(t.text, t.term) for t in traces[0].tokens if t.term] == [
        ("Library", "library user"), ("users", "library user"), ("members", "member"), ("community", "community"),
    ]  # fmt: skip


# lexicon diff
def test_diff_lists_terms_added_removed_and_moved() -> None:
    diff = diff_lexicons(load_lexicon(CLEAN), load_lexicon(REVISED))
    assert [(c.name, c.role_before, c.role_after, c.added, c.removed) for c in diff.categories] == [
        ("patrons", "focus", "focus", ("visitor", "community member"), ()),
        ("institution", "versus", "versus", ("trustee", "neighbourhood"), ("staff",)),
        ("community", "report only - not in the ratio", "report only - not in the ratio", (), ("neighbourhood",)),
    ]
    assert diff.moved() == [("neighbourhood", "community", "institution")]
    assert (diff.ignore_added, diff.ignore_removed) == (("family leave",), ("staff room",))
    assert (diff.names_added, diff.names_removed) == (("Alderbrook Public Library",), ())
    assert not diff.poles_changed
    assert not diff.same


def test_diff_of_swapped_poles_and_new_categories(tmp_path: Path) -> None:
    before = load_lexicon(CLEAN)
    text = CLEAN.read_text(encoding="utf-8").replace('versus = "institution"', 'versus = "community"')
    text += '\n[categories.partners]\nterms = ["partner"]\n'
    after = load_lexicon(write(tmp_path, text))
    diff = diff_lexicons(before, after)
    assert diff.poles_changed
    assert [(c.name, c.role_before, c.role_after) for c in diff.categories] == [
        ("patrons", "focus", "focus"),
        ("institution", "versus", "report only - not in the ratio"),
        ("community", "report only - not in the ratio", "versus"),
        ("partners", None, "report only - not in the ratio"),
    ]
    assert diff.categories[3].added == ("partner",)
    assert diff_lexicons(before, before).same


def test_terms_differing_only_in_case_are_one_term_unless_case_sensitive(tmp_path: Path) -> None:
    before = load_lexicon(write(tmp_path, TAIL, "a.toml"))
    after = load_lexicon(write(tmp_path, TAIL.replace('"patron"', '"Patron", "=ALA"'), "b.toml"))
    diff = diff_lexicons(before, after)
    assert (diff.categories[0].added, diff.categories[0].removed) == (("=ALA",), ())


MINUTES_A = """\
Alderbrook Public Library - Board of Trustees
Minutes of the regular meeting, 16 January 2024

Present: five trustees, the director, two staff

Members asked about the library budget. Patrons and visitors praised the new hours.
The community garden group thanked staff.
"""
MINUTES_B = """\
Board minutes, 19 March 2024

The director presented the library policy on fines. A trustee asked how visitors
and community members would hear about it. Staff will report in May.
"""


def test_compare_counts_per_document_and_overall(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-01-16-board.txt").write_text(MINUTES_A, encoding="utf-8")
    (folder / "2024-03-19-board.txt").write_text(MINUTES_B, encoding="utf-8")
    first = analyze([folder], load_lexicon(CLEAN))
    second = analyze([folder], load_lexicon(REVISED))
    comparison = compare_counts(first, second)
    assert comparison.categories == ("patrons", "institution", "community")
    rows = [(Path(r.label).name, r.counts_a, r.counts_b, r.ratio_a, r.ratio_b) for r in comparison.documents]
    # The heading "Alderbrook Public Library - Board of Trustees" names an organisation (Alderbrook: a place no
    # word list knows), so neither counts its "Library"; B counts trustees and visitors, and takes "community
    # members" whole.
    assert rows == [
        ("2024-01-16-board.txt", {"patrons": 2, "institution": 3, "community": 1},
         {"patrons": 3, "institution": 3, "community": 1}, pytest.approx(2 / 5), 0.5),
        ("2024-03-19-board.txt", {"patrons": 1, "institution": 3, "community": 1},
         {"patrons": 2, "institution": 3, "community": 0}, 0.25, 0.4),
    ]  # fmt: skip
    overall = comparison.overall
    assert (overall.counts_a, overall.counts_b) == (
        {"patrons": 3, "institution": 6, "community": 2},
        {"patrons": 5, "institution": 6, "community": 1},
    )
    assert overall.ratio_a == pytest.approx(3 / 9)
    assert overall.ratio_b == pytest.approx(5 / 11)
    assert overall.change == pytest.approx(5 / 11 - 3 / 9)


# lexicon list
def test_listed_lexicons_put_the_default_first_and_mark_the_configured_one(tmp_path: Path) -> None:
    listed = listed_lexicons()
    assert listed[0].name == "library" and listed[0].marks == ("default",)
    assert [item.name for item in listed[1:]] == sorted(name for name in shipped_lexicons() if name != "library")
    assert not any(item.configured for item in listed)
    by_name = listed_lexicons("business")
    assert [item.name for item in by_name if item.configured] == ["business"]
    assert len(by_name) == len(listed)
    by_path = listed_lexicons(CLEAN)
    assert by_path[-1] == by_path[-1].__class__(
        "alderbrook", "en", "Patron-oriented versus institution-oriented language in Alderbrook board minutes",
        CLEAN, configured=True,
    )  # fmt: skip
    shipped_file = listed_lexicons(shipped_lexicons()["health"])
    assert [item.name for item in shipped_file if item.configured] == ["health"]


def test_a_configured_lexicon_that_does_not_load_is_listed_with_its_problem() -> None:
    listed = listed_lexicons(MESSY)
    assert listed[-1].configured and listed[-1].path == MESSY
    assert listed[-1].problem is not None and listed[-1].problem.startswith("unknown key 'colour'")
