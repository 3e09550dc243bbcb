#!/usr/bin/env python
"""Build the fictional Ravensmoor sample call for evidence.

Writes the submissions in src/evidence_lab/data/sample_call/ (docx, pdf, txt,
md and one online-form CSV export), plus manifest.csv, shipped inside the
package so that evidence_lab.sample_call() finds them from any working
directory; and the panel's call text in corpus/sample_call_README.md (kept
outside the evidence folder so it is not ingested as a submission).

Everything here is invented: Ravensmoor, its people, schemes and numbers are
fictional. Output is deterministic: fixed dates, no randomness, reportlab in
invariant mode, fixed docx core properties and fixed zip timestamps, so a
rebuild gives byte-identical files.

Run with:  .venv/bin/python corpus/build_sample_call.py
Needs: python-docx, reportlab (pypdf only for the --check option).

Text mini-markup used for the submission bodies below:
  "# X"    organisation title         "## X"  section heading
  "- X"    bullet item                "| a | b |" table row (first row = header)
  Other lines form blocks separated by blank lines; each line inside a block
  is kept as its own line (addresses, signatures); long paragraphs are one line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import textwrap
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "evidence_lab" / "data" / "sample_call"
CALL_README = HERE / "sample_call_README.md"

FIXED_DOCX_TIME = dt.datetime(2026, 11, 21, 9, 0, 0)
ZIP_TIME = (2026, 11, 21, 9, 0, 0)

# ---------------------------------------------------------------------------
# The call for evidence (not a submission)
# ---------------------------------------------------------------------------

CALL_TEXT = """\
# Ravensmoor Police and Crime Panel: call for evidence

*Fictional sample material for evidence_lab. Ravensmoor and everyone named here are invented.*

**Proactive scrutiny review: "How well does the Commissioner enable effective and efficient policing in Ravensmoor?"**

Issued 1 October 2026. Closing date for written evidence: **Friday 20 November 2026, 5pm**.

## Why the Panel is holding this review

The Ravensmoor Police and Crime Panel scrutinises the Police and Crime Commissioner for Ravensmoor, Sarah Pennington, and her office (the Office of the Police and Crime Commissioner for Ravensmoor, "the OPCC"). The Panel does not scrutinise Ravensmoor Police or its Chief Constable, Raj Mehta, directly: operational policing is a matter for the Chief Constable, and holding him to account is the Commissioner's job.

Two years into the current Police and Crime Plan, the Panel has chosen to look at how well the Commissioner uses her powers, her budget and her influence to help the force and its partners keep Ravensmoor safe. We want to hear from the organisations and people who work with the Commissioner and her office across Ashby Vale, Kettering Moor, Harlow Fen, the city of Stanbridge and Coldwater.

## Key lines of enquiry

1. **Holding the force to account.** How effectively does the Commissioner hold the Chief Constable to account for an efficient and effective force, and how visible is that to the public, officers and staff?
2. **Engagement and communication.** How well do the Commissioner, the Deputy Commissioner (Marcus Doyle) and the OPCC listen to and report back to residents, partners, officers and staff?
3. **Commissioning and grants.** How well do the Commissioner's grant rounds and commissioned services (including the Victim Hub and the Safer Streets Ravensmoor fund) meet local needs, and how fair and timely are the processes?
4. **Partnership working.** How well does the Commissioner work with community safety partnerships, councils, the fire and rescue service, health and the Violence Reduction Unit, including on shared systems such as the RavenShare case-management platform?
5. **Resources for policing.** How well do the Commissioner's decisions on the budget, precept, estate and technology support policing that meets local priorities?

You do not need to answer every question. Evidence on issues we have not listed is also welcome.

## How to respond

- By email to the Panel's scrutiny officer: ravensmoor.pcp@example.org
- Through the Panel's online form (short responses from residents and small groups)
- By post to: Scrutiny Officer, Ravensmoor Police and Crime Panel, County Hall, Stanbridge

Please tell us who you are responding for, and keep submissions to no more than about four pages. The Panel intends to publish the evidence it receives with personal contact details removed. Evidence will inform public hearings in January 2027 and the Panel's report and recommendations to the Commissioner.

Councillor Helen Marsh
Chair, Ravensmoor Police and Crime Panel
"""

# ---------------------------------------------------------------------------
# Submissions
# ---------------------------------------------------------------------------
# Each entry: file, format, organisation, respondent_type, received, body.

SUBMISSIONS: list[dict] = []


def sub(file, fmt, organisation, respondent_type, received, body, **extra):
    SUBMISSIONS.append(dict(file=file, fmt=fmt, organisation=organisation,
                            respondent_type=respondent_type, received=received,
                            body=textwrap.dedent(body).strip("\n"), **extra))


# 1 -------------------------------------------------------------------------
sub("ashby_vale_csp.docx", "docx", "Ashby Vale Community Safety Partnership",
    "community_safety_partnership", "2026-11-06", """
# Ashby Vale Community Safety Partnership

Response to the Ravensmoor Police and Crime Panel's call for evidence
6 November 2026

Dear Chair,

Thank you for inviting the partnership to contribute to the Panel's review. This response was agreed by our strategic board on 29 October 2026. It reflects the views of Ashby Vale District Council, the Ashby Vale neighbourhood policing team, Ravensmoor Fire and Rescue Service, the probation service and the local place team of the integrated care board.

## About the district

Ashby Vale is a district of three market towns and a large farming hinterland. Recorded crime per head is below the county average, but residents consistently raise the same concerns with us: anti-social behaviour in Ashby town centre in the evenings, shop theft and vehicle crime around the Vale Retail Park, and speeding traffic in the villages.

## Engagement with the Commissioner's office

Our relationship with the OPCC has improved over the last eighteen months. The Deputy Commissioner, Marcus Doyle, attended two of our board meetings this year and on both occasions sent written answers to our questions within a fortnight. The OPCC's partnership officer for the north of the county has been a dependable point of contact and has helped us to interpret the Commissioner's priorities for our own plan.

We would, however, welcome earlier sight of the Commissioner's thinking when the Police and Crime Plan is refreshed. In 2025 the consultation draft reached us with ten working days for comment, which did not fit any of our board cycles, and our response was in the end signed off by the chair alone.

## The Safer Streets Ravensmoor grant round

Our most significant concern this year is the timetable for the 2026/27 Safer Streets Ravensmoor grant round. In previous years the round opened in April. This year it did not open until 7 July and it closed on 1 August, in the middle of the school holidays, when most of our voluntary sector partners were working with skeleton staff. Decisions that had been promised for early September reached us on 16 October.

The consequence is that every funded project must now be designed, procured, delivered and evaluated in under six months before the 31 March spending deadline. We have had to abandon an eight-month diversionary programme for young people on the Hollins estate and replace it with a shorter scheme that we expect to have much less effect. Two of the three community groups we helped to apply have told us they will not bid again unless the process changes.

We recognise that part of the delay came from late confirmation of Home Office funding, and the OPCC did write to partners in June to explain this. Whilst we appreciated that letter, it does not account for the whole delay, and so far nobody has been able to tell us when the 2027/28 round will open.

We recommend that the Commissioner publishes the timetable for each grant round at least three months before it opens, and considers two-year awards so that partners are not rebuilding projects from nothing every April.

## The RavenShare case-management system

The partnership has used RavenShare for joint anti-social behaviour case management with the police and housing providers since 2024, and it has genuinely improved how quickly we can act on repeat cases. The introduction of a per-user charge from April 2026 has undone some of that progress. The district council has cut its licences from twelve to five, which means housing officers who used to update cases directly now send emails to a colleague who does it for them. We would ask the Commissioner to reconsider charging district councils at the same rate as much larger organisations.

## Operational policing

Visibility of the neighbourhood team in Ashby town centre has improved noticeably since the Chief Constable's restructure of neighbourhood policing in 2025, and shop theft at the retail park fell this summer after a joint operation with the business community. These are achievements of the force and its partners.

In the rural parts of the district, residents still tell us that they rarely see an officer. We would welcome information on how the Commissioner holds the Chief Constable to account for neighbourhood policing outside the towns, and what measures she uses to judge it.

## Road safety

Speeding through villages is raised at almost every community meeting we hold. Community Speed Watch volunteers in four villages collect data every month, but they do not know what happens to it. Road safety appears in the Police and Crime Plan, yet it is not mentioned in any of the grant criteria. We would welcome a clearer statement from the Commissioner about what role she sees for her office in road safety.

## Summary

- Publish grant round timetables early and consider two-year awards.
- Review the RavenShare charging model for smaller councils.
- Explain how neighbourhood policing in rural areas is monitored.
- Clarify the OPCC's role in road safety.

We would be happy to give oral evidence if that would help the Panel.

Yours sincerely,

Councillor Graham Tate
Chair, Ashby Vale Community Safety Partnership
""")

# 2 -------------------------------------------------------------------------
sub("kettering_moor_csp.pdf", "pdf", "Kettering Moor Community Safety Partnership",
    "community_safety_partnership", "2026-11-13", """
