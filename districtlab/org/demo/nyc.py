"""NYC DOE's Learning Partners Program, spring 2014 pilot to 2016-17 (seed 004).

The program's scale is the seed's, exactly: network types and school counts per year, and how many
schools returned. The case-study schools P.S. 1-45 sit in the networks, roles and learning focus areas
of Tables 3, 4 and 5 with their demographics; every other school, network and facilitator is synthetic
(and marked so), placed deterministically so that the counts come out as the seed states them.
"""
import datetime as dt
from dataclasses import dataclass, field

from districtlab.analysis.grades import grade_band
from districtlab.core import roles as R
from districtlab.core.roles import Designation
from districtlab.core.roles import PositionKind as K
from districtlab.core.visibility import Visibility

from .. import models as m
from .common import SEED_004, data_notes, person, position, reference_table, sept_to_june, sign_in, team, years
from .nyc_tables import TABLE_2, TABLE_4, TABLE_5, TABLE_12, TABLE_12_NOTE

# Seed 004 Table 3 (lines 1383-1587): School, Host/Partner, Grades, Borough, % Black, % Hisp, % Pov, % ELL,
# % SWD, Network LFA. Triads are the table's groups of one host and the two partners after it.
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

# Seed 004 ~3110-3130: the 2014-15 list of learning focus areas schools chose from.
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
# Seed 004 ~3137-3152: Framework for Great Schools elements with the application's example LFAs.
FRAMEWORK = [
    ("Rigorous Instruction", "Supporting students with disabilities both in and out of the classroom"),
    ("Supportive Environment", "Improving school tone and culture through the implementation of socio-emotional "
                               "learning curriculum in the elementary classroom"),
    ("Collaborative Teachers", "Supporting teacher growth and shifting culture by moving departmental meetings from "
                               "compliance to professional learning"),
    ("Strong Family-Community Ties", "Serving students and families in the community through partnerships and "
                                     "innovative practices"),
    ("Effective School Leadership", "Developing and strengthening teacher leadership in a high school setting"),
]

# Program scale (seed 004 ~3563-3570): network kinds and sizes per year, schools, and returning schools.
SCALE = {
    "2013-14": {"triad": [3] * 7},
    "2014-15": {"triad": [3] * 23, "quad": [4]},
    "2015-16": {"triad": [3] * 23, "pair": [2], "quad": [4], "cohort": [8, 7] + [7] * 8},
    "2016-17": {"triad": [3] * 28, "quad": [4] * 6, "pair": [2], "cohort": [7, 9] + [8] * 8},
}
SCHOOLS_PER_YEAR = {"2013-14": 21, "2014-15": 73, "2015-16": 146, "2016-17": 190}
RETURNING_PER_YEAR = {"2013-14": 0, "2014-15": 11, "2015-16": 42, "2016-17": 130}
# Focal schools the seed places in a year without naming their network (Appendix C, ~7651: P.S. 8 was a
# partner "for 3 years"); or that the tables mark Returning without an earlier table placing them.
PLACED_WITHOUT_NETWORK = {"2014-15": ["P.S. 19", "P.S. 21", "P.S. 22", "P.S. 24", "P.S. 25", "P.S. 26", "P.S. 27",
                                      "P.S. 34", "P.S. 37"],
                          "2015-16": ["P.S. 8", "P.S. 41", "P.S. 42"]}
TYPES = {"International": ["P.S. 20", "P.S. 21", "P.S. 22"],
         "District 75": ["P.S. 23", "P.S. 24", "P.S. 25", "P.S. 45"],
         "Transfer": ["P.S. 8"]}  # seed 004 ~1601 (Internationals triad, District 75 triad), ~7651 (P.S. 8),
# Table 5 ~2013-2025 (P.S. 45, the District 75 triad's new school, 100% SWD)
LEFT_DECEMBER_2015 = dt.date(2015, 12, 31)  # "left the program in December 2015" (~1605, ~1890); day not given
BOROUGHS = ["Bronx", "Brooklyn", "Manhattan", "Queens", "Staten Island"]
SYNTHETIC_GRADES = ["K-5", "6-8", "9-12", "PK-5", "K-8"]
KIND = {"triad": m.Network.Kind.TRIAD, "quad": m.Network.Kind.QUAD, "pair": m.Network.Kind.PAIR,
        "cohort": m.Network.Kind.COHORT}


@dataclass(frozen=True)
class SubGroup:
    """A sub-group (or "pod") of the LP-plus cohort its ``host`` led in ``year``: its name after the cohort's, its
    schools and, where the seed gives one, its own learning focus area (else the cohort's)."""

    year: str
    host: str
    label: str
    schools: tuple
    focus_area: str = ""


