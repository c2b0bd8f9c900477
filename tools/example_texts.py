# ruff: noqa: E501  (prose: one paragraph per line)
"""The texts of focuscount's example corpus: a fictional public library.

Alderbrook Public Library, its town, its trustees and staff are invented.  The
twelve sets of board minutes run every two months from January 2024 to November
2025; a new strategy ("Open Doors") adopted in July 2024 turns the board's talk
from the institution (budget, staffing, building, procedures) towards the people
it serves (patrons, families, children, job seekers, older adults, newcomers).

The minutes use a tiny markup that ``make_examples.py`` renders to txt, md,
docx and pdf:

* the first line is the title ("Minutes of the Board of Trustees meeting held
  on ..."), the second line the place;
* ``## `` starts an agenda item, ``### `` a sub-item;
* ``- `` starts a bullet;
* ``| a | b |`` lines form a table (the first row is the header);
* paragraphs are separated by blank lines; a paragraph that starts with a short
  label and a colon (``Director:``, ``Present:``, ``Motion:``) has that label
  set in bold where the format allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LIBRARY = "Alderbrook Public Library"
AUTHOR = "Alderbrook Public Library"
DIRECTOR = "Annelise Marchetti"
# The running heads of the minutes PDFs, on every page: page furniture, counted nowhere.
MINUTES_PDF_HEADER = f"{LIBRARY} · Board of Trustees"
MINUTES_PDF_FOOTER = "Board minutes, {date} · Page {page} of {pages}"

PRESENT_ALL = (
    "Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), "
    "Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison)"
)
ATTENDING_2024 = (
    "Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), "
    "Owen Tremayne (Head of Collections), Carl Dobrowski (Finance and Facilities Manager), "
    "Joan Pettifer (Board Secretary)"
)


@dataclass(frozen=True)
class Minutes:
    """One set of board minutes: when it was held, where it goes, its text."""

    date: dt.date
    filename: str  # relative to examples/minutes/
    typed: dt.date  # the metadata creation date: when the secretary typed it up
    text: str


@dataclass(frozen=True)
class Slide:
    """One slide: a title, bullets, optional table or group of boxes, and notes."""

    title: str
    bullets: tuple[str, ...] = ()
    subtitle: str | None = None
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header
    boxes: tuple[tuple[str, str], ...] = ()  # (heading, text): drawn as one group
    notes: str = ""


@dataclass(frozen=True)
class Deck:
    """A conference talk: its date, file, title and slides."""

    date: dt.date
    filename: str  # relative to examples/talks/
    created: dt.date
    title: str
    slides: tuple[Slide, ...] = field(default=())
    footer: str = ""  # on every slide, next to its number: page furniture, counted nowhere


MINUTES: tuple[Minutes, ...] = (
    # ------------------------------------------------------------------ 2024-01
    Minutes(
        date=dt.date(2024, 1, 16),
        filename="2024-01-16-board-minutes.txt",
        typed=dt.date(2024, 1, 19),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 16 January 2024
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: {PRESENT_ALL}.

In attendance: {ATTENDING_2024}.

Apologies: none.

## 1. Approval of the minutes

The minutes of the meeting held on 21 November 2023 were approved as a correct record on a motion by Mr Fairbairn, seconded by Ms Raman. Carried unanimously.

## 2. Matters arising

Mr Dobrowski reported that the second boiler at the Main Library had been replaced in December. The building is back to a normal temperature, although two patrons had written to complain about the cold reading room, and several readers had stayed away before Christmas.

## 3. Director's report

Director: Staffing remains the main concern. Two librarian posts and one assistant post are vacant, and sickness absence was high over the holidays. I propose to reorganise the technical services workflow and to bring a revised staffing structure to the March meeting.

The Director noted that visitor numbers for the year were 4 per cent lower than in 2022, loans to borrowers were stable and the number of active cardholders fell slightly.

Ms Kowalczyk asked whether the vacancies had affected opening hours. The Director said the Eastfield Branch had closed early on three evenings because of staff shortages, which disappointed students who use its study tables, and that notices had been posted for library users. Ms Kowalczyk passed on comments from residents who found the new self-service machines hard to use.

Director: Procurement of a new integrated library system is on schedule. Three suppliers will demonstrate their products in February. The administration module and the cost of migration will be the main criteria; the working group will also score the user interface of each catalogue and check that borrowers can renew items online.

## 4. Finance

### 4.1 Budget

Treasurer: The budget approved by the Town Council is 2.1 per cent above last year, below the expected rise in costs. Mr Whitcombe warned that the library will need savings of roughly 38,000 across the materials, facilities and administration lines. Ms Raman asked that the savings should not fall on story times for children or on the homework help used by teenagers.

### 4.2 Funding

An application to the County Heritage Fund for conserving the local history collection has been submitted.

## 5. Building and facilities

Mr Dobrowski presented the roof survey of the Main Library. The flat roof above the staff workroom must be replaced within two years. The lift at the Millbrook Branch failed twice in December, leaving older adults and parents with pushchairs unable to reach the first floor; the maintenance contract is being renegotiated.

## 6. Policies and procedures

### 6.1 Collection development policy

Mr Tremayne presented the draft revision of the collection development policy, which updates the weeding procedures and the donations policy. The draft will return in March.

### 6.2 Staff procedures manual

Ms Lindqvist reported that the procedures manual for branch staff has been rewritten, including the procedure for replacing a lost library card.

Motion: That the Board adopt the revised staff procedures manual. Moved by Mr Ferreira, seconded by Ms Kowalczyk. Carried.

## 7. Any other business

The Director asked the Board to approve the attendance of two librarians at the professional development days of the regional library association. Agreed. Mr Fairbairn reported that the Friends of the Library book sale had raised 2,310 for summer activities for children and families.

## 8. Date of next meeting

Tuesday 19 March 2024 at 7:00 pm, Main Library. The Chair closed the meeting at 8:41 pm.
""",
    ),
    # ------------------------------------------------------------------ 2024-03
    Minutes(
        date=dt.date(2024, 3, 19),
        filename="2024-03-19-board-minutes.md",
        typed=dt.date(2024, 3, 22),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 19 March 2024
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Councillor Beatrice Amadi (Town Council liaison).

In attendance: {ATTENDING_2024}.

Apologies: Nadia Kowalczyk.

## 1. Approval of the minutes

The minutes of the meeting held on 16 January 2024 were approved, with one correction to item 4.2, on a motion by Ms Raman, seconded by Mr Whitcombe. Carried.

## 2. Staffing structure

Director: The proposed structure merges cataloguing and acquisitions into a single collection services department, creates a senior librarian post for each branch and removes one administrative post through retirement. The change would save about 21,000 a year in management costs and give the branches more professional staff at busy times.

Ms Lindqvist said branch staff had welcomed the proposal but were worried about the workload during the move to the new library system. Mr Ferreira asked how the change would be felt by patrons. The Director answered that Eastfield could open on Saturday mornings, when families and students use the branch most.

Motion: That the Board approve the staffing structure as presented, to take effect on 1 June. Moved by Mr Ferreira, seconded by Mr Fairbairn. Carried, with one abstention.

## 3. New library system

Mr Tremayne reported on the three supplier demonstrations. The staff working group scored the products on the catalogue module, the circulation workflow, administration tools, reporting and the user interface. Two products met the procurement criteria. Ms Raman asked whether library users had seen the public catalogue. Mr Tremayne said a small group of readers, including two older adults and a student, had tried both versions and preferred the one with simpler searching.

The recommendation will come to the May meeting together with the contract and the funding plan.

## 4. Finance

### 4.1 Budget monitoring

Treasurer: Spending to the end of February is on budget except for energy, which is 9 per cent over. The savings agreed in January are in place: the materials budget has been reduced by 12,000 and the facilities budget by 8,000.

### 4.2 Fees and charges

The Board discussed the schedule of fees and charges. Mr Dobrowski proposed a small increase in room hire and printing charges. Councillor Amadi asked that the charge for job seekers and students printing their CVs remain at the current level. Agreed.

## 5. Policies

### 5.1 Collection development policy

The revised collection development policy was presented for approval. Mr Tremayne noted the changes requested in January, including a clearer procedure for requests from members of the public to reconsider an item.

Motion: That the Board adopt the collection development policy. Moved by Ms Raman, seconded by Mr Whitcombe. Carried.

### 5.2 Meeting room policy

Ms Lindqvist presented a revised meeting room policy covering bookings by community groups and parents' groups, cancellations and the responsibilities of staff. Deferred to May for legal advice.

## 6. Strategic planning

Chair: The current strategy ends this year. The Chair proposed that the next strategy should start from what residents need rather than from the library's own departments, and suggested a community survey in April, open to every resident and visitor. The Director will bring a plan for the survey and a timetable for the new strategy to the May meeting. Agreed.

## 7. Any other business

Mr Fairbairn reported that the Library Foundation has agreed to fund new furniture for the teen area at the Main Library, chosen with a group of teenagers.

## 8. Date of next meeting

Tuesday 21 May 2024 at 7:00 pm, at the Millbrook Branch. The Chair closed the meeting at 8:55 pm.
""",
    ),
    # ------------------------------------------------------------------ 2024-05
    Minutes(
        date=dt.date(2024, 5, 21),
        filename="2024-05-21-board-minutes.docx",
        typed=dt.date(2024, 5, 24),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 21 May 2024
Alderbrook Public Library, Community Room, Millbrook Branch, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk.

In attendance: {ATTENDING_2024}; Dr Ellen Markham (planning consultant) for item 3.

Apologies: Councillor Beatrice Amadi.

## 1. Approval of the minutes

The minutes of the meeting held on 19 March 2024 were approved on a motion by Mr Whitcombe, seconded by Ms Kowalczyk. Carried.

## 2. Director's report

Director: The new staffing structure takes effect on 1 June. Recruitment for the two vacant librarian posts has closed and interviews are next week. The cataloguing backlog is down to 600 items. I thank the staff at Millbrook for hosting this meeting.

## 3. Community survey

Dr Markham presented the results of the community survey, which ran for four weeks in April online, in all three library buildings and at the Saturday market. 1,146 residents responded, and 38 per cent of them said they had not used the library in the past year.

| Group | Responses | Most requested change |
| Families with young children | 312 | Weekend story times and a buggy park |
| Students and teenagers | 187 | Quiet study space in the evenings |
| Job seekers | 94 | Help with online applications |
| Older adults | 263 | Home delivery and help with devices |
| Newcomers to Alderbrook | 71 | Conversation groups |
| Other residents | 219 | Longer opening hours |

Ms Kowalczyk said the results showed how little the Board knew about the people who do not use the library. Dr Markham said that non-users mostly did not know what was on offer, and that many believed a library card cost money.

Chair: The survey should shape the strategy, not the other way round. The Board thanked Dr Markham and the staff and volunteers who collected the responses.

## 4. Draft strategy

The Director presented a first draft of the strategy, called Open Doors, with four priorities: children and families; learners and job seekers; older adults; and newcomers. Each priority names the people it is for, what the library will do and how success will be measured. Mr Ferreira asked that the strategy also commit the Board to hearing regularly from patrons. The final draft will be presented in July.

## 5. Finance

### 5.1 Budget monitoring

Treasurer: Spending to the end of April is on budget. The energy overspend has fallen to 6 per cent since the boiler repair. The budget for staff training is fully committed.

### 5.2 New library system

Mr Tremayne recommended the contract for the new library system. Migration of the catalogue and of borrower records will take place in August and September, with the public catalogue live in October. The cost will be met from the capital budget and from county funding for digital services.

Motion: That the Board award the contract for the library management system to the recommended supplier. Moved by Mr Whitcombe, seconded by Mr Fairbairn. Carried.

## 6. Building and facilities

Mr Dobrowski reported that the roof replacement at the Main Library has been scheduled for the autumn. The building will remain open during the work, and the facilities team will keep the children's area free of scaffolding.

## 7. Policies

The meeting room policy was adopted with the amendments proposed by the town's solicitor. Moved by Ms Raman, seconded by Mr Fairbairn. Carried.

## 8. Date of next meeting

Tuesday 16 July 2024 at 7:00 pm, Main Library. The Chair closed the meeting at 9:03 pm.
""",
    ),
    # ------------------------------------------------------------------ 2024-07
    Minutes(
        date=dt.date(2024, 7, 16),
        filename="2024-07-16-board-minutes.pdf",
        typed=dt.date(2024, 7, 19),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 16 July 2024
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: {PRESENT_ALL}.

In attendance: {ATTENDING_2024}.

Apologies: none.

## 1. Approval of the minutes

The minutes of the meeting held on 21 May 2024 were approved on a motion by Ms Kowalczyk, seconded by Mr Ferreira. Carried.

## 2. Open Doors strategy

The Director presented the final draft of Open Doors, the strategy for 2024 to 2027. Since May, the draft adds a fifth commitment: that the Board hears from patrons at every meeting. Each priority now has measures, such as the number of families at story times, the number of job seekers helped with applications and the number of older adults reached by home delivery.

Chair: This strategy changes what we talk about. For years our agendas have been about the budget, the building and our procedures. From September the first item on every agenda will be Patron Voice, and every paper will say which residents it serves.

Ms Raman welcomed the commitment to children and families. Councillor Amadi said the council would welcome a strategy that names the residents it is for. Mr Whitcombe asked that the measures be reported to the Board twice a year.

Resolved: That the Board adopt Open Doors as the strategy of Alderbrook Public Library for 2024 to 2027. Moved by the Chair, seconded by Mr Ferreira. Carried unanimously.

## 3. Director's report

Director: Two librarians have been appointed and start in August. The summer reading challenge opened on 1 July: 640 children signed up in the first two weeks, and the Eastfield Branch is now open on Saturday mornings for families and students.

## 4. Finance

### 4.1 Budget monitoring

Treasurer: Spending is on budget. The council has asked all departments to plan for a flat budget in 2025, so savings in administration and facilities will be needed again.

### 4.2 Overdue fines

The Director proposed removing overdue fines on children's and teen materials from 1 September. Fines bring in about 3,500 a year but keep families away: the survey found that parents with blocked cards stop visiting. Ms Lindqvist said staff spend many hours on fines procedures that could be spent helping users.

Motion: That overdue fines on children's and teen materials be removed from 1 September. Moved by Ms Raman, seconded by Ms Kowalczyk. Carried.

## 5. New library system

Mr Tremayne reported that migration of the catalogue and of borrower records is under way. Staff are testing the circulation workflow. The library will close for one day in September to switch systems, and notices will tell users in advance.

## 6. Building and facilities

Mr Dobrowski reported that the roof works at the Main Library start on 2 September. The staff workroom will move to the basement for six weeks.

## 7. Any other business

None.

## 8. Date of next meeting

Tuesday 17 September 2024 at 7:00 pm, Main Library. The Chair closed the meeting at 8:47 pm.
""",
    ),
    # ------------------------------------------------------------------ 2024-09
    Minutes(
        date=dt.date(2024, 9, 17),
        filename="board-minutes-september.pdf",  # no date in the name: dated by its text
        typed=dt.date(2024, 9, 23),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 17 September 2024
Alderbrook Public Library, Council Chamber, Town Hall, Alderbrook, 7:00 pm

Present: {PRESENT_ALL}.

In attendance: {ATTENDING_2024}; Mr Ian Golightly (building surveyor) for item 3.

Apologies: none.

## 1. Patron Voice

Mrs Doreen Acheson, a resident of Eastfield and a borrower there for thirty years, spoke about the closure of the Eastfield Branch. She had used the branch computers to keep in touch with her family abroad, and said that many older adults and parents with young children in Eastfield could not easily travel to the Main Library. She asked when the branch would reopen. The Chair thanked her and promised a reply in writing.

## 2. Approval of the minutes

The minutes of the July meeting were approved on a motion by Mr Fairbairn, seconded by Ms Raman. Carried.

## 3. Roof failure and building closure

Mr Dobrowski reported that heavy rain on 28 August caused a leak at the Eastfield Branch, not at the Main Library where the roof works had been planned. Water damaged the ceiling, the electrics and part of the adult collection. The building was closed on the advice of the surveyor.

Mr Golightly said the roof structure is sound but the covering has failed and must be replaced before the building reopens. He estimated six to eight weeks.

Treasurer: The repair is estimated at 46,000. Insurance will cover part of the damage to the collection but not the roof, which is treated as maintenance. The facilities budget cannot absorb the cost. The Treasurer proposed using the building reserve and asking the council for emergency funding.

Motion: That the Board authorise the Director to spend up to 46,000 from the building reserve on the Eastfield roof, and to apply to the council for emergency funding. Moved by Mr Whitcombe, seconded by Mr Ferreira. Carried.

## 4. Director's report

Director: Eastfield staff have been redeployed to the Main Library and Millbrook. A temporary service point will open in the Eastfield community centre from next week, so that residents can collect reservations and children can finish the summer reading challenge. The loss of about 4,000 items from the collection means the stock budget will be reviewed.

The new library system went live on 9 September. The migration of the catalogue went well but staff are still learning the new procedures, and the acquisitions workflow is slower than planned. Some users have reported problems with renewals, and the help desk has had many calls from patrons.

## 5. Finance

Treasurer: Apart from the Eastfield roof, spending is on budget. The council's draft budget for 2025 is flat. The Director will bring a budget built around the Open Doors priorities for families, learners, older adults and newcomers to the November meeting.

## 6. Governance

The Chair reported that the annual review of Library Board governance found the policy register out of date. Seven policies need review. The Secretary will circulate a timetable.

## 7. Date of next meeting

Tuesday 19 November 2024 at 7:00 pm, Main Library. The Chair closed the meeting at 9:12 pm.
""",
    ),
    # ------------------------------------------------------------------ 2024-11
    Minutes(
        date=dt.date(2024, 11, 19),
        filename="2024-11-19-board-minutes.md",
        typed=dt.date(2024, 11, 22),
        text=f"""\
Minutes of the Board of Trustees meeting held on Tuesday 19 November 2024
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: {PRESENT_ALL}.

In attendance: {ATTENDING_2024}.

Apologies: none.

## 1. Patron Voice

Mr Farid Haddad, who moved to Alderbrook with his family last year, described how the library helped him and his wife find English classes and register the children for school. He asked whether newcomers could be told about the library when they register with the council. Councillor Amadi undertook to raise this with the council's customer service team.

Mrs Acheson's letter of thanks for the Eastfield reopening was noted.

## 2. Approval of the minutes

The minutes of the meeting held on 17 September 2024 were approved on a motion by Ms Kowalczyk, seconded by Mr Fairbairn. Carried.

## 3. Open Doors: first report

The Director presented the first report on the Open Doors measures.

| Measure | Jul-Oct 2023 | Jul-Oct 2024 |
| Children in the summer reading challenge | 910 | 1,240 |
| Families at weekend story times | 0 | 385 |
| Job seekers helped with applications | 52 | 118 |
| Older adults reached by home delivery | 24 | 41 |
| New cardholders | 430 | 602 |

Ms Raman asked why the number of new cardholders rose. Ms Lindqvist said that removing fines had brought back parents whose cards had been blocked, and that school visits had signed up children and teenagers.

Director: The figures are early, but they show what happens when we plan around the people we serve rather than around our own departments.

## 4. Budget 2025

Treasurer: The draft budget for 2025 is flat. The Director has rebuilt it around the Open Doors priorities rather than around departments: funding for story times and the homework club for students is protected, and savings come from administration, print subscriptions and a smaller reference collection.

Mr Ferreira asked whether the savings would affect readers. The Director said that usage of the print reference collection had fallen by half in three years and that most users now asked staff for help online.

Motion: That the Board approve the 2025 budget for submission to the Town Council. Moved by Mr Whitcombe, seconded by Ms Kowalczyk. Carried.

## 5. Eastfield Branch

Mr Dobrowski reported that the Eastfield Branch reopened on 4 November after the roof repair. The final cost was 43,200. Visitors were welcomed back with a family open day attended by about 300 residents.

## 6. New library system

Mr Tremayne reported that the renewal problems have been fixed. Borrowers can now reserve items from any branch, manage their user account online and collect items at the nearest branch. Feedback from users on the user interface of the new catalogue has been positive, although older adults asked for larger print on the search screen.

## 7. Policies

The Board adopted the revised procurement policy and the staff code of conduct, the first two of the seven policies identified in the governance review. The remaining policies will be reviewed by March.

## 8. Any other business

The Director reported on her talk about Open Doors at the regional library conference in October, which drew many questions from other library directors. The slides will be shared with trustees.

## 9. Date of next meeting

Tuesday 21 January 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:50 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-01
    Minutes(
        date=dt.date(2025, 1, 21),
        filename="2025-01-21-board-minutes.txt",
        typed=dt.date(2025, 1, 24),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 21 January 2025
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski (Finance and Facilities Manager), Kwame Boateng (Children and Families Coordinator), Joan Pettifer (Board Secretary).

Apologies: none.

## 1. Patron Voice

Ms Leonie Sharrock, a parent from Millbrook, spoke about the weekend story times. Her two children had not been to the library before the sessions began, and now the whole family visits every Saturday. She asked for sessions for babies and toddlers, and for times that suit parents who work shifts. Mr Boateng said a baby session will start in March.

## 2. Approval of the minutes

The minutes of the meeting held on 19 November 2024 were approved on a motion by Mr Fairbairn, seconded by Ms Raman. Carried.

## 3. Children and families

Mr Boateng introduced himself: he joined in December as Children and Families Coordinator, a post created from the staffing savings of last year. His plan for 2025 has three parts: story times at all three branches at weekends; a homework club for students at Eastfield on weekday afternoons; and visits to every primary school, so that each child in Alderbrook has a library card by the end of the year.

Ms Kowalczyk asked how the plan would reach families who never come in. Mr Boateng said he is working with the health visitors, who meet parents of young children at home, and with the two family centres in town.

## 4. Learners and job seekers

Ms Lindqvist reported that the job club at the Main Library now meets twice a week. In the autumn, 118 job seekers were helped with applications, and 23 of them told staff they had found work. Learners preparing for exams asked for the study room to open earlier on Saturdays; this will be tried from February.

## 5. Finance

Treasurer: The Town Council has approved the 2025 budget as submitted. Spending for 2024 ended 1.3 per cent over budget because of the Eastfield roof, which was met from the building reserve. The reserve must be rebuilt over three years.

## 6. Policies

The Board reviewed the customer comments policy, renamed from the complaints procedure. The new policy asks staff to answer every comment within ten working days and to report themes to the Board twice a year, so that the Board hears what customers say and not only what staff report.

Motion: That the Board adopt the customer comments policy. Moved by Ms Raman, seconded by Mr Ferreira. Carried.

## 7. Any other business

Councillor Amadi reported that from April the council will tell newcomers about the library when they register with the council, with a leaflet in six languages.

## 8. Date of next meeting

Tuesday 18 March 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:36 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-03
    Minutes(
        date=dt.date(2025, 3, 18),
        filename="board-minutes-march.docx",  # no date in the name: dated by its text
        typed=dt.date(2025, 3, 24),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 18 March 2025
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski (Finance and Facilities Manager), Kwame Boateng (Children and Families Coordinator), Joan Pettifer (Board Secretary).

Apologies: Hugh Fairbairn.

## 1. Patron Voice

Mr Arthur Penhaligon, a retired teacher and a reader at the Main Library for forty years, spoke in favour of the home delivery service, which brings books to his neighbour. He asked the Board to protect it in any savings.

## 2. Approval of the minutes

The minutes of the January meeting were approved on a motion by Ms Kowalczyk, seconded by Mr Whitcombe. Carried.

## 3. Council funding review

Councillor Amadi reported that the Town Council's review of funding for council services has proposed a cut of 5 per cent to the library budget from 2026, with a decision expected in June.

Treasurer: A cut of 5 per cent is about 61,000. The budget has little room left: staffing is 68 per cent of it, the building costs are fixed, and the materials budget was already reduced last year. The options are fewer opening hours, a smaller collection or fewer staff.

Director: Each option should be judged by who it would hurt. Shorter opening hours at Eastfield would hit students and job seekers in the evenings. Cutting home delivery would hit older adults who cannot reach a branch. I would rather we make the case to the council with the figures from Open Doors: more children, more families and more job seekers are using the library than two years ago.

Ms Raman asked that residents be invited to speak to the council's review. Ms Kowalczyk said that visitors and library users should hear about the proposal from the library before they read about it in the newspaper. Mr Ferreira proposed that the Board prepare a joint response with the Friends of the Library and the Library Foundation.

Motion: That the Chair and the Director prepare the Board's response to the council funding review, based on the Open Doors measures, for approval by email before the end of April. Moved by Mr Ferreira, seconded by Ms Raman. Carried.

## 4. Governance

The Chair reported that the review of governance is complete. The policy register has been updated and four policies were adopted by email in February.

## 5. Director's report

Director: The baby story time started at Millbrook in March and was full at its first two sessions, with parents and caregivers from all over town. A second librarian at Eastfield now works on Saturdays, and the study room opens at nine for students preparing for exams.

## 6. Building and facilities

Mr Dobrowski reported that the lift at the Millbrook Branch has been replaced under the new maintenance contract. Parents with buggies and visitors who use wheelchairs can again reach the children's floor.

## 7. Date of next meeting

Tuesday 20 May 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:58 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-05
    Minutes(
        date=dt.date(2025, 5, 20),
        filename="2025-05-20-board-minutes.md",
        typed=dt.date(2025, 5, 23),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 20 May 2025
Alderbrook Public Library, Community Room, Eastfield Branch, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Kwame Boateng (Children and Families Coordinator), Lucía Varga (Community Outreach Coordinator), Joan Pettifer (Board Secretary).

Apologies: Owen Tremayne, Carl Dobrowski.

## 1. Patron Voice

Two members of the teen advisory group, Maya and Josh, presented what teenagers want from the library: later opening on Fridays, a games night, and a say in which books are bought for young people. The Chair thanked them and asked the Director to report back in July.

## 2. Approval of the minutes

The minutes of the meeting held on 18 March 2025 were approved on a motion by Ms Raman, seconded by Mr Ferreira. Carried.

## 3. Newcomers

Ms Varga introduced herself. She joined in April as Community Outreach Coordinator and works with newcomers, older adults and residents who do not use the library. Since the council began telling newcomers about the library, 74 people have come to the new conversation circles, where learners practise English with volunteers. Most of them are parents, and many bring their children to the story times afterwards.

Ms Kowalczyk asked whether the circles could also run in the evening for newcomers who work during the day. Ms Varga said an evening circle will start at Eastfield in June.

## 4. Older adults

Ms Lindqvist reported that 58 older adults now receive home delivery, and that the Tuesday digital help sessions at Millbrook are fully booked. Volunteers help visitors with phones, tablets, e-readers and online banking. A second weekly session is planned, run jointly with the senior citizens' club.

## 5. Council funding review

The Chair reported that the Board's response to the funding review was sent in April. More than 200 residents, among them parents, students and members of the teen advisory group, wrote to the council in support of the library. Councillor Amadi said the council's decision has been postponed to September.

Treasurer: Spending to the end of April is on budget, although the facilities budget will be tight after the lift replacement at Millbrook.

## 6. Staffing and training

Director: Staff training this spring covered the new procedures for home delivery and the safeguarding policy. Two library assistant posts are vacant, and the staffing budget is under pressure because of the national pay award.

## 7. Library card campaign

Mr Boateng reported that school visits this spring signed up 640 children for a library card. Every new young member receives a welcome pack for their family with story time dates and the summer reading challenge.

Motion: That the Board thank the volunteers of the conversation circles, the digital help sessions and the home delivery service for their work with library users. Moved by Mr Fairbairn, seconded by Ms Kowalczyk. Carried.

## 8. Date of next meeting

Tuesday 15 July 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:44 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-07
    Minutes(
        date=dt.date(2025, 7, 15),
        filename="2025-07-15-board-minutes.pdf",
        typed=dt.date(2025, 7, 18),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 15 July 2025
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Owen Tremayne (Head of Collections), Kwame Boateng (Children and Families Coordinator), Lucía Varga (Community Outreach Coordinator), Joan Pettifer (Board Secretary).

Apologies: Carl Dobrowski.

## 1. Patron Voice

Mrs Grace Obuya spoke on behalf of the parents at the Eastfield homework club. The club has helped her son, who struggled at school, and she asked that it continue through the summer for students who have no quiet place to work at home. Mr Boateng said it will run two afternoons a week in August.

## 2. Approval of the minutes

The minutes of the meeting held on 20 May 2025 were approved on a motion by Ms Kowalczyk, seconded by Mr Whitcombe. Carried.

## 3. Summer reading challenge

Mr Boateng reported that 1,180 children have signed up so far, with families joining the new family reading trail in the town park. Teenagers from the advisory group are volunteering as reading buddies for younger children. Parents have asked for a version for toddlers, which will be tried next year.

## 4. Teen advisory group

The Director reported back on the requests made in May. The Main Library will open until eight on Fridays from September, with a monthly games night for teens. Young people will choose part of the new stock for the teen area. Staff will cover the later opening within the current staffing budget.

## 5. Residents survey 2025

Ms Varga presented the first results of this year's survey of residents, repeated a year after the first one. 1,302 residents responded. The share who had used the library in the past year rose from 62 to 71 per cent, with the largest rises among families with young children and among newcomers. Older adults rated the home delivery service highest of all. Job seekers and students asked for more computers and longer evening hours.

Ms Raman asked how many of the respondents were non-users. Ms Varga said 29 per cent, mostly working-age residents without children, who said they did not know what the library could offer them. The outreach plan for the autumn will focus on them, with visits to employers and the further education college.

## 6. Accessibility

Ms Lindqvist reported on an accessibility walk-through of all three branches with a group of disabled residents, carers and older adults. The main requests were clearer signs, seating near the entrance, a screen reader on the public computers and a quiet hour for visitors with autism. Most can be done within the existing facilities budget.

## 7. Finance

Treasurer: Spending is on budget. The council will decide on the funding review in September. Mr Tremayne reported that the collection budget for the second half of the year is committed and that the clean-up of the catalogue after the migration is complete.

## 8. Policies

The Board reviewed the library's safeguarding policy and the procedure for volunteers who work with children. Adopted on a motion by Ms Raman, seconded by Mr Fairbairn. Carried.

## 9. Date of next meeting

Tuesday 16 September 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:39 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-09
    Minutes(
        date=dt.date(2025, 9, 16),
        filename="2025-09-16-board-minutes.docx",
        typed=dt.date(2025, 9, 19),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 16 September 2025
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski (Finance and Facilities Manager), Kwame Boateng (Children and Families Coordinator), Lucía Varga (Community Outreach Coordinator), Joan Pettifer (Board Secretary).

Apologies: none.

## 1. Patron Voice

Mr Tomasz Wójcik, a job seeker who attended the job club in the spring, told the Board that help with his CV and interview practice led to a job at the hospital. He now volunteers at the job club on Thursday evenings to help other job seekers.

## 2. Approval of the minutes

The minutes of the meeting held on 15 July 2025 were approved on a motion by Mr Fairbairn, seconded by Ms Raman. Carried.

## 3. Council funding decision

Councillor Amadi reported that the Town Council decided on 9 September to reduce the cut to the library budget from 5 per cent to 2 per cent, citing the letters from residents and the Open Doors figures.

Treasurer: A cut of 2 per cent is about 24,000 from 2026. It can be met without reducing opening hours, mainly through energy savings in the buildings and a smaller print collection.

Director: I want to thank every resident, parent, student and older adult who wrote to the council. The decision shows that the people we serve will speak for the library when they know what it does for them.

## 4. Open Doors: mid-term review

The Director presented the mid-term review of Open Doors.

| Priority | Measure | 2023 | 2025 |
| Children and families | Children at story times | 2,900 | 5,650 |
| Learners and job seekers | Job seekers helped | 140 | 410 |
| Older adults | Home delivery users | 24 | 63 |
| Newcomers | Newcomers at conversation circles | 0 | 190 |

Ms Kowalczyk asked which groups the library still does not reach. Ms Varga said working-age residents without children and young adults who have left school. The autumn outreach to employers and the college is aimed at them.

## 5. Homework club and students

Mr Boateng reported that the homework club ran all summer. 46 students attended regularly, and parents have asked for a second club at Millbrook. This can be staffed with volunteers from the college.

Motion: That a second homework club for students open at the Millbrook Branch in October. Moved by Ms Raman, seconded by Mr Ferreira. Carried.

## 6. Staffing

Ms Lindqvist reported that the two vacant library assistant posts have been filled and that staff training on the new procedures for volunteers is complete.

## 7. Conference talk

The Director will present the results of Open Doors at the regional library conference on 9 October, with the title One Year of Open Doors. Trustees are invited to attend.

## 8. Date of next meeting

Tuesday 18 November 2025 at 7:00 pm, Main Library. The Chair closed the meeting at 8:51 pm.
""",
    ),
    # ------------------------------------------------------------------ 2025-11
    Minutes(
        date=dt.date(2025, 11, 18),
        filename="2025-11-18-board-minutes.txt",
        typed=dt.date(2025, 11, 21),
        text="""\
Minutes of the Board of Trustees meeting held on Tuesday 18 November 2025
Alderbrook Public Library, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm

Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison).

In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski (Finance and Facilities Manager), Kwame Boateng (Children and Families Coordinator), Lucía Varga (Community Outreach Coordinator), Joan Pettifer (Board Secretary).

Apologies: none.

## 1. Patron Voice

Mrs Amina Yusuf came to Alderbrook as a newcomer in 2024. She told the Board how the conversation circles helped her find friends and a job, and how her children now borrow books every week. She has joined the volunteers who welcome newcomers to the circles.

## 2. Approval of the minutes

The minutes of the meeting held on 16 September 2025 were approved on a motion by Ms Kowalczyk, seconded by Mr Ferreira. Carried.

## 3. Conference report

The Director reported on her talk at the regional library conference in October. Other directors asked most about Patron Voice and about how the Board measured its own talk. Comparing the minutes of early 2024 with those of 2025, she found that words about patrons, families, children and other residents now outnumber words about our budget, building and procedures.

Chair: That is the change we wanted. We still look after the money and the building, but we now start from the people who use the library and those who could.

## 4. Young adults and working-age residents

Ms Varga reported on the autumn outreach. Staff visited six employers and the college, and 112 new cardholders joined, most of them young adults and working parents. Evening events for young adults at the Main Library drew 60 to 80 visitors each month.

## 5. Children, families and students

Mr Boateng reported that every primary school child in Alderbrook has now been offered a library card. The second homework club at Millbrook opened in October with 31 students. Baby and toddler sessions for parents and caregivers now run at all three branches.

## 6. Older adults and carers

Ms Lindqvist reported that home delivery now serves 67 older adults, and that volunteers will visit residents in the two care homes from January. Caregivers asked for a short guide to the library's large print and audio books; this will be ready in December.

## 7. Budget 2026

Treasurer: The draft budget for 2026 meets the 2 per cent cut without reducing opening hours. Funding is protected for the services that children, students, older adults and newcomers use most.

Motion: That the Board approve the 2026 budget for submission to the Town Council. Moved by Mr Whitcombe, seconded by Ms Raman. Carried unanimously.

## 8. Any other business

The Chair thanked the staff, the volunteers and the residents who took part in the work of the year, and wished members of the public who attended the meeting a good winter. The Library Board's annual report will be published in January.

## 9. Date of next meeting

Tuesday 20 January 2026 at 7:00 pm, Main Library. The Chair closed the meeting at 8:32 pm.
""",
    ),
)


