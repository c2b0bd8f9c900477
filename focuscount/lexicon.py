"""Load and validate lexicon files (TOML) and list the shipped ones.

The lexicon format is a public interface, documented in docs/lexicons.md.  Every
error names the file and, where it can be found, the line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from focuscount.errors import LexiconError, ReadError
from focuscount.safeio import read_small_text
from focuscount.tomlfile import InvalidToml, LineFinder, parse_toml

IGNORE = "ignore"  # the pseudo-category of ignore terms: they match, and count nowhere
CASE_SENSITIVE = "="  # a term written "=ALA" matches its words exactly as written
# The names rule (``names = …``): terms inside multi-word proper names count nowhere ("ignore"), or count.
NAMES_RULES = ("ignore", "count")

_TOP_KEYS = {"name", "description", "language", "names", "ratio", "categories", "ignore"}
_RATIO_KEYS = {"focus", "versus"}
_CATEGORY_KEYS = {"label", "description", "terms", "report_only"}
_IGNORE_KEYS = {"terms", "names", "description"}
# Dots are allowed for imported hierarchical dictionaries: "emotion.positive".
_NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
# Regular-expression syntax in a term: the tokenizer splits it into punctuation tokens that no text
# is written with, so the term would load and never match.  (* and ? are the only wildcards; plain
# brackets, as in "[inaudible]" or "Friends of the Library (FOL)", match text written that way.)
_REGEX_SYNTAX = re.compile(
    r"[|\\]"  # alternation, escapes (\b, \w)
    r"|\[\^?[^\]]*\w-\w[^\]]*\]"  # a range class: [a-z]
    r"|\[\^"  # a negated class: [^x]
    r"|\[[^\]]*\][*+?{]"  # a repeated class: [st]?
    r"|\([^)]*\)[*+?{]|\(\?"  # a repeated or special group: (s)?, (?i)
    r"|\{\d+(?:,\d*)?\}"  # a repeat count: {2,3}
    r"|\.[*+?]"  # any character: .*
    r"|^\^"  # an anchor: ^customer
)
_WRITE_INSTEAD = (
    "terms are plain words: list each alternative as its own term, "
    "and use * for any letters or ? for one letter (e.g. 'volunteer*')"
)

# Dictionary formats read by focuscount.lexicon_import (they have no ratio: the caller names the poles).
IMPORTED_SUFFIXES = (".dic", ".dicx", ".yml", ".yaml")

# Builds the error to raise for a message and an optional line.
Fail = Callable[..., LexiconError]


@dataclass(frozen=True)
class Term:
    """One lexicon entry as written, with the category it belongs to and its line."""

    text: str
    category: str
    line: int | None = None

    @property
    def case_sensitive(self) -> bool:
        """True for a term written with a leading ``=``: its words match only as written, letter case and all."""
        return self.text.startswith(CASE_SENSITIVE)

    @property
    def words(self) -> str:
        """The words the term matches: its text without the leading ``=`` of a case-sensitive term."""
        return self.text[len(CASE_SENSITIVE) :] if self.case_sensitive else self.text


@dataclass(frozen=True)
class Category:
    """A named list of terms, e.g. ``customer`` labelled "Customer-oriented"."""

    name: str
    label: str
    terms: tuple[Term, ...]
    description: str = ""
    # Counted and reported (counts, rates, terms, charts) but never in the ratio: every category that
    # [ratio] does not name.  ``report_only = true`` in the file says so explicitly.
    report_only: bool = False


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon: categories, ignore terms, and which two make the ratio."""

    name: str
    description: str
    language: str
    focus: str
    versus: str
    categories: tuple[Category, ...]
    ignore: tuple[Term, ...]
    path: Path | None
    sha256: str
    names: str = "ignore"  # the names rule: "ignore" terms inside proper names, or "count" them
    # The lexicon's own names ([ignore] names), matched case-sensitively: terms inside them count nowhere.
    ignore_names: tuple[Term, ...] = ()
    # What importing a dictionary in another format (LIWC .dic/.dicx, YAML) could not take as written,
    # one line each ("line 12: ..."), for the caller to show; empty for a focuscount TOML lexicon.
    warnings: tuple[str, ...] = ()

    @property
    def category_names(self) -> tuple[str, ...]:
        """Category names in file order."""
        return tuple(category.name for category in self.categories)

    @property
    def report_only(self) -> tuple[str, ...]:
        """The categories that are counted and reported but are not in the ratio, in file order."""
        return tuple(category.name for category in self.categories if category.report_only)

    def in_ratio(self, name: str) -> bool:
        """True for the two categories that make the ratio (focus and versus)."""
        return name in (self.focus, self.versus)

    def category(self, name: str) -> Category:
        """The category called ``name``."""
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(name)

    @property
    def all_terms(self) -> tuple[Term, ...]:
        """Every term of every category, then the ignore terms."""
        return tuple(term for category in self.categories for term in category.terms) + self.ignore

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`sha256`."""
        return self.sha256[:12]


def lexicon_dirs() -> list[Path]:
    """Folders holding the shipped lexicons (in an installed wheel, then in a checkout)."""
    found: list[Path] = []
    packaged = Path(str(resources.files("focuscount"))) / "lexicons"
    checkout = Path(__file__).resolve().parent.parent / "lexicons"
    for folder in (packaged, checkout):
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return found


def shipped_lexicons() -> dict[str, Path]:
    """Names of the shipped lexicons mapped to their files."""
    names: dict[str, Path] = {}
    for folder in lexicon_dirs():
        for path in sorted(folder.glob("*.toml")):
            names.setdefault(path.stem, path)
    return names


def resolve_lexicon(name_or_path: str | Path) -> Path:
    """The file for a shipped lexicon name or a path to a TOML file."""
    candidate = Path(name_or_path)
    looks_like_path = candidate.suffix.lower() in (".toml", *IMPORTED_SUFFIXES) or len(candidate.parts) > 1
    if candidate.is_file():
        return candidate
    if looks_like_path:
        if os.path.lexists(candidate):  # a pipe, a device, a broken link: reading it says which
            return candidate
        raise LexiconError(candidate, "no such lexicon file")
    shipped = shipped_lexicons()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    if os.path.lexists(candidate) and not candidate.is_dir():
        return candidate
    available = ", ".join(sorted(shipped)) or "none"
    raise LexiconError(None, f"unknown lexicon '{name_or_path}': give a path to a .toml file or one of: {available}")


def load_lexicon(name_or_path: str | Path = "library", focus: str | None = None, versus: str | None = None) -> Lexicon:
    """Load and validate a lexicon by shipped name or path.

    A dictionary in another format (LIWC ``.dic``, LIWC-22 ``.dicx``, quanteda-style YAML) is imported:
    those formats name no ratio, so ``focus`` and ``versus`` name its two poles.
    """
    path = resolve_lexicon(name_or_path)
    if path.suffix.lower() in IMPORTED_SUFFIXES:
        from focuscount.lexicon_import import import_lexicon

        return import_lexicon(path, focus, versus)
    return parse_lexicon(_read_lexicon_text(path), path=path, default_name=path.stem)


def _read_lexicon_text(path: Path) -> str:
    try:
        return read_small_text(path, "lexicon", encoding="utf-8-sig")
    except ReadError as error:  # never blocks on a pipe, never reads a device
        raise LexiconError(path, error.reason) from error
    except UnicodeDecodeError as error:
        raise LexiconError(path, "lexicon is not UTF-8 text") from error


def parse_lexicon(text: str, path: Path | None = None, default_name: str = "lexicon") -> Lexicon:
    """Validate lexicon TOML ``text``; ``path`` is used in error messages.

    Raises the first problem found as a :class:`LexiconError`; when the file has more, the message
    says how many and points to ``focuscount lexicon check``, which lists them all (:func:`check_lexicon`).
    """
    try:
        data, lines = parse_toml(text)
    except InvalidToml as error:
        raise LexiconError(path, error.message, error.line) from error
    lexicon, problems = _validate(data, lines, path, default_name)
    if problems or lexicon is None:
        raise first_problem(problems, path)
    return lexicon


def first_problem(problems: Sequence[LexiconError], path: Path | None = None) -> LexiconError:
    """The error to raise for a lexicon's problems: the first, saying how many more ``lexicon check`` lists."""
    if not problems:  # every validation failure reports a problem: this is a safety net
        return LexiconError(path, "invalid lexicon: run `focuscount lexicon check` to see why")
    first = problems[0]
    more = len(problems) - 1
    if not more:
        return first
    target = os.fsdecode(path) if path is not None else "FILE"
    noun = "problem" if more == 1 else "problems"
    return LexiconError(
        first.path, f"{first.message} (and {more} more {noun}: run `focuscount lexicon check {target}`)", first.line
    )


