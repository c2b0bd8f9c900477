"""Loading and validating lexicon files: the format and every error, with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import ISSUE_LEXICON

from focuscount.errors import LexiconError
from focuscount.lexicon import IGNORE, load_lexicon, resolve_lexicon, shipped_lexicons
from focuscount.matching import LexiconMatcher
from focuscount.nlp import get_pipeline

VALID_TAIL = """
[ratio]
focus = "customer"
versus = "institution"

[categories.customer]
terms = ["patron"]

[categories.institution]
terms = ["library"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> LexiconError:
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as raised:
        LexiconMatcher(load_lexicon(path), get_pipeline("en"))
    assert raised.value.path == path
    return raised.value


def test_issue_lexicon_loads(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, ISSUE_LEXICON))
    assert lexicon.name == "library"
    assert lexicon.language == "en"
    assert (lexicon.focus, lexicon.versus) == ("customer", "institution")
    assert lexicon.category_names == ("customer", "institution")
    assert lexicon.category("customer").label == "Customer-oriented"
    assert [t.text for t in lexicon.category("customer").terms] == [
        "customer", "patron", "user", "library user", "volunteer*",
    ]  # fmt: skip
    assert [t.text for t in lexicon.ignore] == ["user interface", "user-friendly", "Library of Congress"]
    assert all(t.category == IGNORE for t in lexicon.ignore)
    assert len(lexicon.sha256) == 64


def test_defaults_name_from_file_and_label_from_category(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, VALID_TAIL))
    assert lexicon.name == "mine"
    assert lexicon.language == "en"
    assert lexicon.category("customer").label == "Customer"
    assert lexicon.ignore == ()


def test_term_lines_are_recorded(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, VALID_TAIL))
    assert lexicon.category("customer").terms[0].line == 6
    assert lexicon.category("institution").terms[0].line == 9


