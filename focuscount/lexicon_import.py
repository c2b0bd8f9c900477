"""Import dictionaries in the formats people already own (LIWC .dic, LIWC-22 .dicx, quanteda YAML) as lexicons.

:func:`read_dictionary` reads a file into categories of terms and a note for every
oddity (none is dropped silently); :func:`to_toml` writes a commented focuscount
lexicon once the two poles of the ratio are named, since none of these formats has
a ratio; :func:`import_lexicon` does both and validates the result.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from focuscount.errors import LexiconError, ReadError
from focuscount.escape import visible
from focuscount.lexicon import CASE_SENSITIVE, IGNORE, Lexicon, Term, parse_lexicon, term_problem
from focuscount.safeio import MAX_SMALL_INPUT_BYTES, read_regular_file

if TYPE_CHECKING:  # the matcher and spaCy load only when a dictionary is converted
    from focuscount.matching import Pattern
    from focuscount.nlp import Pipeline

FORMATS = {".dic": "LIWC .dic", ".dicx": "LIWC-22 .dicx", ".yml": "YAML", ".yaml": "YAML"}
# How each format is named in "... names no ratio" messages.
_ARTICLE = {"LIWC .dic": "a LIWC .dic", "LIWC-22 .dicx": "a LIWC-22 .dicx", "YAML": "a YAML dictionary"}
_NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")  # lexicon.py's rule for category names
# The language written into the TOML: none of the formats names one, and LIWC dictionaries are English.
_LANGUAGE = "en"
# LIWC 2007's conditional categories: "(02 134)125/464" (by the previous word's category) and "<of>131/125".
_CONDITIONAL_CELL = re.compile(r"\([^)]*\)[\d/]+|<[^>]*>[\d/]+")
_YAML_MAX_DEPTH = 100
_YAML_STRING = "tag:yaml.org,2002:str"
_YAML_NULL = "tag:yaml.org,2002:null"
_YAML_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True)
class ImportNote:
    """One oddity of an imported dictionary: what could not be taken as written, and what was done instead."""

    line: int | None  # 1-based line of the source file (the CSV row's line for .dicx)
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportedDictionary:
    """A dictionary as read: categories (sanitised names) with their terms in file order, and the notes.

    A term listed in several categories is in each of them here; :func:`to_toml` keeps it in one.
    """

    path: Path
    format: str  # "LIWC .dic" | "LIWC-22 .dicx" | "YAML"
    categories: dict[str, tuple[str, ...]]
    notes: tuple[ImportNote, ...]
    # Where each listing stands: (category, term) -> its line, for notes about it made later.
    term_lines: dict[tuple[str, str], int | None] = field(default_factory=dict, repr=False, compare=False)
    # Categories renamed to a valid name: new name -> the name as written.
    original_names: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The line that declares each category.
    category_lines: dict[str, int | None] = field(default_factory=dict, repr=False, compare=False)


def read_dictionary(path: Path) -> ImportedDictionary:
    """Read a LIWC ``.dic``, LIWC-22 ``.dicx`` or YAML dictionary; raises LexiconError on a file it cannot read."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise LexiconError(path, "not a dictionary focuscount can import: use a .dic, .dicx, .yml or .yaml file")
    try:
        data = read_regular_file(
            path, MAX_SMALL_INPUT_BYTES, f"dictionary larger than {MAX_SMALL_INPUT_BYTES >> 20} MB"
        )
    except ReadError as error:
        raise LexiconError(path, error.reason) from error
    builder = _Builder(path, kind)
    text = _decode(data, builder)
    if kind == "LIWC .dic":
        _read_dic(text, builder)
    elif kind == "LIWC-22 .dicx":
        _read_dicx(text, builder)
    else:
        _read_yaml(text, builder)
    return builder.result()


def to_toml(dictionary: ImportedDictionary, focus: str, versus: str, name: str | None = None) -> str:
    """A commented focuscount lexicon for ``dictionary`` with ``focus`` and ``versus`` as the ratio's poles.

    A term in several categories stays in the first of focus, versus, then the others in file order;
    a term that matches only what another term of its category matches is left out (the matcher
    refuses both); each such change, and every note of the import, is a comment in the header.
    Raises LexiconError when a pole is not a category, both poles are one category, or a pole is left empty.
    """
    return _convert(dictionary, focus, versus, name)[0]


