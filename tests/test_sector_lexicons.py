"""The sector lexicons shipped beside `library`: each loads, says what it measures, and counts real sentences exactly.

The sentences come from fictional meetings of each sector.  Each row gives the customer and institution
counts and every match counted nowhere, as ``term (reason)``: that is where each sector's traps show
(a client that is a program, trust that is confidence, a resident who is a doctor).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import pytest
from helpers import REPO, count_text

from focuscount.lexicon import Lexicon, load_lexicon, resolve_lexicon, shipped_lexicons
from focuscount.matching import LexiconMatcher
from focuscount.nlp import get_pipeline

# name → (label of the focus category "customer", label of the versus category "institution")
SECTORS = {
    "oss-governance": ("Community-oriented", "Project-oriented"),
    "higher-ed": ("Student-oriented", "Institution-oriented"),
    "public-sector": ("Resident-oriented", "Institution-oriented"),
    "health": ("Patient-oriented", "Institution-oriented"),
    "business": ("Customer-oriented", "Company-oriented"),
}


class Sentence(NamedTuple):
    lexicon: str
    text: str
    customer: int
    institution: int
    not_counted: tuple[str, ...] = ()  # "term (reason)" for each match counted nowhere, in text order


IGNORE = "ignore term"

SENTENCES = [
    # oss-governance: a maintainers' call, a steering committee and a standards working group.
    Sentence("oss-governance", "Several users reported that the 3.2 upgrade broke their plugins, and two contributors offered to write a migration guide.", 2, 0),
    Sentence("oss-governance", "The steering committee agreed that maintainers may merge documentation fixes without a second review.", 0, 2),
    Sentence("oss-governance", "The working group adopted the draft and asked implementers for feedback before the next call.", 1, 1),
    Sentence("oss-governance", "Downstream users in two Linux distributions asked for a longer support window, and the packagers agreed to test release candidates.", 2, 0),
    Sentence("oss-governance", "The TSC approved the new charter and asked the core team to publish the governance document.", 0, 4),
    Sentence("oss-governance", "The community call moved to Thursdays so that newcomers in Asia can attend.", 2, 0),
    Sentence("oss-governance", "Early adopters asked whether the user community forum will move.", 2, 0),
    Sentence("oss-governance", "Maintainers agreed that the contributor license agreement is a barrier for first-time contributors.", 1, 2),
    Sentence("oss-governance", "The infrastructure budget covers the build farm; continuous integration costs rose by a third.", 0, 3),
    Sentence("oss-governance", "Web developers asked the WG to document the new error codes.", 1, 1),
    # Verbs of the same stem are not the people: maintained, used, contributed, adopted.
    Sentence("oss-governance", "The parser was maintained by two volunteers, used by thousands of sites and contributed to the foundation.", 0, 0),
    # A body's proper name counts nowhere; the same body in lower case is talk.
    Sentence("oss-governance", "The Technical Steering Committee thanked the release managers; the steering committee will review the process in June.", 0, 2,
             ("steering committee (name: Technical Steering Committee)",)),
    # Technical senses of user, client, resource and member.
    Sentence("oss-governance", "The HTTP client now sends a User-Agent header with the library version.", 0, 0,
             (f"HTTP client ({IGNORE})", f"user-agent ({IGNORE})")),
    Sentence("oss-governance", "Resource limits on the CI runners will be raised so that the integration suite stops timing out.", 0, 1,
             (f"resource limit ({IGNORE})",)),
    Sentence("oss-governance", "The member function that parses the config was renamed; the client library keeps the old name as an alias.", 0, 0,
             (f"member function ({IGNORE})", f"client library ({IGNORE})")),
    Sentence("oss-governance", "The worker process leaks memory when a user agent sends malformed headers, so users of the proxy should upgrade.", 1, 0,
             (f"worker process ({IGNORE})", f"user agent ({IGNORE})")),
    Sentence("oss-governance", "The bot processed the backlog overnight, and processing time fell to four minutes.", 0, 0,
             (f"processed ({IGNORE})", f"processing ({IGNORE})")),
    Sentence("oss-governance", "The community edition keeps the same user account limits as the hosted service.", 0, 0,
             (f"community edition ({IGNORE})", f"user account ({IGNORE})")),
    # higher-ed: a senate, a faculty board and a department.
    Sentence("higher-ed", "Students asked for lecture recordings to be kept until the exam period ends.", 1, 0),
    Sentence("higher-ed", "The faculty senate approved the revised grading policy after a long debate.", 0, 2),
    Sentence("higher-ed", "Faculty Senate endorsed the proposal unanimously.", 0, 1),
    Sentence("higher-ed", "The department must submit its accreditation self-study by March.", 0, 2),
    Sentence("higher-ed", "University students who commute more than an hour will get priority for evening seminars.", 1, 0),
    Sentence("higher-ed", "The university's position in the league tables fell, and the rankings subcommittee will report in June.", 0, 3),
    Sentence("higher-ed", "Adult learners on part-time programmes want the library open later.", 1, 0),
    Sentence("higher-ed", "Postgraduates and undergraduates will share the new study space, and alumni volunteered as mentors.", 3, 0),
    Sentence("higher-ed", "Faculty raised concerns about the estate budget and the administration's staffing plans.", 0, 5),
    Sentence("higher-ed", "Applicants from partner colleges will be offered a guaranteed interview.", 1, 1),
    Sentence("higher-ed", "The institution's compliance with the regulator's conditions was reviewed by the governance working party.", 0, 3),
    Sentence("higher-ed", "Funding for the student hardship fund was funded from reserves.", 1, 1),
    # Research is not a researcher, learning not a learner.
    Sentence("higher-ed", "Early-career researchers said the research office takes too long to approve grant applications.", 1, 0),
    Sentence("higher-ed", "The research strategy was discussed; learning outcomes for the new modules were agreed.", 0, 0),
    # Names of bodies count nowhere in running text.
    Sentence("higher-ed", "The Faculty Senate will meet again in May.", 0, 0, ("faculty senate (name: Faculty Senate)",)),
    Sentence("higher-ed", "The University of Northfield signed the agreement on behalf of the department.", 0, 1,
             ("university (name: University of Northfield)",)),
    # The institution's software named after its students.
    Sentence("higher-ed", "The student record system will be replaced over the summer, so student information system logins change in August.", 0, 0,
             (f"student record system ({IGNORE})", f"student information system ({IGNORE})")),
    # public-sector: a council, its cabinet and a scrutiny panel.
    Sentence("public-sector", "Residents of the Eastfield estate asked for the bus route to be restored.", 1, 0),
    Sentence("public-sector", "The council agreed to review the procedure for handling complaints.", 0, 2),
    Sentence("public-sector", "Council tenants reported damp in 140 homes, and officers will inspect every one by June.", 1, 1),
    Sentence("public-sector", "A member of the public asked why the library hours had been cut; councillors agreed to respond in writing.", 1, 1),
    Sentence("public-sector", "Members of the public will be able to speak for three minutes on each planning item.", 1, 0),
    Sentence("public-sector", "Service users told the scrutiny panel that the new online form is hard to use.", 1, 1),
    Sentence("public-sector", "The directorate's compliance with statutory guidance was confirmed by the internal audit.", 0, 3),
    Sentence("public-sector", "Citizens' panel results showed that most taxpayers favour weekly bin collections.", 2, 0),
    Sentence("public-sector", "The cabinet noted that workforce costs exceed the budget by four per cent.", 0, 3),
    Sentence("public-sector", "Local people and community groups will be consulted on the new park.", 2, 0),
    Sentence("public-sector", "Housing benefit claimants and householders in temporary accommodation will receive a letter.", 2, 0),
    Sentence("public-sector", "Officers said the funding was funded by a government grant and administration costs are capped.", 0, 3),
    Sentence("public-sector", "Customer services will stay open on Saturdays, and tenants can book repairs online.", 2, 0),
    # Residential is not a resident; the local authority is one term.
    Sentence("public-sector", "The residential care strategy was adopted; the local authority will publish it in May.", 0, 1),
    # A tax named after the council, and bodies named in full.
    Sentence("public-sector", "Council tax will rise by 2.9 per cent, the maximum allowed without a referendum.", 0, 0, (f"council tax ({IGNORE})",)),
    Sentence("public-sector", "The Department for Work and Pensions will share data with the department from April.", 0, 1,
             ("department (name: Department for Work and Pensions)",)),
    Sentence("public-sector", "Northfield District Council thanked the staff for their work during the floods.", 0, 1,
             ("council (name: Northfield District Council)",)),
    # health: a trust board and its quality committee.
    Sentence("health", "Patients waiting more than 18 weeks for surgery will be contacted by the booking team.", 1, 0),
    Sentence("health", "The Trust's clinical governance report showed two serious incidents in March.", 0, 2),
    Sentence("health", "Residents of the two care homes will receive flu vaccinations in October.", 1, 0),
    Sentence("health", "Outpatients and inpatients will be asked about food, noise and discharge.", 2, 0),
    Sentence("health", "Trust-wide staffing pressures mean the workforce plan will be revised.", 0, 3),
    Sentence("health", "Service users and families asked for clearer letters, and staff agreed to test them with patients.", 3, 1),
    Sentence("health", "The CQC rated the directorate as requiring improvement and asked for assurance on compliance.", 0, 4),
    Sentence("health", "Commissioners confirmed the funding for a second MRI scanner, funded from the capital programme.", 0, 2),
    Sentence("health", "The regulator asked whether the policy and the procedure for missing patients had been reviewed.", 1, 3),
    Sentence("health", "Governance arrangements across the Trust were simplified, and management will report quarterly.", 0, 3),
    Sentence("health", "Caregivers and members of the public will sit on the patient panel.", 3, 0),
    # Care is not a carer.
    Sentence("health", "Carers said the new visiting hours make it hard to see relatives after work.", 1, 0),
    Sentence("health", "Care for patients in the community improved; the care group will report in June.", 1, 0),
    # Trust in lower case is confidence, not the organisation.
    Sentence("health", "Public trust in the maternity service has fallen, and the board asked how patients' trust can be rebuilt.", 1, 0),
    # A resident doctor is staff.
    Sentence("health", "Resident doctors will be balloted on industrial action in May.", 0, 0, (f"resident doctor ({IGNORE})",)),
    # The trust's names count nowhere; what they hold does.
    Sentence("health", "The Trust Board approved the estates strategy and the facilities budget.", 0, 3, ("=Trust (name: Trust Board)",)),
    Sentence("health", "Northfield Hospitals NHS Foundation Trust thanked the carers who volunteer on the wards.", 1, 0,
             ("=Trust (name: Northfield Hospitals NHS Foundation Trust)",)),
    # business: a leadership team and an operations review.
    Sentence("business", "Customers said the new checkout asks for their postcode twice.", 1, 0),
    Sentence("business", "The company will freeze headcount until the third quarter.", 0, 2),
    Sentence("business", "Two clients asked whether the client portal will support single sign-on.", 2, 0),
    Sentence("business", "The internal process for approving expenses takes too long, and the procedure will be simplified.", 0, 2),
    Sentence("business", "Employees asked whether the organisation will keep hybrid working.", 0, 2),
    Sentence("business", "Consumers and shoppers in the pilot stores preferred the smaller packs.", 2, 0),
    Sentence("business", "The management team reviewed the overhead budget and asked each department to cut five per cent.", 0, 4),
    Sentence("business", "Subscribers who cancel in the first month will be asked why.", 1, 0),
    Sentence("business", "Shareholders will vote on the dividend; staff will receive the same update.", 0, 2),
    Sentence("business", "Buyers in the trade channel asked for a longer payment window; compliance will review the contract terms.", 1, 1),
    Sentence("business", "The head count in the support centre rose while the workforce plan assumed no growth.", 0, 2),
    # An internal customer is a colleague.
    Sentence("business", "Internal customers in finance asked for the month-end reports a day earlier.", 0, 1),
    # Clients that are programs, users that are accounts, processing that is work done.
    Sentence("business", "The email client crashes when a user opens a calendar invite, so the thin client rollout is paused.", 1, 0,
             (f"email client ({IGNORE})", f"thin client ({IGNORE})")),
    Sentence("business", "The HTTP client library retries on timeouts; the API client is generated from the same schema.", 0, 0,
             (f"HTTP client ({IGNORE})", f"API client ({IGNORE})")),
    Sentence("business", "The user interface now shows the user account and user ID on one page, and users can change their user name.", 1, 0,
             (f"user interface ({IGNORE})", f"user account ({IGNORE})", f"user ID ({IGNORE})", f"user name ({IGNORE})")),
    Sentence("business", "We processed 400 refunds last week and processing times fell to two days.", 0, 0,
             (f"processed ({IGNORE})", f"processing ({IGNORE})")),
    Sentence("business", "The Customer Success Team presented the quarterly figures.", 0, 0, ("customer (name: Customer Success Team)",)),
]  # fmt: skip


@cache
def sector(name: str) -> Lexicon:
    return load_lexicon(name)


def _id(sentence: Sentence) -> str:
    return f"{sentence.lexicon}:{sentence.text[:40]}"


@pytest.mark.parametrize("sentence", SENTENCES, ids=_id)
def test_sentence_counts(sentence: Sentence) -> None:
    counts = count_text(sentence.text, sector(sentence.lexicon))
    assert (counts.counts["customer"], counts.counts["institution"]) == (sentence.customer, sentence.institution)
    assert tuple(f"{hit.term} ({hit.reason})" for hit in counts.ignored) == sentence.not_counted


@pytest.mark.parametrize("name", sorted(SECTORS))
def test_every_sector_has_fifteen_sentences_and_traps(name: str) -> None:
    rows = [sentence for sentence in SENTENCES if sentence.lexicon == name]
    assert len(rows) >= 15
    assert any(IGNORE in reason for sentence in rows for reason in sentence.not_counted)
    assert any(sentence.customer for sentence in rows)
    assert any(sentence.institution for sentence in rows)


@pytest.mark.parametrize("name", sorted(SECTORS))
def test_sector_lexicon_is_shipped_and_valid(name: str) -> None:
    path = REPO / "lexicons" / f"{name}.toml"
    assert shipped_lexicons()[name] == resolve_lexicon(name)
    assert resolve_lexicon(name).name == path.name
    lexicon = sector(name)
    assert lexicon.name == name == path.stem
    assert lexicon.language == "en"
    assert (lexicon.focus, lexicon.versus) == ("customer", "institution")
    assert lexicon.category_names == ("customer", "institution")
    labels = (lexicon.category("customer").label, lexicon.category("institution").label)
    assert labels == SECTORS[name]
    matcher = LexiconMatcher(lexicon, get_pipeline("en"))  # refuses overlapping and covered terms
    assert len(matcher.patterns) == len(lexicon.all_terms)


@pytest.mark.parametrize("name", sorted(SECTORS))
def test_header_says_what_it_measures_and_how_terms_match(name: str) -> None:
    header = (REPO / "lexicons" / f"{name}.toml").read_text(encoding="utf-8").split("\nname = ")[0]
    assert header.startswith("# focuscount lexicon for ")
    assert '# How terms match (see docs/lexicons.md):' in header
    assert "the shape of the minutes should not move the ratio" in header.replace("\n# ", " ")


# The words each header says are in neither list, because every set of minutes has them.
MINUTES_FORM = {
    "oss-governance": ["meeting", "minutes", "agenda", "motion", "chair", "board", "item", "report", "vote", "issue", "pull request"],
    "higher-ed": ["meeting", "minutes", "agenda", "motion", "chair", "board", "committee", "item", "report", "paper"],
    "public-sector": ["meeting", "minutes", "agenda", "motion", "chair", "board", "committee", "item", "report", "resolved"],
    "health": ["meeting", "minutes", "agenda", "motion", "chair", "board", "committee", "item", "report", "paper"],
    "business": ["meeting", "minutes", "agenda", "motion", "chair", "board", "item", "report", "action"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SECTORS))
def test_header_lists_the_words_of_the_minutes_form(name: str) -> None:
    header = (REPO / "lexicons" / f"{name}.toml").read_text(encoding="utf-8").replace("\n# ", " ")
    listed = re.search(r"because of the format itself \(([^)]*)\)", header)
    assert listed is not None
    assert re.split(r", | and ", listed.group(1)) == MINUTES_FORM[name]


@pytest.mark.parametrize(("name", "word"), [(name, word) for name, words in MINUTES_FORM.items() for word in words])
def test_words_of_the_minutes_form_count_nowhere(name: str, word: str) -> None:
    counts = count_text(f"The {word} was noted.", sector(name))
    assert (counts.hits, counts.ignored) == ((), ())


def test_oss_technical_words_are_not_terms_but_their_phrases_are_ignored() -> None:
    lexicon = sector("oss-governance")
    terms = {term.text for category in lexicon.category_names for term in lexicon.category(category).terms}
    assert not {"client", "resource", "member", "user agent"} & terms
    ignored = {term.text for term in lexicon.ignore}
    assert {"user agent", "client library", "HTTP client", "resource limit", "member function"} <= ignored
    # Bare, the technical words count nowhere; "user" alone is community talk.
    counts = count_text(
        "The client asked for more resource headroom, and every member agreed; users were told.", lexicon
    )
    assert [(hit.category, hit.matched_text) for hit in counts.hits] == [("customer", "users")]
    assert counts.ignored == ()
