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
    lfa = m.LearningFocusArea.objects.get_or_create(
        district=d, name="Reading instruction in balanced literacy (readers workshop, conferring)")[0]
    pair = m.Network.objects.update_or_create(
        district=d, school_year=y, name="Oak Park studio/residency pair",
        defaults={"kind": m.Network.Kind.STUDIO_RESIDENCY, "focus_area": lfa})[0]
    m.NetworkMembership.objects.update_or_create(network=pair, school=oak, defaults={"role": "studio"})
    m.NetworkMembership.objects.update_or_create(network=pair, school=residency, defaults={"role": "residency"})

    caryn = person(d, "Caryn", key="highline.caryn")
    position(caryn, K.TEACHER, school=oak, start=y.start, title="2nd grade teacher; studio teacher")
    sheryl = person(d, "Sheryl", key="highline.sheryl")
    position(sheryl, K.COACH, school=oak, start=y.start, title="Literacy coach")
    principal = person(d, "Oak Park principal (unnamed in the seed)", key="highline.principal")
    position(principal, K.PRINCIPAL, school=oak, start=y.start)
    lea = person(d, "Lea", key="highline.lea")
    position(lea, K.EXTERNAL_CONSULTANT, start=y.start, organisation=CEL, title="Literacy consultant")
    directors = [person(d, f"Elementary Director {n} (unnamed in the seed)", key=f"highline.director{n}")
                 for n in (1, 2)]
    for director in directors:
        position(director, K.ELEMENTARY_DIRECTOR, start=y.start, title="Director of Elementary Education")
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
        ("gap", "Oak Park English learners", "", "\"Nearly a third of the students\"", "~314",
         "Kept as words here: no number can be read from it."),
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