# Kettering Moor Community Safety Partnership

Submission to the Ravensmoor Police and Crime Panel: proactive scrutiny review
13 November 2026

## 1. Introduction

1.1 The Kettering Moor Community Safety Partnership welcomes the Panel's review. Kettering Moor is the largest and most sparsely populated district in Ravensmoor, covering upland farms, the two small towns of Kettering Moor and Brackenby and a large number of isolated hamlets. Our comments focus on the areas where the Commissioner's decisions have the most direct effect on our residents.

## 2. Commissioning and the grant round

2.1 Partners were disappointed by the way the 2026/27 Safer Streets Ravensmoor round was run. The prospectus appeared in July rather than in the spring, applicants had just over three weeks to submit, and results were not communicated until the middle of October. Because our board meets every two months, our bid could not be discussed by the board at all and had to be approved by the chair under delegated powers.

2.2 The late decision leaves us with roughly twenty weeks to deliver a project that was designed to run for a full year, and we have been told that any underspend cannot be carried forward. We would ask the Panel to explore with the Commissioner why the timetable slipped and what will be different next year.

2.3 We would also value proper feedback on unsuccessful bids. Our application for a rural youth outreach worker was turned down by a one-line email, with no scores and no explanation.

## 3. The RavenShare charge

3.1 RavenShare has become the main way our anti-social behaviour and vulnerability cases are shared between the district council, the police and housing providers. We were early supporters of the system when the OPCC introduced it in 2024. It was therefore frustrating that the decision to charge partners from April 2026 was communicated in February, after the council had set its budget for the year. For a small district council the charge amounts to about a third of our community safety revenue budget.

3.2 We have reduced the number of users and now send some cases to the neighbourhood inspector by email, which defeats the purpose of a shared system. We recommend that the Commissioner reviews the charging model, consults partners before making any further change, and considers a tiered charge that reflects the size of each organisation.

## 4. Rural crime

4.1 The expansion of the force's rural crime team in 2025 has been widely welcomed by farmers and landowners, and the officers who cover the moor are well regarded by the communities they serve.

4.2 The Commissioner's decision to ring-fence precept funding for the additional rural posts was a positive step, and residents noticed the difference within months.

4.3 However, the rural crime strategy that the OPCC consulted on in spring 2025 has still not been published, and we are still waiting for the rural crime summit that was promised at the same time. Without the strategy, partners do not know what the Commissioner expects the team to prioritise or how its success will be measured.

## 5. Estates

5.1 The closure of the public front counter at Kettering Moor police station in September 2026 was announced with only a few weeks' notice. Residents of Brackenby and the upland villages now face a round trip of more than forty miles to reach the nearest counter in Stanbridge. We would welcome a discussion with the OPCC about alternatives, such as a regular police surgery at the council offices or in the library.

## 6. Summary of recommendations

- Publish grant round timetables well in advance and give feedback on every bid.
- Review the RavenShare charge and introduce a tiered model.
- Publish the rural crime strategy and set a date for the rural summit.
- Agree local alternatives to the Kettering Moor front counter.

Alison Pryce
Community Safety Manager, Kettering Moor District Council
on behalf of the Kettering Moor Community Safety Partnership
""")

# 3 -------------------------------------------------------------------------
sub("harlow_fen_csp.txt", "txt", "Harlow Fen Community Safety Partnership",
    "community_safety_partnership", "2026-10-30", """
# HARLOW FEN COMMUNITY SAFETY PARTNERSHIP

Written evidence to the Ravensmoor Police and Crime Panel
30 October 2026

Dear Panel members,

The Harlow Fen Community Safety Partnership is grateful for the chance to contribute to this review. We have kept our submission short and focused on the three issues our board agreed matter most to the district.

## 1. Engagement with the partnership

Nobody from the Office of the Police and Crime Commissioner has attended a meeting of our board since January 2025, although an invitation is sent before every meeting. In the previous three years the OPCC's partnership lead came regularly and we found those discussions useful. We understand the office has had staff changes, but the result is that we hear about the Commissioner's decisions second hand, usually through the district inspector. We would welcome a named OPCC contact for the partnership and attendance at our board at least twice a year.

## 2. The grant round

Like other partnerships across the county, we struggled with the timing of this year's Safer Streets Ravensmoor round. The fund opened without warning in early July, closed within four weeks, and we did not hear the outcome until mid-October. For a small partnership with one part-time coordinator this is not workable.

Our bid for CCTV and lighting at the Fen Drove lay-bys, where vehicle crime and fly-tipping are common, was successful, and we are grateful for that. But the equipment has a twelve-week lead time and we now doubt it can be installed before the end of March. We ask the Commissioner to allow funding to slip into the new financial year where the delay was caused by the OPCC's own timetable.

## 3. Rural crime

Hare coursing, theft of fuel and machinery and damage to farmland remain the crimes that most worry our rural residents. The force's rural crime team has been visible at parish meetings and its response to hare coursing last winter was noticeably quicker than before. Those are matters for the Chief Constable, and we have told him so directly.

What we would ask of the Commissioner is clarity. At the Panel's meeting in March she said a rural crime strategy would follow shortly. Eighteen months after the consultation closed it has not appeared. The Commissioner should publish it, with a clear statement of how the rural crime team will be protected in future budgets.

## 4. Other matters

We welcome the joint police and fire station at Harlow Fen, which opened this year with capital funding from the Commissioner. It has already improved day-to-day working between fire crews and the neighbourhood team.

Yours faithfully,

Councillor Diane Whitlock
Chair, Harlow Fen Community Safety Partnership
""")

# 4 -------------------------------------------------------------------------
sub("coldwater_csp.txt", "txt", "Coldwater Community Safety Partnership",
    "community_safety_partnership", "2026-11-18", """
# Coldwater Community Safety Partnership

Response to the call for evidence of the Ravensmoor Police and Crime Panel
18 November 2026

To: the Scrutiny Officer, Ravensmoor Police and Crime Panel

## 1. About Coldwater

Coldwater is a coastal district whose population roughly doubles between June and September. The seafront, caravan parks and night-time economy draw visitors from across the region, and demand on the police follows the same seasonal pattern. The district also has above-average deprivation, long-term ill health and mental health need.

## 2. Mental health demand

The issue our partners raise most often is the amount of police time taken up by people in mental health crisis. Officers in the Coldwater neighbourhood team tell us that on busy summer weekends more than half of their shift can be spent waiting with patients in the emergency department or driving them between hospitals. This is a question for health commissioners as much as for the police.

The street triage car, which paired a mental health nurse with a police officer on Friday and Saturday nights, was funded by the OPCC as a two-year pilot and ended in March 2026. Partners were not consulted on the decision to stop it, and we have never seen the evaluation. Our own monitoring suggests section 136 detentions in Coldwater rose by about a quarter in the six months after the car was withdrawn.

We strongly encourage the Commissioner to publish the evaluation and to use her convening role to bring the integrated care board and the mental health trust back to the table.

## 3. The grant round

Whilst the OPCC's grants officer was helpful and answered our questions quickly, the timetable for the 2026/27 Safer Streets Ravensmoor round simply does not work for a seaside district. Money confirmed in October cannot pay for interventions in the summer season, which is exactly when we need them. We would welcome an earlier round, or the option of a funding year that runs from June to May for coastal areas.

## 4. Youth violence

After two stabbings on the seafront in August 2025, the Violence Reduction Unit, which the Commissioner's office hosts and funds, worked with the council's youth service to run a summer detached youth work programme on the promenade. It has been one of the most effective pieces of partnership work we have seen in years, and the youth workers now know many of the young people by name.

The difficulty is that the programme is confirmed only one year at a time, and each spring the staff are put on notice. We recommend that the Commissioner finds a way to commit VRU funding for at least three years for programmes that are showing results.

## 5. The front counter

The closure of the public front counter at Coldwater police station in September has been keenly felt, particularly by older residents who do not use online reporting. We ask the Commissioner to explain how the decision took account of the seasonal population, and to work with the council on a staffed contact point on the seafront during the summer months.

## 6. Road safety

Motorcycle casualties on the coast road remain a concern every summer. The Road Safety Partnership's weekend enforcement and education operation in 2026 was well run and visible, and partners were pleased to see it. We would welcome the Commissioner's support in making it a permanent part of the summer plan.

## 7. Contact

We would be pleased to discuss any of these points with the Panel's officers.

Kemi Oduya
Partnership Manager, Coldwater Community Safety Partnership
Coldwater District Council, Marine Parade Offices, Coldwater
Email: k.oduya@example.org
Tel: 01632 960 418
""")

# 5 -------------------------------------------------------------------------
sub("ravensmoor_county_council.docx", "docx", "Ravensmoor County Council",
    "council", "2026-11-20", """
# Ravensmoor County Council

Directorate of Communities and Public Protection
Evidence to the Ravensmoor Police and Crime Panel
20 November 2026

Dear Councillor Marsh,

I am writing on behalf of Ravensmoor County Council in response to the Panel's call for evidence. This response has been discussed with the Cabinet Member for Communities and reflects the council's roles as highways authority, social care authority, lead for the county's community safety agreement and a partner in the Violence Reduction Unit.