def check_lexicon(
    name_or_path: str | Path, focus: str | None = None, versus: str | None = None
) -> tuple[LexiconError, ...]:
    """Every problem of a lexicon, each with its file and line; empty when it loads and compiles.

    Unlike :func:`load_lexicon` it does not stop at the first problem: each independent
    problem (unknown keys, bad terms, duplicates, a bad [ratio], names, report_only misuse,
    terms that match the same words) is reported, in the order of the file's lines.  A TOML
    syntax error stops the check at that error.  For a dictionary in another format (LIWC
    ``.dic``, ``.dicx``, YAML) the import notes are the problems; ``focus`` and ``versus``
    name its poles (without them only the dictionary itself is checked).

    Raises :class:`LexiconError` when the lexicon cannot be read at all (no such file or
    name, not a regular file, not UTF-8): there is nothing to check.
    """
    path = resolve_lexicon(name_or_path)
    if path.suffix.lower() in IMPORTED_SUFFIXES:
        return _sorted(_check_imported(path, focus, versus))
    text = _read_lexicon_text(path)
    try:
        data, lines = parse_toml(text)
    except InvalidToml as error:
        return (LexiconError(path, error.message, error.line),)
    lexicon, problems = _validate(data, lines, path, path.stem)
    if lexicon is not None and not _has_problem_at(problems, lines.key("language")):
        problems.extend(compile_problems(lexicon, lines.key("language")))
    return _sorted(problems)