CONFERENCE = "Tamsford Valley Regional Library Conference"

DECKS: tuple[Deck, ...] = (
    # ---------------------------------------------------------- autumn 2024
    Deck(
        date=dt.date(2024, 10, 3),
        filename="2024-10-03-regional-conference.pptx",
        created=dt.date(2024, 9, 27),
        title="Who Are Our Minutes About? Turning a Library Board Towards the People It Serves",
        footer=f"{LIBRARY} · Regional Library Conference 2024",
        slides=(
            Slide(
                title="Who Are Our Minutes About?",
                subtitle=(
                    "Turning a library board towards the people it serves\n"
                    f"Annelise Marchetti, Director, Alderbrook Public Library\n{CONFERENCE}, 3 October 2024"
                ),
                notes=(
                    "Thank the organisers. Alderbrook is a market town of about forty thousand residents, with a library service of three branches. "
                    "This talk is about our board, not about a new service: what we talked about, and what we changed."
                ),
            ),
            Slide(
                title="Alderbrook Public Library in brief",
                bullets=(
                    "Three branches: Main Library, Millbrook and Eastfield",
                    "46 staff, a small management team and a Board of seven trustees",
                    "About 14,000 active cardholders in a town of 40,000 residents",
                    "Budget of 1.2 million, two thirds of it staffing",
                ),
                notes=(
                    "Keep this short. Our budget is set by the Town Council, and our main building is a Victorian library "
                    "with a modern extension. The point is that we are an ordinary library with an ordinary board, "
                    "and that most of our residents do not hold a card."
                ),
            ),
            Slide(
                title="What our board talked about",
                table=(
                    ("Topic on the agenda", "Share of agenda time, January to May 2024"),
                    ("Budget and funding", "30 per cent"),
                    ("Staffing and procedures", "25 per cent"),
                    ("Building and facilities", "20 per cent"),
                    ("Collection and catalogue", "15 per cent"),
                    ("Patrons and residents", "10 per cent"),
                ),
                notes=(
                    "We timed our own agendas for five meetings. The last row is the one that should worry every board: "
                    "a tenth of our time went on the people the library exists for."
                ),
            ),
            Slide(
                title="Counting our own words",
                bullets=(
                    "We counted words about the institution and words about people in a year of minutes",
                    "Budget, staff, building, policy and procedure came up at every meeting",
                    "Patrons, families and residents came up far less often",
                    "About one word in four was about the people we serve",
                ),
                notes=(
                    "A simple count, done with a spreadsheet on a Sunday afternoon. Nobody on the board disputed it. "
                    "The minutes were honest: we simply talked about ourselves."
                ),
            ),
            Slide(
                title="Asking residents instead",
                bullets=(
                    "1,146 residents answered our survey in four weeks",
                    "38 per cent had not used the library in the past year",
                    "Families asked for weekend story times, older adults for home delivery",
                    "Job seekers asked for help with online applications",
                    "Many thought a library card costs money",
                ),
                notes=(
                    "The survey ran online, in all three buildings and at the Saturday market. "
                    "Non-users were the surprise: most did not know what we offer."
                ),
            ),
            Slide(
                title="Open Doors: four priorities",
                boxes=(
                    ("Children and families", "Weekend story times and no fines on children's cards"),
                    ("Learners and job seekers", "A job club and a homework club for students"),
                    ("Older adults", "Home delivery and help with phones and tablets"),
                    ("Newcomers", "Conversation circles and a welcome from the council"),
                ),
                notes=(
                    "Adopted by the board in July. Each priority names the residents it is for, "
                    "what we will do and how we will measure it."
                ),
            ),
            Slide(
                title="Changing the agenda",
                bullets=(
                    "Patron Voice is the first item of every board meeting",
                    "Every paper says which residents it serves",
                    "Measures for each priority reported twice a year",
                    "The budget built around priorities, not departments",
                ),
                notes=(
                    "The first Patron Voice, in September, was a resident of Eastfield whose branch had just closed "
                    "after a roof leak. It was uncomfortable, and it was the most useful ten minutes of the meeting."
                ),
            ),
            Slide(
                title="Early results",
                bullets=(
                    "1,240 children in the summer reading challenge, up from 910",
                    "More than 300 parents and children at weekend story times since July",
                    "Fines removed on children's and teen materials",
                    "Eastfield open on Saturday mornings for families and students",
                ),
                notes="Early days. These figures are for the summer only; the first full report comes in November.",
            ),
            Slide(
                title="What is still hard",
                bullets=(
                    "A flat budget and a branch roof that failed in August",
                    "Staff capacity while the new library system and catalogue went live",
                    "Policies and procedures still written for the institution",
                    "Measuring what matters to users, not only what is easy to count",
                ),
                notes=(
                    "Be honest here. Half of our September meeting was about a roof. "
                    "The building and the budget do not go away; the question is what they are for."
                ),
            ),
            Slide(
                title="Questions",
                bullets=(
                    "What would your minutes say about your users?",
                    "Annelise Marchetti, Director, Alderbrook Public Library",
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------- autumn 2025
    Deck(
        date=dt.date(2025, 10, 9),
        filename="2025-10-09-regional-conference.pdf",
        created=dt.date(2025, 10, 6),
        title="One Year of Open Doors: What Happened When Our Board Started Talking About People",
        footer=f"{LIBRARY} · Regional Library Conference 2025",
        slides=(
            Slide(
                title="One Year of Open Doors",
                subtitle=(
                    "What happened when our board started talking about people\n"
                    f"Annelise Marchetti, Director, Alderbrook Public Library\n{CONFERENCE}, 9 October 2025"
                ),
                notes="Remind the room of last year's talk; some of them were there.",
            ),
            Slide(
                title="A year ago",
                bullets=(
                    "Our minutes were mostly about the library itself",
                    "Budget, building and procedures filled most of every agenda",
                    "One word in four was about patrons, families or residents",
                    "We adopted the Open Doors strategy in July 2024",
                    "Patron Voice became the first item on every agenda",
                ),
                notes="Quick recap for those who were not here last year.",
            ),
            Slide(
                title="Who came through the doors",
                table=(
                    ("Group", "2023", "2025"),
                    ("Children at story times", "2,900", "5,650"),
                    ("Job seekers helped", "140", "410"),
                    ("Older adults on home delivery", "24", "63"),
                    ("Newcomers at conversation circles", "0", "190"),
                    ("New cardholders", "1,310", "1,920"),
                ),
                notes="Figures for the twelve months to August each year.",
            ),
            Slide(
                title="Families first",
                bullets=(
                    "Weekend story times at all three branches",
                    "Baby and toddler sessions for parents and caregivers",
                    "No fines on children's and teen cards",
                    "640 children signed up for a library card through school visits",
                ),
                notes="Kwame Boateng, our Children and Families Coordinator, deserves the credit for the school visits.",
            ),
            Slide(
                title="Learners, students and job seekers",
                bullets=(
                    "A job club twice a week: 410 job seekers helped",
                    "Homework clubs for students at Eastfield and Millbrook",
                    "The study room opens at nine for learners before exams",
                    "Former job seekers now volunteer to help others",
                ),
                notes="Tell the story of the job seeker who now runs the Thursday job club as a volunteer.",
            ),
            Slide(
                title="Older adults and newcomers",
                bullets=(
                    "Home delivery for 63 older adults",
                    "Digital help sessions with volunteers, run with the senior citizens' club",
                    "Conversation circles for 190 newcomers, many of them parents",
                    "The council tells every newcomer about the library",
                ),
                notes="The conversation circles cost almost nothing: a room, a kettle and volunteers.",
            ),
            Slide(
                title="Teens and young adults",
                bullets=(
                    "A teen advisory group chooses part of the new stock",
                    "Friday evenings and games nights for teens",
                    "Young adults who have left school are still the hardest to reach",
                ),
                notes="Honest slide: we have not cracked young adults yet. Outreach to employers and the college starts this autumn.",
            ),
            Slide(
                title="When the budget came under pressure",
                bullets=(
                    "The council proposed a cut of 5 per cent",
                    "More than 200 residents, parents and students wrote in support",
                    "The cut was reduced to 2 per cent",
                    "Our patrons spoke for us because they knew what we do for them",
                ),
                notes="This is the slide to linger on. A year earlier nobody would have written.",
            ),
            Slide(
                title="What it cost the library",
                bullets=(
                    "No new funding: the budget moved from administration and print reference",
                    "Two staff posts created in the staffing restructure",
                    "Library policies rewritten: fines, customer comments and safeguarding",
                    "Staff time and training were the real cost",
                ),
                notes="People always ask about money. The honest answer is staff time, not cash.",
            ),
            Slide(
                title="Our minutes, counted again",
                table=(
                    ("Meetings", "Words about people", "Words about the institution"),
                    ("Early 2024", "One in four", "Three in four"),
                    ("Late 2024", "About half", "About half"),
                    ("2025", "Three in five", "Two in five"),
                ),
                notes="Same count as last year, same spreadsheet. The board now counts its words every six months.",
            ),
            Slide(
                title="Lessons for other boards",
                bullets=(
                    "Start each meeting with a patron, not a report",
                    "Ask which residents every paper serves",
                    "Count your own words: it is cheap and it is honest",
                    "Keep the budget and the building in view, as means for the people you serve",
                ),
                notes="End on the budget point: this is not about ignoring money, it is about what money is for.",
            ),
            Slide(
                title="Thank you",
                bullets=(
                    "Questions welcome",
                    "Annelise Marchetti, Director, Alderbrook Public Library",
                ),
            ),
        ),
    ),
)