## Strategic partnership

The Commissioner has been a constructive member of the Safer Ravensmoor Strategic Board, which brings together the county council, the district and city councils, the force, the fire service, health and probation. She has attended every meeting since her election, and her office provides much of the board's analytical support. The joint strategic assessment produced by the OPCC's analysts in 2025 was the best piece of shared analysis the board has had, and it now underpins the county's community safety agreement.

We also note that the Commissioner's quarterly accountability meetings with the Chief Constable have been webcast since January 2026. This is a welcome step towards openness, although the papers are often published only a day before the meeting, which leaves little time for partners or the public to read them.

## The RavenShare charge

The council's most serious concern relates to RavenShare, the shared case-management platform the OPCC introduced in 2024. The council supported the platform from the start and committed significant staff time to moving its anti-social behaviour, child exploitation and adult safeguarding referrals onto it. At launch partners were told that the OPCC would meet the running costs.

In February 2026 the OPCC informed partners that from 1 April it would charge £1,150 a year for each named user. No consultation took place, the charge was announced after the council had set its 2026/27 budget, and no business case has been shared to explain how the figure was reached. The table below summarises the effect on the council.

| Year | Named council users | Charge per user | Cost to the council |
| 2024/25 | 46 | none | £0 |
| 2025/26 | 52 | none | £0 |
| 2026/27 | 31 | £1,150 | £35,650 |

To contain the cost we have withdrawn licences from 21 staff, including all of our early help practitioners. Information that used to be shared in one place is now passed on by email and telephone, which is slower and less secure. We believe the charge, as implemented, is working against the Commissioner's own aim of better information sharing.

We recommend that the Commissioner publishes the full running costs of RavenShare, consults partners on a fair funding model before the 2027/28 budget round, and considers an organisational licence rather than a per-user charge.

## Commissioning and grants

We share the concerns that district community safety partnerships have raised with us about the late timetable of the 2026/27 Safer Streets Ravensmoor round. The county council did not bid, but we support the districts in asking for a fixed annual timetable that is published well in advance.

## Youth diversion

The council's youth justice service runs the Fresh Start diversion scheme for young people who commit low-level offences, funded jointly by the Commissioner and the council since 2024. The scheme has helped more than 200 young people avoid a criminal record, and reoffending among those who complete it is low. The OPCC's commissioning team was flexible when we needed to change the delivery model part-way through the first year, and we thank them for that. Referrals from the force have been lower than expected, which we are discussing with the Chief Constable's team.

## Road safety

The Ravensmoor Road Safety Partnership has benefited from the Commissioner's decision in 2025 to put part of the income from speed awareness courses back into road safety. The OPCC's contribution paid for two additional mobile camera vans and for the partnership's motorcycle safety campaign, and killed and seriously injured casualties on our roads fell in 2025 for the first time in four years. We are grateful for that support and would welcome a multi-year commitment so that the partnership can plan its enforcement and education programme with confidence.

## Mental health demand

Council social workers see every day the pressure that mental health crises place on the police, ambulance and emergency departments. We would welcome the Commissioner taking a more visible lead in bringing the integrated care board, the mental health trust, the council and the force to agree a joint approach to people in crisis, including a clear position on the future of street triage.

## Conclusion

The council values its partnership with the Commissioner and her office. Our concerns are largely about process: decisions that affect partners' budgets should be made openly, with notice and with evidence. We would be happy to provide further information or to give oral evidence.

Yours sincerely,

Jonathan Reeve
Director of Communities and Public Protection, Ravensmoor County Council
""")

# 6 -------------------------------------------------------------------------
sub("stanbridge_city_council.docx", "docx", "Stanbridge City Council",
    "council", "2026-11-12", """
# Stanbridge City Council

Office of the Leader
12 November 2026

To the Chair and members of the Ravensmoor Police and Crime Panel

## Response to the Panel's call for evidence

Stanbridge is the only city in Ravensmoor and accounts for around forty per cent of the county's recorded crime. It is where most serious violence happens, and it is home to the largest share of young people, students and night-time economy workers in the county. The city council therefore has a strong interest in how well the Commissioner enables policing here.

## The Victim Hub

The Ravensmoor Victim Hub, which the Commissioner opened in Stanbridge in 2025, has been a real success. Our community safety and housing teams now refer victims of anti-social behaviour and hate crime through a single number and receive a response, usually within two working days. Before the hub, officers had to choose between several services with different criteria. Residents we have spoken to describe the hub staff as patient and well informed. We would encourage the Commissioner to protect its funding in the coming budget.

## Serious violence and knife crime

Knife crime offences in the city rose again in 2025/26, and residents in the Eastgate and Millbrook wards tell us they are worried about young people carrying knives. The city council is an active partner in the Violence Reduction Unit, and the VRU's programme of mentors in the city's emergency department and in three secondary schools has been well received by teachers and health staff.

Whilst we support the VRU's approach, however, we have two concerns about the way it is managed by the Commissioner's office. First, funding for projects is confirmed only a few weeks before each financial year, so experienced mentors have been lost to jobs with more security. Second, the evaluation of the VRU's first three years, which the OPCC told partners would be published in spring 2026, has not yet appeared. We would welcome its publication before the Panel's hearings so that partners can see what is working.

## RavenShare

The council objects to the charge the OPCC introduced in April 2026 for access to the RavenShare case-management system. The city council was told in 2024 that the platform would be free to partners for the foreseeable future, and we planned our own systems on that basis. The charge is now costing the council over £20,000 a year, and no one from the OPCC has yet explained how the figure was calculated, although we asked in writing in March and again in June.

## Engagement with the city

The Commissioner meets the Leader and the Chief Executive of the city council every quarter, and those meetings are frank and useful. She has also been quick to respond publicly after serious incidents in the city, which residents appreciate.

Her public engagement events in Stanbridge have been less successful. The two "Your Police, Your Say" meetings held in the city this year were advertised only a week in advance and attracted fewer than thirty people between them. The city council would be glad to help the OPCC reach residents through our ward forums, tenants' associations and the university.

## Night-time economy

We want to acknowledge the work of the force's city centre team and the Stanbridge Business Crime Reduction Partnership in keeping the night-time economy safe. The council's CCTV control room and the police work closely together and this year's student welcome weeks passed without serious incident. We would welcome the Commissioner's support for continuing the Safe Space at St Anne's Square, which currently relies on one-off funding.

## Requests to the Commissioner

- Commit funding to the Victim Hub for at least three years.
- Give VRU projects multi-year funding agreements.
- Publish the VRU evaluation without further delay.
- Explain and review the RavenShare charge.

Yours sincerely,

Councillor Yusuf Rahman
Leader, Stanbridge City Council
""")

# 7 -------------------------------------------------------------------------
sub("ashby_vale_neighbourhood_watch.txt", "txt",
    "Ashby Vale and District Neighbourhood Watch Association",
    "neighbourhood_watch", "2026-10-14", """
# Ashby Vale and District Neighbourhood Watch Association

14 October 2026

Dear Sir or Madam,

I write as secretary of the Ashby Vale and District Neighbourhood Watch Association, which represents 62 schemes and about 1,900 member households across the district. Our committee discussed the Panel's call for evidence at its September meeting and asked me to pass on the following points.

First, our members want to thank the local PCSOs, who attend our meetings, answer emails and know the villages well. Whatever else changes, we hope the force keeps them.

Our view of the Commissioner's office is more mixed. The OPCC gave the association a small grant of £500 last year for new street signs and window stickers, and the process was quick and simple. We were grateful for that. However, the Commissioner's community newsletter, which used to arrive every quarter, stopped in 2025 without explanation, and we now have little idea what the office is doing. We invited the Commissioner or a member of her team to our annual general meeting in May. Nobody from the office attended, and we did not receive an apology.

The other issue our members raise is speeding. Community Speed Watch teams in Ashby Magna, Thornleigh and Little Bewley have recorded thousands of vehicles over the limit this year. The readings are sent off, but our volunteers never hear what happens next, and several have given up. We would like the Commissioner to make sure that Speed Watch data leads to action and that volunteers are told about it.

We would also like to see the Commissioner at one of our coordinator evenings. Many of our members are retired and have time and experience to give, and several have told us they would volunteer more if they felt the Commissioner's office valued what they do.

Finally, waiting times on the 101 number are still a frustration for older members, although we accept this is for the Chief Constable to resolve.

Yours faithfully,

Margaret Ellison
Secretary, Ashby Vale and District Neighbourhood Watch Association
""")

# 8 -------------------------------------------------------------------------
sub("police_federation.pdf", "pdf", "Ravensmoor Police Federation",
    "staff_association", "2026-11-17", """
# Ravensmoor Police Federation

Joint Branch Board
Written evidence to the Ravensmoor Police and Crime Panel
17 November 2026

## Introduction

The Ravensmoor Police Federation represents some 2,300 police officers of the ranks of constable, sergeant, inspector and chief inspector in Ravensmoor Police. We welcome the Panel's decision to look at how well the Commissioner enables effective and efficient policing, because that question goes to the heart of what our members experience every day.

