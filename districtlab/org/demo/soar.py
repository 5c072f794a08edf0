"""The SOAR district, 2013-2015 (seed 001): a district design team and three school implementation teams.

The seed never names the district ("the partner district", a large urban district in the southwestern
United States); schools are the seed's pseudonyms; Table 1 values are kept as the ranges it prints.
Unnamed design-team members appear as numbered placeholders, marked synthetic.
"""
import datetime as dt

from districtlab.core import roles as R
from districtlab.core.roles import PositionKind as K

from .. import models as m
from .common import SEED_001, data_notes, demographics, person, position, reference_table, sign_in, team, years

SCHOOLS = ["Desert Grove High School", "Forest Glen High School", "Valley High School"]
TABLE_1_ROWS = [  # seed 001 Table 1 (~312-323): District high schools, Desert Grove, Forest Glen, Valley
    ("Student enrollment", "20,504", ">1500", "700-1200", ">1500"),
    ("Students: percent Hispanic", "59%", "40-60%", ">80%", ">80%"),
    ("Students: percent African American", "25%", "20-40%", "<20%", "<20%"),
    ("Students: percent White", "8%", "20-40%", "<20%", "<20%"),
    ("Percent economically disadvantaged", "70%", "40-60%", ">80%", ">80%"),
    ("Percent LEP", "6%", "<5%", ">5%", ">5%"),
    ("Teachers: percent Hispanic", "17%", "<20%", "20-40%", "20-40%"),
    ("Teachers: percent African American", "29%", "<20%", "<20%", "<20%"),
    ("Yrs. teaching experience", "10.9", "10-12", "10-12", "8-10"),
]
PHASES = [  # seed 001 Table 2 (~329-336), dates exactly as printed
    ("Phase 1 – Design", "(February 2013 – August 2013)", "62 h 22 m", "28", "147", "6", "97"),
    ("Phase 2 - Development", "(August 2013 – June 2014)", "66 h 21 m", "24", "236", "5", "141"),
    ("Phase 3 - Implementation", "August 2014- June 2015", "42 h 20 m", "11", "126", "4", "56"),
    ("Total", "28 months", "171 h 3 m", "63", "509", "15", "294"),
]
INTERVIEWS = [  # seed 001 ~102: the research team's interviews, which Table 2 does not list
    ("Interviews in all", "67, across the three phases of the work"),
    ("Kind", "In-depth, semi-structured interviews with participants"),
    ("Who", "Design team members and a subset of members from the school implementation team"),
    ("When", "Every summer"),
]
# Named people and what the seed says of them (line numbers in seed 001).
NAMED = {
    "Kristine": (None, K.CENTRAL_OFFICE, "At-large member of the district design team", "~122"),
    "Andrew": (None, K.CENTRAL_OFFICE, "District leader involved in the design work", "~124"),
    "Rebecca": ("Forest Glen High School", K.TEACHER, "Teacher-leader", "~124"),
    "Colin": ("Desert Grove High School", K.TEACHER, "", "~126"),
    "Renee": (None, K.RESEARCHER, "Researcher", "~140"),
    "Ken": ("Valley High School", K.TEACHER, "", "~140"),
    "Jillian": ("Desert Grove High School", K.TEACHER, "Implementation team member", "~148"),
    "Doug": ("Forest Glen High School", K.TEACHER, "", "~158"),
    "Riley": ("Valley High School", K.TEACHER, "", "~170"),
    "Kevin": ("Desert Grove High School", K.TEACHER, "Implementation team member", "~196"),
    "Matthew": (None, None, "", "~142, ~176"),
    "Sandra": (None, None, "", "~180"),
    "Allison": (None, None, "", "~186-188"),
    "Felix": (None, None, "", "~196"),
}


