"""Rows of tests/test_shipped_terms.py for the language lexicons: (lexicon, term, lemmas, match, no_match).

One row for every term of these lexicons holding a word whose lookup lemma is another word
(see the DIFFERING table there for what each field means).
"""

from __future__ import annotations

ROWS: list[tuple[str, str, dict[str, str], tuple[str, ...], tuple[str, ...]]] = [
    # French.
    ("library-fr", "des publics", {"des": "un", "publics": "public"}, ("des publics", "Des Publics"), ("de public",)),
    ("library-fr", "jeunes", {"jeunes": "jeune"}, ("jeunes", "Jeunes"), ("jeune", "jeunesse")),
    (
        "library-fr",
        "personnes âgées",
        {"personnes": "personne", "âgées": "âgé"},
        ("personnes âgées", "Personnes Âgées"),
        ("personnes âgés",),
    ),
    ("library-fr", "personne âgée", {"âgée": "âgé"}, ("personne âgée", "personnes âgée"), ("personne âgé",)),
    ("library-fr", "demandeur d'emploi", {"d'": "de"}, ("demandeur d'emploi", "demandeurs d'emploi"), ()),
    (
        "library-fr",
        "données personnelles",
        {"données": "donner", "personnelles": "personnel"},
        ("données personnelles", "Données personnelles"),
        ("donnée personnelle",),
    ),
    (
        "library-fr",
        "en direction des",
        {"des": "un"},
        ("en direction des", "En direction des"),
        ("en direction de", "en direction un"),
    ),
    ("library-fr", "nom d'utilisateur", {"d'": "de"}, ("nom d'utilisateur", "noms d'utilisateurs"), ()),
    ("library-fr", "lecteur d'écran", {"d'": "de"}, ("lecteur d'écran", "lecteurs d'écran"), ()),
    (
        "library-fr",
        "Amis de la bibliothèque",
        {"amis": "ami", "la": "le"},
        ("Amis de la bibliothèque", "amis de la Bibliothèque"),
        ("Ami de la bibliothèque", "amis de le bibliothèque"),
    ),
    # Spanish.
    (
        "library-es",
        "personas mayores",
        {"personas": "personar", "mayores": "mayor"},
        ("personas mayores", "Personas Mayores"),
        ("persona mayor",),
    ),
    (
        "library-es",
        "demandante de empleo",
        {"empleo": "emplear"},
        ("demandante de empleo", "demandantes de empleo"),
        (),
    ),
    ("library-es", "colecciones", {"colecciones": "coleccionar"}, ("colecciones", "Colecciones"), ("coleccionar",)),
    (
        "library-es",
        "subvenciones",
        {"subvenciones": "subvencionar"},
        ("subvenciones", "Subvenciones"),
        ("subvencionar", "subvencionado"),
    ),
    (
        "library-es",
        "presupuesto",
        {"presupuesto": "presupuestar"},
        ("presupuesto", "presupuestos", "Presupuestos"),
        ("presupuestar", "presupuestado"),
    ),
    ("library-es", "política", {"política": "político"}, ("política", "Política"), ("político", "políticos")),
    ("library-es", "políticas", {"políticas": "político"}, ("políticas", "Políticas"), ("político", "políticos")),
    ("library-es", "normativa", {"normativa": "normativo"}, ("normativa", "Normativa"), ("normativo",)),
    ("library-es", "normativas", {"normativas": "normativo"}, ("normativas",), ("normativo", "normativos")),
    (
        "library-es",
        "reglamento",
        {"reglamento": "reglamentar"},
        ("reglamento", "reglamentos"),
        ("reglamentar", "reglamentado"),
    ),
    ("library-es", "datos personales", {"datos": "dato", "personales": "personal"}, ("datos personales",), ()),
    ("library-es", "dirección de correo", {"correo": "correar"}, ("dirección de correo", "dirección de correos"), ()),
    ("library-es", "cuenta de usuario", {"cuenta": "contar"}, ("cuenta de usuario", "cuentas de usuarios"), ()),
    ("library-es", "nombre de usuario", {"nombre": "nombrar"}, ("nombre de usuario", "nombres de usuario"), ()),
    (
        "library-es",
        "lector de libros electrónicos",
        {"libros": "libro", "electrónicos": "electrónico"},
        ("lector de libros electrónicos", "lectores de libros electrónicos"),
        ("lector de libro electrónico",),
    ),
    (
        "library-es",
        "Amigos de la Biblioteca",
        {"amigos": "amigo", "la": "lo"},
        ("Amigos de la Biblioteca", "amigos de la biblioteca"),
        ("Amigo de la Biblioteca",),
    ),
    # German: the lookup table lists nouns capitalised, and a lower-cased noun finds its lemma there.
    (
        "library-de",
        "räumlichkeiten",
        {"räumlichkeiten": "räumlichkeit"},
        ("räumlichkeiten", "Räumlichkeiten"),
        ("Räumlichkeit",),
    ),
    # Dutch.
    ("library-nl", "senioren", {"senioren": "senior"}, ("senioren", "Senioren"), ("senior", "seniore")),
]
