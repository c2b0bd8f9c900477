"""--language auto: each document counted with the lexicon of its own language."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount import ReadOptions, analyze, work
from focuscount.cli import cli
from focuscount.config import Settings, apply_environment, read_config
from focuscount.errors import ConfigError, LexiconError
from focuscount.language import LanguageIdentifier, _identifier, choose, lexicon_family
from focuscount.lexicon import load_lexicon

pytest.importorskip("py3langid", reason="py3langid is the optional language identifier (make test installs it)")

GERMAN = """\
PROTOKOLL DER SITZUNG DES BIBLIOTHEKSBEIRATS
Anwesend: Frau Albers, Herr Brandt, Frau Celik

1. Die Kundinnen und Kunden der Stadtbibliothek wünschen sich längere Öffnungszeiten am Samstag.
2. Die Leiterin berichtete, dass das Personal knapp ist und der Haushalt für das nächste Jahr noch
nicht beschlossen wurde. Viele Familien und Jugendliche nutzen den neuen Lernraum.
"""
FRENCH = """\
Compte rendu du conseil de la médiathèque du 14 mars

Les usagers et les usagères demandent des horaires élargis le samedi. La directrice indique que le
personnel manque et que le budget de l'année prochaine n'est pas encore voté. Les familles apprécient
le nouvel espace, et les lecteurs aussi.
"""
ENGLISH = """\
Board minutes. Patrons asked for longer Saturday hours; the director said staffing is short and the
budget for next year is not yet approved. Families and teens use the new study room.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2024-05-01-beirat.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "2024-05-02-conseil.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "2024-05-03-board.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "2024-05-04-attendance.txt").write_text("Present: A. Albers, B. Brandt\n", encoding="utf-8")
    return folder


def test_the_library_family_holds_every_shipped_language() -> None:
    family = lexicon_family(load_lexicon("library"))
    assert family.languages == ("en", "de", "es", "fr", "nl")
    assert {code: lexicon.name for code, lexicon in family.members.items()} == {
        "en": "library", "de": "library-de", "es": "library-es", "fr": "library-fr", "nl": "library-nl",
    }  # fmt: skip
    # A sibling given names the same family.
    assert lexicon_family(load_lexicon("library-de")).languages == ("de", "en", "es", "fr", "nl")


def test_a_lexicon_without_siblings_is_its_own_family() -> None:
    assert lexicon_family(load_lexicon("health")).languages == ("en",)


def _lexicon(focus: str, language: str) -> str:
    return (
        f'language = "{language}"\n[ratio]\nfocus = "{focus}"\nversus = "institution"\n'
        f'[categories.{focus}]\nterms = ["kunde"]\n[categories.institution]\nterms = ["bibliothek"]\n'
    )


def test_a_sibling_with_another_ratio_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ours.toml").write_text(_lexicon("customer", "en"), encoding="utf-8")
    (tmp_path / "ours-de.toml").write_text(_lexicon("kunden", "de"), encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        lexicon_family(load_lexicon(tmp_path / "ours.toml"))
    assert caught.value.path == tmp_path / "ours-de.toml"
    assert caught.value.message == (
        "language auto counts with the lexicons beside ours.toml, and this one makes another ratio "
        "(kunden / institution, not customer / institution): give both categories the same names, or move the file"
    )


def test_choose_falls_back_to_the_lexicon_given_and_says_why() -> None:
    family = lexicon_family(load_lexicon("library"))
    identifier = LanguageIdentifier(family.languages)
    german = choose(family, identifier, GERMAN)
    assert (german.language, german.lexicon.name, german.note) == ("de", "library-de", None)
    assert german.confidence is not None and german.confidence > 0.99
    short = choose(family, identifier, "Present: A. Albers")
    assert (short.language, short.lexicon.name, short.confidence) == ("en", "library", None)
    assert short.note == "too little text to tell its language: counted with library (en)"


def test_each_document_is_counted_in_its_own_language(corpus: Path) -> None:
    analysis = analyze([corpus], "library", options=ReadOptions(language="auto"))
    by_name = {c.document.path.name: c for c in analysis.documents}
    german, french, english = (by_name[name] for name in ("2024-05-01-beirat.txt", "2024-05-02-conseil.txt",
                                                          "2024-05-03-board.txt"))  # fmt: skip
    assert (german.language, german.lexicon_name) == ("de", "library-de")
    # Kundinnen, Kunden, Familien, Jugendliche vs BIBLIOTHEKSBEIRATS (the heading), Stadtbibliothek, Personal,
    # Haushalt; the attendance line is a label.
    assert (german.counts["customer"], german.counts["institution"]) == (4, 4)
    assert (french.language, french.lexicon_name) == ("fr", "library-fr")
    assert (french.counts["customer"], french.counts["institution"]) == (4, 3)
    assert (english.language, english.lexicon_name) == ("en", "library")
    assert analysis.lexicons_used == {"library": 2, "library-de": 1, "library-fr": 1}
    assert analysis.pipeline == (
        "spacy.blank('en') + lookup lemmas, spacy.blank('de') + lookup lemmas, spacy.blank('fr') + lookup lemmas"
    )
    # Without auto, English terms find nothing in German.
    plain = {c.document.path.name: c for c in analyze([corpus], "library").documents}
    assert plain["2024-05-01-beirat.txt"].counts["customer"] == 0
    assert plain["2024-05-01-beirat.txt"].language is None


def test_cli_language_auto(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "--language", "auto"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        "Documents (lexicon: by language: library 2, library-de 1, library-fr 1; ratio = customer / "
    )
    assert result.stderr == (
        f"focuscount: warning: {corpus / '2024-05-04-attendance.txt'}: too little text to tell its language: "
        "counted with library (en)\n"
    )
    data = json.loads(CliRunner().invoke(cli, ["analyze", str(corpus), "--language", "auto", "-f", "json"]).stdout)
    assert data["lexicon"]["by_language"] == {"library": 2, "library-de": 1, "library-fr": 1}
    assert [(d["language"], d["lexicon"]) for d in data["documents"]] == [
        ("de", "library-de"), ("fr", "library-fr"), ("en", "library"), ("en", "library"),
    ]  # fmt: skip


def test_cli_refuses_another_language_value(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "--language", "de"])
    assert result.exit_code == 2
    assert "'de' is not 'auto'" in result.output


def test_settings_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "focuscount.toml"
    config.write_text('language = "auto"\n', encoding="utf-8")
    assert read_config(config).language == "auto"
    config.write_text('language = "de"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(config)
    assert caught.value.line == 1
    assert caught.value.message.startswith("`language` must be 'auto' (each document counted with the lexicon")
    assert apply_environment(Settings(), {"FOCUSCOUNT_LANGUAGE": "auto"}).language == "auto"
    with pytest.raises(ConfigError, match="FOCUSCOUNT_LANGUAGE must be 'auto'"):
        apply_environment(Settings(), {"FOCUSCOUNT_LANGUAGE": "fr"})


def test_without_the_identifier_the_error_says_what_to_install(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _identifier.cache_clear()
    monkeypatch.setattr(work, "_job", None)  # this process may hold the matchers of an earlier run of the same job
    monkeypatch.setitem(sys.modules, "py3langid", None)
    monkeypatch.setitem(sys.modules, "py3langid.langid", None)
    try:
        result = CliRunner().invoke(cli, ["analyze", str(corpus), "--language", "auto"])
    finally:
        _identifier.cache_clear()
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --language auto needs the language identifier py3langid: pip install 'focuscount[langid]' "
        "(or pip install py3langid)\n"
    )