def _sorted(problems: Sequence[LexiconError]) -> tuple[LexiconError, ...]:
    """Problems in the order of their lines (those without a line last), each once."""
    unique = list(dict.fromkeys((problem.line, problem.message) for problem in problems))
    by_key = {(problem.line, problem.message): problem for problem in problems}
    ordered = sorted(unique, key=lambda key: (key[0] is None, key[0] or 0))
    return tuple(by_key[key] for key in ordered)


def _has_problem_at(problems: Sequence[LexiconError], line: int | None) -> bool:
    return line is not None and any(problem.line == line for problem in problems)


def _check_imported(path: Path, focus: str | None, versus: str | None) -> list[LexiconError]:
    """The import notes of a dictionary in another format; with its poles, also those of making it a lexicon."""
    from focuscount.lexicon_import import read_dictionary

    if focus is None and versus is None:
        return [LexiconError(path, note.message, note.line) for note in read_dictionary(path).notes]
    try:
        lexicon = load_lexicon(path, focus, versus)
    except LexiconError as error:
        notes = [LexiconError(path, note.message, note.line) for note in read_dictionary(path).notes]
        return [*notes, error]
    return [_note_error(path, note) for note in lexicon.warnings] + compile_problems(lexicon)


_NOTE = re.compile(r"line (\d+): (.*)", re.DOTALL)


def _note_error(path: Path, note: str) -> LexiconError:
    """An import note ("line 12: ...", or a message alone) as a problem of ``path``."""
    found = _NOTE.fullmatch(note)
    if found is None:
        return LexiconError(path, note)
    return LexiconError(path, found.group(2), int(found.group(1)))


