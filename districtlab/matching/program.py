"""A school's history in the program, said once for applications, review, publishing and graduation (issue 14).

Returning schools continue for up to three years, then graduate (seed 004 ~3571); the number is the call's
``years_before_graduation``. A year in the program is a school year in which the school belonged to one of the
program's networks (a cohort's sub-group counts once, in its cohort).
"""
from django.db.models import Count

from districtlab.org.models import NetworkMembership, SchoolYear


def year_before(year: SchoolYear) -> SchoolYear | None:
    """The district's school year just before ``year`` (the one a call's returning schools are in now)."""
    return (SchoolYear.objects.filter(district_id=year.district_id, start__lt=year.start)
            .order_by("-start").first())


def years_in_program(school_ids, before: SchoolYear) -> dict[int, int]:
    """School id → how many consecutive school years, ending with the one just before ``before``, it has been in
    the program (0 for a school not in it that year): what a call counts toward graduation."""
    years = list(SchoolYear.objects.filter(district_id=before.district_id, start__lt=before.start)
                 .order_by("-start").values_list("pk", flat=True))
    rows = (NetworkMembership.objects.program().filter(school_id__in=list(school_ids), network__school_year_id__in=years)
            .values("school_id", "network__school_year_id").annotate(n=Count("pk")))
    member = {(r["school_id"], r["network__school_year_id"]) for r in rows}
    counts = {}
    for school in school_ids:
        n = 0
        for year in years:
            if (school, year) not in member:
                break
            n += 1
        counts[school] = n
    return counts


def graduates(years: int, limit: int) -> bool:
    """Does a school with ``years`` consecutive years in the program graduate instead of continuing?

    >>> graduates(3, 3), graduates(2, 3)
    (True, False)
    """
    return years >= limit