This submission draws on our 2026 branch welfare survey, to which 1,104 members responded, and on discussions at our Joint Branch Board. We have tried to separate issues that are for the Chief Constable from those that sit with the Commissioner.

## Visibility of the Commissioner to officers

The Commissioner is an elected politician and we do not expect her to be a familiar face in every parade room. But our survey suggests she is almost invisible to the front line. Only 14 per cent of respondents said they had heard the Commissioner speak about policing in the last year, and fewer than one in ten could identify a decision she had made that had affected their work. When we asked members what the Commissioner's priorities were, the most common answer was "don't know".

We raised this with the OPCC last year and were promised a programme of station visits. Two visits took place, both to Stanbridge Central. Officers in Coldwater, Harlow Fen and Kettering Moor have not seen the Commissioner or the Deputy Commissioner at all. We recommend that the Commissioner commits to a regular, published programme of visits to every district, including night shifts, and reports back on what she has heard.

Our members also find the Commissioner's communications are written for the public rather than for them. The OPCC's newsletter and social media describe decisions after they have been made, and there is no channel through which officers can raise issues with the Commissioner directly. We would welcome a short, regular message to the workforce and an open question session once a quarter.

## Welfare and wellbeing

We want to give credit where it is due. The Commissioner's decision in the 2025/26 budget to fund two additional occupational health nurses and a trauma risk management coordinator has made a real difference. Waiting times for an occupational health appointment fell from nine weeks to under three, and members involved in serious incidents are now routinely offered support within 72 hours. The Commissioner listened to our case for this investment and acted on it, and we thank her for that.

We also welcome her public support for officers and staff who are assaulted on duty, including her letter to the local criminal justice board asking for assaults on emergency workers to be prioritised at court. Assaults on our members rose again last year, to 612 recorded incidents, and the time it takes for those cases to reach court remains unacceptable. Officers tell us that being assaulted and then waiting more than a year for a trial, often to see the case dropped, is one of the main reasons they lose faith in the system.

We ask the Commissioner to report to the Panel on what progress the local criminal justice board has made since her letter, and to keep pressing for these cases to be listed quickly.

## Mental health demand

The single biggest pressure on our members' time, after staffing levels, is demand arising from mental health. Officers routinely spend entire shifts with people in crisis, often waiting for a bed or an assessment that is the responsibility of health services. Our survey found that 68 per cent of response officers had spent more than four hours with a single mental health patient in the last month.

The street triage car pilot in Coldwater and Stanbridge, funded by the Commissioner, was popular with officers and, in our view, effective. It ended in March 2026 and our members were told nothing about why. We are concerned that the Commissioner has not used her position to press health commissioners to take on their share of this demand. The Commissioner should publish the evaluation of street triage, set out her position on how mental health demand will be managed across Ravensmoor, and report regularly to the Panel on progress.

## Equipment, fleet and technology

Members have noticed the improvements funded through the precept over the last two years. The replacement of the older response vehicles in the north of the county and the roll-out of new body-worn video cameras were both overdue, and both were delivered. The Commissioner deserves credit for prioritising these in her budget.

The picture on technology is less positive. The new mobile working application introduced in 2025 still crashes regularly, and officers in rural areas frequently lose connection altogether. We understand that the contract was let by the force, but the Commissioner approved the business case and should be holding the Chief Constable to account for its performance.

## The police estate

The closure of front counters at Coldwater and Kettering Moor in September 2026 was presented as a saving to the public. For officers it has meant the loss of a base in those towns. Neighbourhood officers in Kettering Moor now start and finish their shifts at Brackenby, adding up to forty minutes of travel to each shift. We were not consulted on the estates strategy and we ask that the Federation is included in any future review.

## Holding the Chief Constable to account

We note that the Commissioner's accountability meetings with the Chief Constable are now webcast. That is a positive development in principle. However, our members who have watched them describe the meetings as presentations rather than challenge. Questions are agreed in advance, and issues our members raise with us, such as single-crewing at night, the detective shortage and rest days cancelled at short notice, are rarely discussed. We would like to see the Commissioner use these meetings to ask harder questions about the conditions in which officers work.

## Recruitment and retention

The force is still short of around 90 detectives, and resignations among officers with less than five years' service remain high. These are primarily matters for the Chief Constable, and we are working with him on them. We would, however, welcome the Commissioner's support for an independent review of why new officers are leaving, and her commitment to fund any actions that arise from it.

## Summary of recommendations

- A published programme of Commissioner visits to every district, including night shifts.
- Publication of the street triage evaluation and a clear position on mental health demand.
- Federation involvement in future estates decisions.
- Sharper challenge of the Chief Constable on officer working conditions in accountability meetings.
- Support for an independent review of early-career resignations.

We would be pleased to give oral evidence to the Panel.

Sergeant Lee Harrington
Branch Secretary, Ravensmoor Police Federation
""")

# 9 -------------------------------------------------------------------------
sub("unison_police_staff.txt", "txt", "Unison Ravensmoor Police Staff Branch",
    "staff_association", "2026-11-09", """
# UNISON Ravensmoor Police Staff Branch

Evidence to the Ravensmoor Police and Crime Panel
9 November 2026

Dear Chair,

UNISON represents over 1,200 police staff in Ravensmoor, including contact centre and control room staff, PCSOs, investigators, detention officers, front counter staff and staff in the Office of the Police and Crime Commissioner itself. We welcome the opportunity to give evidence.

## Engagement with police staff

We want to recognise that the Commissioner has met the branch twice this year, in March and in September, and that both meetings were constructive. She listened to our concerns about the control room and asked her office to follow them up, which it did. That is a better relationship than we have had with previous Commissioners.

However, police staff are still too often treated as an afterthought in the Commissioner's public statements, which focus almost entirely on officer numbers. Around four in ten people working for Ravensmoor Police are staff, and many of the services the public values most, from answering 999 calls to the Victim Hub referrals, depend on them.

## Control room pressure

Control room and contact centre staff carry the weight of rising mental health demand. Calls involving people in crisis are long, distressing and often repeat calls, and call handlers are expected to keep them on the line while a unit is found. Sickness absence in the control room rose to 7.2 per cent last year. Since the street triage car stopped in March, there is no mental health professional to consult on a Friday or Saturday night. We ask the Commissioner to press health partners for a mental health practitioner in the control room, as other areas have done, and to consider funding it jointly if necessary.

## Front counter closures

Fourteen front counter staff were affected by the closure of the Coldwater and Kettering Moor counters in September. All were offered redeployment, for which we are grateful. But the branch was given only four weeks' notice of the proposals, and the consultation documents did not include any assessment of the effect on the public. We are still waiting for the equality impact assessment that the OPCC promised us in July. We believe the closures will hit older and disabled residents hardest.

## PCSO numbers

The number of PCSOs has fallen from 210 to 164 over three years. PCSOs are the most visible and trusted part of neighbourhood policing, and their loss is felt most in rural and coastal communities. We would welcome a commitment from the Commissioner to protect PCSO numbers in the 2027/28 budget.

## Staff in the OPCC

We also represent staff who work in the Commissioner's own office. The office has been restructured twice in three years and several experienced posts, including the partnership and rural leads, have been left vacant for long periods. Members in the OPCC tell us that workloads are high and that morale is low. Partners have noticed the effect: meetings are missed and correspondence goes unanswered. We would ask the Panel to look at whether the office has the capacity to deliver the Commissioner's plan.

## Recommendations

- Involve the branch early in any estates or workforce decisions.
- Publish the equality impact assessment for the front counter closures.
- Seek a mental health practitioner in the control room.
- Protect PCSO numbers in the next budget.

Yours sincerely,

Jo Whitfield
Branch Secretary, UNISON Ravensmoor Police Staff Branch
""", wrap=72)

# 10 ------------------------------------------------------------------------
sub("youth_commission.md", "md", "Ravensmoor Youth Commission",
    "youth_commission", "2026-10-28", """
# Ravensmoor Youth Commission

**Submission to the Ravensmoor Police and Crime Panel**
28 October 2026

## Who we are

We are a group of 24 young people aged 14 to 24 from all five districts of Ravensmoor. The Youth Commission is supported by the Office of the Police and Crime Commissioner. Between March and September 2026 we ran a peer survey and eleven workshops, and heard from 1,140 young people about crime, safety and policing. This submission is based on what they told us.

## What young people told us

### Knife crime and feeling safe

- Just over a third of young people in Stanbridge said they knew someone their age who had carried a knife. In the rural districts it was about one in eight.
- The main reasons given for carrying were fear and wanting to look tough, not planning to use it.
- Young people in Coldwater said the seafront felt much safer this summer, and several mentioned the detached youth workers by name.

### The Violence Reduction Unit

Young people who had taken part in VRU projects were positive about them, especially the mentoring in schools. But many projects seem to stop just as they are getting going. One group in Millbrook told us their boxing project ended after nine months because the funding was not renewed. We think the Commissioner should give successful projects longer funding so that young people are not let down.