def test_hash_ignores_comments_and_changes_with_terms(tmp_path: Path) -> None:
    first = load_lexicon(write(tmp_path, VALID_TAIL)).sha256
    second = load_lexicon(write(tmp_path, "# a comment\n" + VALID_TAIL)).sha256
    third = load_lexicon(write(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "user"'))).sha256
    assert first == second
    assert first != third


def test_shipped_default_lexicon_is_valid_and_compiles(library_lexicon) -> None:
    assert library_lexicon.name == "library"
    assert (library_lexicon.focus, library_lexicon.versus) == ("customer", "institution")
    matcher = LexiconMatcher(library_lexicon, get_pipeline("en"))
    assert len(matcher.patterns) == len(library_lexicon.all_terms)
    customer_terms = {t.text for t in library_lexicon.category("customer").terms}
    assert {"customer", "patron", "user", "library user"} <= customer_terms
    institution_terms = {t.text for t in library_lexicon.category("institution").terms}
    assert {"library", "resource", "administration", "procedure", "profession"} <= institution_terms
    assert "user interface" in {t.text for t in library_lexicon.ignore}


def test_shipped_lexicons_are_listed_and_resolved_by_name() -> None:
    assert "library" in shipped_lexicons()
    assert resolve_lexicon("library").name == "library.toml"


def test_unknown_lexicon_name_lists_the_shipped_ones() -> None:
    with pytest.raises(
        LexiconError, match=r"unknown lexicon 'nope': give a path to a \.toml file or one of: .*library"
    ):
        load_lexicon("nope")


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"missing\.toml: no such lexicon file"):
        load_lexicon(tmp_path / "missing.toml")


def test_invalid_toml_reports_line(tmp_path: Path) -> None:
    error = error_of(tmp_path, 'name = "x"\n[ratio\nfocus = "a"\n')
    assert error.line == 2
    assert "invalid TOML" in error.message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error = error_of(tmp_path, 'name = "x"\ncolour = "red"\n' + VALID_TAIL)
    assert error.line == 2
    assert error.message.startswith("unknown key 'colour'")


def test_unknown_key_in_category(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL + "weight = 2\n")
    assert error.line == 10
    assert error.message.startswith("unknown key 'weight' in [categories.institution]")


def test_unknown_key_in_ratio(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('versus = "institution"', 'versus = "institution"\nscale = 100'))
    assert error.line == 4
    assert error.message == "unknown key 'scale' in [ratio] (allowed: focus, versus)"


def test_ratio_naming_a_missing_category(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('focus = "customer"', 'focus = "patrons"'))
    assert error.line == 2
    assert error.message == "[ratio] focus names 'patrons', which is not a category (categories: customer, institution)"


def test_missing_ratio_table(tmp_path: Path) -> None:
    text = VALID_TAIL.replace('[ratio]\nfocus = "customer"\nversus = "institution"\n', "")
    error = error_of(tmp_path, text)
    assert error.message == "no [ratio] table: name the 'focus' and 'versus' categories"


def test_ratio_with_the_same_category_twice(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('versus = "institution"', 'versus = "customer"'))
    assert error.message == "[ratio] focus and versus must be two different categories"
    assert error.line == 1


def test_empty_category(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('terms = ["library"]', "terms = []"))
    assert error.line == 9
    assert error.message == "category 'institution' has no terms"


def test_category_without_terms_key(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('terms = ["library"]', 'label = "Library"'))
    assert error.line == 8
    assert error.message == "category 'institution' has no terms"


def test_blank_term(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "  "'))
    assert error.line == 6
    assert error.message == "empty term in [categories.customer]"


def test_term_of_only_wildcards(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "*"'))
    assert error.line == 6
    assert "would match anything" in error.message


def test_non_string_term(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", 3'))
    assert error.line == 6
    assert error.message == "'terms' in [categories.customer] must hold only strings, found 3"


def test_same_term_in_two_categories(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('terms = ["library"]', 'terms = ["library", "Patron"]'))
    assert error.line == 9
    assert error.message == "term 'Patron' is in both category 'customer' and category 'institution'"


def test_same_term_in_category_and_ignore(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL + '\n[ignore]\nterms = ["library"]\n')
    assert error.line == 12
    assert error.message == "term 'library' is in both category 'institution' and [ignore]"


def test_same_term_twice_in_one_category(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "patron"'))
    assert error.line == 6
    assert error.message == "term 'patron' is listed twice in category 'customer'"


def test_plural_next_to_its_singular_in_one_category(tmp_path: Path) -> None:
    # "patron" matches every word "patrons" matches (patrons has the lemma patron): one of them is enough.
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "Patrons"'))
    assert error.line == 6
    assert (
        error.message
        == "term 'Patrons' in category 'customer' matches only words that 'patron' matches too; keep one of them"
    )
    assert str(error).startswith(f"{tmp_path / 'mine.toml'}:6: term 'Patrons'")


def test_word_next_to_the_word_its_lemma_names_is_accepted(tmp_path: Path) -> None:
    # "building" has the lookup lemma build, but build and building match different words.
    path = write(tmp_path, VALID_TAIL.replace('"library"', '"library", "build", "building"'))
    matcher = LexiconMatcher(load_lexicon(path), get_pipeline("en"))
    assert [pattern.term.text for pattern in matcher.patterns] == ["patron", "library", "build", "building"]


def test_only_one_category(tmp_path: Path) -> None:
    text = '[ratio]\nfocus = "customer"\nversus = "customer"\n[categories.customer]\nterms = ["patron"]\n'
    error = error_of(tmp_path, text)
    assert error.line == 4
    assert error.message == "only one category ('customer'): the ratio needs two"


def test_no_categories(tmp_path: Path) -> None:
    error = error_of(tmp_path, 'name = "x"\n')
    assert error.message == "no [categories.NAME] tables: a lexicon needs at least two categories"


def test_category_called_ignore_is_refused(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL + '[categories.ignore]\nterms = ["x"]\n')
    assert error.line == 10
    assert "must start with a letter" in error.message


def test_bad_language_code(tmp_path: Path) -> None:
    error = error_of(tmp_path, 'language = "English"\n' + VALID_TAIL)
    assert error.line == 1
    assert error.message == "language must be a spaCy language code such as 'en', not 'English'"


def test_wrong_type_for_name(tmp_path: Path) -> None:
    error = error_of(tmp_path, "name = 3\n" + VALID_TAIL)
    assert error.line == 1
    assert error.message == "'name' must be a string"


def test_error_text_names_file_and_line(tmp_path: Path) -> None:
    error = error_of(tmp_path, 'name = "x"\ncolour = "red"\n' + VALID_TAIL)
    assert str(error).startswith(f"{tmp_path / 'mine.toml'}:2: unknown key 'colour'")


def test_lexicon_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "bibliothèque"\n'.encode("latin-1"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        load_lexicon(path)


BAD = Path(__file__).parent / "fixtures" / "bad"
REGEX_ADVICE = (
    "regular-expression syntax that never matches a word; terms are plain words: list each alternative as its "
    "own term, and use * for any letters or ? for one letter (e.g. 'volunteer*')"
)


def load_error(tmp_path: Path, text: str) -> LexiconError:
    """The error from loading (not compiling): validation needs no pipeline."""
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path)
    assert raised.value.path == path
    return raised.value


def test_regex_term_fixture_is_refused_with_file_and_line() -> None:
    path = BAD / "lexicon_regex_term.toml"
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path)
    assert str(raised.value) == f"{path}:14: term '[a-z]*' in [categories.customer] uses '[a-z]', {REGEX_ADVICE}"


@pytest.mark.parametrize(
    ("term", "syntax"),
    [
        ("[a-z]*", "[a-z]"),
        ("librar[a-z]", "[a-z]"),
        ("custom[es]?r", "[es]?"),
        ("[^x]ustomer", "[^"),
        ("(customer|patron)s?", "|"),
        ("patron(s)?", "(s)?"),
        ("(?i)patron", "(?"),
        (r"\\bpatron\\b", "\\"),
        ("cust.*", ".*"),
        ("user.+", ".+"),
        ("^patron", "^"),
        ("volunteer{2}", "{2}"),
    ],
)
def test_regular_expression_terms_are_refused(tmp_path: Path, term: str, syntax: str) -> None:
    error = load_error(tmp_path, VALID_TAIL.replace('"patron"', f'"patron", "{term}"'))
    shown = term.replace("\\\\", "\\")
    assert (error.line, error.message) == (
        6,
        f"term '{shown}' in [categories.customer] uses '{syntax}', {REGEX_ADVICE}",
    )


@pytest.mark.parametrize("term", ["[inaudible]", "Friends of the Library (FOL)", "C++", "e.g.", "US$", "volunteer*"])
def test_brackets_and_punctuation_written_as_text_are_terms(tmp_path: Path, term: str) -> None:
    lexicon = load_lexicon(write(tmp_path, VALID_TAIL.replace('"patron"', f'"patron", "{term}"')))
    assert [t.text for t in lexicon.category("customer").terms] == ["patron", term]


def test_bracketed_terms_match_text_written_that_way() -> None:
    from helpers import lexicon_from, matched

    lexicon = lexicon_from(
        ISSUE_LEXICON.replace(
            '"internal procedure"', '"internal procedure", "[inaudible]", "Friends of the Library (FOL)"'
        )
    )
    assert matched("[inaudible] patron; Friends of the Library (FOL) met.", lexicon) == [
        ("institution", "[inaudible]", "[inaudible]"),
        ("customer", "patron", "patron"),
        ("institution", "Friends of the Library (FOL)", "Friends of the Library (FOL)"),
    ]


def test_invisible_character_in_a_term(tmp_path: Path) -> None:
    # a zero-width space pasted from a word processor: the term looks right and never matches
    error = load_error(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "cus\\u200btomer"'))
    assert (error.line, error.message) == (
        6, "term 'cus\\u200btomer' in [categories.customer] holds the invisible character U+200B, which no word "
        "contains: delete it",
    )  # fmt: skip


def test_table_description_fixture_is_refused_with_file_and_line() -> None:
    path = BAD / "lexicon_table_description.toml"
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path)
    assert str(raised.value) == f"{path}:12: description of category 'customer' must be a string, not a table"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('description = { en = "People" }', "description of category 'customer' must be a string, not a table"),
        ('description = ["People"]', "description of category 'customer' must be a string, not a list"),
        ("description = 3", "description of category 'customer' must be a string, not 3"),
        ('label = ""', "label of category 'customer' must be a non-empty string"),
        ("label = { en = 'Customers' }", "label of category 'customer' must be a non-empty string"),
    ],
)
def test_category_fields_of_the_wrong_type(tmp_path: Path, field: str, message: str) -> None:
    error = load_error(tmp_path, VALID_TAIL.replace("[categories.customer]\n", f"[categories.customer]\n{field}\n"))
    assert (error.line, error.message) == (6, message)


def test_ignore_description_of_the_wrong_type(tmp_path: Path) -> None:
    error = load_error(
        tmp_path, VALID_TAIL + '\n[ignore]\ndescription = { why = "names" }\nterms = ["user interface"]\n'
    )
    assert (error.line, error.message) == (12, "description of [ignore] must be a string, not a table")


def test_empty_name(tmp_path: Path) -> None:
    error = load_error(tmp_path, 'name = "  "\n' + VALID_TAIL)
    assert (error.line, error.message) == (1, "'name' must not be empty")


def test_lexicon_that_is_a_broken_link(tmp_path: Path) -> None:
    # pipes and devices are tested in a separate process (test_validation.py): here a regression would hang
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "moved.toml")
    with pytest.raises(LexiconError) as raised:
        load_lexicon(link)
    assert str(raised.value) == f"{link}: broken link (its target does not exist)"


