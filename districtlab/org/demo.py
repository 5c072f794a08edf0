"""The organisation part of the demo: NYC DOE's Learning Partners Program in 2014-15 (seed 004).

Facts from the seed keep the seed's values and cite it; invented fillers (people's names, dates
inside a year) are marked ``synthetic``. School names are the seed's own pseudonyms ("P.S. 7").
"""
import datetime as dt

from django.contrib.auth import get_user_model

from districtlab.analysis.grades import grade_band
from districtlab.core import roles as R
from districtlab.core.roles import Designation, PositionKind
from districtlab.core.visibility import Visibility
from districtlab.demo.loader import DEMO_PASSWORD

from . import models as m

SEED_004 = "Seed 004, Table 3 (Year 1, 2014-2015 case study schools)"

# Seed 004 Table 3: school, host/partner, grades, borough, % Black, % Hisp, % Pov, % ELL, % SWD, network LFA.
# Triads are the table's groups of one host and two partners (rows 1-3, 4-6, ...).
TABLE_3 = [
    ("P.S. 1", "Host", "PK-02", "Manhattan", "22", "67", "100", "20", "33", "Language acquisition"),
    ("P.S. 2", "Partner", "PK-03", "Manhattan", "11", "61", "49", "19", "25", "Language acquisition"),
    ("P.S. 3", "Partner", "K-5", "Manhattan", "2", "83", "100", "53", "17", "Language acquisition"),
    ("P.S. 4", "Host", "9-12", "Brooklyn", "72", "22", "79", "1", "14", "Postsecondary readiness"),
    ("P.S. 5", "Partner", "9-12", "Brooklyn", "22", "22", "62", "7", "17", "Postsecondary readiness"),
    ("P.S. 6", "Partner", "9-12", "Brooklyn", "90", "6", "78", "9", "17", "Postsecondary readiness"),
    ("P.S. 7", "Host", "9-12", "Brooklyn", "83", "14", "78", "2", "22", "Teacher growth & teams"),
    ("P.S. 8", "Partner", "9-12", "Brooklyn", "78", "21", "88", "3", "44", "Teacher growth & teams"),
    ("P.S. 9", "Partner", "10-12", "Manhattan", "32", "42", "62", "2", "15", "Teacher growth & teams"),
    ("P.S. 10", "Host", "6-11", "Queens", "19", "37", "64", "1", "19", "School culture"),
    ("P.S. 11", "Partner", "6-7", "Queens", "16", "50", "64", "8", "23", "School culture"),
    ("P.S. 12", "Partner", "6-8", "Brooklyn", "70", "24", "83", "6", "21", "School culture"),
    ("P.S. 13", "Host", "PK-8", "Bronx", "25", "70", "92", "11", "18", "Teacher leadership; student SEL"),
    ("P.S. 14", "Partner", "K-5", "Queens", "2", "94", "95", "45", "16", "Teacher leadership; student SEL"),
    ("P.S. 15", "Partner", "PK-5", "Bronx", "22", "77", "93", "25", "22", "Teacher leadership; student SEL"),
    ("P.S. 16", "Host", "PK-8", "Brooklyn", "3", "95", "95", "43", "23", "Supporting ELLs"),
    ("P.S. 17", "Partner", "K-2", "Brooklyn", "28", "62", "89", "21", "30", "Supporting ELLs"),
    ("P.S. 18", "Partner", "6-8", "Bronx", "17", "82", "89", "28", "25", "Supporting ELLs"),
]
MEASURES = ["% Black", "% Hispanic", "% Poverty", "% ELL", "% SWD"]

# Seed 004 (~3110-3130): the 2014-15 list of learning focus areas schools chose from.
LFA_2014_15 = [
    "Supporting teacher growth – making professional learning part of every teacher’s experience",
    "Developing teacher and assistant principal leadership",
    "Using the inquiry process to develop and monitor approaches to improving student outcomes",
    "Addressing gaps between where students are and the expectations of the Common Core through curriculum "
    "alignment and/or targeted academic interventions",
    "Supporting English Language Learners both in and out of the classroom",
    "Supporting students with disabilities both in and out of the classroom",
    "Providing academic interventions for struggling students",
    "Strengthening instruction in a specific content area (e.g. mathematics, literacy, arts, science)",
    "Fostering student voice, ownership and independence",
    "Building students’ social-emotional development",
    "Creating positive school culture",
    "Fostering post-secondary readiness and retention, including college guidance and college preparatory "
    "curriculum",
    "Promoting family and community engagement",
    "Building external partnerships to enhance student opportunity",
    "Planning for strategic use of resources including, staff, physical plant, and budget",
    "Addressing historically difficult-to-move school-based problems",
]

YEARS = [  # spring 2014 pilot recorded as 2013-14 (seed 004 ~3563); dates are the usual Sept–June span
    ("2013-14", dt.date(2013, 9, 1), dt.date(2014, 6, 30)),
    ("2014-15", dt.date(2014, 9, 1), dt.date(2015, 6, 30)),
    ("2015-16", dt.date(2015, 9, 1), dt.date(2016, 6, 30)),
    ("2016-17", dt.date(2016, 9, 1), dt.date(2017, 6, 30)),
]

