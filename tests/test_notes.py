"""``--notes include|exclude``: speaker notes of slides are read by default and can be left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import focuscount
from focuscount.cli import cli
from focuscount.evidence import iter_evidence
from focuscount.reading import ReadingRules

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("name", ["deck.pptx", "deck.odp"])
def test_notes_are_included_by_default_and_can_be_left_out(name: str) -> None:
    (included,) = focuscount.analyze([FIXTURES / name]).documents
    (excluded,) = focuscount.analyze([FIXTURES / name], options=focuscount.ReadOptions(notes="exclude")).documents
    # the notes of slide 2 hold 6 words and one customer term; slide 3's institution terms are
    # Budget, Resources, Administration and costs ("Administration costs rose slightly")
    none = {"community": 0, "partners": 0}  # the default lexicon's report-only categories
    assert (included.words, included.counts) == (30, {"customer": 4, "institution": 5, **none})
    assert (excluded.words, excluded.counts) == (24, {"customer": 3, "institution": 5, **none})


def test_explain_says_which_hits_are_in_the_notes() -> None:
    hits = [item.hit for item in iter_evidence([FIXTURES / "deck.pptx"])]
    assert [str(hit.location) for hit in hits if hit.in_notes] == ["slide 2 (notes)"]
    result = CliRunner().invoke(cli, ["explain", str(FIXTURES / "deck.pptx"), "-f", "json"])
    records = json.loads(result.output)["hits"]
    assert [(record["location"], record["notes"]) for record in records if record["notes"]] == [("slide 2 (notes)", True)]
    assert sum(not record["notes"] for record in records) == 8  # 3 customer, 5 institution


def test_cli_setting_and_variable(tmp_path: Path) -> None:
    deck = str(FIXTURES / "deck.pptx")
    runner = CliRunner()

    def customer(*args: str, env: dict[str, str] | None = None) -> int:
        result = runner.invoke(cli, ["analyze", deck, "-f", "json", *args], env=env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["documents"][0]["counts"]["customer"]

    assert customer() == 4
    assert customer("--notes", "exclude") == 3
    assert customer(env={"FOCUSCOUNT_NOTES": "exclude"}) == 3
    settings = tmp_path / "focuscount.toml"
    settings.write_text('notes = "exclude"\n', encoding="utf-8")
    assert customer("--config", str(settings)) == 3
    assert customer("--config", str(settings), "--notes", "include") == 4
    settings.write_text('notes = "skip"\n', encoding="utf-8")
    bad = runner.invoke(cli, ["analyze", deck, "--config", str(settings)])
    assert bad.exit_code == 2
    assert "'notes' must be one of include, exclude, not 'skip'" in bad.output
    wrong = runner.invoke(cli, ["analyze", deck, "--notes", "skip"])
    assert wrong.exit_code == 2


def test_reading_rules_refuse_an_unknown_choice() -> None:
    with pytest.raises(ValueError, match="notes must be one of include, exclude"):
        ReadingRules(notes="skip")  # type: ignore[arg-type]
