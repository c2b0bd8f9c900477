"""The shipped German, French, Spanish and Dutch library lexicons, on sentences from fictional meetings.

Each sentence has its exact customer and institution counts: gendered and plural
forms count, and the traps of each language (a compound, an adjective, a verb
lemma, a set phrase) count nowhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import count_text, matched

from focuscount.analysis import analyze
from focuscount.lexicon import Lexicon, load_lexicon, parse_lexicon, shipped_lexicons
from focuscount.nlp import get_pipeline

LANGUAGES = ("de", "fr", "es", "nl")

DE = [
    ("Die Kundinnen und Kunden wünschen sich längere Öffnungszeiten am Samstag.", 2, 0),
    ("Frau Berger berichtet, dass die Nutzerinnen und Nutzer das neue Selbstverbuchungsterminal gut annehmen.", 2, 0),
    ("Für Kund*innen mit Sehbehinderung wird ein Vorleseangebot geplant.", 1, 0),
    ("Die Bibliotheksleitung legt den Haushaltsentwurf für 2025 vor.", 0, 2),
    ("Der Bestand an Sachbüchern wird durchgesehen, veraltete Bestände werden ausgesondert.", 0, 2),
    ("Zwei Mitarbeitende der Stadtbücherei besuchen eine Fortbildung zur Katalogisierung.", 0, 3),
    ("Die Jugendlichen wünschen sich einen eigenen Raum, die Eltern einen Wickeltisch.", 2, 0),
    ("Die Zahl der Besucherinnen und Besucher ist gegenüber dem Vorjahr um 8 % gestiegen.", 2, 0),
    ("Der Bürgermeister dankt den Bürgerinnen und Bürgern für ihre Spenden.", 2, 0),
    ("Das Benutzerkonto im Katalog wird auf eine Zwei-Faktor-Anmeldung umgestellt.", 0, 1),
    ("Die Prüfung der Brandschutzanlage wurde bestanden.", 0, 0),
    ("Für Schülerinnen und Schüler der Grundschule werden Klassenführungen angeboten.", 2, 0),
    ("Die Fördermittel des Landes decken die Sanierung des Gebäudes nicht vollständig.", 0, 2),
    ("Der Förderverein der Bibliothek lädt zum Bücherflohmarkt ein.", 0, 0),
    ("Die Verwaltung prüft, ob die Benutzungsordnung geändert werden muss.", 0, 2),
    ("Seniorinnen und Senioren nutzen das Angebot „Digital im Alter“ rege.", 2, 0),
    ("Die Kinder und Familien kamen zahlreich zum Vorlesetag; Kundgebungen gab es keine.", 2, 0),
    ("Die Leserinnen und Leser können ihren Bibliotheksausweis jetzt online verlängern.", 2, 0),
]
FR = [
    ("Les usagers et les usagères demandent une ouverture le dimanche.", 2, 0),
    ("Les usager·ères du secteur jeunesse apprécient les nouveaux bacs.", 1, 0),
    ("Les lectrices et les lecteurs ont emprunté davantage de bandes dessinées.", 2, 0),
    ("Le personnel de la médiathèque suivra une formation sur le nouveau catalogue.", 0, 3),
    ("Des actions en direction des familles et des adolescents sont prévues cet été.", 2, 0),
    ("La direction présente le budget primitif et les subventions attendues.", 0, 3),
    ("Le point est inscrit à l'ordre du jour de la prochaine séance.", 0, 0),
    ("Les abonnées et abonnés ont reçu un courriel de rappel.", 2, 0),
    ("La politique documentaire sera revue pour les fonds patrimoniaux.", 0, 2),
    ("Le traitement des données personnelles des usagers respecte le RGPD.", 1, 0),
    ("La lecture publique reste une priorité de la commune.", 0, 0),
    ("Le public scolaire représente un tiers des visiteurs.", 2, 0),
    ("Une visiteuse a signalé un problème d'accessibilité du bâtiment.", 1, 1),
    ("Le compte lecteur permet de prolonger les prêts en ligne.", 0, 0),
    ("Les bibliothécaires proposent un atelier pour les demandeurs d'emploi.", 1, 1),
    ("Les ressources numériques sont peu connues des étudiants et des personnes âgées.", 2, 1),
    ("L'équipe a revu la procédure de gestion des réservations.", 0, 3),
]
ES = [
    ("Los usuarios y las usuarias piden ampliar el horario de apertura.", 2, 0),
    ("Las lectoras del club de lectura proponen nuevos títulos.", 1, 0),
    ("El personal de la biblioteca asistirá a un curso de catalogación.", 0, 2),
    ("Se presentan las colecciones nuevas y el presupuesto para 2025.", 0, 2),
    ("Las políticas de préstamo se revisarán en el próximo trimestre.", 0, 1),
    ("El tratamiento de los datos personales de los socios cumple la normativa.", 1, 1),
    ("El espacio público frente al edificio se usará para la feria del libro.", 0, 1),
    ("La atención al público se reforzará los sábados.", 1, 0),
    ("Las niñas y los niños del barrio participaron en la hora del cuento.", 2, 0),
    ("Se revisará a fondo el procedimiento de reservas.", 0, 1),
    ("Los vecinos y vecinas agradecen la nueva sala de estudio.", 2, 0),
    ("La bibliotecaria presentó la guía de lectura para personas mayores.", 1, 1),
    ("El lector de pantalla del ordenador 3 no funciona.", 0, 0),
    ("Los jóvenes y sus familias valoran el servicio de préstamo de portátiles.", 2, 0),
    ("La dirección de correo de la biblioteca cambiará en marzo.", 0, 1),
    ("La gestión administrativa de las subvenciones ocupa mucho tiempo.", 0, 3),
    ("Los estudiantes piden más enchufes en la sala.", 1, 0),
]
NL = [
    ("De klanten vragen om langere openingstijden op zaterdag.", 1, 0),
    ("Gebruikers en bezoekers waarderen de nieuwe leestafel.", 2, 0),
    ("Het personeel van de bibliotheek volgt een cursus over de catalogus.", 0, 3),
    ("De begroting voor 2025 en het subsidieverzoek worden besproken.", 0, 2),
    ("Kinderen en ouders kwamen in groten getale naar de voorleesochtend.", 2, 0),
    ("De medewerkers evalueren het collectiebeleid.", 0, 2),
    ("Het beleid rond laaggeletterden wordt uitgebreid.", 1, 1),
    ("Inwoners kunnen hun gebruikersnaam nu zelf wijzigen.", 1, 0),
    ("De leden van het bestuur zijn ouder dan gemiddeld.", 0, 0),
    ("Jongeren en studenten gebruiken de studieplekken intensief.", 2, 0),
    ("Het gebouw heeft een nieuw dak nodig; de middelen ontbreken.", 0, 2),
    ("Senioren volgen de cursus digitale vaardigheden.", 1, 0),
    ("De klanttevredenheid is gestegen volgens het onderzoek onder lezers.", 2, 0),
    ("Burgerzaken verhuist naar het nieuwe stadskantoor.", 0, 0),
    ("De afdeling bedrijfsvoering stelt de procedure voor inkoop op.", 0, 3),
    ("Nieuwkomers krijgen een rondleiding door een vrijwilliger.", 1, 0),
    ("De gezinnen met jonge kinderen lenen veel prentenboeken.", 2, 0),
]

SENTENCES = {"de": DE, "fr": FR, "es": ES, "nl": NL}


def shipped(language: str) -> Lexicon:
    return load_lexicon(shipped_lexicons()[f"library-{language}"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_lexicon_is_the_library_lexicon_in_its_language(language: str) -> None:
    lexicon = shipped(language)
    assert (lexicon.name, lexicon.language) == (f"library-{language}", language)
    assert (lexicon.focus, lexicon.versus) == ("customer", "institution")
    assert get_pipeline(language).name == f"spacy.blank('{language}') + lookup lemmas"


@pytest.mark.parametrize(
    ("language", "text", "customer", "institution"),
    [(language, *row) for language, rows in SENTENCES.items() for row in rows],
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_sentence_counts(language: str, text: str, customer: int, institution: int) -> None:
    counts = count_text(text, shipped(language)).counts
    assert (counts.get("customer", 0), counts.get("institution", 0)) == (customer, institution), matched(
        text, shipped(language)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_fifteen_sentences_with_traps(language: str) -> None:
    rows = SENTENCES[language]
    assert len(rows) >= 15
    assert any(customer == institution == 0 for _, customer, institution in rows)


# Every form of a customer word counts, feminine and plural alike, by lemma or by wildcard.
FORMS = [
    ("de", "kunde*", ["Kunde", "Kunden", "KUNDEN"]),
    ("de", "kundin*", ["Kundin", "Kundinnen"]),
    ("de", "kund*innen", ["Kund*innen"]),
    ("de", "nutzer*", ["Nutzer", "Nutzern", "Nutzerinnen", "Nutzer*innen", "NutzerInnen"]),
    ("de", "bürgerin*", ["Bürgerin", "Bürgerinnen"]),
    ("de", "bürger", ["Bürgern", "Bürgers"]),
    ("fr", "usager", ["usager", "usagers", "Usagers", "usagères"]),
    ("fr", "usagère", ["usagère"]),
    ("fr", "usager·*", ["usager·ères", "usager·e·s"]),
    ("fr", "lecteur", ["lecteurs", "lectrice", "lectrices"]),
    ("fr", "abonné*", ["abonné", "abonnés", "abonnée", "abonnées"]),
    ("fr", "visiteur", ["visiteurs", "visiteuses"]),
    ("fr", "visiteuse", ["visiteuse"]),
    ("es", "usuario", ["usuario", "usuarios", "usuaria", "usuarias"]),
    ("es", "lector", ["lectores", "lectora", "lectoras"]),
    ("es", "niño", ["niños", "niña", "niñas"]),
    ("es", "ciudadano", ["ciudadanos", "ciudadana", "ciudadanas"]),
    ("nl", "klant*", ["klant", "klanten", "Klanten"]),
    ("nl", "gebruiker*", ["gebruiker", "gebruikers"]),
    ("nl", "lezer*", ["lezers", "lezeres"]),
    ("nl", "bezoekster*", ["bezoekster", "bezoeksters"]),
]


@pytest.mark.parametrize(("language", "term", "words"), FORMS, ids=lambda value: str(value))
def test_gendered_and_plural_forms_count_as_customers(language: str, term: str, words: list[str]) -> None:
    for word in words:
        assert matched(word, shipped(language)) == [("customer", term, word)], word


# Words that look like a term and are not: each must count nowhere.
NOT_COUNTED = [
    ("de", "Die Kundgebung vor dem Rathaus war angemeldet."),
    ("de", "Der Bürgermeister und die Bürgermeisterin eröffnen das Fest."),
    ("de", "Alle haben die Prüfung bestanden."),
    ("de", "Das neue Benutzerkonto und die Benutzeroberfläche funktionieren."),
    ("fr", "Le point est inscrit à l'ordre du jour."),
    ("fr", "Un matériel usagé et l'usage du parking."),
    ("fr", "La lecture publique et les marchés publics."),
    ("fr", "L'interface utilisateur et le lecteur DVD."),
    ("es", "El espacio público y el sector público."),
    ("es", "Se revisará a fondo, al fondo de la sala."),
    ("es", "Los políticos de la oposición."),
    ("es", "La interfaz de usuario y el lector de pantalla."),
    ("nl", "De leden van het bestuur zijn ouder dan gemiddeld."),
    ("nl", "Burgerzaken en de gebruikersnaam."),
]


@pytest.mark.parametrize(("language", "text"), NOT_COUNTED, ids=lambda value: str(value)[:40])
def test_look_alikes_count_nowhere(language: str, text: str) -> None:
    counts = count_text(text, shipped(language)).counts
    assert (counts.get("customer", 0), counts.get("institution", 0)) == (0, 0), matched(text, shipped(language))


def test_shipped_language_lexicon_analyzes_a_dated_file(tmp_path: Path) -> None:
    minutes = tmp_path / "2025-03-04-vergadering.txt"
    minutes.write_text(
        "Verslag van de vergadering\n\n"
        "De klanten en bezoekers vragen om meer studieplekken.\n"
        "Het personeel van de bibliotheek stelt een nieuwe procedure voor.\n",
        encoding="utf-8",
    )
    result = analyze([minutes], shipped("nl"))
    assert result.counts == {"customer": 2, "institution": 3}
    assert result.pipeline == "spacy.blank('nl') + lookup lemmas"


FINNISH = """
name = "kirjasto"
language = "fi"