# Demo sign-ins: synthetic people standing in the roles the seed describes (it names no one).
PEOPLE = [
    # username, name, position kind, school, designation, role label
    ("admin", "Dana Whitfield", PositionKind.DISTRICT_ADMIN, None, "", R.ADMIN),
    ("central", "Marcus Ortega", PositionKind.PROGRAM_DIRECTOR, None, "", R.CENTRAL),
    ("facilitator", "Renata Silva", PositionKind.FACILITATOR, None, "", R.FACILITATOR),
    ("facilitator2", "Owen Brandt", PositionKind.FACILITATOR, None, "", R.FACILITATOR),
    ("principal", "Alicia Moreno", PositionKind.PRINCIPAL, "P.S. 7", Designation.MODEL_PRINCIPAL, R.PRINCIPAL),
    ("teacher", "Jamal Greene", PositionKind.TEACHER, "P.S. 8", Designation.MODEL_TEACHER, R.TEACHER),
    ("master", "Priya Natarajan", PositionKind.TEACHER, "P.S. 7", Designation.MASTER_TEACHER, R.TEACHER),
    ("coach", "Helen Cho", PositionKind.COACH, "P.S. 8", "", R.COACH),
    ("partner", "Tom Becker", PositionKind.EXTERNAL_CONSULTANT, None, "", R.PARTNER),
    ("researcher", "Ruth Adeyemi", PositionKind.RESEARCHER, None, "", R.RESEARCHER),
]


def _user(username):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load(ctx):
    nyc, _ = m.District.objects.update_or_create(
        short_name="NYC DOE",
        defaults={"name": "New York City Department of Education", "region": "New York, NY",
                  "time_zone": "America/New_York"},
    )
    ctx["nyc"] = nyc
    years = {}
    for name, start, end in YEARS:
        years[name], _ = m.SchoolYear.objects.update_or_create(
            district=nyc, name=name, defaults={"start": start, "end": end})
    ctx["nyc.years"] = years
    if nyc.current_school_year_id != years["2014-15"].pk:
        nyc.current_school_year = years["2014-15"]
        nyc.save(update_fields=["current_school_year"])

    for name in LFA_2014_15:
        m.LearningFocusArea.objects.get_or_create(district=nyc, name=name)
    schools, networks = {}, {}
    y1 = years["2014-15"]
    for row in TABLE_3:
        name, role, grades, borough, *values, lfa_name = row
        school, _ = m.School.objects.update_or_create(
            district=nyc, name=name,
            defaults={"grades": grades, "grade_band": grade_band(grades), "region": borough, "pseudonym": True},
        )
        schools[name] = school
        for measure, value in zip(MEASURES, values):
            m.Demographic.objects.update_or_create(
                school=school, school_year=y1, measure=measure, defaults={"value": value, "source": SEED_004})
        lfa, _ = m.LearningFocusArea.objects.get_or_create(district=nyc, name=lfa_name)
        if role == "Host":
            networks[lfa_name], _ = m.Network.objects.update_or_create(
                district=nyc, school_year=y1, name=f"{name} triad",
                defaults={"kind": m.Network.Kind.TRIAD, "focus_area": lfa})
        m.NetworkMembership.objects.update_or_create(
            network=networks[lfa_name], school=school,
            defaults={"role": m.NetworkMembership.Role.HOST if role == "Host" else m.NetworkMembership.Role.PARTNER})
        m.Team.objects.update_or_create(
            district=nyc, school=school, school_year=y1, kind=m.Team.Kind.SCHOOL_TEAM,
            defaults={"name": f"{name} LPP team", "meeting_cadence": "every two weeks"},
        )
    ctx["nyc.schools"], ctx["nyc.networks"] = schools, networks

    people = {}
    for username, name, kind, school_name, designation, role in PEOPLE:
        person, _ = m.Person.objects.update_or_create(
            district=nyc, email=f"{username}@demo.districtlab.org",
            defaults={"name": name, "user": _user(username), "synthetic": True})
        m.Position.objects.update_or_create(
            person=person, district=nyc, kind=kind, school=schools.get(school_name),
            defaults={"designation": designation, "start": y1.start,
                      "organisation": "External partner organisation (synthetic)" if role == R.PARTNER else ""},
        )
        people[username] = person
        where = f" at {school_name}" if school_name else ""
        label = dict(Designation.choices).get(designation) if designation else R.ROLE_LABELS[role]
        ctx.sign_ins.append((username, label, f"{name}{where} (NYC DOE)"))
    ctx["nyc.people"] = people

    # Facilitators support three or four networks each (seed 004 ~174, ~3546).
    hosts = list(networks.values())
    for network in hosts[:3]:
        network.facilitators.add(people["facilitator"])
    for network in hosts[3:]:
        network.facilitators.add(people["facilitator2"])

    for team_school, members in {
        "P.S. 7": [("principal", m.TeamMembership.Role.LEADER), ("master", m.TeamMembership.Role.COL_DOCUMENTER)],
        "P.S. 8": [("teacher", m.TeamMembership.Role.NOTE_TAKER), ("coach", m.TeamMembership.Role.MEMBER)],
    }.items():
        team = m.Team.objects.get(school=schools[team_school], school_year=y1, kind=m.Team.Kind.SCHOOL_TEAM)
        for username, team_role in members:
            m.TeamMembership.objects.get_or_create(
                team=team, person=people[username], role=team_role, defaults={"start": y1.start})

    teacher = people["teacher"]
    m.Note.objects.get_or_create(
        district=nyc, author=teacher, title="Draft: what I want to try after the October visit",
        defaults={"body": "Only I can read this until I share it. (synthetic)", "school": schools["P.S. 8"],
                  "team": m.Team.objects.get(school=schools["P.S. 8"], school_year=y1, kind=m.Team.Kind.SCHOOL_TEAM),
                  "network": networks["Teacher growth & teams"], "visibility": Visibility.PRIVATE},
    )
    m.Note.objects.get_or_create(
        district=nyc, author=people["principal"], title="Norms we agreed for our triad's site visits",
        defaults={"body": "Shared with the triad. (synthetic)", "school": schools["P.S. 7"],
                  "network": networks["Teacher growth & teams"], "visibility": Visibility.NETWORK},
    )