### Stop and search

Young people from Black and Asian backgrounds in Stanbridge were more likely to say they had been stopped, and most did not know they could ask for a record or complain. This is mainly about the police, but we would like the Commissioner to make sure young people are included in her stop and search scrutiny.

### Online harms

Many of the young people we spoke to had been threatened, harassed or sent unwanted images online. Most did not think it was worth reporting, and those who did were not sure whether the police could do anything. Young people wanted clearer advice about what to report and where.

### The Victim Hub

The Victim Hub sounds like a good service, and the two young people in our workshops who had used it said the staff were kind and helped them quickly. But almost nobody else had heard of it. Only 9 per cent of the young people we surveyed knew the hub existed.

## How the Commissioner works with us

We want to say thank you to the Deputy Commissioner, Marcus Doyle, who came to four of our workshops, listened properly, and came back to tell us what had happened to our ideas. Because of our work last year, the OPCC changed the wording of its online crime reporting guide so that it makes sense to young people. That felt like our views actually mattered.

We have also had some frustrations. Our 2025 report went to the Commissioner in October last year, and we are still waiting for a formal response to our recommendations on school liaison officers. We were told the Commissioner would speak at our end-of-year event, but she cancelled the day before.

## Our recommendations

1. Fund VRU projects that are working for at least three years.
2. Promote the Victim Hub in schools, colleges and on social media that young people use.
3. Include young people in stop and search scrutiny panels.
4. Give a written response to every Youth Commission report within three months.

*Agreed by the Ravensmoor Youth Commission, 28 October 2026.*

Amara Osei and Daniel Pike
Co-chairs, Ravensmoor Youth Commission
""")

# 11 ------------------------------------------------------------------------
sub("ravensmoor_victim_support.docx", "docx", "Ravensmoor Victim Support Trust",
    "victim_services", "2026-11-10", """
# Ravensmoor Victim Support Trust

Registered charity providing independent support to victims and witnesses of crime
10 November 2026

Dear Chair,

## Introduction

Ravensmoor Victim Support Trust is an independent charity that has supported victims and witnesses of crime in Ravensmoor for over thirty years. We provide emotional and practical support, help with the criminal justice process and, since 2023, independent sexual violence advisers (ISVAs). Around two thirds of our income comes from contracts commissioned by the Commissioner.

## The Victim Hub

We want to begin by recording how much the Ravensmoor Victim Hub has changed things for victims. Before it opened, victims were referred to us from the police in batches, often weeks after the crime, with incomplete details. Now the hub's case workers contact every victim who has agreed to be referred within 48 hours, assess their needs and pass them to the right service the same day. Our referrals are more complete, victims reach us sooner, and far fewer fall through the gaps between services.

The Commissioner and her commissioning team deserve real credit for this. They designed the hub with providers rather than for us, they listened when we said the first version of the referral form was too long, and they changed it within a month.

## Commissioning arrangements

Our concerns are about the way contracts are managed. Our core contract was extended in 2025 for one year only, and the extension for 2026/27 was not confirmed until 19 March 2026, twelve days before it was due to start. In the meantime we had to issue at-risk notices to nine staff, two of whom left for more secure jobs. This is not the first time it has happened.

Whilst we understand that the Commissioner is dependent on Ministry of Justice grant settlements, other areas manage to offer providers three-year contracts with break clauses. We recommend that the Commissioner moves to multi-year contracts for victim services from April 2027, and commits to confirming any extension at least three months before it begins.

We have a good working relationship with the OPCC's contract manager, who is responsive and fair. The quarterly monitoring returns have, however, grown from four pages to eleven, and much of the information requested is never referred to again. We would welcome a review of monitoring requirements with providers.

## Restorative justice

The Trust also delivers the county's restorative justice service under a separate contract with the Commissioner. The number of restorative conferences has grown steadily, and victim satisfaction with the service is high. The contract is due to be re-tendered in 2027 and we would ask that the specification is shared with providers in draft, as happened with the Victim Hub.

## Sexual violence

Demand for ISVA support has risen by 40 per cent in two years, largely because more victims of rape and serious sexual offences are being referred through the hub. This is a good thing. But our ISVA caseloads are now well above the recommended level, and the waiting time for an ISVA has reached five weeks. We raised this with the OPCC in May and were told it would be considered in the next budget. Victims cannot wait for budget cycles.

## Recommendations

- Sustain the Victim Hub and its funding.
- Introduce multi-year contracts for victim services.
- Agree a proportionate monitoring framework with providers.
- Urgently review ISVA capacity against demand.

We would be glad to give oral evidence.

Yours sincerely,

Helen Castellano
Chief Executive, Ravensmoor Victim Support Trust
""")

# 12 ------------------------------------------------------------------------
sub("domestic_abuse_service.pdf", "pdf", "Haven Ravensmoor Domestic Abuse Service",
    "victim_services", "2026-11-18", """
# Haven Ravensmoor Domestic Abuse Service

Written evidence to the Ravensmoor Police and Crime Panel
18 November 2026

## About Haven Ravensmoor

Haven Ravensmoor is a specialist domestic abuse charity. We run refuge accommodation in Stanbridge and Coldwater, a county-wide independent domestic violence adviser (IDVA) service, children's recovery groups and, since 2024, a programme for people who use abusive behaviour in their relationships. Last year we supported 2,870 adults and 940 children.

## Working with the Commissioner

On balance our experience of the Commissioner and her office has been good. The OPCC and the county council now commission domestic abuse services jointly, through one specification and one contract, where previously we held five separate agreements with different reporting rules. This was the Commissioner's initiative and it has saved us a great deal of administrative time.

## The Victim Hub

The Victim Hub has improved the route to our service considerably. Referrals arrive with a risk assessment already attached, and the hub's staff understand when a case needs to come to us directly rather than to a general support service. Survivors tell us that the hub was the first place where they did not have to repeat their story several times. We would like to see the hub's opening hours extended into the evening, when many survivors are able to call safely.

## The RavenShare charge

We have a serious concern about the charge for RavenShare. Our IDVAs use the platform to share risk information with the police, children's services and housing ahead of multi-agency risk assessment conferences. From April 2026 the OPCC began charging £1,150 for each user. For a charity of our size, licences for our 14 IDVAs would cost more than £16,000 a year, money that is not in any of our contracts.

We have kept four licences and our remaining IDVAs pass information through colleagues. This creates delays in high-risk cases, which is exactly the situation the platform was meant to prevent. Nobody from the OPCC asked us how the charge would affect a small voluntary organisation before it was introduced. We ask the Commissioner to exempt commissioned voluntary sector providers from the charge, or to fund licences within our contract.

## Work with people who use abuse

The perpetrator programme funded by the Commissioner has produced encouraging early results, and the independent evaluation we commissioned found reductions in repeat incidents among those who completed it. The funding, however, ends in March 2027 and we still do not know whether it will continue. We have been told a decision will be made "as part of the budget process". If the programme stops, a waiting list of more than 60 referrals will be closed.

## Sharing outcomes

We would also like the OPCC to share more of the information it collects. We send detailed monitoring returns every quarter, but we have never received any analysis back that would let us compare our outcomes with other services in the county. A short annual report to providers would help us all to improve.

## Policing response

We would like to acknowledge improvements in the force's response to domestic abuse since the HMICFRS inspection in 2024. Officers are making better use of protection orders and the domestic abuse lead in Stanbridge has been an excellent partner. This is a credit to the Chief Constable's team.

## Recommendations

- Exempt commissioned voluntary sector services from the RavenShare charge.
- Decide on the future of the perpetrator programme by the end of December 2026.
- Extend Victim Hub hours into the evening.
- Continue joint commissioning with the county council.

Nadia Brook
Chief Executive, Haven Ravensmoor Domestic Abuse Service
""")

# 13 ------------------------------------------------------------------------
sub("ravensmoor_farm_watch.txt", "txt", "Ravensmoor Farm Watch",
    "rural_group", "2026-11-04", """
# RAVENSMOOR FARM WATCH

Submission to the Police and Crime Panel review
4 November 2026

Dear Councillor Marsh,

Ravensmoor Farm Watch has around 640 members, mostly farmers, landowners, gamekeepers and rural businesses in Kettering Moor, Harlow Fen and Ashby Vale. We were set up in 2019 after a spate of quad bike and machinery thefts, and we work closely with the police and the National Farmers' Union.

First, the good news. The enlarged rural crime team has transformed the police response in the countryside. Our members know the officers, the team turns up to incidents that would once have been dealt with by phone, and several thefts of GPS units from tractors this spring were solved within days. That is down to the officers and their sergeant, and we have thanked the Chief Constable.

We also recognise the Commissioner's part in this. She came to the Ravensmoor County Show two years running, spent time in the Farm Watch tent listening to members, and she kept her promise to ring-fence money in the precept for extra rural officers. The OPCC also paid for 300 forensic marking kits that we have handed out to members. We are grateful for all of that.

