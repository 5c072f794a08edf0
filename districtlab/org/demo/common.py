"""Helpers shared by the demo districts: sign-ins, people, data notes, reference tables."""
import datetime as dt
import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from districtlab.core import roles as R
from districtlab.core.roles import Designation
from districtlab.demo.loader import DEMO_PASSWORD

from .. import models as m

SEED_000 = "seeds/000_88d72e528ea4eb2c.txt"
SEED_001 = "seeds/001_2d8d388984eb60e9.txt"
SEED_002 = "seeds/002_9e778af49a55b3d7.txt"
SEED_003 = "seeds/003_1dc695f5978cbc99.txt"
SEED_004 = "seeds/004_2e8fd0a8b8cbd6f7.txt"


def years(district, spans, current):
    """School years ``[(name, start, end)]``; ``current`` becomes the district's current year."""
    out = {}
    for name, start, end in spans:
        out[name], _ = m.SchoolYear.objects.update_or_create(
            district=district, name=name, defaults={"start": start, "end": end})
    if district.current_school_year_id != out[current].pk:
        district.current_school_year = out[current]
        district.save(update_fields=["current_school_year"])
    return out


def sept_to_june(first: int, last: int):
    """School years named as schools say them ("2014-15"), September to June."""
    return [(f"{y}-{(y + 1) % 100:02d}", dt.date(y, 9, 1), dt.date(y + 1, 6, 30)) for y in range(first, last + 1)]


SEED_OF = {"NYC DOE": SEED_004, "Highline": SEED_000, "SOAR": SEED_001}
UNNAMED = (" (unnamed in the seed)", " (unnamed)")  # how the demo's code marks a person the seed does not name


UNNAMED_NOTE = ("People the seed quotes or describes without a name appear by their role (e.g. “P.S. 24 principal”). "
                "They are tagged synthetic: the start dates of their positions, from which tenure is derived, are the "
                "demo's (where the seed gives a year, the day is the demo's).")


def person(district, name, *, key=None, synthetic=False, pseudonym=False):
    """A person, found again on the next load by ``key`` (stored as a demo email) or by name.

    A person the seed does not name is written here as ``"P.S. 24 principal (unnamed in the seed)"``: the name
    kept is the plain label (``"P.S. 24 principal"``), so greetings and lists read as words, and the district's
    data note "Unnamed people" records that such people appear by role. Such a person is tagged synthetic: the
    seed gives none of them a start date to the day, so the dates their tenure is derived from are the demo's.
    """
    marker = next((u for u in UNNAMED if name.endswith(u)), "")
    if marker:
        name = name[: -len(marker)]
        synthetic = True
        # only if missing: a district's own note (its data_notes) may say more, and loading again must not write both
        m.DataNote.objects.get_or_create(district=district, subject="Unnamed people", defaults={
            "kind": m.DataNote.Kind.GAP, "kept": "Listed by role",
            "sources": f"{SEED_OF.get(district.short_name, '')} —",
            "note": UNNAMED_NOTE})
    email = f"{key}@demo.districtlab.org" if key else ""
    lookup = {"email": email} if key else {"name": name}
    p, _ = m.Person.objects.update_or_create(
        district=district, **lookup, defaults={"name": name, "synthetic": synthetic, "pseudonym": pseudonym})
    return p


def position(who, kind, *, school=None, start=None, end=None, designation="", title="", organisation=""):
    """A position; a designation on it keeps the district's DesignationRule (checked here, so the demo obeys it):
    it begins with the position but not before the designation's first year, and lasts the rule's longest term
    (the seeds give no holder's dates: the district's data note "Designation terms" says so)."""
    designation_start = designation_end = None
    if designation:
        rule = (m.DesignationRule.objects.filter(district=who.district, designation=designation)
                .select_related("first_year").first())
        designation_start = start
        if rule and rule.first_year and (start is None or start < rule.first_year.start):
            designation_start = rule.first_year.start
        if rule and rule.max_term_years and designation_start:
            designation_end = m.add_years(designation_start, rule.max_term_years) - dt.timedelta(days=1)
            if end and end < designation_end:
                designation_end = end
    pos, _ = m.Position.objects.update_or_create(
        person=who, district=who.district, kind=kind, school=school,
        defaults={"start": start, "end": end, "designation": designation, "title": title,
                  "organisation": organisation, "designation_start": designation_start,
                  "designation_end": designation_end})
    if designation:
        pos.full_clean()
    return pos


@functools.cache
def demo_password_hash() -> str:
    """The demo password, hashed once per process: every demo sign-in shares it (hashing takes a quarter second)."""
    return make_password(DEMO_PASSWORD)


def sign_in(ctx, who, username, role):
    """Give ``who`` a demo sign-in and list it for the README and ``districtlab demo``."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.password = demo_password_hash()
        user.save()
    if who.user_id != user.pk:
        who.user = user
        who.save(update_fields=["user"])
    where = ", ".join(sorted({p.school.name for p in who.positions.all() if p.school}))
    label = R.ROLE_LABELS[role]
    designations = dict(Designation.choices)
    for p in who.positions.all():
        if p.designation:
            label = designations[p.designation]
    ctx.sign_ins.append((username, label, f"{who.name}{' at ' + where if where else ''} ({who.district.short_name})"))


# Subjects of notes the demo no longer makes (renamed or found not to hold): removed on the next load.
RETIRED_NOTES = ["Issue 6's framing: P.S. 12 taking P.S. 10's practices", "Framework elements", "Year of Table 1",
                 "P.S. 14 and P.S. 15's 2014-15 work as cycles", "Problems of practice of P.S. 14 and P.S. 15"]


def data_notes(district, seed: str, notes):
    """Data notes ``[(kind, subject, kept, other, seed lines, note)]``, each citing ``seed`` and its lines."""
    m.DataNote.objects.filter(district=district, subject__in=RETIRED_NOTES).delete()
    for kind, subject, kept, other, lines, note in notes:
        m.DataNote.objects.update_or_create(
            district=district, subject=subject,
            defaults={"kind": kind, "kept": kept, "other": other, "sources": f"{seed} {lines}", "note": note})


def reference_table(district, title, columns, rows, source, note=""):
    m.ReferenceTable.objects.update_or_create(
        district=district, title=title,
        defaults={"columns": columns, "rows": rows, "source": source, "note": note})


def demographics(school, year, values: dict, source):
    for measure, value in values.items():
        m.Demographic.objects.update_or_create(
            school=school, school_year=year, measure=measure, defaults={"value": value, "source": source})


def team(district, name, kind, *, school=None, year=None, cadence="", synthetic=False, members=()):
    """A team and its members ``[(person, team role)]``."""
    t, _ = m.Team.objects.update_or_create(
        district=district, name=name,
        defaults={"kind": kind, "school": school, "school_year": year, "meeting_cadence": cadence,
                  "synthetic": synthetic})
    for who, role in members:
        m.TeamMembership.objects.get_or_create(team=t, person=who, role=role,
                                               defaults={"start": year.start if year else None})
    return t
