"""The precision audit library: allocation, the stratified sample, the audit CSV, scoring and ignore phrases."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from helpers import FIXTURES

from focuscount.audit import (
    BOM,
    COLUMNS,
    Z_JOINT,
    AuditSheet,
    allocate,
    check_overwrite,
    draw_sample,
    read_sheet,
    render_sheet,
    sample_sheet,
    score_sheet,
    toml_terms,
    write_sheet,
)
from focuscount.errors import ConfigError
from focuscount.evidence import Evidence, iter_evidence
from focuscount.lexicon import load_lexicon
from focuscount.model import Hit, Location
from focuscount.uncertainty import wilson

AUDIT = FIXTURES / "audit"
CORPUS = AUDIT / "corpus"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(AUDIT / "lexicon.toml")


@pytest.fixture(scope="module")
def evidence(lexicon) -> list[Evidence]:
    """Every hit of the two messy minutes (ignored ones too: the sample must leave them out)."""
    return list(iter_evidence([CORPUS], lexicon, include_ignored=True, context_words=12))


def rows_of(sample) -> list[tuple[int, str, str, str, str, str]]:
    return [
        (row["id"], row["category"], row["term"], row["matched"], Path(row["document"]).name, row["location"])
        for row in sample.rows
    ]


# --- allocation ---------------------------------------------------------------------------------------------


def test_allocate_gives_one_each_then_equal_shares_and_passes_on_what_a_full_stratum_cannot_take() -> None:
    # One each (3), then 7 / 3: 2 each (the first stratum is full at 3), the last draw to the larger stratum.
    assert allocate(10, [3, 50, 50]) == [3, 4, 3]


def test_allocate_with_fewer_draws_than_strata_takes_the_largest() -> None:
    assert allocate(3, [5, 1, 2, 9]) == [1, 0, 1, 1]


def test_allocate_takes_everything_when_asked_for_more() -> None:
    assert allocate(100, [2, 3]) == [2, 3]


def test_allocate_by_weight() -> None:
    # One each; 7 left over weights 10:2 (the third is full): 5 and 1, then the last to the heaviest.
    assert allocate(10, [100, 4, 1], [10, 2, 1]) == [7, 2, 1]


# --- the sample ---------------------------------------------------------------------------------------------


def test_the_sample_is_exact_for_a_seed(lexicon, evidence) -> None:
    # Shares: community has only 4 hits and gives the rest to the poles (8 + 8 + 4).  Customer's 8 over
    # family 3, member 1, patron 4, resident 3 hits: one each, then by the square root of the hits: 2, 1, 3, 2.
    # Institution's 8 over budget 3, library 4, staff 5: 2, 3, 3 (the letterheads' ALDERBROOK PUBLIC LIBRARY
    # is a name: counted nowhere, never drawn).
    sample = draw_sample(evidence, lexicon, 20, seed=1)
    first, second = "2024-02-13-board-minutes.txt", "2024-03-12-board-minutes.txt"
    assert rows_of(sample) == [
        (1, "customer", "patron", "patron", first, "line 9"),
        (2, "customer", "family", "family", first, "line 14"),
        (3, "customer", "family", "families", first, "line 15"),
        (4, "customer", "resident", "residents", first, "line 15"),
        (5, "customer", "member", "member", first, "line 20"),
        (6, "customer", "patron", "Patrons", second, "line 8, Director"),
        (7, "customer", "resident", "Residents", second, "line 10, Director"),
        (8, "customer", "patron", "patron", second, "line 13"),
        (9, "institution", "staff", "staff", first, "line 10"),
        (10, "institution", "budget", "Budget", first, "line 12"),
        (11, "institution", "budget", "budget", first, "line 13"),
        (12, "institution", "library", "library", first, "line 14"),
        (13, "institution", "staff", "staff", first, "line 15"),
        (14, "institution", "library", "Library", second, "line 8, Director"),
        (15, "institution", "library", "Library", second, "line 14"),
        (16, "institution", "staff", "staff", second, "line 14"),
        (17, "community", "community", "community", first, "line 9"),
        (18, "community", "community", "Community", first, "line 18"),
        (19, "community", "community", "community", first, "line 19"),
        (20, "community", "community", "community", second, "line 13"),
    ]
    assert sample.hits == 27  # counted hits: customer 11, institution 12, community 4
    row = sample.rows[0]
    assert row["context"] == (
        "asked whether the community room could stay open for homework clubs. Another [[patron]] thanked the "
        "staff for the new large-print shelf."
    )
    assert (row["term_hits"], row["category_hits"], row["in_ratio"], row["pole"]) == (4, 11, "yes", "focus")
    assert (row["lexicon"], row["lexicon_sha"], row["correct"], row["note"]) == (
        "audit-test",
        lexicon.short_hash,
        "",
        "",
    )
    community = sample.rows[-1]
    assert (community["in_ratio"], community["pole"], community["category_hits"]) == ("no", "", 4)


def test_the_same_seed_draws_the_same_sample_and_another_seed_another(lexicon, evidence) -> None:
    assert rows_of(draw_sample(evidence, lexicon, 10, seed=3)) == rows_of(draw_sample(evidence, lexicon, 10, seed=3))
    draws = {tuple(rows_of(draw_sample(evidence, lexicon, 10, seed=seed))) for seed in range(1, 6)}
    assert len(draws) > 1


def test_the_sample_does_not_depend_on_the_order_the_documents_came_in(lexicon, evidence) -> None:
    assert rows_of(draw_sample(reversed(evidence), lexicon, 12, seed=2)) == rows_of(
        draw_sample(evidence, lexicon, 12, seed=2)
    )


def test_every_category_gets_an_equal_share_and_every_term_a_hit(lexicon, evidence) -> None:
    sample = draw_sample(evidence, lexicon, 12, seed=7)
    assert Counter(row["category"] for row in sample.rows) == {"customer": 4, "institution": 4, "community": 4}
    assert Counter(row["term"] for row in sample.rows if row["category"] == "customer") == {
        "patron": 1, "family": 1, "resident": 1, "member": 1,
    }  # fmt: skip
    # Institution's fourth hit goes to its most frequent term (staff 5; library 4, budget 3).
    assert Counter(row["term"] for row in sample.rows if row["category"] == "institution") == {
        "staff": 2, "library": 1, "budget": 1,
    }  # fmt: skip


def test_ignored_hits_are_never_sampled(lexicon, evidence) -> None:
    # the letterheads' and footer's library, the Family Foundation, "Staff:" label
    assert any(item.hit.reason for item in evidence)
    sample = draw_sample(evidence, lexicon, 1000, seed=1)
    assert len(sample.rows) == 27
    assert "Family" not in {row["matched"] for row in sample.rows}  # only in "Alderbrook Family Foundation"
    assert sample.warnings == ()


def test_a_category_without_hits_is_warned_about(evidence) -> None:
    lexicon = load_lexicon(AUDIT / "lexicon.toml")
    only_customer = [item for item in evidence if item.hit.category == "customer"]
    sample = draw_sample(only_customer, lexicon, 5, seed=1)
    assert len(sample.rows) == 5
    assert sample.warnings == (
        "category 'institution' has no hits in these documents: nothing of it to judge",
        "category 'community' has no hits in these documents: nothing of it to judge",
    )


def test_the_sample_spreads_a_term_over_its_documents(lexicon) -> None:
    """Systematic sampling in document order: 2 of 10 hits in two documents of 5 take one from each, any seed."""
    items = [
        Evidence(Path(f"minutes-{document}.txt"), "txt", _hit("patron", "patrons", "customer", line))
        for document in (1, 2)
        for line in range(1, 6)
    ]
    for seed in range(1, 40):
        sample = draw_sample(items, lexicon, 2, seed=seed)
        assert sorted(row["document"] for row in sample.rows) == ["minutes-1.txt", "minutes-2.txt"]


def test_every_hit_of_a_term_has_the_same_chance(lexicon) -> None:
    items = [Evidence(Path("minutes.txt"), "txt", _hit("patron", "patrons", "customer", line)) for line in range(1, 11)]
    seen: Counter[str] = Counter()
    for seed in range(2000):
        seen.update(row["location"] for row in draw_sample(items, lexicon, 3, seed=seed).rows)
    assert sum(seen.values()) == 6000
    assert all(abs(count / 2000 - 0.3) < 0.04 for count in seen.values())


def test_a_sample_of_no_hits_is_refused(lexicon) -> None:
    with pytest.raises(ConfigError, match="--sample must be 1 or more hits, not 0"):
        draw_sample([], lexicon, 0)


def _hit(term: str, matched: str, category: str, line: int, before: str = "Two ", after: str = " asked.") -> Hit:
    return Hit(
        category, term, matched, Location("line", line, line=line), before + matched + after, 0, line * 100,
        line * 100 + len(matched), before, after,
    )  # fmt: skip


# --- the CSV ------------------------------------------------------------------------------------------------


def test_cells_are_escaped_against_formulas_and_forged_lines(tmp_path: Path, lexicon) -> None:
    strange = Path("minutes\n2024=cmd.txt")
    items = [
        Evidence(Path("=HYPERLINK(x).txt"), "txt", _hit("patron", "patrons", "customer", 1, before="=1+2 ")),
        Evidence(strange, "txt", _hit("staff", "staff", "institution", 2, before="@SUM(A1) ", after="\u202e evil")),
    ]
    text = render_sheet(sample_sheet(draw_sample(items, lexicon, 10)))
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 3  # the newline in the file name forges no row
    assert lines[1] == (
        "1,customer,yes,focus,patron,patrons,'=HYPERLINK(x).txt,line 1,'=1+2 [[patrons]] asked.,1,1,audit-test,"
        f"{lexicon.short_hash},,"
    )
    assert lines[2] == (
        "2,institution,yes,versus,staff,staff,minutes\\n2024=cmd.txt,line 2,'@SUM(A1) [[staff]]\\u202e evil,1,1,"
        f"audit-test,{lexicon.short_hash},,"
    )


def test_a_written_sheet_has_a_byte_order_mark_and_reads_back(tmp_path: Path, lexicon, evidence) -> None:
    target = tmp_path / "audit.csv"
    sheet = sample_sheet(draw_sample(evidence, lexicon, 6, seed=1))
    write_sheet(sheet, target)
    assert target.read_bytes().startswith(BOM.encode("utf-8") + b"id,category,")
    back = read_sheet(target)
    assert back.columns == COLUMNS
    assert back.rows == sheet.rows
    assert back.judged == 0
    assert back.next_unjudged() == 0


def test_a_sheet_saved_by_a_spreadsheet_with_semicolons_in_windows_1252_is_read(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    text = (
        ";".join(COLUMNS)
        + "\r\n"
        + "1;customer;yes;focus;résident;résidents;a.txt;line 1;x [[résidents]] y;3;9;l;s;Y ;\r\n"
    )
    target.write_bytes(text.encode("cp1252") + b";;;;;;;;;;;;;;\r\n")
    sheet = read_sheet(target)
    assert sheet.delimiter == ";"
    assert len(sheet.rows) == 1  # the blank row a spreadsheet left at the end is dropped
    assert sheet.rows[0]["term"] == "résident"
    assert sheet.judgement(0) is True
    assert render_sheet(sheet).splitlines()[1].startswith("1;customer;yes;focus;résident;")


def test_a_csv_that_is_not_an_audit_file_names_its_missing_columns(tmp_path: Path) -> None:
    target = tmp_path / "hits.csv"
    target.write_text("path,category,term,context,correct\nminutes.txt,customer,patron,x,y\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_sheet(target)
    assert str(caught.value) == (
        f"{target}: not an audit file: missing columns id, in_ratio, pole, matched, term_hits, category_hits "
        "(write one with `focuscount audit PATHS -o FILE.csv`)"
    )


def test_a_missing_audit_file_and_a_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="audit file not found; draw one with"):
        read_sheet(tmp_path / "nowhere.csv")
    with pytest.raises(ConfigError, match="a directory, not a file"):
        read_sheet(tmp_path)


def test_bytes_that_are_no_text_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    target.write_bytes(b"id,category\n\x81\x8d\x90\n")  # undefined in Windows-1252 and invalid UTF-8
    with pytest.raises(ConfigError, match="neither UTF-8 nor Windows-1252 text"):
        read_sheet(target)


def test_judgements_are_protected_unless_forced(tmp_path: Path, lexicon, evidence) -> None:
    target = tmp_path / "audit.csv"
    sheet = sample_sheet(draw_sample(evidence, lexicon, 4, seed=1))
    write_sheet(sheet, target)
    check_overwrite(target, force=False)  # nothing judged yet: a new sample may replace it
    write_sheet(sheet.with_judgement(1, True).with_judgement(2, False, "a foundation's name"), target)
    with pytest.raises(ConfigError) as caught:
        check_overwrite(target, force=False)
    assert str(caught.value) == (
        f"{target}: holds 2 judgements; a new sample would replace them: score it with --score, continue it with "
        "--resume, write the new sample elsewhere, or pass --force"
    )
    check_overwrite(target, force=True)
    (tmp_path / "other.csv").write_text("name,correct\nx,y\n", encoding="utf-8")
    check_overwrite(tmp_path / "other.csv", force=False)  # not an audit file: no judgements to lose
    check_overwrite(tmp_path / "new.csv", force=False)


# --- scoring ------------------------------------------------------------------------------------------------

# Customer (focus, 50 hits): patron 30 hits, 3 judged, 2 correct; family 10 hits, 2 judged, 1 correct, one blank.
# Institution (versus, 80 hits): library 60 hits, 4 judged, 3 correct; budget 20 hits, 1 judged, correct.
# Community (report-only, 7 hits): 1 correct of 2.
HEADER = ",".join(COLUMNS)
JUDGED = f"""\
{HEADER}
1,customer,yes,focus,patron,patrons,a.txt,line 1,Two [[patrons]] asked for longer hours,30,50,t,abc,y,
2,customer,yes,focus,patron,patron,a.txt,line 2,thanked the [[patron]] who wrote in,30,50,t,abc, Yes ,
3,customer,yes,focus,patron,patron,b.txt,line 9,the Patron Voice item,30,50,t,abc,N,a programme name
4,customer,yes,focus,family,family,b.txt,line 3,staff on [[family]] leave this month,10,50,t,abc,n,
5,customer,yes,focus,family,families,b.txt,line 4,reach [[families]] who never come in,10,50,t,abc,y,
6,customer,yes,focus,family,families,c.txt,line 7,more [[families]] at story time,10,50,t,abc,,
7,institution,yes,versus,library,library,a.txt,line 5,the [[library]] will ask the council,60,80,t,abc,y,
8,institution,yes,versus,library,library,a.txt,line 6,the [[library]] budget review,60,80,t,abc,y,
9,institution,yes,versus,library,library,b.txt,line 1,people who use the [[library]] and those who could,60,80,t,abc,no,
10,institution,yes,versus,library,Library,c.txt,line 2,the [[Library]] staff will visit,60,80,t,abc,YES,
11,institution,yes,versus,budget,budget,c.txt,line 8,a flat [[budget]] for 2025,20,80,t,abc,y,
12,community,no,,community,community,a.txt,line 3,the [[community]] room,7,7,t,abc,y,
13,community,no,,community,community,b.txt,line 2,the [[community]] garden group,7,7,t,abc,n,
"""


def sheet_of(text: str, tmp_path: Path, name: str = "audit.csv") -> AuditSheet:
    target = tmp_path / name
    target.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_sheet(target)


def test_score_numbers_by_hand(tmp_path: Path) -> None:
    score = score_sheet(sheet_of(JUDGED, tmp_path))
    assert (score.rows, score.judged, score.false_hits) == (13, 12, 4)
    customer, institution, community = score.categories
    # Customer: each patron row weighs 30/3 = 10, each judged family row 10/2 = 5.
    # P = (10*2 + 5*1) / (10*3 + 5*2) = 25/40; Kish n = 40² / (3*10² + 2*5²) = 1600/350.
    assert customer.precision == pytest.approx(0.625)
    assert customer.effective_n == pytest.approx(1600 / 350)
    assert customer.interval == wilson(0.625 * 1600 / 350, 1600 / 350)
    assert (customer.judged, customer.correct, customer.rows, customer.hits) == (5, 3, 6, 50)
    assert customer.coverage == pytest.approx(40 / 50)
    # Institution: library rows weigh 60/4 = 15, the budget row 20.  P = (15*3 + 20) / 80; n = 80² / (4*15² + 20²).
    assert institution.precision == pytest.approx(65 / 80)
    assert institution.effective_n == pytest.approx(6400 / 1300)
    assert institution.coverage == pytest.approx(1.0)
    assert (community.precision, community.pole, community.in_ratio) == (0.5, "", False)
    terms = {(item.category, item.term): item for item in score.terms}
    assert (terms[("customer", "patron")].judged, terms[("customer", "patron")].correct) == (3, 2)
    assert terms[("customer", "patron")].interval == wilson(2, 3)
    assert terms[("customer", "family")].precision == 0.5
    assert terms[("customer", "family")].rows == 3
    # Raw ratio 50 / 130; corrected (0.625*50) / (0.625*50 + 0.8125*80) = 31.25 / 96.25.
    assert score.raw_ratio == pytest.approx(50 / 130)
    assert score.corrected_ratio == pytest.approx(31.25 / 96.25)
    focus_wide = wilson(0.625 * 1600 / 350, 1600 / 350, Z_JOINT)
    versus_wide = wilson(65 / 80 * 6400 / 1300, 6400 / 1300, Z_JOINT)
    assert score.corrected_interval.low == pytest.approx(
        focus_wide.low * 50 / (focus_wide.low * 50 + versus_wide.high * 80)
    )
    assert score.corrected_interval.high == pytest.approx(
        focus_wide.high * 50 / (focus_wide.high * 50 + versus_wide.low * 80)
    )
    assert round(Z_JOINT, 6) == 2.241403


def test_a_category_with_nothing_judged_has_no_precision_and_no_corrected_ratio(tmp_path: Path) -> None:
    text = "\n".join(line if not line.startswith(("7,", "8,", "9,", "10,", "11,")) else line.rsplit(",", 2)[0] + ",,"
                     for line in JUDGED.splitlines())  # fmt: skip
    score = score_sheet(sheet_of(text + "\n", tmp_path))
    institution = score.categories[1]
    assert (institution.judged, institution.precision, institution.interval, institution.coverage) == (0, None, None, 0)
    assert score.corrected_ratio is None
    assert score.raw_ratio == pytest.approx(50 / 130)
    assert score.ratio_note == "no judged row of 'institution': no precision-corrected ratio"


def test_a_sample_without_the_versus_category_has_no_ratio(tmp_path: Path) -> None:
    text = "\n".join(line for line in JUDGED.splitlines() if "institution" not in line) + "\n"
    score = score_sheet(sheet_of(text, tmp_path))
    assert (score.raw_ratio, score.corrected_ratio) == (None, None)
    assert score.ratio_note == "no row of the versus category: no ratio"


@pytest.mark.parametrize(
    ("value", "shown"), [("maybe", "'maybe'"), ("1", "'1'"), ("y?", "'y?'"), ("=y", "'=y'")]
)  # fmt: skip
def test_a_judgement_other_than_y_or_n_names_the_file_row_and_value(tmp_path: Path, value: str, shown: str) -> None:
    text = JUDGED.replace("thanked the [[patron]] who wrote in,30,50,t,abc, Yes ,", f"x,30,50,t,abc,{value},")
    sheet = sheet_of(text, tmp_path)
    with pytest.raises(ConfigError) as caught:
        score_sheet(sheet)
    assert str(caught.value) == f"{sheet.path}: row 3 (id 2): correct is {shown}; write y or n, or leave it blank"


def test_a_count_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    sheet = sheet_of(JUDGED.replace("asked for longer hours,30,50", "asked for longer hours,thirty,50"), tmp_path)
    with pytest.raises(ConfigError) as caught:
        score_sheet(sheet)
    assert str(caught.value) == (
        f"{sheet.path}: row 2 (id 1): term_hits is 'thirty', not a count of hits; restore it from the file focuscount wrote"
    )


def test_counts_that_disagree_between_rows_are_refused(tmp_path: Path) -> None:
    sheet = sheet_of(JUDGED.replace("who wrote in,30,50", "who wrote in,31,50"), tmp_path)
    with pytest.raises(
        ConfigError, match=r"row 3 \(id 2\): term_hits is 31, but an earlier row of the same term says 30"
    ):
        score_sheet(sheet)


def test_a_term_written_case_sensitively_is_shown_without_the_formula_guard(tmp_path: Path) -> None:
    text = JUDGED.replace("budget,budget,c.txt", "'=ALA,ALA,c.txt")
    score = score_sheet(sheet_of(text, tmp_path))
    assert ("institution", "=ALA") in {(item.category, item.term) for item in score.terms}


# --- ignore phrases -----------------------------------------------------------------------------------------

PHRASES = f"""\
{HEADER}
1,customer,yes,focus,family,Family,a.txt,line 1,a grant from the Alderbrook [[Family]] Foundation for story times,9,9,t,abc,n,
2,customer,yes,focus,family,Family,a.txt,line 2,"and the Alderbrook [[Family]] Foundation paid for it.",9,9,t,abc,n,
3,customer,yes,focus,family,family,b.txt,line 3,two staff on [[family]] leave this month,9,9,t,abc,n,
4,customer,yes,focus,family,Family,b.txt,line 4,thanks to the Alderbrook [[Family]] Foundation again,9,9,t,abc,y,
5,customer,yes,focus,family,families,b.txt,line 5,asked how the plan would reach [[families]] who never come in,9,9,t,abc,y,
6,institution,yes,versus,library,library,b.txt,line 6,people who use the [[library]]. And,1,1,t,abc,y,
"""


def test_ignore_phrases_remove_the_most_false_hits_net_of_correct_ones(tmp_path: Path) -> None:
    score = score_sheet(sheet_of(PHRASES, tmp_path))
    found = [(item.phrase, item.terms, item.false_removed, item.correct_removed) for item in score.phrases]
    # "alderbrook family" and "family foundation" both remove rows 1 and 2 and the correct row 4 (net 1):
    # the first wins alphabetically and the second then removes nothing new; "family leave" removes row 3.
    # "the alderbrook family", "family foundation for", "on family leave": an edge word is a stop word.
    assert found == [("alderbrook family", ("family",), 2, 1), ("family leave", ("family",), 1, 0)]
    assert toml_terms(score.phrases) == '"alderbrook family", "family leave",'


def test_no_phrase_is_suggested_when_it_would_remove_as_many_correct_hits(tmp_path: Path) -> None:
    text = "\n".join(PHRASES.splitlines()[:2] + PHRASES.splitlines()[4:5]) + "\n"  # row 1 (n) and row 4 (y)
    assert score_sheet(sheet_of(text, tmp_path)).phrases == ()


def test_no_phrase_crosses_punctuation(tmp_path: Path) -> None:
    text = f'{HEADER}\n1,customer,yes,focus,family,family,a.txt,line 1,"for the [[family]]. Leave",1,1,t,abc,n,\n'
    assert score_sheet(sheet_of(text, tmp_path)).phrases == ()


def test_sqrt_allocation_is_what_the_docstring_says() -> None:
    # 12 draws over terms of 100, 25 and 1 hits: one each, then 9 by 10:5 (the last is full): 6 and 3.
    sizes = [100, 25, 1]
    assert allocate(12, sizes, [math.sqrt(size) for size in sizes]) == [7, 4, 1]