Where we are disappointed is on the rural crime strategy. The OPCC asked for our views in the spring of 2025 and we sent a detailed response, as did many of our members. We were told the strategy would be published that autumn. A year on, we are still waiting for it, and our emails asking for a date have had holding replies only. Without a strategy we worry that the rural team will be quietly cut back the next time money is tight, or pulled into Stanbridge to cover shortages, which has already happened on several weekends this year.

We also want the Commissioner to look at how rural crime is recorded. Members tell us that calls to 101 about suspicious vehicles or hare coursing are often closed with no crime number, so the figures never show the true picture and the rural areas lose out when resources are shared out.

Wildlife and heritage crime also deserve a mention. Raptor persecution on the moor and the theft of stone and lead from listed farm buildings and churches are rising, and only a handful of officers are trained to deal with them. We would like the strategy to cover these crimes too.

Our requests to the Commissioner are simple:

- publish the rural crime strategy, with a guaranteed minimum size for the rural crime team;
- hold the rural crime summit that was promised in 2025;
- ask the Chief Constable to report on how often rural officers are taken off rural duties.

We would be happy to host members of the Panel on a farm visit.

Yours sincerely,

Tom Ashworth
Chair, Ravensmoor Farm Watch
Holly Bank Farm, Kettering Moor
Phone: 01632 961 207
Email: t.ashworth@example.org
""", wrap=76)

# 14 ------------------------------------------------------------------------
sub("fire_and_rescue.docx", "docx", "Ravensmoor Fire and Rescue Service",
    "fire_service", "2026-11-05", """
# Ravensmoor Fire and Rescue Service

Evidence to the Ravensmoor Police and Crime Panel
5 November 2026

Dear Chair,

## Introduction

Ravensmoor Fire and Rescue Service welcomes the opportunity to contribute to the Panel's review. Our comments relate to collaboration between the fire service, the police and the Commissioner under the duty to collaborate.

## Shared estate

The joint police and fire station at Harlow Fen, which opened in April 2026, is the most visible result of that collaboration. The Commissioner contributed the capital funding for the police element, and her office worked patiently with us through some difficult legal and planning questions. The station has already improved joint working on the ground, and we would support the same model at Coldwater, where both services have ageing buildings.

## Road safety

We are partners in the Ravensmoor Road Safety Partnership. The Commissioner's decision to reinvest speed awareness income in the partnership has allowed us to extend our young driver education programme to every secondary school in the county. We are grateful for that support.

## RavenShare

Our community safety and safeguarding teams use RavenShare to share information about people at high risk of fire, many of whom are also known to the police and social care. We value the system and its effect on how quickly we can act. We were, however, surprised by the introduction of a per-user charge in April 2026 with little notice. We have kept our licences for now, but we would welcome a longer-term agreement with the OPCC so that the cost can be planned for.

## Anti-social behaviour and deliberate fires

Deliberate fires in Coldwater and on the edge of Stanbridge fell by about a fifth last year, after a joint project between our crews, the neighbourhood teams and youth workers. That project was paid for by a small grant from the Commissioner and it is a good example of what modest, well-targeted funding can do.

## Concern for welfare calls

Fire crews are increasingly asked to force entry to properties where someone is thought to be at risk, very often where mental health is a factor. We would support any work the Commissioner leads with health partners to reduce this demand on both emergency services.

Yours sincerely,

Paul Kendrick
Chief Fire Officer, Ravensmoor Fire and Rescue Service
""")

# 15 ------------------------------------------------------------------------
sub("university_criminology.pdf", "pdf",
    "University of Ravensmoor, Department of Criminology", "university",
    "2026-11-20", """
# University of Ravensmoor

Department of Criminology, School of Law and Social Sciences
Evidence to the Ravensmoor Police and Crime Panel proactive scrutiny review
20 November 2026

## 1. Summary

1.1 This submission is made by members of the Department of Criminology at the University of Ravensmoor, whose research covers policing, serious violence, victimisation and rural crime. It draws on three pieces of work carried out in the county since 2023: a study of police time spent on mental health incidents, a process evaluation of two Safer Streets Ravensmoor projects, and our long-running Ravensmoor Community Safety Survey. The views expressed are those of the authors and not of the University.

1.2 Our central observation is that the Commissioner has funded a number of promising initiatives but has not yet built the habit of evaluating them and publishing the results. That makes it hard for the Panel, partners or the public to judge whether the Commissioner's decisions are enabling effective and efficient policing.

## 2. Evidence and evaluation

2.1 Across the period of the current Police and Crime Plan we have identified at least eleven initiatives funded by the OPCC that were described at launch as pilots to be evaluated. We could find a published evaluation for two of them.

2.2 The most significant gap concerns the Violence Reduction Unit. The OPCC told partners in 2025 that an evaluation of the VRU's first three years would be published in spring 2026. We contributed data to that evaluation. To our knowledge it has not been published, and we have had no explanation. Given the scale of public investment in the VRU and the continuing concern about knife crime in Stanbridge, this is a matter the Panel may wish to pursue.

2.3 The street triage pilot is a second example. It ended in March 2026. If an evaluation exists, it has not been shared with the partners who took part or with the University, although we offered in 2024 to help design one at no cost.

2.4 We recommend that the Commissioner adopts a simple evaluation framework for all funded initiatives above a set value, commits to publishing findings within six months of a project ending, and makes anonymised monitoring data available to researchers under a data-sharing agreement.

## 3. Transparency and holding the force to account

3.1 There have been real improvements. The webcasting of the Commissioner's accountability meetings with the Chief Constable since January 2026 is a welcome change, and the OPCC's public performance dashboard, launched in 2025, was a good example of accessible reporting. We commend the Commissioner for both.

3.2 However, the dashboard has not been updated since March 2026, and several of the measures in the Police and Crime Plan have no published data at all. Our review of the webcast meetings found that of 46 questions put to the Chief Constable in 2026, 39 concerned updates on performance figures, and very few sought to explore the reasons behind them or asked what would be done differently. We do not suggest the Commissioner should interfere in operational matters; but effective accountability requires challenge, not only reporting.

3.3 The budget papers that accompany the Commissioner's precept proposal are clearer than they were, but they still do not show how much of the OPCC's own budget is spent on commissioning, on the VRU and on the office itself, in a form that can be compared from year to year. The Panel may wish to ask for a consistent breakdown.

## 4. Mental health demand on policing

4.1 Our study of incident logs for a sample of 4,000 incidents in 2024 and 2025 found that incidents with a mental health element made up around 17 per cent of incidents attended by officers but around 29 per cent of officer time at incidents, because they last far longer on average. Officers in Coldwater spent the largest share of time on such incidents of any district.

4.2 During the months when the street triage car operated, the average time officers spent at mental health incidents on Friday and Saturday nights in the pilot areas was about 40 per cent lower than in comparable months without it. This is a simple comparison rather than a controlled evaluation, and it should be read with caution. It does, however, suggest that the decision to end the pilot merits closer examination by the Panel.

4.3 Demand arising from mental health is not a problem the police or the Commissioner can solve alone. We would encourage the Commissioner to lead a joint analysis of crisis demand with the integrated care board, using shared data, as the basis for any future service.

## 5. Serious violence and knife crime

5.1 Hospital admissions for assault with a sharp object among under-25s in Ravensmoor rose from 31 in 2022/23 to 47 in 2025/26, almost all of them in Stanbridge and Coldwater. Police-recorded knife offences show a similar but less steep rise, which is consistent with under-reporting among young people.

5.2 The VRU's emergency department mentoring and school programmes are consistent with approaches that have shown promise elsewhere. Without a published evaluation, however, neither the Panel nor the public can tell whether they are working in Ravensmoor, or whether the funding would be better spent differently. Annual funding also makes it very difficult to measure outcomes that, for violence prevention, typically emerge over several years.

5.3 We recommend that the Commissioner publishes the VRU evaluation as submitted, together with a management response, and that future VRU programmes are designed with an evaluation plan from the outset.

## 6. Commissioning process

6.1 Our process evaluation of two Safer Streets Ravensmoor projects found that both suffered from late funding decisions and compressed delivery periods. In each case the project lead spent the first two months recruiting and procuring, and the intervention itself ran for less than four months. Short delivery windows make it almost impossible to show an effect on crime, which in turn weakens the case for continued funding. The late 2026/27 round is likely to repeat the problem.

6.2 We recommend a fixed annual timetable, with decisions made before the start of the financial year, and the option of two-year awards for projects with a clear evidence base.

## 7. Rural crime

7.1 Findings from the Ravensmoor Community Safety Survey show that confidence in the police in Kettering Moor and Harlow Fen rose between 2024 and 2026, after the expansion of the rural crime team. Rural respondents remain more likely than urban ones to say they do not report crime because "nothing will happen". We would urge the Commissioner to publish the rural crime strategy, which would give a basis for measuring progress.

## 8. Road safety

8.1 Road safety is consistently among the top three concerns raised by respondents to our survey outside Stanbridge, yet it has no measure in the Police and Crime Plan. The Commissioner should consider adding one.

## 9. Offer to the Panel