def compile_problems(lexicon: Lexicon, language_line: int | None = None) -> list[LexiconError]:
    """What compiling a valid lexicon against its language's pipeline finds, every problem of it.

    Terms that have no words, and terms that match the same words as another (or only words
    another term of their category matches): the problems :class:`~focuscount.matching.LexiconMatcher`
    raises one at a time.  ``language_line`` is where a language spaCy does not know is reported.
    """
    from focuscount.matching import (
        _check_covered_patterns,
        _check_same_patterns,
        compile_names,
        compile_term,
        compile_terms,
    )
    from focuscount.nlp import get_pipeline

    try:
        pipeline = get_pipeline(lexicon.language)
    except LexiconError as error:
        return [LexiconError(lexicon.path, error.message, language_line)]
    problems: list[LexiconError] = []
    try:
        patterns = list(compile_terms(lexicon, pipeline))
    except LexiconError:  # one term at a time, to find every term that does not compile
        patterns = []
        for order, term in enumerate(lexicon.all_terms):
            try:
                patterns.append(compile_term(term, pipeline, order))
            except LexiconError as error:
                problems.append(LexiconError(lexicon.path, error.message, term.line))
    problems.extend(_every_raised(lambda kept: _check_same_patterns(kept, lexicon), patterns, "term"))
    problems.extend(_every_raised(lambda kept: _check_covered_patterns(kept, lexicon, pipeline), patterns, "term"))
    names = list(compile_names(lexicon, pipeline))
    problems.extend(_every_raised(lambda kept: _check_same_patterns(kept, lexicon, what="name"), names, "name"))
    return problems


# A check that raises at its first problem is run again without the culprit, at most this many times.
_MAX_PROBLEMS = 1000


def _every_raised(check: Callable[[list[Any]], None], patterns: list[Any], what: str) -> list[LexiconError]:
    """Every error ``check`` raises over ``patterns``: after each, it runs again without the pattern it named."""
    found: list[LexiconError] = []
    kept = list(patterns)
    while len(found) < _MAX_PROBLEMS:
        try:
            check(kept)
        except LexiconError as error:
            found.append(error)
            culprit = next(
                (
                    pattern
                    for pattern in kept
                    if pattern.term.line == error.line and error.message.startswith(f"{what} '{pattern.term.text}' ")
                ),
                None,
            )
            if culprit is None:
                break
            kept.remove(culprit)
            continue
        break
    return found