# Seed 004 ~3230-3233: the DOE recommended that LP plus networks split into sub-groups. Who was in which sub-group the
# seed never says: every membership below is synthetic (the data notes "Sub-groups of P.S. 26's cohort, 2015-16" and
# "Sub-groups and pods of P.S. 34's cohort" say what the seed does say).
SUBGROUPS = [
    # ~7434-7437: "divided itself into subgroups by grade band and subject area" (no number given)
    SubGroup("2015-16", "P.S. 26", "early grades, reading", ("P.S. 30", "P.S. 31", "P.S. 32")),
    SubGroup("2015-16", "P.S. 26", "elementary grades, math", ("P.S. 26", "P.S. 27")),
    SubGroup("2015-16", "P.S. 26", "middle grades, math", ("P.S. 28", "P.S. 29", "P.S. 33")),
    # ~7527-7528: "three subgroups of two partner school teams each supported by host Model Teachers"
    SubGroup("2015-16", "P.S. 34", "sub-group 1", ("P.S. 35", "P.S. 36")),
    SubGroup("2015-16", "P.S. 34", "sub-group 2", ("P.S. 37", "P.S. 38")),
    SubGroup("2015-16", "P.S. 34", "sub-group 3", ("P.S. 39", "P.S. 40")),
    # ~7528-7530: "“pods” by LFAs including, lesson planning, interdisciplinary instruction, and social-emotional
    # learning"; P.S. 38 set its 2016-17 goal from Danielson indicator 1e on planning (~7554-7558)
    SubGroup("2016-17", "P.S. 34", "lesson planning pod", ("P.S. 35", "P.S. 36", "P.S. 38"), "Lesson planning"),
    SubGroup("2016-17", "P.S. 34", "interdisciplinary instruction pod", ("P.S. 34", "P.S. 37"),
             "Interdisciplinary instruction"),
    SubGroup("2016-17", "P.S. 34", "social-emotional learning pod", ("P.S. 39", "P.S. 40"),
             "Social-emotional learning"),
]


@dataclass
class Plan:
    """One network of one year: kind, focus area and members ``[(school name, role)]``."""

    kind: str
    lfa: str
    members: list = field(default_factory=list)
    focal: bool = False
    ended_on: dt.date | None = None


def focal_plans():
    """Tables 3-5 as network plans per year."""
    plans = {"2013-14": [], "2014-15": [], "2015-16": [], "2016-17": []}
    for row in TABLE_3:
        if row[1] == "Host":
            plans["2014-15"].append(Plan("triad", row[-1], focal=True))
        plans["2014-15"][-1].members.append((row[0], row[1].lower()))
    for year, table in (("2015-16", TABLE_4), ("2016-17", TABLE_5)):
        groups = {}
        for row in table:
            groups.setdefault(row[-1], []).append(row)
        for rows in groups.values():
            kind = {3: "triad", 4: "quad", 2: "pair"}.get(len(rows), "cohort")
            plan = Plan(kind, rows[0][10], [(r[0], r[1].lower()) for r in rows], focal=True)
            if year == "2015-16" and rows[0][0] == "P.S. 10":
                plan.ended_on = LEFT_DECEMBER_2015
            plans[year].append(plan)
    return plans


def compose():
    """Every year's networks, filled so that kinds, sizes, totals and returning counts match the seed.

    Returns ``{year: [Plan]}`` and ``{school name: (grades, borough)}`` for the synthetic schools made.
    Deterministic: the same plan every time.
    """
    plans = focal_plans()
    marks = {"2015-16": {r[0]: r[2] for r in TABLE_4}, "2016-17": {r[0]: r[2] for r in TABLE_5}}
    focal_names = {r[0] for r in TABLE_3 + TABLE_4 + TABLE_5}
    seen_by_year: list[list[str]] = []
    synthetic = {}
    lfa_cycle = {"2013-14": LFA_2014_15, "2014-15": LFA_2014_15}
    for index, year in enumerate(SCALE):
        focal = plans[year]
        used = {name for p in focal for name, _ in p.members}
        earlier = [s for ys in seen_by_year for s in ys]
        returning_focal = sum(1 for s in used if s in earlier)
        must = list(PLACED_WITHOUT_NETWORK.get(year, []))
        need_returning = RETURNING_PER_YEAR[year] - returning_focal - sum(1 for s in must if s in earlier)
        # returning synthetic schools: most recent year first, never a focal school with its own story
        pool = []
        for ys in reversed(seen_by_year):
            pool += [s for s in ys if s not in focal_names and s not in pool and s not in used]
        returning = pool[:need_returning]
        assert len(returning) == need_returning, (year, need_returning, len(pool))
        queue = must + returning
        sizes = []
        focal_kinds = [(p.kind, len(p.members)) for p in focal]
        for kind, kind_sizes in SCALE[year].items():
            for size in kind_sizes:
                if (kind, size) in focal_kinds:
                    focal_kinds.remove((kind, size))
                else:
                    sizes.append((kind, size))
        assert not focal_kinds, (year, focal_kinds)
        total_slots = sum(size for _, size in sizes)
        new_count = total_slots - len(queue)
        for _ in range(new_count):
            name = f"Synthetic school {len(synthetic) + 1:03d}"
            synthetic[name] = (SYNTHETIC_GRADES[len(synthetic) % 5], BOROUGHS[len(synthetic) % 5])
            queue.append(name)
        elements = lfa_cycle.get(year, [e for e, _ in FRAMEWORK])
        for i, (kind, size) in enumerate(sizes):
            members, queue = queue[:size], queue[size:]
            plans[year].append(Plan(kind, elements[(i + index) % len(elements)],
                                    [(s, "host" if j == 0 else "partner") for j, s in enumerate(members)]))
        year_schools = [s for p in plans[year] for s, _ in p.members]
        assert len(year_schools) == len(set(year_schools)) == SCHOOLS_PER_YEAR[year], year
        assert sum(1 for s in year_schools if s in earlier) == RETURNING_PER_YEAR[year], year
        for s, mark in marks.get(year, {}).items():  # the tables' New/Returning marks hold
            assert (mark == "Returning") == (s in earlier), (year, s, mark)
        seen_by_year.append(year_schools)
    return plans, synthetic