9.1 The department would be pleased to give oral evidence, to share the underlying data from the studies referred to above, and to work with the Panel and the OPCC on an evaluation framework.

Dr Elena Marchetti
Senior Lecturer in Criminology, on behalf of the Department of Criminology, University of Ravensmoor

Professor Kwame Adjei
Head of Department
""")

# 16 ------------------------------------------------------------------------
sub("independent_advisory_group.pdf", "pdf", "Ravensmoor Independent Advisory Group",
    "advisory_group", "2026-10-22", """
# Ravensmoor Independent Advisory Group

Submission to the Ravensmoor Police and Crime Panel
22 October 2026

## About the IAG

The Ravensmoor Independent Advisory Group is made up of 18 volunteer members drawn from the county's diverse communities. We advise Ravensmoor Police and the Commissioner on issues that affect public trust and confidence, and we take part in the scrutiny of stop and search, use of force and out of court disposals.

## Engagement with the Commissioner

The Deputy Commissioner, Marcus Doyle, attends our quarterly meetings in person and has done so without fail for two years. He comes prepared, he does not avoid difficult subjects and he reports back on what the office has done with our advice. We particularly value that he brought the Commissioner to our meeting after the disorder in Eastgate in 2025 so that members could speak to her directly.

The Commissioner's out of court disposals scrutiny panel, set up in 2024, has also worked well. Its reports are published and the force has changed its practice in response to at least two of its recommendations.

## Stop and search

The force's stop and search scrutiny has improved since body-worn video footage was made available to panel members. Disproportionality in Stanbridge remains high and we continue to raise it with the Chief Constable.

The Commissioner committed in her Police and Crime Plan to widen community scrutiny of stop and search, including people who have been searched themselves. Two years on, that has not happened. We would welcome a clear timetable from the OPCC.

## Reach of commissioned services

We are concerned that commissioned services are not reaching all communities. The OPCC does not publish any information on the ethnicity, age or disability of people using the services it funds, and members hear regularly from community leaders that newer migrant communities in Stanbridge do not know where to go for help after a crime. We recommend that the Commissioner publishes equality monitoring data for all commissioned services annually, and funds outreach through trusted community organisations.

## Police complaint reviews

The OPCC is responsible for reviews of complaints handled by the force, where the complainant is unhappy with the outcome. Several people who came to the IAG for advice this year had waited more than six months for a review decision, without updates. We understand the office has a backlog, but long delays damage confidence in the complaints system, particularly in communities whose trust in the police is already low. We would ask the Commissioner to publish the number of reviews outstanding and the average time taken.

## Community engagement

Outside our own meetings, the Commissioner's public engagement events are held mainly in council chambers at times that suit people in office jobs. Few people from the communities we represent attend. We would encourage the OPCC to hold events in community venues, places of worship and in the evening, and to work with the IAG on where and how.

Farida Hussain
Chair, Ravensmoor Independent Advisory Group
""")

# 17 ------------------------------------------------------------------------
sub("business_crime_partnership.docx", "docx",
    "Stanbridge Business Crime Reduction Partnership", "business", "2026-11-16", """
# Stanbridge Business Crime Reduction Partnership

Response to the Ravensmoor Police and Crime Panel call for evidence
16 November 2026

Dear Chair,

The Stanbridge Business Crime Reduction Partnership (BCRP) is a not-for-profit partnership of 180 retailers, pubs, clubs and other businesses in Stanbridge city centre and the main district centres. Members share information through our radio network and intelligence platform, and we work with the police to exclude persistent offenders from member premises.

## Shop theft and violence against staff

Shop theft remains the single biggest concern for our members. Recorded offences in the city centre rose by a fifth in 2025/26, and more worrying still is the growing number of incidents in which staff are threatened or assaulted. Several independent retailers told us this year that they are thinking of closing because of repeat offending.

We want to recognise the work of the city centre neighbourhood team. Response to our radio calls has improved, and the team's operation with us in the run-up to Christmas 2025 led to the arrest of a group responsible for dozens of thefts.

## Support from the Commissioner

The Commissioner's office has been a good friend to the BCRP. In 2025 the OPCC funded the replacement of our radio network and the first two years of our intelligence platform licence, without which the partnership might not have survived. The Deputy Commissioner, Marcus Doyle, attends our business crime forum each quarter, and members appreciate having a senior figure in the room who follows up on what they say.

We did find the 2026/27 Safer Streets Ravensmoor round hard to work with. We heard about it two weeks before it closed, and as a small organisation we could not put together a bid in time. A fixed, published timetable would help organisations like ours.

Members would also like a simpler way to report low-value thefts. Many small shops have stopped reporting because it takes too long, which means the true level of retail crime in Stanbridge is not reflected in the figures. We understand the reporting system is run by the force, but we would welcome the Commissioner's help in testing a quicker online form with our members.

## What we would ask for

We would welcome a refresh of the county's business crime strategy, which dates from 2022 and says little about violence against shop workers. We would also ask the Commissioner to press the Chief Constable for a named business crime lead in each district, and to support continued funding for the intelligence platform after March 2027.

Yours sincerely,