class _Problems:
    """Every problem found while validating one lexicon, in the order found; called, it builds an error like a Fail."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.found: list[LexiconError] = []

    def __call__(self, message: str, line: int | None = None) -> LexiconError:
        return LexiconError(self.path, message, line)

    def add(self, message: str, line: int | None = None) -> None:
        self.found.append(LexiconError(self.path, message, line))


def _report(fail: Fail, message: str, line: int | None = None) -> None:
    """Record a problem and go on when validating for every problem; raise it at once for any other ``fail``."""
    if isinstance(fail, _Problems):
        fail.add(message, line)
        return
    raise fail(message, line)


def _validate(
    data: dict, lines: LineFinder, path: Path | None, default_name: str
) -> tuple[Lexicon | None, list[LexiconError]]:
    """The lexicon ``data`` describes and every problem found in it.

    Validation goes on past each problem wherever the rest can still be judged on its own,
    so that one run lists them all; a problem that follows from an earlier one (no ratio
    check without categories) is not reported.  The lexicon is built from what is valid
    (None when too little is), for the checks that compile it.
    """
    fail = _Problems(path)
    for key in data:
        if key not in _TOP_KEYS:
            _report(fail, f"unknown key '{key}' (allowed: {', '.join(sorted(_TOP_KEYS))})", lines.key(key))

    name = _string(data, "name", default_name, fail, lines.key("name"))
    if not name:
        _report(fail, "'name' must not be empty", lines.key("name"))
        name = default_name
    description = _string(data, "description", "", fail, lines.key("description"))
    language = _string(data, "language", "en", fail, lines.key("language"))
    if not _LANGUAGE_PATTERN.match(language):
        _report(fail, f"language must be a spaCy language code such as 'en', not '{language}'", lines.key("language"))
        language = "en"

    raw_categories = data.get("categories")
    categories: tuple[Category, ...] = ()
    if not isinstance(raw_categories, dict) or not raw_categories:
        _report(fail, "no [categories.NAME] tables: a lexicon needs at least two categories", lines.key("categories"))
    else:
        made = (_category(name_, body, fail, lines) for name_, body in raw_categories.items())
        categories = tuple(category for category in made if category is not None)
        if len(raw_categories) < 2:
            only = next(iter(raw_categories))
            _report(fail, f"only one category ('{only}'): the ratio needs two", lines.table(f"categories.{only}"))

    names_rule = _names_rule(data, fail, lines)
    poles: tuple[str, str] | None = None
    # Without two categories there is no ratio to check: that would only repeat the problem above.
    if isinstance(raw_categories, dict) and len(raw_categories) >= 2:
        poles = _ratio(data, set(raw_categories), fail, lines)
    categories = _mark_report_only(categories, poles, data, fail, lines)
    ignore, ignore_names = _ignore(data, fail, lines)
    # The lexicon built for the checks that compile it keeps the first listing of a term or name only.
    again = {id(term) for term in _check_duplicates(categories, ignore, fail, lines)}
    refused = {id(name) for name in _check_names(categories, ignore, ignore_names, fail)}
    if again:
        categories = tuple(
            dataclasses.replace(c, terms=tuple(t for t in c.terms if id(t) not in again)) for c in categories
        )
        ignore = tuple(t for t in ignore if id(t) not in again)
    if refused:
        ignore_names = tuple(name for name in ignore_names if id(name) not in refused)

    if poles is None or len(categories) < 2 or not set(poles) <= {c.name for c in categories}:
        return None, fail.found
    focus, versus = poles
    canonical: dict[str, object] = {
        "name": name,
        "language": language,
        "ratio": [focus, versus],
        "categories": {c.name: [t.text for t in c.terms] for c in categories},
        "ignore": [t.text for t in ignore],
    }
    # Keys a lexicon leaves at their default stay out, so a lexicon written before they existed keeps its hash.
    if names_rule != NAMES_RULES[0]:
        canonical["names"] = names_rule
    if ignore_names:
        canonical["ignore_names"] = [t.text for t in ignore_names]
    digest = hashlib.sha256(json.dumps(canonical, sort_keys=True).encode("utf-8")).hexdigest()
    lexicon = Lexicon(
        name, description, language, focus, versus, categories, ignore, path, digest, names_rule, ignore_names
    )
    return lexicon, fail.found


def _mark_report_only(
    categories: tuple[Category, ...], poles: tuple[str, str] | None, data: dict, fail: Fail, lines: LineFinder
) -> tuple[Category, ...]:
    """Every category [ratio] does not name is report-only; ``report_only = true`` on a pole is an error.

    Without valid ``poles`` only the type of each ``report_only`` is checked.
    """
    marked: list[Category] = []
    for category in categories:
        table = f"categories.{category.name}"
        flag = data["categories"][category.name].get("report_only", poles is None or category.name not in poles)
        line = lines.key("report_only", table) or lines.table(table)
        if not isinstance(flag, bool):
            _report(fail, f"report_only of category '{category.name}' must be true or false, not {_kind(flag)}", line)
        elif poles is not None and category.name in poles and flag:
            role = "focus" if category.name == poles[0] else "versus"
            _report(
                fail,
                f"category '{category.name}' is the ratio's {role} and cannot be report_only: "
                "name another category in [ratio], or remove report_only",
                line,
            )
        elif poles is not None and category.name not in poles and not flag:
            _report(
                fail,
                f"category '{category.name}' has report_only = false but is not in [ratio]: only the focus and "
                f"versus categories ({poles[0]}, {poles[1]}) make the ratio; the others are always reported apart",
                line,
            )
        report_only = poles is None or category.name not in poles
        marked.append(dataclasses.replace(category, report_only=report_only))
    return tuple(marked)


def _names_rule(data: dict, fail: Fail, lines: LineFinder) -> str:
    """The ``names`` key: "ignore" (the default) or "count"."""
    value = data.get("names", NAMES_RULES[0])
    line = lines.key("names")
    if isinstance(value, dict):
        _report(
            fail,
            '\'names\' must be "ignore" or "count", not a table: list the lexicon\'s own names '
            'in [ignore] as names = ["Library Carpentry"]',
            line or lines.table("names"),
        )
        return NAMES_RULES[0]
    if value not in NAMES_RULES:
        _report(
            fail,
            f"'names' must be \"ignore\" (terms inside proper names count nowhere, the default) "
            f'or "count" (they count), not {value!r}',
            line,
        )
        return NAMES_RULES[0]
    return str(value)


def _string(data: dict, key: str, default: str, fail: Fail, line: int | None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        _report(fail, f"'{key}' must be a string", line)
        return default
    return value.strip()


def _category(name: str, body: object, fail: Fail, lines: LineFinder) -> Category | None:
    """The category ``[categories.NAME]`` describes; None (its problems reported) when it has no valid term."""
    header = lines.table(f"categories.{name}")
    if not _NAME_PATTERN.match(name) or name == IGNORE:
        _report(
            fail,
            f"category name '{name}' must start with a letter, use letters, digits, '-' or '_', and not be '{IGNORE}'",
            header,
        )
    if not isinstance(body, dict):
        _report(fail, f"categories.{name} must be a table with 'terms'", header)
        return None
    for key in body:
        if key not in _CATEGORY_KEYS:
            _report(
                fail,
                f"unknown key '{key}' in [categories.{name}] (allowed: {', '.join(sorted(_CATEGORY_KEYS))})",
                lines.key(key, f"categories.{name}"),
            )
    default_label = name.replace("_", " ").capitalize()
    label = body.get("label", default_label)
    if not isinstance(label, str) or not label.strip():
        _report(
            fail, f"label of category '{name}' must be a non-empty string", lines.key("label", f"categories.{name}")
        )
        label = default_label
    description = body.get("description", "")
    if not isinstance(description, str):
        _report(
            fail,
            f"description of category '{name}' must be a string, not {_kind(description)}",
            lines.key("description", f"categories.{name}") or header,
        )
        description = ""
    raw_terms = body.get("terms")
    terms = _terms(raw_terms, name, f"categories.{name}", fail, lines)
    if not terms:
        # A list whose every term was refused has had its problems reported: it is not empty as written.
        if raw_terms is None or raw_terms == []:
            _report(fail, f"category '{name}' has no terms", lines.key("terms", f"categories.{name}") or header)
        return None
    return Category(name, label.strip(), terms, description.strip())


def _kind(value: object) -> str:
    """How a TOML value that should have been a string is described: "a table", "a list", "3"."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _terms(raw: object, category: str, table: str, fail: Fail, lines: LineFinder) -> tuple[Term, ...]:
    terms: list[Term] = []
    for item, text, line in _strings(raw, "terms", table, fail, lines):
        if not text:
            _report(fail, f"empty term in [{table}]", line or lines.key("terms", table))
            continue
        if text.startswith(CASE_SENSITIVE):
            words = text[len(CASE_SENSITIVE) :].lstrip()
            if not _check_literal(words, f"case-sensitive term '{_visible(item)}' in [{table}]", fail, line):
                continue
            text = CASE_SENSITIVE + words
        elif not any(char.isalnum() for char in text):
            _report(fail, f"term '{item}' in [{table}] has no letters or digits and would match anything", line)
            continue
        problem = term_problem(text)
        if problem:
            _report(fail, f"term '{_visible(item)}' in [{table}] {problem}", line)
            continue
        terms.append(Term(text, category, line))
    return tuple(terms)


