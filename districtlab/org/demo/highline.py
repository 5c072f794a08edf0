"""Highline School District, 2004-2007 (seed 000): Oak Park's studio/residency year with CEL.

The seed names only Caryn, Sheryl and Lea; the principal, the two Elementary Directors, the Assistant
Superintendent and the CEL Project Director are unnamed and appear by role. Oak Park is the seed's
pseudonym; its residency partner is unnamed in the seed.
"""
from districtlab.core import roles as R
from districtlab.core.roles import PositionKind as K

from .. import models as m
from .common import (
    SEED_000, data_notes, demographics, person, position, reference_table, sept_to_june, sign_in, team, years,
)

CEL = "Center for Educational Leadership (CEL)"
CARYN_YEARS = 30  # "She was a 30-year veteran" in the studio year (seed 000 ~397)

# The seed's facts as reference tables: title, columns, rows, seed lines, note (shown to everyone: no seed lines).
FACT = ["Fact", "As the study gives it"]
TABLES = [
    ("Oak Park Elementary", FACT, [
        ["English Language Learners", "Nearly a third of the students"],
        ["Languages of Oak Park families", "Include Spanish, Vietnamese, Somali, Cakchiquel, and Punjabi"],
        ["Described in 2004 as", "A “goer” school: the principal a strong leader, the building literacy coach and at "
                                 "least some teachers on-board and engaged with the instructional improvement work"],
        ["Principal's resources for the studio work (2005-06)",
         "Held back monies typically allocated for professional development before the start of the school year, "
         "so as to “take advantage” of opportunities as they arose"],
        ["Extra coaching (2005-06)", "Eight extra days of job-embedded coaching work at the school, contracted by the "
                                     "principal with Lea"],
        ["Planned for summer 2006", "Two groups of teachers and coaches to Teachers College; one of them the "
                                    "principal, Caryn and the third grade teacher she had observed about independent "
                                    "reading"],
    ], "~314-321, ~767-776", "English learners are kept in words: no number can be read from “nearly a third”."),
    ("Elementary Studio/Residency Project, 2005-06", ["Part of the model", "As the district described it"], [
        ["Designed by", "Two Directors of Elementary Education, following central office leaders' visit with CEL to "
                        "a New York City middle school in the spring of 2005"],
        ["Studio schools", "Selected based on central office leaders' assessment of their readiness to lead the "
                           "instructional improvement work"],
        ["Residency schools", "Matched by district leaders with studio schools based on similar demographics and "
                              "their potential to learn from each other"],
        ["Studio school team", "A focus “studio” teacher paired with a literacy coach, who with their principal "
                               "select the content for the embedded coaching sessions; also a “residency” teacher "
                               "and another literacy coach"],
        ["Residency school team", "The principal, the literacy coaches and one or two teachers, who travel to the "
                                  "studio school to observe and participate in the coaching activities"],
        ["External consultant", "Contracted with CEL in the summer of 2005 as an on-site “job-embedded” coach at the "
                                "sessions: in studio teachers' classrooms, working with their students in model "
                                "lessons, the teachers teaching lessons alongside; not working directly with "
                                "residency students"],
        ["Residency teachers", "Plan and debrief with the consultant and the studio teacher, and try on the work "
                               "back in their own classrooms"],
        ["Substitute teachers", "Provided by the school district to release the participating teachers from their "
                                "classrooms"],
        ["End-of-year evaluations", "Collected by central office leaders from all participants, on the sessions; "
                                    "they also asked building leaders for additional feedback"],
    ], "~335-366, ~376-379, ~900-905", ""),
    ("Elementary Directors' responsibilities", FACT, [
        ["Schools each", "About 10-11"],
        ["For those schools", "Evaluation and professional development responsibilities"],
        ["Other central office functions", "Such as Title 1, Curriculum support, etc."],
    ], "~1461-1463 (endnote 6)", ""),
    ("The study's evidence", FACT, [
        ["Research team", "University of Washington researchers; Highline was the pilot district of the study, "
                          "begun in the fall of 2004"],
        ["Central office informants (first two years)", "Five central office instructional leaders who worked "
                                                        "regularly with CEL consultants, two other district leaders "
                                                        "and four district content area coaches"],
        ["Schools", "Five (three small high schools and two elementary schools) recommended by CEL and central "
                    "office informants; in each, the building leaders, the literacy coaches and two or three teachers"],
        ["Interviews", "Individual, semi-structured and audio-taped, once or twice a year since the fall of 2004 "
                       "(some informants up to four times a year); most about an hour"],
        ["Observations", "Planning meetings, leadership seminars, coaching cycles, building professional development "
                         "sessions and walkthroughs; artifacts collected throughout"],
        ["At Oak Park, 2005-06", "Several professional development events, two to three other full school days and "
                                 "classrooms on approximately six or seven days between January and June 2006; "
                                 "interviews with the principal, two literacy coaches (one primary, one "
                                 "intermediate) and three teachers"],
    ], "~252-283, ~322-329", ""),
]


