"""Speaker labels with a number or a bracketed affiliation: transcripts of meetings and talks name speakers so."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import lexicon_from

import focuscount
from focuscount.structure import speaker_label

LEXICON = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["member", "patron", "audience"]
[categories.institution]
terms = ["library", "budget", "van"]
"""


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("MEMBER (Hollins Creek): Can I ask about the van", ("Member (Hollins Creek)", 24)),
        ("MEMBER (Treasurer, Quail Run): Short version: we ended the year", ("Member (Treasurer, Quail Run)", 31)),
        ("AUDIENCE MEMBER 2: thanks, a question about hours", ("Audience Member 2", 19)),
        ("Kim Lee (Branch Manager): we saw more families", ("Kim Lee (Branch Manager)", 26)),
        # A bracket of digits is a year or a count, not who speaks; a topic stays a topic.
        ("Patrons (2024): numbers rose by a tenth", None),
        ("Budget (draft): the figures are in the pack", None),
    ],
)
def test_speaker_labels_with_numbers_and_affiliations(line: str, speaker: tuple[str, int] | None) -> None:
    assert speaker_label(line, lambda word: word in {"member", "patron", "audience", "budget"}) == speaker


def test_a_cooperative_meetings_members_speak_and_are_not_counted(tmp_path: Path) -> None:
    text = (
        "CHAIR: Thank you all for coming.\n"
        "MEMBER (Hollins Creek): Our patrons are waiting nine days for the van.\n"
        "MEMBER (Quail Run): Same for us; the budget is the problem.\n"
        "AUDIENCE MEMBER 1: could members of the library join the van run?\n"
    )
    path = tmp_path / "2024-05-01-cooperative.txt"
    path.write_text(text, encoding="utf-8")
    (counts,) = focuscount.analyze([path], lexicon_from(LEXICON), breakdowns=["speaker"]).documents
    # patrons, members (customer); van, budget, library, van (institution): no label counts
    assert counts.counts == {"customer": 2, "institution": 4}