def _strings(raw: object, key: str, table: str, fail: Fail, lines: LineFinder) -> list[tuple[str, str, int | None]]:
    """The strings of list ``key`` in ``[table]``: each as written, with its runs of spaces made one, and its line."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        _report(fail, f"'{key}' in [{table}] must be a list of strings", lines.key(key, table))
        return []
    found: list[tuple[str, str, int | None]] = []
    for item in raw:
        if not isinstance(item, str):
            _report(fail, f"'{key}' in [{table}] must hold only strings, found {item!r}", lines.key(key, table))
            continue
        found.append((item, " ".join(item.split()), _line_of(item, table, key, lines)))
    return found


def _line_of(item: str, table: str, key: str, lines: LineFinder) -> int | None:
    """The line of a list's string: as written, else as escaped in a basic string ("\\b", "\\u200b"), else the key's."""
    return lines.value(item, table) or lines.value(json.dumps(item)[1:-1], table) or lines.key(key, table)


def _check_literal(words: str, what: str, fail: Fail, line: int | None) -> bool:
    """Refuse the words of a case-sensitive term or a name that could not be matched literally (False: refused)."""
    if not words:
        _report(fail, f"{what} is empty: write the words to match after '{CASE_SENSITIVE}', e.g. '=ALA'", line)
    elif words.startswith(CASE_SENSITIVE):
        _report(fail, f"{what} starts with two '{CASE_SENSITIVE}': write one", line)
    elif not any(char.isalnum() for char in words):
        _report(fail, f"{what} has no letters or digits", line)
    elif "*" in words or "?" in words:
        _report(
            fail,
            f"{what} uses a wildcard: case-sensitive terms and names match their words literally, "
            "so list each form as written (e.g. 'ALA', 'ALA's')",
            line,
        )
    else:
        return True
    return False


def _names(raw: object, fail: Fail, lines: LineFinder) -> tuple[Term, ...]:
    """``[ignore] names``: the lexicon's own proper names, matched case-sensitively."""
    names: list[Term] = []
    for item, text, line in _strings(raw, "names", IGNORE, fail, lines):
        if not text:
            _report(fail, "empty name in [ignore] names", line)
            continue
        if text.startswith(CASE_SENSITIVE):
            _report(
                fail,
                f"name '{_visible(item)}' in [ignore] names starts with '{CASE_SENSITIVE}': names always match "
                f"case-sensitively, so write it without '{CASE_SENSITIVE}'",
                line,
            )
            continue
        if not _check_literal(text, f"name '{_visible(item)}' in [ignore] names", fail, line):
            continue
        problem = term_problem(text)
        if problem:
            _report(fail, f"name '{_visible(item)}' in [ignore] names {problem}", line)
            continue
        names.append(Term(text, IGNORE, line))
    return tuple(names)