Philip Greaves
BCRP Manager, Stanbridge Business Crime Reduction Partnership
Email: p.greaves@example.org
Tel: 01632 962 550
""")

# ---------------------------------------------------------------------------
# Online form export (three short submissions)
# ---------------------------------------------------------------------------

ONLINE_FORM = [
    dict(submission_id="RF-1001",
         organisation="Stanbridge North Neighbourhood Watch",
         respondent_type="neighbourhood_watch", received="2026-10-19",
         area="Stanbridge",
         text=(
             "We are a small Neighbourhood Watch covering about 300 homes in Stanbridge North. "
             "Our coordinators meet every two months and we share alerts through a messaging group.\n\n"
             "Our main worry this year has been burglaries and car break-ins on the streets near the ring road. "
             "The neighbourhood officers have been very good and came to talk to residents after a run of burglaries in June. "
             "The PCSO for our area also helped us get crime prevention leaflets translated for the Polish and Romanian families on our streets.\n\n"
             "We are less sure what the Police and Crime Commissioner does for us. We filled in her survey on the police budget last winter "
             "but we never saw the results, and nobody told us what was done with the views people gave. "
             "It would help if the Commissioner's office sent a short update to Watch groups a few times a year.\n\n"
             "Speeding on Northgate Road is a real problem and we have asked to start a Community Speed Watch group. "
             "We have been waiting since April for training and nobody has given us a date. "
             "We would like the Commissioner to make sure there is enough support for Speed Watch volunteers."
         )),
    dict(submission_id="RF-1002",
         organisation="Member of the public",
         respondent_type="public", received="2026-11-02",
         area="Kettering Moor",
         text=(
             "I live in Brackenby. In February our house was burgled while we were away. "
             "The officer who came was kind but very rushed. What really helped was the Victim Hub. "
             "They rang me two days later, arranged for new locks through a scheme, and put me in touch with someone to talk to because "
             "my mother, who lives with us, was very shaken. I did not know the Commissioner paid for this until they told me. "
             "It is a good service and should be kept.\n\n"
             "I am much less happy about the police station front counter at Kettering Moor closing. The nearest one is now in Stanbridge, which is over "
             "an hour on the bus each way. Not everyone can report things online. I wrote to the Commissioner about it in September and "
             "received an automatic reply but nothing else.\n\n"
             "Lastly, lorries and cars speed through the village on the moor road all day. Please can someone do something about it "
             "before somebody is killed. Our village has asked for a speed camera van for two years and we are always told it is "
             "being looked at. I would like the Commissioner to tell us who actually decides."
         )),
    dict(submission_id="RF-1003",
         organisation="Fenwick St Mary Parish Council",
         respondent_type="parish_council", received="2026-11-14",
         area="Harlow Fen",
         text=(
             "Fenwick St Mary Parish Council represents a fen-edge village of about 1,400 people. "
             "The council discussed the Panel's review at its November meeting and agreed this response. "
             "We have answered only the questions that matter most to our residents.\n\n"
             "Rural crime is our residents' biggest concern: thefts from farm yards, fly-tipping in the droves and hare coursing in the autumn. "
             "The rural crime officers who cover the parish are excellent and always attend when asked.\n\n"
             "We are disappointed by the Commissioner's office. The OPCC held a rural crime forum in Harlow Fen in 2025 and promised a rural strategy "
             "and a follow-up meeting. Neither has happened. When the parish councils of the fens held their own rural safety meeting in June, "
             "we invited the Commissioner's office, but nobody from the OPCC came.\n\n"
             "Our Community Speed Watch group has recorded hundreds of vehicles speeding through the village on the B-road, but we have "
             "never had any feedback on whether warning letters were sent. We recommend that the Commissioner funds a coordinator for "
             "Speed Watch across the county and publishes the results.\n\n"
             "Clerk to the Council, on behalf of Fenwick St Mary Parish Council"
         )),
]


# ---------------------------------------------------------------------------
# Parsing the mini-markup
# ---------------------------------------------------------------------------

def parse(body: str) -> list[tuple]:
    """Return a list of blocks: ("title", s), ("h", s), ("h3", s),
    ("bullets", [s]), ("numbered", [s]), ("table", [[cell]]), ("lines", [s])."""
    blocks: list[tuple] = []
    for chunk in body.split("\n\n"):
        lines = [ln.rstrip() for ln in chunk.strip("\n").split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("# "):
            blocks.append(("title", first[2:]))
            if len(lines) > 1:
                blocks.append(("lines", lines[1:]))
        elif first.startswith("### "):
            blocks.append(("h3", first[4:]))
            if len(lines) > 1:
                blocks.append(("lines", lines[1:]))
        elif first.startswith("## "):
            blocks.append(("h", first[3:]))
            if len(lines) > 1:
                blocks.append(("lines", lines[1:]))
        elif all(ln.startswith("- ") for ln in lines):
            blocks.append(("bullets", [ln[2:] for ln in lines]))
        elif all(ln[:1].isdigit() and ". " in ln[:4] for ln in lines):
            blocks.append(("numbered", [ln.split(". ", 1)[1] for ln in lines]))
        elif all(ln.startswith("|") for ln in lines):
            rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
            blocks.append(("table", rows))
        else:
            blocks.append(("lines", lines))
    return blocks


def strip_md(s: str) -> str:
    return s.replace("**", "").replace("*", "")


def plain_text(body: str) -> str:
    """Text of a submission without markup (used for word counts)."""
    out = []
    for kind, val in parse(body):
        if kind in ("title", "h", "h3"):
            out.append(strip_md(val))
        elif kind == "table":
            out.extend(" ".join(r) for r in val)
        else:
            out.extend(strip_md(v) for v in val)
    return "\n".join(out)


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------

def write_txt(path: Path, body: str, wrap: int | None = None) -> None:
    out: list[str] = []
    for kind, val in parse(body):
        if kind == "title":
            out.append(val)
        elif kind in ("h", "h3"):
            out.append(val)
        elif kind == "bullets":
            for item in val:
                out.extend(textwrap.wrap(item, wrap, initial_indent="- ",
                                         subsequent_indent="  ") if wrap else ["- " + item])
        elif kind == "numbered":
            for i, item in enumerate(val, 1):
                out.append(f"{i}. {item}")
        elif kind == "table":
            out.extend("  ".join(r) for r in val)
        else:
            for ln in val:
                out.extend(textwrap.wrap(ln, wrap) if wrap else [ln])
        out.append("")
    path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


def write_md(path: Path, body: str) -> None:
    # The md submission is written directly in Markdown already.
    path.write_text(body.rstrip("\n") + "\n", encoding="utf-8")


def _normalise_zip(path: Path) -> None:
    """Rewrite a zip (docx) with fixed timestamps and order for byte-identical rebuilds."""
    with zipfile.ZipFile(path) as zin:
        items = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def write_docx(path: Path, body: str, organisation: str) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    cp = d.core_properties
    cp.author = organisation
    cp.last_modified_by = organisation
    cp.title = f"{organisation}: evidence to the Ravensmoor Police and Crime Panel"
    cp.subject = "Proactive scrutiny review call for evidence"
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.created = FIXED_DOCX_TIME
    cp.modified = FIXED_DOCX_TIME
    cp.last_printed = FIXED_DOCX_TIME
    cp.revision = 1

    for kind, val in parse(body):
        if kind == "title":
            d.add_heading(val, level=1)
        elif kind == "h":
            d.add_heading(val, level=2)
        elif kind == "h3":
            d.add_heading(val, level=3)
        elif kind == "bullets":
            for item in val:
                d.add_paragraph(item, style="List Bullet")
        elif kind == "numbered":
            for item in val:
                d.add_paragraph(item, style="List Number")
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            # address/signature blocks: one paragraph per line
            for ln in val:
                d.add_paragraph(ln)
    d.save(str(path))
    _normalise_zip(path)


def write_pdf(path: Path, body: str, organisation: str) -> None:
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, ListFlowable,
                                    ListItem, PageTemplate, Paragraph, Spacer)
    from xml.sax.saxutils import escape

    ss = getSampleStyleSheet()
    body_style = ParagraphStyle("Body", parent=ss["Normal"], fontName="Helvetica",
                                fontSize=11, leading=15, spaceAfter=7, alignment=TA_LEFT)
    title_style = ParagraphStyle("T", parent=ss["Heading1"], fontName="Helvetica-Bold",
                                 fontSize=17, leading=21, spaceAfter=8)
    h_style = ParagraphStyle("H", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=5,
                             keepWithNext=1)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(20 * mm, 12 * mm, organisation)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {doc.page}")
        canvas.restoreState()

    story = []
    for kind, val in parse(body):
        if kind == "title":
            story.append(Paragraph(escape(val), title_style))
        elif kind in ("h", "h3"):
            story.append(Paragraph(escape(val), h_style))
        elif kind in ("bullets", "numbered"):
            items = [ListItem(Paragraph(escape(v), body_style), leftIndent=14)
                     for v in val]
            story.append(ListFlowable(items, bulletType="bullet" if kind == "bullets" else "1",
                                      start=None if kind == "numbered" else "\u2022",
                                      leftIndent=14))
            story.append(Spacer(1, 4))
        else:
            story.append(Paragraph("<br/>".join(escape(v) for v in val), body_style))

    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1,
                          leftMargin=22 * mm, rightMargin=22 * mm,
                          topMargin=22 * mm, bottomMargin=22 * mm,
                          title=f"{organisation}: evidence to the Ravensmoor Police and Crime Panel",
                          author=organisation, creator="", producer="", subject="")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    # footer drawn at page end so text extraction yields it after the page body
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=footer)])
    doc.build(story)


def write_online_form(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["submission_id", "organisation",
                                           "respondent_type", "received", "area", "text"],
                           lineterminator="\n")
        w.writeheader()
        for row in ONLINE_FORM:
            w.writerow(row)


def write_manifest(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "organisation", "respondent_type", "received"])
        for s in sorted(SUBMISSIONS, key=lambda s: (s["received"], s["file"])):
            w.writerow([s["file"], s["organisation"], s["respondent_type"], s["received"]])


# ---------------------------------------------------------------------------

def build() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for s in SUBMISSIONS:
        p = OUT / s["file"]
        if s["fmt"] == "txt":
            write_txt(p, s["body"], s.get("wrap"))
        elif s["fmt"] == "md":
            write_md(p, s["body"])
        elif s["fmt"] == "docx":
            write_docx(p, s["body"], s["organisation"])
        elif s["fmt"] == "pdf":
            write_pdf(p, s["body"], s["organisation"])
        else:
            raise ValueError(s["fmt"])
    write_online_form(OUT / "online_form_export.csv")
    write_manifest(OUT / "manifest.csv")
    CALL_README.write_text(CALL_TEXT, encoding="utf-8")


def check() -> int:
    """Re-open every output with the real libraries and print word counts."""
    import docx
    import pypdf

    problems = 0
    total = 0
    print(f"{'file':42} {'fmt':5} {'words':>6} {'pages':>5}")
    for s in SUBMISSIONS:
        p = OUT / s["file"]
        pages = ""
        if s["fmt"] == "docx":
            d = docx.Document(str(p))
            text = "\n".join(par.text for par in d.paragraphs)
            for t in d.tables:
                text += "\n" + "\n".join(" ".join(c.text for c in row.cells) for row in t.rows)
        elif s["fmt"] == "pdf":
            r = pypdf.PdfReader(str(p))
            pages = len(r.pages)
            text = "\n".join(pg.extract_text() or "" for pg in r.pages)
        else:
            text = p.read_text(encoding="utf-8")
        n = word_count(plain_text(s["body"]))
        total += n
        got = word_count(text)
        flag = ""
        if not (200 <= n <= 1400):
            flag += " LENGTH"
        if got < 0.9 * n:
            flag += f" EXTRACT-SHORT({got})"
        problems += bool(flag)
        print(f"{s['file']:42} {s['fmt']:5} {n:6d} {pages!s:>5}{flag}")
    with (OUT / "online_form_export.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            n = word_count(row["text"])
            total += n
            flag = "" if 150 <= n <= 300 else " LENGTH"
            problems += bool(flag)
            print(f"{'online_form_export.csv:' + row['submission_id']:42} {'csv':5} {n:6d}{flag}")
    print(f"total words: {total}")
    with (OUT / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        listed = {row["file"] for row in csv.DictReader(fh)}
    on_disk = {p.name for p in OUT.iterdir()} - {"manifest.csv", "online_form_export.csv"}
    if listed != on_disk:
        print("manifest mismatch:", sorted(listed ^ on_disk))
        problems += 1
    multi = [s["file"] for s in SUBMISSIONS if s["fmt"] == "pdf"
             and len(pypdf.PdfReader(str(OUT / s["file"])).pages) >= 2]
    print("pdfs with 2+ pages:", multi)
    if len(multi) < 2:
        problems += 1
    return problems


if __name__ == "__main__":
    build()
    if "--check" in sys.argv:
        sys.exit(1 if check() else 0)
