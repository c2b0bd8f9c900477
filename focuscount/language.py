"""``--language auto``: count each document with the lexicon of its own language.

A lexicon's *family* is the lexicon and its siblings in other languages, found by
file name next to it: ``library.toml`` with ``library-de.toml``, ``library-fr.toml``
… (each sibling names its ``language``).  Every member must make the same ratio
(the same focus and versus category names), so that documents in different
languages add up.  Each document's language is identified offline by py3langid (a
maintained fork of langid.py, its model shipped in the package: an optional extra,
``pip install 'focuscount[langid]'``), restricted to the family's languages; when it
is unsure, the document is counted with the lexicon given, and says so.
"""

from __future__ import annotations

import functools
import glob
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from focuscount.errors import ConfigError, LexiconError

if TYPE_CHECKING:  # the settings check the `language` value without loading the lexicon module
    from focuscount.lexicon import Lexicon

LanguageSetting = Literal["auto"]  # the one value of the language setting (None: the lexicon's own)
AUTO: LanguageSetting = "auto"
# Below this probability (among the family's languages) the identification is not trusted.
MIN_CONFIDENCE = 0.8
# Enough text to tell a language; a 300-page PDF need not be read twice over.
SAMPLE_CHARACTERS = 20_000
# Fewer letters than this say too little (an attendance list, a title slide).
MIN_LETTERS = 40
_SIBLING = re.compile(r"^(?P<stem>.+)-(?P<language>[a-z]{2,3})$")
INSTALL_HINT = "pip install 'focuscount[langid]' (or pip install py3langid)"


@dataclass(frozen=True)
class LexiconFamily:
    """A lexicon and its siblings in other languages, by language code."""

    base: Lexicon
    members: dict[str, Lexicon]

    @property
    def languages(self) -> tuple[str, ...]:
        """The family's languages, the base lexicon's first."""
        return (self.base.language, *(code for code in sorted(self.members) if code != self.base.language))


@dataclass(frozen=True)
class LanguageChoice:
    """The language a document was counted in, and why that one."""

    language: str
    lexicon: Lexicon
    confidence: float | None  # the identifier's probability; None when the text was too short to judge
    note: str | None = None  # said when the document fell back to the base lexicon


def _load(path: Path) -> Lexicon:
    from focuscount.lexicon import load_lexicon

    return load_lexicon(path)


def lexicon_family(lexicon: Lexicon) -> LexiconFamily:
    """``lexicon`` and the lexicons named ``STEM-xx.toml`` beside its file (``library`` → ``library-de`` …).

    A lexicon given as ``library-de`` has the same family as ``library``.  Raises
    :class:`LexiconError` when a sibling makes another ratio than ``lexicon``.
    """
    members = {lexicon.language: lexicon}
    if lexicon.path is None:
        return LexiconFamily(lexicon, members)
    folder, stem = lexicon.path.parent, lexicon.path.stem
    sibling = _SIBLING.match(stem)
    if sibling and (folder / f"{sibling['stem']}.toml").is_file():
        stem = sibling["stem"]
    candidates = [folder / f"{stem}.toml", *sorted(folder.glob(f"{glob.escape(stem)}-*.toml"))]
    for path in candidates:
        if not path.is_file() or path.resolve() == lexicon.path.resolve():
            continue
        if path.stem != stem and not _SIBLING.match(path.stem):
            continue
        member = _load(path)
        if (member.focus, member.versus) != (lexicon.focus, lexicon.versus):
            raise LexiconError(
                path,
                f"language auto counts with the lexicons beside {lexicon.path.name}, and this one makes another "
                f"ratio ({member.focus} / {member.versus}, not {lexicon.focus} / {lexicon.versus}): give both "
                "categories the same names, or move the file",
            )
        members.setdefault(member.language, member)
    return LexiconFamily(lexicon, members)


class LanguageIdentifier:
    """py3langid restricted to a set of languages (its model loads once per process: about two seconds)."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self._identifier = _identifier(languages)

    def identify(self, text: str) -> tuple[str | None, float]:
        """The most likely of :attr:`languages` for ``text``, with its probability (None: too little text)."""
        sample = text[:SAMPLE_CHARACTERS]
        if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
            return None, 0.0
        language, probability = self._identifier.classify(sample)
        return str(language), float(probability)


@functools.lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> Any:
    try:
        from py3langid.langid import MODEL_FILE
        from py3langid.langid import LanguageIdentifier as Py3LangId
    except ImportError as error:
        raise ConfigError(
            None, f"`language` auto needs the language identifier py3langid: {INSTALL_HINT}", parameters=("language",)
        ) from error
    identifier = Py3LangId.from_model_file(MODEL_FILE, norm_probs=True)
    known = [code for code in languages if code in identifier.nb_classes]
    unknown = sorted(set(languages) - set(known))
    if unknown:
        raise ConfigError(
            None,
            f"`language` auto cannot identify {', '.join(unknown)}: py3langid does not know it",
            parameters=("language",),
        )
    identifier.set_languages(known)
    return identifier


def choose(family: LexiconFamily, identifier: LanguageIdentifier, text: str) -> LanguageChoice:
    """The lexicon to count ``text`` with: its language's, or the base lexicon's when unsure."""
    base = family.base
    if len(family.members) == 1:
        return LanguageChoice(base.language, base, None)
    language, probability = identifier.identify(text)
    if language is None:
        note = f"too little text to tell its language: counted with {base.name} ({base.language})"
        return LanguageChoice(base.language, base, None, note)
    if probability < MIN_CONFIDENCE:
        note = (
            f"language unsure ({language} at {probability:.2f}, below {MIN_CONFIDENCE:.2f}): "
            f"counted with {base.name} ({base.language})"
        )
        return LanguageChoice(base.language, base, probability, note)
    return LanguageChoice(language, family.members[language], probability)


def check_language(value: str | None) -> LanguageSetting | None:
    """The ``language`` setting: None (the lexicon's own) or ``auto``."""
    if value is None or value == AUTO:
        return value
    raise ConfigError(
        None,
        f"`language` must be '{AUTO}' (each document counted with the lexicon of its own language), not {value!r}; "
        "to count in one language, choose its `lexicon` (e.g. library-de)",
        parameters=("language", "lexicon"),
    )