def term_problem(text: str) -> str | None:
    """Why a term could never match a word of any text, or None."""
    for char in text:
        if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs"}:  # pasted zero-width spaces, controls
            return f"holds the invisible character U+{ord(char):04X}, which no word contains: delete it"
    syntax = _REGEX_SYNTAX.search(text)
    if syntax:
        return f"uses '{syntax.group(0)}', regular-expression syntax that never matches a word; {_WRITE_INSTEAD}"
    return None


def _visible(text: str) -> str:
    """``text`` with invisible characters written as ``\\u200b`` so a message shows them."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs"} else char for char in text
    )


def _ratio(data: dict, names: set[str], fail: Fail, lines: LineFinder) -> tuple[str, str] | None:
    """The ratio's (focus, versus); None (the problems reported) when [ratio] does not name two categories."""
    ratio = data.get("ratio")
    if ratio is None:
        _report(fail, "no [ratio] table: name the 'focus' and 'versus' categories")
        return None
    if not isinstance(ratio, dict):
        _report(fail, "'ratio' must be a table with 'focus' and 'versus'", lines.key("ratio"))
        return None
    for key in ratio:
        if key not in _RATIO_KEYS:
            _report(fail, f"unknown key '{key}' in [ratio] (allowed: focus, versus)", lines.key(key, "ratio"))
    chosen: list[str] = []
    for key in ("focus", "versus"):
        value = ratio.get(key)
        line = lines.key(key, "ratio") or lines.table("ratio")
        if not isinstance(value, str):
            _report(fail, f"[ratio] needs '{key}' = the name of a category", line)
        elif value not in names:
            _report(
                fail,
                f"[ratio] {key} names '{value}', which is not a category (categories: {', '.join(sorted(names))})",
                line,
            )
        else:
            chosen.append(value)
    if len(chosen) < 2:
        return None
    if chosen[0] == chosen[1]:
        _report(fail, "[ratio] focus and versus must be two different categories", lines.table("ratio"))
        return None
    return chosen[0], chosen[1]


