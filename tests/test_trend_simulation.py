"""The trend rule on simulated minutes: a flat process is rarely called a change, a real rise is found."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from focuscount.model import Document, DocumentCounts, ratio_of
from focuscount.timeline import NO_CLEAR_CHANGE, RISING, group, trend

RUNS = 200


def meeting(day: dt.date, customer: int, institution: int, number: int) -> DocumentCounts:
    document = Document(Path(f"{day.isoformat()}-{number}.txt"), "txt", (), date=day, date_precision="day")
    return DocumentCounts(document, 1000, {"customer": customer, "institution": institution}, {}, ratio_of(customer, institution))


def simulate(seed: int, ratio_at: float, rise_per_year: float, periods: int = 12) -> str:
    """Quarterly periods of one to three meetings; each meeting's own ratio wanders around the period's."""
    rng = random.Random(seed)
    documents = []
    for quarter in range(periods):
        day = dt.date(2020, 1, 15) + dt.timedelta(days=round(quarter * 365.2425 / 4))
        expected = ratio_at + rise_per_year * quarter / 4
        for number in range(rng.randint(1, 3)):
            # meetings differ (one is about the budget, one about a new service): overdispersion
            share = min(max(rng.betavariate(expected * 20, (1 - expected) * 20), 0.0), 1.0)
            hits = rng.randint(15, 60)
            customer = sum(rng.random() < share for _ in range(hits))
            documents.append(meeting(day, customer, hits - customer, number))
    periods = group(documents, "quarter", "customer", "institution")
    fitted = trend(periods, documents, "customer", "institution")
    assert fitted is not None
    return fitted.direction


def test_a_flat_process_gives_no_clear_change_nearly_always() -> None:
    directions = [simulate(seed, ratio_at=0.45, rise_per_year=0.0) for seed in range(RUNS)]
    share = directions.count(NO_CLEAR_CHANGE) / RUNS
    assert share >= 0.90, share


def test_a_rise_of_a_fifth_a_year_over_twelve_periods_is_found() -> None:
    directions = [simulate(seed, ratio_at=0.25, rise_per_year=0.2) for seed in range(RUNS)]
    share = directions.count(RISING) / RUNS
    assert share >= 0.90, share