def load(ctx):
    d, _ = m.District.objects.update_or_create(
        short_name="Highline",
        defaults={"name": "Highline School District", "region": "Washington (Seattle's south-end suburbs)",
                  "time_zone": "America/Los_Angeles"})
    ys = years(d, sept_to_june(2004, 2006), current="2005-06")
    y = ys["2005-06"]

    reference_table(d, "Highline district facts", ["Fact", "Value"], [
        ["Students", "approximately 17,700"],
        ["Free and Reduced Price Lunch Program", "Over 50%"],
        ["White students", "43%"], ["Asian students", "21%"], ["Latino students", "20%"],
        ["Black students", "14%"], ["Nationalities", "81"], ["Languages", "70"],
        ["Board goal (2004)", "9 out of 10 students will meet standards, graduate on time, and be prepared "
                              "for college or career by 2010"],
    ], f"{SEED_000} ~294-309")
    reference_table(d, "WASL 2005-06, Oak Park Elementary: % of all students at or above standard",
                    ["Subject", "3rd Grade", "4th Grade", "5th Grade", "6th Grade"],
                    [["Reading", "51.4%", "78.7%", "54.3%", "43.8%"], ["Math", "43.4%", "42.7%", "25.7%", "25.0%"]],
                    f"{SEED_000} Appendix B ~1300-1306 (Washington State Report Card)",
                    "Only rows whose every cell is unambiguous in the seed; see the data notes for what was left out.")

    oak = m.School.objects.update_or_create(
        district=d, name="Oak Park Elementary",
        defaults={"grades": "K-6", "grade_band": "Elementary", "pseudonym": True})[0]
    residency = m.School.objects.update_or_create(
        district=d, name="Oak Park's residency partner school",
        defaults={"grade_band": "Elementary", "synthetic": True})[0]
    demographics(oak, y, {"Enrollment": "approximately 640", "% White": "19%", "% Latino": "40%",
                          "% Asian/Pacific Island": "24%", "% African or African American": "16%"},
                 f"{SEED_000} ~311-313")
    for title, columns, rows, lines, note in TABLES:
        reference_table(d, title, columns, rows, f"{SEED_000} {lines}", note)
    lfa = m.LearningFocusArea.objects.get_or_create(
        district=d, name="Reading instruction in balanced literacy (readers workshop, conferring)")[0]
    pair = m.Network.objects.update_or_create(
        district=d, school_year=y, name="Oak Park studio/residency pair",
        defaults={"kind": m.Network.Kind.STUDIO_RESIDENCY, "focus_area": lfa})[0]
    m.NetworkMembership.objects.update_or_create(network=pair, school=oak, defaults={"role": "studio"})
    m.NetworkMembership.objects.update_or_create(network=pair, school=residency, defaults={"role": "residency"})

    caryn = person(d, "Caryn", key="highline.caryn")
    caryn_start = m.add_years(y.start, -CARYN_YEARS)  # the day is the demo's ("Start of Caryn's teaching")
    position(caryn, K.TEACHER, school=oak, start=caryn_start, title="2nd grade teacher; studio teacher")
    sheryl = person(d, "Sheryl", key="highline.sheryl")
    position(sheryl, K.COACH, school=oak, start=y.start, title="Literacy coach")
    principal = person(d, "Oak Park principal (unnamed in the seed)", key="highline.principal")
    before = ys["2004-05"].start  # in post before the studio year (see the note "In post before 2005-06")
    position(principal, K.PRINCIPAL, school=oak, start=before)
    lea = person(d, "Lea", key="highline.lea")
    position(lea, K.EXTERNAL_CONSULTANT, start=y.start, organisation=CEL, title="Literacy consultant")
    directors = [person(d, f"Elementary Director {n} (unnamed in the seed)", key=f"highline.director{n}")
                 for n in (1, 2)]
    for director in directors:
        position(director, K.ELEMENTARY_DIRECTOR, start=before, title="Director of Elementary Education")
    assistant = person(d, "Assistant Superintendent (unnamed in the seed)", key="highline.assistant")
    position(assistant, K.ASSISTANT_SUPERINTENDENT, start=y.start)
    cel_director = person(d, "CEL Project Director (unnamed in the seed)", key="highline.celdirector")
    position(cel_director, K.EXTERNAL_PARTNER, start=y.start, organisation=CEL, title="Project Director")
    admin = person(d, "Highline demo administrator", key="highline.admin", synthetic=True)
    position(admin, K.DISTRICT_ADMIN, start=y.start)
    researcher = person(d, "Highline researcher (synthetic)", key="highline.researcher", synthetic=True)
    position(researcher, K.RESEARCHER, start=y.start, organisation="University research team")
    pair.facilitators.add(*directors)

    team(d, "Studio/residency group 2005-06", m.Team.Kind.COMMUNITY_OF_PRACTICE, year=y,
         cadence="six half-day in-services a year", members=[
             (caryn, "member"), (sheryl, "member"), (principal, "member"), (lea, "facilitator"),
             *[(x, "leader") for x in directors]])
    team(d, "Oak Park studio team", m.Team.Kind.SCHOOL_TEAM, school=oak, year=y,
         members=[(caryn, "member"), (sheryl, "member"), (principal, "leader")])

    for who, username, role in [(admin, "highline.admin", R.ADMIN), (assistant, "highline.central", R.CENTRAL),
                                (directors[0], "highline.director", R.CENTRAL),
                                (principal, "highline.principal", R.PRINCIPAL), (caryn, "highline.teacher", R.TEACHER),
                                (sheryl, "highline.coach", R.COACH), (lea, "highline.partner", R.PARTNER),
                                (researcher, "highline.researcher", R.RESEARCHER)]:
        sign_in(ctx, who, username, role)

    notes = [
        ("gap", "Residency partner school", "Oak Park's residency partner school (placeholder name)", "",
         "~359", "The seed says only that the residency school was matched by similar demographics and "
                 "potential to learn from each other; it is not named."),
        ("reading", "Year of Oak Park's demographics", "2005-06", "",
         "~311-313", "The seed gives the figures without a year; they are shown under the study year 2005-06."),
        ("reading", "Highline's White students as the majority group", "43%", "", "~297",
         "The seed calls White students (43%, the largest group) \"this majority group\": read as the largest "
         "group, not more than half."),
        ("reading", "Oak Park English learners", "“Nearly a third of the students”, in words", "", "~314",
         "No number can be read from it, so it is not among the school's demographics: it is kept in words, with "
         "the families' languages, in the Oak Park Elementary table."),
        ("synthetic", "Start of Caryn's teaching", f"{caryn_start}: a 30-year veteran in 2005-06",
         "", "~396-397", "The seed gives her years, not a day or where she taught them: the day is the demo's, and "
         "her 30 years are one teaching position at Oak Park, where the seed places her in 2005-06 (her title is "
         "that year's)."),
        ("reading", "In post before 2005-06", "The Elementary Directors and Oak Park's principal from 2004-05", "",
         "~335-340, ~376-379, ~409", "The two Directors designed the studio/residency model after the spring "
         "2005 visit to New York, and the principal approached Caryn in the summer of 2005. The day is the demo's."),
        ("gap", "End-of-year evaluations of the studio sessions", "That they were collected, from all participants",
         "", "~900-905", "The seed gives neither the evaluation form nor any results: the demo holds no evaluation "
         "records; the fact is a row of the Elementary Studio/Residency Project table."),
        ("gap", "WASL values left out", "Oak Park 2005-06 reading and math only", "", "Appendix B ~1264-1338",
         "District rows have 8 grade columns but 7 or fewer values, and Oak Park's 2003-05 and writing/science "
         "rows give one value for four grade columns: which grade each belongs to cannot be read."),
        ("gap", "Unnamed people", "Listed by role", "", "~396, ~746, ~846, ~271",
         "The principal, the two Elementary Directors, the Assistant Superintendent and the CEL Project Director "
         "are not named in the seed. Like every unnamed person they are tagged synthetic: the start dates of their "
         "positions, from which tenure is derived, are the demo's."),
        ("synthetic", "Highline sign-ins for the admin and researcher", "Synthetic people", "", "—",
         "The seed has no district administrator or named researcher; these exist so the demo can show those roles."),
    ]
    data_notes(d, SEED_000, notes)