def _ignore(data: dict, fail: Fail, lines: LineFinder) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """The ignore terms and the lexicon's own names of the ``[ignore]`` table."""
    raw = data.get("ignore")
    if raw is None:
        return (), ()
    if not isinstance(raw, dict):
        _report(fail, "'ignore' must be a table with 'terms' or 'names'", lines.key("ignore"))
        return (), ()
    for key in raw:
        if key not in _IGNORE_KEYS:
            _report(
                fail, f"unknown key '{key}' in [ignore] (allowed: terms, names, description)", lines.key(key, "ignore")
            )
    if not isinstance(raw.get("description", ""), str):
        _report(
            fail,
            f"description of [ignore] must be a string, not {_kind(raw['description'])}",
            lines.key("description", "ignore") or lines.table("ignore"),
        )
    return _terms(raw.get("terms"), IGNORE, "ignore", fail, lines), _names(raw.get("names"), fail, lines)


def _check_duplicates(
    categories: tuple[Category, ...], ignore: tuple[Term, ...], fail: Fail, lines: LineFinder
) -> list[Term]:
    """Refuse a term listed twice, in one category or two; the later listings are returned."""
    seen: dict[str, Term] = {}
    again: list[Term] = []
    for term in [t for c in categories for t in c.terms] + list(ignore):
        # "=ALA" and "ala" are two terms; "=ALA" and "=Ala" too.
        key = term.text if term.case_sensitive else term.text.lower()
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = term
            continue
        again.append(term)
        if earlier.category == term.category:
            _report(fail, f"term '{term.text}' is listed twice in {_where(term)}", term.line)
        else:
            _report(fail, f"term '{term.text}' is in both {_where(earlier)} and {_where(term)}", term.line)
    return again


def _check_names(
    categories: tuple[Category, ...], ignore: tuple[Term, ...], names: tuple[Term, ...], fail: Fail
) -> list[Term]:
    """A name listed twice, or written also as a case-sensitive term (which would count it, or ignore it twice).

    The names refused are returned.
    """
    literal = {
        term.words: term for term in [t for c in categories for t in c.terms] + list(ignore) if term.case_sensitive
    }
    seen: set[str] = set()
    refused: list[Term] = []
    for name in names:
        if name.text in seen:
            _report(fail, f"name '{name.text}' is listed twice in [ignore] names", name.line)
            refused.append(name)
            continue
        seen.add(name.text)
        term = literal.get(name.text)
        if term is not None:
            _report(
                fail,
                f"name '{name.text}' in [ignore] names is also the term '{term.text}' in {_where(term)}; "
                "keep one of them",
                name.line,
            )
            refused.append(name)
    return refused


def _where(term: Term) -> str:
    return "[ignore]" if term.category == IGNORE else f"category '{term.category}'"
