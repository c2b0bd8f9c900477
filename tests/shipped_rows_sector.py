"""Rows of tests/test_shipped_terms.py for the sector lexicons: (lexicon, term, lemmas, match, no_match).

One row for every term of these lexicons holding a word whose lookup lemma is another word
(see the DIFFERING table there for what each field means).
"""

from __future__ import annotations

ROWS: list[tuple[str, str, dict[str, str], tuple[str, ...], tuple[str, ...]]] = [
    # oss-governance
    (
        "oss-governance",
        "steering committee",
        {"steering": "steer"},
        ("steering committee", "steering committees", "steering committee's"),
        ("steer committee", "steered committee"),
    ),
    (
        "oss-governance",
        "working group",
        {"working": "work"},
        ("working group", "working groups", "working group's"),
        ("work group", "worked group", "works group"),
    ),
    (
        "oss-governance",
        "tooling",
        {"tooling": "tool"},
        ("tooling", "tooling's"),
        ("tool", "tools", "tooled"),
    ),
    # The verb of "process" is an ignore term: it wins over "process" on a tie in length.
    ("oss-governance", "processing", {"processing": "process"}, ("processing", "Processing"), ("process", "processes")),
    ("oss-governance", "processed", {"processed": "process"}, ("processed", "PROCESSED"), ("process", "processes")),
    # higher-ed
    (
        "higher-ed",
        "ranking",
        {"ranking": "rank"},
        ("ranking", "rankings", "Rankings"),
        ("rank", "ranks", "ranked"),
    ),
    ("higher-ed", "funding", {"funding": "fund"}, ("funding", "fundings", "Funding's"), ("fund", "funded", "funds")),
    # public-sector
    (
        "public-sector",
        "funding",
        {"funding": "fund"},
        ("funding", "fundings", "Funding's"),
        ("fund", "funded", "funds"),
    ),
    # health
    ("health", "funding", {"funding": "fund"}, ("funding", "fundings", "Funding's"), ("fund", "funded", "funds")),
    # business
    ("business", "processing", {"processing": "process"}, ("processing", "Processing"), ("process", "processes")),
    ("business", "processed", {"processed": "process"}, ("processed", "PROCESSED"), ("process", "processes")),
]