# The Facilitators the seed names (pseudonyms, ~3782 footnote 7) and the one it describes without a name; the
# rest are synthetic. The first is the demo's ``nyc.facilitator`` sign-in. (key, name, title)
FACILITATORS = [
    ("nyc.facilitator1", "Kimberly", ""),  # ~4366-4367: the District 75 (assessment) triad; ~3777, ~4973
    ("nyc.facilitator2", "Larry", ""),  # ~5868-5869, ~4485: "the dual language triad"
    ("nyc.facilitator3", "Kristina", ""),  # ~5253-5254: a Facilitator in the program's second year
    # ~5885-5908: "at his [old] school", "his old school where he was an assistant principal"
    ("nyc.facilitator4", "P.S. 10 triad's Facilitator (unnamed in the seed)", "Former assistant principal"),
] + [(f"nyc.facilitator{i}", f"Facilitator {i} (synthetic)", "") for i in range(5, 13)]
# Networks the seed ties to a Facilitator (index into FACILITATORS), by (year, host school).
SEED_FACILITATES = {("2014-15", "P.S. 10"): 3, ("2014-15", "P.S. 16"): 1, ("2015-16", "P.S. 23"): 0}
# Synthetic 2016-17 assignments kept for the demo's tour (nyc.facilitator sees the District 75 triad, P.S. 8's quad
# and P.S. 38's cohort; Larry keeps P.S. 16's triad, now the dual language triad).
DEMO_FACILITATES = {("2016-17", "P.S. 23"): 0, ("2016-17", "P.S. 41"): 0, ("2016-17", "P.S. 34"): 0,
                    ("2016-17", "P.S. 16"): 1}


def assign_facilitators(year: str, year_plans: list) -> list[int]:
    """Each network's Facilitator (an index into FACILITATORS), three or four networks each.

    The seed's own assignments come first; then each case-study network goes to a Facilitator who has none yet
    (in the year-1 sample each triad had a different Facilitator, ~1367); the rest fill the caseloads in order.
    """
    capacity = caseloads(len(year_plans))
    owner: dict[int, int] = {}

    def give(i, f):
        owner[i] = f
        capacity[f] -= 1

    hosts = [plan.members[0][0] for plan in year_plans]
    for i, host in enumerate(hosts):
        f = SEED_FACILITATES.get((year, host), DEMO_FACILITATES.get((year, host)))
        if f is not None:
            give(i, f)
    for i, plan in enumerate(year_plans):
        if plan.focal and i not in owner:
            holding = {owner[j] for j in owner if year_plans[j].focal}
            give(i, next(f for f, left in enumerate(capacity) if left > 0 and f not in holding))
    for i in range(len(year_plans)):
        if i not in owner:
            give(i, next(f for f, left in enumerate(capacity) if left > 0))
    assert all(left == 0 for left in capacity), (year, capacity)
    return [owner[i] for i in range(len(year_plans))]