def test_lexicon_nested_past_the_stack_is_an_error_not_a_crash(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert (error.line, error.message) == (None, "invalid TOML: arrays or tables nested too deeply")


# The names rule and case-sensitive terms.
def test_names_rule_defaults_to_ignore_and_can_be_turned_off(tmp_path: Path) -> None:
    assert load_lexicon(write(tmp_path, VALID_TAIL)).names == "ignore"
    assert load_lexicon(write(tmp_path, 'names = "count"\n' + VALID_TAIL)).names == "count"


@pytest.mark.parametrize(
    ("value", "shown"), [('"Count"', "'Count'"), ('"off"', "'off'"), ("false", "False"), ('["x"]', "['x']")]
)
def test_names_rule_with_another_value(tmp_path: Path, value: str, shown: str) -> None:
    error = error_of(tmp_path, f'name = "mine"\nnames = {value}\n' + VALID_TAIL)
    assert error.line == 2
    assert error.message == (
        "'names' must be \"ignore\" (terms inside proper names count nowhere, the default) "
        f'or "count" (they count), not {shown}'
    )


def test_names_written_as_a_table(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL + '\n[names]\nignore = ["Library Carpentry"]\n')
    assert error.line == 11
    assert error.message.startswith('\'names\' must be "ignore" or "count", not a table: list the lexicon\'s own')


def test_lexicon_names_and_case_sensitive_terms_load(tmp_path: Path) -> None:
    text = VALID_TAIL.replace('"patron"', '"patron", "=ALA", "= Friends  of the Library"') + (
        '\n[ignore]\nterms = ["=Library Board"]\nnames = ["Library Carpentry", "Hartwell  Family Endowment"]\n'
    )
    lexicon = load_lexicon(write(tmp_path, text))
    terms = lexicon.category("customer").terms
    assert [(t.text, t.words, t.case_sensitive) for t in terms] == [
        ("patron", "patron", False),
        ("=ALA", "ALA", True),
        ("=Friends of the Library", "Friends of the Library", True),
    ]
    assert [(t.text, t.case_sensitive) for t in lexicon.ignore] == [("=Library Board", True)]
    assert [(t.text, t.line) for t in lexicon.ignore_names] == [
        ("Library Carpentry", 13),
        ("Hartwell Family Endowment", 13),
    ]


def test_hash_changes_with_the_names_rule_and_names_only(tmp_path: Path) -> None:
    plain = load_lexicon(write(tmp_path, VALID_TAIL)).sha256
    explicit_default = load_lexicon(write(tmp_path, 'names = "ignore"\n' + VALID_TAIL)).sha256
    counted = load_lexicon(write(tmp_path, 'names = "count"\n' + VALID_TAIL)).sha256
    named = load_lexicon(write(tmp_path, VALID_TAIL + '\n[ignore]\nnames = ["Library Carpentry"]\n')).sha256
    renamed = load_lexicon(write(tmp_path, VALID_TAIL + '\n[ignore]\nnames = ["Library Carpentry Club"]\n')).sha256
    sensitive = load_lexicon(write(tmp_path, VALID_TAIL.replace('"patron"', '"=patron"'))).sha256
    assert plain == explicit_default  # the same lexicon, written out
    assert len({plain, counted, named, renamed, sensitive}) == 5


def test_case_sensitive_term_and_its_twin_are_two_terms(tmp_path: Path) -> None:
    text = VALID_TAIL.replace('terms = ["library"]', 'terms = ["library"]\n[ignore]\nterms = ["=Library", "=LIBRARY"]')
    lexicon = load_lexicon(write(tmp_path, text))
    LexiconMatcher(lexicon, get_pipeline("en"))  # compiles: no two terms match the same words
    assert [t.text for t in lexicon.ignore] == ["=Library", "=LIBRARY"]


def test_same_case_sensitive_term_twice(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "=ALA", "= ALA"'))
    assert error.line == 6
    assert error.message == "term '=ALA' is listed twice in category 'customer'"


def test_case_sensitive_term_covered_by_a_plain_term_of_its_category(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', '"patron", "=Patrons"'))
    assert error.line == 6
    assert error.message == (
        "term '=Patrons' in category 'customer' matches only words that 'patron' matches too; keep one of them"
    )


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("=", "case-sensitive term '=' in [categories.customer] is empty: write the words to match after '=', "
              "e.g. '=ALA'"),
        ("=  ", "case-sensitive term '=  ' in [categories.customer] is empty: write the words to match after "
                "'=', e.g. '=ALA'"),
        ("==ALA", "case-sensitive term '==ALA' in [categories.customer] starts with two '=': write one"),
        ("=--", "case-sensitive term '=--' in [categories.customer] has no letters or digits"),
        ("=Librar*", "case-sensitive term '=Librar*' in [categories.customer] uses a wildcard: case-sensitive "
                     "terms and names match their words literally, so list each form as written (e.g. 'ALA', "
                     "'ALA's')"),
        ("=A|B", "term '=A|B' in [categories.customer] uses '|', regular-expression syntax that never matches a "
                 "word; terms are plain words: list each alternative as its own term, and use * for any letters "
                 "or ? for one letter (e.g. 'volunteer*')"),
    ],
)  # fmt: skip
def test_bad_case_sensitive_terms(tmp_path: Path, term: str, message: str) -> None:
    error = error_of(tmp_path, VALID_TAIL.replace('"patron"', f'"patron", "{term}"'))
    assert error.line == 6
    assert error.message == message


@pytest.mark.parametrize(
    ("names", "line", "message"),
    [
        ('"Library Carpentry"', 12, "'names' in [ignore] must be a list of strings"),
        ('["Library Carpentry", 3]', 12, "'names' in [ignore] must hold only strings, found 3"),
        ('["  "]', 12, "empty name in [ignore] names"),
        ('["=Library Carpentry"]', 12, "name '=Library Carpentry' in [ignore] names starts with '=': names always "
                                       "match case-sensitively, so write it without '='"),
        ('["Friends of the Librar*"]', 12, "name 'Friends of the Librar*' in [ignore] names uses a wildcard: "
                                           "case-sensitive terms and names match their words literally, so list "
                                           "each form as written (e.g. 'ALA', 'ALA's')"),
        ('["&"]', 12, "name '&' in [ignore] names has no letters or digits"),
        ('["Library\\u200bCarpentry"]', 12, "name 'Library\\u200bCarpentry' in [ignore] names holds the invisible "
                                            "character U+200B, which no word contains: delete it"),
        ('["Library Carpentry", "Library  Carpentry"]', 12,
         "name 'Library Carpentry' is listed twice in [ignore] names"),
    ],
)  # fmt: skip
def test_bad_lexicon_names(tmp_path: Path, names: str, line: int, message: str) -> None:
    error = error_of(tmp_path, VALID_TAIL + f"\n[ignore]\nnames = {names}\n")
    assert error.line == line
    assert error.message == message


def test_name_also_written_as_a_case_sensitive_term(tmp_path: Path) -> None:
    text = VALID_TAIL.replace('"library"', '"library", "=Library Carpentry"') + (
        '\n[ignore]\nnames = ["Library Carpentry"]\n'
    )
    error = error_of(tmp_path, text)
    assert error.line == 12
    assert error.message == (
        "name 'Library Carpentry' in [ignore] names is also the term '=Library Carpentry' in category "
        "'institution'; keep one of them"
    )


def test_names_differing_only_in_spaces_are_one_name(tmp_path: Path) -> None:
    # Runs of spaces are one space: the two are one name.
    error = error_of(tmp_path, VALID_TAIL + '\n[ignore]\nnames = ["Riverside\'s Library", "Riverside\'s  Library"]\n')
    assert error.message == "name 'Riverside's Library' is listed twice in [ignore] names"


def test_unknown_key_in_ignore_lists_names(tmp_path: Path) -> None:
    error = error_of(tmp_path, VALID_TAIL + '\n[ignore]\nphrases = ["x"]\n')
    assert error.line == 12
    assert error.message == "unknown key 'phrases' in [ignore] (allowed: terms, names, description)"