[ratio]
focus = "customer"
versus = "institution"

[categories.customer]
terms = ["asiakas"]

[categories.institution]
terms = ["kirjasto"]
"""


def test_language_without_lookup_table_matches_words_as_written_ignoring_case() -> None:
    # spacy-lookups-data has no Finnish lemma table: no lemmas, only the word itself, in any case.
    lexicon = parse_lexicon(FINNISH)
    assert get_pipeline("fi").name == "spacy.blank('fi') + no lemmas"
    counts = count_text("Asiakas, ASIAKAS ja asiakkaat tulivat kirjastoon; kirjasto on auki.", lexicon).counts
    assert counts == {"customer": 2, "institution": 1}


def test_a_language_without_lemmas_is_warned_about(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from focuscount.cli import cli

    lexicon = tmp_path / "kirjasto.toml"
    lexicon.write_text(
        'name = "kirjasto"\nlanguage = "fi"\n[ratio]\nfocus = "asiakas"\nversus = "kirjasto"\n'
        '[categories.asiakas]\nterms = ["asiakas"]\n[categories.kirjasto]\nterms = ["kirjasto"]\n',
        encoding="utf-8",
    )
    minutes = tmp_path / "2025-02-11-kokous.txt"
    minutes.write_text("Asiakas kysyi aukioloajoista. Asiakkaat ja kirjasto.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(minutes), "-l", str(lexicon)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("spaCy has no lookup lemmas for language 'fi'") == 1
    assert f"focuscount: warning: {lexicon}: spaCy has no lookup lemmas" in result.stderr
    english = CliRunner().invoke(cli, ["analyze", str(minutes)])
    assert "no lookup lemmas" not in english.stderr


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("kunden", "kunde"), ("bibliotheken", "bibliothek"), ("familien", "familie"), ("bürgern", "bürger"),
     ("ging", "gehen"), ("nutzerinnen", "nutzerinnen")],
)  # fmt: skip
def test_german_nouns_are_lemmatised_from_their_capitalised_form(word: str, lemma: str) -> None:
    """The German lookup table lists nouns capitalised; a lower-cased noun finds its lemma there."""
    from focuscount.nlp import Pipeline

    assert Pipeline("de").lemma(word) == lemma