def load(ctx):
    d, _ = m.District.objects.update_or_create(
        short_name="SOAR", defaults={"name": "The SOAR district",
                                     "region": "Southwestern United States", "time_zone": "America/Phoenix"})
    ys = years(d, [("2012-13", dt.date(2012, 8, 1), dt.date(2013, 6, 30)),
                   ("2013-14", dt.date(2013, 8, 1), dt.date(2014, 6, 30)),
                   ("2014-15", dt.date(2014, 8, 1), dt.date(2015, 6, 30))], current="2014-15")
    y13 = ys["2013-14"]
    reference_table(d, "Table 1: District high schools and the three innovation schools",
                    ["Measure", "District high schools", *SCHOOLS], [list(r) for r in TABLE_1_ROWS],
                    f"{SEED_001} Table 1 ~312-325", "Values are the seed's generalised ranges, kept as printed "
                    "(district administrative data, 2012-2013 school year).")
    reference_table(d, "Table 2: Phases of the work and data sources",
                    ["Phase", "Dates", "Audio files", "Field note logs", "Distributed artifacts",
                     "Research reflection forms", "Participant feedback forms"], [list(r) for r in PHASES],
                    f"{SEED_001} Table 2 ~329-336")
    reference_table(d, "The study's interviews", ["Fact", "As the study gives it"], [list(r) for r in INTERVIEWS],
                    f"{SEED_001} ~102", "Table 2 gives no interviews by phase.")
    schools = {}
    for i, name in enumerate(SCHOOLS):
        schools[name] = m.School.objects.update_or_create(
            district=d, name=name, defaults={"grade_band": "High", "pseudonym": True})[0]
        demographics(schools[name], ys["2012-13"], {row[0]: row[2 + i] for row in TABLE_1_ROWS},
                     f"{SEED_001} Table 1")

    people = {}
    for name, (school, kind, title, _lines) in NAMED.items():
        people[name] = person(d, name, key=f"soar.{name.lower()}")
        if kind:
            position(people[name], kind, school=schools.get(school), start=ys["2012-13"].start, title=title)
    coordinator = person(d, "District coordinator (unnamed in the seed)", key="soar.coordinator")
    position(coordinator, K.DISTRICT_COORDINATOR, start=ys["2012-13"].start)
    developers = [person(d, f"Program developer {n} (unnamed)", key=f"soar.developer{n}", synthetic=True)
                  for n in (1, 2, 3)]
    for dev in developers:
        position(dev, K.PROGRAM_DEVELOPER, start=ys["2012-13"].start, organisation="External program developers")
    researchers = [people["Renee"]] + [person(d, f"Researcher {n} (unnamed)", key=f"soar.researcher{n}",
                                              synthetic=True) for n in (2, 3)]
    for r in researchers[1:]:
        position(r, K.RESEARCHER, start=ys["2012-13"].start, organisation="University research team")
    principal = person(d, "Desert Grove principal (unnamed in the seed)", key="soar.principal")
    position(principal, K.PRINCIPAL, school=schools["Desert Grove High School"], start=ys["2012-13"].start)
    admin = person(d, "SOAR demo administrator", key="soar.admin", synthetic=True)
    position(admin, K.DISTRICT_ADMIN, start=ys["2012-13"].start)

    # District design team: 15 district members (two teachers per innovation school, the rest at large),
    # 3 program developers, 3 researchers, and the district coordinator (seed 001 ~76-80).
    school_teachers = {"Desert Grove High School": [people["Colin"]], "Forest Glen High School": [people["Rebecca"]],
                       "Valley High School": []}
    for school_name, teachers in school_teachers.items():
        while len(teachers) < 2:
            n = len(teachers) + 1
            placeholder = person(d, f"{school_name.split(' High')[0]} design-team teacher {n} (unnamed)",
                                 key=f"soar.{school_name.split()[0].lower()}.design{n}", synthetic=True)
            position(placeholder, K.TEACHER, school=schools[school_name], start=ys["2012-13"].start)
            teachers.append(placeholder)
    at_large = [people["Kristine"], people["Andrew"]] + [
        person(d, f"At-large design-team member {n} (unnamed)", key=f"soar.atlarge{n}", synthetic=True)
        for n in range(3, 10)]
    for member in at_large[2:]:
        position(member, K.CENTRAL_OFFICE, start=ys["2012-13"].start, title="At-large design-team member")
    district_members = [t for ts in school_teachers.values() for t in ts] + at_large
    assert len(district_members) == 15
    team(d, "District design team", m.Team.Kind.DESIGN_TEAM, year=ys["2012-13"], cadence="monthly", members=[
        *[(x, "member") for x in district_members], *[(x, "facilitator") for x in developers],
        *[(x, "member") for x in researchers], (coordinator, "leader")])

    # School implementation teams: the school's design-team members lead, with five to seven teachers (~86).
    implementation = {"Desert Grove High School": ["Jillian", "Kevin"], "Forest Glen High School": ["Doug"],
                      "Valley High School": ["Riley", "Ken"]}
    for school_name, names in implementation.items():
        teachers = [people[n] for n in names]
        short = school_name.split(" High")[0]
        while len(teachers) < 5:
            n = len(teachers) + 1
            placeholder = person(d, f"{short} implementation-team teacher {n} (unnamed)",
                                 key=f"soar.{short.split()[0].lower()}.impl{n}", synthetic=True)
            position(placeholder, K.TEACHER, school=schools[school_name], start=y13.start)
            teachers.append(placeholder)
        team(d, f"{short} school implementation team", m.Team.Kind.IMPLEMENTATION_TEAM, school=schools[school_name],
             year=y13, cadence="quarterly with the design team", members=[
                 *[(x, "leader") for x in school_teachers[school_name]], *[(x, "member") for x in teachers]])

    for who, username, role in [(admin, "soar.admin", R.ADMIN), (coordinator, "soar.central", R.CENTRAL),
                                (principal, "soar.principal", R.PRINCIPAL), (people["Jillian"], "soar.teacher", R.TEACHER),
                                (developers[0], "soar.partner", R.PARTNER), (people["Renee"], "soar.researcher",
                                                                             R.RESEARCHER)]:
        sign_in(ctx, who, username, role)

    notes = [
        ("gap", "The district's name", "The SOAR district", "\"the partner district\"",
         "~31, ~96", "SOAR is the innovation's name; the seed never names the district."),
        ("conflict", "What SOAR stands for", "Student Ownership and Responsibility Innovation",
         "\"Student Ownership and Innovation (SOAR)\"", "~72; ~82", "The expansion at ~82 lacks the R."),
        ("conflict", "How often implementation teams met", "quarterly with the design team",
         "\"the meetings continued on a monthly basis throughout the year\"", "~86; ~138", ""),
        ("conflict", "How often the design team met", "monthly", "\"six two-day meetings\" per phase",
         "~80; ~100", ""),
        ("conflict", "Number of research questions", "two (two are listed)", "\"three research questions\"",
         "~35-38, ~106; ~110", ""),
        ("conflict", "Start of school-wide implementation", "2014-15 (Table 2, Phase 3)",
         "\"beginning in the spring of 2013-2014\"", "~192, ~330; ~174", ""),
        ("reading", "Design-team composition", "15 district members + 3 program developers + 3 researchers "
         "+ the district coordinator", "", "~76-80",
         "The seed does not say whether the two teachers per school or the coordinator count among the 15."),
        ("gap", "Roles of Matthew, Sandra, Allison and Felix", "No position recorded", "", "~142-196",
         "The seed quotes them without giving a role or a school."),
        ("reading", "Roles read from context", "Colin, Ken, Doug and Riley as teachers; Colin and Rebecca on the "
         "design team; Ken, Doug and Riley on their school's implementation team; Kristine as central office", "",
         "~80, ~122-170", "The seed names their school and quotes them in design-team or school-team settings "
         "but does not state their role; at-large members were administrators or central office staff (~80)."),
        ("gap", "Interviews by phase", "67 in all, none by phase",
         "\"Table 2 contains detailed information about the frequency with which these data were collected\"",
         "~102; Table 2 ~326-336", "Table 2 has no interviews row: how many were held in each phase is not known."),
        ("synthetic", "Unnamed design-team and implementation-team members", "Numbered placeholders", "",
         "~76-86", "Kept so that team sizes match the seed (15 district members; five to seven teachers)."),
    ]
    data_notes(d, SEED_001, notes)