def caseloads(n_networks: int) -> list[int]:
    """Networks per facilitator: three or four each (seed 004 ~174), as few facilitators as that allows."""
    n_facilitators = -(-n_networks // 4)
    fours = n_networks - 3 * n_facilitators
    return [4] * fours + [3] * (n_facilitators - fours)


def load(ctx):
    d, _ = m.District.objects.update_or_create(
        short_name="NYC DOE", defaults={"name": "New York City Department of Education", "region": "New York, NY",
                                        "time_zone": "America/New_York"})
    spans = sept_to_june(2014, 2016)
    spans.insert(0, ("2013-14", dt.date(2014, 2, 1), dt.date(2014, 6, 30)))  # the spring 2014 pilot
    ys = years(d, spans, current="2016-17")
    ctx["nyc"], ctx["nyc.years"] = d, ys

    types = {name: m.SchoolType.objects.get_or_create(district=d, name=name)[0] for name in TYPES}
    lfas = {}
    for name in LFA_2014_15:
        lfas[name] = m.LearningFocusArea.objects.get_or_create(district=d, name=name)[0]
    for element, example in FRAMEWORK:
        lfas[element] = m.LearningFocusArea.objects.update_or_create(
            district=d, name=element, defaults={"framework_element": element})[0]
        m.LearningFocusArea.objects.update_or_create(district=d, name=example,
                                                     defaults={"framework_element": element})

    plans, synthetic = compose()
    schools = {}
    rows = [(row[0], row[2], row[3], ys["2014-15"], row[4:9]) for row in TABLE_3] + [
        (row[0], row[3], row[4], ys[year], row[5:10]) for year, table in (("2015-16", TABLE_4), ("2016-17", TABLE_5))
        for row in table]
    latest = {name: (grades, borough) for name, grades, borough, _year, _values in rows}  # Table 5's, else 4's...
    for name, grades, _borough, year, values in rows:
        schools[name] = _focal_school(d, name, grades, latest[name], year, values)
    for name, (grades, borough) in synthetic.items():
        schools[name] = m.School.objects.update_or_create(
            district=d, name=name, defaults={"grades": grades, "grade_band": grade_band(grades), "region": borough,
                                             "synthetic": True})[0]
    for type_name, names in TYPES.items():
        for name in names:
            schools[name].types.add(types[type_name])

    facilitators = []
    for key, name, title in FACILITATORS:  # the seed gives no Facilitator's start; synthetic ones start with the pilot
        invented = name.endswith("(synthetic)")
        f = person(d, name, key=key, synthetic=invented, pseudonym=not invented and "(unnamed" not in name)
        position(f, K.FACILITATOR, start=dt.date(2014, 2, 1) if invented else None, organisation="OICL", title=title)
        facilitators.append(f)
    seen = set()
    networks = {}
    for year, year_plans in plans.items():
        counters = {}
        owners = [facilitators[i] for i in assign_facilitators(year, year_plans)]
        for plan, facilitator in zip(year_plans, owners):
            counters[plan.kind] = counters.get(plan.kind, 0) + 1
            host = plan.members[0][0]
            name = f"{host} {plan.kind}" if plan.focal else f"Synthetic {plan.kind} {counters[plan.kind]:02d}"
            lfa = lfas.get(plan.lfa) or m.LearningFocusArea.objects.get_or_create(district=d, name=plan.lfa)[0]
            network = m.Network.objects.update_or_create(
                district=d, school_year=ys[year], name=name,
                defaults={"kind": KIND[plan.kind], "focus_area": lfa, "synthetic": not plan.focal,
                          "ended_on": plan.ended_on})[0]
            network.facilitators.set([facilitator])
            networks[(year, host)] = network
            for school_name, role in plan.members:
                m.NetworkMembership.objects.update_or_create(
                    network=network, school=schools[school_name],
                    defaults={"role": role, "returning": school_name in seen, "left_on": plan.ended_on})
            for school_name, _ in plan.members:
                team(d, f"{school_name} LPP team {year}", m.Team.Kind.SCHOOL_TEAM, school=schools[school_name],
                     year=ys[year], cadence="at least twice a month (MOU)", synthetic=school_name in synthetic)
        seen |= {s for p in year_plans for s, _ in p.members}
    ctx["nyc.schools"], ctx["nyc.networks"] = schools, networks
    _subgroups(d, networks, schools)

    _reference_data(d, ys)
    _people(ctx, d, ys, schools, facilitators, networks)
    data_notes(d, SEED_004, NOTES)
    data_notes(d, SEED_004, FACTS_BY_YEAR_NOTES)


def _subgroups(d, networks, schools):
    """The cohorts' sub-groups (``SUBGROUPS``): each inside its cohort (``parent``), its schools as members in their
    cohort role and new/returning status, and no Facilitator of its own (the cohort's supports it)."""
    for g in SUBGROUPS:
        cohort = networks[(g.year, g.host)]
        focus = (m.LearningFocusArea.objects.get_or_create(district=d, name=g.focus_area)[0] if g.focus_area
                 else cohort.focus_area)
        group = m.Network.objects.update_or_create(
            district=d, school_year=cohort.school_year, name=f"{cohort.name}: {g.label}",
            defaults={"kind": m.Network.Kind.SUBGROUP, "parent": cohort, "focus_area": focus, "synthetic": True})[0]
        in_cohort = {ms.school.name: ms for ms in cohort.memberships.select_related("school")}
        for name in g.schools:
            m.NetworkMembership.objects.update_or_create(
                network=group, school=schools[name],
                defaults={"role": in_cohort[name].role, "returning": in_cohort[name].returning})
        group.memberships.exclude(school__name__in=g.schools).delete()


def _focal_school(d, name, grades, latest, year, values):
    """A case-study school as one table gives it, with each year's span kept for that year; its current grades and
    borough are ``latest``, the latest table's (written once, so loading again changes nothing, history included)."""
    now, borough = latest
    school = m.School.objects.update_or_create(
        district=d, name=name, defaults={"grades": now, "grade_band": grade_band(now), "region": borough,
                                         "pseudonym": True})[0]
    table = {"2014-15": "Table 3", "2015-16": "Table 4", "2016-17": "Table 5"}[year.name]
    m.SchoolYearFacts.objects.update_or_create(
        school=school, school_year=year,
        defaults={"grades": grades, "grade_band": grade_band(grades), "source": f"Seed 004, {table}"})
    for measure, value in zip(MEASURES, values):
        m.Demographic.objects.update_or_create(
            school=school, school_year=year, measure=measure,
            defaults={"value": value, "source": f"Seed 004, {table}"})
    return school


def _reference_data(d, ys):
    reference_table(d, "Demographics of LPP and DOE schools, 2016-2017 (Table 2)", TABLE_2[0], TABLE_2[1:],
                    f"{SEED_004} Table 2 ~1277-1333")
    reference_table(d, "Ratings on Quality Review Indicator 4.2 (Table 12)", TABLE_12[0], TABLE_12[1:],
                    f"{SEED_004} Table 12 ~3655-3680", TABLE_12_NOTE)
    reference_table(d, "The Learning Partners Program: scale and reach", ["Fact", "Value"], [
        ["Schools in the program, 2016-17", "190, about 10% of the city's over 1,800 schools"],
        ["Boroughs taking part", "All five"], ["Community school districts taking part", "All 32"],
        ["Applicants accepted, 2016-17", "62%"],
        ["Years a school may take part", "Up to 3 (decided in the third year), then it graduates; it may apply for "
                                         "funding to keep collaborating with its network"],
        ["Participant surveys", "The DOE's Research and Policy Support Group surveys all program participants"],
        ["Tagline", "The Answer is in the Room"],
    ], f"{SEED_004} ~143, ~1259-1260, ~1344-1345, ~3571-3573, ~179-180, ~3607-3608")
    reference_table(d, "The program's four long-term outcomes (LPP Framework)", ["Outcome"], [
        ["Strengthen school capacity to engage in continuous improvement"],
        ["Improve school and educator practice and student outcomes"],
        ["Establish a system-wide culture of collaboration"], ["Develop strong school and teacher leaders"],
    ], f"{SEED_004} ~3060-3064 (also ~176-179)")
    reference_table(d, "School teams: the MOU and the selection criteria", ["Term", "What it says"], [
        ["Meetings", "At least twice each month (LPP Framework and MOU)"],
        ["Membership", "Consistent membership that includes the LPP Model/Master Principal, Teacher(s) and other "
                       "key staff (2016-2017 MOU)"],
        ["Selection: stance", "Whether members view themselves as learners and are positive and flexible"],
        ["Selection: expertise", "Including expertise in the Learning Focus Area"],
        ["Selection: diversity", "Across leadership, seniority, expertise, role and background"],
        ["Selection: leverage", "The ability to commit to the program and holding the respect of colleagues"],
    ], f"{SEED_004} ~3162-3164, ~3764-3766, ~3817-3823 (summer 2014 orientation guidance)")
    reference_table(d, "What the program provides besides its three elements", ["Input", "What it covers"], [
        ["Funds for substitute teachers", "Substitute teachers when LPP teams are engaging in site visits"],
        ["Funds for supplies and materials", "The cost of supplies and materials associated with LPP (at most site "
                                             "visits, modest breakfasts and lunches)"],
        ["Funds for release time", "Release time for LPP participants who engage in extra work"],
        ["Professional learning series", "For Model Teachers, and for principals and assistant principals on "
                                         "leadership development and inquiry"],
    ], f"{SEED_004} ~3539-3545, ~5021-5022, ~6525-6526",
        "The three elements are school teams, interschool collaboration and the Cycles of Learning. The seed gives "
        "no amounts for these funds; the designations' stipends are in the designation rules.")
    reference_table(d, "LPP schools by grade level, 2016-17", ["Schools", "Share"], [
        ["High schools or secondary schools", "about 40%"], ["Elementary and early childhood schools", "about 27%"],
        ["Middle schools", "25%"], ["K-8 schools", "6%"], ["K-12 schools", "2%"]], f"{SEED_004} ~1264-1266")
    reference_table(d, "Framework elements listed on applications, 2016-17", ["Framework element", "Share"], [
        ["Rigorous instruction", "34%"], ["Collaborative teachers", "32%"], ["Supportive environment", "14%"],
        ["Effective school leadership", "10%"], ["Effective synthesis of all Framework elements", "6%"],
        ["Strong family-community ties", "4%"]], f"{SEED_004} ~3154-3157", "Schools could list two.")
    teacher_rule = ("Current, full-time DOE educators who are tenured and received an Advance teacher evaluation "
                    "overall rating of “Satisfactory” or better; online application and interview with a joint "
                    "DOE-UFT selection committee; principals make final staffing decisions.")
    # The rules as data: designations began in 2015-16 (~3580-3581); teacher roles last up to 2 years (~2957);
    # only hosts of the larger "LP plus" networks had Master Teachers and Master Principals (~3168-3169).
    cohort = m.Network.Kind.COHORT
    for designation, stipend, eligibility, term, term_years, host_of in [
        (Designation.MODEL_TEACHER, "$7,500", teacher_rule, "Up to 2 years, then re-apply", 2, ""),
        (Designation.MASTER_TEACHER, "$20,000", teacher_rule, "Up to 2 years, then re-apply", 2, cohort),
        (Designation.MODEL_PRINCIPAL, "$15,000", "", "", None, ""),
        (Designation.MASTER_PRINCIPAL, "$25,000", "", "", None, cohort),
    ]:
        m.DesignationRule.objects.update_or_create(
            district=d, designation=designation,
            defaults={"stipend": stipend, "eligibility": eligibility, "term": term, "first_year": ys["2015-16"],
                      "max_term_years": term_years, "host_of": host_of,
                      "source": f"{SEED_004} ~2938-2958, ~3168-3169, ~3580-3581, ~4673-4677"})


# Demo sign-ins: synthetic people in the roles the seed describes (the seed uses pseudonyms and names only the
# Facilitators above, Chancellor Fariña and Lee Teitel).
PEOPLE = [  # username, name, kind, school, designation, role
    ("admin", "Dana Whitfield", K.DISTRICT_ADMIN, None, "", R.ADMIN),
    ("central", "Marcus Ortega", K.PROGRAM_DIRECTOR, None, "", R.CENTRAL),
    ("principal", "Alicia Moreno", K.PRINCIPAL, "P.S. 16", Designation.MODEL_PRINCIPAL, R.PRINCIPAL),
    ("teacher", "Jamal Greene", K.TEACHER, "P.S. 8", Designation.MODEL_TEACHER, R.TEACHER),
    ("master", "Priya Natarajan", K.TEACHER, "P.S. 34", Designation.MASTER_TEACHER, R.TEACHER),  # an LP-plus host
    ("coach", "Helen Cho", K.COACH, "P.S. 24", "", R.COACH),
    ("partner", "Tom Becker", K.EXTERNAL_CONSULTANT, None, "", R.PARTNER),
    ("researcher", "Ruth Adeyemi", K.RESEARCHER, None, "", R.RESEARCHER),
]


def _people(ctx, d, ys, schools, facilitators, networks):
    people = {}
    for username, name, kind, school_name, designation, role in PEOPLE:
        who = person(d, name, key=f"nyc.{username}", synthetic=True)
        position(who, kind, school=schools.get(school_name), start=dt.date(2014, 9, 1), designation=designation,
                 organisation="External partner organisation (synthetic)" if role == R.PARTNER else "")
        people[username] = who
    # nyc.master was once at P.S. 16 (a triad host): a database loaded then keeps no stale post there
    m.Position.objects.filter(person=people["master"]).exclude(school=schools["P.S. 34"]).delete()
    m.TeamMembership.objects.filter(person=people["master"]).exclude(team__school=schools["P.S. 34"]).delete()
    people["facilitator"] = facilitators[0]
    ctx["nyc.people"] = people
    # The two people the seed names outside the program's participants; it gives neither a start date.
    farina = person(d, "Carmen Fariña", key="nyc.farina")  # ~19, ~42, ~162, ~2851
    position(farina, K.CENTRAL_OFFICE, title="Chancellor")
    teitel = person(d, "Lee Teitel", key="nyc.teitel")  # ~4341-4342, ~5261
    position(teitel, K.EXTERNAL_PARTNER, organisation="Harvard University",
             title="Led the trainings for host principals")
    for username in ["admin", "central", "facilitator", "principal", "teacher", "master", "coach", "partner",
                     "researcher"]:
        role = R.FACILITATOR if username == "facilitator" else next(p[5] for p in PEOPLE if p[0] == username)
        sign_in(ctx, people[username], f"nyc.{username}", role)
    current = ys["2016-17"]
    for school_name, members in {
        "P.S. 16": [("principal", "leader")],
        "P.S. 34": [("master", "col_documenter")],
        "P.S. 8": [("teacher", "note_taker")],
        "P.S. 24": [("coach", "member")],
    }.items():
        team(d, f"{school_name} LPP team 2016-17", m.Team.Kind.SCHOOL_TEAM, school=schools[school_name], year=current,
             cadence="at least twice a month (MOU)", members=[(people[u], r) for u, r in members])
    quad = networks[("2016-17", "P.S. 41")]
    p8_team = m.Team.objects.get(district=d, name="P.S. 8 LPP team 2016-17")
    m.Note.objects.get_or_create(
        district=d, author=people["teacher"], title="Draft: what we want to try after the quad's visit",
        defaults={"body": "Only I can read this until I share it. (synthetic)", "school": schools["P.S. 8"],
                  "team": p8_team, "network": quad, "visibility": Visibility.PRIVATE})
    m.Note.objects.get_or_create(
        district=d, author=people["principal"], title="Norms we agreed for our triad's site visits",
        defaults={"body": "Shared with the triad. (synthetic)", "school": schools["P.S. 16"],
                  "network": networks[("2016-17", "P.S. 16")], "visibility": Visibility.NETWORK})


# (kind, subject, kept, other, seed lines, note)
NOTES = [
    ("conflict", "School team size", "about 5-7 teacher leaders and principals", "four to six participants",
     "~167; ~2135", ""),
    ("conflict", "International Schools: how long students have been in the country", "2 years or less",
     "four years or less (Internationals Network for Public Schools)", "~1270; ~1602", ""),
    ("conflict", "The program's first full year", "2014-15 (after the spring 2014 pilot)",
     "\"In the first full year of the program (2013-2014)\"", "~158, ~1253, ~3097; ~3772", ""),
    ("conflict", "Renewal Schools", "in the lowest performing 5% of the district", "bottom 5% in the state",
     "~1272; ~2976", ""),
    ("conflict", "Year of Table 12's district row", "District (2016-2017)",
     "the same figures for schools that received a QR in 2015-2016 (n=473)", "~3670; ~3644", ""),
    ("conflict", "P.S. 38 in 2015-16", "New (Table 4)",
     "Appendix C: a partner in a triad with P.S. 34 in 2014-15; 3 years in LPP", "~1848; ~7525, ~7543",
     "The demo places P.S. 38 first in 2015-16, as Table 4 says."),
    ("conflict", "P.S. 10 years in LPP", "Returning in 2015-16 (Table 4)", "Appendix C: 1 year in LPP",
     "~1633; ~7380", ""),
    ("conflict", "The year-1 triad that continued", "P.S. 10, P.S. 19, P.S. 12 in 2015-16 (Table 4)",
     "In 2014-15 the triad was P.S. 10, P.S. 11, P.S. 12 (Table 3)", "~1594, ~1890; ~1489-1517", ""),
    ("conflict", "P.S. 19 after its triad left", "Returning partner in P.S. 41's quad, 2016-17 (Table 5)",
     "\"This triad ... left the program in December 2015\"", "~1952; ~1890",
     "The demo ends the 2015-16 triad on 2015-12-31 (the seed gives the month only) and keeps P.S. 19 in 2016-17."),
    ("conflict", "P.S. 10-12 triad's grades", "Grades as in Table 3 (6-11, 6-7, 6-8)",
     "\"an elementary and middle school triad\"", "~1489-1517; ~7362", ""),
    ("conflict", "P.S. 16 triad's focus area, 2014-15", "Supporting ELLs (Table 3)",
     "\"Supporting students language acquisition\" (Appendix C)", "~1557; ~7336", ""),
    ("conflict", "District 75 triad's focus area, 2016-17", "Assessment use; supporting students with Autism (Table 5)",
     "\"Goal setting and tracking data/refining assessment to support rigorous instruction\" (Appendix C)",
     "~2013-2024; ~7465", ""),
    ("conflict", "Internationals triad's focus area, 2015-16", "Restorative Justice circles (Table 4)",
     "\"Implement restorative justice practices\" (Appendix C)", "~1664-1675; ~7596-7599", ""),
    ("conflict", "District 75 triad's focus area, 2015-16", "Assessment use in instruction (Table 4)",
     "\"Using assessment in instruction\" (Appendix C)", "~1695-1706; ~7462-7465", ""),
    ("conflict", "P.S. 26 network's focus area, 2015-16", "Math and reading differentiation strategies (Table 4)",
     "\"Differentiation strategies in reading and math\" (Appendix C)", "~1725-1740; ~7434-7437", ""),
    ("conflict", "Networks in 2014-15", "23 triads and one group of four (73 schools)", "\"the 24 triads\"",
     "~3564; ~1359", "24 networks in all; 24 triads would be 72 schools."),
    ("conflict", "Facilitator caseload", "3-4 networks each", "\"from about six to 10 schools\"", "~174; ~3772", ""),
    ("reading", "Framework elements and dimensions", "Five elements on applications", "", "~3133; ~2872-2878",
     "The Framework's six dimensions of school quality are the five elements and Trust; the applications list the "
     "five."),
    ("conflict", "Observations in 2016-17", "Table 6: 17 site visits, 30 school team meetings",
     "\"nine site visits, 14 school team meetings\"", "~2231; ~2182", ""),
    ("conflict", "Interviews", "Table 7: 62 in all", "prose totals: 23 (2014-15), 33 (2015-16), 63 overall",
     "~2310-2347; ~2297-2303", ""),
    ("reading", "Which pilot schools continued into 2014-15", "11 synthetic pilot schools", "", "~3564",
     "The seed gives the number (11), not the schools."),
    ("reading", "2015-16 network of P.S. 8", "A synthetic network", "", "~7651",
     "Appendix C says P.S. 8 was a partner for 3 years; Table 4 does not list it, so its 2015-16 network is unknown."),
    ("reading", "2014-15 networks of schools marked Returning in Table 4", "Synthetic networks", "", "~1618-1891",
     "P.S. 19, 21, 22, 24, 25, 26, 27, 34 and 37 are Returning in 2015-16 but not in Table 3."),
    ("reading", "Suspicious cells kept as printed", "P.S. 39 6% Hispanic (Table 4); P.S. 26 8% poverty; "
     "P.S. 30 10/10/10", "P.S. 39 66% Hispanic in Table 5", "~1864, ~1731, ~1764; ~2094", ""),
    ("synthetic", "Schools, networks and facilitators beyond the case studies", "Synthetic, marked so", "",
     "~3563-3570", "Placed so that every year's network types, school counts and returning counts match the seed; "
     "they carry no demographics."),
    ("synthetic", "Program staff and school staff", "Synthetic people", "", "~3782",
     "The seed uses pseudonyms for all participants and names only the Facilitators Kimberly, Larry and Kristina, "
     "Chancellor Carmen Fariña and Lee Teitel; the demo's sign-ins and other staff are invented and marked synthetic."),
    ("reading", "Facilitators the seed names", "Kimberly: the District 75 (assessment) triad in 2015-16; Larry: "
     "P.S. 16's triad in 2014-15; Kristina: a Facilitator in 2015-16; the P.S. 10 triad's Facilitator, a former "
     "assistant principal, in 2014-15", "", "~1367, ~4366-4367, ~4973, ~5253-5254, ~5868-5869, ~5885-5908",
     "In the year-1 sample each triad had a different Facilitator. The seed ties Larry to \"the dual language "
     "triad\" in May 2015: the demo reads it as P.S. 16's triad. Every other assignment is synthetic, all of "
     "2016-17 among them (Kimberly, a Facilitator that year, keeps the District 75 triad and Larry P.S. 16's, now "
     "the dual language triad); the seed gives no Facilitator's start date."),
    ("conflict", "Principal and Facilitator quotes dated before their schools joined",
     "The quotes as dated: P.S. 20 Principal, January 2014 and January 2015; Kimberly on the P.S. 23 triad, "
     "January 2015", "P.S. 20 and P.S. 23 are New in 2015-16 (Table 4); Table 8 gives P.S. 20's research year as "
     "2015-2016; Appendix C: P.S. 20 was 2 years in LPP, 2015-2016 and 2016-2017",
     "~3942, ~4090, ~4531, ~4738, ~4367; ~1664-1665, ~1695-1696, ~2374-2375, ~7596-7617",
     "The January 2014 quote also speaks of the Model Teacher role added \"in the second year of the program\", "
     "which began in 2015-16 (~3580-3581), P.S. 20's first year; the pilot itself began in the spring of 2014."),
    ("synthetic", "Sub-groups of P.S. 26's cohort, 2015-16", "Three sub-groups by grade band and subject area, "
     "each with the cohort's focus area; which schools are in which is synthetic", "",
     "~3230-3233, ~7434-7437, ~1725-1805",
     "The seed says the DOE recommended that LP plus networks split into sub-groups of smaller learning communities, "
     "and that P.S. 26's network of eight schools \"divided itself into subgroups by grade band and subject area, "
     "with all groups broadly working on\" its focus area. It gives neither the number of sub-groups nor their "
     "schools. A sub-group is not counted as a network of its own: it sits inside its cohort, so the program's "
     "network counts stay the seed's."),
    ("synthetic", "Sub-groups and pods of P.S. 34's cohort", "2015-16: three sub-groups of two partner schools; "
     "2016-17: pods for lesson planning, interdisciplinary instruction and social-emotional learning; which schools "
     "are in which is synthetic", "", "~7524-7530, ~7549-7565",
     "The seed says the network \"divided itself into three subgroups of two partner school teams each supported by "
     "host Model Teachers\" in 2015-16, and in 2016-17 into \"pods\" by focus areas \"including\" those three; "
     "P.S. 38 was a partner both years and P.S. 34 designed school-wide PD from its pod work. The demo lists the "
     "two partners as a 2015-16 sub-group's schools (the host's Model Teachers support each), puts P.S. 38, which "
     "set its goal from Danielson indicator 1e on planning, in the lesson planning pod, and places the rest."),
    ("reading", "Schools outside the analytic sample", "Case-study schools as Tables 3-5 give them, without Appendix "
     "C entries of their own", "",
     "~2712-2714, ~7269-7276, ~7335-7338, ~7354-7355, ~7434-7435, ~7462-7464, ~7526-7527, ~7653-7654",
     "Appendix C covers the 15 schools of the analytic sample: P.S. 8, P.S. 10-16, P.S. 20, P.S. 21, P.S. 23, "
     "P.S. 24, P.S. 26, P.S. 34 and P.S. 38. It says that P.S. 16's partners (2014-15 and 2016-17), P.S. 26's "
     "partners, P.S. 34's partners other than P.S. 38, the District 75 triad's third school each year and the other "
     "schools of P.S. 8's 2016-17 quad are not in the analytic sample: by Tables 3-5, P.S. 17, 18, 43 and 44; "
     "P.S. 27-33; P.S. 35-37, 39 and 40; P.S. 25 and P.S. 45; P.S. 19, 41 and 42. The demo keeps them, and "
     "the case-study schools Appendix C does not mention (P.S. 1-7, P.S. 9, P.S. 22), in their networks with their "
     "tables' grades and demographics, and gives none of them a year-long goal, problem of practice or cycle."),
    ("conflict", "Table 7's rows and totals", "Table 7 as printed: 23 interviews in 2014-15, 32 in 2015-16",
     "its rows add up to 24 (9 + 1 + 11 + 3) and 31 (10 + 1 + 16 + 4)", "~2305-2330", ""),
    ("conflict", "Observations in all", "Table 6: 236 observations", "the text's counts add up to 209 (78, 98 and 33)",
     "~2218-2262; ~2176-2185", ""),
    ("conflict", "School team meeting field notes", "Table 6: 88 school team meetings observed",
     "\"81 sets of school team meeting field notes\"", "~2262; ~2768", ""),
]

# School facts by year and the designations' terms (kind, subject, kept, other, seed lines, note).
FACTS_BY_YEAR_NOTES = [
    ("reading", "Grade spans by year", "Each year's span as its table prints it; the school's current span is the "
     "latest table's", "P.S. 16 PK-8 (2014-15) and K-8 (2016-17); P.S. 19 and P.S. 39 6-12 (2015-16) and 9-12 "
     "(2016-17); P.S. 23 K-12 (2015-16) and PK-12 (2016-17)", "~1548, ~1972; ~1642, ~1858, ~1952, ~2088; ~1695, ~2003",
     "Tables 3-5 give grades per school year; exports and the API give the span of the year asked."),
    ("synthetic", "Designation terms", "Designations from 2015-16; teachers' for two years", "",
     "~3580-3581, ~2956-2957, ~3168-3169",
     "The seed names no holder and gives no dates: each demo designation begins with its holder's post, not before "
     "2015-16, and a teacher's lasts two years. The Master Teacher sign-in is at P.S. 34, host of an LP-plus cohort "
     "in 2015-16 and 2016-17, as only LP-plus hosts had Master Teachers."),
    ("gap", "P.S. 16 in 2015-16", "In the program (its principal sign-in a Model Principal from 2015-16); in no "
     "2015-16 network", "", "~7335-7336, ~7349-7351; ~1972-1973; ~1618",
     "Appendix C gives P.S. 16 3 years in LPP and 2 in the research sample (2014-2015; 2016-2017), and Table 5 lists "
     "it as Returning; Table 4 (2015-16) does not list it, and the seed does not say which network it was in that "
     "year, so the demo gives it none."),
]
