"""Importing LIWC .dic, LIWC-22 .dicx and quanteda YAML dictionaries: each format read exactly, messes and errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES, count_text, matched

from focuscount.errors import LexiconError
from focuscount.lexicon import load_lexicon, parse_lexicon
from focuscount.lexicon_import import ImportedDictionary, ImportNote, import_lexicon, read_dictionary, to_toml
from focuscount.matching import LexiconMatcher
from focuscount.nlp import get_pipeline

LEXICONS = FIXTURES / "lexicons"
MESSY_DIC = LEXICONS / "liwc_messy.dic"
CP1252_DIC = LEXICONS / "liwc_cp1252.dic"
MESSY_DICX = LEXICONS / "liwc22_messy.dicx"
NESTED_YAML = LEXICONS / "quanteda_nested.yml"

RENAMED = "focuscount names start with a letter and use letters, digits, '_', '-' or '.'"

MINUTES = (
    "Alderbrook Public Library - Board of Trustees, regular meeting, 14 March 2024\n"
    "Present: J. Okafor (chair), R. Lindqvist, M. Duarte. Apologies: T. Brennan.\n"
    "Our patrons asked the library staff about later opening hours; the county council and the "
    "Friends of the Library (FOL) offered help, and readers said thank you, a lot.\n"
    "Page 2 of 2 - Approved minutes"
)


def notes(dictionary: ImportedDictionary) -> list[str]:
    return [str(note) for note in dictionary.notes]


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path: Path, focus: str | None = "customer", versus: str | None = "institution") -> LexiconError:
    with pytest.raises(LexiconError) as raised:
        import_lexicon(path, focus, versus)
    assert raised.value.path == path
    return raised.value


# ---------------------------------------------------------------- notes


def test_note_prints_its_line_or_only_its_message() -> None:
    assert str(ImportNote(12, "conditional entry 'like <of>5/3' is not supported: left out")) == (
        "line 12: conditional entry 'like <of>5/3' is not supported: left out"
    )
    assert str(ImportNote(None, "read as Windows-1252")) == "read as Windows-1252"


# ---------------------------------------------------------------- LIWC .dic


def test_messy_dic_is_read_exactly() -> None:
    dictionary = read_dictionary(MESSY_DIC)
    assert dictionary.format == "LIWC .dic"
    assert dictionary.path == MESSY_DIC
    assert dictionary.categories == {
        "customer": ("patron*", "reader", "readers", "library user", "community", "volunteer"),
        "institution": ("library", "librar*", "staff", "trustee"),
        "community": ("staff", "community", "kind"),
        "partner_orgs": ("Friends of the Library (FOL)", "county council"),
        "emotion": ("a lot",),
    }
    assert notes(dictionary) == [
        f"line 6: category 'partner orgs' is renamed 'partner_orgs': {RENAMED}",
        "line 18: term 'patron*' is listed twice in 'customer' (first on line 9): kept once",
        "line 20: term ':)' has no letters or digits, so it can never match a word: left out",
        "line 21: conditional entry 'kind (02 134)5/3' is not supported: left out of its conditional categories, "
        "kept in 'community'",
        "line 22: conditional entry 'like <of>5/3' is not supported: left out",
        "line 23: 'volunteer' names category 9, which the header does not declare: left out of it",
        "line 24: term 'orphan' names no category: left out",
        "line 25: term 'board[s]?' is left out: it uses '[s]?', regular-expression syntax that never matches a "
        "word; terms are plain words: list each alternative as its own term, and use * for any letters or ? for "
        "one letter (e.g. 'volunteer*')",
    ]
    assert dictionary.term_lines[("customer", "library user")] == 12
    assert dictionary.term_lines[("partner_orgs", "county council")] == 27  # spaces instead of tabs


def test_messy_dic_imports_as_a_lexicon_that_counts() -> None:
    lexicon = import_lexicon(MESSY_DIC, "customer", "institution")
    assert (lexicon.name, lexicon.language, lexicon.focus, lexicon.versus) == (
        "liwc_messy", "en", "customer", "institution",
    )  # fmt: skip
    assert lexicon.path == MESSY_DIC
    assert lexicon.category_names == ("customer", "institution", "community", "partner_orgs", "emotion")
    assert lexicon.report_only == ("community", "partner_orgs", "emotion")
    assert [t.text for t in lexicon.category("customer").terms] == [
        "patron*", "reader", "library user", "community", "volunteer",
    ]  # fmt: skip
    assert [t.text for t in lexicon.category("institution").terms] == ["library", "librar*", "staff", "trustee"]
    assert [t.text for t in lexicon.category("community").terms] == ["kind"]
    assert lexicon.category("partner_orgs").label == "partner orgs"
    # Term lines are the .dic's, so messages about a term point into the file the user has.
    assert [t.line for t in lexicon.category("customer").terms] == [9, 10, 12, 17, 23]
    assert lexicon.warnings == (
        f"line 6: category 'partner orgs' is renamed 'partner_orgs': {RENAMED}",
        "line 11: 'readers' in 'customer' matches only words that 'reader' matches too (focuscount matches every "
        "form of a word): left out",
        "line 16: 'staff' is in both 'institution' and 'community': focuscount counts a word in one category only, "
        "so it stays in 'institution' (the versus pole)",
        "line 17: 'community' is in both 'customer' and 'community': focuscount counts a word in one category "
        "only, so it stays in 'customer' (the focus)",
        *notes(read_dictionary(MESSY_DIC))[1:],
    )
    # (category, term, words) of every hit, ignored ones too: terms inside proper names count nowhere.
    assert matched(MINUTES, lexicon) == [
        ("institution", "library", "Library"),  # ignored: inside the name Alderbrook Public Library
        ("institution", "trustee", "Trustees"),
        ("customer", "patron*", "patrons"),
        ("institution", "library", "library"),
        ("institution", "staff", "staff"),
        ("partner_orgs", "county council", "county council"),
        ("partner_orgs", "Friends of the Library (FOL)", "Friends of the Library (FOL)"),  # ignored: a name
        ("customer", "reader", "readers"),
        ("emotion", "a lot", "a lot"),
    ]
    counts = count_text(MINUTES, lexicon)
    assert dict(counts.counts) == {"customer": 2, "institution": 3, "community": 0, "partner_orgs": 1, "emotion": 1}


def test_load_lexicon_imports_a_dic_with_its_poles() -> None:
    lexicon = load_lexicon(MESSY_DIC, focus="customer", versus="institution")
    assert lexicon.category_names == ("customer", "institution", "community", "partner_orgs", "emotion")
    assert len(lexicon.warnings) == 11


def test_poles_may_be_named_as_written_before_a_rename() -> None:
    lexicon = import_lexicon(MESSY_DIC, "partner orgs", "institution")
    assert (lexicon.focus, lexicon.versus) == ("partner_orgs", "institution")


def test_a_term_in_two_categories_stays_in_the_focus_first() -> None:
    lexicon = import_lexicon(MESSY_DIC, "community", "customer")
    assert [t.text for t in lexicon.category("community").terms] == ["staff", "community", "kind"]
    assert [t.text for t in lexicon.category("institution").terms] == ["library", "librar*", "trustee"]
    assert (
        "line 16: 'staff' is in both 'community' and 'institution': focuscount counts a word in one category "
        "only, so it stays in 'community' (the focus)"
    ) in lexicon.warnings
    assert (
        "line 17: 'community' is in both 'community' and 'customer': focuscount counts a word in one category "
        "only, so it stays in 'community' (the focus)"
    ) in lexicon.warnings


def test_cp1252_dic_is_read_with_a_note() -> None:
    data = CP1252_DIC.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\r\n" in data and b"\xe8" in data and b"\x80" in data  # CRLF, è and € as Windows-1252 writes them
    dictionary = read_dictionary(CP1252_DIC)
    assert dictionary.categories == {"customer": ("usager", "clientèle"), "institution": ("café", "bibliothèque")}
    assert notes(dictionary) == [
        "line 6: the file is not UTF-8 text (from this line on): read as Windows-1252",
        "line 8: term '€' has no letters or digits, so it can never match a word: left out",
    ]
    lexicon = import_lexicon(CP1252_DIC, "customer", "institution")
    assert matched("La clientèle de la bibliothèque", lexicon) == [
        ("customer", "clientèle", "clientèle"),
        ("institution", "bibliothèque", "bibliothèque"),
    ]


def test_utf8_bom_utf16_and_latin1_dic(tmp_path: Path) -> None:
    text = "%\n1\tcustomer\n2\tinstitution\n%\nusager\t1\nbibliothèque\t2\n"
    expected = {"customer": ("usager",), "institution": ("bibliothèque",)}
    bom = read_dictionary(write_bytes(tmp_path, "bom.dic", b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert (bom.categories, bom.notes) == (expected, ())
    wide = read_dictionary(write_bytes(tmp_path, "wide.dic", text.encode("utf-16")))
    assert (wide.categories, wide.notes) == (expected, ())
    # 0x81 is undefined in Windows-1252: only Latin-1 reads it, as an invisible character.
    latin = read_dictionary(write_bytes(tmp_path, "latin.dic", text.encode("latin-1") + b"lecteur\x81\t1\n"))
    assert latin.categories == expected
    assert notes(latin) == [
        "line 6: the file is not UTF-8 text (from this line on): read as Latin-1",  # at the è
        "line 7: term 'lecteur\\x81' is left out: it holds the invisible character U+0081, which no word contains: "
        "delete it",
    ]


def test_dic_header_oddities(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path,
        "header.dic",
        b"%\n1\tcustomer\n1\tpatrons\n2\n3 \t institution \n4\tcustomer\n5\tignore\n6\t1st tier\n%\n"
        b"patron\t1\t4\nlibrary\t3\t5\t6\n",
    )
    dictionary = read_dictionary(path)
    assert dictionary.categories == {
        "customer": ("patron",),
        "institution": ("library",),
        "customer_2": ("patron",),
        "ignore_category": ("library",),
        "category_1st_tier": ("library",),
    }
    assert notes(dictionary) == [
        "line 3: category id 1 is declared twice: the first one is kept",
        "line 4: category line '2' has no name: left out",
        "line 6: category 'customer' is renamed 'customer_2': the name 'customer' is taken (line 2)",
        f"line 7: category 'ignore' is renamed 'ignore_category': {RENAMED}",
        f"line 8: category '1st tier' is renamed 'category_1st_tier': {RENAMED}",
    ]


def test_case_variants_are_one_term(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path, "case.dic", b"%\n1\tcustomer\n2\tinstitution\n%\nPatron\t1\npatron\t1\t2\nlibrary\t2\n"
    )
    dictionary = read_dictionary(path)
    assert dictionary.categories == {"customer": ("Patron",), "institution": ("patron", "library")}
    assert notes(dictionary) == ["line 6: term 'patron' is listed twice in 'customer' (first on line 5): kept once"]
    lexicon = import_lexicon(path, "customer", "institution")
    assert lexicon.warnings[-1] == (
        "line 6: 'patron' is in both 'customer' and 'institution': focuscount counts a word in one category only, "
        "so it stays in 'customer' (the focus)"
    )


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"\n \n", "empty file: a LIWC .dic starts with a line holding only '%', then 'id<TAB>name' lines", None),
        (
            b"\npatron\t1\n",
            "a LIWC .dic starts with a line holding only '%', then 'id<TAB>name' lines and '%' again; "
            "found 'patron\\t1'",
            2,
        ),
        (
            b"%\n1\tcustomer\n2\tinstitution\npatron\t1\n",
            "the category header that starts on line 1 never ends: put a line holding only '%' after the last "
            "'id<TAB>name' line",
            1,
        ),
        (b"%\n\n%\npatron\t1\n", "no categories between the two '%' lines: list them as 'id<TAB>name'", 3),
    ],
)
def test_dic_errors(tmp_path: Path, data: bytes, message: str, line: int | None) -> None:
    path = write_bytes(tmp_path, "broken.dic", data)
    with pytest.raises(LexiconError) as raised:
        read_dictionary(path)
    assert (raised.value.path, raised.value.message, raised.value.line) == (path, message, line)


# ---------------------------------------------------------------- LIWC-22 .dicx


def test_messy_dicx_is_read_exactly() -> None:
    dictionary = read_dictionary(MESSY_DICX)
    assert dictionary.format == "LIWC-22 .dicx"
    assert dictionary.categories == {
        "Customer": ("patron*", "library user", "reader"),
        "Institution": ("library", "staff", "county council, cabinet", "board"),
        "Community_Groups": ("staff", "friends of the library"),
    }
    assert notes(dictionary) == [
        f"line 1: category 'Community Groups' is renamed 'Community_Groups': {RENAMED}",
        "line 7: 'volunteer*' has 'yes' in column 'Customer', not X: left out of 'Customer'",
        "line 10: term 'orphan' is marked in no category: left out",
        "line 11: a row with marks and no term: left out",
        "line 12: column 5 has no category name in the header: its marks are left out",
        "line 13: 'reader' has a cell past the last category column: left out",
    ]


def test_messy_dicx_imports_and_counts() -> None:
    lexicon = import_lexicon(MESSY_DICX, "Customer", "Institution")
    assert lexicon.category_names == ("Customer", "Institution", "Community_Groups")
    assert [t.text for t in lexicon.category("Community_Groups").terms] == ["friends of the library"]
    assert lexicon.warnings[1] == (
        "line 5: 'staff' is in both 'Institution' and 'Community_Groups': focuscount counts a word in one "
        "category only, so it stays in 'Institution' (the versus pole)"
    )
    counts = count_text(MINUTES, lexicon)
    # "Friends of the Library" is a proper name in the minutes: its words count nowhere.
    assert dict(counts.counts) == {"Customer": 2, "Institution": 3, "Community_Groups": 0}


def test_dicx_entry_header_and_windows_1252(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "old.dicx", b"ENTRY,Usagers,Biblioth\xe8que\r\nusager*,X,\r\ncaf\xe9,,X\r\n")
    dictionary = read_dictionary(path)
    assert dictionary.categories == {"Usagers": ("usager*",), "Bibliotheque": ("café",)}
    assert notes(dictionary) == [
        "line 1: the file is not UTF-8 text (from this line on): read as Windows-1252",
        f"line 1: category 'Bibliothèque' is renamed 'Bibliotheque': {RENAMED}",
    ]


def test_dicx_header_with_a_non_ascii_category_is_renamed(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "fr.dicx", "Entry,Clientèle,Bibliothèque\nusager,X,\nbiblio*,,x\n".encode())
    dictionary = read_dictionary(path)
    assert dictionary.categories == {"Clientele": ("usager",), "Bibliotheque": ("biblio*",)}
    assert notes(dictionary) == [
        f"line 1: category 'Clientèle' is renamed 'Clientele': {RENAMED}",
        f"line 1: category 'Bibliothèque' is renamed 'Bibliotheque': {RENAMED}",
    ]
    lexicon = import_lexicon(path, "Clientèle", "Bibliothèque")
    assert lexicon.category("Clientele").label == "Clientèle"


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "empty file: a LIWC-22 .dicx starts with a 'DicTerm' header row", None),
        (
            b",,\nWord,Customer\npatron,X\n",
            "the first column is headed 'Word': a LIWC-22 .dicx has 'DicTerm' (or 'Entry') there, then one column "
            "per category",
            2,
        ),
        (b"DicTerm,,\npatron,X,\n", "no category columns after the term column", 1),
        (
            b"DicTerm,a,b\n" + b"x" * 140_000 + b",X,\n",
            "not a readable CSV file (field larger than field limit (131072))",
            2,
        ),
    ],
)
def test_dicx_errors(tmp_path: Path, data: bytes, message: str, line: int | None) -> None:
    path = write_bytes(tmp_path, "broken.dicx", data)
    with pytest.raises(LexiconError) as raised:
        read_dictionary(path)
    assert (raised.value.message, raised.value.line) == (message, line)


# ---------------------------------------------------------------- YAML


def test_nested_yaml_is_read_exactly() -> None:
    dictionary = read_dictionary(NESTED_YAML)
    assert dictionary.format == "YAML"
    assert dictionary.categories == {
        "customer": ("patron*", "library user", "reader", "readers"),
        "institution": ("library", "staff", "board of trustees"),
        "community": ("neighbourhood", "311"),
        "community.partner_groups": ("Friends of the Library", "county council"),
        "emotion_words.positive": ("glad", "thank you", "yes"),
        "events": ("storytime",),
    }
    assert notes(dictionary) == [
        "line 13: an empty item in 'community': left out",
        f"line 14: category 'community.partner groups' is renamed 'community.partner_groups': {RENAMED}",
        "line 17: a list inside the list of 'community': left out",
        "line 18: '311' is read by YAML as a number, not text: kept as written",
        f"line 20: category 'emotion words.positive' is renamed 'emotion_words.positive': {RENAMED}",
        "line 20: 'yes' is read by YAML as a true/false value, not text: kept as written",
        "line 21: category 'emotion words.negative' has no terms: left out",
        "line 22: category 'emotion words.mixed' is an empty list: left out",
        "line 23: 'events' holds one term, not a list: read as a list of one",
    ]
    assert dictionary.term_lines[("community.partner_groups", "county council")] == 16


def test_nested_yaml_imports_and_counts() -> None:
    lexicon = import_lexicon(NESTED_YAML, "customer", "institution")
    assert lexicon.category_names == (
        "customer", "institution", "community", "community.partner_groups", "emotion_words.positive", "events",
    )  # fmt: skip
    assert lexicon.category("community.partner_groups").label == "community.partner groups"
    assert lexicon.warnings[0] == (
        "line 6: 'readers' in 'customer' matches only words that 'reader' matches too (focuscount matches every "
        "form of a word): left out"
    )
    counts = count_text(MINUTES, lexicon)
    assert dict(counts.counts) == {
        "customer": 2, "institution": 3, "community": 0, "community.partner_groups": 1,
        "emotion_words.positive": 1, "events": 0,
    }  # fmt: skip


def test_yaml_deeper_nesting_and_quanteda_lists(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path,
        "deep.yaml",
        b"people:\n  - patron\n  - staff:\n      paid: [librarian]\n      unpaid:\n        - volunteer*\n"
        b"things:\n  building: {shelving: [shelf, shelves]}\n",
    )
    dictionary = read_dictionary(path)
    assert dictionary.categories == {
        "people": ("patron",),
        "people.staff.paid": ("librarian",),
        "people.staff.unpaid": ("volunteer*",),
        "things.building.shelving": ("shelf", "shelves"),
    }
    assert dictionary.notes == ()


def test_yaml_alias_is_read_once(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "alias.yml", b"customer: &people [patron, reader]\nalso: *people\nstaff: [staff]\n")
    dictionary = read_dictionary(path)
    assert dictionary.categories == {"customer": ("patron", "reader"), "staff": ("staff",)}
    assert notes(dictionary) == ["line 2: 'also' repeats entries read before (a YAML alias): left out"]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"# nothing here\n", "empty file: a YAML dictionary maps category names to lists of terms", None),
        (
            b"- patron\n- reader\n",
            "a YAML dictionary must map category names to lists of terms (e.g. 'customer: [patron, reader]')",
            1,
        ),
        (
            b"customer: [patron\n",
            "invalid YAML: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'",
            2,
        ),
        (
            b"customer: !!python/object/apply:os.system ['echo hi']\n",
            "invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'",
            1,
        ),
        (
            b"a: [x]\n---\nb: [y]\n",
            "invalid YAML: expected a single document in the stream, but found another document",
            2,
        ),
        (
            b"a:\n" + b"".join(b"  " * depth + b"k:\n" for depth in range(1, 120)) + b"  " * 120 + b"- x\n",
            "categories nested more than 100 levels deep",
            101,
        ),
    ],
)
def test_yaml_errors(tmp_path: Path, data: bytes, message: str, line: int | None) -> None:
    path = write_bytes(tmp_path, "broken.yml", data)
    with pytest.raises(LexiconError) as raised:
        read_dictionary(path)
    assert (raised.value.message, raised.value.line) == (message, line)


# ---------------------------------------------------------------- to_toml


@pytest.mark.parametrize(
    ("path", "focus", "versus"),
    [
        (MESSY_DIC, "customer", "institution"),
        (CP1252_DIC, "customer", "institution"),
        (MESSY_DICX, "Customer", "Institution"),
        (NESTED_YAML, "customer", "institution"),
    ],
)
def test_to_toml_round_trips_and_compiles(path: Path, focus: str, versus: str) -> None:
    dictionary = read_dictionary(path)
    text = to_toml(dictionary, focus, versus)
    assert to_toml(read_dictionary(path), focus, versus) == text  # stable
    lexicon = parse_lexicon(text, path=Path("converted.toml"))
    imported = import_lexicon(path, focus, versus)
    assert lexicon.sha256 == imported.sha256
    assert lexicon.category_names == imported.category_names
    for category in lexicon.categories:
        assert [t.text for t in category.terms] == [t.text for t in imported.category(category.name).terms]
    matcher = LexiconMatcher(lexicon, get_pipeline("en"))  # refuses overlapping and covered terms
    assert len(matcher.patterns) == len(lexicon.all_terms)
    for warning in imported.warnings:
        assert f"#   {warning}\n" in text


def test_to_toml_text_is_commented() -> None:
    text = to_toml(read_dictionary(CP1252_DIC), "customer", "institution", name="alderbrook")
    assert text == (
        "# Imported by focuscount from liwc_cp1252.dic (LIWC .dic).\n"
        "# LIWC .dic files name no ratio: the focus and versus categories were named on import.\n"
        "# The other categories are report-only: counted and reported, never in the ratio.\n"
        "#\n"
        "# What the import could not take as written (2):\n"
        "#   line 6: the file is not UTF-8 text (from this line on): read as Windows-1252\n"
        "#   line 8: term '€' has no letters or digits, so it can never match a word: left out\n"
        "\n"
        'name = "alderbrook"\n'
        'description = "Imported from liwc_cp1252.dic (LIWC .dic)"\n'
        'language = "en"\n'
        "\n"
        "[ratio]\n"
        'focus = "customer"\n'
        'versus = "institution"\n'
        "\n"
        "[categories.customer]\n"
        "terms = [\n"
        '    "usager",\n'
        '    "clientèle",\n'
        "]\n"
        "\n"
        "[categories.institution]\n"
        "terms = [\n"
        '    "café",\n'
        '    "bibliothèque",\n'
        "]\n"
    )


def test_to_toml_escapes_what_toml_cannot_hold(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, 'say "hi"\x7f.dic', b'%\n1\tcustomer\n2\tinstitution\n%\n"patron"\t1\nlibrary\t2\n')
    text = to_toml(read_dictionary(path), "customer", "institution")
    assert '# Imported by focuscount from say "hi"\\x7f.dic (LIWC .dic).\n' in text
    assert 'name = "say \\"hi\\"\\u007f"\n' in text
    lexicon = parse_lexicon(text)
    assert [t.text for t in lexicon.all_terms] == ['"patron"', "library"]


def test_a_category_left_empty_is_dropped_with_a_note(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path, "empty.dic", b"%\n1\tcustomer\n2\tinstitution\n3\tother\n%\npatron\t1\t3\nlibrary\t2\n"
    )
    lexicon = import_lexicon(path, "customer", "institution")
    assert lexicon.category_names == ("customer", "institution")
    assert lexicon.warnings == (
        "line 4: category 'other' has no terms left: left out of the lexicon",
        "line 6: 'patron' is in both 'customer' and 'other': focuscount counts a word in one category only, so it "
        "stays in 'customer' (the focus)",
    )


@pytest.mark.parametrize(
    ("focus", "versus", "message"),
    [
        (
            "patrons",
            "institution",
            "--focus names 'patrons', which is not a category of this dictionary (categories: customer, "
            "institution, other)",
        ),
        (
            "customer",
            "Institution",
            "--versus names 'Institution', which is not a category of this dictionary (categories: customer, "
            "institution, other)",
        ),
        ("other", "other", "--focus and --versus both name 'other': give two different categories"),
    ],
)
def test_to_toml_pole_errors(tmp_path: Path, focus: str, versus: str, message: str) -> None:
    path = write_bytes(tmp_path, "poles.dic", b"%\n1\tcustomer\n2\tinstitution\n3\tother\n%\npatron\t1\nlibrary\t2\n")
    with pytest.raises(LexiconError) as raised:
        to_toml(read_dictionary(path), focus, versus)
    assert (raised.value.path, raised.value.message, raised.value.line) == (path, message, None)


def test_an_empty_pole_is_an_error(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path, "pole.dic", b"%\n1\tcustomer\n2\tinstitution\n3\tother\n%\npatron\t1\t2\n:)\t2\nreader\t3\n"
    )
    error = error_of(path)
    assert (error.line, error.message) == (
        3,
        "the --versus category 'institution' has no terms left (each of its 1 terms is in an earlier category or "
        "matches only what another term matches): name another category (categories: customer, institution, other)",
    )
    error = error_of(write_bytes(tmp_path, "none.dic", b"%\n1\tcustomer\n2\tinstitution\n%\npatron\t1\n"))
    assert error.message == (
        "the --versus category 'institution' has no terms left (it lists no term focuscount can use): "
        "name another category (categories: customer, institution)"
    )


# ---------------------------------------------------------------- import_lexicon errors


@pytest.mark.parametrize(
    ("path", "article"),
    [(MESSY_DIC, "a LIWC .dic"), (MESSY_DICX, "a LIWC-22 .dicx"), (NESTED_YAML, "a YAML dictionary")],
)
def test_import_without_poles_says_which_options(path: Path, article: str) -> None:
    categories = ", ".join(read_dictionary(path).categories)
    for focus, versus in [(None, None), ("customer", None), (None, "institution")]:
        error = error_of(path, focus, versus)
        assert error.message == (
            f"{article} names no ratio: give the two poles with --focus and --versus (categories: {categories})"
        )


def test_unreadable_files(tmp_path: Path) -> None:
    assert error_of(tmp_path / "missing.dic").message == "no such file"
    folder = tmp_path / "folder.dic"
    folder.mkdir()
    assert error_of(folder).message == "a directory, not a file"
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    assert error_of(fifo).message == "a named pipe, not a file"  # never blocks on it
    other = write_bytes(tmp_path, "words.txt", b"patron\n")
    with pytest.raises(LexiconError) as raised:
        read_dictionary(other)
    assert raised.value.message == "not a dictionary focuscount can import: use a .dic, .dicx, .yml or .yaml file"


def test_undecodable_utf16(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "odd.dic", b"\xff\xfe%\x00\n\x00\x00\xd8")
    with pytest.raises(LexiconError) as raised:
        read_dictionary(path)
    assert raised.value.message == "not valid UTF-16 text (unexpected end of data): save the file as UTF-8"


def test_space_separated_entries_with_conditional_cells(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path, "spaces.dic", b"%\n1 customer\n2 institution\n%\nlibrary user 1\nkind (02 1)1/2 2\nlike <of>1/2\n"
    )
    dictionary = read_dictionary(path)
    assert dictionary.categories == {"customer": ("library user",), "institution": ("kind",)}
    assert notes(dictionary) == [
        "line 6: conditional entry 'kind (02 1)1/2' is not supported: left out of its conditional categories, "
        "kept in 'institution'",
        "line 7: conditional entry 'like <of>1/2' is not supported: left out",
    ]


def test_a_dictionary_over_the_size_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("focuscount.lexicon_import.MAX_SMALL_INPUT_BYTES", 1 << 20)
    path = write_bytes(tmp_path, "huge.dic", b"%\n1\tcustomer\n%\n" + b"patron\t1\n" * 120_000)
    assert error_of(path).message == "dictionary larger than 1 MB"