def import_lexicon(path: Path, focus: str | None, versus: str | None) -> Lexicon:
    """Read a dictionary in another format as a :class:`Lexicon`, ``focus`` and ``versus`` naming its poles.

    ``Lexicon.warnings`` holds every note of the import ("line 12: ..."); term lines are the source file's.
    """
    path = Path(path)
    dictionary = read_dictionary(path)
    if focus is None or versus is None:
        raise LexiconError(
            path,
            f"{_ARTICLE[dictionary.format]} names no ratio: give the two poles with --focus and --versus "
            f"(categories: {', '.join(dictionary.categories)})",
        )
    text, notes = _convert(dictionary, focus, versus, None)
    lexicon = parse_lexicon(text, path=path, default_name=path.stem)
    # Lines in messages about a term (the matcher's, `lexicon test`) should point into the file the user has.
    categories = tuple(
        dataclasses.replace(
            category,
            terms=tuple(
                dataclasses.replace(term, line=dictionary.term_lines.get((category.name, term.text)))
                for term in category.terms
            ),
        )
        for category in lexicon.categories
    )
    return dataclasses.replace(lexicon, categories=categories, warnings=tuple(str(note) for note in notes))


class _Builder:
    """Collects categories, terms and notes while a file is read, applying the rules every format shares."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.categories: dict[str, list[str]] = {}
        self.keys: dict[str, dict[str, int | None]] = {}  # category -> lower-cased term -> first line
        self.term_lines: dict[tuple[str, str], int | None] = {}
        self.original_names: dict[str, str] = {}
        self.category_lines: dict[str, int | None] = {}
        self.notes: list[ImportNote] = []

    def note(self, line: int | None, message: str) -> None:
        self.notes.append(ImportNote(line, message))

    def fail(self, message: str, line: int | None = None) -> LexiconError:
        return LexiconError(self.path, message, line)

    def add_category(self, written: str, line: int | None) -> str:
        """Declare a category; returns its (valid, unique) name, noting a rename."""
        name = written if _NAME_PATTERN.match(written) and written != IGNORE else _sanitised(written)
        taken = name
        number = 2
        while name in self.categories:
            name = f"{taken}_{number}"
            number += 1
        if name != written:
            why = (
                f"the name '{taken}' is taken (line {self.category_lines[taken]})"
                if taken in self.categories
                else "focuscount names start with a letter and use letters, digits, '_', '-' or '.'"
            )
            self.note(line, f"category '{visible(written)}' is renamed '{name}': {why}")
            self.original_names[name] = written
        self.categories[name] = []
        self.keys[name] = {}
        self.category_lines[name] = line
        return name

    def usable(self, written: str, line: int | None) -> str | None:
        """The term as focuscount writes it (runs of spaces made one), or None with a note on why it is left out."""
        term = " ".join(written.split())
        shown = visible(written.strip())
        if not term:
            self.note(line, "an empty term: left out")
            return None
        problem = term_problem(term)
        if problem:
            self.note(line, f"term '{shown}' is left out: it {problem}")
            return None
        if not any(char.isalnum() for char in term):
            self.note(line, f"term '{shown}' has no letters or digits, so it can never match a word: left out")
            return None
        if term.startswith(CASE_SENSITIVE):
            self.note(
                line,
                f"term '{shown}' starts with '{CASE_SENSITIVE}', which focuscount reads as 'match exactly as "
                "written': left out (add it to the converted TOML by hand if that is meant)",
            )
            return None
        if "<" in term or ">" in term:
            self.note(line, f"conditional entry '{shown}' is not supported: left out")
            return None
        return term

    def add_term(self, category: str, term: str, line: int | None) -> None:
        """Add a usable term to a category; the same term twice in one category is kept once, with a note."""
        key = term.lower()  # parse_lexicon refuses terms that differ only in case
        first = self.keys[category].get(key, -1)
        if first != -1:
            where = f" (first on line {first})" if first is not None else ""
            self.note(line, f"term '{term}' is listed twice in '{category}'{where}: kept once")
            return
        self.keys[category][key] = line
        self.categories[category].append(term)
        self.term_lines[(category, term)] = line

    def result(self) -> ImportedDictionary:
        return ImportedDictionary(
            self.path,
            self.kind,
            {name: tuple(terms) for name, terms in self.categories.items()},
            tuple(self.notes),
            self.term_lines,
            self.original_names,
            self.category_lines,
        )


def _sanitised(written: str) -> str:
    """A valid category name for ``written``: accents dropped, spaces and other characters made '_'."""
    text = "".join(char for char in unicodedata.normalize("NFKD", written) if not unicodedata.combining(char)).strip()
    text = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")
    if not text or not text[0].isascii() or not text[0].isalpha():
        text = f"category_{text}" if text else "category"
    return f"{text}_category" if text == IGNORE else text


def _decode(data: bytes, builder: _Builder) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252 (or Latin-1), noted."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise builder.fail(f"not valid UTF-16 text ({error.reason}): save the file as UTF-8") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, ...): Latin-1 reads every byte
            text, encoding = data.decode("latin-1"), "Latin-1"
        builder.note(line, f"the file is not UTF-8 text (from this line on): read as {encoding}")
        return text


def _lines(text: str) -> list[str]:
    # Not str.splitlines: it also splits at characters such as U+0085 that Latin-1 text holds inside a line.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _read_dic(text: str, builder: _Builder) -> None:
    """LIWC .dic: '%', 'id<TAB>name' lines, '%', then 'term<TAB>id<TAB>id...' lines."""
    lines = _lines(text)
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise builder.fail("empty file: a LIWC .dic starts with a line holding only '%', then 'id<TAB>name' lines")
    if lines[start].strip() != "%":
        raise builder.fail(
            "a LIWC .dic starts with a line holding only '%', then 'id<TAB>name' lines and '%' again; "
            f"found '{visible(lines[start].strip()[:40])}'",
            start + 1,
        )
    ids: dict[str, str] = {}  # id as written -> category name
    end = None
    for index in range(start + 1, len(lines)):
        line = lines[index].strip()
        if line == "%":
            end = index
            break
        if not line:
            continue
        parts = line.split(None, 1)  # tabs or spaces between the id and the name
        if len(parts) < 2:
            builder.note(index + 1, f"category line '{visible(line)}' has no name: left out")
        elif parts[0] in ids:
            builder.note(index + 1, f"category id {visible(parts[0])} is declared twice: the first one is kept")
        else:
            ids[parts[0]] = builder.add_category(parts[1].strip(), index + 1)
    if end is None:
        raise builder.fail(
            f"the category header that starts on line {start + 1} never ends: "
            "put a line holding only '%' after the last 'id<TAB>name' line",
            start + 1,
        )
    if not ids:
        raise builder.fail("no categories between the two '%' lines: list them as 'id<TAB>name'", end + 1)
    for index in range(end + 1, len(lines)):
        _read_dic_entry(lines[index], index + 1, ids, builder)


def _read_dic_entry(raw: str, line: int, ids: dict[str, str], builder: _Builder) -> None:
    """One 'term<TAB>id...' line (doubled tabs, trailing spaces, or spaces instead of tabs)."""
    text = raw.strip()
    if not text:
        return
    if "\t" in text:
        fields = [part.strip() for part in text.split("\t") if part.strip()]
        written, cells = fields[0], fields[1:]
    else:  # spaces only: the ids are the trailing words that look like ids, the rest is the term ("a lot 12")
        words = text.split()
        count = len(words)
        while count > 1 and (words[count - 1] in ids or re.fullmatch(r"[\d()/<>]+|<\w+>[\d/]+", words[count - 1])):
            count -= 1
        written = " ".join(words[:count])
        cells = _CONDITIONAL_CELL.findall(" ".join(words[count:])) + [
            cell for cell in _CONDITIONAL_CELL.sub(" ", " ".join(words[count:])).split()
        ]
    term = builder.usable(written, line)
    if term is None:
        return
    shown = visible(written)
    categories: list[str] = []
    conditional: list[str] = []
    for cell in cells:
        if cell in ids:
            categories.append(ids[cell])
        elif any(char in cell for char in "(<>/"):
            conditional.append(cell)
        else:
            builder.note(
                line, f"'{shown}' names category {visible(cell)}, which the header does not declare: left out of it"
            )
    if conditional:
        listed = " ".join(visible(cell) for cell in conditional)
        if categories:
            kept = ", ".join(f"'{category}'" for category in dict.fromkeys(categories))
            outcome = f"left out of its conditional categories, kept in {kept}"
        else:
            outcome = "left out"
        builder.note(line, f"conditional entry '{shown} {listed}' is not supported: {outcome}")
    elif not cells:
        builder.note(line, f"term '{shown}' names no category: left out")
    for category in categories:
        builder.add_term(category, term, line)


def _read_dicx(text: str, builder: _Builder) -> None:
    """LIWC-22 .dicx: a CSV whose first column ("DicTerm" or "Entry") holds terms, then a column per category."""
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: list[str | None] = []
    nameless_noted: set[int] = set()
    header_seen = False
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                header_seen = True
                first = row[0].strip()
                if first.lower() not in ("dicterm", "entry"):
                    raise builder.fail(
                        f"the first column is headed '{visible(first[:40])}': a LIWC-22 .dicx has 'DicTerm' "
                        "(or 'Entry') there, then one column per category",
                        line,
                    )
                columns = [builder.add_category(cell.strip(), line) if cell.strip() else None for cell in row[1:]]
                if not any(columns):
                    raise builder.fail("no category columns after the term column", line)
                continue
            _read_dicx_row(row, line, columns, nameless_noted, builder)
    except csv.Error as error:
        raise builder.fail(f"not a readable CSV file ({error})", reader.line_num) from error
    if not header_seen:
        raise builder.fail("empty file: a LIWC-22 .dicx starts with a 'DicTerm' header row")


def _read_dicx_row(
    row: list[str], line: int, columns: list[str | None], nameless_noted: set[int], builder: _Builder
) -> None:
    written = row[0]
    cells = row[1:]
    if not written.strip():
        builder.note(line, "a row with marks and no term: left out")
        return
    term = builder.usable(written, line)
    if term is None:
        return
    shown = visible(written.strip())
    marked: list[str] = []
    odd = False
    for index, cell in enumerate(cells):
        value = cell.strip()
        if not value:
            continue
        category = columns[index] if index < len(columns) else None
        if category is None:
            odd = True
            if index < len(columns) and index not in nameless_noted:
                nameless_noted.add(index)
                builder.note(line, f"column {index + 2} has no category name in the header: its marks are left out")
            elif index >= len(columns):
                builder.note(line, f"'{shown}' has a cell past the last category column: left out")
            continue
        if value.lower() == "x":
            marked.append(category)
        else:
            odd = True
            builder.note(
                line, f"'{shown}' has '{visible(value[:40])}' in column '{category}', not X: left out of '{category}'"
            )
    if not marked and not odd:
        builder.note(line, f"term '{shown}' is marked in no category: left out")
    for category in marked:
        builder.add_term(category, term, line)


def _read_yaml(text: str, builder: _Builder) -> None:
    """quanteda-style YAML: category -> list of terms; nested mappings flatten to 'parent.child'."""
    import yaml

    try:
        # safe_load refuses tags that build Python objects; compose (with the safe loader) keeps the lines.
        yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark is not None else None
        reason = ", ".join(part for part in (error.context, error.problem) if part)
        raise builder.fail(f"invalid YAML: {reason}", line) from error
    except yaml.YAMLError as error:
        raise builder.fail(f"invalid YAML: {error}") from error
    except RecursionError as error:
        raise builder.fail("invalid YAML: nested too deeply") from error
    if root is None:
        raise builder.fail("empty file: a YAML dictionary maps category names to lists of terms")
    if not isinstance(root, yaml.MappingNode):
        raise builder.fail(
            "a YAML dictionary must map category names to lists of terms (e.g. 'customer: [patron, reader]')",
            root.start_mark.line + 1,
        )
    _YamlWalker(builder).mapping(root, "", 1)


class _YamlWalker:
    """Walks composed YAML nodes, so every category and term keeps its line."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.seen: set[int] = set()  # nodes already read: an alias repeats one, and a chain of them would explode

    def mapping(self, node: object, prefix: str, depth: int) -> None:
        import yaml

        assert isinstance(node, yaml.MappingNode)
        if depth > _YAML_MAX_DEPTH:
            raise self.builder.fail(f"categories nested more than {_YAML_MAX_DEPTH} levels deep", _line(node))
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or not str(key.value).strip():
                self.builder.note(_line(key), "a key that is not a category name: left out with its terms")
                continue
            name = f"{prefix}.{key.value.strip()}" if prefix else key.value.strip()
            self.value(value, name, _line(key), depth)

    def value(self, node: object, name: str, line: int | None, depth: int) -> None:
        import yaml

        if id(node) in self.seen:
            self.builder.note(line, f"'{visible(name)}' repeats entries read before (a YAML alias): left out")
            return
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            self.mapping(node, name, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            self.sequence(node, name, line, depth)
        elif isinstance(node, yaml.ScalarNode) and node.tag != _YAML_NULL and node.value.strip():
            self.builder.note(line, f"'{visible(name)}' holds one term, not a list: read as a list of one")
            category = self.builder.add_category(name, line)
            self.term(node, category)
        else:
            self.builder.note(line, f"category '{visible(name)}' has no terms: left out")

    def sequence(self, node: object, name: str, line: int | None, depth: int) -> None:
        import yaml

        assert isinstance(node, yaml.SequenceNode)
        if not node.value:
            self.builder.note(line, f"category '{visible(name)}' is an empty list: left out")
            return
        category: str | None = None
        for item in node.value:
            if isinstance(item, yaml.MappingNode):  # quanteda: a list may hold sub-categories next to terms
                self.value(item, name, _line(item), depth)
            elif isinstance(item, yaml.ScalarNode):
                if category is None:
                    category = self.builder.add_category(name, line)
                self.term(item, category)
            else:
                self.builder.note(_line(item), f"a list inside the list of '{visible(name)}': left out")

    def term(self, node: object, category: str) -> None:
        import yaml

        assert isinstance(node, yaml.ScalarNode)
        line = _line(node)
        if node.tag == _YAML_NULL:
            self.builder.note(line, f"an empty item in '{category}': left out")
            return
        if node.tag != _YAML_STRING:
            kind = _YAML_KINDS.get(node.tag, f"a {node.tag}")
            self.builder.note(line, f"'{visible(node.value)}' is read by YAML as {kind}, not text: kept as written")
        term = self.builder.usable(node.value, line)
        if term is not None:
            self.builder.add_term(category, term, line)


def _line(node: object) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _convert(
    dictionary: ImportedDictionary, focus: str, versus: str, name: str | None
) -> tuple[str, tuple[ImportNote, ...]]:
    """The TOML text and every note (the file's and the conversion's, by line)."""
    poles = (_pole(dictionary, focus, "--focus"), _pole(dictionary, versus, "--versus"))
    if poles[0] == poles[1]:
        raise LexiconError(
            dictionary.path, f"--focus and --versus both name '{poles[0]}': give two different categories"
        )
    order = [*poles, *(category for category in dictionary.categories if category not in poles)]
    notes: list[ImportNote] = []
    kept = _one_category_per_term(dictionary, order, poles, notes)
    kept = _without_redundant(dictionary, kept, order, notes)
    for category in order:
        if kept[category]:
            continue
        if category in poles:
            flag = "--focus" if category == poles[0] else "--versus"
            listed = len(dictionary.categories[category])
            why = (
                f"each of its {listed} terms is in an earlier category or matches only what another term matches"
                if listed
                else "it lists no term focuscount can use"
            )
            raise LexiconError(
                dictionary.path,
                f"the {flag} category '{category}' has no terms left ({why}): name another category "
                f"(categories: {', '.join(dictionary.categories)})",
                dictionary.category_lines.get(category),
            )
        line = dictionary.category_lines.get(category)
        notes.append(ImportNote(line, f"category '{category}' has no terms left: left out of the lexicon"))
    every = sorted([*dictionary.notes, *notes], key=lambda note: 0 if note.line is None else note.line)
    return _toml_text(dictionary, poles, kept, every, name), tuple(every)


def _pole(dictionary: ImportedDictionary, wanted: str, flag: str) -> str:
    """The category a pole names: by its name, or by the name as written in the file before it was renamed."""
    if wanted in dictionary.categories:
        return wanted
    for new, written in dictionary.original_names.items():
        if written == wanted:
            return new
    raise LexiconError(
        dictionary.path,
        f"{flag} names '{visible(wanted)}', which is not a category of this dictionary "
        f"(categories: {', '.join(dictionary.categories)})",
    )


def _one_category_per_term(
    dictionary: ImportedDictionary, order: list[str], poles: tuple[str, str], notes: list[ImportNote]
) -> dict[str, list[str]]:
    """Each term in the first of its categories in ``order``; a note for every other listing."""
    owner: dict[str, str] = {}
    kept: dict[str, list[str]] = {category: [] for category in dictionary.categories}
    dropped: list[ImportNote] = []
    for category in order:
        for term in dictionary.categories[category]:
            first = owner.setdefault(term.lower(), category)
            if first == category:
                kept[category].append(term)
                continue
            why = "the focus" if first == poles[0] else "the versus pole" if first == poles[1] else "listed first"
            dropped.append(
                ImportNote(
                    dictionary.term_lines.get((category, term)),
                    f"'{term}' is in both '{first}' and '{category}': focuscount counts a word in one category "
                    f"only, so it stays in '{first}' ({why})",
                )
            )
    notes.extend(sorted(dropped, key=lambda note: 0 if note.line is None else note.line))
    return kept


def _without_redundant(
    dictionary: ImportedDictionary, kept: dict[str, list[str]], order: list[str], notes: list[ImportNote]
) -> dict[str, list[str]]:
    """Leave out the terms the matcher would refuse: unmatchable, the same words twice, or covered in a category.

    LIWC lists "accept" and "accepts" side by side; focuscount matches lemmas, so "accepts"
    adds nothing and the matcher refuses the pair.  These are the matcher's own rules
    (focuscount.matching), applied here so that the converted lexicon always loads.
    """
    from focuscount.matching import _pattern, _pattern_key, _source
    from focuscount.nlp import get_pipeline

    pipeline = get_pipeline(_LANGUAGE)
    lines = dictionary.term_lines
    terms = [Term(text, category, lines.get((category, text))) for category in order for text in kept[category]]
    tokenised = pipeline.tokens_many(_source(term, False) for term in terms)
    patterns: list[Pattern] = []
    for number, (term, tokens) in enumerate(zip(terms, tokenised, strict=True)):
        try:
            patterns.append(_pattern(term, tokens, number))
        except LexiconError as error:
            notes.append(ImportNote(term.line, f"{error.message} in '{term.category}': left out"))
    by_key: dict[tuple, Pattern] = {}
    unique: list[Pattern] = []
    for pattern in patterns:
        key = _pattern_key([test.key for test in pattern.tests], pattern.joined)
        earlier = by_key.setdefault(key, pattern)
        if earlier is pattern:
            unique.append(pattern)
            continue
        notes.append(
            ImportNote(
                pattern.term.line,
                f"'{pattern.term.text}' in '{pattern.category}' matches the same words as "
                f"'{earlier.term.text}' in '{earlier.category}': left out",
            )
        )
    result: dict[str, list[str]] = {category: [] for category in kept}
    for pattern in unique:
        wider = _wider(pattern, by_key, pipeline)
        if wider is None:
            result[pattern.category].append(pattern.term.text)
            continue
        notes.append(
            ImportNote(
                pattern.term.line,
                f"'{pattern.term.text}' in '{pattern.category}' matches only words that '{wider}' matches too "
                "(focuscount matches every form of a word): left out",
            )
        )
    return result


def _wider(pattern: Pattern, by_key: dict[tuple, Pattern], pipeline: Pipeline) -> str | None:
    """The term of the same category that matches every word ``pattern`` matches, if one does."""
    from focuscount.matching import _covering_keys, _pattern_key

    choices = [_covering_keys(test, pipeline) for test in pattern.tests]
    if all(len(keys) == 1 for keys in choices):
        return None
    for keys in itertools.product(*choices):
        wider = by_key.get(_pattern_key(keys, pattern.joined))
        if wider is not None and wider is not pattern and wider.category == pattern.category:
            return wider.term.text
    return None


def _toml_text(
    dictionary: ImportedDictionary,
    poles: tuple[str, str],
    kept: dict[str, list[str]],
    notes: Iterable[ImportNote],
    name: str | None,
) -> str:
    notes = list(notes)
    source = visible(dictionary.path.name)
    out = [
        f"# Imported by focuscount from {source} ({dictionary.format}).",
        f"# {dictionary.format} files name no ratio: the focus and versus categories were named on import.",
        "# The other categories are report-only: counted and reported, never in the ratio.",
    ]
    if notes:
        out.append("#")
        out.append(f"# What the import could not take as written ({len(notes)}):")
        out.extend(f"#   {visible(str(note))}" for note in notes)
    out += [
        "",
        f"name = {_string(name or dictionary.path.stem)}",
        f"description = {_string(f'Imported from {dictionary.path.name} ({dictionary.format})')}",
        f'language = "{_LANGUAGE}"',
        "",
        "[ratio]",
        f'focus = "{poles[0]}"',
        f'versus = "{poles[1]}"',
    ]
    for category, terms in kept.items():
        if not terms:
            continue
        out.append("")
        if category not in poles:
            out.append("# report-only: not in [ratio]")
        out.append(f'[categories."{category}"]' if "." in category else f"[categories.{category}]")
        written = dictionary.original_names.get(category)
        if written is not None and written.strip():
            out.append(f"label = {_string(written.strip())}")
        out.append("terms = [")
        out.extend(f"    {_string(term)}," for term in terms)
        out.append("]")
    return "\n".join(out) + "\n"


def _string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's; TOML also forbids a raw DEL and lone surrogates)."""
    text = "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
